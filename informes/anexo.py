"""Anexo I alone, as CSV or XLSX: the same rows and columns as in the PDF."""

from snimh import exportacion
from snimh.templatetags.texto import etiqueta_estatus

from .selectors import acuerdos_del_anexo

ENCABEZADOS = ["SESIÓN", "NÚMERO DE ACUERDO", "ACUERDO", "ESTATUS DEL ACUERDO"]


def filas(anio):
    for acuerdo in acuerdos_del_anexo(anio):
        yield [acuerdo.sesion.ordinal, acuerdo.cita, acuerdo.texto, etiqueta_estatus(acuerdo.estatus_al_cierre).upper()]


def como_csv(anio):
    return exportacion.como_csv(ENCABEZADOS, filas(anio))


def como_xlsx(anio):
    return exportacion.como_xlsx(f"Anexo I {anio}", ENCABEZADOS, filas(anio), anchos=(18, 18, 90, 20))
