from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programas.importacion import importar
from programas.models import Programa
from snimh.db import contexto_historial


class Command(BaseCommand):
    help = ("Import a programme's action lines from an .xlsx or .csv file (columns in programas/importacion.py); "
            "all or nothing, idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("clave", help="The programme's key, e.g. PROIGUALDAD-2020-2024.")
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and change nothing.")

    def handle(self, *args, clave, archivo, dry_run, **options):
        programa = Programa.objects.filter(clave=clave).first()
        if programa is None:
            raise CommandError(f"No existe el programa «{clave}»: regístrelo primero en la administración.")
        if archivo.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError("El archivo debe ser .xlsx o .csv.")
        with contexto_historial(command="import_programa"):
            resultado = importar(programa, archivo.name, archivo.read_bytes(), simular=dry_run)
        for linea, motivo in resultado.errores:
            self.stdout.write(f"línea {linea}: {motivo}")
        if resultado.errores:
            raise CommandError(f"{len(resultado.errores)} error(es): no se importó nada.")
        prefijo = "se crearía" if dry_run else "creada"
        for numero in resultado.nuevas:
            self.stdout.write(f"{prefijo}: línea de acción {numero}")
        for numero in resultado.actualizadas:
            self.stdout.write(f"{'se actualizaría' if dry_run else 'actualizada'}: línea de acción {numero}")
        self.stdout.write(("Simulación (no se guardó nada): " if dry_run else "") + resultado.resumen() + ".")
