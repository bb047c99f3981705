from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesionesConfig(AppConfig):
    name = "sesiones"
    verbose_name = _("Sesiones")
