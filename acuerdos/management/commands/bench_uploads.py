"""make bench-uploads: time and memory of refusing the hostile files of issue 14.

Each measurement runs in a fresh process that first loads the file as Django would hand
it over (a temporary file past 2.5 MB), then times the check and reads the growth of the
process's peak resident memory (VmHWM). "Antes" rows time what the previous code did with
the same file (Python's zipfile walking the whole directory; the import reading every
row), for comparison.
"""

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.management.base import BaseCommand
from openpyxl import Workbook, load_workbook

from acuerdos import importacion
from snimh import uploads


def _zip_de_entradas_vacias(ruta, entradas, *, declaradas=None):
    """``entradas`` empty files; with ``declaradas`` the end record claims that many."""
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_STORED) as archivo:
        for i in range(entradas):
            archivo.writestr(f"{i:07d}.csv", b"")
    if declaradas is not None:
        datos = bytearray(ruta.read_bytes())
        fin = datos.rfind(b"PK\x05\x06")
        datos[fin + 8:fin + 12] = declaradas.to_bytes(2, "little") * 2
        ruta.write_bytes(bytes(datos))


def _zip_honesto(ruta, entradas):
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as archivo:
        for i in range(entradas):
            archivo.writestr(f"expediente/lista {i:04d}.csv", f"institucion,personas\nCFE,{i}\nIMSS,{i + 1}\n")


def _xlsx_de_filas(ruta, filas):
    """The attack's shape: a header, then rows with one number each (a small file, many rows)."""
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet()
    hoja.append(importacion.COLUMNAS)
    for i in range(filas):
        hoja.append([i])
    libro.save(ruta)


CASOS = {
    # name: (description, file, builder)
    "zip_miente": ("ZIP de 19.6 MB: el directorio tiene 200,000 entradas, el registro final declara 1",
                   "miente.zip", lambda r: _zip_de_entradas_vacias(r, 200_000, declaradas=1)),
    "zip_1500": ("ZIP honesto de 1,500 entradas (límite 1,000)", "mil-quinientas.zip", lambda r: _zip_honesto(r, 1500)),
    "zip_900": ("ZIP honesto de 900 entradas, aceptado (inspección completa)", "novecientas.zip",
                lambda r: _zip_honesto(r, 900)),
    "xlsx_300000": ("Importación: XLSX de 300,000 filas (límite 5,000)", "masivo.xlsx",
                    lambda r: _xlsx_de_filas(r, 300_000)),
}


def _vmhwm_kb():
    for linea in Path("/proc/self/status").read_text().splitlines():
        if linea.startswith("VmHWM:"):
            return int(linea.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _medir(caso, ruta, modo):
    datos = Path(ruta).read_bytes()
    archivo = TemporaryUploadedFile(Path(ruta).name, "application/octet-stream", len(datos), None)
    archivo.write(datos)
    archivo.seek(0)
    del datos
    antes_kb = _vmhwm_kb()
    inicio = time.perf_counter()
    resultado = "aceptado"
    if modo == "antes" and caso.startswith("zip"):
        resultado = f"zipfile: {len(zipfile.ZipFile(archivo).infolist())} entradas leídas"
    elif modo == "antes":
        libro = load_workbook(archivo, read_only=True, data_only=True)
        resultado = f"{len(list(libro.active.iter_rows(values_only=True)))} filas leídas"
    elif caso.startswith("zip"):
        try:
            uploads.inspeccionar(archivo)
        except uploads.ArchivoRechazado as error:
            resultado = error.messages[0]
    else:
        contenido = archivo.read()
        errores = importacion.importar(archivo.name, contenido, simular=True).errores
        resultado = errores[0][1] if errores else "aceptado"
    segundos = time.perf_counter() - inicio
    return {"segundos": segundos, "memoria_mb": (_vmhwm_kb() - antes_kb) / 1024, "resultado": resultado}


class Command(BaseCommand):
    help = ("Benchmark the refusal of hostile uploads (make bench-uploads): the lying ZIP directory, an "
            "honest oversized ZIP, the 300,000-row import. Each run in a fresh process.")

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--medir", nargs=3, metavar=("CASO", "RUTA", "MODO"), help="internal: measure one case in this process")

    def handle(self, *args, runs, medir, **options):
        if medir:
            self.stdout.write(json.dumps(_medir(*medir)))
            return
        with tempfile.TemporaryDirectory(prefix="snimh-bench-uploads-") as carpeta:
            filas = []
            for caso, (descripcion, nombre, construir) in CASOS.items():
                ruta = Path(carpeta) / nombre
                construir(ruta)
                tamano = ruta.stat().st_size / 1e6
                for modo in ("ahora", "antes"):
                    if modo == "antes" and caso == "zip_900":
                        continue
                    medidas = [self._proceso(caso, ruta, modo) for _ in range(runs)]
                    filas.append((descripcion if modo == "ahora" else "  (antes: lo que hacía el código anterior)",
                                  tamano, medidas))
        self.stdout.write(
            f"Cargas hostiles: mediana de {runs} corridas, cada una en un proceso nuevo "
            f"(EVIDENCIA_ZIP_MAX_ENTRADAS={settings.EVIDENCIA_ZIP_MAX_ENTRADAS}, "
            f"IMPORTACION_MAX_FILAS={settings.IMPORTACION_MAX_FILAS})\n"
        )
        self.stdout.write("| caso | tamaño | tiempo | memoria extra (pico del proceso) | resultado |")
        self.stdout.write("| --- | ---: | ---: | ---: | --- |")
        for descripcion, tamano, medidas in filas:
            def mediana(clave, medidas=medidas):
                return statistics.median(m[clave] for m in medidas)

            self.stdout.write(
                f"| {descripcion} | {tamano:.1f} MB | {mediana('segundos'):.3f} s | {mediana('memoria_mb'):.1f} MB | "
                f"{medidas[0]['resultado'][:90]} |"
            )

    def _proceso(self, caso, ruta, modo):
        salida = subprocess.run(
            [sys.executable, sys.argv[0], "bench_uploads", "--medir", caso, str(ruta), modo],
            check=True, capture_output=True, text=True,
        ).stdout
        return json.loads(salida.strip().splitlines()[-1])
