"""Writes on agreements. Every function is atomic and validates before saving."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Acuerdo, CambioEstatus, Estatus, GrupoResponsable, Seguimiento


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
    cambio = CambioEstatus(
        acuerdo=acuerdo, anterior="", nuevo=acuerdo.estatus,
        fecha=fecha or acuerdo.sesion.fecha,
        motivo=(motivo or "").strip() or _("Registro del acuerdo."), usuario=usuario,
    )
    cambio.full_clean()
    cambio.save()
    return cambio


@transaction.atomic
def acuerdo_cambiar_estatus(
    *, acuerdo: Acuerdo, estatus: str, fecha: datetime.date, motivo: str, usuario=None
) -> CambioEstatus:
    """Change an agreement's status, recording date, reason and user in its history."""
    # Lock the row so that two simultaneous changes cannot both read the same
    # "previous" status and write an inconsistent history.
    actual = Acuerdo.objects.select_for_update().get(pk=acuerdo.pk)
    if estatus == actual.estatus:
        raise ValidationError(
            {"estatus": _("El acuerdo ya tiene el estatus «%(estatus)s».")
             % {"estatus": Estatus(estatus).label}},
            code="sin_cambio",
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": _("Indique el motivo del cambio de estatus.")}, code="sin_motivo")
    if fecha < actual.sesion.fecha:
        raise ValidationError(
            {"fecha": _("El cambio no puede ser anterior a la sesión que adoptó el acuerdo.")},
            code="fecha_anterior",
        )
    cambio = CambioEstatus(
        acuerdo=actual, anterior=actual.estatus, nuevo=estatus, fecha=fecha,
        motivo=motivo.strip(), usuario=usuario,
    )
    cambio.full_clean()
    actual.estatus = estatus
    actual.full_clean()
    actual.save(update_fields=["estatus", "actualizado"])
    cambio.save()
    acuerdo.estatus = estatus
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
