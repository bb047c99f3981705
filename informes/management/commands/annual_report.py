from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from informes.pdf import GeneradorInformeAnual


class Command(BaseCommand):
    help = "Write the annual report of the SNIMH for a year as PDF (PDF/UA)."

    def add_arguments(self, parser):
        parser.add_argument("anio", type=int)
        parser.add_argument("--output", type=Path, required=True, help="PDF file to write")

    def handle(self, *args, anio, output, **options):
        if not 2006 <= anio <= 2100:
            raise CommandError("El año debe estar entre 2006 y 2100.")
        informe = GeneradorInformeAnual(anio).generar()
        output.write_bytes(informe.pdf)
        tiempos = ", ".join(f"{k} {v:.2f} s" for k, v in informe.tiempos.items())
        self.stdout.write(f"{output}: {len(informe.pdf) // 1024} KB ({tiempos})")
