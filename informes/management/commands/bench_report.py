"""make bench-report: time and measure the annual report on the 2020 record and on a
synthetic year of 500 agreements in 20 sessions. Each run is a separate process, so
that its peak memory is the report's own."""

import datetime
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# A past year after the official record (so that it is not carried into 2020), with held
# sessions (only those are reported).
ANIO_SINTETICO = 2025
PALABRAS = ("instituciones participantes Sistema igualdad mujeres hombres programa acciones difusión "
            "seguimiento informe trimestre plazo unidades género coordinación implementación estrategias").split()


class Command(BaseCommand):
    help = "Benchmark the annual report (make bench-report): time, SQL queries and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, runs, **options):
        call_command("load_reference_data", stdout=io.StringIO())
        self.preparar_anio_sintetico()
        filas = []
        for anio, nombre in ((2020, "Informe 2020 (registro oficial)"),
                             (ANIO_SINTETICO, "Año sintético: 500 acuerdos, 20 sesiones")):
            medidas = [self.medir(anio) for _ in range(runs)]
            filas.append((nombre, medidas))
        self.stdout.write(self.tabla(filas, runs))

    @transaction.atomic
    def preparar_anio_sintetico(self):
        from acuerdos.models import Acuerdo
        from compromisos.models import CambioEstatus, Estatus
        from sesiones.models import Sesion
        from snimh.db import crear_en_lote

        if Sesion.objects.filter(fecha__year=ANIO_SINTETICO).exists():
            return
        azar = random.Random(1)
        sesiones = Sesion.objects.bulk_create(
            Sesion(numero=600 + i, fecha=datetime.date(ANIO_SINTETICO, 1 + i * 11 // 20, 1 + i % 27),
                   estado="celebrada", modalidad="virtual") for i in range(20))
        acuerdos = crear_en_lote(Acuerdo, (
            Acuerdo(numero=20_000 + i, sesion=sesiones[i % 20], estatus=azar.choice(Estatus.values),
                    texto=" ".join(azar.choice(PALABRAS) for _ in range(azar.randint(25, 70))).capitalize() + ".")
            for i in range(500)))
        CambioEstatus.objects.bulk_create(
            CambioEstatus(compromiso_id=a.pk, anterior="", nuevo=a.estatus, fecha=a.sesion.fecha, motivo="Sintético")
            for a in acuerdos)

    def medir(self, anio):
        with tempfile.TemporaryDirectory() as carpeta:
            resultado = subprocess.run(
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "annual_report", str(anio),
                 "--output", str(Path(carpeta) / "informe.pdf"), "--metrics"],
                capture_output=True, text=True, check=True,
            )
        return json.loads(resultado.stdout.strip().splitlines()[-1])

    def tabla(self, filas, runs):
        lineas = [
            f"Informe anual: mediana de {runs} corridas, cada una en un proceso nuevo (PostgreSQL, DEBUG=False)",
            "",
            "| informe | total | datos | plantilla | maquetación WeasyPrint | escritura PDF | datos+plantilla | "
            "consultas SQL | memoria extra (pico del proceso) | tamaño PDF |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for nombre, medidas in filas:
            def mediana(clave, medidas=medidas):
                return statistics.median(m["tiempos"][clave] for m in medidas)

            total = sum(mediana(k) for k in ("datos", "plantilla", "maquetacion", "escritura_pdf"))
            propio = mediana("datos") + mediana("plantilla")
            consultas = {m["consultas"] for m in medidas}
            lineas.append(
                f"| {nombre} | {total:.2f} s | {mediana('datos'):.3f} s | {mediana('plantilla'):.3f} s | "
                f"{mediana('maquetacion'):.2f} s | {mediana('escritura_pdf'):.2f} s | {100 * propio / total:.1f} % | "
                f"{'/'.join(map(str, sorted(consultas)))} | "
                f"{statistics.median(m['memoria_extra_mb'] for m in medidas):.0f} MB "
                f"({statistics.median(m['memoria_pico_mb'] for m in medidas):.0f} MB) | "
                f"{medidas[0]['bytes'] // 1024} KB |"
            )
        return "\n".join(lineas)
