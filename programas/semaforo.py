"""The semaforización matrix of a programme: the one rule that turns a line's scores into a
complexity level, its default, the writes (configure, propose, validate) and the reads of the
heat map and the distribution of levels.

A line is classified when every criterion of the matrix has a *validated* score: its level is
the one with the highest threshold (``puntaje_minimo``) its total reaches. Levels are computed
when read, never stored, so that changing thresholds reclassifies every line at once."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from snimh import permisos

from .models import CriterioSemaforo, LineaAccion, MatrizSemaforo, NivelSemaforo, Programa, PuntajeLinea

# The system's proposal until coordination edits it: neutral names, a 1–3 scale, three levels.
CRITERIOS_PREDETERMINADOS = [gettext_lazy("Criterio %(n)s") % {"n": n} for n in range(1, 6)]
NIVELES_PREDETERMINADOS = [
    # name, threshold on the total (5–15), colour, counts as high feasibility
    (gettext_lazy("Alta factibilidad"), 5, "#2e7d32", True),
    (gettext_lazy("Factibilidad media"), 9, "#f9a825", False),
    (gettext_lazy("Baja factibilidad"), 12, "#c62828", False),
]


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


@transaction.atomic
def matriz_de(*, programa: Programa) -> MatrizSemaforo:
    """The programme's matrix; the default one the first time it is asked for."""
    matriz, creada = MatrizSemaforo.objects.select_for_update().get_or_create(programa=programa)
    if creada:
        CriterioSemaforo.objects.bulk_create(
            [CriterioSemaforo(matriz=matriz, orden=n, nombre=str(nombre))
             for n, nombre in enumerate(CRITERIOS_PREDETERMINADOS, start=1)])
        NivelSemaforo.objects.bulk_create(
            [NivelSemaforo(matriz=matriz, nombre=str(nombre), puntaje_minimo=minimo, color=color, alta_factibilidad=alta)
             for nombre, minimo, color, alta in NIVELES_PREDETERMINADOS])
    return matriz


def nivel_de(suma, niveles):
    """The level a total reaches: the one with the highest threshold not above it (None below
    every threshold or without a total)."""
    if suma is None:
        return None
    alcanzados = [n for n in niveles if n.puntaje_minimo <= suma]
    return max(alcanzados, key=lambda n: n.puntaje_minimo) if alcanzados else None


@transaction.atomic
def matriz_configurar(*, matriz: MatrizSemaforo, usuario, escala_minima: int, escala_maxima: int,
                      criterios: list[str], niveles: list[dict]) -> MatrizSemaforo:
    """Set the scale, the criteria's names (a criterion keeps its scores: it is the same
    criterion renamed) and the levels (replaced). The matrix stops being the default."""
    _exigir(permisos.puede_configurar_semaforo(usuario))
    matriz = MatrizSemaforo.objects.select_for_update().get(pk=matriz.pk)
    matriz.escala_minima, matriz.escala_maxima, matriz.predeterminada = escala_minima, escala_maxima, False
    matriz.full_clean()
    fuera = PuntajeLinea.objects.filter(criterio__matriz=matriz).exclude(
        valor__gte=escala_minima, valor__lte=escala_maxima).count()
    if fuera:
        raise ValidationError(
            _("Hay puntajes fuera de la nueva escala (%(n)s); corríjalos antes de cambiarla.") % {"n": fuera},
            code="puntajes_fuera_de_escala")
    matriz.save()
    actuales = {c.orden: c for c in matriz.criterios.all()}
    if len(criterios) != len(actuales):
        raise ValidationError(_("La matriz tiene %(n)s criterios; nómbrelos todos.") % {"n": len(actuales)},
                              code="criterios_incompletos")
    for orden, nombre in enumerate(criterios, start=1):
        criterio = actuales[orden]
        criterio.nombre = (nombre or "").strip()
        criterio.full_clean()
        criterio.save()
    if not niveles:
        raise ValidationError(_("Defina al menos un nivel."), code="sin_niveles")
    minimo_total, maximo_total = len(criterios) * escala_minima, len(criterios) * escala_maxima
    matriz.niveles.all().delete()
    for datos in niveles:
        nivel = NivelSemaforo(matriz=matriz, **datos)
        if not minimo_total <= nivel.puntaje_minimo <= maximo_total:
            raise ValidationError(
                _("El umbral del nivel «%(nivel)s» debe estar entre %(min)s y %(max)s, los totales posibles.")
                % {"nivel": nivel.nombre, "min": minimo_total, "max": maximo_total}, code="umbral_fuera")
        nivel.full_clean()
        nivel.save()
    return matriz


@transaction.atomic
def puntajes_proponer(*, linea: LineaAccion, usuario, valores: dict) -> list[PuntajeLinea]:
    """Record ``valores`` ({criterion id: score}) as the line's proposal; a changed score goes
    back to «propuesto» until coordination validates it again."""
    _exigir(permisos.puede_proponer_puntajes(usuario, linea))
    matriz = matriz_de(programa=linea.programa)
    criterios = {c.pk: c for c in matriz.criterios.all()}
    existentes = {p.criterio_id: p for p in linea.puntajes.filter(criterio__matriz=matriz)}
    guardados = []
    for criterio_id, valor in valores.items():
        criterio = criterios.get(int(criterio_id))
        if criterio is None:
            raise ValidationError(_("El criterio no es de la matriz del programa."), code="otra_matriz")
        puntaje = existentes.get(criterio.pk) or PuntajeLinea(linea=linea, criterio=criterio)
        if puntaje.pk and puntaje.valor == valor:
            guardados.append(puntaje)
            continue
        puntaje.valor, puntaje.propuesto_por = valor, usuario
        puntaje.estado, puntaje.validado_por, puntaje.validado_en = PuntajeLinea.Estado.PROPUESTO, None, None
        puntaje.full_clean()
        puntaje.save()
        guardados.append(puntaje)
    return guardados


@transaction.atomic
def puntajes_validar(*, linea: LineaAccion, usuario) -> int:
    """Coordination validates the line's scores; every criterion must have one."""
    _exigir(permisos.puede_validar_puntajes(usuario))
    matriz = matriz_de(programa=linea.programa)
    puntajes = linea.puntajes.filter(criterio__matriz=matriz)
    faltan = matriz.criterios.exclude(pk__in=puntajes.values("criterio_id")).count()
    if faltan:
        raise ValidationError(_("Faltan puntajes en %(n)s criterios: califique todos antes de validar.") % {"n": faltan},
                              code="puntajes_incompletos")
    return puntajes.filter(estado=PuntajeLinea.Estado.PROPUESTO).update(
        estado=PuntajeLinea.Estado.VALIDADO, validado_por=usuario, validado_en=timezone.now())


# Reads ------------------------------------------------------------------------

def lineas_con_nivel(*, matriz: MatrizSemaforo, niveles, n_criterios: int):
    """The programme's lines annotated with ``suma`` (of validated scores), ``n_validados``
    and ``nivel_id`` (None until every criterion has a validated score): ``nivel_de`` written
    for the database, so that lists filter and count by level in one query."""
    validados = Q(puntajes__criterio__matriz=matriz, puntajes__estado=PuntajeLinea.Estado.VALIDADO)
    lineas = LineaAccion.objects.del_programa(matriz.programa).annotate(
        suma=Sum("puntajes__valor", filter=validados),
        n_validados=Count("puntajes", filter=validados),
    )
    casos = [When(n_validados=n_criterios, suma__gte=n.puntaje_minimo, then=Value(n.pk))
             for n in sorted(niveles, key=lambda n: -n.puntaje_minimo)]
    return lineas.annotate(nivel_id=Case(*casos, default=None, output_field=IntegerField()))


@dataclass
class Distribucion:
    filas: list  # (level, count, percent of classified)
    clasificadas: int
    sin_clasificar: int
    alta_factibilidad: int | None  # percent of classified lines in «high feasibility» levels


def distribucion(lineas, niveles) -> Distribucion:
    """Lines per level (``lineas`` from ``lineas_con_nivel``, filtered as the page is)."""
    # One row per line (the level is itself computed from an aggregate, so it cannot be grouped on).
    conteo = Counter(lineas.order_by().values_list("nivel_id", flat=True))
    clasificadas = sum(n for nivel_id, n in conteo.items() if nivel_id is not None)
    filas = [(n, conteo.get(n.pk, 0), round(100 * conteo.get(n.pk, 0) / clasificadas) if clasificadas else None)
             for n in niveles]
    altas = sum(c for n, c, _p in filas if n.alta_factibilidad)
    return Distribucion(filas=filas, clasificadas=clasificadas, sin_clasificar=conteo.get(None, 0),
                        alta_factibilidad=round(100 * altas / clasificadas) if clasificadas else None)


def mapa_de_calor(lineas, matriz):
    """The lines with their scores on the matrix's criteria, prefetched (a constant number of
    queries)."""
    return lineas.ordenadas().select_related("estrategia__objetivo__programa", "coordinadora").prefetch_related(
        Prefetch("puntajes", queryset=PuntajeLinea.objects.filter(criterio__matriz=matriz).order_by("criterio__orden"),
                 to_attr="puntajes_de_la_matriz"))
