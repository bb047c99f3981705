from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recomendaciones.importacion import importar, resumen_en_texto
from snimh.db import contexto_historial


class Command(BaseCommand):
    help = ("Import international recommendations from an .xlsx or .csv file with the columns documento, parrafo, "
            "texto, mesa, instituciones (recomendaciones/importacion.py); all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and change nothing.")

    def handle(self, *args, archivo, dry_run, **options):
        if archivo.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError(_("El archivo debe ser .xlsx o .csv."))
        if not archivo.is_file():
            raise CommandError(_("No existe el archivo %(archivo)s.") % {"archivo": archivo})
        with contexto_historial(command="import_recomendaciones"):
            resultado = importar(archivo.name, archivo.read_bytes(), simular=dry_run)
        for linea, motivo in resultado.errores:
            self.stdout.write(_("línea %(linea)s: %(motivo)s") % {"linea": linea, "motivo": motivo})
        if resultado.errores:
            n = len(resultado.errores)
            raise CommandError(ngettext("%(n)s error: no se importó nada.", "%(n)s errores: no se importó nada.", n)
                               % {"n": n})
        for mesa in resultado.mesas_nuevas:
            self.stdout.write(_("mesa temática nueva: %(mesa)s (sin presidencia)") % {"mesa": mesa})
        for cita in resultado.nuevas:
            self.stdout.write(_("nueva: %(cita)s") % {"cita": cita})
        for cita in resultado.actualizadas:
            self.stdout.write(_("instituciones agregadas: %(cita)s") % {"cita": cita})
        prefijo = _("Simulación, nada se guardó") if dry_run else _("Importación terminada")
        self.stdout.write(f"{prefijo}: {resumen_en_texto(resultado)}.")
