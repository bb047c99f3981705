"""Reads of the programmes for their pages, API and exports (keyword-only, a constant number
of queries however many lines a programme has)."""

from django.db.models import Count, Prefetch, Q

from compromisos.models import Estatus, Seguimiento

from .models import Estrategia, LineaAccion, Objetivo, Programa


def seguimientos_con_institucion():
    """The implementing institutions' records, for prefetching from lines."""
    return Prefetch("seguimientos", queryset=Seguimiento.objects.select_related("institucion")
                    .order_by("institucion__siglas", "institucion__nombre"))


def lineas_del_programa(*, programa: Programa):
    """The programme's lines in published order with what lists show of them: strategy,
    objective, coordinating and implementing institutions."""
    return (LineaAccion.objects.del_programa(programa).ordenadas()
            .select_related("estrategia__objetivo__programa", "coordinadora")
            .prefetch_related(seguimientos_con_institucion()))


def lineas_para_exportar(*, programa: Programa):
    return lineas_del_programa(programa=programa)


def objetivos_con_conteos(*, programa: Programa):
    """The programme's objectives with their number of strategies and lines, and lines
    complied with."""
    return (Objetivo.objects.filter(programa=programa).order_by("numero")
            .annotate(n_estrategias=Count("estrategias", distinct=True),
                      n_lineas=Count("estrategias__lineas", distinct=True),
                      n_cumplidas=Count("estrategias__lineas", distinct=True,
                                        filter=Q(estrategias__lineas__estatus=Estatus.CUMPLIDO))))


def estrategias_con_conteos(*, objetivo: Objetivo):
    return (Estrategia.objects.filter(objetivo=objetivo)
            .annotate(n_lineas=Count("lineas", distinct=True),
                      n_cumplidas=Count("lineas", distinct=True, filter=Q(lineas__estatus=Estatus.CUMPLIDO))))


def lineas_de_estrategia(*, estrategia: Estrategia):
    return (LineaAccion.objects.filter(estrategia=estrategia).ordenadas()
            .select_related("estrategia__objetivo__programa", "coordinadora")
            .prefetch_related(seguimientos_con_institucion()))


def linea_para_detalle(*, programa: Programa, numero: str):
    return (LineaAccion.objects.del_programa(programa)
            .select_related("estrategia__objetivo__programa", "coordinadora")
            .prefetch_related(seguimientos_con_institucion())
            .get(numero=numero))


def programas_con_conteos():
    return Programa.objects.annotate(n_objetivos=Count("objetivos", distinct=True),
                                     n_lineas=Count("objetivos__estrategias__lineas", distinct=True))


def lineas_coordinadas_por(*, institucion_id: int):
    """The lines an institution coordinates (its officers follow and comment their reports)."""
    return (LineaAccion.objects.filter(coordinadora_id=institucion_id)
            .order_by("estrategia__objetivo__programa__clave", "estrategia__objetivo__numero", "orden_estrategia",
                      "orden_linea")
            .select_related("estrategia__objetivo__programa", "coordinadora")
            .prefetch_related(seguimientos_con_institucion())
            .annotate(n_por_revisar=Count("seguimientos__reportes", distinct=True,
                                          filter=Q(seguimientos__reportes__estado_revision="pendiente"))))
