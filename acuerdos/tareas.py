"""Background jobs of the agreements: the export of the list's filtered set, the import of
the historical record, and the weekly removal of evidence files no record references."""

import io

from django.core.management import call_command
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from snimh import exportacion
from snimh.db import contexto_historial
from trabajos.avance import ErrorDelTrabajo
from trabajos.models import TipoTrabajo, UnidadAvance
from trabajos.registro import registrar

from . import importacion, selectors

TIPOS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The most errors an import's failure message lists; the rest are counted.
ERRORES_A_MOSTRAR = 20


def exportacion_de_acuerdos(trabajo, avance):
    """The same file as the list's «Descargar CSV/XLSX» for the same filters."""
    formato = trabajo.parametros["formato"]
    avance(0, 0, paso=_("Buscando los acuerdos"))
    acuerdos = selectors.acuerdos_filtrados(QueryDict(trabajo.parametros.get("filtros", ""))).qs
    total = acuerdos.count()
    avance(0, total, paso=_("Escribiendo las filas"), unidad=UnidadAvance.FILAS)
    filas = avance.filas(selectors.filas_de_exportacion(acuerdos))
    encabezados = selectors.encabezados_de_exportacion()
    if formato == "csv":
        contenido = exportacion.como_csv(encabezados, filas)
    else:
        contenido = exportacion.como_xlsx(_("Acuerdos"), encabezados, filas,
                                          anchos=(9, 14, 30, 12, 80, 30, 12, 40, 13, 10))
    avance.resultado(
        contenido, nombre=f"acuerdos-snimh-{exportacion.sello_de_fecha()}.{formato}", tipo=TIPOS[formato],
        resumen=ngettext("%(n)s acuerdo", "%(n)s acuerdos", total) % {"n": f"{total:,}"},
    )


def importacion_del_registro(trabajo, avance):
    """The import confirmed on /importar/: all or nothing, as from the command line."""
    avance(0, 2, paso=_("Leyendo el archivo"))
    with trabajo.entrada.open("rb") as archivo:
        contenido = archivo.read()
    avance(1, 2, paso=_("Validando y guardando las filas"))
    with contexto_historial(user=trabajo.iniciado_por_id, trabajo=str(trabajo.pk)):
        resultado = importacion.importar(trabajo.parametros["nombre"], contenido, usuario=trabajo.iniciado_por)
    if not resultado.valido:
        errores = [_("Fila %(linea)s: %(error)s") % {"linea": linea, "error": error}
                   for linea, error in resultado.errores[:ERRORES_A_MOSTRAR]]
        resto = len(resultado.errores) - len(errores)
        if resto > 0:
            errores.append(ngettext("… y %(n)s error más.", "… y %(n)s errores más.", resto) % {"n": resto})
        raise ErrorDelTrabajo(_("No se importó nada: el archivo cambió o los datos ya no lo permiten. %(errores)s")
                              % {"errores": " ".join(errores)})
    avance.resumen(_("Importación terminada: %(resumen)s.") % {
        "resumen": importacion.resumen_en_texto(resultado, nuevas=True)})


def archivos_huerfanos(trabajo, avance):
    """Weekly: evidence files left behind by requests that failed after writing them."""
    avance(0, 1, paso=_("Buscando archivos sin registro"))
    salida = io.StringIO()
    call_command("purge_orphan_files", delete=True, older_than_hours=24, stdout=salida)
    lineas = salida.getvalue().strip().splitlines()
    avance.resumen(lineas[-1] if lineas else _("Sin archivos de evidencias."))


registrar(TipoTrabajo.EXPORTACION_ACUERDOS, exportacion_de_acuerdos)
registrar(TipoTrabajo.IMPORTACION, importacion_del_registro)
registrar(TipoTrabajo.ARCHIVOS_HUERFANOS, archivos_huerfanos)
