import pytest
from rest_framework.test import APIClient

from cuentas.models import TokenAPI


def cliente_api(usuario):
    """An outside client: token in the Authorization header, no session, CSRF enforced."""
    cliente = APIClient(enforce_csrf_checks=True)
    if usuario is not None:
        _token, clave = TokenAPI.emitir(usuario=usuario, nombre="Pruebas")
        cliente.credentials(HTTP_AUTHORIZATION=f"Token {clave}")
    return cliente


@pytest.fixture
def clientes_api(mundo):
    return {rol: cliente_api(usuario) for rol, usuario in mundo.usuarios.items()}


def pytest_terminal_summary(terminalreporter):
    """The schemathesis figures of tests/api/test_esquema.py: cases per role, failures."""
    lineas = [valor for informe in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
              for nombre, valor in getattr(informe, "user_properties", []) if nombre == "schemathesis"]
    if lineas:
        terminalreporter.write_line("schemathesis, todas las verificaciones: " + "; ".join(lineas))
