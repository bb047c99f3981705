"""The dashboard's figures: aggregates computed in SQL, a fixed number of queries
whatever the size of the record, cached under a fingerprint of the data.

The cache key is built from the history's fingerprint (snimh.db.huella_del_historial:
django-pghistory writes an event for every insert, update and delete, also for raw SQL
and ``QuerySet.update``) and from today's date (the traffic light moves with the
calendar). Any change yields a new key, so the cache can never serve stale figures, and
it needs no invalidation signal that a bulk write could bypass. Without the history
triggers (the SQLite of ``make run``) nothing is cached.
"""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from compromisos.models import Estatus, Seguimiento, TipoCompromiso, conteos_de_cumplimiento, tasa_de_cumplimiento
from instituciones.models import Rol
from sesiones.models import Asistencia, Sesion
from snimh import graficas
from snimh.db import huella_del_historial
from snimh.fechas import dias_de_aviso

from .models import Acuerdo

SESIONES_EN_GRAFICA = 12
FILAS_SEMAFORO = 10
INSTITUCIONES_EN_RANKING = 5

@dataclass
class Tablero:
    hoy: object
    total: int = 0
    por_estatus: dict = field(default_factory=dict)
    por_sesion: list = field(default_factory=list)
    por_anio: list = field(default_factory=list)
    semaforo: dict = field(default_factory=dict)
    vencidos: list = field(default_factory=list)
    proximos: list = field(default_factory=list)
    mejores: list = field(default_factory=list)
    peores: list = field(default_factory=list)
    asistencia: list = field(default_factory=list)
    graficas: dict = field(default_factory=dict)
    dias_de_aviso: int = 15


@dataclass(frozen=True)
class FilaCumplimiento:
    institucion_id: int
    nombre: str
    siglas: str
    total: int
    cumplidos: int

    @property
    def tasa(self):
        return tasa_de_cumplimiento(self.cumplidos, self.total)


@dataclass(frozen=True)
class FilaUrgente:
    numero: int
    cita: str
    texto: str
    plazo_fecha: object
    dias: int


def tablero(hoy=None):
    """The dashboard for ``hoy`` (default: today), from the cache when the data has not changed."""
    hoy = hoy or timezone.localdate()
    huella = huella_del_historial()
    if huella is None:
        return _calcular(hoy)
    clave = f"tablero:v3:{hoy.isoformat()}:{huella}"
    datos = cache.get(clave)
    if datos is None:
        datos = _calcular(hoy)
        cache.set(clave, datos, timeout=24 * 3600)
    return datos


def _conteo_por(consulta, clave):
    """``{clave value: {estatus: n}}`` from a values(clave, "estatus").annotate(n) query."""
    resultado = {}
    for fila in consulta:
        resultado.setdefault(fila[clave], {})[fila["estatus"]] = fila["n"]
    return resultado


def _series_estatus():
    return [graficas.Serie(valor, str(etiqueta)) for valor, etiqueta in Estatus.choices]


@dataclass
class Resumen:
    """Figures and charts of a set of agreements: the dashboard's, and the public list's for
    the filtered set."""

    total: int
    por_estatus: dict
    vencidos: int
    por_sesion: list
    por_anio: list
    graficas: dict = field(default_factory=dict)


def resumen(acuerdos, hoy):
    """The figures and charts of ``acuerdos`` (any queryset of agreements) on ``hoy``."""
    datos = _resumen_sin_graficas(acuerdos, hoy)
    _graficas_de_estatus(datos)
    return datos


def _resumen_sin_graficas(acuerdos, hoy, *, contar_vencidos=True):
    por_estatus = _por_estatus(acuerdos)
    return Resumen(
        total=sum(por_estatus.values()), por_estatus=por_estatus,
        vencidos=acuerdos.vencidos(hoy).count() if contar_vencidos else None,
        por_sesion=_por_sesion(acuerdos), por_anio=_por_anio(acuerdos),
    )


def _calcular(hoy):
    acuerdos = Acuerdo.objects.all()
    # The dashboard counts overdue agreements in its traffic light, not here.
    comun = _resumen_sin_graficas(acuerdos, hoy, contar_vencidos=False)
    datos = Tablero(hoy=hoy, dias_de_aviso=dias_de_aviso(), total=comun.total, por_estatus=comun.por_estatus,
                    por_sesion=comun.por_sesion, por_anio=comun.por_anio)
    datos.semaforo, datos.vencidos, datos.proximos = _semaforo(acuerdos, hoy)
    datos.mejores, datos.peores = _mejores_y_peores(_cumplimiento_por_institucion())
    datos.asistencia = _asistencia_por_rol()
    _graficas(datos)
    return datos


def _por_estatus(acuerdos):
    """``{estatus: n}`` for every status, zeros included."""
    conteo = dict(acuerdos.values_list("estatus").annotate(n=Count("pk")).order_by())
    return {valor: conteo.get(valor, 0) for valor in Estatus.values}


def _por_sesion(acuerdos):
    """``[(sesion, {estatus: n})]`` for the most recent sessions that adopted agreements of
    the set, oldest first, keyed by the session itself (never by its label)."""
    sesiones = list(
        Sesion.objects.filter(pk__in=acuerdos.values("sesion_id")).order_by("-fecha", "-numero")[:SESIONES_EN_GRAFICA]
    )
    por_sesion = _conteo_por(
        acuerdos.filter(sesion__in=[s.pk for s in sesiones]).values("sesion_id", "estatus")
        .annotate(n=Count("pk")).order_by(),
        "sesion_id",
    )
    return [(sesion, por_sesion.get(sesion.pk, {})) for sesion in reversed(sesiones)]


def _por_anio(acuerdos):
    """``[(anio, {estatus: n})]`` by year of adoption."""
    por_anio = _conteo_por(
        acuerdos.annotate(anio=ExtractYear("sesion__fecha")).values("anio", "estatus").annotate(n=Count("pk")).order_by(),
        "anio",
    )
    return sorted(por_anio.items())


def _semaforo(acuerdos, hoy):
    """Traffic light of the open agreements, and the most overdue and next due."""
    limite = hoy + datetime.timedelta(days=dias_de_aviso())
    abiertos = acuerdos.abiertos()
    semaforo = abiertos.aggregate(
        vencido=Count("pk", filter=Q(plazo_fecha__lt=hoy)),
        proximo=Count("pk", filter=Q(plazo_fecha__gte=hoy, plazo_fecha__lte=limite)),
        a_tiempo=Count("pk", filter=Q(plazo_fecha__gt=limite)),
        sin_plazo=Count("pk", filter=Q(plazo_fecha__isnull=True)),
    )

    def urgentes(consulta):
        return [
            FilaUrgente(a.numero, a.cita, a.texto, a.plazo_fecha, abs((hoy - a.plazo_fecha).days))
            for a in consulta.select_related("sesion")[:FILAS_SEMAFORO]
        ]

    vencidos = urgentes(abiertos.filter(plazo_fecha__lt=hoy).order_by("plazo_fecha", "numero"))
    proximos = urgentes(abiertos.filter(plazo_fecha__gte=hoy, plazo_fecha__lte=limite).order_by("plazo_fecha", "numero"))
    return semaforo, vencidos, proximos


def _cumplimiento_por_institucion():
    """Compliance of each institution with the agreements it is bound by, counted as on the
    institution's page."""
    return [
        FilaCumplimiento(f["institucion_id"], f["institucion__nombre"], f["institucion__siglas"], f["total"], f["cumplidos"])
        for f in Seguimiento.objects.filter(compromiso__tipo=TipoCompromiso.ACUERDO)
        .values("institucion_id", "institucion__nombre", "institucion__siglas")
        .annotate(**conteos_de_cumplimiento()).filter(total__gt=0).order_by()
    ]


def _mejores_y_peores(filas):
    """The «Mayor cumplimiento» and «Menor cumplimiento» lists: at most
    INSTITUCIONES_EN_RANKING each, and never the same institution in both. With few
    institutions the ranking is split in two halves (the upper one gets the odd one
    out); with one institution there is nothing to compare it with."""
    ordenadas = sorted(filas, key=lambda f: (-f.cumplidos / f.total, -f.total, f.nombre))
    mejores = ordenadas[:min(INSTITUCIONES_EN_RANKING, (len(ordenadas) + 1) // 2)]
    resto = ordenadas[len(mejores):]
    peores = list(reversed(resto[-INSTITUCIONES_EN_RANKING:]))
    return mejores, peores


def _asistencia_por_rol():
    """Attendance by role in the most recent sessions held, counted as the session's own
    page counts it (Sesion.asistencia_por_rol), from two prefetched reads."""
    celebradas = (
        Sesion.objects.celebradas().order_by("-fecha", "-numero")
        .prefetch_related("asistencia_reportada", Prefetch("asistencias", queryset=Asistencia.objects.only("sesion_id", "rol")))
    )[:SESIONES_EN_GRAFICA]
    # A session whose attendance was never recorded is not a session nobody attended.
    return [(sesion, por_rol) for sesion in reversed(list(celebradas)) if (por_rol := sesion.asistencia_por_rol())]


def _graficas_de_estatus(datos):
    """Agreements by session and by year, stacked by status. Rows are built per session
    object (by identity), each labelled with its full name («Primera Sesión Extraordinaria»)."""
    series = _series_estatus()
    etiquetas_estatus = dict(Estatus.choices)
    if datos.por_sesion:
        filas = [(s.titulo, valores) for s, valores in datos.por_sesion]
        datos.graficas["sesion"] = graficas.barras_apiladas(
            titulo=_("Acuerdos por sesión y estatus"), descripcion=graficas.describir(filas, etiquetas_estatus),
            filas=filas, series=series, ident="grafica-sesion",
        )
    if datos.por_anio:
        filas = [(str(anio), valores) for anio, valores in datos.por_anio]
        datos.graficas["anio"] = graficas.barras_apiladas(
            titulo=_("Acuerdos por año y estatus"), descripcion=graficas.describir(filas, etiquetas_estatus),
            filas=filas, series=series, ident="grafica-anio",
        )


def _graficas(datos):
    """The dashboard's charts: those of any set of agreements, plus attendance by role."""
    _graficas_de_estatus(datos)
    if datos.asistencia:
        etiquetas_rol = dict(Rol.choices)
        filas = [(s.titulo, valores) for s, valores in datos.asistencia]
        datos.graficas["asistencia"] = graficas.barras_apiladas(
            titulo=_("Asistencia por rol en las sesiones"), descripcion=graficas.describir(filas, etiquetas_rol),
            filas=filas, series=[graficas.Serie(v, e) for v, e in etiquetas_rol.items()], ident="grafica-asistencia",
        )
