"""Semiannual recommendations: composed per institution and semester from action lines,
e-mailed to its officers, acknowledged, and each followed up like any commitment."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from compromisos import services as motor
from compromisos.models import Seguimiento
from cuentas.models import RolUsuario
from programas import services
from programas.models import ConjuntoRecomendaciones, RecomendacionSemestral
from tests.factories import UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db
HOY = datetime.date.today()


@pytest.fixture
def datos(db):
    p = construir_programa(objetivos=1, estrategias=1, lineas=2)
    institucion = p.lineas[0].seguimientos.first().institucion
    return {"p": p, "institucion": institucion,
            "coordinacion": UsuarioFactory(rol=RolUsuario.COORDINACION),
            "enlace": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=institucion, email="enlace@ejemplo.gob.mx"),
            "ajeno": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=p.lineas[0].coordinadora)}


def _componer(d, **extra):
    return services.recomendaciones_componer(
        institucion=d["institucion"], anio=HOY.year, semestre=1, fecha=HOY, usuario=d["coordinacion"],
        recomendaciones=[{"linea": d["p"].lineas[0], "texto": "Recomendación de prueba: incluir metas."},
                         {"linea": d["p"].lineas[1], "texto": "Recomendación de prueba: reportar cada mes.",
                          "plazo_fecha": HOY + datetime.timedelta(days=60)}], **extra)


def test_componer_enviar_acusar_y_seguir(client, datos):
    conjunto = _componer(datos)
    recomendaciones = list(conjunto.recomendaciones.order_by("numero"))
    assert [r.tipo for r in recomendaciones] == ["recomendacion_semestral"] * 2
    assert [list(r.seguimientos.values_list("institucion", flat=True)) for r in recomendaciones] == [
        [datos["institucion"].pk]] * 2
    # E-mailed to the institution's officers.
    assert services.recomendaciones_enviar(conjunto=conjunto, usuario=datos["coordinacion"]) == 1
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["enlace@ejemplo.gob.mx"]
    assert correo.subject == f"SNIMH: 2 recomendaciones semestrales ({HOY.year}, enero–junio)"
    assert "Recomendación de prueba: incluir metas." in correo.body and "/programas/recomendaciones/" in correo.body
    # The officer finds them in its inbox, labelled by kind, and acknowledges them.
    client.force_login(datos["enlace"])
    pagina = client.get(reverse("compromisos:pendientes")).content.decode()
    assert f"Recomendación {HOY.year}-1 n.º 1" in pagina
    assert client.post(conjunto.get_absolute_url(), {"acusar": "1"}).status_code == 302
    conjunto.refresh_from_db()
    assert conjunto.acuse_por == datos["enlace"]
    with pytest.raises(ValidationError, match="Ya se acusó recibo"):
        services.recomendaciones_acusar(conjunto=conjunto, usuario=datos["enlace"])
    # Followed up like any commitment: a report, accepted as complied with.
    seguimiento = Seguimiento.objects.get(compromiso=recomendaciones[0])
    reporte = motor.reporte_crear(seguimiento=seguimiento, autor=datos["enlace"], texto="Se incluyeron metas.",
                                  estatus_propuesto="cumplido")
    motor.reporte_revisar(reporte=reporte, usuario=datos["coordinacion"], decision="aceptado", confirmar_propuesta=True)
    seguimiento.refresh_from_db()
    assert seguimiento.estatus == "cumplido"
    assert "Cumplido" in client.get(conjunto.get_absolute_url()).content.decode()


def test_permisos_y_validaciones(client, datos):
    with pytest.raises(PermissionDenied):
        services.recomendaciones_componer(institucion=datos["institucion"], anio=HOY.year, semestre=1, fecha=HOY,
                                          usuario=datos["enlace"], recomendaciones=[])
    conjunto = _componer(datos)
    with pytest.raises(ValidationError, match="ya tiene recomendaciones de ese semestre"):
        _componer(datos)
    with pytest.raises(ValidationError, match="aún no se han enviado"):
        services.recomendaciones_acusar(conjunto=conjunto, usuario=datos["enlace"])
    with pytest.raises(PermissionDenied):
        services.recomendaciones_acusar(conjunto=conjunto, usuario=datos["ajeno"])
    client.force_login(datos["ajeno"])
    assert client.get(conjunto.get_absolute_url()).status_code == 403
    assert "No hay recomendaciones semestrales." in client.get(reverse("programas:recomendaciones")).content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConjuntoRecomendaciones.objects.filter(pk=conjunto.pk).update(semestre=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConjuntoRecomendaciones.objects.filter(pk=conjunto.pk).update(acuse_por=datos["enlace"])
    assert RecomendacionSemestral.objects.count() == 2


def test_paginas_de_recomendaciones(client, datos):
    client.force_login(datos["coordinacion"])
    url = reverse("programas:recomendaciones_nuevas")
    assert client.get(url).status_code == 200
    respuesta = client.post(url, {
        "institucion": datos["institucion"].pk, "anio": HOY.year, "semestre": 2, "fecha": HOY.isoformat(),
        "recomendaciones-TOTAL_FORMS": "2", "recomendaciones-INITIAL_FORMS": "0",
        "recomendaciones-MIN_NUM_FORMS": "1", "recomendaciones-MAX_NUM_FORMS": "1000",
        "recomendaciones-0-linea": datos["p"].lineas[0].pk, "recomendaciones-0-texto": "Recomendación de prueba.",
        "recomendaciones-0-plazo_fecha": ""})
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    conjunto = ConjuntoRecomendaciones.objects.get()
    assert client.post(conjunto.get_absolute_url(), {"enviar": "1"}).status_code == 302
    assert len(mail.outbox) == 1
    pagina = client.get(reverse("programas:recomendaciones")).content.decode()
    assert f"{HOY.year}, julio–diciembre" in pagina


def test_api_de_recomendaciones(datos):
    from rest_framework.test import APIClient

    conjunto = _componer(datos)
    api = APIClient()
    api.force_authenticate(datos["enlace"])
    lista = api.get(reverse("api:recomendaciones-semestrales-list")).json()
    assert lista["count"] == 1
    fila = lista["results"][0]
    assert (fila["id"], fila["semestre"], [r["linea"] for r in fila["recomendaciones"]]) == (
        conjunto.pk, 1, [datos["p"].lineas[0].numero, datos["p"].lineas[1].numero])
    assert fila["recomendaciones"][0]["seguimiento"] == Seguimiento.objects.get(
        compromiso=conjunto.recomendaciones.get(numero=1)).pk
    api.force_authenticate(datos["ajeno"])
    assert api.get(reverse("api:recomendaciones-semestrales-list")).json()["count"] == 0
