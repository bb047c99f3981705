"""Reads of the public site. Only published data: agreements of sessions held, their
responsible institutions and statuses; never evidence, reports, observations or people."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from acuerdos import tablero
from acuerdos.filtros import AcuerdoPublicoFilter
from acuerdos.models import Acuerdo
from compromisos.models import CambioEstatus, Estatus, Seguimiento, conteos_de_cumplimiento, q_estatus_efectivo
from compromisos.models import tasa_de_cumplimiento as tasa
from compromisos.selectors import responsables_de
from instituciones.models import Institucion, Participacion
from sesiones.models import Sesion


def acuerdos_filtrados(parametros):
    """The public list's filter bound to the query string: ``.qs`` is what the page lists and
    the open-data files download."""
    return AcuerdoPublicoFilter(parametros or None,
                                queryset=Acuerdo.objects.publicos().select_related("sesion").order_by("numero"))


def resumen(acuerdos, hoy=None):
    """Figures and charts of the filtered set (those of the dashboard, over these agreements)."""
    return tablero.resumen(acuerdos, hoy or timezone.localdate())


def acuerdo_publico(numero):
    """One public agreement with what its page shows: responsible institutions (named and by
    group) with their status, and the dated history of the agreement's status."""
    acuerdo = Acuerdo.objects.publicos().select_related("sesion").prefetch_related(
        Prefetch("historial_estatus", queryset=CambioEstatus.objects.del_compromiso().order_by("fecha", "registrado"),
                 to_attr="historial_publico"),
        "objetivos__programa",
    ).get(numero=numero)
    acuerdo.responsables = responsables_de([acuerdo.pk])[acuerdo.pk]
    return acuerdo


def sesiones_publicas():
    return Sesion.objects.celebradas().annotate(n_acuerdos=Count("acuerdos")).order_by("-fecha", "-numero")


def sesion_publica(tipo, numero):
    return Sesion.objects.celebradas().prefetch_related(
        "orden_del_dia", "asistencia_reportada", "asistencias",
        Prefetch("acuerdos", queryset=Acuerdo.objects.order_by("numero")),
    ).get(tipo=tipo, numero=numero)


def _vencidos(prefijo="", hoy=None):
    """Follow-up records overdue on ``hoy``: effectively open and past the agreement's deadline."""
    hoy = hoy or timezone.localdate()
    abiertos = Q()
    for estatus in Estatus.abiertos():
        abiertos |= q_estatus_efectivo(estatus, prefijo)
    return abiertos & Q(**{f"{prefijo}compromiso__plazo_fecha__lt": hoy})


def instituciones_publicas(hoy=None):
    """Every institution responsible for a public agreement, with its scorecard figures."""
    publicos = Q(seguimientos__compromiso__acuerdo__sesion__estado="celebrada")
    return (
        Institucion.objects.filter(pk__in=Seguimiento.objects.filter(compromiso__acuerdo__sesion__estado="celebrada")
                                   .values("institucion_id"))
        .annotate(**conteos_de_cumplimiento("seguimientos__", publicos),
                  vencidos=Count("seguimientos__pk", filter=publicos & _vencidos("seguimientos__", hoy)))
        .order_by("nombre")
    )


def tarjeta_de_institucion(institucion, hoy=None):
    """The public scorecard: its agreements with its own effective status, its compliance
    rate, on time and overdue."""
    hoy = hoy or timezone.localdate()
    seguimientos = (
        Seguimiento.objects.filter(institucion=institucion, compromiso__acuerdo__sesion__estado="celebrada")
        .select_related("compromiso__acuerdo__sesion", "grupo")
        .order_by("-compromiso__acuerdo__sesion__fecha", "-compromiso__acuerdo__numero")
    )
    conteo = seguimientos.aggregate(**conteos_de_cumplimiento(), vencidos=Count("pk", filter=_vencidos(hoy=hoy)))
    roles = Participacion.objects.filter(institucion=institucion).select_related("acuerdo__sesion").order_by("desde")
    return {
        "seguimientos": seguimientos, "total": conteo["total"], "cumplidos": conteo["cumplidos"],
        "vencidos": conteo["vencidos"], "tasa": tasa(conteo["cumplidos"], conteo["total"]), "roles": roles,
        "hoy": hoy,
    }

