from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acuerdos.importacion import importar
from snimh.db import contexto_historial


class Command(BaseCommand):
    help = "Import sessions and agreements from an .xlsx or .csv file (layout in acuerdos/importacion.py); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and change nothing.")

    def handle(self, *args, archivo, dry_run, **options):
        if archivo.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError("El archivo debe ser .xlsx o .csv.")
        with contexto_historial(command="import_record"):
            resultado = importar(archivo.name, archivo.read_bytes(), simular=dry_run)
        for linea, motivo in resultado.errores:
            self.stdout.write(f"línea {linea}: {motivo}")
        if resultado.errores:
            raise CommandError(f"{len(resultado.errores)} error(es): no se importó nada.")
        prefijo = "se crearían" if dry_run else "creados"
        for titulo in resultado.sesiones_nuevas:
            self.stdout.write(f"{prefijo}: sesión {titulo}")
        for cita in resultado.acuerdos_nuevos:
            self.stdout.write(f"{prefijo}: acuerdo {cita}")
        self.stdout.write(
            f"{len(resultado.sesiones_nuevas)} sesiones y {len(resultado.acuerdos_nuevos)} acuerdos {prefijo}; "
            f"{resultado.sin_cambios} sin cambios."
        )
