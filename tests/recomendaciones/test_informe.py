"""The mid-term report: PDF text read back with pdftotext, and the XLSX."""

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from compromisos import services as motor
from recomendaciones import services
from recomendaciones.informe import GeneradorMedioTermino

pytestmark = pytest.mark.django_db


@pytest.fixture
def con_acciones(cedaw, enlace_propio, coordinacion):
    aceptado = motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio,
                                   texto="Acción aceptada de prueba.", fecha=datetime.date(2020, 3, 2))
    motor.reporte_revisar(reporte=aceptado, usuario=coordinacion, decision="aceptado")
    motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Acción aún en revisión.")
    return cedaw


def pdftotext(pdf, tmp_path):
    ruta = tmp_path / "informe.pdf"
    ruta.write_bytes(pdf)
    salida = subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", " ", salida.stdout)


def test_pdf_groups_by_table_with_actions_and_status(con_acciones, client, consulta, tmp_path):
    client.force_login(consulta)
    respuesta = client.get(reverse("recomendaciones:informe_pdf"))
    assert respuesta["Content-Type"] == "application/pdf"
    texto = pdftotext(respuesta.content, tmp_path)
    assert "Informe de medio término sobre las recomendaciones internacionales" in texto
    assert "2 recomendaciones, agrupadas por mesa temática" in texto
    # Tables in name order, each with its chair and counts in Spanish plurals.
    assert texto.index("Mesa de prueba") < texto.index("Otra mesa")
    assert "Preside: Institución que Preside." in texto
    assert "1 recomendación — cumplidas: 0; en proceso: 0; sin iniciar: 1; sin materia: 0." in texto
    assert "Presidencia sin designar." in texto
    assert "DOC/C/PRUEBA/1, párr. 10 (a) — Sin iniciar" in texto
    assert "Institución Propia (sin iniciar)" in texto
    assert "02/03/2020 PROPIA Acción aceptada de prueba." in texto
    assert "Acción aún en revisión." not in texto  # only accepted actions are the State's answer
    assert "Sin acciones reportadas y aceptadas." in texto  # the other table's recommendation
    assert "Página 1 de" in texto


def test_xlsx_has_one_row_per_recommendation(con_acciones, client, coordinacion):
    client.force_login(coordinacion)
    libro = load_workbook(io.BytesIO(client.get(reverse("recomendaciones:informe_xlsx")).content))
    filas = list(libro.active.iter_rows(values_only=True))
    assert filas[0][:6] == ("Mesa temática", "Preside", "Documento", "Párrafo", "Recomendación", "Estatus")
    assert [f[0] for f in filas[1:]] == ["Mesa de prueba", "Otra mesa"]
    assert filas[1][6] == "PROPIA (Sin iniciar)"
    assert filas[1][7] == "02/03/2020 · PROPIA: Acción aceptada de prueba."
    assert filas[2][1] == "Sin designar"


def test_queries_of_the_report_do_not_grow_with_recommendations(con_acciones, institucion_propia):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    generador = GeneradorMedioTermino()
    with CaptureQueriesContext(connection) as antes:
        generador.html()
    for numero in range(20, 30):
        services.recomendacion_crear(documento="DOC/C/PRUEBA/1", parrafo_numero=numero, texto="Más.",
                                     mesa=con_acciones.mesa, instituciones=[institucion_propia])
    with CaptureQueriesContext(connection) as despues:
        html = generador.html()
    assert "DOC/C/PRUEBA/1, párr. 29" in html
    assert len(despues) == len(antes)


def test_empty_report_says_so(client, coordinacion, tmp_path):
    client.force_login(coordinacion)
    texto = pdftotext(client.get(reverse("recomendaciones:informe_pdf")).content, tmp_path)
    assert "Aún no hay recomendaciones registradas." in texto
