"""Writes on agreements: recording, editing and retiring them, and carrying the open ones
into a session. What is not theirs — who is bound, statuses, reports, evidence, review —
is the follow-up engine's (``compromisos.services``), which these call. Every function is
atomic and validates before saving."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compromisos import services as motor
from compromisos.models import Estatus
from snimh import permisos
from snimh.db import EdicionConcurrente

from .models import Acuerdo


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


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
    motor.compromiso_registrar_estatus_inicial(
        compromiso=acuerdo, fecha=fecha_estatus, motivo=motivo_estatus or _("Registro del acuerdo."), usuario=usuario,
    )
    # Named institutions first: an institution both named and in a group is bound by name.
    for institucion in instituciones:
        motor.responsable_agregar(compromiso=acuerdo, institucion=institucion)
    for grupo in grupos:
        motor.grupo_agregar(compromiso=acuerdo, grupo=grupo, usuario=usuario)
    return acuerdo


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
    the complete new sets (``compromisos.services.responsables_actualizar``). The status is
    changed with ``compromisos.services.compromiso_cambiar_estatus``.
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
    motor.responsables_actualizar(compromiso=actual, usuario=usuario, instituciones=instituciones, grupos=grupos)
    acuerdo.__dict__.update({k: getattr(actual, k) for k in ("version", *campos)})
    return actual


@transaction.atomic
def acuerdo_retirar(*, acuerdo: Acuerdo, motivo: str, fecha: datetime.date, usuario, version: int | None = None):
    """Retire an agreement that lost its object: status «sin materia», with the reason."""
    if acuerdo.estatus == Estatus.SIN_MATERIA:
        raise ValidationError(_("El acuerdo ya quedó sin materia."), code="sin_cambio")
    return motor.compromiso_cambiar_estatus(
        compromiso=acuerdo, estatus=Estatus.SIN_MATERIA, fecha=fecha, motivo=motivo, usuario=usuario, version=version,
    )


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
