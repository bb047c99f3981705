from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from sesiones.models import Sesion
from snimh import exportacion, permisos

from . import anexo
from .forms import TextoInformeForm
from .models import TextoInforme
from .pdf import GeneradorInformeAnual


class InformeMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self):
        return permisos.puede_generar_informe(self.request.user)

    @property
    def anio(self):
        anio = self.kwargs["anio"]
        if not 2006 <= anio <= 2100:
            raise Http404(_("No hay informe para ese año."))
        return anio


class InformeListaView(InformeMixin, TemplateView):
    template_name = "informes/lista.html"

    def get_context_data(self, **kwargs):
        anios = sorted({f.year for f in Sesion.objects.dates("fecha", "year")}, reverse=True)
        return super().get_context_data(
            anios=anios, puede_editar=permisos.puede_editar_informe(self.request.user), **kwargs
        )


class InformeVistaPreviaView(InformeMixin, View):
    """The same HTML the PDF is made from, to read in the browser."""

    def get(self, request, anio):
        return HttpResponse(GeneradorInformeAnual(self.anio).html())


class InformePDFView(InformeMixin, View):
    def get(self, request, anio):
        informe = GeneradorInformeAnual(self.anio).generar()
        respuesta = HttpResponse(informe.pdf, content_type="application/pdf")
        respuesta["Content-Disposition"] = f'attachment; filename="informe-snimh-{self.anio}.pdf"'
        return respuesta


class AnexoView(InformeMixin, View):
    formato = None

    def get(self, request, anio):
        contenido = anexo.como_csv(self.anio) if self.formato == "csv" else anexo.como_xlsx(self.anio)
        return exportacion.respuesta(self.formato, f"anexo-i-snimh-{self.anio}", contenido)


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
