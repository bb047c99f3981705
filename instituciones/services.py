"""Writes on the roster: institutions, their roles in the SNIMH, gender units,
representatives and the coordinating institution. Every function is atomic, asks
snimh/permisos.py and validates before saving."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from snimh import permisos, uploads

from .models import Coordinacion, Institucion, Participacion, Representante, UnidadIgualdadGenero


def _exigir(usuario):
    if not permisos.puede_editar_padron(usuario):
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


def _guardar(objeto):
    objeto.full_clean()
    objeto.save()
    return objeto


_CAMPOS_INSTITUCION = {"nombre", "siglas", "articulo", "naturaleza", "sector", "activa"}


@transaction.atomic
def institucion_guardar(*, usuario, institucion: Institucion | None = None, **datos) -> Institucion:
    """Create an institution, or edit one (``institucion``)."""
    _exigir(usuario)
    desconocidos = set(datos) - _CAMPOS_INSTITUCION
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    institucion = Institucion.objects.select_for_update().get(pk=institucion.pk) if institucion else Institucion()
    for campo, valor in datos.items():
        setattr(institucion, campo, valor.strip() if isinstance(valor, str) else valor)
    return _guardar(institucion)


@transaction.atomic
def participacion_otorgar(
    *, usuario, institucion: Institucion, rol: str, desde: datetime.date, acuerdo=None, fundamento: str = "",
    hasta: datetime.date | None = None,
) -> Participacion:
    """Grant a role in the SNIMH from ``desde``, citing the agreement that grants it (or
    another legal basis). Overlapping an existing role is refused: end that one first."""
    _exigir(usuario)
    if acuerdo is None and not (fundamento or "").strip():
        raise ValidationError(
            {"fundamento": _("Cite el acuerdo que otorga el rol o escriba otro fundamento.")}, code="sin_fundamento",
        )
    return _guardar(Participacion(
        institucion=institucion, rol=rol, desde=desde, hasta=hasta, acuerdo=acuerdo,
        fundamento=(fundamento or "").strip(),
    ))


@transaction.atomic
def participaciones_otorgar_por_acuerdo(*, usuario, acuerdo, instituciones, rol: str, desde: datetime.date):
    """«Incorporar»: grant the same role to several institutions by one agreement, all or
    nothing; every institution that cannot receive it is named in the refusal."""
    _exigir(usuario)
    if not instituciones:
        raise ValidationError({"instituciones": _("Elija al menos una institución.")}, code="sin_instituciones")
    otorgadas, errores = [], []
    for institucion in instituciones:
        try:
            otorgadas.append(participacion_otorgar(
                usuario=usuario, institucion=institucion, rol=rol, desde=desde, acuerdo=acuerdo,
            ))
        except ValidationError as error:
            errores.extend(f"{institucion}: {mensaje}" for mensaje in error.messages)
    if errores:
        raise ValidationError(errores, code="otorgamiento_invalido")
    return otorgadas


@transaction.atomic
def participacion_terminar(*, usuario, participacion: Participacion, hasta: datetime.date) -> Participacion:
    """End a role on ``hasta`` (its last day)."""
    _exigir(usuario)
    participacion = Participacion.objects.select_for_update().get(pk=participacion.pk)
    if participacion.hasta is not None:
        raise ValidationError(_("Este rol ya tiene fecha de término."), code="terminada")
    participacion.hasta = hasta
    return _guardar(participacion)


_CAMPOS_UIG = {"nombre", "titular", "cargo_titular", "correo", "telefono", "formalmente_constituida",
               "instrumento_creacion"}


@transaction.atomic
def uig_guardar(*, usuario, institucion: Institucion, **datos) -> UnidadIgualdadGenero:
    """Record or update the institution's gender unit (UIG) and its contact."""
    _exigir(usuario)
    desconocidos = set(datos) - _CAMPOS_UIG
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    uig = UnidadIgualdadGenero.objects.filter(institucion=institucion).first() or UnidadIgualdadGenero(
        institucion=institucion)
    for campo, valor in datos.items():
        setattr(uig, campo, valor.strip() if isinstance(valor, str) else valor)
    return _guardar(uig)


_CAMPOS_REPRESENTANTE = {"tipo", "tratamiento", "nombre", "cargo", "correo", "numero_oficio", "fecha_oficio",
                         "vigente_desde", "vigente_hasta"}


def _poner_oficio(representante, archivo):
    try:
        inspeccion = uploads.inspeccionar(archivo, formatos=Representante.FORMATOS_OFICIO)
    except uploads.ArchivoRechazado as error:
        raise ValidationError({"oficio_designacion": error.messages}, code=error.code) from error
    representante.oficio_designacion = archivo
    representante.oficio_nombre = inspeccion.nombre


@transaction.atomic
def representante_guardar(
    *, usuario, institucion: Institucion | None = None, representante: Representante | None = None,
    oficio=None, **datos,
) -> Representante:
    """Designate a titular or suplente (``institucion``), or correct one (``representante``),
    with the designation letter uploaded when given; the letter is stored under a
    generated name and downloaded by its original one."""
    _exigir(usuario)
    desconocidos = set(datos) - _CAMPOS_REPRESENTANTE
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    if representante is not None:
        representante = Representante.objects.select_for_update().get(pk=representante.pk)
    else:
        representante = Representante(institucion=institucion)
    for campo, valor in datos.items():
        setattr(representante, campo, valor.strip() if isinstance(valor, str) else valor)
    if oficio is not None:
        _poner_oficio(representante, oficio)
    try:
        return _guardar(representante)
    except Exception:
        if oficio is not None and representante.oficio_designacion.name and representante.oficio_designacion.storage.exists(
            representante.oficio_designacion.name
        ):
            representante.oficio_designacion.storage.delete(representante.oficio_designacion.name)
        raise


@transaction.atomic
def representante_terminar(*, usuario, representante: Representante, hasta: datetime.date) -> Representante:
    """End a designation on ``hasta`` (its last day), e.g. when a new letter names another person."""
    _exigir(usuario)
    representante = Representante.objects.select_for_update().get(pk=representante.pk)
    if representante.vigente_hasta is not None:
        raise ValidationError(_("Esta designación ya tiene fecha de término."), code="terminada")
    representante.vigente_hasta = hasta
    return _guardar(representante)


@transaction.atomic
def coordinacion_registrar(
    *, usuario, institucion: Institucion, desde: datetime.date, fundamento: str,
) -> Coordinacion:
    """A new coordinating institution from ``desde``: the period in force ends the day before."""
    _exigir(usuario)
    vigente = Coordinacion.objects.select_for_update().filter(hasta__isnull=True).first()
    if vigente is not None:
        if desde <= vigente.desde:
            raise ValidationError(
                {"desde": _("La nueva coordinación debe comenzar después del %(fecha)s.")
                 % {"fecha": f"{vigente.desde:%d/%m/%Y}"}},
                code="antes_de_la_vigente",
            )
        vigente.hasta = desde - datetime.timedelta(days=1)
        _guardar(vigente)
    return _guardar(Coordinacion(institucion=institucion, desde=desde, fundamento=(fundamento or "").strip()))
