from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class TrabajosConfig(AppConfig):
    name = "trabajos"
    verbose_name = _("Trabajos en segundo plano")

    def ready(self):
        # Each app declares the kinds of job it runs in its own ``tareas`` module (the
        # annual report in informes, the export and import in acuerdos, the reminders in
        # avisos), as each app declares its admin: this app never imports them.
        autodiscover_modules("tareas")
        from . import periodicos  # noqa: F401 - registers the backup and the clean-up
