"""Writes of the programmes: their structure (objectives, strategies, action lines) and who
implements each line. Every function is atomic and validates before saving; follow-up
(reports, evidence, observations, review) goes through the engine's services
(``compromisos.services``), as for every kind of commitment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compromisos import services as motor
from compromisos.models import TipoCompromiso
from instituciones.models import Institucion
from snimh import permisos

from .models import (
    Actividad,
    AlineacionConLinea,
    AvanceDeLinea,
    ConjuntoRecomendaciones,
    Estrategia,
    LineaAccion,
    Objetivo,
    PlanDeTrabajo,
    Programa,
    RecomendacionSemestral,
)


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


# Work plans and progress ---------------------------------------------------------

def _exigir_linea(seguimiento):
    if seguimiento.compromiso.tipo != TipoCompromiso.LINEA_DE_ACCION:
        raise ValidationError(_("Los planes de trabajo son de las líneas de acción."), code="no_es_linea")


@transaction.atomic
def plan_guardar(*, seguimiento, usuario, indicador: str = "", meta_indicador=None,
                 actividades: list[dict]) -> PlanDeTrabajo:
    """Write an implementing institution's work plan for a line: its indicator and goal and the
    complete list of its activities (dicts with ``descripcion``, ``fecha_inicio``, ``fecha_fin``,
    ``producto_esperado`` and, for one already recorded, ``id``). An activity left out is
    deleted unless a report refers to it."""
    _exigir(permisos.puede_editar_plan(usuario, seguimiento))
    _exigir_linea(seguimiento)
    plan, _creado = PlanDeTrabajo.objects.select_for_update().get_or_create(seguimiento=seguimiento)
    plan.indicador, plan.meta_indicador = (indicador or "").strip(), meta_indicador
    plan.full_clean()
    plan.save()
    actuales = {a.pk: a for a in plan.actividades.all()}
    conservadas = set()
    for datos in actividades:
        datos = dict(datos)
        pk = datos.pop("id", None)
        actividad = actuales.get(pk) if pk else Actividad(plan=plan)
        if actividad is None:
            raise ValidationError(_("La actividad no es de este plan de trabajo."), code="actividad_ajena")
        for campo, valor in datos.items():
            setattr(actividad, campo, valor.strip() if isinstance(valor, str) else valor)
        actividad.full_clean()
        actividad.save()
        conservadas.add(actividad.pk)
    quitar = [a for pk, a in actuales.items() if pk not in conservadas]
    con_reportes = [a for a in quitar if a.avances.exists()]
    if con_reportes:
        raise ValidationError(
            _("No se puede quitar «%(a)s»: un reporte se refiere a ella.") % {"a": con_reportes[0].descripcion},
            code="actividad_con_reportes")
    for actividad in quitar:
        actividad.delete()
    return plan


@transaction.atomic
def reporte_de_linea_crear(*, seguimiento, autor, texto: str, fecha=None, actividad=None, valor_indicador=None,
                           avance_propuesto: int | None = None, estatus_propuesto: str = "", responde_a=None):
    """A progress report on a line (the engine's report, reviewed like any other) that says
    which activity of the work plan it reports on and the indicator's value reached. With an
    indicator and no percentage given, the percentage proposed is the value against the goal."""
    _exigir_linea(seguimiento)
    plan = PlanDeTrabajo.objects.filter(seguimiento=seguimiento).first()
    if valor_indicador is not None and (plan is None or not plan.indicador):
        raise ValidationError({"valor_indicador": _("El plan de trabajo de la institución no tiene indicador.")},
                              code="sin_indicador")
    if avance_propuesto is None and valor_indicador is not None:
        avance_propuesto = plan.porcentaje_del_indicador(valor_indicador)
    reporte = motor.reporte_crear(seguimiento=seguimiento, autor=autor, texto=texto, fecha=fecha,
                                  responde_a=responde_a, estatus_propuesto=estatus_propuesto,
                                  avance_propuesto=avance_propuesto)
    if actividad is not None or valor_indicador is not None:
        avance = AvanceDeLinea(reporte=reporte, actividad=actividad, valor_indicador=valor_indicador)
        avance.full_clean()
        avance.save()
    return reporte


# Semiannual recommendations ------------------------------------------------------------

@transaction.atomic
def recomendaciones_componer(*, institucion, anio: int, semestre: int, fecha, usuario,
                             recomendaciones: list[dict]) -> ConjuntoRecomendaciones:
    """Coordination composes an institution's recommendations of a semester: each one (dicts
    with ``linea``, ``texto`` and optionally ``plazo_fecha`` and ``observacion``) becomes a
    commitment of that institution, followed up on its own record like any other."""
    _exigir(permisos.puede_emitir_recomendaciones(usuario))
    if not recomendaciones:
        raise ValidationError(_("Escriba al menos una recomendación."), code="sin_recomendaciones")
    conjunto = ConjuntoRecomendaciones(institucion=institucion, anio=anio, semestre=semestre, fecha=fecha,
                                       autor=usuario)
    conjunto.full_clean()
    conjunto.save()
    for numero, datos in enumerate(recomendaciones, start=1):
        observacion = datos.get("observacion")
        if observacion is not None and observacion.seguimiento.institucion_id != institucion.pk:
            raise ValidationError(_("La observación de la recomendación %(n)s no es de esta institución.")
                                  % {"n": numero}, code="observacion_ajena")
        recomendacion = RecomendacionSemestral(
            conjunto=conjunto, numero=numero, linea=datos["linea"], observacion=observacion,
            texto=(datos.get("texto") or "").strip(), plazo_fecha=datos.get("plazo_fecha"),
            tipo=TipoCompromiso.RECOMENDACION_SEMESTRAL)
        recomendacion.full_clean()
        recomendacion.save()
        motor.compromiso_registrar_estatus_inicial(compromiso=recomendacion, usuario=usuario,
                                                   motivo=_("Recomendación emitida."))
        motor.responsable_agregar(compromiso=recomendacion, institucion=institucion, usuario=usuario)
    return conjunto


def destinatarios_de(institucion):
    """The institution's active officers with an e-mail address."""
    from cuentas.models import RolUsuario, Usuario

    return list(Usuario.objects.filter(institucion=institucion, rol=RolUsuario.ENLACE, is_active=True)
                .exclude(email="").order_by("pk"))


@transaction.atomic
def recomendaciones_enviar(*, conjunto: ConjuntoRecomendaciones, usuario, url_base: str = "") -> int:
    """E-mail the recommendations to the institution's officers; returns how many were sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import timezone

    _exigir(permisos.puede_emitir_recomendaciones(usuario))
    destinatarios = destinatarios_de(conjunto.institucion)
    if not destinatarios:
        raise ValidationError(_("La institución no tiene enlaces activos con correo: no se envió nada."),
                              code="sin_destinatarios")
    recomendaciones = list(conjunto.recomendaciones.select_related("linea").order_by("numero"))
    n = len(recomendaciones)
    asunto = ngettext("SNIMH: %(n)s recomendación semestral (%(periodo)s)",
                      "SNIMH: %(n)s recomendaciones semestrales (%(periodo)s)", n) % {"n": n, "periodo": conjunto.periodo}
    cuerpo = render_to_string("programas/correo_recomendaciones.txt", {
        "conjunto": conjunto, "recomendaciones": recomendaciones,
        "url": url_base + conjunto.get_absolute_url()})
    send_mail(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [u.email for u in destinatarios])
    conjunto.enviado_en = timezone.now()
    conjunto.save(update_fields=["enviado_en"])
    return len(destinatarios)


@transaction.atomic
def recomendaciones_acusar(*, conjunto: ConjuntoRecomendaciones, usuario) -> ConjuntoRecomendaciones:
    """An officer of the institution acknowledges receipt (once)."""
    from django.utils import timezone

    _exigir(permisos.puede_acusar_recomendaciones(usuario, conjunto))
    conjunto = ConjuntoRecomendaciones.objects.select_for_update().get(pk=conjunto.pk)
    if conjunto.enviado_en is None:
        raise ValidationError(_("Las recomendaciones aún no se han enviado."), code="no_enviadas")
    if conjunto.acuse_en is not None:
        raise ValidationError(_("Ya se acusó recibo de estas recomendaciones."), code="ya_acusadas")
    conjunto.acuse_en, conjunto.acuse_por = timezone.now(), usuario
    conjunto.full_clean()
    conjunto.save(update_fields=["acuse_en", "acuse_por"])
    return conjunto


# Alignment of other commitments (agreements) to action lines ----------------------------

@transaction.atomic
def alineacion_agregar(*, compromiso, linea: LineaAccion, usuario) -> AlineacionConLinea:
    """Align a commitment (an agreement…) to an action line it contributes to."""
    _exigir(permisos.puede_editar_programas(usuario))
    alineacion = AlineacionConLinea(compromiso=compromiso, linea=linea)
    alineacion.full_clean()
    alineacion.save()
    return alineacion


@transaction.atomic
def alineacion_quitar(*, alineacion: AlineacionConLinea, usuario) -> None:
    _exigir(permisos.puede_editar_programas(usuario))
    alineacion.delete()
