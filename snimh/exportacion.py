"""Tables as CSV or XLSX downloads: every spreadsheet the system writes goes through this
one writer (agreements export, public transparency CSV, annual annex, import template),
so all open the same way in a Spanish spreadsheet program and none can carry a formula.

Formula injection (OWASP "CSV injection"): a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is run as a formula when the file is opened in a
spreadsheet program (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). ``es_formula`` is the
one rule that says which texts are dangerous; the evidence CSV check (snimh/uploads.py)
uses the same function. The text stays as entered in the database and on the pages;
only the file is neutralised.
"""

import csv
import io
import re

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# What a spreadsheet program reads as the start of a formula (OWASP).
INICIOS_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-5", "+3.2", "1e-3") is read as a number, not a formula: a column of
# negative figures is not an attack.
_NUMERO = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def es_formula(texto) -> bool:
    """Whether a spreadsheet program would take this text cell for a formula.

    Leading spaces are skipped: some programs trim them before deciding.
    """
    if not isinstance(texto, str):
        return False
    inicio = texto.lstrip(" ")
    return inicio.startswith(INICIOS_DE_FORMULA) and not _NUMERO.fullmatch(inicio)


def celda_csv(valor):
    """A CSV cell: a text that would be a formula gets a leading apostrophe, which
    spreadsheet programs show as text; numbers and dates are written as they are."""
    if es_formula(valor):
        return "'" + valor
    return valor


def como_csv(encabezados, filas):
    salida = io.StringIO()
    # UTF-8 with BOM: spreadsheet programs in Spanish open it with the accents right.
    salida.write("\ufeff")
    escritor = csv.writer(salida)
    escritor.writerow([celda_csv(e) for e in encabezados])
    for fila in filas:
        escritor.writerow([celda_csv(valor) for valor in fila])
    return salida.getvalue().encode("utf-8")


def como_xlsx(titulo, encabezados, filas, anchos):
    """A one-sheet workbook, written in openpyxl's streaming mode: memory stays flat
    however many rows there are.

    Text is always written as a string cell, never a formula (openpyxl would turn a
    text starting with "=" into one), and a text that a spreadsheet would take for a
    formula also carries the "quote prefix" style, so that editing the cell keeps it
    text. Numbers and dates keep their type.
    """
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(title=titulo[:31])
    for indice, ancho in enumerate(anchos, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = ancho
    hoja.freeze_panes = "A2"
    negrita = Font(bold=True)
    ajuste = Alignment(wrap_text=True, vertical="top")

    def celda(valor, **estilo):
        c = WriteOnlyCell(hoja, value=valor)
        if isinstance(valor, str):
            c.data_type = "s"
            if es_formula(valor):
                c.quotePrefix = True
        for nombre, valor_estilo in estilo.items():
            setattr(c, nombre, valor_estilo)
        return c

    def valor_simple(valor):
        # A plain value costs several times less than a cell object; openpyxl only
        # makes a formula of a str starting with "=", which es_formula covers.
        return celda(valor) if es_formula(valor) else valor

    hoja.append([celda(e, font=negrita) for e in encabezados])
    # Styled cells cost several times plain values; only the long texts need wrapping.
    largas = {indice for indice, ancho in enumerate(anchos) if ancho >= 40}
    for fila in filas:
        hoja.append([celda(valor, alignment=ajuste) if i in largas else valor_simple(valor)
                     for i, valor in enumerate(fila)])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


TIPOS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def respuesta(formato, nombre, contenido):
    """An attachment download named ``nombre``.``formato``."""
    respuesta_http = HttpResponse(contenido, content_type=TIPOS[formato])
    respuesta_http["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    return respuesta_http


def sello_de_fecha():
    """``20201231-1830``: file names of exports say when they were taken."""
    return timezone.localtime().strftime("%Y%m%d-%H%M")
