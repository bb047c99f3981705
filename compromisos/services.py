"""Writes of the follow-up engine, for commitments of every kind. Every function is atomic,
asks snimh/permisos.py when it acts for a person, and validates before saving.

The kinds' own services (``acuerdos.services``…) create their commitments and then call
these for who is bound, statuses, reports, evidence, observations and review."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from snimh import permisos, uploads
from snimh.db import ConflictoDeEstado, EdicionConcurrente

from .models import (
    CambioEstatus,
    Comentario,
    Compromiso,
    DecisionPropuesta,
    EstadoRevision,
    Estatus,
    Evidencia,
    GrupoResponsable,
    Observacion,
    Reporte,
    Seguimiento,
)


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


# Status -------------------------------------------------------------------------

@transaction.atomic
def compromiso_registrar_estatus_inicial(
    *, compromiso: Compromiso, fecha: datetime.date | None = None, motivo: str = "", usuario=None
) -> CambioEstatus:
    """Open a commitment's status history with the status it was created with, so that the
    history always explains the current status."""
    inicio = compromiso.fecha_de_inicio
    if fecha is not None and (fecha < inicio or fecha > timezone.localdate()):
        raise ValidationError(
            {"fecha": _("La fecha del estatus inicial debe estar entre %(inicio)s (%(fecha)s) y hoy.")
             % {"inicio": compromiso.especifico.descripcion_del_inicio, "fecha": f"{inicio:%d/%m/%Y}"}},
            code="fecha_inicial",
        )
    cambio = CambioEstatus(
        compromiso=compromiso, anterior="", nuevo=compromiso.estatus, fecha=fecha or inicio,
        motivo=(motivo or "").strip() or _("Registro inicial."), usuario=usuario,
    )
    cambio.full_clean()
    cambio.save()
    return cambio


def validar_fecha_de_cambio(compromiso: Compromiso, fecha: datetime.date, seguimiento: Seguimiento | None = None) -> None:
    """A status change is dated between the last one (or the commitment's start) and today,
    so that the history read in date order always ends in the current status.

    The commitment's own history and each institution's are ordered separately."""
    inicio = compromiso.fecha_de_inicio
    if fecha < inicio:
        raise ValidationError(
            {"fecha": _("El cambio no puede ser anterior a %(inicio)s (%(fecha)s).")
             % {"inicio": compromiso.especifico.descripcion_del_inicio, "fecha": f"{inicio:%d/%m/%Y}"}},
            code="fecha_anterior",
        )
    if seguimiento is not None:
        historial = seguimiento.historial_estatus.all()
    else:
        historial = CambioEstatus.objects.filter(compromiso=compromiso).del_compromiso()
    ultimo = historial.order_by("-fecha").values_list("fecha", flat=True).first()
    if ultimo and fecha < ultimo:
        raise ValidationError(
            {"fecha": _("El cambio no puede ser anterior al último cambio registrado (%(fecha)s).")
             % {"fecha": f"{ultimo:%d/%m/%Y}"}},
            code="fecha_anterior_al_ultimo",
        )
    if fecha > timezone.localdate():
        raise ValidationError({"fecha": _("El cambio no puede tener fecha futura.")}, code="fecha_futura")


@transaction.atomic
def compromiso_cambiar_estatus(
    *, compromiso: Compromiso, estatus: str, fecha: datetime.date, motivo: str, usuario=None,
    version: int | None = None,
) -> CambioEstatus:
    """Change a commitment's status, recording date, reason and user in its history.

    ``version`` is the version the user saw: if somebody saved the commitment since, the
    change is refused instead of overwriting theirs.
    """
    if usuario is not None:
        _exigir(permisos.puede_cambiar_estatus_compromiso(usuario, compromiso))
    # Lock the row so that two simultaneous changes cannot both read the same
    # "previous" status and write an inconsistent history.
    actual = Compromiso.objects.select_for_update().get(pk=compromiso.pk)
    if version is not None and version != actual.version:
        raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")
    if estatus == actual.estatus:
        raise ConflictoDeEstado(
            {"estatus": _("Ya tiene el estatus «%(estatus)s».") % {"estatus": Estatus(estatus).label}},
            code="sin_cambio",
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": _("Indique el motivo del cambio de estatus.")}, code="sin_motivo")
    validar_fecha_de_cambio(compromiso, fecha)
    cambio = CambioEstatus(
        compromiso=actual, anterior=actual.estatus, nuevo=estatus, fecha=fecha, motivo=motivo.strip(), usuario=usuario,
    )
    cambio.full_clean()
    actual.estatus = estatus
    actual.full_clean()
    actual.save(update_fields=["estatus", "actualizado"])
    cambio.save()
    compromiso.estatus, compromiso.version = estatus, actual.version
    return cambio


# Who is bound -------------------------------------------------------------------

@transaction.atomic
def responsable_agregar(*, compromiso: Compromiso, institucion, usuario=None) -> Seguimiento:
    """Bind an institution to a commitment by name.

    An institution already bound through a group is from now on bound by name (its
    follow-up record, with its history, stays the same).
    """
    existente = Seguimiento.objects.filter(compromiso=compromiso, institucion=institucion).first()
    if existente is not None and existente.origen == Seguimiento.Origen.GRUPO:
        existente.origen, existente.grupo = Seguimiento.Origen.NOMINAL, None
        existente.full_clean()
        existente.save()
        return existente
    seguimiento = Seguimiento(compromiso=compromiso, institucion=institucion, origen=Seguimiento.Origen.NOMINAL)
    seguimiento.full_clean()
    seguimiento.save()
    if not compromiso.esta_abierto:
        _heredar_estatus_final(seguimiento, compromiso, motivo=_("Nombrada después del cierre."), usuario=usuario)
    return seguimiento


def _heredar_estatus_final(seguimiento, compromiso, *, motivo, usuario=None):
    """A record bound to a commitment already closed takes its final status, said in the history."""
    cierre = (CambioEstatus.objects.filter(compromiso=compromiso).del_compromiso()
              .order_by("-fecha", "-registrado").first())
    cambio = CambioEstatus(
        compromiso=compromiso, seguimiento=seguimiento, anterior=seguimiento.estatus, nuevo=compromiso.estatus,
        fecha=cierre.fecha if cierre else timezone.localdate(),
        motivo=_("%(motivo)s Toma el estatus final, «%(estatus)s».")
        % {"motivo": motivo, "estatus": Estatus(compromiso.estatus).label},
        usuario=usuario,
    )
    cambio.full_clean()
    seguimiento.estatus = compromiso.estatus
    seguimiento.save(update_fields=["estatus", "actualizado"])
    cambio.save()


@transaction.atomic
def grupo_agregar(*, compromiso: Compromiso, grupo: str, usuario=None) -> GrupoResponsable:
    """Bind a whole group (all institutions of a role, or all attendees) to a commitment,
    with one follow-up record for each institution the group binds (the kind says which:
    ``instituciones_del_grupo``)."""
    registro = GrupoResponsable(compromiso=compromiso, grupo=grupo)
    registro.full_clean()
    registro.save()
    grupo_expandir(registro=registro, usuario=usuario)
    return registro


@transaction.atomic
def grupo_expandir(*, registro: GrupoResponsable, usuario=None) -> list[Seguimiento]:
    """Create the follow-up records a group binds and the commitment still lacks (idempotent).

    Institutions already bound (by name or by another group) keep their record. For a
    commitment already closed the new records take its final status, and the history
    says they were derived from the group.
    """
    compromiso = registro.compromiso
    ya = set(compromiso.seguimientos.values_list("institucion_id", flat=True))
    nuevos = []
    for institucion in registro.instituciones().exclude(pk__in=ya).order_by("nombre"):
        seguimiento = Seguimiento(compromiso=compromiso, institucion=institucion, origen=Seguimiento.Origen.GRUPO,
                                  grupo=registro)
        seguimiento.full_clean()
        seguimiento.save()
        if not compromiso.esta_abierto:
            _heredar_estatus_final(
                seguimiento, compromiso, usuario=usuario,
                motivo=_("Registro derivado del grupo «%(grupo)s».") % {"grupo": registro.nombre},
            )
        nuevos.append(seguimiento)
    return nuevos


def _exigir_sin_actividad(seguimientos):
    """Only records nobody has worked on may be unbound: reports, evidence, observations
    and status changes are the institution's history and are never deleted."""
    con_actividad = [
        s.institucion for s in seguimientos
        if s.reportes.exists() or s.evidencias.exists() or s.observaciones.exists() or s.historial_estatus.exists()
    ]
    if con_actividad:
        raise ValidationError(
            _("No se puede quitar a %(instituciones)s: ya tiene reportes, evidencias, observaciones o cambios de "
              "estatus. Cambie su estatus a «Sin materia» si ya no le corresponde.")
            % {"instituciones": ", ".join(str(i) for i in con_actividad)},
            code="con_actividad",
        )


@transaction.atomic
def responsable_quitar(*, seguimiento: Seguimiento) -> None:
    """Unbind an institution named by mistake (only while it has no activity)."""
    _exigir_sin_actividad([seguimiento])
    seguimiento.delete()


@transaction.atomic
def grupo_quitar(*, registro: GrupoResponsable) -> None:
    """Unbind a group. Its records move to another group of the commitment that also binds
    the institution; the others are deleted, which is refused if anyone worked on them."""
    otros = list(registro.compromiso.grupos_responsables.exclude(pk=registro.pk))
    miembros = {otro.pk: set(otro.instituciones().values_list("pk", flat=True)) for otro in otros}
    sueltos = []
    for seguimiento in registro.seguimientos.select_related("institucion"):
        otro = next((g for g in otros if seguimiento.institucion_id in miembros[g.pk]), None)
        if otro is None:
            sueltos.append(seguimiento)
        else:
            seguimiento.grupo = otro
            seguimiento.save(update_fields=["grupo", "actualizado"])
    _exigir_sin_actividad(sueltos)
    for seguimiento in sueltos:
        seguimiento.delete()
    registro.delete()


@transaction.atomic
def responsables_actualizar(*, compromiso: Compromiso, usuario, instituciones=None, grupos=None) -> None:
    """Make ``instituciones`` (named) and ``grupos`` the complete sets of who is bound, when
    given; institutions or groups taken out are unbound only if nobody has worked on their
    records yet."""
    if instituciones is not None:
        nombradas = {i.pk for i in instituciones}
        quitar = compromiso.seguimientos.filter(origen=Seguimiento.Origen.NOMINAL).exclude(institucion_id__in=nombradas)
        _exigir_sin_actividad(list(quitar.select_related("institucion")))
        quitar.delete()
        for institucion in instituciones:
            if not compromiso.seguimientos.filter(institucion=institucion, origen=Seguimiento.Origen.NOMINAL).exists():
                responsable_agregar(compromiso=compromiso, institucion=institucion, usuario=usuario)
    if grupos is not None:
        for registro in compromiso.grupos_responsables.exclude(grupo__in=grupos):
            grupo_quitar(registro=registro)
        existentes = set(compromiso.grupos_responsables.values_list("grupo", flat=True))
        for grupo in grupos:
            if grupo not in existentes:
                grupo_agregar(compromiso=compromiso, grupo=grupo, usuario=usuario)


# Follow-up workflow ----------------------------------------------------------
# Views check permissions first (to answer 403/404 correctly); the services ask
# the same module again, so no other caller (API, commands) can skip the rules.


def _validar_respuesta(seguimiento, observacion):
    if observacion is not None and observacion.seguimiento_id != seguimiento.pk:
        raise ValidationError(
            {"responde_a": _("La observación no corresponde a este seguimiento.")}, code="observacion_ajena",
        )


@transaction.atomic
def seguimiento_cambiar_estatus(
    *, seguimiento: Seguimiento, estatus: str, usuario, version: int, motivo: str,
    fecha: datetime.date | None = None,
) -> Seguimiento:
    """Coordination classifies one institution's compliance, recording date, reason and user
    in the status history like the commitment's (optimistic locking on ``version``)."""
    _exigir(permisos.puede_cambiar_estatus_seguimiento(usuario, seguimiento))
    actual = Seguimiento.objects.select_for_update().select_related("compromiso").get(pk=seguimiento.pk)
    if version != actual.version:
        raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")
    if estatus == actual.estatus:
        raise ConflictoDeEstado(
            {"estatus": _("La institución ya tiene el estatus «%(estatus)s».") % {"estatus": Estatus(estatus).label}},
            code="sin_cambio",
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": _("Indique el motivo del cambio de estatus.")}, code="sin_motivo")
    fecha = fecha or timezone.localdate()
    validar_fecha_de_cambio(actual.compromiso, fecha, seguimiento=actual)
    cambio = CambioEstatus(
        compromiso=actual.compromiso, seguimiento=actual, anterior=actual.estatus, nuevo=estatus, fecha=fecha,
        motivo=motivo.strip(), usuario=usuario,
    )
    cambio.full_clean()
    actual.estatus = estatus
    if estatus == Estatus.CUMPLIDO:
        actual.avance = 100
    actual.full_clean()
    actual.save()
    cambio.save()
    seguimiento.estatus, seguimiento.avance, seguimiento.version = actual.estatus, actual.avance, actual.version
    return seguimiento


@transaction.atomic
def reporte_crear(
    *, seguimiento: Seguimiento, autor, texto: str, fecha: datetime.date | None = None, responde_a=None,
    estatus_propuesto: str = "", avance_propuesto: int | None = None,
) -> Reporte:
    """An institution's progress report; answers an observation when ``responde_a`` is given.

    The officer may propose a status («solicito dar por cumplido») and a progress
    percentage; coordination confirms or rejects them when it reviews the report.
    """
    _exigir(permisos.puede_actuar_en_seguimiento(autor, seguimiento))
    _validar_respuesta(seguimiento, responde_a)
    reporte = Reporte(
        seguimiento=seguimiento, autor=autor, texto=(texto or "").strip(),
        fecha=fecha or timezone.localdate(), responde_a=responde_a,
        estatus_propuesto=estatus_propuesto or "", avance_propuesto=avance_propuesto,
    )
    reporte.full_clean()
    reporte.save()
    return reporte


def _sha256(archivo):
    digest = hashlib.sha256()
    archivo.seek(0)
    for bloque in archivo.chunks():
        digest.update(bloque)
    archivo.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidencia_subir(*, seguimiento: Seguimiento, autor, archivo, descripcion: str = "", responde_a=None) -> Evidencia:
    """Store an evidence file after checking its name, size and content.

    The file is written under a generated name through the configured storage; if
    recording it then fails, the stored file is removed so nothing is half-saved.
    """
    _exigir(permisos.puede_actuar_en_seguimiento(autor, seguimiento))
    _validar_respuesta(seguimiento, responde_a)
    inspeccion = uploads.inspeccionar(archivo)
    evidencia = Evidencia(
        seguimiento=seguimiento, subida_por=autor, nombre_original=inspeccion.nombre,
        formato=inspeccion.formato, tamano=inspeccion.tamano, sha256=_sha256(archivo),
        descripcion=(descripcion or "").strip(), responde_a=responde_a,
    )
    evidencia.archivo = archivo
    evidencia.full_clean(exclude=["archivo"])
    try:
        evidencia.save()
    except Exception:
        if evidencia.archivo.name and evidencia.archivo.storage.exists(evidencia.archivo.name):
            evidencia.archivo.storage.delete(evidencia.archivo.name)
        raise
    return evidencia


@transaction.atomic
def evidencia_retirar(*, evidencia: Evidencia, usuario, motivo: str) -> Evidencia:
    """Hide an evidence, recording who and why; the file and its record stay."""
    # Lock and re-read: two people acting on the same evidence at once must not
    # both see it "not withdrawn".
    evidencia = Evidencia.objects.select_for_update().select_related("seguimiento").get(pk=evidencia.pk)
    _exigir(permisos.puede_retirar_evidencia(usuario, evidencia))
    if not (motivo or "").strip():
        raise ValidationError({"motivo_retiro": _("Indique por qué retira la evidencia.")}, code="sin_motivo")
    evidencia.retirada = True
    evidencia.retirada_por = usuario
    evidencia.retirada_en = timezone.now()
    evidencia.motivo_retiro = motivo.strip()
    evidencia.full_clean(exclude=["archivo"])
    evidencia.save(update_fields=["retirada", "retirada_por", "retirada_en", "motivo_retiro"])
    return evidencia


def _revisar(objeto, *, usuario, decision, observacion, campo_por, campo_en, referencia, al_decidir=None):
    _exigir(permisos.puede_revisar(usuario))
    # Lock and re-read the row: of two simultaneous reviews only the first applies.
    objeto = type(objeto).objects.select_for_update().select_related("seguimiento").get(pk=objeto.pk)
    if getattr(objeto, "retirada", False):
        raise ConflictoDeEstado(_("La evidencia fue retirada y ya no se revisa."), code="retirada")
    if objeto.estado_revision != EstadoRevision.PENDIENTE:
        raise ConflictoDeEstado(_("Este elemento ya fue revisado."), code="ya_revisado")
    if decision not in (EstadoRevision.ACEPTADO, EstadoRevision.DEVUELTO):
        raise ValidationError({"decision": _("Elija aceptar o devolver.")}, code="decision")
    nota = None
    if decision == EstadoRevision.DEVUELTO:
        if not (observacion or "").strip():
            raise ValidationError(
                {"observacion": _("Para devolver, escriba la observación que debe atender la institución.")},
                code="sin_observacion",
            )
        nota = Observacion(seguimiento=objeto.seguimiento, autor=usuario, texto=observacion.strip(), **{referencia: objeto})
        nota.full_clean()
    objeto.estado_revision = decision
    setattr(objeto, campo_por, usuario)
    setattr(objeto, campo_en, timezone.now())
    # What else the same decision settles, written in the same row update.
    otros = al_decidir(objeto) if al_decidir else []
    objeto.save(update_fields=["estado_revision", campo_por, campo_en, *otros])
    if nota is not None:
        nota.save()
    return nota


@transaction.atomic
def evidencia_revisar(*, evidencia: Evidencia, usuario, decision: str, observacion: str = "") -> Observacion | None:
    """Coordination accepts an evidence or returns it with an observation."""
    return _revisar(
        evidencia, usuario=usuario, decision=decision, observacion=observacion,
        campo_por="revisada_por", campo_en="revisada_en", referencia="evidencia",
    )


@transaction.atomic
def reporte_revisar(
    *, reporte: Reporte, usuario, decision: str, observacion: str = "", confirmar_propuesta: bool = False,
) -> Observacion | None:
    """Coordination accepts a progress report (publishing it internally) or returns it.

    A proposal in the report (status, progress) is confirmed only when the report is
    accepted and ``confirmar_propuesta`` is set: the institution's progress and status
    then change, with the report cited in the status history. Otherwise it is rejected.
    """
    confirmada = decision == EstadoRevision.ACEPTADO and confirmar_propuesta

    def decidir_propuesta(objeto):
        if not objeto.tiene_propuesta:
            return []
        objeto.decision_propuesta = DecisionPropuesta.CONFIRMADA if confirmada else DecisionPropuesta.RECHAZADA
        return ["decision_propuesta"]

    nota = _revisar(
        reporte, usuario=usuario, decision=decision, observacion=observacion,
        campo_por="revisado_por", campo_en="revisado_en", referencia="reporte", al_decidir=decidir_propuesta,
    )
    reporte = Reporte.objects.select_related("seguimiento__compromiso").get(pk=reporte.pk)
    if reporte.decision_propuesta != DecisionPropuesta.CONFIRMADA:
        return nota
    seguimiento = reporte.seguimiento
    if reporte.avance_propuesto is not None and reporte.avance_propuesto != seguimiento.avance:
        seguimiento.avance = reporte.avance_propuesto
        seguimiento.full_clean()
        seguimiento.save(update_fields=["avance", "actualizado"])
    if reporte.estatus_propuesto and reporte.estatus_propuesto != seguimiento.estatus:
        seguimiento_cambiar_estatus(
            seguimiento=seguimiento, estatus=reporte.estatus_propuesto, usuario=usuario, version=seguimiento.version,
            motivo=_("Propuesto por la institución en su reporte del %(fecha)s y confirmado al revisarlo.")
            % {"fecha": f"{reporte.fecha:%d/%m/%Y}"},
        )
    return nota


@transaction.atomic
def observacion_crear(*, seguimiento: Seguimiento, autor, texto: str) -> Observacion:
    """A general observation on an institution's follow-up."""
    _exigir(permisos.puede_revisar(autor))
    observacion = Observacion(seguimiento=seguimiento, autor=autor, texto=(texto or "").strip())
    observacion.full_clean()
    observacion.save()
    return observacion


@transaction.atomic
def comentario_crear(*, reporte: Reporte, autor, texto: str) -> Comentario:
    """A supervising institution's officer comments on a report of a commitment it
    supervises (it does not accept or return it: coordination does)."""
    reporte = Reporte.objects.select_related("seguimiento__compromiso").get(pk=reporte.pk)
    _exigir(permisos.puede_comentar_reporte(autor, reporte))
    comentario = Comentario(reporte=reporte, autor=autor, institucion_id=autor.institucion_id,
                            texto=(texto or "").strip())
    comentario.full_clean()
    comentario.save()
    return comentario
