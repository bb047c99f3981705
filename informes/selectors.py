"""Everything the annual report shows, gathered with a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from acuerdos.models import Acuerdo, CambioEstatus, Estatus
from sesiones.models import Sesion
from snimh import graficas

from .models import TextoInforme


def _estatus_en(fecha, *, incluido=True):
    """The status an agreement had on ``fecha`` (its last change up to then), as SQL."""
    filtro = {"fecha__lte": fecha} if incluido else {"fecha__lt": fecha}
    return Subquery(
        CambioEstatus.objects.filter(acuerdo=OuterRef("pk"), **filtro)
        .order_by("-fecha", "-registrado", "-pk").values("nuevo")[:1]
    )


def acuerdos_del_anexo(anio):
    """Anexo I of the year ``anio``: the agreements adopted in its sessions, plus the
    earlier ones still under follow-up when the year began (open on 1 January: no
    status change up to 31 December of the previous year had closed them).

    Each carries ``estatus_al_cierre``: its status on 31 December of ``anio``, as the
    report states it. Agreements without a recorded history count with their
    current status.
    """
    inicio = datetime.date(anio, 1, 1)
    fin = datetime.date(anio, 12, 31)
    return (
        Acuerdo.objects.select_related("sesion")
        .annotate(
            estatus_al_inicio=Coalesce(_estatus_en(inicio, incluido=False), "estatus"),
            estatus_al_cierre=Coalesce(_estatus_en(fin), "estatus"),
        )
        .filter(
            Q(sesion__fecha__year=anio)
            | Q(sesion__fecha__lt=inicio, estatus_al_inicio__in=Estatus.abiertos())
        )
        .order_by("sesion__fecha", "numero")
    )


@dataclass
class DatosInforme:
    anio: int
    textos: TextoInforme | None
    sesiones: list
    anexo: list
    graficas: dict = field(default_factory=dict)
    resumen_anexo: dict = field(default_factory=dict)


def datos_del_informe(anio):
    sesiones = list(
        # Only sessions actually held are reported; programmed or cancelled ones are not.
        Sesion.objects.celebradas().del_anio(anio)
        .prefetch_related(
            "presidium", "orden_del_dia", "asistencia_reportada",
            Prefetch("asistencias"), Prefetch("acuerdos", queryset=Acuerdo.objects.order_by("numero")),
        )
        .order_by("fecha", "numero")
    )
    anexo = list(acuerdos_del_anexo(anio))
    series = [graficas.Serie(valor, str(etiqueta)) for valor, etiqueta in Estatus.choices]
    # By session identity, in the annex's order: an ordinary and an extraordinary session
    # with the same number are two bars, never one.
    por_sesion = {}
    for acuerdo in anexo:
        _sesion, conteo = por_sesion.setdefault(acuerdo.sesion_id, (acuerdo.sesion, {}))
        conteo[acuerdo.estatus_al_cierre] = conteo.get(acuerdo.estatus_al_cierre, 0) + 1
    filas = [(sesion.titulo, conteo) for sesion, conteo in por_sesion.values()]
    resumen = {valor: sum(conteo.get(valor, 0) for _t, conteo in filas) for valor in Estatus.values}
    textos = TextoInforme.objects.filter(anio=anio).first()
    datos = DatosInforme(anio=anio, textos=textos, sesiones=sesiones, anexo=anexo, resumen_anexo=resumen)
    etiquetas = dict(Estatus.choices)
    if anexo:
        datos.graficas["por_sesion"] = graficas.barras_apiladas(
            titulo=_("Estatus de los acuerdos por sesión al cierre de %(anio)s") % {"anio": anio},
            descripcion=graficas.describir(filas, etiquetas),
            filas=filas, series=series, ident="grafica-sesiones",
        )
        datos.graficas["anual"] = graficas.barras_apiladas(
            titulo=_("Cumplimiento de los acuerdos en seguimiento en %(anio)s") % {"anio": anio},
            descripcion=graficas.describir([(str(anio), resumen)], etiquetas),
            filas=[(str(anio), resumen)], series=series, ident="grafica-anual",
        )
    return datos
