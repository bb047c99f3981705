"""Writes on thematic tables and international recommendations. Who is bound, statuses,
reports, evidence and review are the follow-up engine's (``compromisos.services``), which
these call. Every function is atomic, asks snimh/permisos.py when it acts for a person and
validates before saving."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from compromisos import services as motor
from compromisos.models import Estatus
from snimh import permisos

from .models import IntegranteMesa, MesaTematica, Recomendacion, VinculoAcuerdo


def _exigir(usuario):
    if usuario is not None and not permisos.puede_editar_recomendaciones(usuario):
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


def _poner_integrantes(mesa, integrantes):
    integrantes = {i.pk: i for i in integrantes}
    mesa.integrantemesa_set.exclude(institucion_id__in=integrantes).delete()
    ya = set(mesa.integrantemesa_set.values_list("institucion_id", flat=True))
    for pk, institucion in integrantes.items():
        if pk not in ya:
            registro = IntegranteMesa(mesa=mesa, institucion=institucion)
            registro.full_clean()
            registro.save()


@transaction.atomic
def mesa_crear(*, nombre: str, presidencia=None, integrantes=(), usuario=None) -> MesaTematica:
    """Create a thematic table; its chair may be designated later."""
    _exigir(usuario)
    mesa = MesaTematica(nombre=" ".join((nombre or "").split()), presidencia=presidencia)
    mesa.full_clean()
    mesa.save()
    _poner_integrantes(mesa, integrantes)
    return mesa


@transaction.atomic
def mesa_actualizar(*, mesa: MesaTematica, usuario, nombre: str, presidencia=None, integrantes=None) -> MesaTematica:
    """Rename a table, designate or change its chair, and set its member institutions."""
    _exigir(usuario)
    mesa = MesaTematica.objects.select_for_update().get(pk=mesa.pk)
    mesa.nombre = " ".join((nombre or "").split())
    mesa.presidencia = presidencia
    mesa.full_clean()
    mesa.save()
    if integrantes is not None:
        _poner_integrantes(mesa, integrantes)
    return mesa


@transaction.atomic
def recomendacion_crear(
    *, documento: str, parrafo_numero: int, texto: str, mesa: MesaTematica, inciso: str = "", tema: str = "",
    fecha_emision: datetime.date | None = None, plazo_fecha: datetime.date | None = None, plazo_texto: str = "",
    meta: str = "", instituciones=(), acuerdos=(), motivo_estatus: str = "", usuario=None,
) -> Recomendacion:
    """Create a recommendation with its first status entry and one follow-up record for each
    responsible institution (the engine's ``responsable_agregar``)."""
    _exigir(usuario)
    recomendacion = Recomendacion(
        documento=(documento or "").strip(), parrafo_numero=parrafo_numero, inciso=(inciso or "").strip().lower(),
        texto=(texto or "").strip(), mesa=mesa, tema=(tema or "").strip(), fecha_emision=fecha_emision,
        plazo_fecha=plazo_fecha, plazo_texto=plazo_texto, meta=meta, estatus=Estatus.SIN_INICIAR,
    )
    recomendacion.full_clean()
    recomendacion.save()
    motor.compromiso_registrar_estatus_inicial(
        compromiso=recomendacion, motivo=motivo_estatus or _("Registro de la recomendación."), usuario=usuario,
    )
    for institucion in instituciones:
        motor.responsable_agregar(compromiso=recomendacion, institucion=institucion, usuario=usuario)
    _poner_acuerdos(recomendacion, acuerdos)
    return recomendacion


def _poner_acuerdos(recomendacion, acuerdos):
    acuerdos = {a.pk: a for a in acuerdos}
    recomendacion.vinculoacuerdo_set.exclude(acuerdo_id__in=acuerdos).delete()
    ya = set(recomendacion.vinculoacuerdo_set.values_list("acuerdo_id", flat=True))
    for pk, acuerdo in acuerdos.items():
        if pk not in ya:
            vinculo = VinculoAcuerdo(recomendacion=recomendacion, acuerdo=acuerdo)
            vinculo.full_clean()
            vinculo.save()


@transaction.atomic
def recomendacion_actualizar(
    *, recomendacion: Recomendacion, version: int, usuario, instituciones=None, acuerdos=None, **campos,
) -> Recomendacion:
    """Edit a recommendation's wording, table and follow-up criteria, who is responsible and
    the agreements it is linked to. ``version`` is the version the user read: a save based
    on an older one is refused (``EdicionConcurrente``). Institutions taken out are unbound
    only while nobody has worked on their records (the engine's rule)."""
    _exigir(usuario)
    recomendacion.version = version
    for campo, valor in campos.items():
        setattr(recomendacion, campo, valor.strip() if isinstance(valor, str) else valor)
    recomendacion.full_clean()
    recomendacion.save()
    if instituciones is not None:
        motor.responsables_actualizar(compromiso=recomendacion, usuario=usuario, instituciones=list(instituciones))
    if acuerdos is not None:
        _poner_acuerdos(recomendacion, acuerdos)
    return recomendacion
