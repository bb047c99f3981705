from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesionesConfig(AppConfig):
    name = "sesiones"
    verbose_name = _("Sesiones")

    def ready(self):
        from instituciones import paneles

        paneles.registrar_panel(paneles.Panel(
            clave="asistencias", plantilla="sesiones/_panel_institucion.html", contexto=_asistencias_recientes,
            orden=60))


def _asistencias_recientes(request, institucion):
    """The institution's recent attendance to sessions, for its page."""
    from .models import Asistencia

    return {"asistencias": list(
        Asistencia.objects.filter(institucion=institucion).select_related("sesion").order_by("-sesion__fecha")[:12])}
