"""The annual report regenerated from the record: the official 2020 report is the oracle."""

import datetime
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acuerdos import services
from compromisos.models import Estatus
from informes import anexo
from informes.models import TextoInforme, sanear
from informes.pdf import GeneradorInformeAnual, URLNoPermitida, _buscador_de_recursos
from informes.selectors import datos_del_informe
from tests.acuerdos.test_reference_data import ANEXO_I
from tests.factories import SesionFactory, UsuarioFactory
from tests.informes import pdf as lector

pytestmark = pytest.mark.django_db

D = datetime.date


def _texto(pdf, tmp_path, *opciones):
    return lector.texto(pdf, tmp_path, *opciones)


def _filas_del_anexo(texto):
    return lector.filas_del_anexo(texto)


def _corrido(texto):
    return lector.corrido(texto)


def _anexo_oficial():
    """The official annex's rows, with each session by its full name."""
    return [(f"{sesion} Sesión Ordinaria", cita, "CUMPLIDO" if estatus == "cumplido" else "EN PROCESO")
            for sesion, cita, estatus in ANEXO_I.values()]


@pytest.fixture(scope="module")
def informe_2020(django_db_setup, django_db_blocker):
    """The 2020 report rendered once for the module (rendering takes about a second)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        from acuerdos.reference_data import load_reference_data

        load_reference_data()
        pdf = GeneradorInformeAnual(2020).generar().pdf
        transaction.set_rollback(True)
    return pdf


@pytest.fixture(scope="module")
def informe_2020_html(django_db_setup, django_db_blocker):
    """The HTML the 2020 PDF is made from (its headings)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        from acuerdos.reference_data import load_reference_data

        load_reference_data()
        html = GeneradorInformeAnual(2020).html()
        transaction.set_rollback(True)
    return html


def test_ningun_encabezado_queda_solo_al_pie_de_una_pagina(informe_2020, informe_2020_html, tmp_path):
    assert len(lector.encabezados(informe_2020_html)) > 20  # sections, sessions, agenda items
    assert lector.encabezados_varados(informe_2020, informe_2020_html, tmp_path) == []


def test_anexo_i_como_el_informe_oficial(informe_2020, tmp_path):
    filas = _filas_del_anexo(_texto(informe_2020, tmp_path, "-layout"))
    assert filas == _anexo_oficial()
    assert len(filas) == 22


def test_sesiones_con_su_asistencia_como_la_cuenta_el_informe(informe_2020, tmp_path):
    texto = _corrido(_texto(informe_2020, tmp_path))
    for titulo, fecha, asistencia in [
        ("VIGÉSIMA SESIÓN ORDINARIA", "24 de abril de 2020",
         "22 instituciones integrantes, 5 coadyuvantes, 2 invitadas permanentes y 12 invitadas"),
        ("VIGÉSIMA PRIMERA SESIÓN ORDINARIA", "30 de septiembre de 2020",
         "33 instituciones integrantes, 8 invitadas permanentes y 6 invitadas"),
        ("VIGÉSIMA SEGUNDA SESIÓN ORDINARIA", "9 de diciembre de 2020",
         "34 instituciones integrantes, 12 invitadas permanentes y 4 invitadas"),
    ]:
        assert titulo in texto
        assert fecha in texto
        assert f"Participaron representantes de {asistencia}." in texto
    assert "Nadine Flora Gasman Zylbermann" in texto
    assert "Lectura y aprobación de acuerdos" in texto
    # The 19th session (2019) is in the annex, not among the year's sessions.
    assert "DÉCIMO NOVENA SESIÓN ORDINARIA" not in texto


def test_pdf_carta_etiquetado_con_fuentes_incrustadas(informe_2020, tmp_path):
    ruta = tmp_path / "informe.pdf"
    ruta.write_bytes(informe_2020)
    info = subprocess.run(["pdfinfo", str(ruta)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "612 x 792 pts (letter)" in info
    fuentes = subprocess.run(["pdffonts", str(ruta)], capture_output=True, text=True, check=True).stdout
    filas = [linea.split() for linea in fuentes.splitlines()[2:]]
    assert filas and all("yes" == fila[-5] for fila in filas), fuentes  # "emb" column
    texto = _texto(informe_2020, tmp_path, "-layout")
    assert "Página 1 de" not in texto  # the cover has no page number…
    assert re.search(r"Página 2 de \d+", texto)  # …the others do
    # The table header is repeated on every page of the annex.
    paginas_anexo = texto[texto.rindex("Anexo I. Seguimiento a los acuerdos"):].split("\f")
    assert all("NÚMERO DE ACUERDO" in p for p in paginas_anexo if lector.CITA.search(p))


def _otro_anio():
    """2023, built from factories: the rule must hold for any year, not only 2020."""
    coordinacion = UsuarioFactory(rol="coordinacion")
    s2021 = SesionFactory(numero=27, fecha=D(2021, 11, 5))
    s2022 = SesionFactory(numero=29, fecha=D(2022, 6, 3))
    s2023a = SesionFactory(numero=30, fecha=D(2023, 3, 10))
    s2023b = SesionFactory(numero=31, fecha=D(2023, 9, 20), tipo="extraordinaria")

    def acuerdo(numero, sesion, *cambios):
        a = services.acuerdo_crear(sesion=sesion, numero=numero, texto=f"Texto del acuerdo {numero}.")
        for estatus, fecha in cambios:
            services.acuerdo_cambiar_estatus(acuerdo=a, estatus=estatus, fecha=fecha, motivo="x", usuario=coordinacion)
        return a

    acuerdo(70, s2021, (Estatus.EN_PROCESO, D(2022, 1, 10)))                       # open since 2021: carried
    acuerdo(80, s2022, (Estatus.CUMPLIDO, D(2022, 12, 1)))                          # closed before 2023: out
    acuerdo(81, s2022, (Estatus.EN_PROCESO, D(2022, 8, 1)), (Estatus.CUMPLIDO, D(2023, 5, 2)))  # carried, fulfilled
    acuerdo(90, s2023a, (Estatus.SIN_MATERIA, D(2023, 6, 1)))                       # retired during the year
    acuerdo(91, s2023a)                                                             # not started
    acuerdo(92, s2023b, (Estatus.CUMPLIDO, D(2023, 10, 1)), )
    return [("Vigésima Séptima Sesión Ordinaria", "70:5/11/2021", "EN PROCESO"),
            ("Vigésima Novena Sesión Ordinaria", "81:3/06/2022", "CUMPLIDO"),
            ("Trigésima Sesión Ordinaria", "90:10/03/2023", "SIN MATERIA"),
            ("Trigésima Sesión Ordinaria", "91:10/03/2023", "SIN INICIAR"),
            ("Trigésima Primera Sesión Extraordinaria", "92:20/09/2023", "CUMPLIDO")]


def test_otro_anio_con_arrastre_y_retiro(tmp_path):
    esperado = _otro_anio()
    pdf = GeneradorInformeAnual(2023).generar().pdf
    texto = _texto(pdf, tmp_path, "-layout")
    assert _filas_del_anexo(texto) == esperado
    corrido = _corrido(_texto(pdf, tmp_path))
    assert "TRIGÉSIMA SESIÓN ORDINARIA" in corrido and "TRIGÉSIMA PRIMERA SESIÓN EXTRAORDINARIA" in corrido
    assert "10 de marzo de 2023" in corrido
    assert "La coordinación no ha redactado la introducción de este año." in corrido


def test_anexo_en_csv_y_xlsx(registro_2020):
    import csv

    from openpyxl import load_workbook

    filas_csv = list(csv.reader(io.StringIO(anexo.como_csv(2020).decode("utf-8-sig"))))
    assert filas_csv[0] == ["SESIÓN", "NÚMERO DE ACUERDO", "ACUERDO", "ESTATUS DEL ACUERDO", "RESPONSABLES"]
    assert [(f[0], f[1], f[3]) for f in filas_csv[1:]] == _anexo_oficial()
    # Groups appear with the institutions they bind, and a group with none on record says so.
    responsables = {f[1]: f[4] for f in filas_csv[1:]}
    assert responsables["46:30/09/2020"] == "Integrantes: sin instituciones registradas; " \
        "Invitadas permanentes: CFE, CONADE, CONAVIM, INDESOL"
    assert responsables["53:9/12/2020"] == "INMUJERES"
    hoja = load_workbook(io.BytesIO(anexo.como_xlsx(2020))).active
    filas_xlsx = list(hoja.iter_rows(values_only=True))
    assert [["" if v is None else v for v in f] for f in filas_xlsx] == filas_csv


def test_textos_saneados_y_sin_recursos_externos(registro_2020):
    hostil = ('<p onclick="x()">Hola <a href="http://evil">enlace</a></p><img src="file:///etc/passwd">'
              '<script>alert(1)</script><ul><li><strong>logro</strong></li></ul><style>p{}</style>'
              '<p style="background:url(http://127.0.0.1:9/x)">fondo</p>')
    textos = TextoInforme.objects.create(anio=2019, introduccion=hostil)
    assert textos.introduccion == "<p>Hola enlace</p><ul><li><strong>logro</strong></li></ul><p>fondo</p>"
    assert sanear("<iframe src='x'></iframe>texto") == "texto"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png", "file:///etc/passwd", "https://informe.snimh.invalid/static/../../etc/passwd",
    "https://informe.snimh.invalid/media/evidencias/x.pdf", "https://otro.example/static/css/informe.css",
    "data:text/plain,hola",
])
def test_el_renderizador_solo_lee_estaticos_propios(url):
    with pytest.raises((URLNoPermitida, ValueError)):
        _buscador_de_recursos().fetch(url)
    assert _buscador_de_recursos().fetch("https://informe.snimh.invalid/static/css/informe.css").status == 200


def test_comando_dice_donde_y_cuanto_tardo_y_nada_mas(registro_2020, tmp_path, caplog):
    salida, errores = io.StringIO(), io.StringIO()
    caplog.set_level("DEBUG")
    call_command("annual_report", "2020", "--output", str(tmp_path / "informe-2020.pdf"), stdout=salida, stderr=errores)
    assert (tmp_path / "informe-2020.pdf").read_bytes().startswith(b"%PDF-1.7")
    (linea,) = salida.getvalue().splitlines()
    assert re.fullmatch(
        rf"Informe 2020 escrito en {re.escape(str(tmp_path / 'informe-2020.pdf'))} "
        r"\(\d+ páginas, [\d.]+\sKB\) en \d+\.\d s\.", linea), linea
    assert errores.getvalue() == ""
    assert not [r for r in caplog.records if r.name.startswith("weasyprint.progress")], "quiet unless asked"


def test_comando_detallado_con_v2_y_mudo_con_v0(registro_2020, tmp_path, caplog):
    salida = io.StringIO()
    caplog.set_level("DEBUG")
    call_command("annual_report", "2020", "--output", str(tmp_path / "a.pdf"), verbosity=2, stdout=salida)
    lineas = salida.getvalue().splitlines()
    assert lineas[0].startswith("Informe 2020 escrito en")
    assert any(linea.strip().startswith("maquetación:") for linea in lineas)
    assert any(re.fullmatch(r"\s*\d+ consultas SQL", linea) for linea in lineas)
    assert any(r.name == "weasyprint.progress" for r in caplog.records), "-v 2 shows WeasyPrint's progress"
    salida = io.StringIO()
    call_command("annual_report", "2020", "--output", str(tmp_path / "b.pdf"), verbosity=0, stdout=salida)
    assert salida.getvalue() == "" and (tmp_path / "b.pdf").exists()


def test_comando_con_carpeta_inexistente(registro_2020, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No existe la carpeta"):
        call_command("annual_report", "2020", "--output", str(tmp_path / "no" / "x.pdf"))


def test_consultas_constantes_al_reunir_los_datos(registro_2020):
    with CaptureQueriesContext(connection) as pequeno:
        datos_del_informe(2019)
    _otro_anio()
    with CaptureQueriesContext(connection) as mayor:
        datos = datos_del_informe(2020)
    assert len(datos.anexo) == 22
    assert len(pequeno) == len(mayor)
