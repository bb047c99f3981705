from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformesConfig(AppConfig):
    name = "informes"
    verbose_name = _("Informe anual")
