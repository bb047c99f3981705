"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live
server, with axe-core (bundled by axe-playwright-python) injected into every page."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import sync_playwright

from cuentas.models import RolUsuario
from instituciones.models import Institucion
from tests.factories import UsuarioFactory

CHROMIUM = "/usr/bin/chromium"
BANDERAS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update"]
CONTRASENA = "contraseña-de-prueba-larga"
# Artifacts for reviewers; ignored by git.
CAPTURAS = Path(__file__).resolve().parents[2] / "screenshots"
ESCRITORIO = {"width": 1280, "height": 900}
TELEFONO = {"width": 390, "height": 844}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _sin_conexiones_del_servidor_al_final(django_db_setup, django_db_blocker):
    """The live server answers in threads of its own; one can still hold a connection to
    the test database when the session ends, and dropping that database then fails.
    Torn down before django_db_setup, so the database is free when it is dropped."""
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/ensure-tools.sh).")
    with sync_playwright() as playwright:
        navegador = playwright.chromium.launch(executable_path=CHROMIUM, args=BANDERAS)
        yield navegador
        navegador.close()


@pytest.fixture
def abrir(chromium, live_server):
    """``abrir(viewport=...)``: a fresh browser context (its own cookies) on the live server."""
    contextos = []

    def _abrir(viewport=ESCRITORIO):
        contexto = chromium.new_context(viewport=viewport, locale="es-MX", accept_downloads=True,
                                        base_url=live_server.url)
        contexto.set_default_timeout(15000)
        contextos.append(contexto)
        return contexto.new_page()

    yield _abrir
    for contexto in contextos:
        contexto.close()


def entrar(pagina, usuario):
    pagina.goto("/cuentas/entrar/")
    pagina.fill("#id_username", usuario.username)
    pagina.fill("#id_password", CONTRASENA)
    pagina.click("main button[type=submit]")
    pagina.wait_for_load_state()
    assert "/cuentas/entrar/" not in pagina.url, pagina.content()[:2000]


_axe = Axe()


def sin_violaciones(pagina, descripcion):
    """axe-core on the page as rendered: zero WCAG 2.1 A/AA violations."""
    resultado = _axe.run(pagina, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                          "resultTypes": ["violations"]})
    assert resultado.violations_count == 0, f"{descripcion}:\n{resultado.generate_report()}"


def captura(pagina, nombre):
    CAPTURAS.mkdir(exist_ok=True)
    pagina.screenshot(path=str(CAPTURAS / f"{nombre}.png"), full_page=True)


@pytest.fixture
def personas(registro_2020):
    """An officer of INMUJERES (responsible for open agreements), coordination and consulta."""
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    return {
        "enlace": UsuarioFactory(username="enlace.inmujeres", first_name="Laura", last_name="Enlace",
                                 rol=RolUsuario.ENLACE, institucion=inmujeres),
        "coordinacion": UsuarioFactory(username="coordinacion", first_name="Carmen", last_name="Coordinadora",
                                       rol=RolUsuario.COORDINACION),
        "consulta": UsuarioFactory(username="consulta", rol=RolUsuario.CONSULTA),
    }
