"""Writes on sessions: the session with its presidium and agenda, its state, minutes and
attendance. Every function is atomic and validates before saving."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from snimh import permisos, uploads

from .models import Asistencia, AsistenciaReportada, PersonaPresidium, PuntoOrdenDia, Sesion

# Sent after a session's named attendance is recorded (``sesion``). The agreements app
# listens, to bind the attendees of agreements bound to «asistentes»: sessions do not
# know about agreements.
asistencia_registrada = Signal()



def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


def _guardar(objeto):
    objeto.full_clean()
    objeto.save()
    return objeto


@transaction.atomic
def sesion_crear(*, presidium=(), orden_del_dia=(), asistencias=(), asistencia_reportada=(), usuario=None,
                 **datos) -> Sesion:
    """Create a session and everything recorded about it, validating each part."""
    if usuario is not None:
        _exigir(permisos.puede_editar_sesiones(usuario))
    sesion = _guardar(Sesion(**datos))
    for orden, persona in enumerate(presidium, start=1):
        _guardar(PersonaPresidium(sesion=sesion, orden=orden, **persona))
    for punto in orden_del_dia:
        _guardar(PuntoOrdenDia(sesion=sesion, **punto))
    for asistencia in asistencias:
        _guardar(Asistencia(sesion=sesion, **asistencia))
    for total in asistencia_reportada:
        _guardar(AsistenciaReportada(sesion=sesion, **total))
    if asistencias:
        asistencia_registrada.send(sender=Sesion, sesion=sesion, usuario=usuario)
    return sesion


_EDITABLES = {"numero", "tipo", "fecha", "modalidad", "resumen", "total_integrantes"}


@transaction.atomic
def sesion_actualizar(*, sesion: Sesion, usuario, presidium=None, orden_del_dia=None, **datos) -> Sesion:
    """Edit a session's data; ``presidium`` and ``orden_del_dia``, when given, are the
    complete new lists in order (an agenda item with an ``id`` keeps its identity and history).

    The state changes only through ``sesion_cambiar_estado``.
    """
    _exigir(permisos.puede_editar_sesiones(usuario))
    desconocidos = set(datos) - _EDITABLES
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    for campo, valor in datos.items():
        setattr(sesion, campo, valor)
    _guardar(sesion)
    if presidium is not None:
        sesion.presidium.all().delete()
        for orden, persona in enumerate(presidium, start=1):
            _guardar(PersonaPresidium(sesion=sesion, orden=orden, **persona))
    if orden_del_dia is not None:
        _reemplazar_orden_del_dia(sesion, orden_del_dia)
    return sesion


def _reemplazar_orden_del_dia(sesion, puntos):
    """Items keep their row (and history) when they carry their ``id``; they are numbered
    1, 2, 3… in the order given; items left out are removed."""
    existentes = {p.pk: p for p in sesion.orden_del_dia.all()}
    conservados = {punto["id"] for punto in puntos if punto.get("id")}
    ajenos = conservados - set(existentes)
    if ajenos:
        raise ValidationError(_("Un punto indicado no pertenece al orden del día de esta sesión."), code="punto_ajeno")
    sesion.orden_del_dia.exclude(pk__in=conservados).delete()
    # Out of the way first, so that renumbering never collides with the unique number.
    sesion.orden_del_dia.update(numero=models.F("numero") + 1000)
    for numero, datos in enumerate(puntos, start=1):
        punto = existentes.get(datos.get("id")) or PuntoOrdenDia(sesion=sesion)
        punto.numero = numero
        punto.titulo = (datos.get("titulo") or "").strip()
        punto.resumen = (datos.get("resumen") or "").strip()
        _guardar(punto)


@transaction.atomic
def sesion_cambiar_estado(*, sesion: Sesion, estado: str, usuario) -> Sesion:
    """Hold or cancel a programmed session; any other move is refused with its reason."""
    _exigir(permisos.puede_editar_sesiones(usuario))
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    if estado not in sesion.transiciones_posibles():
        if estado == Sesion.Estado.CELEBRADA and sesion.estado == Sesion.Estado.PROGRAMADA:
            mensaje = _("La sesión es del %(fecha)s: se marca como celebrada ese día o después.") % {
                "fecha": f"{sesion.fecha:%d/%m/%Y}"}
        else:
            mensaje = _("Una sesión «%(actual)s» no puede pasar a «%(nuevo)s».") % {
                "actual": sesion.get_estado_display(), "nuevo": Sesion.Estado(estado).label}
        raise ValidationError(mensaje, code="transicion")
    sesion.estado = estado
    _guardar(sesion)
    return sesion


@transaction.atomic
def sesion_subir_acta(*, sesion: Sesion, archivo, usuario) -> Sesion:
    """Store the minutes of a session that was held, under a generated name; the original
    name is kept to download it by. Replacing approved minutes is refused."""
    _exigir(permisos.puede_editar_sesiones(usuario))
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    if sesion.estado != Sesion.Estado.CELEBRADA:
        raise ValidationError({"acta": _("El acta se sube cuando la sesión se ha celebrado.")}, code="no_celebrada")
    if sesion.acta_aprobada_en:
        raise ValidationError({"acta": _("El acta ya fue aprobada y no puede reemplazarse.")}, code="aprobada")
    try:
        inspeccion = uploads.inspeccionar(archivo, formatos=Sesion.FORMATOS_ACTA)
    except uploads.ArchivoRechazado as error:
        raise ValidationError({"acta": error.messages}, code=error.code) from error
    anterior = sesion.acta.name if sesion.acta else ""
    sesion.acta = archivo
    sesion.acta_nombre = inspeccion.nombre
    try:
        _guardar(sesion)
    except Exception:
        if sesion.acta.name and sesion.acta.name != anterior and sesion.acta.storage.exists(sesion.acta.name):
            sesion.acta.storage.delete(sesion.acta.name)
        raise
    return sesion


@transaction.atomic
def sesion_aprobar_acta(*, sesion: Sesion, fecha: datetime.date, usuario) -> Sesion:
    """Record the date the plenary approved the minutes."""
    _exigir(permisos.puede_editar_sesiones(usuario))
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    if not sesion.acta:
        raise ValidationError(_("Suba primero el acta."), code="sin_acta")
    if fecha > timezone.localdate():
        raise ValidationError({"acta_aprobada_en": _("La fecha de aprobación no puede ser futura.")}, code="futura")
    sesion.acta_aprobada_en = fecha
    _guardar(sesion)
    return sesion


@transaction.atomic
def asistencia_registrar(*, sesion: Sesion, asistencias, usuario) -> list[Asistencia]:
    """Record the session's named attendance in one step: ``asistencias`` is the complete
    list of ``{"institucion", "rol", "persona_designada", "representante"}`` present;
    institutions left out are absent. Each role is checked against the one the
    institution held that day; one refusal refuses the whole list, naming every problem."""
    _exigir(permisos.puede_editar_sesiones(usuario))
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    if sesion.estado == Sesion.Estado.CANCELADA:
        raise ValidationError(_("La sesión fue cancelada: no tiene asistencia."), code="cancelada")
    if sesion.fecha > timezone.localdate():
        raise ValidationError(_("La asistencia se registra el día de la sesión o después."), code="futura")
    existentes = {a.institucion_id: a for a in sesion.asistencias.all()}
    presentes = {datos["institucion"].pk for datos in asistencias}
    sesion.asistencias.exclude(institucion_id__in=presentes).delete()
    guardadas, errores = [], []
    for datos in asistencias:
        asistencia = existentes.get(datos["institucion"].pk) or Asistencia(sesion=sesion, institucion=datos["institucion"])
        asistencia.rol = datos.get("rol") or ""
        asistencia.persona_designada = datos.get("persona_designada")
        asistencia.representante = (datos.get("representante") or "").strip()
        try:
            asistencia.full_clean()
        except ValidationError as error:
            errores.extend(error.messages)
            continue
        asistencia.save()
        guardadas.append(asistencia)
    if errores:
        raise ValidationError(errores, code="asistencia_invalida")
    asistencia_registrada.send(sender=Sesion, sesion=sesion, usuario=usuario)
    return guardadas
