"""Writes on agreements. Every function is atomic and validates before saving."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from snimh import permisos, uploads
from snimh.db import ConflictoDeEstado, EdicionConcurrente

from .models import (
    Acuerdo,
    CambioEstatus,
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
    for grupo in grupos:
        acuerdo_agregar_grupo_responsable(acuerdo=acuerdo, grupo=grupo)
    for institucion in instituciones:
        acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion)
    acuerdo_registrar_estatus_inicial(
        acuerdo=acuerdo, fecha=fecha_estatus, motivo=motivo_estatus, usuario=usuario,
    )
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


def validar_fecha_de_cambio(acuerdo: Acuerdo, fecha: datetime.date) -> None:
    """A status change is dated between the last one (or the session) and today,
    so that the history read in date order always ends in the current status."""
    if fecha < acuerdo.sesion.fecha:
        raise ValidationError(
            {"fecha": _("El cambio no puede ser anterior a la sesión que adoptó el acuerdo.")},
            code="fecha_anterior",
        )
    ultimo = acuerdo.historial_estatus.order_by("-fecha").values_list("fecha", flat=True).first()
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
def acuerdo_agregar_responsable(*, acuerdo: Acuerdo, institucion, origen=Seguimiento.Origen.NOMINAL) -> Seguimiento:
    """Bind an institution to an agreement; refused if it is already bound."""
    seguimiento = Seguimiento(acuerdo=acuerdo, institucion=institucion, origen=origen)
    seguimiento.full_clean()
    seguimiento.save()
    return seguimiento


@transaction.atomic
def acuerdo_agregar_grupo_responsable(*, acuerdo: Acuerdo, grupo: str) -> GrupoResponsable:
    """Bind a whole group (all institutions of a role, or all attendees) to an agreement."""
    registro = GrupoResponsable(acuerdo=acuerdo, grupo=grupo)
    registro.full_clean()
    registro.save()
    return registro


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
def seguimiento_cambiar_estatus(*, seguimiento: Seguimiento, estatus: str, usuario, version: int) -> Seguimiento:
    """Coordination classifies one institution's compliance (optimistic locking on ``version``)."""
    _exigir(permisos.puede_cambiar_estatus_seguimiento(usuario, seguimiento))
    if estatus == seguimiento.estatus and version == seguimiento.version:
        raise ConflictoDeEstado(
            {"estatus": _("La institución ya tiene el estatus «%(estatus)s».") % {"estatus": Estatus(estatus).label}},
            code="sin_cambio",
        )
    seguimiento.estatus = estatus
    seguimiento.version = version
    seguimiento.full_clean()
    try:
        seguimiento.save()
    except EdicionConcurrente as error:
        raise ValidationError(str(error), code="edicion_concurrente") from error
    return seguimiento


@transaction.atomic
def reporte_crear(
    *, seguimiento: Seguimiento, autor, texto: str, fecha: datetime.date | None = None, responde_a=None
) -> Reporte:
    """An institution's progress report; answers an observation when ``responde_a`` is given."""
    _exigir(permisos.puede_actuar_en_seguimiento(autor, seguimiento))
    _validar_respuesta(seguimiento, responde_a)
    reporte = Reporte(
        seguimiento=seguimiento, autor=autor, texto=(texto or "").strip(),
        fecha=fecha or timezone.localdate(), responde_a=responde_a,
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


def _revisar(objeto, *, usuario, decision, observacion, campo_por, campo_en, referencia):
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
    objeto.save(update_fields=["estado_revision", campo_por, campo_en])
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
def reporte_revisar(*, reporte: Reporte, usuario, decision: str, observacion: str = "") -> Observacion | None:
    """Coordination accepts a progress report (publishing it internally) or returns it."""
    return _revisar(
        reporte, usuario=usuario, decision=decision, observacion=observacion,
        campo_por="revisado_por", campo_en="revisado_en", referencia="reporte",
    )


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
def sesion_preparar_seguimiento(*, sesion) -> list:
    """Add the *Seguimiento de acuerdos* item to a session's agenda, listing every agreement
    still open on its date (status and days late), unless the session already has it.

    Returns the ``RevisionEnSesion`` rows; the minutes then mark which were reviewed.
    """
    from sesiones.models import PuntoOrdenDia

    from .models import RevisionEnSesion

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
    if not sesion.orden_del_dia.filter(titulo=TITULO_SEGUIMIENTO).exists():
        lineas = [
            f"- {a.cita} ({Estatus(a.estatus).label.lower()}"
            + (f", {a.dias_vencido(sesion.fecha)} días de atraso)" if a.esta_vencido(sesion.fecha) else ")")
            for a in abiertos
        ]
        resumen = _("Revisión de los acuerdos en seguimiento:") + "\n\n" + "\n".join(lineas) if lineas else _(
            "No hay acuerdos abiertos de sesiones anteriores.")
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
def sesion_registrar_revisados(*, sesion, numeros) -> int:
    """Record from the minutes which agreements the session reviewed."""
    actualizadas = sesion.revisiones.filter(acuerdo__numero__in=numeros).update(revisado=True)
    sesion.revisiones.exclude(acuerdo__numero__in=numeros).update(revisado=False)
    return actualizadas
