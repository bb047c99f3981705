"""Reads of the follow-up engine, for commitments of every kind, filtered by
snimh/permisos.py. Lists that mix kinds load each kind's row and label in the same query
(``tipos.relacionados``)."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from snimh import fechas, permisos
from snimh.db import huella_del_historial

from . import models as m
from . import tipos


def seguimientos_con_institucion():
    """The responsible institutions' records, by institution name, each with its institution."""
    return Prefetch(
        "seguimientos", queryset=m.Seguimiento.objects.select_related("institucion").order_by("institucion__nombre"),
    )


def historial_de_estatus():
    """The status history (the commitment's and each institution's, in date order)."""
    return Prefetch("historial_estatus", queryset=m.CambioEstatus.objects.select_related(
        "usuario", "seguimiento__institucion").order_by("fecha", "registrado", "pk"))


def seguimiento_para_detalle(pk, usuario):
    """The follow-up record with only the reports, evidence and observations ``usuario`` may
    see, its commitment as its kind, and the supervisors' comments on the reports."""
    reportes = permisos.reportes_visibles(usuario, m.Reporte.objects.all()).select_related(
        "autor", "revisado_por", "responde_a"
    ).prefetch_related(Prefetch("comentarios", queryset=m.Comentario.objects.select_related("autor", "institucion")))
    evidencias = permisos.evidencias_visibles(usuario, m.Evidencia.objects.all()).select_related(
        "subida_por", "revisada_por", "retirada_por", "responde_a"
    )
    observaciones = permisos.observaciones_visibles(usuario, m.Observacion.objects.all()).select_related(
        "autor", "evidencia", "reporte"
    ).prefetch_related("reportes_respuesta", "evidencias_respuesta")
    return (
        m.Seguimiento.objects.select_related("compromiso", *tipos.relacionados("compromiso__"), "institucion")
        .prefetch_related(
            Prefetch("reportes", queryset=reportes),
            Prefetch("evidencias", queryset=evidencias),
            Prefetch("observaciones", queryset=observaciones),
        )
        .get(pk=pk)
    )


# The timeline ----------------------------------------------------------------------

@dataclass
class EntradaHistorial:
    """One line of a commitment's timeline."""

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
    "id", "version", "actualizado", "creado", "archivo", "sha256", "registrado", "tipo", "compromiso_ptr_id",
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


def _relacionados_para_nombrar(modelo):
    """What a model's ``__str__`` reads, to load with it."""
    if modelo is m.Compromiso:
        return tipos.relacionados()
    if modelo is m.Seguimiento:
        return ["compromiso", *tipos.relacionados("compromiso__"), "institucion"]
    return list(getattr(modelo, "relacionados_para_nombrar", ()))


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
        relacionados = _relacionados_para_nombrar(modelo)
        if relacionados:
            consulta = consulta.select_related(*relacionados)
        for objeto in consulta:
            nombres[(modelo, objeto.pk)] = str(objeto)
    return nombres


def linea_de_tiempo(compromiso, usuario):
    """The commitment's history, from the database-level events, as ``usuario`` may see it.

    Cached per commitment and visibility (everything, or one institution's own records)
    under the history's fingerprint: any write anywhere gives a new key, so it is never
    stale, and a commitment with thousands of events is not rebuilt on every view.
    """
    huella = huella_del_historial()
    if huella is None:
        return _linea_de_tiempo(compromiso, usuario)
    if permisos.es_coordinacion(usuario):
        alcance = "coordinacion"  # withdrawn evidence included
    elif permisos.es_consulta(usuario):
        alcance = "consulta"
    else:
        alcance = f"institucion-{getattr(usuario, 'institucion_id', None)}"
    clave = f"linea-de-tiempo:v3:{compromiso.pk}:{alcance}:{huella}"
    entradas = cache.get(clave)
    if entradas is None:
        entradas = _linea_de_tiempo(compromiso, usuario)
        cache.set(clave, entradas, timeout=24 * 3600)
    return entradas


def _linea_de_tiempo(compromiso, usuario):
    """One query per tracked table whatever the number of events; before/after values
    come from comparing each event with the previous one of the same row. The kind adds
    its own tables (``fuentes_del_historial``: an agreement's number and session, its
    alignment to objectives)."""
    ve_todo = permisos.es_coordinacion(usuario) or permisos.es_consulta(usuario)
    propios = Q() if ve_todo else Q(seguimiento__institucion_id=getattr(usuario, "institucion_id", None))
    reportes_visibles = permisos.reportes_visibles(usuario, m.Reporte.objects.filter(seguimiento__compromiso=compromiso))
    fuentes = [
        (m.Compromiso, _eventos(m.CompromisoEvent, Q(pgh_obj_id=compromiso.pk))),
        *((modelo, _eventos(evento, filtro)) for modelo, evento, filtro in compromiso.especifico.fuentes_del_historial()),
        (m.GrupoResponsable, _eventos(m.GrupoResponsableEvent, Q(compromiso_id=compromiso.pk))),
        (m.Seguimiento, _eventos(m.SeguimientoEvent, Q(compromiso_id=compromiso.pk))),
        (m.CambioEstatus, _eventos(m.CambioEstatusEvent, Q(compromiso_id=compromiso.pk))),
        (m.Reporte, _eventos(m.ReporteEvent, Q(pgh_obj_id__in=reportes_visibles.values("pk")))),
        (m.Comentario, _eventos(m.ComentarioEvent, Q(reporte_id__in=reportes_visibles.values("pk")))),
        # The evidence the reader may see now (a withdrawn one only for coordination), by the permissions module.
        (m.Evidencia, _eventos(m.EvidenciaEvent, Q(pgh_obj_id__in=permisos.evidencias_visibles(
            usuario, m.Evidencia.objects.filter(seguimiento__compromiso=compromiso)).values("pk")))),
        (m.Observacion, _eventos(m.ObservacionEvent, Q(seguimiento__compromiso_id=compromiso.pk) & propios)),
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
        s.pk: s.institucion_id == institucion_propia
        for s in m.Seguimiento.objects.filter(compromiso=compromiso).only("pk", "institucion_id")
    }
    responde_a = str(m.Reporte._meta.get_field("responde_a").verbose_name)
    estatus = str(m.Compromiso._meta.get_field("estatus").verbose_name)
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
                # Which observation another institution's report answers is not the reader's business.
                cambios = [c for c in cambios if c[0] != responde_a]
            if modelo is m.Compromiso and evento.pgh_label == "update":
                # Status changes are told, with their reason, by the status history.
                cambios = [c for c in cambios if c[0] != estatus]
                if not cambios:
                    continue
            if evento.pgh_label == "update" and not cambios:
                continue
            contexto = evento.pgh_context.metadata if evento.pgh_context else {}
            usuario_id = contexto.get("user")
            entradas.append(EntradaHistorial(
                momento=evento.pgh_created_at,
                usuario=nombres.get(usuario_id) or contexto.get("command") or _("sistema"),
                objeto=str(compromiso.especifico._meta.verbose_name if modelo is m.Compromiso
                           else modelo._meta.verbose_name),
                accion=_ACCIONES.get(evento.pgh_label, evento.pgh_label),
                cambios=cambios,
            ))
    entradas.sort(key=lambda e: e.momento)
    return entradas


# Who a commitment binds ------------------------------------------------------------

@dataclass(frozen=True)
class Responsable:
    """One responsible institution of a commitment, as lists and exports show it."""

    institucion_id: int
    siglas: str
    nombre: str
    naturaleza: str
    estatus: str
    avance: int | None
    estatus_del_compromiso: str

    @property
    def corto(self):
        return self.siglas or self.nombre

    @property
    def estatus_efectivo(self):
        return m.estatus_efectivo(self.estatus_del_compromiso, self.estatus)

    @property
    def avance_efectivo(self):
        return m.avance_efectivo(self.estatus_efectivo, self.avance)


@dataclass
class Responsables:
    """Who a commitment binds: the institutions named, and each group with the institutions
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


def responsables_de(compromiso_ids):
    """``{compromiso_id: Responsables}`` in two queries, read as plain tuples: a 3,000-row
    export builds no model instance per follow-up record."""
    resultado = {pk: Responsables() for pk in compromiso_ids}
    grupos = {}
    for pk, compromiso_id, grupo in m.GrupoResponsable.objects.filter(compromiso_id__in=compromiso_ids).order_by(
        "compromiso_id", "grupo"
    ).values_list("pk", "compromiso_id", "grupo"):
        miembros = []
        resultado[compromiso_id].grupos.append((str(m.NOMBRE_DEL_GRUPO[m.Grupo(grupo)]), miembros))
        grupos[pk] = miembros
    for compromiso_id, grupo_id, *datos in (
        m.Seguimiento.objects.filter(compromiso_id__in=compromiso_ids).order_by("institucion__nombre")
        .values_list("compromiso_id", "grupo_id", "institucion_id", "institucion__siglas", "institucion__nombre",
                     "institucion__naturaleza", "estatus", "avance", "compromiso__estatus")
    ):
        responsable = Responsable(*datos)
        if grupo_id is None:
            resultado[compromiso_id].nombradas.append(responsable)
        else:
            grupos[grupo_id].append(responsable)
    return resultado


def con_responsables(compromisos, tamano=1000):
    """``(compromiso, Responsables)`` in the queryset's order, ``tamano`` at a time."""
    import itertools

    filas = compromisos.iterator(chunk_size=tamano)
    while bloque := list(itertools.islice(filas, tamano)):
        responsables = responsables_de([c.pk for c in bloque])
        for compromiso in bloque:
            yield compromiso, responsables[compromiso.pk]


# The officer's inbox and coordination's queue -----------------------------------------

def pendientes_de_institucion(institucion_id):
    """Follow-up records of the institution where action is due (``con_accion_pendiente``),
    of every kind, each with its commitment as its kind. Nearest deadline first; no
    deadline last."""
    return (
        m.Seguimiento.objects.de_institucion(institucion_id).con_accion_pendiente()
        .select_related("compromiso", *tipos.relacionados("compromiso__"))
        .order_by(F("compromiso__plazo_fecha").asc(nulls_last=True), "compromiso__tipo", "compromiso_id")
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
        consulta.select_related("seguimiento__compromiso", *tipos.relacionados("seguimiento__compromiso__"),
                                "seguimiento__institucion", "autor", "evidencia", "reporte")
        .order_by("creada", "pk")
    )


@dataclass(frozen=True)
class ElementoEnRevision:
    tipo: str  # "evidencia" or "reporte"
    objeto: object
    fecha: object


def cola_de_revision(limite):
    """Evidence and reports waiting for review (``por_revisar``), of every kind, oldest
    first, merged into one queue.

    Returns ``(first `limite` items, total waiting)``: two bounded queries plus two counts
    whatever the length of the queue.
    """
    evidencias = m.Evidencia.objects.por_revisar()
    reportes = m.Reporte.objects.por_revisar()
    relacionados = ("seguimiento__compromiso", *tipos.relacionados("seguimiento__compromiso__"),
                    "seguimiento__institucion")
    elementos = [
        ElementoEnRevision("evidencia", e, e.subida_en)
        for e in evidencias.select_related(*relacionados, "subida_por").order_by("subida_en", "pk")[:limite]
    ] + [
        ElementoEnRevision("reporte", r, r.creado)
        for r in reportes.select_related(*relacionados, "autor").order_by("creado", "pk")[:limite]
    ]
    elementos.sort(key=lambda e: e.fecha)
    return elementos[:limite], evidencias.count() + reportes.count()


def evidencias_de(compromiso, usuario, limite):
    """The commitment's evidence ``usuario`` may see, newest first, at most ``limite``."""
    return permisos.evidencias_visibles(
        usuario, m.Evidencia.objects.filter(seguimiento__compromiso=compromiso)
    ).select_related("seguimiento__institucion", "subida_por").order_by("-subida_en", "-pk")[:limite]


def observaciones_de(compromiso, usuario, limite):
    """The commitment's observations ``usuario`` may see, newest first, at most ``limite``."""
    return permisos.observaciones_visibles(
        usuario, m.Observacion.objects.filter(seguimiento__compromiso=compromiso)
    ).select_related("seguimiento__institucion", "autor").prefetch_related(
        "reportes_respuesta", "evidencias_respuesta"
    ).order_by("-creada", "-pk")[:limite]


# The institution's page (instituciones.paneles) --------------------------------------------

COMPROMISOS_POR_PAGINA = 25


def panel_de_institucion(request, institucion):
    """The commitments, of every kind, the institution is bound by, with its compliance
    (``conteos_de_cumplimiento``) and its own status in each, newest first, paginated."""
    from django.core.paginator import Paginator

    registros = m.Seguimiento.objects.de_institucion(institucion.pk)
    conteo = registros.aggregate(**m.conteos_de_cumplimiento())
    conteo["tasa"] = m.tasa_de_cumplimiento(conteo["cumplidos"], conteo["total"])
    pagina = Paginator(
        registros.select_related("compromiso", *tipos.relacionados("compromiso__")).order_by("-compromiso_id"),
        COMPROMISOS_POR_PAGINA,
    ).get_page(request.GET.get("page"))
    return {"cumplimiento": conteo, "page_obj": pagina, "seguimientos": pagina.object_list,
            "is_paginated": pagina.has_other_pages()}
