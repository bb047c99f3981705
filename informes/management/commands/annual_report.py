import json
import logging
import resource
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from informes.pdf import GeneradorInformeAnual

# WeasyPrint reports every layout step of every page at INFO: shown only with -v 2.
PROGRESO_WEASYPRINT = logging.getLogger("weasyprint.progress")


class Command(BaseCommand):
    help = ("Write the annual report of the SNIMH for a year as PDF (PDF/UA). Prints where it wrote it and how long "
            "it took; -v 2 adds the time of each phase, the SQL queries and WeasyPrint's progress; -v 0 prints nothing.")

    def add_arguments(self, parser):
        parser.add_argument("anio", type=int)
        parser.add_argument("--output", type=Path, required=True, help="PDF file to write")
        parser.add_argument("--metrics", action="store_true",
                            help="Print timings, SQL queries and peak memory as JSON (used by make bench-report).")

    def handle(self, *args, anio, output, metrics, verbosity, **options):
        if not 2006 <= anio <= 2100:
            raise CommandError(_("El año debe estar entre 2006 y 2100."))
        if not output.parent.is_dir():
            raise CommandError(_("No existe la carpeta %(carpeta)s.") % {"carpeta": output.parent})
        memoria_inicial = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        nivel_anterior = PROGRESO_WEASYPRINT.level
        PROGRESO_WEASYPRINT.setLevel(logging.INFO if verbosity >= 2 else logging.WARNING)
        inicio = time.perf_counter()
        try:
            with CaptureQueriesContext(connection) as consultas:
                informe = GeneradorInformeAnual(anio).generar()
            output.write_bytes(informe.pdf)
        finally:
            PROGRESO_WEASYPRINT.setLevel(nivel_anterior)
        duracion = time.perf_counter() - inicio
        if metrics:
            self.stdout.write(json.dumps({
                "anio": anio, "tiempos": informe.tiempos, "consultas": len(consultas), "bytes": len(informe.pdf),
                # ru_maxrss is in KiB on Linux; the growth is this report's own peak.
                "memoria_pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "memoria_extra_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoria_inicial) / 1024,
            }))
            return
        if verbosity >= 1:
            self.stdout.write(_("Informe %(anio)s escrito en %(ruta)s (%(paginas)s, %(tamano)s) en %(segundos).1f s.") % {
                "anio": anio, "ruta": output.resolve(), "tamano": filesizeformat(len(informe.pdf)),
                "paginas": ngettext("%(n)s página", "%(n)s páginas", informe.paginas) % {"n": informe.paginas},
                "segundos": duracion,
            })
        if verbosity >= 2:
            nombres = {"datos": _("datos"), "plantilla": _("plantilla"), "maquetacion": _("maquetación"),
                       "escritura_pdf": _("escritura del PDF")}
            for clave, segundos in informe.tiempos.items():
                self.stdout.write(f"  {nombres.get(clave, clave)}: {segundos:.2f} s")
            self.stdout.write("  " + ngettext("%(n)s consulta SQL", "%(n)s consultas SQL", len(consultas))
                              % {"n": len(consultas)})
