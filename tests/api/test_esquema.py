"""The OpenAPI contract: valid, complete, served locally, and kept by the implementation.

Schema fuzzing runs every operation of /api/schema/ in-process (WSGI) with
anonymous and authenticated clients: no 5xx and no response outside the schema.
The number of examples is fixed so that CI stays fast and reproducible.
"""

import re

import pytest
import schemathesis
import yaml
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cuentas.models import TokenAPI

pytestmark = pytest.mark.django_db

EJEMPLOS_POR_OPERACION = 12


def _esquema():
    respuesta = Client().get("/api/schema/")
    assert respuesta.status_code == 200
    return yaml.safe_load(respuesta.content)


def test_el_esquema_es_openapi_3_valido():
    esquema = _esquema()
    assert esquema["openapi"].startswith("3.")
    validate(esquema)


def test_todo_esta_documentado_en_espanol():
    esquema = _esquema()
    operaciones = [op for ops in esquema["paths"].values() for metodo, op in ops.items() if metodo in {"get", "post"}]
    assert len(operaciones) >= 25
    for operacion in operaciones:
        assert operacion.get("summary"), operacion["operationId"]
        for parametro in operacion.get("parameters", []):
            assert parametro.get("description"), (operacion["operationId"], parametro["name"])
        for codigo, respuesta in operacion["responses"].items():
            assert respuesta.get("description"), (operacion["operationId"], codigo)
        assert {"400", "404", "500"} <= set(operacion["responses"])
    for nombre, enum in esquema["components"]["schemas"].items():
        if "enum" in enum:
            assert enum.get("description"), nombre
    assert "Cumplido" in esquema["components"]["schemas"]["EstatusEnum"]["description"]


@pytest.mark.parametrize("ruta", ["/api/docs/"])
def test_visores_servidos_desde_los_estaticos_del_proyecto(ruta):
    pagina = Client().get(ruta).content.decode()
    recursos = re.findall(r'(?:src|href)="([^"]+)"', pagina)
    assert recursos, pagina
    for recurso in recursos:
        assert not recurso.startswith(("http://", "https://", "//")), recurso
    assert any("drf_spectacular_sidecar" in r for r in recursos)


def _operaciones():
    """Every (method, path) of the schema, read at collection time (no database needed)."""
    from drf_spectacular.generators import SchemaGenerator

    esquema = SchemaGenerator().get_schema(request=None, public=True)
    return [(metodo.upper(), ruta) for ruta, ops in esquema["paths"].items() for metodo in ops
            if metodo in {"get", "post", "put", "patch", "delete"}]


@pytest.fixture
def app_wsgi(db):
    """The app as a WSGI callable, as Django's test client runs it.

    Like the test client, keep the connection open between requests: a request
    must not close the test's transaction.
    """
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


VERIFICACIONES = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def credenciales(mundo):
    """Headers of each client every generated case is sent as."""
    encabezados = {"anonimo": {}}
    for rol in ("coordinacion", "enlace_propio"):
        _token, clave = TokenAPI.emitir(usuario=mundo.usuarios[rol], nombre="schemathesis")
        encabezados[rol] = {"Authorization": f"Token {clave}"}
    return encabezados


@pytest.mark.parametrize(("metodo", "ruta"), _operaciones(), ids=lambda v: v)
def test_fuzzing_contra_el_esquema(app_wsgi, credenciales, metodo, ruta):
    """schemathesis generates requests for the operation from its schema and sends each one
    as an anonymous client, as coordination and as an officer."""
    esquema = schemathesis.openapi.from_wsgi("/api/schema/", app_wsgi)
    operacion = esquema[ruta][metodo]

    @settings(
        max_examples=EJEMPLOS_POR_OPERACION, deadline=None, derandomize=True, database=None,
        phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
    )
    @given(case=operacion.as_strategy())
    def ejecutar(case):
        for encabezados in credenciales.values():
            case.call_and_validate(headers=encabezados, checks=VERIFICACIONES)

    ejecutar()
