from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcuerdosConfig(AppConfig):
    name = "acuerdos"
    verbose_name = _("Acuerdos")

    def ready(self):
        from . import receptores

        receptores.conectar()
