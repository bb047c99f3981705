"""No HTML page and no stack trace ever reaches an API client."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests import archivos
from tests.api.conftest import cliente_api
from tests.conftest import subir

pytestmark = pytest.mark.django_db


def _es_error_json(respuesta, estado, codigo):
    assert respuesta.status_code == estado
    assert respuesta["Content-Type"].startswith("application/json")
    cuerpo = respuesta.json()
    assert cuerpo["codigo"] == codigo, cuerpo
    assert cuerpo["mensaje"] and "Traceback" not in str(cuerpo) and "<html" not in str(cuerpo)
    return cuerpo


def test_ruta_inexistente(mundo):
    _es_error_json(Client().get("/api/v1/no-existe/"), 404, "no_encontrado")
    _es_error_json(cliente_api(mundo.usuarios["consulta"]).get("/api/v1/acuerdos/999999/"), 404, "no_encontrado")


def test_metodo_no_permitido(mundo):
    cuerpo = _es_error_json(cliente_api(mundo.usuarios["coordinacion"]).delete(
        reverse("api:acuerdo-detail", args=[mundo.acuerdo.numero])), 405, "metodo_no_permitido")
    assert "DELETE" in cuerpo["mensaje"]


def test_sin_credenciales_y_token_falso(mundo):
    cuerpo = _es_error_json(Client().get(reverse("api:acuerdo-list")), 401, "no_autenticado")
    assert "credenciales" in cuerpo["mensaje"]
    falso = Client(HTTP_AUTHORIZATION="Token inventado")
    _es_error_json(falso.get(reverse("api:acuerdo-list")), 401, "credenciales_invalidas")


def test_datos_invalidos_con_errores_por_campo(mundo):
    cuerpo = _es_error_json(
        cliente_api(mundo.usuarios["coordinacion"]).post(
            reverse("api:acuerdo-list"), {"numero": mundo.acuerdo.numero, "sesion": 999999, "texto": "<b>x</b>"},
            format="json"),
        400, "datos_invalidos")
    assert "sesion" in cuerpo["errores"]


def test_numero_duplicado_y_html_con_mensaje_del_modelo(mundo):
    cliente = cliente_api(mundo.usuarios["coordinacion"])
    url = reverse("api:acuerdo-list")
    duplicado = {"numero": mundo.acuerdo.numero, "sesion": mundo.acuerdo.sesion_id, "texto": "Otro texto."}
    cuerpo = _es_error_json(cliente.post(url, duplicado, format="json"), 400, "datos_invalidos")
    assert cuerpo["errores"]["numero"] == ["Ya existe un acuerdo con este número."]
    con_html = {**duplicado, "numero": 951, "texto": "<script>x</script>"}
    cuerpo = _es_error_json(cliente.post(url, con_html, format="json"), 400, "datos_invalidos")
    assert cuerpo["errores"]["texto"] == ["No se permiten etiquetas HTML ni código en este campo; escriba texto simple."]


def test_archivo_demasiado_grande(mundo, settings):
    settings.EVIDENCIA_TAMANO_MAXIMO = 1024 * 1024
    respuesta = cliente_api(mundo.usuarios["enlace_propio"]).post(
        reverse("api:evidencia-list"),
        {"seguimiento": mundo.propio.pk, "archivo": subir("grande.pdf", archivos.PDF + b"0" * (3 * 1024 * 1024))},
        format="multipart")
    cuerpo = _es_error_json(respuesta, 413, "archivo_demasiado_grande")
    assert cuerpo["mensaje"] == "El archivo excede el límite de 1 MB."


def test_archivo_rechazado_por_su_contenido(mundo):
    cuerpo = _es_error_json(
        cliente_api(mundo.usuarios["enlace_propio"]).post(
            reverse("api:evidencia-list"), {"seguimiento": mundo.propio.pk, "archivo": subir("oficio.pdf", archivos.EXE)},
            format="multipart"),
        400, "datos_invalidos")
    assert "no es de un formato admitido" in cuerpo["errores"]["archivo"][0]


def test_error_del_servidor_sin_traza(mundo, monkeypatch):
    from acuerdos import api

    def falla(*args, **kwargs):
        raise RuntimeError("detalle interno que no debe verse")

    monkeypatch.setattr(api.AcuerdoListaSerializer, "get_vencido", falla)
    cliente = cliente_api(mundo.usuarios["consulta"])
    cliente.raise_request_exception = False
    respuesta = cliente.get(reverse("api:acuerdo-list"))
    cuerpo = _es_error_json(respuesta, 500, "error_del_servidor")
    assert "detalle interno" not in respuesta.content.decode()
    assert cuerpo["mensaje"] == "Ocurrió un error en el servidor; no se guardó ningún cambio."


def test_limite_de_solicitudes(mundo, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/min"}}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    cache.clear()
    try:
        anonimo = Client()
        estados = [anonimo.get(reverse("api:transparencia-acuerdo-list")).status_code for _ in range(4)]
        assert estados == [200, 200, 200, 429]
        cuerpo = _es_error_json(anonimo.get(reverse("api:transparencia-acuerdo-list")), 429, "demasiadas_solicitudes")
        assert "segundos" in cuerpo["mensaje"]
        cliente = cliente_api(mundo.usuarios["consulta"])
        assert [cliente.get(reverse("api:acuerdo-list")).status_code for _ in range(6)][-1] == 429
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                                   "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"}}
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()


def test_cors_cerrado_por_omision(mundo):
    respuesta = Client().get(reverse("api:transparencia-acuerdo-list"), HTTP_ORIGIN="https://otro-sitio.example")
    assert "Access-Control-Allow-Origin" not in respuesta


def test_cors_abierto_solo_a_origenes_configurados(mundo, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://datos.gob.mx"]
    respuesta = Client().get(reverse("api:transparencia-acuerdo-list"), HTTP_ORIGIN="https://datos.gob.mx")
    assert respuesta["Access-Control-Allow-Origin"] == "https://datos.gob.mx"
    interna = Client().get(reverse("api:acuerdo-list"), HTTP_ORIGIN="https://datos.gob.mx")
    assert "Access-Control-Allow-Origin" not in interna
