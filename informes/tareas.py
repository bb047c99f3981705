"""The annual report's background jobs: the PDF of a year and Anexo I as CSV or XLSX."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trabajos.models import TipoTrabajo, UnidadAvance
from trabajos.registro import registrar

from . import anexo
from .pdf import FASES, GeneradorInformeAnual
from .selectors import acuerdos_del_anexo

TIPOS_DEL_ANEXO = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def informe_pdf(trabajo, avance):
    anio = int(trabajo.parametros["anio"])
    # The PDF's phases, then storing it.
    total = FASES + 1
    informe = GeneradorInformeAnual(anio).generar(al_avanzar=lambda hechas, texto: avance(hechas, total, paso=texto))
    avance(FASES, total, paso=_("Guardando el PDF"))
    avance.resultado(
        informe.pdf, nombre=f"informe-snimh-{anio}.pdf", tipo="application/pdf",
        resumen=ngettext("%(n)s página", "%(n)s páginas", informe.paginas) % {"n": informe.paginas},
    )


def anexo_del_informe(trabajo, avance):
    anio, formato = int(trabajo.parametros["anio"]), trabajo.parametros["formato"]
    avance(0, 0, paso=_("Leyendo el registro"))
    acuerdos = list(acuerdos_del_anexo(anio))
    avance(0, len(acuerdos), paso=_("Escribiendo las filas"), unidad=UnidadAvance.FILAS)
    escribir = anexo.como_csv if formato == "csv" else anexo.como_xlsx
    contenido = escribir(anio, acuerdos=acuerdos, al_escribir=avance.filas)
    avance.resultado(
        contenido, nombre=f"anexo-i-snimh-{anio}.{formato}", tipo=TIPOS_DEL_ANEXO[formato],
        resumen=ngettext("%(n)s acuerdo", "%(n)s acuerdos", len(acuerdos)) % {"n": len(acuerdos)},
    )


registrar(TipoTrabajo.INFORME_PDF, informe_pdf)
registrar(TipoTrabajo.ANEXO, anexo_del_informe)
