"""Sessions pages: list and detail. Internal, like the rest of the record."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from instituciones.models import Rol
from snimh.views import InternoMixin, ListaFiltradaMixin

from . import selectors
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
        return super().get_context_data(
            por_rol=por_rol, total_asistencia=sum(por_rol.values()), quorum=sesion.quorum(), roles=Rol.choices,
            **kwargs,
        )
