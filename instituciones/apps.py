from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitucionesConfig(AppConfig):
    name = "instituciones"
    verbose_name = _("Instituciones")
