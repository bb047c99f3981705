"""A long job followed in the browser: coordination asks for the annual report's PDF, the
page answers at once and shows the job waiting; a worker takes it and the page follows
its progress live (JavaScript) and offers the kept PDF; other pages answer meanwhile.
Without JavaScript the page refreshes itself until the result is there. axe-core at
desktop and phone width; screenshots in screenshots/."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.navegador.conftest import TELEFONO, captura, entrar, sin_violaciones
from tests.trabajos.trabajador import trabajador_en_hilo
from trabajos.models import EstadoTrabajo, Trabajo

pytestmark = pytest.mark.django_db(transaction=True)

ESPERA = 180_000  # ms: the 2020 PDF takes seconds, more on a busy machine


def test_el_pdf_en_segundo_plano_con_su_avance_en_vivo(abrir, personas):
    pagina = abrir()
    entrar(pagina, personas["coordinacion"])
    pagina.goto(reverse("informes:pdf", args=[2020]))
    pagina.get_by_role("button", name="Generar el PDF del informe 2020").click()
    trabajo = Trabajo.objects.get()
    assert pagina.url.endswith(trabajo.get_absolute_url())
    assert pagina.locator("#trabajo-estado").inner_text() == "En espera"
    sin_violaciones(pagina, "trabajo en espera")
    captura(pagina, "trabajo-en-espera-escritorio")

    with trabajador_en_hilo():
        # The script shows the steps as they happen, without reloading the page.
        expect(pagina.locator("#trabajo-avance")).to_contain_text("de 5 pasos", timeout=ESPERA)
        # Meanwhile the rest of the site answers.
        otra = abrir()
        entrar(otra, personas["consulta"])
        assert otra.goto(reverse("acuerdos:lista")).status == 200
        descarga = pagina.get_by_role("link", name="Descargar informe-snimh-2020.pdf")
        descarga.wait_for(timeout=ESPERA)
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.TERMINADO and trabajo.pasos_hechos == trabajo.pasos_totales == 5
    assert pagina.locator("#trabajo-estado").inner_text() == "Terminado"
    sin_violaciones(pagina, "trabajo terminado")
    captura(pagina, "trabajo-terminado-escritorio")
    pagina.set_viewport_size(TELEFONO)
    sin_violaciones(pagina, "trabajo terminado, teléfono")
    captura(pagina, "trabajo-terminado-telefono")
    with pagina.expect_download() as espera:
        descarga.click()
    assert espera.value.suggested_filename == "informe-snimh-2020.pdf"
    pdf = Path(espera.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    # The data has not changed: the report's address now hands over the kept PDF at once
    # (the same session's cookies, through Playwright's request API).
    otra_vez = pagina.request.get(reverse("informes:pdf", args=[2020]))
    assert otra_vez.headers["content-type"] == "application/pdf" and otra_vez.body() == pdf
    assert Trabajo.objects.count() == 1


def test_sin_javascript_la_pagina_se_actualiza_sola(chromium, live_server, personas):
    contexto = chromium.new_context(viewport=TELEFONO, locale="es-MX", java_script_enabled=False,
                                    base_url=live_server.url)
    contexto.set_default_timeout(15000)
    try:
        pagina = contexto.new_page()
        entrar(pagina, personas["coordinacion"])
        pagina.goto(reverse("informes:lista"))
        pagina.locator("#formato-anexo-2020").select_option("csv")
        pagina.locator("form[action$='/anexo/preparar/']").first.get_by_role("button", name="Preparar").click()
        assert "/trabajos/" in pagina.url
        assert pagina.locator("#trabajo-estado").inner_text() == "En espera"
        assert "Esta página se actualiza sola cada 5 segundos." in pagina.content()
        with trabajador_en_hilo():
            # No script runs: only the page's own refresh can bring the result.
            pagina.get_by_role("link", name="Descargar anexo-i-snimh-2020.csv").wait_for(timeout=ESPERA)
        assert pagina.locator("#trabajo-estado").inner_text() == "Terminado"
        captura(pagina, "trabajo-terminado-sin-javascript-telefono")
    finally:
        contexto.close()
