"""Schema and behaviour agree (issue 14, item 10): what the attack run's fuzzing found, case by
case. The fuzzing itself, with every check, is tests/api/test_esquema.py."""

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from tests.api.conftest import cliente_api

pytestmark = pytest.mark.django_db


def _parametros(esquema, ruta, metodo="get"):
    return {p["name"]: p for p in esquema["paths"][ruta][metodo].get("parameters", [])}


@pytest.fixture
def esquema():
    return yaml.safe_load(Client().get("/api/schema/").content)


def test_el_esquema_acota_paginas_e_ids(esquema):
    lista = _parametros(esquema, "/api/v1/acuerdos/")
    assert lista["pagina"]["schema"] == {"type": "integer", "minimum": 1}
    assert lista["tamano"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}
    assert lista["anio"]["schema"]["minimum"] == 1
    assert _parametros(esquema, "/api/v1/evidencias/{id}/")["id"]["schema"]["minimum"] == 1
    assert _parametros(esquema, "/api/v1/acuerdos/{numero}/")["numero"]["schema"] == {
        "type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    # Filters by id are integers, whatever django-filter's DecimalField would say.
    assert _parametros(esquema, "/api/v1/evidencias/")["seguimiento"]["schema"]["type"] == "integer"
    assert "409" in esquema["paths"]["/api/v1/reportes/{id}/revision/"]["post"]["responses"]


@pytest.mark.parametrize("parametros", ["tamano=null", "tamano=false", "tamano=105198405", "tamano=0", "tamano=",
                                      "tamano=2.5", "pagina=0", "pagina=-1", "pagina=uno", "pagina="])
def test_paginacion_fuera_de_rango_es_400(mundo, parametros):
    respuesta = cliente_api(mundo.usuarios["coordinacion"]).get(f"{reverse('api:acuerdo-list')}?{parametros}")
    assert respuesta.status_code == 400, parametros
    cuerpo = respuesta.json()
    assert cuerpo["codigo"] == "datos_invalidos" and parametros.split("=")[0] in cuerpo["errores"]


def test_paginacion_valida(mundo):
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    assert cliente.get(reverse("api:acuerdo-list"), {"tamano": 100, "pagina": 1}).status_code == 200
    # A page past the last one does not exist: 404, as documented.
    assert cliente.get(reverse("api:acuerdo-list"), {"pagina": 999}).status_code == 404


@pytest.mark.parametrize("parametros", ["activa=null", "activa=1", "activa="])
def test_booleanos_estrictos(mundo, parametros):
    respuesta = cliente_api(mundo.usuarios["consulta"]).get(f"{reverse('api:institucion-list')}?{parametros}")
    assert respuesta.status_code == 400, parametros


def test_filtro_por_id_inexistente_es_una_lista_vacia(mundo):
    """A well-formed id that exists nowhere is not a 400 the schema cannot announce."""
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    for ruta, parametros in (("api:evidencia-list", {"seguimiento": 999999}),
                             ("api:seguimiento-list", {"institucion": 999999}),
                             ("api:acuerdo-list", {"institucion": 999999, "objetivo": 999999})):
        respuesta = cliente.get(reverse(ruta), parametros)
        assert (respuesta.status_code, respuesta.json()["count"]) == (200, 0), ruta
    assert cliente.get(reverse("api:evidencia-list"), {"seguimiento__acuerdo__numero": "0.5"}).status_code == 400


def test_revisar_dos_veces_es_un_conflicto_documentado(mundo):
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    url = reverse("api:reporte-revision", args=[mundo.reporte.pk])
    assert cliente.post(url, {"decision": "aceptado"}, format="json").status_code == 200
    respuesta = cliente.post(url, {"decision": "aceptado"}, format="json")
    assert respuesta.status_code == 409
    assert respuesta.json() == {"codigo": "conflicto_de_estado", "mensaje": "Este elemento ya fue revisado."}


def test_trace_es_405(mundo):
    for cliente, ruta in ((cliente_api(None), reverse("api:transparencia-acuerdo-list")),
                          (cliente_api(mundo.usuarios["coordinacion"]), reverse("api:acuerdo-list")),
                          (cliente_api(mundo.usuarios["consulta"]), reverse("api:evidencia-detail",
                                                                              args=[mundo.evidencia.pk]))):
        respuesta = cliente.generic("TRACE", ruta)
        assert respuesta.status_code == 405, ruta
        assert "GET" in respuesta["Allow"] and "TRACE" not in respuesta["Allow"]
    # Writing to the public, read-only endpoint: not allowed (405), rather than forbidden (403).
    assert cliente_api(None).post(reverse("api:transparencia-acuerdo-list"), {}).status_code == 405


def test_id_cero_no_existe(mundo):
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    assert cliente.get(reverse("api:evidencia-detail", args=[0])).status_code == 404
    assert cliente.get("/api/v1/acuerdos/0/").status_code == 404


def test_json_con_tipos_del_esquema(mundo):
    """JSON values must already have the declared type: DRF alone would take 0 for false and
    a number for a text."""
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    url = reverse("api:reporte-revision", args=[mundo.reporte.pk])
    respuesta = cliente.post(url, {"decision": "aceptado", "confirmar_propuesta": 0}, format="json")
    assert respuesta.status_code == 400
    assert respuesta.json()["errores"] == {"confirmar_propuesta": ["Tipo de dato no válido: se esperaba true o false."]}
    respuesta = cliente.post(reverse("api:evidencia-retiro", args=[mundo.evidencia.pk]), {"motivo": 0}, format="json")
    assert respuesta.json()["errores"] == {"motivo": ["Tipo de dato no válido: se esperaba texto."]}
    respuesta = cliente.patch(reverse("api:acuerdo-detail", args=[mundo.acuerdo.numero]),
                              {"version": "1", "instituciones": ["3"]}, format="json")
    assert respuesta.json()["errores"] == {"version": ["Tipo de dato no válido: se esperaba un número entero."],
                                           "instituciones": ["Tipo de dato no válido: se esperaba un número entero."]}
    # Nothing changed, and the well-typed request goes through.
    mundo.reporte.refresh_from_db()
    assert mundo.reporte.estado_revision == "pendiente"
    assert cliente.post(url, {"decision": "aceptado", "confirmar_propuesta": False}, format="json").status_code == 200


def test_escrituras_sin_archivo_solo_en_json(mundo):
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    respuesta = cliente.post(reverse("api:reporte-revision", args=[mundo.reporte.pk]), {"decision": "aceptado"})
    assert respuesta.status_code == 415
    mundo.reporte.refresh_from_db()
    assert mundo.reporte.estado_revision == "pendiente"


def test_la_version_se_exige_y_el_esquema_lo_dice(mundo, esquema):
    respuesta = cliente_api(mundo.usuarios["coordinacion"]).patch(
        reverse("api:acuerdo-detail", args=[mundo.acuerdo.numero]), {}, format="json")
    assert respuesta.status_code == 400
    assert respuesta.json()["errores"] == {"version": ["Indique la versión del acuerdo que leyó."]}
    cuerpo = esquema["paths"]["/api/v1/acuerdos/{numero}/"]["patch"]["requestBody"]
    assert list(cuerpo["content"]) == ["application/json"]
    nombre = cuerpo["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert esquema["components"]["schemas"][nombre]["required"] == ["version"]


@pytest.mark.parametrize("ruta", ["/api/v1/instituciones/null,null/", "/api/v1/sesiones/1.5/",
                                  "/api/v1/representantes/-3/"])
def test_ids_que_no_son_numeros_son_404_en_json(mundo, ruta):
    respuesta = cliente_api(mundo.usuarios["coordinacion"]).patch(ruta, {}, format="json")
    assert respuesta.status_code == 404
    assert respuesta.json()["codigo"] == "no_encontrado"


def test_numero_de_sesion_fuera_de_rango_se_senala_en_su_campo(mundo):
    sesion = mundo.acuerdo.sesion
    respuesta = cliente_api(mundo.usuarios["coordinacion"]).patch(
        reverse("api:sesion-detail", args=[sesion.pk]), {"numero": 0, "total_integrantes": 0}, format="json")
    assert respuesta.status_code == 400
    # The bounds come from the model's validators, as DRF words them.
    assert respuesta.json()["errores"] == {"numero": ["Asegúrese de que este valor es mayor o igual a 1."],
                                           "total_integrantes": ["Asegúrese de que este valor es mayor o igual a 1."]}
    sesion.refresh_from_db()
    assert sesion.numero >= 1
