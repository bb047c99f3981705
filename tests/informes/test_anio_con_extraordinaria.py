"""A year built with factories where an extraordinary session shares its ordinal with an
ordinary one, and every count is exactly one: full session names and singulars in the
annex (PDF, CSV, XLSX), the chart and the PDF text; no heading left alone at the
bottom of a page."""

import csv
import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from compromisos.models import Estatus
from informes import anexo
from informes.pdf import GeneradorInformeAnual
from informes.selectors import datos_del_informe
from tests.informes import pdf as lector
from tests.informes.anios import ANEXO, ANIO, EXTRAORDINARIA, ORDINARIA, D, construir_anio

pytestmark = pytest.mark.django_db

@pytest.fixture
def anio():
    return construir_anio()


@pytest.fixture
def pdf(anio):
    return GeneradorInformeAnual(ANIO).generar().pdf


def test_anexo_del_pdf_con_nombres_completos(pdf, tmp_path):
    assert lector.filas_del_anexo(lector.texto(pdf, tmp_path, "-layout")) == ANEXO


def test_texto_del_pdf_en_singular(pdf, tmp_path):
    texto = lector.corrido(lector.texto(pdf, tmp_path))
    assert "PRIMERA SESIÓN EXTRAORDINARIA" in texto
    assert "PRIMERA SESIÓN ORDINARIA" not in texto, "the 2023 session is in the annex, not among 2024's"
    assert (f"En {ANIO} se llevó a cabo 1 sesión del Sistema Nacional para la Igualdad entre Mujeres y Hombres."
            in texto)
    assert ("Participaron representantes de 1 institución integrante, 1 coadyuvante, 1 invitada permanente "
            "y 1 invitada." in texto)
    assert "Se aprobó 1 acuerdo: 2 (Anexo I)." in texto
    for plural in ("1 sesiones", "1 acuerdos", "1 instituciones", "1 invitadas", "1 coadyuvantes"):
        assert plural not in texto


def test_grafica_una_barra_por_sesion(anio, pdf, tmp_path):
    datos = datos_del_informe(ANIO)
    svg = datos.graficas["por_sesion"]
    # Two bars (grouped by the session itself), each labelled with its full name.
    assert svg.count("<rect") - len(Estatus.values) == 2
    assert f">{ORDINARIA}</text>" in svg and f">{EXTRAORDINARIA}</text>" in svg
    assert f"{ORDINARIA}: En proceso (1); {EXTRAORDINARIA}: Cumplido (1)" in svg
    # The chart's labels are also in the PDF, as text.
    texto = lector.corrido(lector.texto(pdf, tmp_path))
    seccion = texto[texto.index("IV. Estatus de los acuerdos", texto.index("III. Sesiones")):]
    assert ORDINARIA in seccion and EXTRAORDINARIA in seccion


def test_anexo_en_csv_y_xlsx_con_nombres_completos_y_grupos(anio):
    filas_csv = list(csv.reader(io.StringIO(anexo.como_csv(ANIO).decode("utf-8-sig"))))
    assert [(f[0], f[1], f[3]) for f in filas_csv[1:]] == ANEXO
    # The group-bound agreement names the group with the institution it binds.
    assert [f[4] for f in filas_csv[1:]] == ["", "Invitadas permanentes: INVITADA"]
    filas_xlsx = [["" if v is None else v for v in f]
                  for f in load_workbook(io.BytesIO(anexo.como_xlsx(ANIO))).active.iter_rows(values_only=True)]
    assert filas_xlsx == filas_csv


def test_el_pdf_nombra_el_grupo_con_sus_instituciones(pdf, tmp_path):
    assert "Responsables: Invitadas permanentes: INVITADA" in lector.corrido(lector.texto(pdf, tmp_path))


def test_ningun_encabezado_al_pie_de_pagina(anio, pdf, tmp_path):
    html = GeneradorInformeAnual(ANIO).html()
    assert lector.encabezados_varados(pdf, html, tmp_path) == []


def test_el_encabezado_de_sesion_baja_con_su_ficha(tmp_path):
    """Lengthen the text before the extraordinary session's heading until the heading
    moves to the next page: at the last length where it still fits on its first page it
    sits as low as it can, and it must not be the last thing on that page."""
    encabezado = "PRIMERA SESIÓN EXTRAORDINARIA"

    def renderizar(palabras):
        with transaction.atomic():
            construir_anio(ordinaria_en=D(ANIO, 1, 20), relleno=palabras)
            generador = GeneradorInformeAnual(ANIO)
            html, pdf = generador.html(), generador.generar().pdf
            transaction.set_rollback(True)
        return html, pdf

    def pagina(palabras):
        return lector.pagina_de(renderizar(palabras)[1], tmp_path, encabezado)

    bajo, alto = 1, 900  # 900 words push the heading at least a page down
    pagina_inicial = pagina(bajo)
    assert pagina(alto) > pagina_inicial
    while alto - bajo > 1:
        medio = (bajo + alto) // 2
        if pagina(medio) == pagina_inicial:
            bajo = medio
        else:
            alto = medio
    html, pdf = renderizar(bajo)
    assert lector.pagina_de(pdf, tmp_path, encabezado) == pagina_inicial
    assert lector.encabezados_varados(pdf, html, tmp_path) == []
