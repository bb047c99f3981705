"""Reads for the follow-up pages, filtered by snimh/permisos.py."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from snimh import fechas, permisos
from snimh.db import huella_del_historial

from . import models as m


def seguimientos_con_institucion():
    """The responsible institutions' records, by institution name, each with its institution."""
    return Prefetch(
        "seguimientos", queryset=m.Seguimiento.objects.select_related("institucion").order_by("institucion__nombre"),
    )


def acuerdos_para_detalle():
    """Agreements with everything their page and their API detail show, in a fixed number
    of queries: responsible groups and institutions, objectives, status history (the
    agreement's and each institution's, in date order)."""
    return m.Acuerdo.objects.select_related("sesion").prefetch_related(
        "grupos_responsables",
        seguimientos_con_institucion(),
        Prefetch("objetivos", queryset=m.Objetivo.objects.select_related("programa")),
        Prefetch("historial_estatus", queryset=m.CambioEstatus.objects.select_related(
            "usuario", "seguimiento__institucion").order_by("fecha", "registrado", "pk")),
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
        # What each model's __str__ reads, loaded with it.
        relacionados = {m.Acuerdo: ["sesion"], m.Seguimiento: ["acuerdo__sesion", "institucion"],
                        m.Objetivo: ["programa"]}.get(modelo)
        if relacionados:
            consulta = consulta.select_related(*relacionados)
        for objeto in consulta:
            nombres[(modelo, objeto.pk)] = str(objeto)
    return nombres


def linea_de_tiempo(acuerdo, usuario):
    """The agreement's history, from the database-level events, as ``usuario`` may see it.

    Cached per agreement and visibility (everything, or one institution's own records)
    under the history's fingerprint: any write anywhere gives a new key, so it is never
    stale, and an agreement with thousands of events is not rebuilt on every view.
    """
    huella = huella_del_historial()
    if huella is None:
        return _linea_de_tiempo(acuerdo, usuario)
    if permisos.es_coordinacion(usuario):
        alcance = "coordinacion"  # withdrawn evidence included
    elif permisos.es_consulta(usuario):
        alcance = "consulta"
    else:
        alcance = f"institucion-{getattr(usuario, 'institucion_id', None)}"
    clave = f"linea-de-tiempo:v2:{acuerdo.pk}:{alcance}:{huella}"
    entradas = cache.get(clave)
    if entradas is None:
        entradas = _linea_de_tiempo(acuerdo, usuario)
        cache.set(clave, entradas, timeout=24 * 3600)
    return entradas


def _linea_de_tiempo(acuerdo, usuario):
    """One query per tracked table whatever the number of events; before/after values
    come from comparing each event with the previous one of the same row."""
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
        # The evidence the reader may see now (a withdrawn one only for coordination), by the permissions module.
        (m.Evidencia, _eventos(m.EvidenciaEvent, Q(pgh_obj_id__in=permisos.evidencias_visibles(
            usuario, m.Evidencia.objects.filter(seguimiento__acuerdo_id=acuerdo.pk)).values("pk")))),
        (m.Observacion, _eventos(m.ObservacionEvent, Q(seguimiento__acuerdo_id=acuerdo.pk) & propios)),
    ]
    ids_usuarios = {
        (e.pgh_context.metadata or {}).get("user") for _modelo, eventos in fuentes for e in eventos if e.pgh_context
    }
    nombres = {
        u.pk: u.nombre_visible
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


# Lists -----------------------------------------------------------------------------

def acuerdos_filtrados(parametros, filtro_clase=None):
    """The agreements list's filter bound to the query string: ``.qs`` is exactly what the
    page lists and the CSV/XLSX export downloads."""
    from .filtros import AcuerdoWebFilter

    filtro_clase = filtro_clase or AcuerdoWebFilter
    return filtro_clase(parametros or None, queryset=m.Acuerdo.objects.select_related("sesion").order_by("numero"))


@dataclass(frozen=True)
class Responsable:
    """One responsible institution of an agreement, as lists and exports show it."""

    institucion_id: int
    siglas: str
    nombre: str
    naturaleza: str
    estatus: str
    avance: int | None
    estatus_del_acuerdo: str

    @property
    def corto(self):
        return self.siglas or self.nombre

    @property
    def estatus_efectivo(self):
        return m.estatus_efectivo(self.estatus_del_acuerdo, self.estatus)

    @property
    def avance_efectivo(self):
        return m.avance_efectivo(self.estatus_efectivo, self.avance)


@dataclass
class Responsables:
    """Who an agreement binds: the institutions named, and each group with the institutions
    it binds («Invitadas permanentes: CFE, INDESOL…»), in name order."""

    nombradas: list = field(default_factory=list)
    grupos: list = field(default_factory=list)
    """``[(group name, [Responsable])]``, a group with no institution on record included."""

    def todas(self):
        return [*self.nombradas, *(r for _grupo, miembros in self.grupos for r in miembros)]

    def texto(self, *, corto=True):
        """``"INMUJERES; Invitadas permanentes: CFE, CONADE"``: the one wording of every export,
        the annex and the public pages."""
        nombre = (lambda r: r.corto) if corto else (lambda r: r.nombre)
        partes = [nombre(r) for r in self.nombradas]
        for grupo, miembros in self.grupos:
            lista = ", ".join(nombre(r) for r in miembros) or _("sin instituciones registradas")
            partes.append(f"{grupo}: {lista}")
        return "; ".join(partes)


def responsables_de(acuerdo_ids):
    """``{acuerdo_id: Responsables}`` in two queries, read as plain tuples: a 3,000-row export
    builds no model instance per follow-up record."""
    resultado = {pk: Responsables() for pk in acuerdo_ids}
    grupos = {}
    for pk, acuerdo_id, grupo in m.GrupoResponsable.objects.filter(acuerdo_id__in=acuerdo_ids).order_by(
        "acuerdo_id", "grupo"
    ).values_list("pk", "acuerdo_id", "grupo"):
        miembros = []
        resultado[acuerdo_id].grupos.append((str(m.NOMBRE_DEL_GRUPO[m.Grupo(grupo)]), miembros))
        grupos[pk] = miembros
    for acuerdo_id, grupo_id, *datos in (
        m.Seguimiento.objects.filter(acuerdo_id__in=acuerdo_ids).order_by("institucion__nombre")
        .values_list("acuerdo_id", "grupo_id", "institucion_id", "institucion__siglas", "institucion__nombre",
                     "institucion__naturaleza", "estatus", "avance", "acuerdo__estatus")
    ):
        responsable = Responsable(*datos)
        if grupo_id is None:
            resultado[acuerdo_id].nombradas.append(responsable)
        else:
            grupos[grupo_id].append(responsable)
    return resultado


def con_responsables(acuerdos, tamano=1000):
    """``(acuerdo, Responsables)`` in the queryset's order, ``tamano`` agreements at a time."""
    import itertools

    filas = acuerdos.iterator(chunk_size=tamano)
    while bloque := list(itertools.islice(filas, tamano)):
        responsables = responsables_de([a.pk for a in bloque])
        for acuerdo in bloque:
            yield acuerdo, responsables[acuerdo.pk]


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


# The officer's inbox and coordination's queue -----------------------------------------

def pendientes_de_institucion(institucion_id):
    """Follow-up records of the institution where action is due: the agreement is open and
    the institution has not complied yet. Nearest deadline first; no deadline last."""
    return (
        m.Seguimiento.objects.filter(
            institucion_id=institucion_id,
            acuerdo__estatus__in=m.Estatus.abiertos(),
            estatus__in=m.Estatus.abiertos(),
        )
        .select_related("acuerdo__sesion")
        .order_by(F("acuerdo__plazo_fecha").asc(nulls_last=True), "acuerdo__numero")
    )


def observaciones_sin_respuesta(institucion_id=None):
    """Observations nobody has answered with a report or a file yet, oldest first."""
    # NOT EXISTS rather than LEFT JOIN … IS NULL: no DISTINCT over wide rows is needed.
    consulta = m.Observacion.objects.filter(
        ~Exists(m.Reporte.objects.filter(responde_a=OuterRef("pk"))),
        ~Exists(m.Evidencia.objects.filter(responde_a=OuterRef("pk"))),
    )
    if institucion_id is not None:
        consulta = consulta.filter(seguimiento__institucion_id=institucion_id)
    return (
        consulta.select_related("seguimiento__acuerdo__sesion", "seguimiento__institucion", "autor", "evidencia", "reporte")
        .order_by("creada", "pk")
    )


@dataclass(frozen=True)
class ElementoEnRevision:
    tipo: str  # "evidencia" or "reporte"
    objeto: object
    fecha: object


def cola_de_revision(limite):
    """Evidence and reports waiting for review, oldest first, merged into one queue.

    Returns ``(first `limite` items, total waiting)``: two bounded queries plus two counts
    whatever the length of the queue.
    """
    evidencias = m.Evidencia.objects.filter(estado_revision=m.EstadoRevision.PENDIENTE, retirada=False)
    reportes = m.Reporte.objects.filter(estado_revision=m.EstadoRevision.PENDIENTE)
    relacionados = ("seguimiento__acuerdo__sesion", "seguimiento__institucion")
    elementos = [
        ElementoEnRevision("evidencia", e, e.subida_en)
        for e in evidencias.select_related(*relacionados, "subida_por").order_by("subida_en", "pk")[:limite]
    ] + [
        ElementoEnRevision("reporte", r, r.creado)
        for r in reportes.select_related(*relacionados, "autor").order_by("creado", "pk")[:limite]
    ]
    elementos.sort(key=lambda e: e.fecha)
    return elementos[:limite], evidencias.count() + reportes.count()


def evidencias_de_acuerdo(acuerdo, usuario, limite):
    """The agreement's evidence ``usuario`` may see, newest first, at most ``limite``."""
    return permisos.evidencias_visibles(usuario, m.Evidencia.objects.filter(seguimiento__acuerdo=acuerdo)).select_related(
        "seguimiento__institucion", "subida_por"
    ).order_by("-subida_en", "-pk")[:limite]


def observaciones_de_acuerdo(acuerdo, usuario, limite):
    """The agreement's observations ``usuario`` may see, newest first, at most ``limite``."""
    return permisos.observaciones_visibles(usuario, m.Observacion.objects.filter(seguimiento__acuerdo=acuerdo)).select_related(
        "seguimiento__institucion", "autor"
    ).prefetch_related("reportes_respuesta", "evidencias_respuesta").order_by("-creada", "-pk")[:limite]
