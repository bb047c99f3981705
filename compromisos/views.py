"""HTML views of the follow-up workflow, for commitments of every kind: one institution's
record, reports, evidence, observations, review, the officer's inbox and coordination's
review queue. Thin: permissions from snimh/permisos.py, reads from selectors.py, writes
through services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from snimh import permisos
from snimh.views import InternoMixin, aplicar_errores

from . import buzon, forms, selectors, services, tipos
from .archivos import respuesta_de_descarga
from .models import Evidencia, Reporte, Seguimiento


def _destino_seguro(request, por_omision):
    """Where to go after a POST: the ``siguiente`` field when it is a URL of this site
    (the review queue sends it), never an outside address."""
    destino = request.POST.get("siguiente", "")
    if destino and url_has_allowed_host_and_scheme(destino, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return destino
    return por_omision


class SeguimientoMixin(InternoMixin):
    """Views on one institution's follow-up record; the record itself is internal, not secret."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        consulta = Seguimiento.objects.select_related("compromiso", *tipos.relacionados("compromiso__"), "institucion")
        self.seguimiento = get_object_or_404(consulta, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class SeguimientoDetailView(SeguimientoMixin, DetailView):
    template_name = "compromisos/seguimiento.html"
    context_object_name = "seguimiento"

    def get_object(self, queryset=None):
        return selectors.seguimiento_para_detalle(self.kwargs["pk"], self.request.user)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        usuario = self.request.user
        seguimiento = self.object
        contexto["puede_actuar"] = permisos.puede_actuar_en_seguimiento(usuario, seguimiento)
        contexto["puede_revisar"] = permisos.puede_revisar(usuario)
        if contexto["puede_revisar"]:
            contexto["form_revision"] = forms.RevisionForm()
            contexto["form_observacion"] = forms.ObservacionForm()
        if permisos.puede_cambiar_estatus_seguimiento(usuario, seguimiento):
            contexto["form_estatus"] = forms.EstatusSeguimientoForm(
                initial={"version": seguimiento.version, "estatus": seguimiento.estatus}
            )
        contexto["evidencias_retirables"] = {
            e.pk for e in seguimiento.evidencias.all() if permisos.puede_retirar_evidencia(usuario, e)
        }
        contexto["historial"] = seguimiento.historial_estatus.select_related("usuario").order_by("fecha", "registrado")
        contexto["compromiso"] = seguimiento.compromiso.especifico
        contexto["tipo"] = tipos.tipo(seguimiento.compromiso.tipo)
        # The prefetched reports are the ones the template loops over: each commentable one
        # carries its own form (distinct field ids on the page).
        for reporte in seguimiento.reportes.all():
            if permisos.puede_comentar_reporte(usuario, reporte):
                reporte.form_comentario = forms.ComentarioForm(prefix=forms.ComentarioForm.prefijo(reporte))
        return contexto


class _AccionEnSeguimientoView(SeguimientoMixin, FormView):
    """Report or upload on a follow-up record: its institution's officers and coordination."""

    def test_func(self):
        return permisos.puede_actuar_en_seguimiento(self.request.user, self.seguimiento)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "seguimiento": self.seguimiento}

    def get_initial(self):
        observacion = self.request.GET.get("responde_a")
        return {"responde_a": observacion} if observacion and observacion.isdigit() else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(seguimiento=self.seguimiento, **kwargs)

    def ejecutar(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.ejecutar(form)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        return redirect(self.seguimiento)


class ReporteCrearView(_AccionEnSeguimientoView):
    template_name = "compromisos/reporte_form.html"
    form_class = forms.ReporteForm

    def ejecutar(self, form):
        services.reporte_crear(seguimiento=self.seguimiento, autor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Reporte de avance registrado; queda en revisión de la coordinación."))


class EvidenciaSubirView(_AccionEnSeguimientoView):
    template_name = "compromisos/evidencia_form.html"
    form_class = forms.EvidenciaForm

    def ejecutar(self, form):
        try:
            services.evidencia_subir(seguimiento=self.seguimiento, autor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # A refused file: the reason goes next to the file field.
            raise ValidationError({"archivo": error.messages}) from error
        messages.success(self.request, _("Evidencia recibida; queda en revisión de la coordinación."))


class _ObjetoVisibleMixin(InternoMixin):
    """Evidence and reports another institution may not see answer 404: their existence does not leak."""

    def obtener(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not permisos.puede_ver_registro_interno(request.user):
            raise PermissionDenied
        self.objeto = self.obtener()
        return super().dispatch(request, *args, **kwargs)


class EvidenciaDescargarView(_ObjetoVisibleMixin, View):
    def obtener(self):
        visibles = permisos.evidencias_visibles(self.request.user, Evidencia.objects.select_related("seguimiento"))
        return get_object_or_404(visibles, pk=self.kwargs["pk"])

    def get(self, request, pk):
        return respuesta_de_descarga(self.objeto)


class EvidenciaRetirarView(_ObjetoVisibleMixin, FormView):
    template_name = "compromisos/evidencia_retirar.html"
    form_class = forms.RetiroForm

    def obtener(self):
        visibles = permisos.evidencias_visibles(
            self.request.user, Evidencia.objects.select_related(
                "seguimiento__compromiso", *tipos.relacionados("seguimiento__compromiso__"), "seguimiento__institucion")
        )
        evidencia = get_object_or_404(visibles, pk=self.kwargs["pk"])
        if not permisos.puede_retirar_evidencia(self.request.user, evidencia):
            raise PermissionDenied
        return evidencia

    def get_context_data(self, **kwargs):
        return super().get_context_data(evidencia=self.objeto, **kwargs)

    def form_valid(self, form):
        try:
            services.evidencia_retirar(evidencia=self.objeto, usuario=self.request.user, motivo=form.cleaned_data["motivo"])
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Evidencia retirada. El archivo se conserva en el historial."))
        return redirect(self.objeto.seguimiento)


class _RevisarView(_ObjetoVisibleMixin, View):
    http_method_names = ["post"]
    servicio = None

    def post(self, request, pk):
        if not permisos.puede_revisar(request.user):
            raise PermissionDenied
        form = forms.RevisionForm(request.POST)
        seguimiento = self.objeto.seguimiento
        if form.is_valid():
            try:
                self.revisar(form.cleaned_data)
            except ValidationError as error:
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Revisión registrada."))
        else:
            for errores in form.errors.values():
                for mensaje in errores:
                    messages.error(request, mensaje)
        return redirect(_destino_seguro(request, seguimiento.get_absolute_url()))


class EvidenciaRevisarView(_RevisarView):
    def obtener(self):
        visibles = permisos.evidencias_visibles(self.request.user, Evidencia.objects.select_related("seguimiento"))
        return get_object_or_404(visibles, pk=self.kwargs["pk"])

    def revisar(self, datos):
        datos.pop("confirmar_propuesta", None)  # evidence carries no proposal
        services.evidencia_revisar(evidencia=self.objeto, usuario=self.request.user, **datos)


class ReporteRevisarView(_RevisarView):
    def obtener(self):
        visibles = permisos.reportes_visibles(self.request.user, Reporte.objects.select_related("seguimiento"))
        return get_object_or_404(visibles, pk=self.kwargs["pk"])

    def revisar(self, datos):
        services.reporte_revisar(reporte=self.objeto, usuario=self.request.user, **datos)


class ObservacionCrearView(SeguimientoMixin, View):
    http_method_names = ["post"]

    def test_func(self):
        return permisos.puede_revisar(self.request.user)

    def post(self, request, pk):
        form = forms.ObservacionForm(request.POST)
        if form.is_valid():
            try:
                services.observacion_crear(seguimiento=self.seguimiento, autor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Observación enviada a la institución."))
        else:
            for errores in form.errors.values():
                for mensaje in errores:
                    messages.error(request, mensaje)
        return redirect(self.seguimiento)


class SeguimientoEstatusView(SeguimientoMixin, View):
    http_method_names = ["post"]

    def test_func(self):
        return permisos.puede_cambiar_estatus_seguimiento(self.request.user, self.seguimiento)

    def post(self, request, pk):
        form = forms.EstatusSeguimientoForm(request.POST)
        if form.is_valid():
            try:
                services.seguimiento_cambiar_estatus(
                    seguimiento=self.seguimiento, usuario=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Estatus de la institución actualizado; el cambio queda en el historial."))
        else:
            for errores in form.errors.values():
                for mensaje in errores:
                    messages.error(request, mensaje)
        return redirect(self.seguimiento)


class ComentarioCrearView(_ObjetoVisibleMixin, View):
    """A supervising institution comments on a report of a commitment it supervises."""

    http_method_names = ["post"]

    def obtener(self):
        visibles = permisos.reportes_visibles(
            self.request.user, Reporte.objects.select_related("seguimiento__compromiso"))
        reporte = get_object_or_404(visibles, pk=self.kwargs["pk"])
        if not permisos.puede_comentar_reporte(self.request.user, reporte):
            raise PermissionDenied
        return reporte

    def post(self, request, pk):
        form = forms.ComentarioForm(request.POST, prefix=forms.ComentarioForm.prefijo(self.objeto))
        if form.is_valid():
            try:
                services.comentario_crear(reporte=self.objeto, autor=request.user, **form.cleaned_data)
            except ValidationError as error:
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Comentario registrado; la institución y la coordinación lo leen."))
        else:
            for errores in form.errors.values():
                for mensaje in errores:
                    messages.error(request, mensaje)
        return redirect(self.objeto.seguimiento)


class PendientesView(InternoMixin, ListView):
    """The officer's inbox: what its institution must still do, and the observations to answer."""

    template_name = "compromisos/pendientes.html"
    paginate_by = 25
    context_object_name = "seguimientos"

    def test_func(self):
        return permisos.puede_ver_pendientes(self.request.user)

    def get_queryset(self):
        return selectors.pendientes_de_institucion(self.request.user.institucion_id)

    def get_context_data(self, **kwargs):
        institucion_id = self.request.user.institucion_id
        return super().get_context_data(
            observaciones=selectors.observaciones_sin_respuesta(institucion_id)[:50],
            institucion=self.request.user.institucion,
            secciones=buzon.secciones_para(self.request.user, timezone.localdate()),
            **kwargs,
        )


class RevisionView(InternoMixin, TemplateView):
    """Coordination's queue: evidence and reports waiting for review, oldest first."""

    template_name = "compromisos/revision.html"
    limite = 30

    def test_func(self):
        return permisos.puede_revisar(self.request.user)

    def get_context_data(self, **kwargs):
        elementos, total = selectors.cola_de_revision(self.limite)
        return super().get_context_data(
            elementos=elementos, total=total, limite=self.limite,
            observaciones=selectors.observaciones_sin_respuesta()[:self.limite],
            **kwargs,
        )


