"""Pages of the programmes: programme → objective → strategy → action line (whose follow-up
records are the engine's pages), the coordinating institution's lines, import and export."""

import base64

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from compromisos.models import Reporte
from snimh import exportacion, permisos
from snimh.views import PermisoMixin

from . import forms, importacion, selectors
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
