"""Sessions pages: list and detail for every internal role; creating and editing a
session, its state, attendance and minutes for coordination."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from instituciones.models import Rol
from snimh import permisos
from snimh.descargas import respuesta_de_archivo
from snimh.views import InternoMixin, ListaFiltradaMixin, PermisoMixin, aplicar_errores

from . import forms, selectors, services
from .models import Sesion


class SesionListView(InternoMixin, ListaFiltradaMixin, ListView):
    template_name = "sesiones/lista.html"
    paginate_by = 25
    context_object_name = "sesiones"

    def filtrar(self, parametros):
        return selectors.sesiones_filtradas(parametros)


class SesionDetailView(InternoMixin, DetailView):
    template_name = "sesiones/detalle.html"
    context_object_name = "sesion"

    def get_object(self, queryset=None):
        try:
            return selectors.sesion_para_detalle(self.kwargs["pk"])
        except Sesion.DoesNotExist as error:
            raise Http404(_("No existe esa sesión.")) from error

    def get_context_data(self, **kwargs):
        sesion = self.object
        por_rol = sesion.asistencia_por_rol()
        usuario = self.request.user
        return super().get_context_data(
            por_rol=por_rol, total_asistencia=sum(por_rol.values()), quorum=sesion.quorum(), roles=Rol.choices,
            puede_editar=permisos.puede_editar_sesiones(usuario),
            puede_editar_acuerdos=permisos.puede_editar_acuerdos(usuario),
            transiciones=sesion.transiciones_posibles(),
            form_acta=forms.ActaForm(), form_aprobar=forms.AprobarActaForm(),
            **kwargs,
        )


class _SesionFormView(PermisoMixin, TemplateView):
    """Create or edit a session with its presidium and agenda in one page. The formsets
    offer blank rows; «Agregar filas» re-renders with more, so no JavaScript is needed."""

    permiso = staticmethod(permisos.puede_editar_sesiones)
    template_name = "sesiones/form.html"
    sesion = None

    def formularios(self, datos=None):
        presidium_inicial = [
            {"tratamiento": p.tratamiento, "nombre": p.nombre, "cargo": p.cargo} for p in self.sesion.presidium.all()
        ] if self.sesion else []
        orden_inicial = [
            {"id": p.pk, "titulo": p.titulo, "resumen": p.resumen, "ORDER": p.numero}
            for p in self.sesion.orden_del_dia.all()
        ] if self.sesion else []
        return {
            "form": forms.SesionForm(datos, instance=self.sesion, initial=self.inicial()),
            "presidium": forms.PresidiumFormSet(datos, prefix="presidium", initial=presidium_inicial or None),
            "orden": forms.OrdenDelDiaFormSet(datos, prefix="orden", initial=orden_inicial or None),
        }

    def inicial(self):
        return {}

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**self.formularios()))

    def post(self, request, *args, **kwargs):
        if "agregar_filas" in request.POST:
            # Keep what was typed and offer more blank agenda rows.
            datos = request.POST.copy()
            total = int(datos.get("orden-TOTAL_FORMS") or 0)
            datos["orden-TOTAL_FORMS"] = str(min(total + 3, 40))
            contexto = self.formularios(datos)
            return self.render_to_response(self.get_context_data(**contexto))
        contexto = self.formularios(request.POST)
        form, presidium, orden = contexto["form"], contexto["presidium"], contexto["orden"]
        if form.is_valid() and presidium.is_valid() and orden.is_valid():
            try:
                sesion = self.guardar(form.cleaned_data, presidium.filas(), orden.filas())
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, self.mensaje % {"sesion": sesion.titulo})
                return redirect(sesion)
        return self.render_to_response(self.get_context_data(**contexto), status=400)


class SesionCrearView(_SesionFormView):
    mensaje = gettext_lazy("Se registró la %(sesion)s.")

    def inicial(self):
        tipo = self.request.GET.get("tipo") if self.request.GET.get("tipo") in Sesion.Tipo.values else Sesion.Tipo.ORDINARIA
        return {"tipo": tipo, "numero": Sesion.objects.siguiente_numero(tipo), "modalidad": Sesion.Modalidad.VIRTUAL}

    def get_context_data(self, **kwargs):
        sugerencias = [
            (tipo, etiqueta, Sesion(tipo=tipo, numero=Sesion.objects.siguiente_numero(tipo)).titulo)
            for tipo, etiqueta in Sesion.Tipo.choices
        ]
        return super().get_context_data(titulo=_("Nueva sesión"), sugerencias=sugerencias, **kwargs)

    def guardar(self, datos, presidium, orden):
        return services.sesion_crear(
            usuario=self.request.user, presidium=presidium,
            orden_del_dia=[{"numero": i, "titulo": p["titulo"], "resumen": p.get("resumen", "")}
                           for i, p in enumerate(orden, start=1)],
            estado=Sesion.Estado.PROGRAMADA, **datos,
        )


class SesionEditarView(_SesionFormView):
    mensaje = gettext_lazy("Se guardaron los cambios de la %(sesion)s.")

    def dispatch(self, request, *args, **kwargs):
        self.sesion = get_object_or_404(Sesion.objects.prefetch_related("presidium", "orden_del_dia"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            titulo=_("Editar la %(sesion)s") % {"sesion": self.sesion.titulo}, sesion=self.sesion, **kwargs)

    def guardar(self, datos, presidium, orden):
        return services.sesion_actualizar(
            sesion=self.sesion, usuario=self.request.user, presidium=presidium, orden_del_dia=orden, **datos,
        )


class SesionEstadoView(PermisoMixin, View):
    permiso = staticmethod(permisos.puede_editar_sesiones)
    http_method_names = ["post"]

    def post(self, request, pk):
        sesion = get_object_or_404(Sesion, pk=pk)
        estado = request.POST.get("estado", "")
        if estado not in Sesion.Estado.values:
            messages.error(request, _("Elija un estado válido."))
            return redirect(sesion)
        try:
            services.sesion_cambiar_estado(sesion=sesion, estado=estado, usuario=request.user)
        except ValidationError as error:
            for mensaje in error.messages:
                messages.error(request, mensaje)
        else:
            mensajes = {
                Sesion.Estado.CELEBRADA: _("La sesión quedó registrada como celebrada."),
                Sesion.Estado.CANCELADA: _("La sesión quedó cancelada."),
            }
            messages.success(request, mensajes.get(estado, _("Estado actualizado.")))
        return redirect(sesion)


class AsistenciaView(PermisoMixin, TemplateView):
    """The attendance of a session in one screen, with quorum and its rule."""

    permiso = staticmethod(permisos.puede_editar_sesiones)
    template_name = "sesiones/asistencia.html"

    def dispatch(self, request, *args, **kwargs):
        self.sesion = get_object_or_404(Sesion, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _form(self, datos=None):
        busqueda = (datos or self.request.GET).get("q", "")[:100]
        adicionales = []
        if datos is not None:
            adicionales = [int(clave.split("-", 1)[1]) for clave in datos
                           if clave.startswith("rol-") and clave.split("-", 1)[1].isdigit()]
            adicionales += [int(clave.split("-", 1)[1]) for clave in datos
                            if clave.startswith("presente-") and clave.split("-", 1)[1].isdigit()]
        filas = selectors.filas_de_asistencia(sesion=self.sesion, busqueda=busqueda, adicionales=adicionales)
        return forms.AsistenciaForm(datos, filas=filas), busqueda

    def get_context_data(self, **kwargs):
        quorum = self.sesion.quorum()
        return super().get_context_data(
            sesion=self.sesion, quorum=quorum, fraccion=settings.SNIMH_QUORUM_FRACCION,
            integrantes_del_dia=quorum.integrantes, roles=dict(Rol.choices), **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form, busqueda = self._form()
        return self.render_to_response(self.get_context_data(form=form, busqueda=busqueda))

    def post(self, request, *args, **kwargs):
        form, busqueda = self._form(request.POST)
        if "buscar" in request.POST:
            # A search inside the form: the ticks and names typed so far stay.
            return self.render_to_response(self.get_context_data(form=form, busqueda=busqueda))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, busqueda=busqueda), status=400)
        try:
            guardadas = services.asistencia_registrar(sesion=self.sesion, asistencias=form.asistencias(),
                                                      usuario=request.user)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.render_to_response(self.get_context_data(form=form, busqueda=busqueda), status=400)
        messages.success(request, ngettext(
            "Asistencia registrada: %(n)s institución presente.",
            "Asistencia registrada: %(n)s instituciones presentes.", len(guardadas)) % {"n": len(guardadas)})
        return redirect(self.sesion)


class ActaSubirView(PermisoMixin, FormView):
    permiso = staticmethod(permisos.puede_editar_sesiones)
    template_name = "sesiones/acta.html"
    form_class = forms.ActaForm

    def dispatch(self, request, *args, **kwargs):
        self.sesion = get_object_or_404(Sesion, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sesion=self.sesion, **kwargs)

    def form_valid(self, form):
        try:
            services.sesion_subir_acta(sesion=self.sesion, archivo=form.cleaned_data["archivo"], usuario=self.request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for errores in error.error_dict.values():
                    form.add_error("archivo", errores)
            else:
                form.add_error("archivo", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Acta guardada."))
        return redirect(self.sesion)


class ActaAprobarView(PermisoMixin, View):
    permiso = staticmethod(permisos.puede_editar_sesiones)
    http_method_names = ["post"]

    def post(self, request, pk):
        sesion = get_object_or_404(Sesion, pk=pk)
        form = forms.AprobarActaForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Indique una fecha de aprobación válida."))
            return redirect(sesion)
        try:
            services.sesion_aprobar_acta(sesion=sesion, fecha=form.cleaned_data["fecha"], usuario=request.user)
        except ValidationError as error:
            for mensaje in error.messages:
                messages.error(request, mensaje)
        else:
            messages.success(request, _("Se registró la aprobación del acta."))
        return redirect(sesion)


class ActaDescargarView(InternoMixin, View):
    """The minutes under their original name, after the permission check."""

    def get(self, request, pk):
        sesion = get_object_or_404(Sesion, pk=pk)
        if not permisos.puede_descargar_acta(request.user, sesion):
            raise PermissionDenied
        return respuesta_de_archivo(sesion.acta, sesion.acta_nombre)
