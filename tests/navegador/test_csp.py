"""Content-Security-Policy (issue 14, item 6): every page, for every role, loads in
Chromium without a single CSP violation — the admin and the API viewers included — and
the check does catch one when a page breaks the policy."""

import pytest
from csp.utils import build_policy
from django.contrib import admin
from django.urls import reverse

from tests.navegador import test_accesibilidad as accesibilidad
from tests.navegador.conftest import entrar

pytestmark = pytest.mark.django_db(transaction=True)

# The pages and roles of the accessibility audit: a page added there is checked here too.
POR_ROL = accesibilidad.POR_ROL
con_trabajo_pendiente = accesibilidad.con_trabajo_pendiente

# Reported by the page itself (the securitypolicyviolation event), before any of its scripts run.
ESCUCHA = """
window.__violacionesCSP = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violacionesCSP.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile || ""}:${e.lineNumber}`);
});
"""
VISORES_DE_LA_API = {"swagger": ("/api/docs/", ".swagger-ui .info")}


class Vigilante:
    """A page whose CSP violations are collected from Chromium's console and from the
    page's own violation events."""

    def __init__(self, pagina):
        self.pagina = pagina
        self.consola = []
        pagina.add_init_script(ESCUCHA)
        pagina.on("console", self._mensaje)

    def _mensaje(self, mensaje):
        if "Content Security Policy" in mensaje.text or "Content-Security-Policy" in mensaje.text:
            self.consola.append(mensaje.text)

    def visitar(self, url, esperar=None):
        respuesta = self.pagina.goto(url)
        if esperar:
            self.pagina.wait_for_selector(esperar, timeout=20000)
        self.pagina.wait_for_load_state("networkidle")
        return respuesta

    def violaciones(self, descripcion):
        eventos = self.pagina.evaluate("window.__violacionesCSP || []")
        encontradas = [f"{descripcion}: {texto}" for texto in eventos + self.consola]
        self.consola.clear()
        return encontradas


def _recorrer(vigilante, paginas):
    fallas = []
    for nombre, url, esperar in paginas:
        respuesta = vigilante.visitar(url, esperar)
        assert respuesta.status in (200, 403, 404), (nombre, url, respuesta.status)
        politica = respuesta.header_value("content-security-policy") or ""
        if "frame-ancestors 'none'" not in politica:
            fallas.append(f"{nombre}: sin la política completa ({politica!r})")
        fallas.extend(vigilante.violaciones(nombre))
    return fallas


def _paginas_del_admin():
    """The admin's index, and the list and an edit (or add) form of every registered model."""
    paginas = [("admin", reverse("admin:index"), None)]
    for modelo in admin.site._registry:
        prefijo = f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}"
        paginas.append((f"admin {modelo._meta.label} lista", reverse(f"{prefijo}_changelist"), None))
        objeto = modelo._default_manager.order_by("pk").first()
        if objeto is not None:
            paginas.append((f"admin {modelo._meta.label} edición", reverse(f"{prefijo}_change", args=[objeto.pk]), None))
        else:
            paginas.append((f"admin {modelo._meta.label} alta", reverse(f"{prefijo}_add"), None))
    return paginas


@pytest.mark.parametrize("rol", list(POR_ROL))
def test_paginas_internas_sin_violaciones(abrir, personas, con_trabajo_pendiente, rol):
    urls = accesibilidad._paginas(con_trabajo_pendiente)
    pagina = abrir()
    vigilante = Vigilante(pagina)
    entrar(pagina, personas[rol])
    paginas = [(nombre, urls[nombre], None) for nombre in POR_ROL[rol]]
    paginas += [(nombre, url, esperar) for nombre, (url, esperar) in VISORES_DE_LA_API.items()]
    if rol == "coordinacion":
        paginas += _paginas_del_admin()
    fallas = _recorrer(vigilante, paginas)
    assert not fallas, "\n".join(fallas)


def test_paginas_publicas_sin_violaciones(abrir, registro_2020):
    vigilante = Vigilante(abrir())
    paginas = [
        ("entrar", reverse("cuentas:entrar"), None), ("restablecer", reverse("cuentas:restablecer"), None),
        ("transparencia", reverse("transparencia:lista") + "?q=igualdad&anio=2020", None),
        ("acuerdo público", reverse("transparencia:acuerdo", args=[46]), None),
        ("sesiones públicas", reverse("transparencia:sesiones"), None),
        ("sesión pública", reverse("transparencia:sesion", args=["ordinaria", 21]), None),
        ("instituciones públicas", reverse("transparencia:instituciones"), None),
        ("datos abiertos", reverse("transparencia:datos"), None),
        ("informes publicados", reverse("informes:publicados"), None),
        ("no existe", "/no-existe/", None), ("admin: entrar", reverse("admin:login"), None),
    ]
    paginas += [(nombre, url, esperar) for nombre, (url, esperar) in VISORES_DE_LA_API.items()]
    fallas = _recorrer(vigilante, paginas)
    assert not fallas, "\n".join(fallas)


def test_la_vigilancia_detecta_una_violacion(chromium):
    """A page served with the site's policy and an inline script and style is reported."""
    politica = build_policy()
    pagina = chromium.new_page()
    try:
        pagina.route("http://prueba.invalid/**", lambda ruta: ruta.fulfill(
            status=200, headers={"Content-Type": "text/html", "Content-Security-Policy": politica},
            body='<html lang="es"><body><p style="color: red">x</p><script>document.title = "y"</script></body></html>',
        ))
        vigilante = Vigilante(pagina)
        vigilante.visitar("http://prueba.invalid/pagina")
        violaciones = vigilante.violaciones("página defectuosa")
        assert any("script-src" in v for v in violaciones), violaciones
        assert any("style-src" in v for v in violaciones), violaciones
        assert pagina.title() != "y"
    finally:
        pagina.close()
