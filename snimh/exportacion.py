"""Tables as CSV or XLSX downloads: the annual report's annex and the agreements list
share one writer, so both open the same way in a Spanish spreadsheet program."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone


def neutralizar_formula(valor):
    """Text typed by users, safe to open in a spreadsheet: a cell starting with = + - @
    (or a tab or carriage return) would run as a formula (CSV/formula injection), so it
    is prefixed with an apostrophe, which spreadsheets show as text."""
    if isinstance(valor, str) and valor[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + valor
    return valor


def como_csv(encabezados, filas):
    salida = io.StringIO()
    # UTF-8 with BOM: spreadsheet programs in Spanish open it with the accents right.
    salida.write("\ufeff")
    escritor = csv.writer(salida)
    escritor.writerow(encabezados)
    escritor.writerows(filas)
    return salida.getvalue().encode("utf-8")


def como_xlsx(titulo, encabezados, filas, anchos):
    """A one-sheet workbook, written in openpyxl's streaming mode: memory stays flat
    however many rows there are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(title=titulo[:31])
    for indice, ancho in enumerate(anchos, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = ancho
    hoja.freeze_panes = "A2"
    negrita = Font(bold=True)
    ajuste = Alignment(wrap_text=True, vertical="top")

    def celda(valor, **estilo):
        c = WriteOnlyCell(hoja, value=valor)
        for nombre, valor_estilo in estilo.items():
            setattr(c, nombre, valor_estilo)
        return c

    hoja.append([celda(e, font=negrita) for e in encabezados])
    # Styled cells cost several times plain values; only the long texts need wrapping.
    largas = {indice for indice, ancho in enumerate(anchos) if ancho >= 40}
    for fila in filas:
        hoja.append([celda(valor, alignment=ajuste) if i in largas else valor for i, valor in enumerate(fila)])
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
