"""The PDF *Informe semestral de avance del PROIGUALDAD*, overall or of one institution:
the annual report's generator (template + context + WeasyPrint, static files only) with
this report's template and data."""

import datetime

from django.utils.translation import gettext as _

from informes.pdf import GeneradorInformeAnual

from . import selectors, semaforo
from .models import ConjuntoRecomendaciones, Programa, Semestre


def periodo(anio, semestre):
    """First and last day of a semester (1: January–June, 2: July–December)."""
    if semestre == 1:
        return datetime.date(anio, 1, 1), datetime.date(anio, 6, 30)
    return datetime.date(anio, 7, 1), datetime.date(anio, 12, 31)


def datos_del_informe_semestral(*, programa: Programa, anio: int, semestre: int, institucion=None):
    """What the report says: progress by objective and institution, reports accepted in the
    semester, levels of complexity, overdue lines and the semester's recommendations."""
    from django.db.models import Count, Q

    from compromisos.models import EstadoRevision, Estatus, Reporte
    from snimh import graficas

    inicio, fin = periodo(anio, semestre)
    por_objetivo = selectors.avance_por_objetivo(programa=programa, institucion=institucion)
    por_institucion = selectors.avance_por_institucion(programa=programa, institucion=institucion)
    reportes = Reporte.objects.filter(seguimiento__compromiso__linea_accion__estrategia__objetivo__programa=programa,
                                      fecha__range=(inicio, fin))
    if institucion is not None:
        reportes = reportes.filter(seguimiento__institucion=institucion)
    conteo_reportes = reportes.aggregate(
        total=Count("pk"), aceptados=Count("pk", filter=Q(estado_revision=EstadoRevision.ACEPTADO)))
    series = [graficas.Serie(e.value, str(e.label)) for e in (Estatus.CUMPLIDO, Estatus.EN_PROCESO,
                                                              Estatus.SIN_INICIAR)]
    filas = [(_("Objetivo %(n)s") % {"n": f["numero"]}, {"cumplido": f["cumplidos"], "en_proceso": f["en_proceso"],
                                           "sin_iniciar": f["sin_iniciar"]}) for f in por_objetivo]
    matriz = semaforo.matriz_de(programa=programa)
    niveles = list(matriz.niveles.all())
    lineas = semaforo.lineas_con_nivel(matriz=matriz, niveles=niveles, n_criterios=matriz.criterios.count())
    recomendaciones = ConjuntoRecomendaciones.objects.filter(anio=anio, semestre=semestre).select_related(
        "institucion").prefetch_related("recomendaciones__linea")
    vencidas = selectors.lineas_vencidas(programa=programa, fecha=fin)
    if institucion is not None:
        recomendaciones = recomendaciones.filter(institucion=institucion)
        vencidas = vencidas.filter(seguimientos__institucion=institucion).distinct()
    return {
        "programa": programa, "anio": anio, "semestre": semestre, "periodo": Semestre(semestre).label,
        "inicio": inicio, "fin": fin, "institucion": institucion,
        "por_objetivo": por_objetivo, "por_institucion": por_institucion, "reportes": conteo_reportes,
        "grafica": graficas.barras_apiladas(
            titulo=_("Estatus de las instrumentadoras por objetivo"),
            descripcion=graficas.describir(filas, {s.clave: s.etiqueta for s in series}),
            series=series, filas=filas, ident="g-semestral") if filas else "",
        "distribucion": semaforo.distribucion(lineas, niveles), "matriz": matriz,
        "recomendaciones": list(recomendaciones), "vencidas": list(vencidas),
    }


class GeneradorInformeSemestral(GeneradorInformeAnual):
    """Renders the *Informe semestral de avance del PROIGUALDAD* of a semester."""

    plantilla = "programas/pdf_informe_semestral.html"

    def __init__(self, *, programa, anio, semestre, institucion=None):
        super().__init__(anio)
        self.programa, self.semestre, self.institucion = programa, semestre, institucion

    def contexto(self):
        return {"d": datos_del_informe_semestral(programa=self.programa, anio=self.anio, semestre=self.semestre,
                                                 institucion=self.institucion)}
