"""Writes on agreements. Every function is atomic and validates before saving."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from snimh import permisos, uploads
from snimh.db import ConflictoDeEstado, EdicionConcurrente

from .models import (
    Acuerdo,
    CambioEstatus,
    DecisionPropuesta,
    EstadoRevision,
    Estatus,
    Evidencia,
    GrupoResponsable,
    Observacion,
    Reporte,
    Seguimiento,
)


@transaction.atomic
def acuerdo_crear(
    *,
    sesion,
    numero: int,
    texto: str,
    estatus: str = Estatus.SIN_INICIAR,
    fecha_estatus: datetime.date | None = None,
    motivo_estatus: str = "",
    plazo_fecha: datetime.date | None = None,
    plazo_texto: str = "",
    meta: str = "",
    responsables_texto: str = "",
    instituciones=(),
    grupos=(),
    objetivos=(),
    usuario=None,
) -> Acuerdo:
    """Create an agreement with its responsible institutions and its first status entry.

    The initial status is recorded in the history like any later change, so the
    history always explains the current status.
    """
    acuerdo = Acuerdo(
        sesion=sesion, numero=numero, texto=texto, estatus=estatus, plazo_fecha=plazo_fecha,
        plazo_texto=plazo_texto, meta=meta, responsables_texto=responsables_texto,
    )
    acuerdo.full_clean()
    acuerdo.save()
    acuerdo.objetivos.set(objetivos)
    acuerdo_registrar_estatus_inicial(
        acuerdo=acuerdo, fecha=fecha_estatus, motivo=motivo_estatus, usuario=usuario,
    )
    # Named institutions first: an institution both named and in a group is bound by name.
    for institucion in instituciones:
        acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion)
    for grupo in grupos:
        acuerdo_agregar_grupo_responsable(acuerdo=acuerdo, grupo=grupo, usuario=usuario)
    return acuerdo


@transaction.atomic
def acuerdo_registrar_estatus_inicial(
    *, acuerdo: Acuerdo, fecha: datetime.date | None = None, motivo: str = "", usuario=None
) -> CambioEstatus:
    """Open an agreement's status history with the status it was created with."""
    if fecha is not None and (fecha < acuerdo.sesion.fecha or fecha > timezone.localdate()):
        raise ValidationError(
            {"fecha": _("La fecha del estatus inicial debe estar entre la sesión y hoy.")}, code="fecha_inicial",
        )
    cambio = CambioEstatus(
        acuerdo=acuerdo, anterior="", nuevo=acuerdo.estatus,
        fecha=fecha or acuerdo.sesion.fecha,
        motivo=(motivo or "").strip() or _("Registro del acuerdo."), usuario=usuario,
    )
    cambio.full_clean()
    cambio.save()
    return cambio


def validar_fecha_de_cambio(acuerdo: Acuerdo, fecha: datetime.date, seguimiento: Seguimiento | None = None) -> None:
    """A status change is dated between the last one (or the session) and today,
    so that the history read in date order always ends in the current status.

    The agreement's own history and each institution's are ordered separately."""
    if fecha < acuerdo.sesion.fecha:
        raise ValidationError(
            {"fecha": _("El cambio no puede ser anterior a la sesión que adoptó el acuerdo.")},
            code="fecha_anterior",
        )
    historial = seguimiento.historial_estatus.all() if seguimiento is not None else acuerdo.historial_estatus.del_acuerdo()
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
def acuerdo_cambiar_estatus(
    *, acuerdo: Acuerdo, estatus: str, fecha: datetime.date, motivo: str, usuario=None,
    version: int | None = None,
) -> CambioEstatus:
    """Change an agreement's status, recording date, reason and user in its history.

    ``version`` is the version the user saw: if somebody saved the agreement since,
    the change is refused instead of overwriting theirs.
    """
    # Lock the row so that two simultaneous changes cannot both read the same
    # "previous" status and write an inconsistent history.
    if usuario is not None:
        _exigir(permisos.puede_cambiar_estatus_acuerdo(usuario, acuerdo))
    actual = Acuerdo.objects.select_for_update().get(pk=acuerdo.pk)
    if version is not None and version != actual.version:
        raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")
    if estatus == actual.estatus:
        raise ConflictoDeEstado(
            {"estatus": _("El acuerdo ya tiene el estatus «%(estatus)s».")
             % {"estatus": Estatus(estatus).label}},
            code="sin_cambio",
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": _("Indique el motivo del cambio de estatus.")}, code="sin_motivo")
    validar_fecha_de_cambio(actual, fecha)
    cambio = CambioEstatus(
        acuerdo=actual, anterior=actual.estatus, nuevo=estatus, fecha=fecha,
        motivo=motivo.strip(), usuario=usuario,
    )
    cambio.full_clean()
    actual.estatus = estatus
    actual.full_clean()
    actual.save(update_fields=["estatus", "actualizado"])
    cambio.save()
    acuerdo.estatus, acuerdo.version = estatus, actual.version
    return cambio


@transaction.atomic
def acuerdo_agregar_responsable(*, acuerdo: Acuerdo, institucion, usuario=None) -> Seguimiento:
    """Bind an institution to an agreement by name.

    Refused if it is already named; an institution already bound through a group is
    from now on bound by name (its follow-up record, with its history, stays the same).
    """
    existente = Seguimiento.objects.filter(acuerdo=acuerdo, institucion=institucion).first()
    if existente is not None and existente.origen == Seguimiento.Origen.GRUPO:
        existente.origen, existente.grupo = Seguimiento.Origen.NOMINAL, None
        existente.full_clean()
        existente.save()
        return existente
    seguimiento = Seguimiento(acuerdo=acuerdo, institucion=institucion, origen=Seguimiento.Origen.NOMINAL)
    seguimiento.full_clean()
    seguimiento.save()
    if not acuerdo.esta_abierto:
        _heredar_estatus_final(seguimiento, acuerdo, motivo=_("Nombrada después del cierre del acuerdo."),
                               usuario=usuario)
    return seguimiento


def _heredar_estatus_final(seguimiento, acuerdo, *, motivo, usuario=None):
    """A record bound to an agreement already closed takes its final status, said in the history."""
    cierre = acuerdo.historial_estatus.del_acuerdo().order_by("-fecha", "-registrado").first()
    cambio = CambioEstatus(
        acuerdo=acuerdo, seguimiento=seguimiento, anterior=seguimiento.estatus, nuevo=acuerdo.estatus,
        fecha=cierre.fecha if cierre else timezone.localdate(),
        motivo=_("%(motivo)s Toma el estatus final del acuerdo, «%(estatus)s».")
        % {"motivo": motivo, "estatus": Estatus(acuerdo.estatus).label},
        usuario=usuario,
    )
    cambio.full_clean()
    seguimiento.estatus = acuerdo.estatus
    seguimiento.save(update_fields=["estatus", "actualizado"])
    cambio.save()


@transaction.atomic
def acuerdo_agregar_grupo_responsable(*, acuerdo: Acuerdo, grupo: str, usuario=None) -> GrupoResponsable:
    """Bind a whole group (all institutions of a role, or all attendees) to an agreement,
    with one follow-up record for each institution the group binds (see
    ``models.instituciones_del_grupo``)."""
    registro = GrupoResponsable(acuerdo=acuerdo, grupo=grupo)
    registro.full_clean()
    registro.save()
    grupo_expandir(registro=registro, usuario=usuario)
    return registro


@transaction.atomic
def grupo_expandir(*, registro: GrupoResponsable, usuario=None) -> list[Seguimiento]:
    """Create the follow-up records a group binds and the agreement still lacks (idempotent).

    Institutions already bound (by name or by another group) keep their record. For an
    agreement already closed the new records take its final status, and the history
    says they were derived from the group.
    """
    acuerdo = registro.acuerdo
    ya = set(acuerdo.seguimientos.values_list("institucion_id", flat=True))
    nuevos = []
    for institucion in registro.instituciones().exclude(pk__in=ya).order_by("nombre"):
        seguimiento = Seguimiento(acuerdo=acuerdo, institucion=institucion, origen=Seguimiento.Origen.GRUPO,
                                  grupo=registro)
        seguimiento.full_clean()
        seguimiento.save()
        if not acuerdo.esta_abierto:
            _heredar_estatus_final(
                seguimiento, acuerdo, usuario=usuario,
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
              "estatus en este acuerdo. Cambie su estatus a «Sin materia» si ya no le corresponde.")
            % {"instituciones": ", ".join(str(i) for i in con_actividad)},
            code="con_actividad",
        )


@transaction.atomic
def acuerdo_quitar_responsable(*, seguimiento: Seguimiento) -> None:
    """Unbind an institution named by mistake (only while it has no activity)."""
    _exigir_sin_actividad([seguimiento])
    seguimiento.delete()


@transaction.atomic
def acuerdo_quitar_grupo_responsable(*, registro: GrupoResponsable) -> None:
    """Unbind a group. Its records move to another group of the agreement that also binds
    the institution; the others are deleted, which is refused if anyone worked on them."""
    otros = list(registro.acuerdo.grupos_responsables.exclude(pk=registro.pk))
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
def acuerdo_actualizar(
    *,
    acuerdo: Acuerdo,
    version: int,
    usuario,
    instituciones=None,
    grupos=None,
    objetivos=None,
    **campos,
) -> Acuerdo:
    """Edit an agreement's text and follow-up criteria, and who is bound by it.

    ``version`` is the version the user read: a save based on an older one is refused
    (optimistic locking). ``instituciones``, ``grupos`` and ``objetivos``, when given, are
    the complete new sets; institutions or groups taken out are unbound only if nobody
    has worked on their records yet. The status is changed with ``acuerdo_cambiar_estatus``.
    """
    _exigir(permisos.puede_editar_acuerdos(usuario))
    editables = {"numero", "texto", "plazo_fecha", "plazo_texto", "meta", "responsables_texto"}
    desconocidos = set(campos) - editables
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    actual = Acuerdo.objects.select_for_update().get(pk=acuerdo.pk)
    if version != actual.version:
        raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")
    for campo, valor in campos.items():
        setattr(actual, campo, valor)
    actual.full_clean()
    actual.save()
    if objetivos is not None:
        actual.objetivos.set(objetivos)
    if instituciones is not None:
        nombradas = {i.pk for i in instituciones}
        quitar = actual.seguimientos.filter(origen=Seguimiento.Origen.NOMINAL).exclude(institucion_id__in=nombradas)
        _exigir_sin_actividad(list(quitar.select_related("institucion")))
        quitar.delete()
        for institucion in instituciones:
            if not actual.seguimientos.filter(institucion=institucion, origen=Seguimiento.Origen.NOMINAL).exists():
                acuerdo_agregar_responsable(acuerdo=actual, institucion=institucion, usuario=usuario)
    if grupos is not None:
        for registro in actual.grupos_responsables.exclude(grupo__in=grupos):
            acuerdo_quitar_grupo_responsable(registro=registro)
        existentes = set(actual.grupos_responsables.values_list("grupo", flat=True))
        for grupo in grupos:
            if grupo not in existentes:
                acuerdo_agregar_grupo_responsable(acuerdo=actual, grupo=grupo, usuario=usuario)
    acuerdo.__dict__.update({k: getattr(actual, k) for k in ("version", *campos)})
    return actual


@transaction.atomic
def acuerdo_retirar(*, acuerdo: Acuerdo, motivo: str, fecha: datetime.date, usuario, version: int | None = None):
    """Retire an agreement that lost its object: status «sin materia», with the reason."""
    if acuerdo.estatus == Estatus.SIN_MATERIA:
        raise ValidationError(_("El acuerdo ya quedó sin materia."), code="sin_cambio")
    return acuerdo_cambiar_estatus(
        acuerdo=acuerdo, estatus=Estatus.SIN_MATERIA, fecha=fecha, motivo=motivo, usuario=usuario, version=version,
    )


# Follow-up workflow ----------------------------------------------------------
# Views check permissions first (to answer 403/404 correctly); the services ask
# the same module again, so no other caller (API, commands) can skip the rules.


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


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
    in the status history like the agreement's (optimistic locking on ``version``)."""
    _exigir(permisos.puede_cambiar_estatus_seguimiento(usuario, seguimiento))
    actual = Seguimiento.objects.select_for_update().select_related("acuerdo__sesion").get(pk=seguimiento.pk)
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
    validar_fecha_de_cambio(actual.acuerdo, fecha, seguimiento=actual)
    cambio = CambioEstatus(
        acuerdo=actual.acuerdo, seguimiento=actual, anterior=actual.estatus, nuevo=estatus, fecha=fecha,
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
    reporte = Reporte.objects.select_related("seguimiento__acuerdo__sesion").get(pk=reporte.pk)
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


# Open agreements carried into the next session --------------------------------

TITULO_SEGUIMIENTO = "Seguimiento de acuerdos"


@transaction.atomic
def sesion_preparar_seguimiento(*, sesion, usuario=None) -> list:
    """Add the *Seguimiento de acuerdos* item to a session's agenda, listing every agreement
    still open on its date (status and days late); run again, it lists what opened since
    and rewrites the item's summary.

    Returns the ``RevisionEnSesion`` rows; the minutes then mark which were reviewed.
    """
    from sesiones.models import PuntoOrdenDia

    from .models import RevisionEnSesion

    if usuario is not None:
        _exigir(permisos.puede_editar_sesiones(usuario))
    if sesion.estado == sesion.Estado.CANCELADA:
        raise ValidationError(_("La sesión fue cancelada."), code="cancelada")
    abiertos = list(
        Acuerdo.objects.abiertos().filter(sesion__fecha__lt=sesion.fecha).select_related("sesion").order_by("numero")
    )
    existentes = set(sesion.revisiones.values_list("acuerdo_id", flat=True))
    nuevas = [
        RevisionEnSesion(sesion=sesion, acuerdo=a, estatus=a.estatus, dias_vencido=a.dias_vencido(sesion.fecha))
        for a in abiertos if a.pk not in existentes
    ]
    for revision in nuevas:
        revision.full_clean(validate_unique=False)
    RevisionEnSesion.objects.bulk_create(nuevas)
    lineas = []
    for a in abiertos:
        dias = a.dias_vencido(sesion.fecha)
        estado = Estatus(a.estatus).label.lower()
        if dias:
            estado += ", " + ngettext("%(n)s día de atraso", "%(n)s días de atraso", dias) % {"n": dias}
        lineas.append(f"- {a.cita} ({estado})")
    resumen = (_("Revisión de los acuerdos en seguimiento:") + "\n\n" + "\n".join(lineas)) if lineas else _(
        "No hay acuerdos abiertos de sesiones anteriores.")
    punto = sesion.orden_del_dia.filter(titulo=TITULO_SEGUIMIENTO).first()
    if punto is not None:
        punto.resumen = resumen
        punto.full_clean()
        punto.save(update_fields=["resumen"])
    else:
        # Numbered first: every session starts by reviewing what is still open.
        sesion.orden_del_dia.update(numero=models.F("numero") + 1000)
        punto = PuntoOrdenDia(sesion=sesion, numero=1, titulo=TITULO_SEGUIMIENTO, resumen=resumen)
        punto.full_clean()
        punto.save()
        for i, otro in enumerate(sesion.orden_del_dia.exclude(pk=punto.pk).order_by("numero"), start=2):
            otro.numero = i
            otro.save(update_fields=["numero"])
    return list(sesion.revisiones.select_related("acuerdo__sesion"))


@transaction.atomic
def sesion_registrar_revisados(*, sesion, numeros, usuario=None) -> int:
    """Record from the minutes which agreements the session reviewed."""
    if usuario is not None:
        _exigir(permisos.puede_editar_sesiones(usuario))
    actualizadas = sesion.revisiones.filter(acuerdo__numero__in=numeros).update(revisado=True)
    sesion.revisiones.exclude(acuerdo__numero__in=numeros).update(revisado=False)
    return actualizadas
