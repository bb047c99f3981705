import json
import resource
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from informes.pdf import GeneradorInformeAnual


class Command(BaseCommand):
    help = "Write the annual report of the SNIMH for a year as PDF (PDF/UA)."

    def add_arguments(self, parser):
        parser.add_argument("anio", type=int)
        parser.add_argument("--output", type=Path, required=True, help="PDF file to write")
        parser.add_argument("--metrics", action="store_true",
                            help="Print timings, SQL queries and peak memory as JSON (used by make bench-report).")

    def handle(self, *args, anio, output, metrics, **options):
        if not 2006 <= anio <= 2100:
            raise CommandError("El año debe estar entre 2006 y 2100.")
        memoria_inicial = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with CaptureQueriesContext(connection) as consultas:
            informe = GeneradorInformeAnual(anio).generar()
        output.write_bytes(informe.pdf)
        if metrics:
            self.stdout.write(json.dumps({
                "anio": anio, "tiempos": informe.tiempos, "consultas": len(consultas), "bytes": len(informe.pdf),
                # ru_maxrss is in KiB on Linux; the growth is this report's own peak.
                "memoria_pico_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "memoria_extra_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoria_inicial) / 1024,
            }))
            return
        tiempos = ", ".join(f"{k} {v:.2f} s" for k, v in informe.tiempos.items())
        self.stdout.write(f"{output}: {len(informe.pdf) // 1024} KB ({tiempos})")
