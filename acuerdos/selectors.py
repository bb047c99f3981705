"""Reads for the agreements pages, exports and the public site, filtered by snimh/permisos.py.
The follow-up of each institution (records, reports, evidence, timeline, inbox, review
queue) is read by the engine: ``compromisos.selectors``."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from compromisos.selectors import con_responsables, historial_de_estatus, seguimientos_con_institucion

from . import models as m


def acuerdos_para_detalle():
    """Agreements with everything their page and their API detail show, in a fixed number
    of queries: responsible groups and institutions, objectives, status history (the
    agreement's and each institution's, in date order)."""
    return m.Acuerdo.objects.select_related("sesion").prefetch_related(
        "grupos_responsables",
        seguimientos_con_institucion(),
        Prefetch("objetivos", queryset=m.Objetivo.objects.select_related("programa")),
        historial_de_estatus(),
    )


@dataclass(frozen=True)
class GrupoConInstituciones:
    """A responsible group and the institutions it binds: «Invitadas permanentes: CFE, INDESOL…»."""

    grupo: object
    instituciones: list

    @property
    def nombre(self):
        return self.grupo.nombre


def grupos_con_instituciones(acuerdo):
    """The agreement's groups, each with the institutions bound through it, from the
    prefetched follow-up records (no query when ``acuerdos_para_detalle`` loaded them)."""
    por_grupo = {}
    for seguimiento in acuerdo.seguimientos.all():
        if seguimiento.grupo_id:
            por_grupo.setdefault(seguimiento.grupo_id, []).append(seguimiento.institucion)
    return [GrupoConInstituciones(g, por_grupo.get(g.pk, [])) for g in acuerdo.grupos_responsables.all()]


def acuerdo_para_detalle(numero):
    return acuerdos_para_detalle().get(numero=numero)


def acuerdos_filtrados(parametros, filtro_clase=None):
    """The agreements list's filter bound to the query string: ``.qs`` is exactly what the
    page lists and the CSV/XLSX export downloads."""
    from .filtros import AcuerdoWebFilter

    filtro_clase = filtro_clase or AcuerdoWebFilter
    return filtro_clase(parametros or None, queryset=m.Acuerdo.objects.select_related("sesion").order_by("numero"))


def encabezados_de_exportacion():
    return [
        _("Número"), _("Cita"), _("Sesión"), _("Fecha de la sesión"), _("Texto del acuerdo"), _("Plazo"),
        _("Fecha límite"), _("Instituciones responsables"), _("Estatus"), _("Días de atraso"),
    ]


def filas_de_exportacion(acuerdos, hoy=None):
    """Rows of the agreements export, one per agreement, in the queryset's order."""
    hoy = hoy or timezone.localdate()
    etiquetas = {valor: str(etiqueta) for valor, etiqueta in m.Estatus.choices}
    for acuerdo, responsables in con_responsables(acuerdos):
        yield [
            acuerdo.numero, acuerdo.cita, acuerdo.sesion.titulo, acuerdo.sesion.fecha, acuerdo.texto,
            acuerdo.plazo_texto, acuerdo.plazo_fecha,
            responsables.texto() or acuerdo.responsables_texto,
            etiquetas[acuerdo.estatus], acuerdo.dias_vencido(hoy) or "",
        ]
