"""The OpenAPI contract: valid, complete, served locally, and kept by the implementation.

Schemathesis runs against the live server as an outside client would (`st run --checks all`):
its engine with every built-in check, every phase (coverage of boundaries and undeclared
methods, fuzzing with valid and invalid data, stateful sequences), once per role —
anonymous, coordination, an officer and consulta — and must find zero failures. Seed,
examples and steps are fixed, so runs are reproducible and take about a minute per role.
"""

import re

import pytest
import schemathesis
import yaml
from django.test import Client
from openapi_spec_validator import validate
from schemathesis.checks import CHECKS, is_check_class, load_all_checks
from schemathesis.engine import events, from_schema

from cuentas.models import TokenAPI

pytestmark = pytest.mark.django_db


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


ROLES = ["anonimo", "coordinacion", "enlace_propio", "consulta"]
# Writes can be well formed and still refer to a record that does not exist, break a rule of
# the record's history (a date before the session, a future date), repeat a name that must
# be unique or carry a file whose content is refused: those answer 400 with the reasons per
# field, which no schema can announce (it cannot list existing ids or judge a file). For POST
# and PATCH operations 400 is an expected answer to schema-valid data; everything else keeps
# the defaults.
RESPUESTAS_DE_ESCRITURA = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]


def _configuracion(encabezados):
    return schemathesis.Config.from_dict({
        "seed": 14, "workers": 1, "headers": encabezados,
        "generation": {"mode": "all", "max-examples": 8, "deterministic": True, "database": "none"},
        "phases": {"stateful": {"max-steps": 6}},
        "operations": [{"include-method": metodo, "checks": {
            "positive_data_acceptance": {"expected-statuses": RESPUESTAS_DE_ESCRITURA}}} for metodo in ("POST", "PATCH")],
    })


def _ejecutar(esquema):
    """Run the engine; ``(cases, failures, errors)``."""
    casos, fallas, errores = 0, {}, []
    for evento in from_schema(esquema).execute():
        if isinstance(evento, events.ScenarioFinished | events.FuzzScenarioFinished):
            casos += len(evento.recorder.cases)
            for nodos in evento.recorder.checks.values():
                for nodo in nodos:
                    if nodo.failure_info is not None:
                        falla = nodo.failure_info.failure
                        fallas.setdefault((falla.operation, falla.title), nodo.failure_info.code_sample)
        elif isinstance(evento, events.NonFatalError):
            errores.append(f"{evento.label}: {evento.value!r}")
        elif isinstance(evento, events.FatalError):
            errores.append(repr(evento.exception))
        elif isinstance(evento, events.EngineFinished):
            for falla in evento.failures:
                fallas.setdefault((falla.operation, falla.title), falla.message)
    return casos, fallas, errores


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rol", ROLES)
def test_fuzzing_con_todas_las_verificaciones(mundo, live_server, rol, record_property):
    encabezados = {}
    if mundo.usuarios[rol] is not None:
        _token, clave = TokenAPI.emitir(usuario=mundo.usuarios[rol], nombre="schemathesis")
        encabezados = {"Authorization": f"Token {clave}"}
    esquema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", config=_configuracion(encabezados))
    # Every check schemathesis has (`--checks all`), none switched off.
    load_all_checks()
    configuradas = esquema.config.checks_config_for()
    funciones = [c for c in CHECKS.get_all() if not is_check_class(c)]
    assert len(funciones) >= 14
    assert all(configuradas.get_by_name(name=c.__name__).enabled for c in funciones)
    casos, fallas, errores = _ejecutar(esquema)
    record_property("schemathesis", f"{rol}: {casos} casos, {len(fallas)} fallas")
    assert not errores, "\n".join(errores)
    assert not fallas, "\n".join(f"{operacion} — {titulo}\n    {muestra}" for (operacion, titulo), muestra in fallas.items())
    assert casos > 500, casos
