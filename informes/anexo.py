"""Anexo I alone, as CSV or XLSX: the same rows and columns as in the PDF."""

from compromisos.selectors import responsables_de
from compromisos.templatetags.estatus import etiqueta_estatus
from snimh import exportacion

from .selectors import acuerdos_del_anexo

# The report's four columns, and who is bound (groups with the institutions they bind).
ENCABEZADOS = ["SESIÓN", "NÚMERO DE ACUERDO", "ACUERDO", "ESTATUS DEL ACUERDO", "RESPONSABLES"]


def filas(anio, *, acuerdos=None):
    """The annex's rows; ``acuerdos`` (from ``acuerdos_del_anexo``) when already read,
    so that a publication's PDF, CSV and XLSX come from one and the same read."""
    acuerdos = list(acuerdos_del_anexo(anio) if acuerdos is None else acuerdos)
    responsables = responsables_de([a.pk for a in acuerdos])
    for acuerdo in acuerdos:
        # The session's full name: «Primera» alone would not tell an ordinary from an
        # extraordinary session with the same number.
        yield [acuerdo.sesion.titulo, acuerdo.cita, acuerdo.texto, etiqueta_estatus(acuerdo.estatus_al_cierre).upper(),
               responsables[acuerdo.pk].texto() or acuerdo.responsables_texto]


def _filas(anio, acuerdos, al_escribir):
    todas = filas(anio, acuerdos=acuerdos)
    return todas if al_escribir is None else al_escribir(todas)


def como_csv(anio, *, acuerdos=None, al_escribir=None):
    """``al_escribir``, if given, wraps the rows as they are written (a job counts them)."""
    return exportacion.como_csv(ENCABEZADOS, _filas(anio, acuerdos, al_escribir))


def como_xlsx(anio, *, acuerdos=None, al_escribir=None):
    return exportacion.como_xlsx(f"Anexo I {anio}", ENCABEZADOS, _filas(anio, acuerdos, al_escribir),
                                 anchos=(24, 18, 90, 20, 40))
