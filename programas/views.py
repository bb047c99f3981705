"""Pages of the programmes: programme → objective → strategy → action line (whose follow-up
records are the engine's pages), the coordinating institution's lines, import and export."""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from compromisos.models import Reporte, Seguimiento
from instituciones.models import Institucion
from snimh import exportacion, permisos
from snimh.views import PermisoMixin, aplicar_errores

from . import forms, importacion, selectors, semaforo
from .models import Estrategia, LineaAccion, Objetivo, Programa


class _ProgramaMixin(PermisoMixin):
    permiso = staticmethod(permisos.puede_ver_programas)

    def dispatch(self, request, *args, **kwargs):
        self.programa = get_object_or_404(Programa, clave=kwargs["clave"]) if "clave" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(programa=self.programa, **kwargs)


class ProgramaListView(PermisoMixin, ListView):
    permiso = staticmethod(permisos.puede_ver_programas)
    template_name = "programas/lista.html"
    context_object_name = "programas"

    def get_queryset(self):
        return selectors.programas_con_conteos()


class ProgramaDetailView(_ProgramaMixin, TemplateView):
    template_name = "programas/detalle.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            objetivos=selectors.objetivos_con_conteos(programa=self.programa),
            puede_editar=permisos.puede_editar_programas(self.request.user), **kwargs)


class ObjetivoView(_ProgramaMixin, TemplateView):
    template_name = "programas/objetivo.html"

    def get_context_data(self, **kwargs):
        objetivo = get_object_or_404(Objetivo, programa=self.programa, numero=self.kwargs["numero"])
        return super().get_context_data(objetivo=objetivo,
                                        estrategias=selectors.estrategias_con_conteos(objetivo=objetivo), **kwargs)


class EstrategiaView(_ProgramaMixin, TemplateView):
    template_name = "programas/estrategia.html"

    def get_context_data(self, **kwargs):
        estrategia = get_object_or_404(Estrategia.objects.select_related("objetivo"),
                                       objetivo__programa=self.programa, numero=self.kwargs["numero"])
        return super().get_context_data(estrategia=estrategia,
                                        lineas=selectors.lineas_de_estrategia(estrategia=estrategia), **kwargs)


class LineaView(_ProgramaMixin, TemplateView):
    template_name = "programas/linea.html"

    def get_context_data(self, **kwargs):
        try:
            linea = selectors.linea_para_detalle(programa=self.programa, numero=self.kwargs["numero"])
        except LineaAccion.DoesNotExist:
            raise Http404(_("No existe esa línea de acción.")) from None
        usuario = self.request.user
        return super().get_context_data(
            linea=linea, seguimientos=linea.seguimientos.all(), avance=linea.avance_de_seguimientos(),
            supervisa=permisos.es_supervisora_de(usuario, linea),
            por_revisar=permisos.reportes_visibles(
                usuario, Reporte.objects.filter(seguimiento__compromiso=linea).por_revisar()).count(),
            **kwargs)


class CoordinadasView(PermisoMixin, ListView):
    """The lines the officer's institution coordinates: it follows their implementing
    institutions' reports and comments on them (the engine's follow-up pages)."""

    permiso = staticmethod(permisos.es_enlace)
    template_name = "programas/coordinadas.html"
    context_object_name = "lineas"
    paginate_by = 50

    def get_queryset(self):
        return selectors.lineas_coordinadas_por(institucion_id=self.request.user.institucion_id)


class ExportarView(_ProgramaMixin, View):
    def get(self, request, clave, formato):
        if formato not in exportacion.TIPOS:
            raise Http404(_("Formato desconocido: use csv o xlsx."))
        contenido = importacion.exportar(selectors.lineas_para_exportar(programa=self.programa), formato)
        return exportacion.respuesta(formato, f"lineas-{self.programa.clave}-{exportacion.sello_de_fecha()}",
                                     contenido)


class ImportarView(_ProgramaMixin, FormView):
    """Upload → preview (a dry run) → confirm. The file waits in the session between steps."""

    permiso = staticmethod(permisos.puede_editar_programas)
    template_name = "programas/importar.html"
    form_class = forms.ImportarForm
    LLAVE = "importacion_programa_pendiente"

    def post(self, request, *args, **kwargs):
        if "confirmar" in request.POST:
            return self.confirmar()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        archivo = form.cleaned_data["archivo"]
        archivo.seek(0)
        contenido = archivo.read()
        resultado = importacion.importar(self.programa, archivo.name, contenido, simular=True)
        if resultado.valido:
            self.request.session[self.LLAVE] = {"programa": self.programa.pk, "nombre": archivo.name,
                                                "contenido": base64.b64encode(contenido).decode()}
        return self.render_to_response(self.get_context_data(form=form, resultado=resultado, vista_previa=True))

    def confirmar(self):
        pendiente = self.request.session.pop(self.LLAVE, None)
        if not pendiente or pendiente["programa"] != self.programa.pk:
            messages.error(self.request, _("No hay una importación pendiente: vuelva a subir el archivo."))
            return redirect("programas:importar", clave=self.programa.clave)
        resultado = importacion.importar(self.programa, pendiente["nombre"], base64.b64decode(pendiente["contenido"]),
                                         usuario=self.request.user)
        if resultado.valido:
            messages.success(self.request, _("Importación terminada: %(resumen)s.") % {"resumen": resultado.resumen()})
            return redirect(self.programa)
        return self.render_to_response(self.get_context_data(form=self.get_form_class()(), resultado=resultado))


# Semaforización ----------------------------------------------------------------


class SemaforoView(_ProgramaMixin, TemplateView):
    """The matrix as a heat map (lines × criteria, a table) and the distribution of levels
    with the share of «alta factibilidad», filtered by objective, institution and level."""

    template_name = "programas/semaforo.html"

    def get_context_data(self, **kwargs):
        matriz = semaforo.matriz_de(programa=self.programa)
        criterios = list(matriz.criterios.all())
        niveles = list(matriz.niveles.all())
        filtros = forms.FiltrosSemaforoForm(
            self.request.GET or None, objetivos=Objetivo.objects.filter(programa=self.programa).select_related("programa"),
            instituciones=Institucion.objects.filter(
                Q(lineas_coordinadas__estrategia__objetivo__programa=self.programa)
                | Q(seguimientos__compromiso__linea_accion__estrategia__objetivo__programa=self.programa))
            .distinct().order_by("siglas", "nombre"),
            niveles=niveles)
        lineas = semaforo.lineas_con_nivel(matriz=matriz, niveles=niveles, n_criterios=len(criterios))
        if filtros.is_valid():
            datos = filtros.cleaned_data
            if datos["objetivo"]:
                lineas = lineas.filter(estrategia__objetivo__numero=datos["objetivo"])
            if datos["institucion"]:
                lineas = lineas.filter(Q(coordinadora_id=datos["institucion"])
                                       | Q(pk__in=Seguimiento.objects.filter(institucion_id=datos["institucion"])
                                           .values("compromiso_id")))
            if datos["nivel"] == "sin":
                lineas = lineas.filter(nivel_id__isnull=True)
            elif datos["nivel"]:
                lineas = lineas.filter(nivel_id=int(datos["nivel"]))
        por_id = {n.pk: n for n in niveles}
        paginador = Paginator(semaforo.mapa_de_calor(lineas, matriz), 100)
        pagina = paginador.get_page(self.request.GET.get("page"))
        for linea in pagina:
            linea.nivel = por_id.get(linea.nivel_id)
            por_criterio = {p.criterio_id: p for p in linea.puntajes_de_la_matriz}
            linea.celdas = [por_criterio.get(c.pk) for c in criterios]
        return super().get_context_data(
            matriz=matriz, criterios=criterios, niveles=niveles, filtros=filtros, page_obj=pagina,
            is_paginated=pagina.has_other_pages(),
            distribucion=semaforo.distribucion(lineas, niveles), escala=range(matriz.escala_minima, matriz.escala_maxima + 1),
            puede_configurar=permisos.puede_configurar_semaforo(self.request.user), **kwargs)


class SemaforoConfigurarView(_ProgramaMixin, TemplateView):
    permiso = staticmethod(permisos.puede_configurar_semaforo)
    template_name = "programas/semaforo_configurar.html"

    def get_context_data(self, **kwargs):
        matriz = semaforo.matriz_de(programa=self.programa)
        criterios = list(matriz.criterios.all())
        kwargs.setdefault("form", forms.MatrizForm(
            initial={"escala_minima": matriz.escala_minima, "escala_maxima": matriz.escala_maxima},
            criterios=criterios))
        kwargs.setdefault("niveles", forms.NivelFormSet(prefix="niveles", initial=[
            {"nombre": n.nombre, "puntaje_minimo": n.puntaje_minimo, "color": n.color,
             "alta_factibilidad": n.alta_factibilidad} for n in matriz.niveles.all()]))
        return super().get_context_data(matriz=matriz, **kwargs)

    def post(self, request, clave):
        matriz = semaforo.matriz_de(programa=self.programa)
        form = forms.MatrizForm(request.POST, criterios=list(matriz.criterios.all()))
        niveles = forms.NivelFormSet(request.POST, prefix="niveles")
        if form.is_valid() and niveles.is_valid():
            datos_niveles = [{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                             for f in niveles.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                semaforo.matriz_configurar(
                    matriz=matriz, usuario=request.user, escala_minima=form.cleaned_data["escala_minima"],
                    escala_maxima=form.cleaned_data["escala_maxima"], criterios=form.criterios(), niveles=datos_niveles)
            except ValidationError as error:
                transaction.set_rollback(True)
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Matriz guardada: los niveles de todas las líneas se recalcularon."))
                return redirect("programas:semaforo", clave=self.programa.clave)
        return self.render_to_response(self.get_context_data(form=form, niveles=niveles))


class PuntajesView(_ProgramaMixin, TemplateView):
    """An action line's scores: its institutions' officers propose, coordination validates."""

    template_name = "programas/puntajes.html"

    def dispatch(self, request, *args, **kwargs):
        programa = get_object_or_404(Programa, clave=kwargs["clave"])
        self.linea = get_object_or_404(LineaAccion.objects.del_programa(programa).select_related(
            "estrategia__objetivo__programa", "coordinadora"), numero=kwargs["numero"])
        return super().dispatch(request, *args, **kwargs)

    def test_func(self):
        return permisos.puede_proponer_puntajes(self.request.user, self.linea)

    def _form(self, datos=None):
        matriz = semaforo.matriz_de(programa=self.linea.programa)
        actuales = {p.criterio_id: p.valor for p in self.linea.puntajes.filter(criterio__matriz=matriz)}
        return forms.PuntajesForm(datos, matriz=matriz, criterios=list(matriz.criterios.all()), actuales=actuales)

    def get_context_data(self, **kwargs):
        matriz = semaforo.matriz_de(programa=self.linea.programa)
        puntajes = list(self.linea.puntajes.filter(criterio__matriz=matriz).select_related("criterio"))
        niveles = list(matriz.niveles.all())
        completos = len(puntajes) == matriz.criterios.count()
        suma = sum(p.valor for p in puntajes) if completos else None
        kwargs.setdefault("form", self._form())
        return super().get_context_data(
            linea=self.linea, matriz=matriz, puntajes=puntajes, suma=suma, nivel=semaforo.nivel_de(suma, niveles),
            validados=completos and all(p.estado == "validado" for p in puntajes),
            puede_validar=permisos.puede_validar_puntajes(self.request.user, self.linea), **kwargs)

    def post(self, request, clave, numero):
        if "validar" in request.POST:
            try:
                semaforo.puntajes_validar(linea=self.linea, usuario=request.user)
            except ValidationError as error:
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Puntajes validados."))
            return redirect("programas:puntajes", clave=clave, numero=numero)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                semaforo.puntajes_proponer(linea=self.linea, usuario=request.user, valores=form.valores())
            except ValidationError as error:
                transaction.set_rollback(True)
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Puntajes registrados; la coordinación los valida."))
                return redirect("programas:puntajes", clave=clave, numero=numero)
        return self.render_to_response(self.get_context_data(form=form))
