"""Each institution's status changes are dated, explained and signed like the agreement's;
officers propose a status and a progress that coordination confirms or rejects."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from acuerdos import services
from compromisos.models import DecisionPropuesta, Estatus, Reporte, Seguimiento
from tests import archivos
from tests.conftest import subir
from tests.factories import SesionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_cambio_de_estatus_de_institucion_en_el_historial(mundo, client):
    coordinacion = mundo.usuarios["coordinacion"]
    services.seguimiento_cambiar_estatus(
        seguimiento=mundo.propio, estatus=Estatus.EN_PROCESO, usuario=coordinacion, version=mundo.propio.version,
        motivo="Inició la difusión.", fecha=D(2020, 6, 1),
    )
    cambio = mundo.propio.historial_estatus.get()
    assert (cambio.anterior, cambio.nuevo, cambio.fecha, cambio.usuario) == (
        Estatus.SIN_INICIAR, Estatus.EN_PROCESO, D(2020, 6, 1), coordinacion)
    client.force_login(mundo.usuarios["consulta"])
    pagina = client.get(reverse("acuerdos:detalle", args=[mundo.acuerdo.numero])).content.decode()
    historial = pagina[pagina.index("Historial de estatus"):]
    assert "1 de junio de 2020" in historial and "PROPIA:" in historial and "Inició la difusión." in historial


@pytest.mark.parametrize(("fecha", "mensaje"), [
    (D(2020, 4, 1), "El cambio no puede ser anterior a la sesión que adoptó el acuerdo."),
    (timezone.localdate() + datetime.timedelta(days=1), "El cambio no puede tener fecha futura."),
])
def test_fecha_del_cambio_de_institucion(mundo, fecha, mensaje):
    with pytest.raises(ValidationError) as error:
        services.seguimiento_cambiar_estatus(
            seguimiento=mundo.propio, estatus=Estatus.CUMPLIDO, usuario=mundo.usuarios["coordinacion"],
            version=mundo.propio.version, motivo="Cumplió.", fecha=fecha)
    assert mensaje in error.value.messages
    assert Seguimiento.objects.get(pk=mundo.propio.pk).estatus == Estatus.SIN_INICIAR


def test_sin_motivo_no_hay_cambio(mundo):
    with pytest.raises(ValidationError) as error:
        services.seguimiento_cambiar_estatus(seguimiento=mundo.propio, estatus=Estatus.CUMPLIDO,
                                             usuario=mundo.usuarios["coordinacion"], version=mundo.propio.version,
                                             motivo="  ")
    assert "Indique el motivo del cambio de estatus." in error.value.messages


def _reporte_con_propuesta(mundo, **extra):
    return services.reporte_crear(
        seguimiento=mundo.propio, autor=mundo.usuarios["enlace_propio"], texto="Publicamos el pronunciamiento.",
        fecha=D(2020, 8, 1), estatus_propuesto=Estatus.CUMPLIDO, avance_propuesto=100, **extra)


def test_propuesta_confirmada_cambia_estatus_y_avance(mundo):
    reporte = _reporte_con_propuesta(mundo)
    services.reporte_revisar(reporte=reporte, usuario=mundo.usuarios["coordinacion"], decision="aceptado",
                             confirmar_propuesta=True)
    seguimiento = Seguimiento.objects.get(pk=mundo.propio.pk)
    assert (seguimiento.estatus, seguimiento.avance) == (Estatus.CUMPLIDO, 100)
    assert Reporte.objects.get(pk=reporte.pk).decision_propuesta == DecisionPropuesta.CONFIRMADA
    cambio = seguimiento.historial_estatus.get()
    assert "reporte del 01/08/2020" in cambio.motivo and cambio.usuario == mundo.usuarios["coordinacion"]


@pytest.mark.parametrize(("decision", "confirmar"), [("aceptado", False), ("devuelto", True)])
def test_propuesta_rechazada_no_cambia_nada(mundo, decision, confirmar):
    reporte = _reporte_con_propuesta(mundo)
    services.reporte_revisar(reporte=reporte, usuario=mundo.usuarios["coordinacion"], decision=decision,
                             observacion="Falta el oficio.", confirmar_propuesta=confirmar)
    seguimiento = Seguimiento.objects.get(pk=mundo.propio.pk)
    assert (seguimiento.estatus, seguimiento.avance) == (Estatus.SIN_INICIAR, None)
    assert Reporte.objects.get(pk=reporte.pk).decision_propuesta == DecisionPropuesta.RECHAZADA


def test_la_base_de_datos_exige_decidir_la_propuesta_al_revisar(mundo):
    from django.db import IntegrityError, transaction

    reporte = _reporte_con_propuesta(mundo)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reporte.objects.filter(pk=reporte.pk).update(
            estado_revision="aceptado", revisado_por=mundo.usuarios["coordinacion"], revisado_en=timezone.now())


def test_avance_promedio_en_la_pagina_del_acuerdo(mundo, client):
    coordinacion = mundo.usuarios["coordinacion"]
    reporte = services.reporte_crear(seguimiento=mundo.propio, autor=mundo.usuarios["enlace_propio"],
                                     texto="Vamos a la mitad.", fecha=D(2020, 8, 1), avance_propuesto=50)
    services.reporte_revisar(reporte=reporte, usuario=coordinacion, decision="aceptado", confirmar_propuesta=True)
    services.seguimiento_cambiar_estatus(seguimiento=mundo.ajeno, estatus=Estatus.CUMPLIDO, usuario=coordinacion,
                                         version=mundo.ajeno.version, motivo="Acreditado.")
    client.force_login(coordinacion)
    pagina = client.get(reverse("acuerdos:detalle", args=[mundo.acuerdo.numero])).content.decode()
    assert "Avance promedio: 75 % (2 instituciones con avance conocido)." in pagina


def test_el_enlace_propone_desde_la_pagina(mundo, client):
    client.force_login(mundo.usuarios["enlace_propio"])
    respuesta = client.post(reverse("acuerdos:reporte_nuevo", args=[mundo.propio.pk]), {
        "fecha": "2020-09-01", "texto": "Concluimos.", "estatus_propuesto": "cumplido", "avance_propuesto": "100",
    })
    assert respuesta.status_code == 302
    reporte = Reporte.objects.get(texto="Concluimos.")
    assert (reporte.estatus_propuesto, reporte.avance_propuesto) == ("cumplido", 100)
    client.force_login(mundo.usuarios["coordinacion"])
    cola = client.get(reverse("acuerdos:revision")).content.decode()
    assert "Propone:" in cola and "confirmar_propuesta" in cola


def test_reporte_anterior_a_la_sesion_se_rechaza(mundo):
    with pytest.raises(ValidationError) as error:
        services.reporte_crear(seguimiento=mundo.propio, autor=mundo.usuarios["enlace_propio"], texto="Antes.",
                               fecha=D(2020, 1, 10))
    assert error.value.message_dict["fecha"] == [
        "La fecha del avance no puede ser anterior a la sesión que adoptó el acuerdo (24/04/2020)."]


def test_evidencia_antes_de_la_sesion_se_rechaza(mundo, coordinacion):
    futura = SesionFactory(fecha=timezone.localdate() + datetime.timedelta(days=10), estado="programada")
    acuerdo = services.acuerdo_crear(sesion=futura, numero=990, texto="Para votarse.",
                                     instituciones=[mundo.propio.institucion])
    seguimiento = acuerdo.seguimientos.get()
    with pytest.raises(ValidationError) as error:
        services.evidencia_subir(seguimiento=seguimiento, autor=mundo.usuarios["enlace_propio"],
                                 archivo=subir("oficio.pdf", archivos.PDF))
    assert "no se reciben evidencias antes de esa fecha" in error.value.messages[0]
    assert not seguimiento.evidencias.exists()
