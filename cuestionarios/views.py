"""Pages of the questionnaires: coordination's builder and editions, the officer's response,
results, exports, comparison, and the public results. Thin: permissions from
snimh/permisos.py, reads from selectors.py, writes through services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from snimh import exportacion, permisos
from snimh.descargas import respuesta_de_archivo
from snimh.views import InternoMixin, PermisoMixin, aplicar_errores

from . import forms, selectors, services
from .models import Cuestionario, Edicion, EstadoRespuesta, Pregunta, Respuesta, RespuestaPregunta, Seccion

# Questionnaires and their structure ----------------------------------------------------------


class CuestionarioListView(PermisoMixin, TemplateView):
    """Coordination and consulta: every questionnaire and its editions. An officer: its
    institution's questionnaires, pending first."""

    permiso = permisos.puede_ver_cuestionarios
    template_name = "cuestionarios/lista.html"

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        contexto = super().get_context_data(**kwargs)
        if permisos.puede_ver_respuestas_de_edicion(usuario):
            ediciones = selectors.ediciones_con_avance(ediciones=Edicion.objects.all()).order_by("cuestionario__nombre", "-nombre")
            por_cuestionario = {}
            for edicion in ediciones:
                por_cuestionario.setdefault(edicion.cuestionario_id, []).append(edicion)
            contexto["cuestionarios"] = [(c, por_cuestionario.get(c.pk, [])) for c in Cuestionario.objects.all()]
        else:
            # What is still to send first, nearest deadline first; then what was sent.
            contexto["respuestas"] = (
                permisos.respuestas_visibles(usuario, Respuesta.objects.all())
                .select_related("edicion__cuestionario")
                .order_by(Case(When(estado=EstadoRespuesta.ENVIADA, then=Value(1)), default=Value(0)),
                          "edicion__fecha_limite", "pk")
            )
        contexto["publicadas"] = Edicion.objects.publicadas().select_related("cuestionario").order_by(
            "cuestionario__nombre", "-nombre")
        contexto["puede_editar"] = permisos.puede_editar_cuestionarios(usuario)
        return contexto


class CuestionarioCrearView(PermisoMixin, FormView):
    permiso = permisos.puede_editar_cuestionarios
    template_name = "cuestionarios/form.html"
    form_class = forms.CuestionarioForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=_("Nuevo cuestionario"), **kwargs)

    def form_valid(self, form):
        try:
            cuestionario = services.cuestionario_guardar(usuario=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Cuestionario creado: agregue sus secciones y preguntas."))
        return redirect(cuestionario)


class _CuestionarioMixin:
    def dispatch(self, request, *args, **kwargs):
        self.cuestionario = get_object_or_404(Cuestionario, clave=kwargs["clave"])
        return super().dispatch(request, *args, **kwargs)


class CuestionarioDetailView(_CuestionarioMixin, PermisoMixin, TemplateView):
    """The questionnaire as institutions read it, its editions; coordination's builder."""

    permiso = permisos.puede_ver_respuestas_de_edicion
    template_name = "cuestionarios/detalle.html"

    def get_context_data(self, **kwargs):
        cuestionario = self.cuestionario
        return super().get_context_data(
            cuestionario=cuestionario, secciones=selectors.estructura(cuestionario=cuestionario),
            ediciones=selectors.ediciones_con_avance(ediciones=cuestionario.ediciones.all()).order_by("-nombre"),
            bloqueada=cuestionario.estructura_bloqueada(),
            puede_editar=permisos.puede_editar_cuestionarios(self.request.user),
            comparar=forms.ComparacionForm(cuestionario=cuestionario) if cuestionario.ediciones.count() > 1 else None,
            **kwargs,
        )


class CuestionarioEditarView(_CuestionarioMixin, PermisoMixin, FormView):
    permiso = permisos.puede_editar_cuestionarios
    template_name = "cuestionarios/form.html"
    form_class = forms.CuestionarioForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.cuestionario}

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=_("Editar el cuestionario"), cuestionario=self.cuestionario, **kwargs)

    def form_valid(self, form):
        try:
            services.cuestionario_guardar(usuario=self.request.user, cuestionario=self.cuestionario,
                                          **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Cuestionario actualizado."))
        return redirect(reverse("cuestionarios:detalle", args=[form.cleaned_data["clave"]]))


class _EstructuraMixin(PermisoMixin):
    """Builder pages: a section or question of an unlocked questionnaire."""

    permiso = permisos.puede_editar_cuestionarios

    def volver(self):
        return redirect(self.cuestionario.get_absolute_url() + "#estructura")


class SeccionFormView(_EstructuraMixin, FormView):
    template_name = "cuestionarios/form.html"
    form_class = forms.SeccionForm

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.seccion = get_object_or_404(Seccion.objects.select_related("cuestionario"), pk=kwargs["pk"])
            self.cuestionario = self.seccion.cuestionario
        else:
            self.seccion = None
            self.cuestionario = get_object_or_404(Cuestionario, clave=kwargs["clave"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.seccion}

    def get_context_data(self, **kwargs):
        titulo = _("Editar la sección") if self.seccion else _("Nueva sección")
        return super().get_context_data(titulo=titulo, cuestionario=self.cuestionario, **kwargs)

    def form_valid(self, form):
        try:
            services.seccion_guardar(usuario=self.request.user, cuestionario=self.cuestionario, seccion=self.seccion,
                                     **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Sección guardada."))
        return self.volver()


class PreguntaFormView(_EstructuraMixin, FormView):
    template_name = "cuestionarios/pregunta_form.html"
    form_class = forms.PreguntaForm

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.pregunta = get_object_or_404(Pregunta.objects.select_related("seccion__cuestionario"), pk=kwargs["pk"])
            self.seccion = self.pregunta.seccion
        else:
            self.pregunta = None
            self.seccion = get_object_or_404(Seccion.objects.select_related("cuestionario"), pk=kwargs["seccion"])
        self.cuestionario = self.seccion.cuestionario
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.pregunta, "cuestionario": self.cuestionario}

    def get_initial(self):
        return {"seccion": self.seccion}

    def get_context_data(self, **kwargs):
        titulo = _("Editar la pregunta %(numero)s") % {"numero": self.pregunta.numero} if self.pregunta else \
            _("Nueva pregunta en «%(seccion)s»") % {"seccion": self.seccion.titulo}
        return super().get_context_data(titulo=titulo, cuestionario=self.cuestionario, **kwargs)

    def form_valid(self, form):
        datos, seccion, opciones = form.datos()
        try:
            services.pregunta_guardar(usuario=self.request.user, seccion=seccion, pregunta=self.pregunta,
                                      opciones=opciones, **datos)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pregunta guardada."))
        return self.volver()


class _AccionDeEstructuraView(_EstructuraMixin, View):
    """POST-only buttons of the builder: move up or down, remove."""

    http_method_names = ["post"]
    modelo = None

    def post(self, request, pk):
        objeto = get_object_or_404(self.modelo, pk=pk)
        self.cuestionario = objeto.cuestionario if isinstance(objeto, Seccion) else objeto.seccion.cuestionario
        try:
            mensaje = self.ejecutar(objeto)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if mensaje:
                messages.success(request, mensaje)
        return self.volver()


class SeccionMoverView(_AccionDeEstructuraView):
    modelo = Seccion

    def ejecutar(self, seccion):
        services.seccion_mover(usuario=self.request.user, seccion=seccion, direccion=self.request.POST.get("direccion"))


class SeccionEliminarView(_AccionDeEstructuraView):
    modelo = Seccion

    def ejecutar(self, seccion):
        services.seccion_eliminar(usuario=self.request.user, seccion=seccion)
        return _("Se quitó la sección «%(titulo)s».") % {"titulo": seccion.titulo}


class PreguntaMoverView(_AccionDeEstructuraView):
    modelo = Pregunta

    def ejecutar(self, pregunta):
        services.pregunta_mover(usuario=self.request.user, pregunta=pregunta,
                                direccion=self.request.POST.get("direccion"))


class PreguntaEliminarView(_AccionDeEstructuraView):
    modelo = Pregunta

    def ejecutar(self, pregunta):
        services.pregunta_eliminar(usuario=self.request.user, pregunta=pregunta)
        return _("Se quitó la pregunta «%(texto)s».") % {"texto": pregunta.texto}


# Editions ------------------------------------------------------------------------------------


class EdicionCrearView(_CuestionarioMixin, PermisoMixin, FormView):
    """Open an edition. «Ver las instituciones» shows the set the rule and the ticks give
    before anything is stored; «Abrir la edición» stores it."""

    permiso = permisos.puede_editar_cuestionarios
    template_name = "cuestionarios/edicion_form.html"
    form_class = forms.EdicionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(cuestionario=self.cuestionario, titulo=_("Abrir una edición"), **kwargs)

    def form_valid(self, form):
        datos = form.cleaned_data
        if "previsualizar" in self.request.POST:
            destinatarias = services.instituciones_de_la_edicion(
                regla=datos["regla"], fecha=datos["apertura"], elegidas=datos["instituciones"])
            return self.render_to_response(self.get_context_data(form=form, destinatarias=destinatarias))
        try:
            edicion = services.edicion_abrir(usuario=self.request.user, cuestionario=self.cuestionario, **datos)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        total = edicion.respuestas.count()
        messages.success(self.request, ngettext(
            "Edición «%(nombre)s» abierta: se envió a %(n)s institución.",
            "Edición «%(nombre)s» abierta: se envió a %(n)s instituciones.", total) % {"nombre": edicion.nombre,
                                                                                      "n": total})
        return redirect(edicion)


class _EdicionMixin:
    def dispatch(self, request, *args, **kwargs):
        self.edicion = get_object_or_404(Edicion.objects.select_related("cuestionario"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class EdicionDetailView(_EdicionMixin, PermisoMixin, TemplateView):
    """The responses of an edition by institution, with their state; coordination's actions."""

    permiso = permisos.puede_ver_respuestas_de_edicion
    template_name = "cuestionarios/edicion.html"

    def get_context_data(self, **kwargs):
        estado = self.request.GET.get("estado", "")
        respuestas, por_estado = selectors.respuestas_de_edicion(edicion=self.edicion, estado=estado)
        return super().get_context_data(
            edicion=self.edicion, cuestionario=self.edicion.cuestionario, respuestas=respuestas,
            por_estado=por_estado, estado=estado if estado in EstadoRespuesta.values else "",
            estados=EstadoRespuesta.choices, total=sum(por_estado.values()),
            semaforo=self.edicion.semaforo(), puede_editar=permisos.puede_editar_cuestionarios(self.request.user),
            publicados=self.edicion.resultados_publicados.select_related("pregunta__seccion", "opcion"), **kwargs,
        )


class EdicionEditarView(_EdicionMixin, PermisoMixin, FormView):
    permiso = permisos.puede_editar_cuestionarios
    template_name = "cuestionarios/form.html"
    form_class = forms.EdicionEditarForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.edicion}

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=_("Editar la edición «%(nombre)s»") % {"nombre": self.edicion.nombre},
                                        cuestionario=self.edicion.cuestionario, edicion=self.edicion, **kwargs)

    def form_valid(self, form):
        try:
            services.edicion_editar(usuario=self.request.user, edicion=self.edicion, **form.cleaned_data)
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Edición actualizada."))
        return redirect(self.edicion)


class EdicionAgregarView(_EdicionMixin, PermisoMixin, FormView):
    permiso = permisos.puede_editar_cuestionarios
    template_name = "cuestionarios/form.html"
    form_class = forms.AgregarInstitucionesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edicion": self.edicion}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            titulo=_("Enviar la edición «%(nombre)s» a más instituciones") % {"nombre": self.edicion.nombre},
            cuestionario=self.edicion.cuestionario, edicion=self.edicion, filtrable=True,
            boton=_("Enviar a las instituciones marcadas"), **kwargs)

    def form_valid(self, form):
        try:
            nuevas = services.edicion_agregar_instituciones(usuario=self.request.user, edicion=self.edicion,
                                                            instituciones=form.cleaned_data["instituciones"])
        except ValidationError as error:
            aplicar_errores(form, error)
            return self.form_invalid(form)
        messages.success(self.request, ngettext("Se agregó %(n)s institución.", "Se agregaron %(n)s instituciones.",
                                                len(nuevas)) % {"n": len(nuevas)})
        return redirect(self.edicion)


class EdicionEstadoView(_EdicionMixin, PermisoMixin, View):
    """Close, reopen, publish or withdraw the results of an edition (buttons)."""

    permiso = permisos.puede_editar_cuestionarios
    http_method_names = ["post"]
    ACCIONES = {
        "cerrar": (services.edicion_cerrar, {}, gettext_lazy("Edición cerrada: ya no se reciben respuestas.")),
        "reabrir": (services.edicion_reabrir, {}, gettext_lazy("Edición abierta de nuevo.")),
        "publicar": (services.edicion_publicar, {"publicar": True},
                     gettext_lazy("Resultados publicados en Transparencia (solo cifras agregadas).")),
        "retirar": (services.edicion_publicar, {"publicar": False}, gettext_lazy("Los resultados dejaron de ser públicos.")),
    }

    def post(self, request, pk):
        accion = self.ACCIONES.get(request.POST.get("accion"))
        if accion is None:
            messages.error(request, _("Acción desconocida."))
            return redirect(self.edicion)
        servicio, extra, mensaje = accion
        try:
            servicio(usuario=request.user, edicion=self.edicion, **extra)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, mensaje)
        return redirect(self.edicion)


# Results, export, comparison -------------------------------------------------------------------


class ResultadosView(_EdicionMixin, PermisoMixin, TemplateView):
    permiso = permisos.puede_ver_respuestas_de_edicion
    template_name = "cuestionarios/resultados.html"

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        form = forms.CruceForm(self.request.GET or None)
        cruce = form.cleaned_data["cruce"] if form.is_valid() else ""
        return super().get_context_data(
            edicion=self.edicion, cuestionario=self.edicion.cuestionario, form=form,
            resultados=selectors.resultados(
                edicion=self.edicion, cruce=cruce, ver_textos=True,
                ver_datos_personales=permisos.puede_ver_datos_personales(usuario)),
            publico=False, **kwargs,
        )


class ExportarView(_EdicionMixin, PermisoMixin, View):
    """The edition's responses as CSV or XLSX; personal-data columns only for coordination."""

    permiso = permisos.puede_ver_respuestas_de_edicion
    formato = None

    def get(self, request, pk):
        encabezados, filas = selectors.exportacion_de_edicion(
            edicion=self.edicion, ver_datos_personales=permisos.puede_ver_datos_personales(request.user))
        nombre = f"{self.edicion.cuestionario.clave}-{self.edicion.pk}-{exportacion.sello_de_fecha()}"
        if self.formato == "csv":
            contenido = exportacion.como_csv(encabezados, filas)
        else:
            contenido = exportacion.como_xlsx(_("Respuestas"), encabezados, filas,
                                              anchos=(40, 12, 24, 20, 12, 17, 10, *([30] * (len(encabezados) - 7))))
        return exportacion.respuesta(self.formato, nombre, contenido)


class CompararView(_CuestionarioMixin, PermisoMixin, TemplateView):
    permiso = permisos.puede_ver_respuestas_de_edicion
    template_name = "cuestionarios/comparar.html"

    def get_context_data(self, **kwargs):
        form = forms.ComparacionForm(self.request.GET or None, cuestionario=self.cuestionario)
        filas = None
        if form.is_valid():
            filas = selectors.comparacion(
                a=form.cleaned_data["a"], b=form.cleaned_data["b"],
                ver_datos_personales=permisos.puede_ver_datos_personales(self.request.user))
        return super().get_context_data(cuestionario=self.cuestionario, form=form, filas=filas, **kwargs)


# Responses -----------------------------------------------------------------------------------


class _RespuestaMixin(InternoMixin):
    """A response another institution's officer may not see answers 404: its existence does not leak."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not permisos.puede_ver_registro_interno(request.user):
            raise PermissionDenied
        visibles = permisos.respuestas_visibles(
            request.user, Respuesta.objects.select_related("edicion__cuestionario", "institucion"))
        self.respuesta = get_object_or_404(visibles, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class RespuestaDetailView(_RespuestaMixin, TemplateView):
    template_name = "cuestionarios/respuesta.html"

    def get_context_data(self, **kwargs):
        usuario, respuesta = self.request.user, self.respuesta
        return super().get_context_data(
            respuesta=respuesta, edicion=respuesta.edicion, cuestionario=respuesta.edicion.cuestionario,
            secciones=selectors.respuesta_para_mostrar(
                respuesta=respuesta, ver_datos_personales=permisos.puede_ver_datos_personales(usuario, respuesta)),
            movimientos=respuesta.movimientos.select_related("usuario"),
            puede_ver_edicion=permisos.puede_ver_respuestas_de_edicion(usuario),
            puede_responder=permisos.puede_responder(usuario, respuesta) and respuesta.editable,
            form_reabrir=kwargs.pop("form_reabrir", None) or (
                forms.ReabrirForm() if permisos.puede_reabrir_respuesta(usuario, respuesta) and respuesta.enviada
                else None),
            **kwargs,
        )


class ResponderView(_RespuestaMixin, FormView):
    """The response form: «Guardar borrador» saves what is valid as typed (all or nothing);
    «Enviar» saves and then submits, which also needs every required question answered."""

    template_name = "cuestionarios/responder.html"
    form_class = forms.RespuestaForm

    def get(self, request, *args, **kwargs):
        if not permisos.puede_responder(request.user, self.respuesta):
            raise PermissionDenied
        if not self.respuesta.editable:
            return redirect(self.respuesta)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not permisos.puede_responder(request.user, self.respuesta):
            raise PermissionDenied
        if not self.respuesta.editable:
            messages.error(request, _("Esta respuesta ya no puede cambiar."))
            return redirect(self.respuesta)
        return super().post(request, *args, **kwargs)

    def _filas(self):
        return {v.pregunta_id: v for v in self.respuesta.valores.prefetch_related("elegidas")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "secciones": selectors.estructura(cuestionario=self.respuesta.edicion.cuestionario),
                "filas": self._filas()}

    def get_initial(self):
        return {"version": self.respuesta.version}

    def get_context_data(self, **kwargs):
        respuesta = self.respuesta
        return super().get_context_data(
            respuesta=respuesta, edicion=respuesta.edicion, cuestionario=respuesta.edicion.cuestionario,
            semaforo=respuesta.edicion.semaforo(),
            puede_ver_edicion=permisos.puede_ver_respuestas_de_edicion(self.request.user), **kwargs)

    def _nota_de_archivos(self, form):
        for nombre, archivo in self.request.FILES.items():
            if nombre in form.fields and nombre not in form.errors:
                form.add_error(nombre, _("El archivo «%(nombre)s» no se guardó porque la respuesta tiene errores: "
                                         "vuelva a seleccionarlo.") % {"nombre": archivo.name})

    def form_valid(self, form):
        # A file over the limit arrives as an ArchivoDescartado (snimh.uploads) and the
        # service's inspection refuses it on its own question, like any other refused file.
        valores, archivos, quitar = form.para_el_servicio()
        try:
            respuesta = services.respuesta_guardar(
                respuesta=self.respuesta, usuario=self.request.user, valores=valores, archivos=archivos,
                quitar_archivos=quitar, version=form.cleaned_data["version"])
        except ValidationError as error:
            aplicar_errores(form, error)
            self._nota_de_archivos(form)
            return self.form_invalid(form)
        if "enviar" not in self.request.POST:
            messages.success(self.request, _("Borrador guardado. Puede seguir editándolo hasta enviarlo."))
            return redirect("cuestionarios:responder", pk=respuesta.pk)
        try:
            services.respuesta_enviar(respuesta=respuesta, usuario=self.request.user, version=respuesta.version)
        except ValidationError as error:
            # The draft was saved; show it again with the current version and what is missing.
            datos = self.request.POST.copy()
            datos["version"] = respuesta.version
            self.respuesta = respuesta
            form = self.get_form_class()(datos, secciones=form.secciones, filas=self._filas())
            form.is_valid()
            aplicar_errores(form, error)
            messages.warning(self.request, _("Se guardó el borrador, pero no se pudo enviar: revise los problemas "
                                             "señalados."))
            return self.form_invalid(form)
        messages.success(self.request, _("Respuesta enviada a la coordinación del SNIMH. Ya no puede cambiar, salvo "
                                         "que la coordinación la reabra."))
        return redirect(respuesta)


class RespuestaReabrirView(_RespuestaMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        if not permisos.puede_reabrir_respuesta(request.user, self.respuesta):
            raise PermissionDenied
        form = forms.ReabrirForm(request.POST)
        if form.is_valid():
            try:
                services.respuesta_reabrir(respuesta=self.respuesta, usuario=request.user,
                                           motivo=form.cleaned_data["motivo"])
            except ValidationError as error:
                aplicar_errores(form, error)
            else:
                messages.success(request, _("Respuesta reabierta: la institución puede corregirla y enviarla de nuevo."))
                return redirect(self.respuesta)
        vista = RespuestaDetailView(request=request, kwargs={"pk": pk}, args=())
        vista.respuesta = self.respuesta
        return vista.render_to_response(vista.get_context_data(form_reabrir=form), status=200)


class ArchivoDescargarView(InternoMixin, View):
    """A file answer, after the permission check; personal-data files only to who may see them."""

    def get(self, request, pk):
        fila = get_object_or_404(RespuestaPregunta.objects.select_related("respuesta", "pregunta"), pk=pk)
        if not fila.archivo or not permisos.puede_ver_respuesta(request.user, fila.respuesta):
            raise Http404
        if fila.pregunta.datos_personales and not permisos.puede_ver_datos_personales(request.user, fila.respuesta):
            raise Http404
        return respuesta_de_archivo(fila.archivo, fila.archivo_nombre)


# Public results -------------------------------------------------------------------------------


class PublicasView(ListView):
    """Transparency: the editions whose aggregate results coordination published."""

    template_name = "cuestionarios/publicas.html"
    context_object_name = "ediciones"
    paginate_by = 25

    def get_queryset(self):
        return selectors.ediciones_con_avance(ediciones=Edicion.objects.publicadas()).order_by("cuestionario__nombre", "-nombre")


class PublicaView(TemplateView):
    """One published edition's aggregate results: counts, percentages, totals; no answers of
    an institution, no free text, no files, no cross-tabulation."""

    template_name = "cuestionarios/resultados.html"

    def get_context_data(self, **kwargs):
        edicion = get_object_or_404(Edicion.objects.publicadas().select_related("cuestionario"), pk=kwargs["pk"])
        return super().get_context_data(
            edicion=edicion, cuestionario=edicion.cuestionario, publico=True,
            resultados=selectors.resultados(edicion=edicion), hoy=timezone.localdate(), **kwargs)
