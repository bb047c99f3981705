"""Reads for the follow-up pages, filtered by snimh/permisos.py."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from snimh import fechas, permisos

from . import models as m


def acuerdo_para_detalle(numero):
    return (
        m.Acuerdo.objects.select_related("sesion")
        .prefetch_related("objetivos__programa", "grupos_responsables")
        .get(numero=numero)
    )


def seguimientos_de_acuerdo(acuerdo):
    return acuerdo.seguimientos.select_related("institucion").order_by("institucion__nombre")


def seguimiento_para_detalle(pk, usuario):
    """The follow-up record with only the reports, evidence and observations ``usuario`` may see."""
    reportes = permisos.reportes_visibles(usuario, m.Reporte.objects.all()).select_related(
        "autor", "revisado_por", "responde_a"
    )
    evidencias = permisos.evidencias_visibles(usuario, m.Evidencia.objects.all()).select_related(
        "subida_por", "revisada_por", "retirada_por", "responde_a"
    )
    observaciones = permisos.observaciones_visibles(usuario, m.Observacion.objects.all()).select_related(
        "autor", "evidencia", "reporte"
    ).prefetch_related("reportes_respuesta", "evidencias_respuesta")
    return (
        m.Seguimiento.objects.select_related("acuerdo__sesion", "institucion")
        .prefetch_related(
            Prefetch("reportes", queryset=reportes),
            Prefetch("evidencias", queryset=evidencias),
            Prefetch("observaciones", queryset=observaciones),
        )
        .get(pk=pk)
    )


@dataclass
class EntradaHistorial:
    """One line of an agreement's timeline."""

    momento: object
    usuario: str
    objeto: str
    accion: str
    cambios: list = field(default_factory=list)
    detalle: str = ""


_ACCIONES = {
    "insert": gettext_lazy("registró"), "update": gettext_lazy("modificó"), "delete": gettext_lazy("eliminó"),
}
# Bookkeeping columns that say nothing to a reader of the timeline.
# The event's own time stands for these.
_OCULTOS = {
    "id", "version", "actualizado", "creado", "archivo", "sha256", "registrado",
    "creada", "subida_en", "revisada_en", "revisado_en", "retirada_en",
}


def _valor_legible(campo, valor, relacionados):
    if valor in (None, ""):
        return "—"
    if campo.is_relation:
        return relacionados.get((campo.related_model, valor), str(valor))
    if campo.choices:
        return str(dict(campo.flatchoices).get(valor, valor))
    if isinstance(valor, bool):
        return _("sí") if valor else _("no")
    if isinstance(valor, datetime.date):
        return fechas.fecha_larga(valor)
    return str(valor)


def _eventos(modelo_evento, filtro):
    return list(modelo_evento.objects.filter(filtro).select_related("pgh_context").order_by("pgh_id"))


def _nombres_relacionados(fuentes):
    """``{(model, pk): str}`` for every foreign key value in the events, one query per model."""
    ids = {}
    for modelo, eventos in fuentes:
        for campo in modelo._meta.concrete_fields:
            if campo.is_relation and campo.attname not in _OCULTOS:
                for evento in eventos:
                    valor = getattr(evento, campo.attname, None)
                    if valor is not None:
                        ids.setdefault(campo.related_model, set()).add(valor)
    nombres = {}
    for modelo, pks in ids.items():
        consulta = modelo._default_manager.filter(pk__in=pks)
        if modelo is m.Acuerdo or modelo is m.Seguimiento:
            consulta = consulta.select_related(*(["sesion"] if modelo is m.Acuerdo else ["acuerdo__sesion", "institucion"]))
        for objeto in consulta:
            nombres[(modelo, objeto.pk)] = str(objeto)
    return nombres


def linea_de_tiempo(acuerdo, usuario):
    """The agreement's history, from the database-level events, as ``usuario`` may see it.

    One query per tracked table whatever the number of events; before/after values
    come from comparing each event with the previous one of the same row.
    """
    ve_todo = permisos.es_coordinacion(usuario) or permisos.es_consulta(usuario)
    propios = Q() if ve_todo else Q(seguimiento__institucion_id=getattr(usuario, "institucion_id", None))
    reportes = Q() if ve_todo else propios | Q(pgh_obj__estado_revision="aceptado")
    fuentes = [
        (m.Acuerdo, _eventos(m.AcuerdoEvent, Q(pgh_obj_id=acuerdo.pk))),
        (m.GrupoResponsable, _eventos(m.GrupoResponsableEvent, Q(acuerdo_id=acuerdo.pk))),
        (m.Seguimiento, _eventos(m.SeguimientoEvent, Q(acuerdo_id=acuerdo.pk))),
        (m.CambioEstatus, _eventos(m.CambioEstatusEvent, Q(acuerdo_id=acuerdo.pk))),
        (m.AlineacionAcuerdo, _eventos(m.AlineacionAcuerdoEvent, Q(acuerdo_id=acuerdo.pk))),
        (m.Reporte, _eventos(
            m.ReporteEvent,
            Q(seguimiento__acuerdo_id=acuerdo.pk) & reportes,
        )),
        (m.Evidencia, _eventos(m.EvidenciaEvent, Q(seguimiento__acuerdo_id=acuerdo.pk) & propios)),
        (m.Observacion, _eventos(m.ObservacionEvent, Q(seguimiento__acuerdo_id=acuerdo.pk) & propios)),
    ]
    ids_usuarios = {
        (e.pgh_context.metadata or {}).get("user") for _modelo, eventos in fuentes for e in eventos if e.pgh_context
    }
    nombres = {
        u.pk: u.get_full_name() or u.username
        for u in get_user_model().objects.filter(pk__in={i for i in ids_usuarios if i})
    }
    relacionados = _nombres_relacionados(fuentes)
    institucion_propia = getattr(usuario, "institucion_id", None)
    propios_ids = {
        s.pk: s.institucion_id == institucion_propia for s in m.Seguimiento.objects.filter(acuerdo=acuerdo).only("pk", "institucion_id")
    }
    entradas = []
    for modelo, eventos in fuentes:
        campos = [f for f in modelo._meta.concrete_fields if f.attname not in _OCULTOS]
        anterior_por_objeto = {}
        for evento in eventos:
            anterior = anterior_por_objeto.get(evento.pgh_obj_id)
            anterior_por_objeto[evento.pgh_obj_id] = evento
            cambios = []
            for campo in campos:
                despues = getattr(evento, campo.attname, None)
                antes = getattr(anterior, campo.attname, None) if anterior else None
                if evento.pgh_label == "update" and antes == despues:
                    continue
                if evento.pgh_label == "insert" and despues in (None, "", False):
                    continue
                cambios.append((
                    str(campo.verbose_name),
                    _valor_legible(campo, antes, relacionados) if anterior else "",
                    _valor_legible(campo, despues, relacionados),
                ))
            if modelo is m.Reporte and not ve_todo and evento.seguimiento_id and not propios_ids.get(evento.seguimiento_id):
                cambios = [c for c in cambios if c[0] != str(m.Reporte._meta.get_field("responde_a").verbose_name)]
            if modelo is m.Acuerdo and evento.pgh_label == "update":
                # Status changes are told, with their reason, by the status history.
                cambios = [c for c in cambios if c[0] != str(m.Acuerdo._meta.get_field("estatus").verbose_name)]
                if not cambios:
                    continue
            if evento.pgh_label == "update" and not cambios:
                continue
            contexto = evento.pgh_context.metadata if evento.pgh_context else {}
            usuario_id = contexto.get("user")
            entradas.append(EntradaHistorial(
                momento=evento.pgh_created_at,
                usuario=nombres.get(usuario_id) or contexto.get("command") or _("sistema"),
                objeto=str(modelo._meta.verbose_name),
                accion=_ACCIONES.get(evento.pgh_label, evento.pgh_label),
                cambios=cambios,
            ))
    entradas.sort(key=lambda e: e.momento)
    return entradas
