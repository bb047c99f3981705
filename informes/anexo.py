"""Anexo I alone, as CSV or XLSX: the same rows and columns as in the PDF."""

import csv
import io

from snimh.templatetags.texto import etiqueta_estatus

from .selectors import acuerdos_del_anexo

ENCABEZADOS = ["SESIÓN", "NÚMERO DE ACUERDO", "ACUERDO", "ESTATUS DEL ACUERDO"]


def filas(anio):
    for acuerdo in acuerdos_del_anexo(anio):
        yield [acuerdo.sesion.ordinal, acuerdo.cita, acuerdo.texto, etiqueta_estatus(acuerdo.estatus_al_cierre).upper()]


def como_csv(anio):
    salida = io.StringIO()
    # UTF-8 with BOM: spreadsheet programs in Spanish open it with the accents right.
    salida.write("\ufeff")
    escritor = csv.writer(salida)
    escritor.writerow(ENCABEZADOS)
    escritor.writerows(filas(anio))
    return salida.getvalue().encode("utf-8")


def como_xlsx(anio):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    libro = Workbook()
    hoja = libro.active
    hoja.title = f"Anexo I {anio}"
    hoja.append(ENCABEZADOS)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in filas(anio):
        hoja.append(fila)
    for columna, ancho in zip("ABCD", (18, 18, 90, 20), strict=True):
        hoja.column_dimensions[columna].width = ancho
    for fila in hoja.iter_rows(min_row=2):
        for celda in fila:
            celda.alignment = Alignment(wrap_text=True, vertical="top")
    hoja.freeze_panes = "A2"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
