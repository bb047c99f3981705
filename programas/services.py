"""Writes of the programmes: their structure (objectives, strategies, action lines) and who
implements each line. Every function is atomic and validates before saving; follow-up
(reports, evidence, observations, review) goes through the engine's services
(``compromisos.services``), as for every kind of commitment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compromisos import services as motor
from compromisos.models import TipoCompromiso
from instituciones.models import Institucion
from snimh import permisos

from .models import Estrategia, LineaAccion, Objetivo, Programa


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


@transaction.atomic
def objetivo_asegurar(*, programa: Programa, numero: int, texto: str) -> tuple[Objetivo, bool]:
    """The programme's objective ``numero``, created with ``texto`` if missing. ``(objetivo,
    created)``; an existing objective with another text is an error (a file must agree with
    what is recorded, and with itself)."""
    texto = (texto or "").strip()
    existente = Objetivo.objects.filter(programa=programa, numero=numero).first()
    if existente is not None:
        if " ".join(existente.texto.split()) != " ".join(texto.split()):
            raise ValidationError(
                _("El objetivo %(n)s ya está registrado con otro texto.") % {"n": numero}, code="objetivo_distinto")
        return existente, False
    objetivo = Objetivo(programa=programa, numero=numero, texto=texto)
    objetivo.full_clean()
    objetivo.save()
    return objetivo, True


@transaction.atomic
def estrategia_asegurar(*, objetivo: Objetivo, numero: str, texto: str) -> tuple[Estrategia, bool]:
    """The objective's strategy ``numero``, created with ``texto`` if missing (as
    ``objetivo_asegurar``)."""
    texto = (texto or "").strip()
    existente = Estrategia.objects.filter(objetivo=objetivo, numero=numero).first()
    if existente is not None:
        if " ".join(existente.texto.split()) != " ".join(texto.split()):
            raise ValidationError(
                _("La estrategia %(n)s ya está registrada con otro texto.") % {"n": numero},
                code="estrategia_distinta")
        return existente, False
    estrategia = Estrategia(objetivo=objetivo, numero=numero, texto=texto)
    estrategia.full_clean()
    estrategia.save()
    return estrategia, True


@transaction.atomic
def linea_guardar(
    *, estrategia: Estrategia, numero: str, texto: str, tipo_accion: str, coordinadora: Institucion,
    instrumentadoras: list[Institucion], usuario=None, motivo: str = "",
) -> tuple[LineaAccion, str]:
    """Create the action line ``numero`` of ``estrategia``, or bring a recorded one to these
    values. Each implementing institution gets a follow-up record (the engine's
    ``responsables_actualizar``: one taken out is unbound only if nobody worked on its record).
    Returns ``(linea, "nueva" | "actualizada" | "sin_cambios")``."""
    if usuario is not None:
        _exigir(permisos.puede_editar_programas(usuario))
    texto = (texto or "").strip()
    linea = LineaAccion.objects.filter(estrategia=estrategia, numero=numero).first()
    if linea is None:
        linea = LineaAccion(estrategia=estrategia, numero=numero, texto=texto, tipo_accion=tipo_accion,
                            coordinadora=coordinadora, tipo=TipoCompromiso.LINEA_DE_ACCION)
        linea.full_clean()
        linea.save()
        motor.compromiso_registrar_estatus_inicial(
            compromiso=linea, motivo=motivo or _("Registro de la línea de acción."), usuario=usuario)
        motor.responsables_actualizar(compromiso=linea, usuario=usuario, instituciones=instrumentadoras)
        return linea, "nueva"
    actuales = set(linea.seguimientos.values_list("institucion_id", flat=True))
    cambios = (" ".join(linea.texto.split()) != " ".join(texto.split()) or linea.tipo_accion != tipo_accion
               or linea.coordinadora_id != coordinadora.pk or actuales != {i.pk for i in instrumentadoras})
    if not cambios:
        return linea, "sin_cambios"
    linea.texto, linea.tipo_accion, linea.coordinadora = texto, tipo_accion, coordinadora
    linea.full_clean()
    linea.save()
    motor.responsables_actualizar(compromiso=linea, usuario=usuario, instituciones=instrumentadoras)
    return linea, "actualizada"
