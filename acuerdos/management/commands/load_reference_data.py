from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from acuerdos.reference_data import load_reference_data
from snimh.db import contexto_historial


class Command(BaseCommand):
    help = "Load the official SNIMH record (sessions, institutions, agreements) from a YAML data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=None,
                            help="YAML data file (default: every file in data/reference/)")
        parser.add_argument(
            "--update", action="store_true",
            help="Also bring existing records back in line with the file (default: only create missing ones).",
        )

    def handle(self, *args, file, update, **options):
        try:
            with contexto_historial(command="load_reference_data"), transaction.atomic():
                report = load_reference_data(file, update=update)
                if file is None:
                    # Other apps' reference data (the questionnaires), named by their
                    # AppConfig so that this app does not import them.
                    for config in apps.get_app_configs():
                        cargador = getattr(config, "cargador_de_referencia", None)
                        if cargador:
                            import_string(cargador)(informe=report, update=update)
        except ValidationError as error:
            raise CommandError(f"{file or 'data/reference'}: {error.messages}") from error
        if report.sin_cambios:
            self.stdout.write("Registro de referencia ya cargado: sin cambios.")
        for line in report.lines():
            self.stdout.write(line)
