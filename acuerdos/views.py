"""HTML views of agreements: the dashboard, the list and its export, an agreement's page,
recording and editing agreements from their session, and the import of the historical
record. One institution's follow-up is the engine's (``compromisos.views``). Thin:
permissions from snimh/permisos.py, reads from selectors.py, writes through services.py."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from compromisos import selectors as selectores_compromisos
from compromisos import services as motor
from compromisos import tablero as secciones_del_tablero
from compromisos.forms import EstatusCompromisoForm
from compromisos.models import Grupo
from cuestionarios import selectors as selectores_cuestionarios
from instituciones import services as servicios_padron
from instituciones.models import Rol
from sesiones.models import Sesion
from snimh import exportacion, permisos
from snimh.views import InternoMixin, ListaFiltradaMixin, PermisoMixin, aplicar_errores
from trabajos import services as servicios_trabajos
from trabajos.models import TipoTrabajo

from . import forms, importacion, selectors, services, tablero
from .models import Acuerdo, instituciones_del_grupo


class TableroView(InternoMixin, TemplateView):
    template_name = "acuerdos/tablero.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tablero=tablero.tablero(), roles=Rol.choices,
            cuestionarios=selectores_cuestionarios.resumen_para_tablero(hoy=timezone.localdate()),
            secciones=secciones_del_tablero.secciones_para(self.request.user, timezone.localdate()), **kwargs)


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
        entradas = selectores_compromisos.linea_de_tiempo(acuerdo, usuario)
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
            evidencias=selectores_compromisos.evidencias_de(acuerdo, usuario, self.limite_archivos),
            observaciones=selectores_compromisos.observaciones_de(acuerdo, usuario, self.limite_archivos),
            limite_archivos=self.limite_archivos,
        )
        if permisos.puede_cambiar_estatus_compromiso(usuario, acuerdo):
            contexto["form_estatus"] = kwargs.get("form_estatus") or EstatusCompromisoForm(
                initial={"version": acuerdo.version, "estatus": acuerdo.estatus}
            )
        return contexto


class AcuerdoCambiarEstatusView(InternoMixin, View):
    http_method_names = ["post"]

    def post(self, request, numero):
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        if not permisos.puede_cambiar_estatus_compromiso(request.user, acuerdo):
            raise PermissionDenied
        form = EstatusCompromisoForm(request.POST)
        if form.is_valid():
            try:
                motor.compromiso_cambiar_estatus(compromiso=acuerdo, usuario=request.user, **form.cleaned_data)
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Estatus del acuerdo actualizado."))
                return redirect(acuerdo)
        vista = AcuerdoDetailView(request=request, kwargs={"numero": numero}, args=())
        vista.object = vista.get_object()
        return vista.render_to_response(vista.get_context_data(form_estatus=form), status=400)


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
