"""HTML views of the recommendations: lists by table and by recommendation, coordination's
pages for tables, recommendations and their import, exports and the mid-term report. The
follow-up itself (reports, evidence, observations, review, comments) is the engine's pages
(``compromisos``). Thin: permissions from snimh/permisos.py, reads from selectors.py, writes
through services.py."""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from acuerdos.forms import ImportarForm
from compromisos import selectors as selectores_compromisos
from compromisos import services as motor
from compromisos.forms import ComentarioForm, EstatusCompromisoForm
from compromisos.models import Estatus, Reporte
from snimh import exportacion, permisos
from snimh.db import EdicionConcurrente
from snimh.views import PermisoMixin, aplicar_errores

from . import forms, importacion, informe, selectors, services
from .models import MesaTematica, Recomendacion

POR_PAGINA = 50
LIMITE_ARCHIVOS = 20
# The newest movements of the timeline; ?historial=completo shows them all.
LIMITE_LINEA_DE_TIEMPO = 100


class _LecturaMixin(PermisoMixin):
    permiso = staticmethod(permisos.puede_ver_recomendaciones)


class _EdicionMixin(PermisoMixin):
    permiso = staticmethod(permisos.puede_editar_recomendaciones)


def _entero(valor):
    return int(valor) if valor and valor.isdigit() else None


class RecomendacionListaView(_LecturaMixin, TemplateView):
    """The thematic tables and every recommendation, filterable by table and status."""

    template_name = "recomendaciones/lista.html"

    def get_context_data(self, **kwargs):
        mesa_id = _entero(self.request.GET.get("mesa"))
        estatus = self.request.GET.get("estatus") if self.request.GET.get("estatus") in Estatus.values else None
        pagina = Paginator(selectors.recomendaciones_para_lista(mesa_id=mesa_id, estatus=estatus),
                           POR_PAGINA).get_page(self.request.GET.get("page"))
        parametros = self.request.GET.copy()
        parametros.pop("page", None)
        return super().get_context_data(
            mesas=list(selectors.mesas_con_conteos()), page_obj=pagina, recomendaciones=pagina.object_list,
            is_paginated=pagina.has_other_pages(), mesa_id=mesa_id, estatus_elegido=estatus,
            estatus_opciones=Estatus.choices, parametros=parametros.urlencode(),
            puede_editar=permisos.puede_editar_recomendaciones(self.request.user),
            puede_informe=permisos.puede_generar_informe_medio_termino(self.request.user), **kwargs,
        )


class MesaDetalleView(_LecturaMixin, TemplateView):
    """A thematic table: its chair, members and recommendations with their institutions."""

    template_name = "recomendaciones/mesa.html"

    def get_context_data(self, **kwargs):
        mesa = get_object_or_404(selectors.mesas_con_conteos(), pk=self.kwargs["pk"])
        return super().get_context_data(
            mesa=mesa, recomendaciones=selectors.recomendaciones_para_lista(mesa_id=mesa.pk),
            puede_editar=permisos.puede_editar_recomendaciones(self.request.user), **kwargs,
        )


class RecomendacionDetalleView(_LecturaMixin, TemplateView):
    """A recommendation with the engine's follow-up records, the reports, evidence and
    observations the reader may see, and its status history."""

    template_name = "recomendaciones/detalle.html"

    def get_context_data(self, **kwargs):
        try:
            recomendacion = selectors.recomendacion_para_detalle(pk=self.kwargs["pk"])
        except Recomendacion.DoesNotExist:
            raise Http404 from None
        usuario = self.request.user
        reportes = permisos.reportes_visibles(
            usuario, Reporte.objects.filter(seguimiento__compromiso=recomendacion),
        ).select_related("seguimiento__institucion", "autor").prefetch_related(
            "comentarios__institucion", "comentarios__autor")
        reportes = list(reportes.order_by("-fecha", "-creado", "-pk")[:LIMITE_ARCHIVOS])
        # The chair's officer comments right here, as on each institution's record.
        if permisos.es_supervisora_de(usuario, recomendacion):
            for reporte in reportes:
                reporte.form_comentario = ComentarioForm(prefix=ComentarioForm.prefijo(reporte))
        contexto = super().get_context_data(
            recomendacion=recomendacion, seguimientos=recomendacion.seguimientos.all(),
            resumen=recomendacion.resumen_seguimientos(), avance=recomendacion.avance_de_seguimientos(),
            reportes=reportes,
            evidencias=selectores_compromisos.evidencias_de(recomendacion, usuario, LIMITE_ARCHIVOS),
            observaciones=selectores_compromisos.observaciones_de(recomendacion, usuario, LIMITE_ARCHIVOS),
            limite_archivos=LIMITE_ARCHIVOS,
            historial_estatus=recomendacion.historial_estatus.select_related("seguimiento__institucion", "usuario")
            .order_by("fecha", "registrado"),
            es_presidencia=permisos.es_supervisora_de(usuario, recomendacion),
            puede_editar=permisos.puede_editar_recomendaciones(usuario), **kwargs,
        )
        entradas = selectores_compromisos.linea_de_tiempo(recomendacion, usuario)
        completa = self.request.GET.get("historial") == "completo"
        contexto.update(
            linea_de_tiempo=entradas if completa else entradas[-LIMITE_LINEA_DE_TIEMPO:],
            movimientos_totales=len(entradas),
            linea_de_tiempo_recortada=not completa and len(entradas) > LIMITE_LINEA_DE_TIEMPO,
        )
        if permisos.puede_cambiar_estatus_compromiso(usuario, recomendacion) and "form_estatus" not in kwargs:
            contexto["form_estatus"] = EstatusCompromisoForm(initial={"version": recomendacion.version,
                                                                      "estatus": recomendacion.estatus})
        return contexto


class RecomendacionEstatusView(PermisoMixin, View):
    """Coordination changes a recommendation's overall status (the engine's service)."""

    permiso = staticmethod(permisos.puede_cambiar_estatus_compromiso)
    http_method_names = ["post"]

    def post(self, request, pk):
        recomendacion = get_object_or_404(Recomendacion, pk=pk)
        form = EstatusCompromisoForm(request.POST)
        if form.is_valid():
            try:
                motor.compromiso_cambiar_estatus(compromiso=recomendacion, usuario=request.user, **form.cleaned_data)
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Estatus de la recomendación actualizado."))
                return redirect(recomendacion)
        vista = RecomendacionDetalleView(request=request, kwargs={"pk": pk}, args=())
        return vista.render_to_response(vista.get_context_data(form_estatus=form), status=400)


# Coordination: tables and recommendations ----------------------------------------

class MesaCrearView(_EdicionMixin, FormView):
    template_name = "recomendaciones/mesa_form.html"
    form_class = forms.MesaForm

    def form_valid(self, form):
        try:
            mesa = services.mesa_crear(usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Mesa temática registrada."))
        return redirect(mesa)


class MesaEditarView(_EdicionMixin, FormView):
    template_name = "recomendaciones/mesa_form.html"
    form_class = forms.MesaForm

    def dispatch(self, request, *args, **kwargs):
        self.mesa = get_object_or_404(MesaTematica, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.mesa}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mesa=self.mesa, **kwargs)

    def form_valid(self, form):
        try:
            services.mesa_actualizar(mesa=self.mesa, usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Mesa temática actualizada."))
        return redirect(self.mesa)


class RecomendacionCrearView(_EdicionMixin, FormView):
    template_name = "recomendaciones/form.html"
    form_class = forms.RecomendacionForm

    def get_initial(self):
        mesa = _entero(self.request.GET.get("mesa"))
        return {"mesa": mesa} if mesa else {}

    def form_valid(self, form):
        try:
            recomendacion = services.recomendacion_crear(
                usuario=self.request.user, instituciones=form.cleaned_data["instituciones"],
                acuerdos=form.cleaned_data["acuerdos"], **form.datos_de_la_recomendacion(),
            )
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recomendación registrada."))
        return redirect(recomendacion)


class RecomendacionEditarView(_EdicionMixin, FormView):
    template_name = "recomendaciones/form.html"
    form_class = forms.RecomendacionForm

    def dispatch(self, request, *args, **kwargs):
        self.recomendacion = get_object_or_404(Recomendacion, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.recomendacion}

    def get_context_data(self, **kwargs):
        return super().get_context_data(recomendacion=self.recomendacion, **kwargs)

    def form_valid(self, form):
        try:
            services.recomendacion_actualizar(
                recomendacion=self.recomendacion, version=form.cleaned_data["version"], usuario=self.request.user,
                instituciones=form.cleaned_data["instituciones"], acuerdos=form.cleaned_data["acuerdos"],
                **form.datos_de_la_recomendacion(),
            )
        except EdicionConcurrente as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recomendación actualizada."))
        return redirect(self.recomendacion)


# Import, export and the mid-term report ----------------------------------------------

class ExportarView(_LecturaMixin, View):
    """Every recommendation in the import's format (what is exported imports back unchanged)."""

    formato = "csv"

    def get(self, request):
        contenido = importacion.exportar(self.formato, Recomendacion.objects.all())
        return exportacion.respuesta(self.formato, f"recomendaciones-{exportacion.sello_de_fecha()}", contenido)


class ImportarView(_EdicionMixin, FormView):
    """Upload → preview (a dry run) → confirm. The file waits in the session between steps."""

    template_name = "recomendaciones/importar.html"
    form_class = ImportarForm
    LLAVE = "importacion_recomendaciones_pendiente"

    def post(self, request, *args, **kwargs):
        if "confirmar" in request.POST:
            return self.confirmar()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        archivo = form.cleaned_data["archivo"]
        contenido = archivo.read()
        resultado = importacion.importar(archivo.name, contenido, simular=True)
        if resultado.valido:
            self.request.session[self.LLAVE] = {"nombre": archivo.name,
                                                "contenido": base64.b64encode(contenido).decode()}
        return self.render_to_response(self.get_context_data(
            form=form, resultado=resultado, vista_previa=True,
            resumen=importacion.resumen_en_texto(resultado)))

    def confirmar(self):
        pendiente = self.request.session.pop(self.LLAVE, None)
        if not pendiente:
            messages.error(self.request, _("No hay una importación pendiente: vuelva a subir el archivo."))
            return redirect("recomendaciones:importar")
        resultado = importacion.importar(pendiente["nombre"], base64.b64decode(pendiente["contenido"]),
                                         usuario=self.request.user)
        if resultado.valido:
            messages.success(self.request, _("Importación terminada: %(resumen)s.")
                             % {"resumen": importacion.resumen_en_texto(resultado)})
            return redirect("recomendaciones:lista")
        return self.render_to_response(self.get_context_data(form=self.get_form_class()(), resultado=resultado))


class InformeMedioTerminoView(PermisoMixin, View):
    """The mid-term report as PDF or XLSX."""

    permiso = staticmethod(permisos.puede_generar_informe_medio_termino)
    formato = "pdf"

    def get(self, request):
        nombre = f"informe-medio-termino-{exportacion.sello_de_fecha()}"
        if self.formato == "xlsx":
            return exportacion.respuesta("xlsx", nombre, informe.como_xlsx())
        respuesta = HttpResponse(informe.GeneradorMedioTermino().generar(), content_type="application/pdf")
        respuesta["Content-Disposition"] = f'inline; filename="{nombre}.pdf"'
        return respuesta


