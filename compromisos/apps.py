from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompromisosConfig(AppConfig):
    name = "compromisos"
    verbose_name = _("Seguimiento de compromisos")

    def ready(self):
        from instituciones import paneles

        from .selectors import panel_de_institucion

        paneles.registrar_panel(paneles.Panel(
            clave="compromisos", plantilla="compromisos/_panel_institucion.html", contexto=panel_de_institucion,
            orden=50))
