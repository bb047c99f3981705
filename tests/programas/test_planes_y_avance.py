"""Work plans (agreement 49), reports that refer to them, quantitative and qualitative
progress, and the roll-ups per line, strategy, objective and institution."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from compromisos import services as motor
from compromisos.models import Seguimiento
from cuentas.models import RolUsuario
from programas import selectors, services
from programas.models import Actividad, PlanDeTrabajo
from tests.factories import UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db

HOY = datetime.date.today()


@pytest.fixture
def datos(db):
    p = construir_programa(objetivos=2, estrategias=1, lineas=2)  # 4 lines, 2 implementing institutions each
    seguimiento = p.lineas[0].seguimientos.first()
    return {"p": p, "seguimiento": seguimiento,
            "coordinacion": UsuarioFactory(rol=RolUsuario.COORDINACION),
            "enlace": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=seguimiento.institucion)}


def _actividad(n):
    return {"descripcion": f"Actividad de prueba {n}", "fecha_inicio": HOY, "fecha_fin": HOY + datetime.timedelta(days=30),
            "producto_esperado": f"Producto de prueba {n}"}


def test_el_plan_de_trabajo_y_un_reporte_con_indicador(datos):
    seguimiento, enlace = datos["seguimiento"], datos["enlace"]
    plan = services.plan_guardar(seguimiento=seguimiento, usuario=enlace, indicador="Personas capacitadas",
                                 meta_indicador=Decimal("200"), actividades=[_actividad(1), _actividad(2)])
    assert plan.actividades.count() == 2
    actividad = plan.actividades.first()
    reporte = services.reporte_de_linea_crear(seguimiento=seguimiento, autor=enlace, texto="Se capacitó a 50 personas.",
                                              actividad=actividad, valor_indicador=Decimal("50"))
    # Quantitative: 50 of 200 is proposed as 25 %; qualitative: the report's text.
    assert reporte.avance_propuesto == 25
    assert reporte.avance_de_linea.actividad == actividad
    motor.reporte_revisar(reporte=reporte, usuario=datos["coordinacion"], decision="aceptado", confirmar_propuesta=True)
    seguimiento.refresh_from_db()
    assert seguimiento.avance == 25
    # An activity a report refers to cannot be taken out of the plan.
    with pytest.raises(ValidationError, match="un reporte se refiere a ella"):
        services.plan_guardar(seguimiento=seguimiento, usuario=enlace, actividades=[_actividad(3)])
    # Editing keeps the activities by id.
    services.plan_guardar(seguimiento=seguimiento, usuario=enlace, indicador="Personas capacitadas",
                          meta_indicador=Decimal("200"),
                          actividades=[{**_actividad(1), "id": actividad.pk, "descripcion": "Corregida"}])
    assert list(Actividad.objects.filter(plan=plan).values_list("descripcion", flat=True)) == ["Corregida"]


def test_validaciones_del_plan(datos):
    seguimiento, enlace = datos["seguimiento"], datos["enlace"]
    with pytest.raises(ValidationError, match="Un indicador necesita una meta"):
        services.plan_guardar(seguimiento=seguimiento, usuario=enlace, indicador="Algo", actividades=[])
    with pytest.raises(ValidationError, match="no puede terminar antes de empezar"):
        services.plan_guardar(seguimiento=seguimiento, usuario=enlace,
                              actividades=[{**_actividad(1), "fecha_fin": HOY - datetime.timedelta(days=1)}])
    otro = Seguimiento.objects.exclude(institucion=enlace.institucion).filter(compromiso__tipo="linea_accion").first()
    with pytest.raises(PermissionDenied):
        services.plan_guardar(seguimiento=otro, usuario=enlace, actividades=[])
    with pytest.raises(ValidationError, match="no tiene indicador"):
        services.reporte_de_linea_crear(seguimiento=seguimiento, autor=enlace, texto="x", valor_indicador=Decimal("1"))
    ajeno = services.plan_guardar(seguimiento=otro, usuario=datos["coordinacion"], actividades=[_actividad(9)])
    with pytest.raises(ValidationError, match="no es del plan de trabajo de esta institución"):
        services.reporte_de_linea_crear(seguimiento=seguimiento, autor=enlace, texto="x",
                                        actividad=ajeno.actividades.get())
    plan = PlanDeTrabajo.objects.get(seguimiento=otro)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanDeTrabajo.objects.filter(pk=plan.pk).update(indicador="Sin meta")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actividad.objects.filter(plan=plan).update(fecha_fin=HOY - datetime.timedelta(days=400))


def test_los_agregados_coinciden_con_un_conteo_a_mano(datos):
    p, coordinacion = datos["p"], datos["coordinacion"]
    registros = list(Seguimiento.objects.filter(compromiso__linea_accion__estrategia__objetivo__programa=p.programa)
                     .order_by("pk"))
    assert len(registros) == 8
    # Objective 1 (lines 1.1.1, 1.1.2): 4 records → 100 (complied), 40, no progress, 20.
    motor.seguimiento_cambiar_estatus(seguimiento=registros[0], usuario=coordinacion, estatus="cumplido",
                                      fecha=HOY, motivo="Prueba", version=registros[0].version)
    for registro, avance in ((registros[1], 40), (registros[3], 20), (registros[4], 80)):
        Seguimiento.objects.filter(pk=registro.pk).update(avance=avance)
    por_objetivo = {f["numero"]: f for f in selectors.avance_por_objetivo(programa=p.programa)}
    assert (por_objetivo[1]["total"], por_objetivo[1]["cumplidos"], por_objetivo[1]["con_avance"],
            por_objetivo[1]["promedio"]) == (4, 1, 3, round((100 + 40 + 20) / 3))
    assert (por_objetivo[2]["con_avance"], por_objetivo[2]["promedio"]) == (1, 80)
    por_institucion = selectors.avance_por_institucion(programa=p.programa)
    assert sum(f["total"] for f in por_institucion) == 8
    por_estrategia = selectors.avance_por_estrategia(programa=p.programa)
    assert [f["numero"] for f in por_estrategia] == ["1.1", "2.1"]
    # The line's own roll-up agrees with the objective's for a line alone.
    linea = p.lineas[0]
    assert linea.avance_de_seguimientos()["promedio"] == round(sum(
        100 if s.estatus == "cumplido" else s.avance for s in linea.seguimientos.all()
        if s.estatus == "cumplido" or s.avance is not None) / linea.avance_de_seguimientos()["con_avance"])


def test_paginas_del_plan_del_reporte_y_del_tablero(client, datos):
    seguimiento, enlace = datos["seguimiento"], datos["enlace"]
    client.force_login(enlace)
    url = reverse("programas:plan", args=[seguimiento.pk])
    assert "aún no registra actividades" in client.get(url).content.decode()
    respuesta = client.post(url, {
        "indicador": "Talleres", "meta_indicador": "10", "actividades-TOTAL_FORMS": "1",
        "actividades-INITIAL_FORMS": "0", "actividades-0-descripcion": "Taller de prueba",
        "actividades-0-fecha_inicio": HOY.isoformat(), "actividades-0-fecha_fin": HOY.isoformat(),
        "actividades-0-producto_esperado": "Memoria del taller"})
    assert respuesta.status_code == 302
    actividad = Actividad.objects.get()
    respuesta = client.post(reverse("programas:reportar", args=[seguimiento.pk]), {
        "fecha": HOY.isoformat(), "texto": "Se impartieron 5 talleres.", "actividad": actividad.pk,
        "valor_indicador": "5"})
    assert respuesta.status_code == 302
    assert seguimiento.reportes.get().avance_propuesto == 50
    assert "Taller de prueba" in client.get(url).content.decode()
    pagina = client.get(reverse("programas:tablero", args=[datos["p"].programa.clave])).content.decode()
    assert "Estatus de las instrumentadoras por objetivo" in pagina and "<svg" in pagina
    # Another institution's officer neither reads nor writes this plan.
    client.force_login(UsuarioFactory(rol=RolUsuario.ENLACE, institucion=[
        i for i in datos["p"].instituciones if i.pk not in (
            seguimiento.institucion_id, seguimiento.compromiso.linea_accion.coordinadora_id)][0]))
    assert client.get(url).status_code == 403
    assert client.get(reverse("programas:reportar", args=[seguimiento.pk])).status_code == 403
