"""Institutions pages: list and detail for every internal role; the roster (institutions,
roles, gender units, representatives, the coordinating institution) for coordination."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from snimh import permisos
from snimh.descargas import respuesta_de_archivo
from snimh.views import InternoMixin, PermisoMixin, aplicar_errores

from . import forms, paneles, selectors, services
from .models import Coordinacion, Institucion, Participacion, Representante, UnidadIgualdadGenero


class InstitucionListView(InternoMixin, ListView):
    template_name = "instituciones/lista.html"
    paginate_by = 50
    context_object_name = "instituciones"

    def get_queryset(self):
        self.q = self.request.GET.get("q", "")[:100]
        return selectors.instituciones_para_lista(self.q)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(q=self.q, **kwargs)
        contexto["columnas"] = paneles.columnas()
        contexto["filas"] = paneles.filas_con_columnas(contexto["instituciones"])
        return contexto


class InstitucionDetailView(InternoMixin, DetailView):
    template_name = "instituciones/detalle.html"
    context_object_name = "institucion"

    def get_object(self, queryset=None):
        try:
            return selectors.institucion_para_detalle(self.kwargs["pk"])
        except Institucion.DoesNotExist as error:
            raise Http404(_("No existe esa institución.")) from error

    def get_context_data(self, **kwargs):
        institucion = self.object
        representantes = list(selectors.representantes(institucion))
        return super().get_context_data(
            participaciones=selectors.participaciones(institucion),
            representantes=representantes,
            oficios_descargables={r.pk for r in representantes if permisos.puede_descargar_oficio(self.request.user, r)},
            paneles=paneles.paneles_de(self.request, institucion),
            **kwargs,
        )


# Coordination's roster ----------------------------------------------------------------

class _PadronMixin(PermisoMixin):
    permiso = staticmethod(permisos.puede_editar_padron)


class InstitucionCrearView(_PadronMixin, FormView):
    template_name = "instituciones/form.html"
    form_class = forms.InstitucionForm
    titulo = gettext_lazy("Nueva institución")

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=self.titulo, **kwargs)

    def form_valid(self, form):
        try:
            institucion = services.institucion_guardar(usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se registró la institución %(i)s.") % {"i": institucion.nombre})
        return redirect(institucion)


class _DeInstitucionMixin(_PadronMixin):
    def dispatch(self, request, *args, **kwargs):
        self.institucion = get_object_or_404(Institucion, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(institucion=self.institucion, titulo=self.titulo, **kwargs)


class InstitucionEditarView(_DeInstitucionMixin, FormView):
    template_name = "instituciones/form.html"
    form_class = forms.InstitucionForm
    titulo = gettext_lazy("Editar la institución")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.institucion}

    def form_valid(self, form):
        try:
            services.institucion_guardar(usuario=self.request.user, institucion=self.institucion, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se guardaron los cambios de %(i)s.") % {"i": self.institucion.nombre})
        return redirect(self.institucion)


class ParticipacionCrearView(_DeInstitucionMixin, FormView):
    """Grant a role in the SNIMH, citing the agreement (or other basis) that grants it."""

    template_name = "instituciones/form.html"
    form_class = forms.ParticipacionForm
    titulo = gettext_lazy("Otorgar un rol en el SNIMH")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Participacion(institucion=self.institucion)}

    def form_valid(self, form):
        datos = dict(form.cleaned_data)
        try:
            services.participacion_otorgar(
                usuario=self.request.user, institucion=self.institucion, acuerdo=datos.pop("numero_acuerdo"), **datos)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Rol registrado."))
        return redirect(self.institucion)


class _TerminarView(_PadronMixin, FormView):
    """End a period (a role, a designation) on its last day."""

    template_name = "instituciones/form.html"
    form_class = forms.TerminoForm
    modelo = None
    mensaje = None

    def dispatch(self, request, *args, **kwargs):
        self.objeto = get_object_or_404(self.modelo.objects.select_related("institucion"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            institucion=self.objeto.institucion, titulo=self.titulo, objeto=self.objeto, **kwargs)

    def form_valid(self, form):
        try:
            self.terminar(form.cleaned_data["hasta"])
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.mensaje)
        return redirect(self.objeto.institucion)


class ParticipacionTerminarView(_TerminarView):
    modelo = Participacion
    titulo = gettext_lazy("Terminar un rol en el SNIMH")
    mensaje = gettext_lazy("Se registró el término del rol.")

    def terminar(self, hasta):
        services.participacion_terminar(usuario=self.request.user, participacion=self.objeto, hasta=hasta)


class UIGEditarView(_DeInstitucionMixin, FormView):
    template_name = "instituciones/form.html"
    form_class = forms.UIGForm
    titulo = gettext_lazy("Unidad de Igualdad de Género")

    def get_form_kwargs(self):
        instancia = self.institucion.uig_o_nada or UnidadIgualdadGenero(institucion=self.institucion)
        return {**super().get_form_kwargs(), "instance": instancia}

    def form_valid(self, form):
        try:
            services.uig_guardar(usuario=self.request.user, institucion=self.institucion, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se guardaron los datos de la unidad de igualdad de género."))
        return redirect(self.institucion)


class RepresentanteCrearView(_DeInstitucionMixin, FormView):
    """Designate a titular or suplente, with the designation letter."""

    template_name = "instituciones/form.html"
    form_class = forms.RepresentanteForm
    titulo = gettext_lazy("Designar una persona representante")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Representante(institucion=self.institucion)}

    def guardar(self, datos):
        return services.representante_guardar(usuario=self.request.user, institucion=self.institucion, **datos)

    def form_valid(self, form):
        try:
            self.guardar(dict(form.cleaned_data))
        except ValidationError as error:
            if hasattr(error, "error_dict") and "oficio_designacion" in error.error_dict:
                form.add_error("oficio", error.error_dict.pop("oficio_designacion"))
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se guardó la designación."))
        return redirect(self.institucion)


class RepresentanteEditarView(RepresentanteCrearView):
    titulo = gettext_lazy("Corregir una designación")

    def dispatch(self, request, *args, **kwargs):
        self.representante = get_object_or_404(Representante, pk=kwargs["pk"])
        kwargs["pk"] = self.representante.institucion_id
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.representante}

    def guardar(self, datos):
        return services.representante_guardar(usuario=self.request.user, representante=self.representante, **datos)


class RepresentanteTerminarView(_TerminarView):
    modelo = Representante
    titulo = gettext_lazy("Terminar una designación")
    mensaje = gettext_lazy("Se registró el término de la designación.")

    def terminar(self, hasta):
        services.representante_terminar(usuario=self.request.user, representante=self.objeto, hasta=hasta)


class OficioDescargarView(InternoMixin, View):
    """A designation letter under its original name, after the permission check."""

    def get(self, request, pk):
        representante = get_object_or_404(Representante, pk=pk)
        if not permisos.puede_descargar_oficio(request.user, representante):
            raise PermissionDenied
        return respuesta_de_archivo(representante.oficio_designacion, representante.oficio_nombre)


class CoordinacionView(_PadronMixin, FormView):
    """Which institution coordinates the SNIMH, over time; a new one starts a new period."""

    template_name = "instituciones/coordinacion.html"
    form_class = forms.CoordinacionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            periodos=Coordinacion.objects.select_related("institucion").order_by("-desde"), **kwargs)

    def form_valid(self, form):
        try:
            services.coordinacion_registrar(usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Se registró la institución coordinadora."))
        return redirect("instituciones:coordinacion")
