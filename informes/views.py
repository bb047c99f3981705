import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from snimh import exportacion, permisos
from snimh.descargas import respuesta_de_archivo
from snimh.views import error_500

from . import anexo, selectors, services
from .forms import PublicacionForm, TextoInformeForm
from .models import ArchivoAlterado, ArchivoPublicado, TextoInforme
from .pdf import GeneradorInformeAnual

logger = logging.getLogger(__name__)


def _anio_valido(anio):
    if not 2006 <= anio <= 2100:
        raise Http404(_("No hay informe para ese año."))
    return anio


class InformeMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self):
        return permisos.puede_generar_informe(self.request.user)

    @property
    def anio(self):
        return _anio_valido(self.kwargs["anio"])


class InformeListaView(InformeMixin, TemplateView):
    """Coordination and consulta: each year's live report, and what has been published."""

    template_name = "informes/lista.html"

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        return super().get_context_data(
            anios=selectors.anios_del_informe(),
            puede_editar=permisos.puede_editar_informe(usuario),
            puede_publicar=permisos.puede_publicar_informe(usuario),
            **kwargs,
        )


class InformeVistaPreviaView(InformeMixin, View):
    """The same HTML the PDF is made from, to read in the browser."""

    def get(self, request, anio):
        return HttpResponse(GeneradorInformeAnual(self.anio).html())


class InformePDFView(InformeMixin, TemplateView):
    """The year's PDF with today's data. Rendering a large year takes seconds to minutes,
    so it is never done in the request: GET serves the PDF kept from a job whose data has
    not changed since (the history fingerprint), or says how to get one; POST asks a
    background worker for it and sends the person to the job's progress page."""

    template_name = "informes/pdf.html"

    def get(self, request, anio):
        vigente = selectors.archivo_vigente(anio=self.anio)
        if vigente is not None:
            return respuesta_de_archivo(vigente.resultado, vigente.resultado_nombre, vigente.resultado_tipo)
        return super().get(request, anio)

    def get_context_data(self, **kwargs):
        return super().get_context_data(anio=self.anio, en_marcha=selectors.trabajo_en_marcha(anio=self.anio),
                                        **kwargs)

    def post(self, request, anio):
        trabajo = services.informe_pdf_solicitar(anio=self.anio, usuario=request.user)
        if trabajo.descargable:
            # The data has not changed since this PDF was made: served from storage.
            return redirect("informes:pdf", anio=self.anio)
        return redirect(trabajo)


class AnexoView(InformeMixin, View):
    formato = None

    def get(self, request, anio):
        contenido = anexo.como_csv(self.anio) if self.formato == "csv" else anexo.como_xlsx(self.anio)
        return exportacion.respuesta(self.formato, f"anexo-i-snimh-{self.anio}", contenido)


class AnexoPrepararView(InformeMixin, View):
    """Anexo I as a file prepared by a background worker (the direct downloads stay)."""

    def post(self, request, anio):
        try:
            trabajo = services.anexo_solicitar(anio=self.anio, formato=request.POST.get("formato", ""),
                                               usuario=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("informes:lista") + f"#anio-{self.anio}")
        return redirect(trabajo)


class TextoInformeView(InformeMixin, FormView):
    template_name = "informes/textos.html"
    form_class = TextoInformeForm

    def test_func(self):
        return permisos.puede_editar_informe(self.request.user)

    def get_form_kwargs(self):
        textos = TextoInforme.objects.filter(anio=self.anio).first() or TextoInforme(anio=self.anio)
        return {**super().get_form_kwargs(), "instance": textos}

    def get_context_data(self, **kwargs):
        return super().get_context_data(anio=self.anio, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Textos del informe %(anio)s guardados.") % {"anio": self.anio})
        return redirect("informes:lista")


class PublicarInformeView(InformeMixin, FormView):
    """Coordination publishes a year's report, or a correction: this page says what will be
    frozen and asks for confirmation (and, for a correction, what it corrects)."""

    template_name = "informes/publicar.html"
    form_class = PublicacionForm

    def test_func(self):
        return permisos.puede_publicar_informe(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "version": services.siguiente_version(anio=self.anio)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            anio=self.anio, version=services.siguiente_version(anio=self.anio),
            contenido=selectors.contenido_del_informe(anio=self.anio),
            publicadas=selectors.publicaciones(anio=self.anio), **kwargs,
        )

    def form_valid(self, form):
        try:
            publicacion = services.informe_publicar(
                anio=self.anio, usuario=self.request.user, motivo=form.cleaned_data.get("motivo", ""),
            )
        except ValidationError as error:
            # Field errors next to their field when the form has it; the rest on top.
            en_campos = hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields)
            form.add_error(None, error if en_campos else error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Se publicó la versión %(version)s del informe %(anio)s. Desde ahora se descarga tal como quedó, "
            "en la página pública de informes."
        ) % {"version": publicacion.version, "anio": publicacion.anio})
        return redirect(reverse("informes:lista") + f"#anio-{publicacion.anio}")


class InformesPublicadosView(TemplateView):
    """Public: every published report with its versions, dates, sizes and SHA-256."""

    template_name = "informes/publicados.html"

    def dispatch(self, request, *args, **kwargs):
        if not permisos.puede_ver_informes_publicados(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(por_anio=selectors.publicaciones_por_anio(), **kwargs)


class DescargaPublicadaView(View):
    """Public: a published file, byte for byte as it was published (checked against its
    SHA-256 before it is served)."""

    def get(self, request, anio, version, nombre):
        if not permisos.puede_ver_informes_publicados(request.user):
            raise PermissionDenied
        formato = nombre.rsplit(".", 1)[-1]
        archivo = get_object_or_404(
            ArchivoPublicado.objects.select_related("publicacion"),
            publicacion__anio=anio, publicacion__version=version, formato=formato,
        )
        if archivo.nombre_de_descarga != nombre:
            raise Http404(_("No existe ese archivo."))
        try:
            contenido = archivo.leer()
        except (ArchivoAlterado, OSError):
            # Never serve something other than what was published; the administrators
            # are told through the error log.
            logger.error("published file %s does not match its SHA-256 or is missing", archivo.archivo.name)
            return error_500(request)
        respuesta = HttpResponse(contenido, content_type=archivo.tipo_mime)
        respuesta["Content-Disposition"] = content_disposition_header(True, archivo.nombre_de_descarga)
        respuesta["X-Content-Type-Options"] = "nosniff"
        respuesta["ETag"] = f'"{archivo.sha256}"'
        # A version's files never change: caches may keep them.
        respuesta["Cache-Control"] = "public, max-age=31536000, immutable"
        return respuesta
