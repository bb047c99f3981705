"""Pages of the programmes: programme → objective → strategy → action line (whose follow-up
records are the engine's pages), the coordinating institution's lines, import and export."""

import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from compromisos.models import Estatus, Reporte, Seguimiento
from instituciones.models import Institucion
from snimh import exportacion, permisos
from snimh.views import PermisoMixin, aplicar_errores

from . import forms, importacion, selectors, semaforo, services
from .models import ConjuntoRecomendaciones, Estrategia, LineaAccion, Objetivo, PlanDeTrabajo, Programa


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
        seguimientos = list(linea.seguimientos.all())
        for seguimiento in seguimientos:
            seguimiento.plan_visible = permisos.puede_ver_plan(usuario, seguimiento)
        from compromisos import tipos

        puede_editar = permisos.puede_editar_programas(usuario)
        return super().get_context_data(
            alineaciones=linea.alineaciones.select_related("compromiso", *tipos.relacionados("compromiso__"))
            .order_by("compromiso_id"),
            form_alineacion=forms.AlineacionForm(linea=linea) if puede_editar else None,
            puede_editar=puede_editar,
            linea=linea, seguimientos=seguimientos, avance=linea.avance_de_seguimientos(),
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


# Work plans, reports on them, dashboard --------------------------------------------


class _SeguimientoDeLineaMixin(PermisoMixin):
    """A follow-up record of an action line (404 for other kinds)."""

    def dispatch(self, request, *args, **kwargs):
        self.seguimiento = get_object_or_404(
            Seguimiento.objects.select_related("institucion", "compromiso__linea_accion__estrategia__objetivo__programa",
                                               "compromiso__linea_accion__coordinadora"),
            pk=kwargs["pk"], compromiso__tipo=LineaAccion.Tipo.LINEA_DE_ACCION)
        self.linea = self.seguimiento.compromiso.linea_accion
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(seguimiento=self.seguimiento, linea=self.linea, **kwargs)


class PlanView(_SeguimientoDeLineaMixin, TemplateView):
    """An implementing institution's work plan for a line; its officers and coordination edit it."""

    template_name = "programas/plan.html"

    def test_func(self):
        return permisos.puede_ver_plan(self.request.user, self.seguimiento)

    def _plan(self):
        return PlanDeTrabajo.objects.filter(seguimiento=self.seguimiento).first()

    def get_context_data(self, **kwargs):
        plan = self._plan()
        puede_editar = permisos.puede_editar_plan(self.request.user, self.seguimiento)
        if puede_editar:
            kwargs.setdefault("form", forms.PlanForm(initial={
                "indicador": plan.indicador if plan else "", "meta_indicador": plan.meta_indicador if plan else None}))
            kwargs.setdefault("actividades", forms.ActividadFormSet(prefix="actividades", initial=[
                {"id": a.pk, "descripcion": a.descripcion, "fecha_inicio": a.fecha_inicio, "fecha_fin": a.fecha_fin,
                 "producto_esperado": a.producto_esperado} for a in (plan.actividades.all() if plan else [])]))
        return super().get_context_data(
            plan=plan, lista=list(plan.actividades.annotate(n_reportes=Count("avances")) if plan else []),
            puede_editar=puede_editar, **kwargs)

    def post(self, request, pk):
        if not permisos.puede_editar_plan(request.user, self.seguimiento):
            raise PermissionDenied
        form = forms.PlanForm(request.POST)
        actividades = forms.ActividadFormSet(request.POST, prefix="actividades")
        if form.is_valid() and actividades.is_valid():
            lista = [{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                     for f in actividades.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                services.plan_guardar(seguimiento=self.seguimiento, usuario=request.user,
                                      indicador=form.cleaned_data["indicador"],
                                      meta_indicador=form.cleaned_data["meta_indicador"], actividades=lista)
            except ValidationError as error:
                transaction.set_rollback(True)
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Plan de trabajo guardado."))
                return redirect("programas:plan", pk=pk)
        return self.render_to_response(self.get_context_data(form=form, actividades=actividades))


class ReportarView(_SeguimientoDeLineaMixin, FormView):
    """Report progress on a line against the work plan (the engine's report, then reviewed)."""

    template_name = "programas/reportar.html"
    form_class = forms.ReporteDeLineaForm

    def test_func(self):
        return permisos.puede_actuar_en_seguimiento(self.request.user, self.seguimiento)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": PlanDeTrabajo.objects.filter(seguimiento=self.seguimiento).first()}

    def get_initial(self):
        from django.utils import timezone

        return {"fecha": timezone.localdate()}

    def form_valid(self, form):
        datos = form.cleaned_data
        try:
            services.reporte_de_linea_crear(
                seguimiento=self.seguimiento, autor=self.request.user, texto=datos["texto"], fecha=datos["fecha"],
                actividad=datos.get("actividad"), valor_indicador=datos.get("valor_indicador"),
                avance_propuesto=datos.get("avance_propuesto"))
        except ValidationError as error:
            transaction.set_rollback(True)
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Reporte enviado; la coordinación lo revisará."))
        return redirect(self.seguimiento)


class TableroView(_ProgramaMixin, TemplateView):
    """Progress by objective, strategy and institution, levels of complexity, overdue lines:
    SVG charts, each with its data table."""

    template_name = "programas/tablero.html"

    def get_context_data(self, **kwargs):
        from snimh import graficas

        por_objetivo = selectors.avance_por_objetivo(programa=self.programa)
        por_institucion = selectors.avance_por_institucion(programa=self.programa)
        series = [graficas.Serie(e.value, str(e.label)) for e in (Estatus.CUMPLIDO, Estatus.EN_PROCESO,
                                                                  Estatus.SIN_INICIAR)]

        def grafica(filas, etiqueta, titulo, ident):
            datos = [(etiqueta(f), {"cumplido": f["cumplidos"], "en_proceso": f["en_proceso"],
                                    "sin_iniciar": f["sin_iniciar"]}) for f in filas]
            return graficas.barras_apiladas(
                titulo=titulo, descripcion=graficas.describir(datos, {s.clave: s.etiqueta for s in series}),
                series=series, filas=datos, ident=ident)

        matriz = semaforo.matriz_de(programa=self.programa)
        niveles = list(matriz.niveles.all())
        lineas = semaforo.lineas_con_nivel(matriz=matriz, niveles=niveles, n_criterios=matriz.criterios.count())
        return super().get_context_data(
            por_objetivo=por_objetivo, por_estrategia=selectors.avance_por_estrategia(programa=self.programa),
            por_institucion=por_institucion,
            grafica_objetivos=grafica(por_objetivo, lambda f: _("Objetivo %(n)s") % {"n": f["numero"]},
                                      _("Estatus de las instrumentadoras por objetivo"), "g-objetivos"),
            grafica_instituciones=grafica(por_institucion, lambda f: f["siglas"] or f["nombre"],
                                          _("Estatus por institución instrumentadora"), "g-instituciones"),
            distribucion=semaforo.distribucion(lineas, niveles), matriz=matriz,
            vencidas=selectors.lineas_vencidas(programa=self.programa), semestres=_semestres_recientes(),
            puede_informe=permisos.puede_generar_informe_semestral(self.request.user), **kwargs)


def _semestres_recientes():
    """The current semester and the one before: ``[(anio, semestre)]``."""
    from django.utils import timezone

    hoy = timezone.localdate()
    actual = (hoy.year, 1 if hoy.month <= 6 else 2)
    anterior = (actual[0], 1) if actual[1] == 2 else (actual[0] - 1, 2)
    return [actual, anterior]


# Semiannual recommendations -------------------------------------------------------------


class RecomendacionesListView(PermisoMixin, ListView):
    permiso = staticmethod(permisos.puede_ver_registro_interno)
    template_name = "programas/recomendaciones.html"
    context_object_name = "conjuntos"
    paginate_by = 50

    def get_queryset(self):
        return permisos.recomendaciones_visibles(
            self.request.user, ConjuntoRecomendaciones.objects.select_related("institucion")
            .annotate(n=Count("recomendaciones")).order_by("-anio", "-semestre", "institucion__nombre"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(puede_emitir=permisos.puede_emitir_recomendaciones(self.request.user),
                                        **kwargs)


class RecomendacionesComponerView(PermisoMixin, TemplateView):
    permiso = staticmethod(permisos.puede_emitir_recomendaciones)
    template_name = "programas/recomendaciones_form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", forms.ConjuntoRecomendacionesForm())
        kwargs.setdefault("recomendaciones", forms.RecomendacionFormSet(prefix="recomendaciones"))
        return super().get_context_data(**kwargs)

    def post(self, request):
        form = forms.ConjuntoRecomendacionesForm(request.POST)
        recomendaciones = forms.RecomendacionFormSet(request.POST, prefix="recomendaciones")
        if form.is_valid() and recomendaciones.is_valid():
            try:
                conjunto = services.recomendaciones_componer(
                    usuario=request.user, **form.cleaned_data,
                    recomendaciones=[f.cleaned_data for f in recomendaciones.forms if f.cleaned_data])
            except ValidationError as error:
                transaction.set_rollback(True)
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Recomendaciones registradas; envíelas por correo a la institución."))
                return redirect(conjunto)
        return self.render_to_response(self.get_context_data(form=form, recomendaciones=recomendaciones))


class RecomendacionesDetalleView(PermisoMixin, TemplateView):
    template_name = "programas/recomendaciones_detalle.html"

    def dispatch(self, request, *args, **kwargs):
        self.conjunto = get_object_or_404(ConjuntoRecomendaciones.objects.select_related("institucion"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def test_func(self):
        return permisos.puede_ver_recomendaciones_semestrales(self.request.user, self.conjunto)

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        return super().get_context_data(
            conjunto=self.conjunto,
            recomendaciones=self.conjunto.recomendaciones.select_related(
                "linea__estrategia__objetivo__programa").prefetch_related("seguimientos").order_by("numero"),
            puede_emitir=permisos.puede_emitir_recomendaciones(usuario),
            puede_acusar=permisos.puede_acusar_recomendaciones(usuario, self.conjunto), **kwargs)

    def post(self, request, pk):
        try:
            if "enviar" in request.POST:
                n = services.recomendaciones_enviar(conjunto=self.conjunto, usuario=request.user,
                                                    url_base=request.build_absolute_uri("/")[:-1])
                messages.success(request, ngettext("Enviadas por correo a %(n)s enlace.",
                                                   "Enviadas por correo a %(n)s enlaces.", n) % {"n": n})
            elif "acusar" in request.POST:
                services.recomendaciones_acusar(conjunto=self.conjunto, usuario=request.user)
                messages.success(request, _("Acuse de recibo registrado."))
        except ValidationError as error:
            transaction.set_rollback(True)
            for mensaje in error.messages:
                messages.error(request, mensaje)
        return redirect(self.conjunto)


class InformeSemestralView(_ProgramaMixin, View):
    """The PDF of a semester, overall or (``?institucion=id``) of one institution."""

    def test_func(self):
        return permisos.puede_ver_programas(self.request.user)

    def get(self, request, clave, anio, semestre):
        from .pdf import GeneradorInformeSemestral

        if semestre not in (1, 2) or not 2000 <= anio <= 2100:
            raise Http404(_("No existe ese semestre."))
        institucion = None
        if request.GET.get("institucion"):
            try:
                institucion = get_object_or_404(Institucion, pk=int(request.GET["institucion"]))
            except ValueError:
                raise Http404(_("No existe esa institución.")) from None
        if not permisos.puede_generar_informe_semestral(request.user, institucion):
            raise PermissionDenied
        informe = GeneradorInformeSemestral(programa=self.programa, anio=anio, semestre=semestre,
                                            institucion=institucion).generar()
        respuesta = HttpResponse(informe.pdf, content_type="application/pdf")
        sufijo = f"-{institucion.siglas or institucion.pk}" if institucion else ""
        respuesta["Content-Disposition"] = (
            f'attachment; filename="informe-semestral-{self.programa.clave}-{anio}-{semestre}{sufijo}.pdf"')
        return respuesta


class AlinearView(_ProgramaMixin, View):
    """Coordination aligns an agreement to the line, or removes an alignment."""

    permiso = staticmethod(permisos.puede_editar_programas)
    http_method_names = ["post"]

    def post(self, request, clave, numero):
        linea = get_object_or_404(LineaAccion.objects.del_programa(self.programa), numero=numero)
        if "quitar" in request.POST:
            if not request.POST["quitar"].isdigit():
                raise Http404(_("No existe esa alineación."))
            alineacion = get_object_or_404(linea.alineaciones, pk=int(request.POST["quitar"]))
            services.alineacion_quitar(alineacion=alineacion, usuario=request.user)
            messages.success(request, _("Alineación quitada."))
            return redirect(linea)
        form = forms.AlineacionForm(request.POST, linea=linea)
        if form.is_valid():
            try:
                services.alineacion_agregar(compromiso=form.cleaned_data["compromiso"], linea=linea, usuario=request.user)
            except ValidationError as error:
                transaction.set_rollback(True)
                for mensaje in error.messages:
                    messages.error(request, mensaje)
            else:
                messages.success(request, _("Acuerdo alineado a la línea de acción."))
        else:
            for errores in form.errors.values():
                for mensaje in errores:
                    messages.error(request, mensaje)
        return redirect(linea)
