"""The follow-up cycle in a real browser: an officer uploads, coordination returns it
with an observation, the officer answers, coordination accepts and closes the
institution's record, and the agreement page shows the new status and timeline.
Plus the list's filters and export, and the public page logged out."""

import csv
import io

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from compromisos.models import EstadoRevision, Evidencia, Seguimiento
from tests import archivos
from tests.navegador.conftest import TELEFONO, captura, entrar, sin_violaciones

pytestmark = pytest.mark.django_db(transaction=True)


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.wait_for_url("**/cuentas/entrar/**")


def test_ciclo_completo_de_una_evidencia(abrir, personas, tmp_path):
    acuerdo = Acuerdo.objects.get(numero=53)
    seguimiento = Seguimiento.objects.get(acuerdo=acuerdo, institucion=personas["enlace"].institucion)
    oficio = tmp_path / "oficio-convocatoria.pdf"
    oficio.write_bytes(archivos.PDF)
    disfrazado = tmp_path / "programa.pdf"
    disfrazado.write_bytes(b"MZ\x90\x00 not really a PDF")

    # 1. The officer finds the pending agreement in the inbox and uploads.
    enlace = abrir()
    entrar(enlace, personas["enlace"])
    assert enlace.url.endswith(reverse("acuerdos:pendientes"))
    enlace.get_by_role("link", name=f"Subir evidencia del acuerdo {acuerdo.cita}").click()
    # A bad file: the error is next to the field, in Spanish, and the description stays.
    enlace.fill("#id_descripcion", "Convocatoria a la mesa de trabajo")
    enlace.set_input_files("#id_archivo", str(disfrazado))
    enlace.get_by_role("button", name="Subir").click()
    assert enlace.locator(".campo.con-error .error-campo").count() == 1
    assert "PDF" in enlace.locator(".error-campo").inner_text()
    assert enlace.input_value("#id_descripcion") == "Convocatoria a la mesa de trabajo"
    sin_violaciones(enlace, "formulario de evidencia con error")
    enlace.set_input_files("#id_archivo", str(oficio))
    enlace.get_by_role("button", name="Subir").click()
    assert "Evidencia recibida" in enlace.locator(".mensajes").inner_text()
    evidencia = Evidencia.objects.get(seguimiento=seguimiento)
    assert evidencia.descripcion == "Convocatoria a la mesa de trabajo"
    _salir(enlace)

    # 2. Coordination returns it with an observation, from the review queue.
    coordinacion = abrir()
    entrar(coordinacion, personas["coordinacion"])
    coordinacion.goto(reverse("acuerdos:revision"))
    tarjeta = coordinacion.locator("article", has_text="oficio-convocatoria.pdf")
    tarjeta.get_by_label("Devolver con observación").check()
    tarjeta.get_by_label("Observación (obligatoria para devolver)").fill("Falta la firma de la titular.")
    tarjeta.get_by_role("button", name="Registrar revisión").click()
    assert coordinacion.url.endswith(reverse("acuerdos:revision"))
    assert "Revisión registrada." in coordinacion.locator(".mensajes").inner_text()
    evidencia.refresh_from_db()
    assert evidencia.estado_revision == EstadoRevision.DEVUELTO

    # 3. The officer sees the observation in the inbox and answers with a new file.
    entrar(enlace, personas["enlace"])
    assert "Falta la firma de la titular." in enlace.locator("main").inner_text()
    enlace.get_by_role("link", name="Responder con un archivo").click()
    assert enlace.locator("#id_responde_a option:checked").inner_text().strip() != "(ninguna)"
    oficio.write_bytes(archivos.PDF.replace(b"%%EOF", b"% firmado\n%%EOF"))
    enlace.set_input_files("#id_archivo", str(oficio))
    enlace.get_by_role("button", name="Subir").click()
    assert "Evidencia recibida" in enlace.locator(".mensajes").inner_text()
    enlace.goto(reverse("acuerdos:pendientes"))
    assert "No tiene observaciones pendientes de respuesta." in enlace.locator("main").inner_text()

    # 4. Coordination accepts the answer and closes the institution's record.
    coordinacion.goto(reverse("acuerdos:revision"))
    tarjeta = coordinacion.locator("article", has_text="oficio-convocatoria.pdf")
    assert tarjeta.count() == 1, "only the answer is waiting; the returned one left the queue"
    tarjeta.get_by_label("Aceptar").check()
    tarjeta.get_by_role("button", name="Registrar revisión").click()
    assert "No hay evidencias ni reportes en espera de revisión." in coordinacion.locator("main").inner_text()
    coordinacion.goto(seguimiento.get_absolute_url())
    coordinacion.get_by_text("Cambiar el estatus de la institución").click()
    coordinacion.select_option("#id_estatus", "cumplido")
    coordinacion.fill("#id_motivo", "Acreditó el cumplimiento con el oficio firmado.")
    coordinacion.get_by_role("button", name="Guardar el estatus").click()
    assert "Estatus de la institución actualizado" in coordinacion.locator(".mensajes").inner_text()

    # 5. The agreement page shows the new status and the timeline of it all.
    coordinacion.goto(acuerdo.get_absolute_url())
    fila = coordinacion.locator("tr", has_text="Instituto Nacional de las Mujeres")
    assert "cumplido" in fila.inner_text().lower()
    linea = coordinacion.locator("ol.linea-tiempo").inner_text()
    assert "Carmen Coordinadora" in linea and "Laura Enlace" in linea, linea
    assert "Devuelt" in linea and "Aceptad" in linea and "Cumplido" in linea, linea
    sin_violaciones(coordinacion, "detalle del acuerdo tras el ciclo")
    captura(coordinacion, "acuerdo-detalle-escritorio")


def test_filtrar_y_exportar_la_lista(abrir, personas):
    pagina = abrir()
    entrar(pagina, personas["consulta"])
    pagina.goto(reverse("acuerdos:lista"))
    pagina.select_option("#id_estatus", "en_proceso")
    pagina.fill("#id_q", "instituciones")
    pagina.get_by_role("button", name="Aplicar").click()
    numeros_en_pagina = [
        int(t.split(":")[0]) for t in pagina.locator("tbody tr td:first-child a").all_inner_texts()
    ]
    esperados = list(Acuerdo.objects.filter(estatus="en_proceso").buscar("instituciones")
                     .order_by("numero").values_list("numero", flat=True))
    assert numeros_en_pagina == esperados and esperados
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar CSV").click()
    contenido = open(descarga.value.path(), encoding="utf-8-sig").read()
    filas = list(csv.reader(io.StringIO(contenido)))
    assert [int(f[0]) for f in filas[1:]] == esperados
    assert descarga.value.suggested_filename.startswith("acuerdos-snimh-")
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar XLSX").click()
    assert descarga.value.suggested_filename.endswith(".xlsx")


def test_pagina_publica_sin_sesion(abrir, registro_2020):
    pagina = abrir(viewport=TELEFONO)
    pagina.goto(reverse("transparencia:lista"))
    assert "Entrar" in pagina.locator("nav").first.inner_text()
    # On a phone the filters are folded; the figures come first.
    assert not pagina.locator("#id_q").is_visible()
    pagina.get_by_text("Buscar y filtrar").click()
    pagina.fill("#id_q", "electricidad")
    pagina.get_by_role("button", name="Aplicar").click()
    assert pagina.locator("#lista-acuerdos tbody tr").count() == 1
    assert "46:30/09/2020" in pagina.locator("#lista-acuerdos tbody").inner_text()
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar JSON").click()
    assert '"cita": "46:30/09/2020"' in open(descarga.value.path(), encoding="utf-8").read()
    # Every agreement has its own page, linked from the list, and its session one too.
    pagina.get_by_role("link", name="46:30/09/2020").click()
    assert pagina.url.endswith("/transparencia/acuerdos/46/")
    assert "Invitadas permanentes" in pagina.locator("main").inner_text()
    captura(pagina, "transparencia-acuerdo-telefono")
    pagina.get_by_role("link", name="Vigésima Primera Sesión Ordinaria").click()
    assert pagina.url.endswith("/transparencia/sesiones/ordinaria/21/")
    # On a wide screen the filters are open.
    escritorio = abrir()
    escritorio.goto(reverse("transparencia:lista"))
    assert escritorio.locator("#id_q").is_visible()
    captura(escritorio, "transparencia-lista-escritorio")


def test_lo_esencial_funciona_sin_javascript(chromium, live_server, personas):
    contexto = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        pagina = contexto.new_page()
        entrar(pagina, personas["consulta"])
        pagina.goto(reverse("acuerdos:lista"))
        pagina.select_option("#id_anio", "2019")
        pagina.get_by_role("button", name="Aplicar").click()
        assert pagina.locator("tbody tr").count() == 5
        pagina.goto(reverse("acuerdos:tablero"))
        assert pagina.locator("svg.grafica").count() == 3
        # The public site, anonymous and without JavaScript: filter, follow, read the charts.
        publico = contexto.new_page()
        publico.goto(reverse("transparencia:lista"))
        publico.select_option("#id_estatus", "en_proceso")
        publico.get_by_label("Solo vencidos").check()
        publico.get_by_role("button", name="Aplicar").click()
        assert publico.locator("#lista-acuerdos tbody tr").count() == 2
        publico.get_by_text("Gráficas de los acuerdos filtrados").click()
        assert publico.locator("svg.grafica").count() == 2
        publico.get_by_role("link", name="53:9/12/2020").click()
        assert "vencido hace" in publico.locator("main").inner_text()
        publico.goto(reverse("transparencia:institucion", args=[personas["enlace"].institucion_id]))
        assert "tasa de cumplimiento" in publico.locator("main").inner_text()
    finally:
        contexto.close()
