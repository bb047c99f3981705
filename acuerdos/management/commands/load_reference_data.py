from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

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
            with contexto_historial(command="load_reference_data"):
                report = load_reference_data(file, update=update)
        except ValidationError as error:
            raise CommandError(f"{file or 'data/reference'}: {error.messages}") from error
        if report.sin_cambios:
            self.stdout.write("Registro de referencia ya cargado: sin cambios.")
        for line in report.lines():
            self.stdout.write(line)
