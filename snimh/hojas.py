"""Reading spreadsheets (XLSX or CSV) for the imports: one reader, streaming and bounded, for
every import of the system (the historical record, a programme's action lines)."""

import csv
import io
import re
import unicodedata
import zipfile

from django.conf import settings
from openpyxl import load_workbook


def clave_de_texto(texto):
    """``" Comisión  Federal"`` → ``"comision federal"``: how imports compare names and values
    (case, accents and spacing ignored)."""
    texto = unicodedata.normalize("NFD", str(texto or "")).encode("ascii", "ignore").decode()
    return " ".join(texto.lower().split())


class FilasDeMas(Exception):
    """The file has more data rows than IMPORTACION_MAX_FILAS."""


_FILA_XML = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _contar_filas_xlsx(contenido, maximo):
    """Refuse a workbook whose sheets hold more than ``maximo`` rows (besides the header),
    counting row elements in the decompressed XML and stopping at the limit.

    Needed before openpyxl: even in read-only mode it reads a whole sheet on opening when
    the sheet does not declare its dimensions, as generated files often do not.
    """
    with zipfile.ZipFile(io.BytesIO(contenido)) as libro:
        for info in libro.infolist():
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                continue
            filas = 0
            pendiente = b""
            with libro.open(info) as hoja:
                for bloque in iter(lambda hoja=hoja: hoja.read(64 * 1024), b""):
                    ventana = pendiente + bloque
                    # A tag cut at the end of the block is kept for the next one.
                    corte = ventana.rfind(b"<")
                    if corte >= 0 and len(ventana) - corte < 16:
                        ventana, pendiente = ventana[:corte], ventana[corte:]
                    else:
                        pendiente = b""
                    filas += len(_FILA_XML.findall(ventana))
                    if filas > maximo + 1:
                        raise FilasDeMas(maximo)
                if len(_FILA_XML.findall(pendiente)) + filas > maximo + 1:
                    raise FilasDeMas(maximo)


def _filas_crudas(nombre, contenido):
    """The rows of the file as they are read, one at a time: XLSX in openpyxl's read-only
    (streaming) mode, CSV through the csv module. Nothing holds the whole sheet."""
    if nombre.lower().endswith(".xlsx"):
        libro = load_workbook(io.BytesIO(contenido), read_only=True, data_only=True)
        try:
            yield from libro.active.iter_rows(values_only=True)
        finally:
            libro.close()
    else:
        yield from csv.reader(io.StringIO(contenido.decode("utf-8-sig"), newline=""))


def leer_filas(nombre, contenido, *, maximo=None, alias=None):
    """``[(line, {column: value})]`` from an .xlsx or .csv file's bytes; ``FilasDeMas``
    as soon as a row past ``maximo`` (IMPORTACION_MAX_FILAS) is read. Column names are
    read with ``clave_de_texto`` and then ``alias`` (how people write a column's name)."""
    maximo = maximo or settings.IMPORTACION_MAX_FILAS
    alias = alias or {}
    if nombre.lower().endswith(".xlsx"):
        _contar_filas_xlsx(contenido, maximo)
    filas = _filas_crudas(nombre, contenido)
    try:
        primera = next(filas, None)
        if primera is None:
            return []
        encabezado = [alias.get(clave_de_texto(c), clave_de_texto(c)) for c in primera]
        resultado = []
        for linea, fila in enumerate(filas, start=2):
            if not any(v not in (None, "") for v in fila):
                continue
            if len(resultado) >= maximo:
                raise FilasDeMas(maximo)
            resultado.append((linea, {col: valor for col, valor in zip(encabezado, fila, strict=False) if col}))
        return resultado
    finally:
        filas.close()
