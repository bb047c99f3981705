from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparenciaConfig(AppConfig):
    """The public site: pages and open data anyone may read, without an account."""

    name = "transparencia"
    verbose_name = _("Transparencia")
