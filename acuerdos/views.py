"""HTML views of the follow-up workflow. Thin: permissions from snimh/permisos.py,
reads from selectors.py, writes through services.py."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from cuestionarios import selectors as selectores_cuestionarios
from instituciones import services as servicios_padron
from instituciones.models import Rol
from sesiones.models import Sesion
from snimh import exportacion, permisos
from snimh.views import InternoMixin, ListaFiltradaMixin, PermisoMixin, aplicar_errores
from trabajos import services as servicios_trabajos
from trabajos.models import TipoTrabajo

from . import forms, importacion, selectors, services, tablero
from .archivos import respuesta_de_descarga
from .models import Acuerdo, Evidencia, Grupo, Reporte, Seguimiento, instituciones_del_grupo


def _destino_seguro(request, por_omision):
    """Where to go after a POST: the ``siguiente`` field when it is a URL of this site
    (the review queue sends it), never an outside address."""
    destino = request.POST.get("siguiente", "")
    if destino and url_has_allowed_host_and_scheme(destino, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return destino
    return por_omision


class TableroView(InternoMixin, TemplateView):
    template_name = "acuerdos/tablero.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tablero=tablero.tablero(), roles=Rol.choices,
            cuestionarios=selectores_cuestionarios.resumen_para_tablero(hoy=timezone.localdate()), **kwargs)


class AcuerdoListView(InternoMixin, ListaFiltradaMixin, ListView):
    template_name = "acuerdos/lista.html"
    paginate_by = 25
    context_object_name = "acuerdos"

    def filtrar(self, parametros):
        return selectors.acuerdos_filtrados(parametros)


class AcuerdoExportarView(InternoMixin, View):
    """Exactly the filtered set of the list page, every page of it."""

    formato = None

    def get(self, request):
        filtro = selectors.acuerdos_filtrados(request.GET)
        filas = selectors.filas_de_exportacion(filtro.qs)
        encabezados = selectors.encabezados_de_exportacion()
        if self.formato == "csv":
            contenido = exportacion.como_csv(encabezados, filas)
        else:
            contenido = exportacion.como_xlsx(
                _("Acuerdos"), encabezados, filas, anchos=(9, 14, 30, 12, 80, 30, 12, 40, 13, 10),
            )
        return exportacion.respuesta(self.formato, f"acuerdos-snimh-{exportacion.sello_de_fecha()}", contenido)


class AcuerdoDetailView(InternoMixin, DetailView):
    template_name = "acuerdos/detalle.html"
    context_object_name = "acuerdo"
    # The newest evidence and observations; the rest are on each institution's page.
    limite_archivos = 50
    # The newest movements; ?historial=completo shows them all.
    limite_linea_de_tiempo = 100

    def _linea_de_tiempo(self, acuerdo, usuario):
        entradas = selectors.linea_de_tiempo(acuerdo, usuario)
        completa = self.request.GET.get("historial") == "completo"
        return {
            "linea_de_tiempo": entradas if completa else entradas[-self.limite_linea_de_tiempo:],
            "movimientos_totales": len(entradas),
            "linea_de_tiempo_recortada": not completa and len(entradas) > self.limite_linea_de_tiempo,
        }

    def get_object(self, queryset=None):
        try:
            return selectors.acuerdo_para_detalle(self.kwargs["numero"])
        except Acuerdo.DoesNotExist as error:
            raise Http404(_("No existe ese acuerdo.")) from error

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        acuerdo = self.object
        usuario = self.request.user
        contexto.update(
            seguimientos=acuerdo.seguimientos.all(),
            resumen=acuerdo.resumen_seguimientos(),
            avance=acuerdo.avance_de_seguimientos(),
            grupos=selectors.grupos_con_instituciones(acuerdo),
            historial_estatus=acuerdo.historial_estatus.all(),
            puede_editar=permisos.puede_editar_acuerdos(usuario),
            puede_otorgar_roles=permisos.puede_editar_padron(usuario),
            revisiones=acuerdo.revisiones.select_related("sesion").order_by("sesion__fecha"),
            **self._linea_de_tiempo(acuerdo, usuario),
            evidencias=selectors.evidencias_de_acuerdo(acuerdo, usuario, self.limite_archivos),
            observaciones=selectors.observaciones_de_acuerdo(acuerdo, usuario, self.limite_archivos),
            limite_archivos=self.limite_archivos,
        )
        if permisos.puede_cambiar_estatus_acuerdo(usuario, acuerdo):
            contexto["form_estatus"] = kwargs.get("form_estatus") or forms.EstatusAcuerdoForm(
                initial={"version": acuerdo.version, "estatus": acuerdo.estatus}
            )
        return contexto


class AcuerdoCambiarEstatusView(InternoMixin, View):
    http_method_names = ["post"]

    def post(self, request, numero):
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        if not permisos.puede_cambiar_estatus_acuerdo(request.user, acuerdo):
            raise PermissionDenied
        form = forms.EstatusAcuerdoForm(request.POST)
        if form.is_valid():
            try:
                services.acuerdo_cambiar_estatus(
                    acuerdo=acuerdo, usuario=request.user, **form.cleaned_data,
                )
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Estatus del acuerdo actualizado."))
                return redirect(acuerdo)
        vista = AcuerdoDetailView(request=request, kwargs={"numero": numero}, args=())
        vista.object = vista.get_object()
        return vista.render_to_response(vista.get_context_data(form_estatus=form), status=400)


class SeguimientoMixin(InternoMixin):
    """Views on one institution's follow-up record; the record itself is internal, not secret."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.seguimiento = get_object_or_404(Seguimiento.objects.select_related("acuerdo__sesion", "institucion"),
                                             pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class SeguimientoDetailView(SeguimientoMixin, DetailView):
    template_name = "acuerdos/seguimiento.html"
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
    template_name = "acuerdos/reporte_form.html"
    form_class = forms.ReporteForm

    def ejecutar(self, form):
        services.reporte_crear(seguimiento=self.seguimiento, autor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Reporte de avance registrado; queda en revisión de la coordinación."))


class EvidenciaSubirView(_AccionEnSeguimientoView):
    template_name = "acuerdos/evidencia_form.html"
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
    template_name = "acuerdos/evidencia_retirar.html"
    form_class = forms.RetiroForm

    def obtener(self):
        visibles = permisos.evidencias_visibles(
            self.request.user, Evidencia.objects.select_related("seguimiento__acuerdo__sesion", "seguimiento__institucion")
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


# Import of the historical record ----------------------------------------------------

class _ImportarMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self):
        return permisos.puede_importar(self.request.user)


class ImportarView(_ImportarMixin, FormView):
    """Upload → preview (a dry run) → confirm. The file waits in the session between steps."""

    template_name = "acuerdos/importar.html"
    form_class = forms.ImportarForm
    LLAVE = "importacion_pendiente"

    def post(self, request, *args, **kwargs):
        if "confirmar" in request.POST:
            return self.confirmar()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        import base64

        archivo = form.cleaned_data["archivo"]
        contenido = archivo.read()
        resultado = importacion.importar(archivo.name, contenido, simular=True)
        if resultado.valido:
            self.request.session[self.LLAVE] = {"nombre": archivo.name, "contenido": base64.b64encode(contenido).decode()}
        return self.render_to_response(self.get_context_data(
            form=form, resultado=resultado, vista_previa=True,
            resumen_de_la_vista_previa=importacion.resumen_en_texto(resultado, nuevas=False)))

    def confirmar(self):
        import base64

        pendiente = self.request.session.pop(self.LLAVE, None)
        if not pendiente:
            messages.error(self.request, _("No hay una importación pendiente: vuelva a subir el archivo."))
            return redirect("acuerdos:importar")
        # Saved by a background worker (acuerdos/tareas.py), all or nothing, while the
        # person follows its progress; the preview already showed what it will change.
        trabajo, _nuevo = servicios_trabajos.trabajo_iniciar(
            tipo=TipoTrabajo.IMPORTACION, usuario=self.request.user, parametros={"nombre": pendiente["nombre"]},
            descripcion=_("Importación de «%(nombre)s»") % {"nombre": pendiente["nombre"]},
            entrada=base64.b64decode(pendiente["contenido"]), nombre_entrada=pendiente["nombre"],
        )
        return redirect(trabajo)


class PlantillaImportacionView(_ImportarMixin, View):
    def get(self, request):
        respuesta = FileResponse(
            io.BytesIO(importacion.plantilla_xlsx()), as_attachment=True, filename="plantilla-acuerdos-snimh.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return respuesta


class PendientesView(InternoMixin, ListView):
    """The officer's inbox: what its institution must still do, and the observations to answer."""

    template_name = "acuerdos/pendientes.html"
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
            cuestionarios=selectores_cuestionarios.pendientes_de_institucion(
                institucion_id=institucion_id, hoy=timezone.localdate()),
            **kwargs,
        )


class RevisionView(InternoMixin, TemplateView):
    """Coordination's queue: evidence and reports waiting for review, oldest first."""

    template_name = "acuerdos/revision.html"
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


# Coordination's workspace: agreements recorded from their session -------------------------

def _vista_previa_de_grupos(sesion):
    """``[(value, label, [institutions])]``: whom each group would bind for an agreement of
    ``sesion``, shown before the agreement is saved."""
    return [(valor, etiqueta, list(instituciones_del_grupo(valor, sesion).order_by("nombre")))
            for valor, etiqueta in Grupo.choices]


class _AcuerdoFormView(PermisoMixin, FormView):
    permiso = staticmethod(permisos.puede_editar_acuerdos)
    template_name = "acuerdos/form.html"
    form_class = forms.AcuerdoForm
    acuerdo = None
    sesion = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sesion": self.sesion, "instance": self.acuerdo}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sesion=self.sesion, acuerdo=self.acuerdo, grupos=_vista_previa_de_grupos(self.sesion), **kwargs)

    def form_valid(self, form):
        try:
            acuerdo = self.guardar(form)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        return redirect(acuerdo)


class AcuerdoCrearView(_AcuerdoFormView):
    """Record an agreement adopted (or to be voted) in a session."""

    def dispatch(self, request, *args, **kwargs):
        self.sesion = get_object_or_404(Sesion, pk=kwargs["pk"])
        if self.sesion.estado == Sesion.Estado.CANCELADA:
            messages.error(request, _("La sesión fue cancelada: no se registran acuerdos en ella."))
            return redirect(self.sesion)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"numero": Acuerdo.objects.siguiente_numero()}

    def guardar(self, form):
        datos = form.cleaned_data
        acuerdo = services.acuerdo_crear(
            sesion=self.sesion, usuario=self.request.user, instituciones=datos["instituciones"],
            grupos=datos["grupos"], objetivos=datos["objetivos"], motivo_estatus=_("Adoptado en la sesión."),
            **form.datos_del_acuerdo(),
        )
        messages.success(self.request, ngettext(
            "Se registró el acuerdo %(cita)s con %(n)s institución responsable.",
            "Se registró el acuerdo %(cita)s con %(n)s instituciones responsables.",
            acuerdo.seguimientos.count()) % {"cita": acuerdo.cita, "n": acuerdo.seguimientos.count()})
        return acuerdo


class AcuerdoEditarView(_AcuerdoFormView):
    def dispatch(self, request, *args, **kwargs):
        self.acuerdo = get_object_or_404(
            Acuerdo.objects.select_related("sesion").prefetch_related("seguimientos", "grupos_responsables", "objetivos"),
            numero=kwargs["numero"],
        )
        self.sesion = self.acuerdo.sesion
        return super().dispatch(request, *args, **kwargs)

    def guardar(self, form):
        datos = form.cleaned_data
        acuerdo = services.acuerdo_actualizar(
            acuerdo=self.acuerdo, version=datos["version"], usuario=self.request.user,
            instituciones=list(datos["instituciones"]), grupos=datos["grupos"], objetivos=datos["objetivos"],
            **form.datos_del_acuerdo(),
        )
        messages.success(self.request, _("Se guardaron los cambios del acuerdo %(cita)s.") % {"cita": acuerdo.cita})
        return acuerdo


class AcuerdoRetirarView(PermisoMixin, FormView):
    """Retire an agreement that lost its object («sin materia»), with its reason."""

    permiso = staticmethod(permisos.puede_editar_acuerdos)
    template_name = "acuerdos/retirar.html"
    form_class = forms.RetiroAcuerdoForm

    def dispatch(self, request, *args, **kwargs):
        self.acuerdo = get_object_or_404(Acuerdo.objects.select_related("sesion"), numero=kwargs["numero"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.acuerdo.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(acuerdo=self.acuerdo, **kwargs)

    def form_valid(self, form):
        try:
            services.acuerdo_retirar(acuerdo=self.acuerdo, usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("El acuerdo %(cita)s quedó sin materia.") % {"cita": self.acuerdo.cita})
        return redirect(self.acuerdo)


class OtorgarRolView(PermisoMixin, FormView):
    """«Incorporar»: the institutions an agreement grants a role, in one step."""

    permiso = staticmethod(permisos.puede_editar_padron)
    template_name = "acuerdos/otorgar_rol.html"
    form_class = forms.OtorgarRolForm

    def dispatch(self, request, *args, **kwargs):
        self.acuerdo = get_object_or_404(Acuerdo.objects.select_related("sesion"), numero=kwargs["numero"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"desde": self.acuerdo.sesion.fecha}

    def get_context_data(self, **kwargs):
        otorgadas = self.acuerdo.participaciones_otorgadas.select_related("institucion").order_by("institucion__nombre")
        return super().get_context_data(acuerdo=self.acuerdo, otorgadas=otorgadas, **kwargs)

    def form_valid(self, form):
        try:
            otorgadas = servicios_padron.participaciones_otorgar_por_acuerdo(
                usuario=self.request.user, acuerdo=self.acuerdo, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, ngettext(
            "Se otorgó el rol a %(n)s institución con el acuerdo %(cita)s.",
            "Se otorgó el rol a %(n)s instituciones con el acuerdo %(cita)s.", len(otorgadas))
            % {"n": len(otorgadas), "cita": self.acuerdo.cita})
        return redirect(self.acuerdo)


class SesionPrepararSeguimientoView(PermisoMixin, View):
    """Carry the open agreements into a session's agenda (item «Seguimiento de acuerdos»)."""

    permiso = staticmethod(permisos.puede_editar_sesiones)
    http_method_names = ["post"]

    def post(self, request, pk):
        sesion = get_object_or_404(Sesion, pk=pk)
        try:
            revisiones = services.sesion_preparar_seguimiento(sesion=sesion, usuario=request.user)
        except ValidationError as error:
            for mensaje in error.messages:
                messages.error(request, mensaje)
        else:
            messages.success(request, ngettext(
                "%(n)s acuerdo abierto quedó listado para revisión.",
                "%(n)s acuerdos abiertos quedaron listados para revisión.", len(revisiones)) % {"n": len(revisiones)})
        return redirect(f"{sesion.get_absolute_url()}#seguimiento")


class SesionRevisadosView(PermisoMixin, View):
    """Record which of the listed agreements the session reviewed (from the minutes)."""

    permiso = staticmethod(permisos.puede_editar_sesiones)
    http_method_names = ["post"]

    def post(self, request, pk):
        sesion = get_object_or_404(Sesion.objects.prefetch_related("revisiones__acuerdo__sesion"), pk=pk)
        form = forms.SesionRevisadosForm(request.POST, sesion=sesion)
        if form.is_valid():
            n = services.sesion_registrar_revisados(sesion=sesion, numeros=form.cleaned_data["revisados"],
                                                    usuario=request.user)
            messages.success(request, ngettext("%(n)s acuerdo marcado como revisado.",
                                               "%(n)s acuerdos marcados como revisados.", n) % {"n": n})
        else:
            messages.error(request, _("Elija acuerdos de la lista."))
        return redirect(f"{sesion.get_absolute_url()}#seguimiento")
