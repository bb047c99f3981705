"""Sessions pages: list and detail. Internal, like the rest of the record."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from acuerdos.views import InternoMixin
from instituciones.models import Rol

from . import selectors
from .models import Sesion, TipoSesion


class SesionListView(InternoMixin, ListView):
    template_name = "sesiones/lista.html"
    paginate_by = 25
    context_object_name = "sesiones"

    def get_queryset(self):
        self.anio = _entero(self.request.GET.get("anio"))
        self.tipo = self.request.GET.get("tipo") if self.request.GET.get("tipo") in TipoSesion.values else ""
        return selectors.sesiones_para_lista(self.anio, self.tipo)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            anios=selectors.anios_con_sesiones(), anio=self.anio, tipo=self.tipo, tipos=TipoSesion.choices, **kwargs
        )


def _entero(valor):
    try:
        numero = int(valor)
    except (TypeError, ValueError):
        return None
    return numero if 1 <= numero <= 9999 else None


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
