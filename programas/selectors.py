"""Reads of the programmes for their pages, API and exports (keyword-only, a constant number
of queries however many lines a programme has)."""

from django.db.models import Avg, Case, Count, F, IntegerField, Prefetch, Q, Value, When

from compromisos.models import Estatus, Seguimiento, q_estatus_efectivo

from .models import Estrategia, LineaAccion, Objetivo, Programa, clave_de_orden


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


# Roll-ups of progress ---------------------------------------------------------------

def _seguimientos_del_programa(programa, institucion=None):
    """The implementing institutions' records of the programme's lines (of one institution,
    when given), with matter (a record «sin materia» asks nothing of anybody)."""
    registros = (Seguimiento.objects.filter(compromiso__linea_accion__estrategia__objetivo__programa=programa)
                 .exclude(q_estatus_efectivo(Estatus.SIN_MATERIA)))
    return registros if institucion is None else registros.filter(institucion=institucion)


def _agregados():
    """Per group: records, records complied with, records with a known progress and the
    average progress (complied with counts 100 %; records without a progress are left out of
    the average and counted apart, as ``Compromiso.avance_de_seguimientos`` does for one line)."""
    cumplido = q_estatus_efectivo(Estatus.CUMPLIDO)
    avance = Case(When(cumplido, then=Value(100)), default=F("avance"), output_field=IntegerField())
    return {
        "total": Count("pk"),
        "cumplidos": Count("pk", filter=cumplido),
        "con_avance": Count("pk", filter=cumplido | Q(avance__isnull=False)),
        "promedio": Avg(avance),
        "en_proceso": Count("pk", filter=q_estatus_efectivo(Estatus.EN_PROCESO)),
        "sin_iniciar": Count("pk", filter=q_estatus_efectivo(Estatus.SIN_INICIAR)),
    }


def _redondear(filas):
    for fila in filas:
        fila["promedio"] = None if fila["promedio"] is None else round(fila["promedio"])
    return filas


def avance_por_objetivo(*, programa: Programa, institucion=None):
    return _redondear(list(
        _seguimientos_del_programa(programa, institucion)
        .values(numero=F("compromiso__linea_accion__estrategia__objetivo__numero"),
                texto=F("compromiso__linea_accion__estrategia__objetivo__texto"))
        .annotate(**_agregados()).order_by("numero")))


def avance_por_estrategia(*, programa: Programa):
    filas = list(
        _seguimientos_del_programa(programa)
        .values(numero=F("compromiso__linea_accion__estrategia__numero"),
                texto=F("compromiso__linea_accion__estrategia__texto"))
        .annotate(**_agregados()).order_by())
    return _redondear(sorted(filas, key=lambda f: clave_de_orden(f["numero"])))


def avance_por_institucion(*, programa: Programa, institucion=None):
    return _redondear(list(
        _seguimientos_del_programa(programa, institucion)
        .values("institucion_id", siglas=F("institucion__siglas"), nombre=F("institucion__nombre"))
        .annotate(**_agregados()).order_by("institucion__siglas", "institucion__nombre")))


def lineas_vencidas(*, programa: Programa, fecha=None):
    """Open lines past their deadline."""
    return LineaAccion.objects.del_programa(programa).vencidos(fecha).ordenadas().select_related("coordinadora")
