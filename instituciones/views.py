"""Institutions pages: list and detail. Internal, like the rest of the record."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from snimh.views import InternoMixin

from . import selectors
from .models import Institucion


class InstitucionListView(InternoMixin, ListView):
    template_name = "instituciones/lista.html"
    paginate_by = 50
    context_object_name = "instituciones"

    def get_queryset(self):
        self.q = self.request.GET.get("q", "")[:100]
        return selectors.instituciones_para_lista(self.q)

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.q, **kwargs)


class InstitucionDetailView(InternoMixin, DetailView):
    template_name = "instituciones/detalle.html"
    context_object_name = "institucion"
    acuerdos_por_pagina = 25

    def get_object(self, queryset=None):
        try:
            return selectors.institucion_para_detalle(self.kwargs["pk"])
        except Institucion.DoesNotExist as error:
            raise Http404(_("No existe esa institución.")) from error

    def get_context_data(self, **kwargs):
        institucion = self.object
        pagina = Paginator(selectors.seguimientos(institucion), self.acuerdos_por_pagina).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            participaciones=selectors.participaciones(institucion),
            representantes=selectors.representantes(institucion),
            cumplimiento=selectors.cumplimiento(institucion),
            page_obj=pagina, seguimientos=pagina.object_list, is_paginated=pagina.has_other_pages(),
            asistencias=selectors.asistencias(institucion)[:12],
            **kwargs,
        )
