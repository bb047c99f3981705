"""The one upload module (snimh/uploads.py): what it refuses and why, file by file,
with hostile files built by tests/archivos.py. The pages and the API call the same
entry (tests/acuerdos/test_evidencias.py, tests/api/test_errores.py)."""

import ast
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from snimh import uploads
from snimh.uploads import ArchivoRechazado, inspeccionar
from tests import archivos
from tests.api.conftest import cliente_api
from tests.conftest import subir

RAIZ = Path(__file__).resolve().parents[1]


def _rechazo(nombre, contenido, **opciones):
    with pytest.raises(ArchivoRechazado) as error:
        inspeccionar(SimpleUploadedFile(nombre, contenido), **opciones)
    return error.value


# Office and ODF (item 2) ------------------------------------------------------------------

@pytest.mark.parametrize(("nombre", "contenido", "motivo"), [
    ("plantilla.docx", archivos.docx_plantilla_remota(), "plantilla adjunta"),
    ("follina.docx", archivos.docx_follina(), "objeto OLE"),
    ("programa.docx", archivos.docx_hipervinculo_a_programa(), "vínculo externo a «ms-msdt:"),
    ("activex.docx", archivos.docx_activex(), "word/activeX/activeX1.xml"),
    ("dde.docx", archivos.docx_campo_dde(), "campo DDEAUTO"),
    ("dde partido.docx", archivos.docx_campo_dde(partido=True), "campo DDEAUTO"),
    ("dde.xlsx", archivos.xlsx_dde(), "DDE"),
    ("formula dde.xlsx", archivos.xlsx_formula_dde(), "fórmula DDE"),
    ("evento.odt", archivos.odt_con_evento(), "macro o evento"),
    ("dde.ods", archivos.ods_con_dde(), "vínculo DDE"),
])
def test_contenido_activo_de_office_y_odf(nombre, contenido, motivo):
    error = _rechazo(nombre, contenido)
    assert error.code == "office_activo"
    assert motivo in error.messages[0]


@pytest.mark.parametrize(("nombre", "contenido", "parte"), [
    ("carga.odt", archivos.odt_con_carga_en_configurations2(), "Configurations2/payload.exe"),
    ("basic.odt", archivos.odt_con_macro_basic(), "Basic/Standard/Module1.xml"),
    ("macro.docx", archivos.docx_con_macro(), "word/vbaProject.bin"),
])
def test_partes_fuera_de_la_lista(nombre, contenido, parte):
    error = _rechazo(nombre, contenido)
    assert error.code == "office_contenido" and parte in error.messages[0]


def test_xml_con_dtd():
    assert _rechazo("entidades.docx", archivos.docx_con_dtd()).code == "office_xml"


@pytest.mark.parametrize(("nombre", "contenido"), [
    ("vínculo.docx", archivos.docx_con_hipervinculo()),
    ("página.docx", archivos.docx_campo_pagina()),
    ("libreoffice.odt", archivos.odt_como_libreoffice()),
    # A formula with "|" inside a string is not a DDE call.
    ("fórmulas.xlsx", archivos.xlsx()),
    ("openpyxl.xlsx", archivos.xlsx_de_openpyxl()),
])
def test_documentos_comunes_aceptados(nombre, contenido):
    assert inspeccionar(SimpleUploadedFile(nombre, contenido)).tamano == len(contenido)


# PDF and images (item 3) ------------------------------------------------------------------

@pytest.mark.parametrize(("nombre", "contenido", "codigo", "mensaje"), [
    ("javascript.pdf", archivos.pdf_con_javascript(), "pdf_javascript", "JavaScript"),
    ("launch.pdf", archivos.pdf_con_launch(), "pdf_launch", "Launch"),
    ("adjunto.pdf", archivos.pdf_con_adjunto(), "pdf_adjuntos", "adjuntos incrustados"),
    ("poliglota.pdf", archivos.pdf_html_poliglota(), "pdf_html", "página web (HTML)"),
    ("ilegible.pdf", archivos.PDF_ILEGIBLE, "pdf_danado", "dañado"),
    ("html.png", archivos.PNG_CON_HTML, "imagen_danada", "dañada"),
    ("html.jpg", archivos.JPG_CON_HTML, "imagen_danada", "dañada"),
    ("cola.png", archivos.PNG_CON_COLA, "imagen_cola", "datos añadidos"),
    ("cola.jpg", archivos.JPG_CON_COLA, "imagen_cola", "datos añadidos"),
    ("enorme.png", archivos.png_enorme(), "imagen_grande", "50 megapíxeles"),
])
def test_pdf_e_imagenes_activos_o_dañados(nombre, contenido, codigo, mensaje):
    error = _rechazo(nombre, contenido)
    assert (error.code, mensaje in error.messages[0]) == (codigo, True), error.messages


def test_imagen_real_de_varias_exploraciones_aceptada():
    """A progressive JPEG has several scans: the end is found after the last one."""
    import io

    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(salida, "JPEG", progressive=True, quality=80)
    assert inspeccionar(SimpleUploadedFile("foto.jpg", salida.getvalue())).formato == "jpg"


def test_pdf_activo_dentro_de_un_zip():
    contenido = archivos._zip([("oficio.pdf", archivos.pdf_con_javascript())])
    error = _rechazo("paquete.zip", contenido)
    assert error.code == "pdf_javascript" and "«oficio.pdf», dentro del comprimido" in error.messages[0]


# The CSV formula rule (item 4) -------------------------------------------------------------

@pytest.mark.parametrize("contenido", [
    archivos.CSV_MENOS_DIGITO, archivos.CSV_SOLO_CR, archivos.CSV_CON_FORMULA,
    b"a;b\r\nCFE;\"@SUM(1)\"\r\n",
    # Comma-separated, but a spreadsheet set to semicolons reads "=1+1" as a cell.
    'institución,nota\nCFE,"texto;=1+1"\n'.encode(),
])
def test_csv_con_formulas(contenido):
    assert _rechazo("datos.csv", contenido).code == "csv_formula"


def test_csv_con_negativos_aceptado():
    assert inspeccionar(SimpleUploadedFile("saldos.csv", archivos.CSV_CON_NEGATIVOS)).formato == "csv"


def test_la_regla_del_csv_es_la_de_las_exportaciones():
    """One rule: the upload module imports the exports' function instead of its own regex."""
    from snimh import exportacion

    assert uploads.es_formula is exportacion.es_formula


# The ZIP directory pre-check (item 5) -------------------------------------------------------

def _sin_zipfile(monkeypatch, nombre, contenido):
    """The refusal, with Python's zipfile forbidden to parse anything meanwhile."""

    def prohibido(*args, **kwargs):
        raise AssertionError("zipfile parsed an archive the pre-check should have refused")

    with monkeypatch.context() as parche:
        parche.setattr(uploads.zipfile, "ZipFile", prohibido)
        return _rechazo(nombre, contenido)


def test_directorio_que_miente_rechazado_antes_de_zipfile(monkeypatch):
    """The issue's file in small: thousands of directory headers, an end record that declares one."""
    error = _sin_zipfile(monkeypatch, "directorio.zip", archivos.zip_directorio_que_miente(5000))
    assert error.code == "zip_entradas" and "máximo 1000" in error.messages[0]


def test_conteo_declarado_que_no_corresponde(monkeypatch):
    error = _sin_zipfile(monkeypatch, "menos.zip", archivos.zip_directorio_que_miente(5))
    assert error.code == "zip_enganoso"


def test_zip64_honesto_aceptado_y_zip64_excesivo_rechazado(monkeypatch):
    excesivo = archivos.a_zip64(archivos.zip_de_pdfs(), declaradas=70000)
    assert _sin_zipfile(monkeypatch, "z64.zip", excesivo).code == "zip_entradas"
    assert inspeccionar(SimpleUploadedFile("z64.zip", archivos.a_zip64(archivos.zip_de_pdfs()))).formato == "zip"


def test_zip64_con_localizador_falso(monkeypatch):
    datos = bytearray(archivos.a_zip64(archivos.zip_de_pdfs()))
    localizador = datos.rfind(b"PK\x06\x07")
    datos[localizador + 8:localizador + 16] = (10**9).to_bytes(8, "little")
    assert _sin_zipfile(monkeypatch, "z64.zip", bytes(datos)).code == "zip_danado"


def test_el_limite_de_entradas_cuenta_cabeceras_no_bytes(settings):
    """Long entry names make a big directory, not too many entries: 900 entries pass."""
    settings.EVIDENCIA_ZIP_MAX_ENTRADAS = 1000
    contenido = archivos._zip([(f"carpeta con nombre largo/documento {i:04d}.csv", archivos.CSV) for i in range(900)],
                              metodo=zipfile.ZIP_STORED)
    assert inspeccionar(SimpleUploadedFile("expediente.zip", contenido)).formato == "zip"


# One module, one entry (item 11) -------------------------------------------------------------

def _importaciones(ruta):
    """Every module a file imports, at any depth in it (functions included)."""
    arbol = ast.parse(ruta.read_text())
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            yield from (alias.name for alias in nodo.names)
        elif isinstance(nodo, ast.ImportFrom) and nodo.module:
            yield nodo.module


def test_snimh_no_importa_las_apps_del_dominio():
    """Imports point toward the base app: nothing in snimh/uploads.py or snimh/api.py
    reaches into acuerdos (the old cycle, hidden inside a function)."""
    for modulo in ("snimh/uploads.py", "snimh/api.py", "snimh/exportacion.py"):
        ajenas = [m for m in _importaciones(RAIZ / modulo) if m.split(".")[0] in {"acuerdos", "sesiones"}]
        assert not ajenas, (modulo, ajenas)


def test_formatos_escritos_una_vez():
    from compromisos.models import Evidencia

    assert Evidencia._meta.get_field("formato").choices == uploads.Formato.choices
    assert set(uploads.TIPO_MIME) == set(uploads.EXTENSIONES) == set(uploads.Formato)


@pytest.mark.django_db
def test_la_api_rechaza_con_la_misma_entrada(mundo):
    """The serializer calls inspeccionar: the API answers the same Spanish reason."""
    respuesta = cliente_api(mundo.usuarios["enlace_propio"]).post(
        reverse("api:evidencia-list"),
        {"seguimiento": mundo.propio.pk, "archivo": subir("follina.docx", archivos.docx_follina())},
        format="multipart")
    assert respuesta.status_code == 400
    assert "objeto OLE" in respuesta.json()["errores"]["archivo"][0]


@pytest.mark.django_db
def test_la_api_refiere_el_nombre_enviado(mundo):
    """A path in the name is refused with its reason, not silently cleaned, through the API too."""
    limite = "----limite"
    cuerpo = (f'--{limite}\r\nContent-Disposition: form-data; name="seguimiento"\r\n\r\n{mundo.propio.pk}\r\n'
              f'--{limite}\r\nContent-Disposition: form-data; name="archivo"; filename="../../etc/oficio.pdf"\r\n'
              f"Content-Type: application/pdf\r\n\r\n").encode() + archivos.PDF + f"\r\n--{limite}--\r\n".encode()
    cliente = cliente_api(mundo.usuarios["enlace_propio"])
    respuesta = cliente.generic("POST", reverse("api:evidencia-list"), cuerpo,
                                content_type=f"multipart/form-data; boundary={limite}")
    assert respuesta.status_code == 400
    assert "no puede contener rutas" in respuesta.json()["errores"]["archivo"][0]


@pytest.mark.django_db
def test_limite_del_reporte_desde_el_modelo(mundo):
    """The report text's cap is the model's: the form, the API and the database agree."""
    from django.db import IntegrityError, transaction

    from compromisos.forms import ReporteForm
    from compromisos.models import Reporte

    maximo = Reporte._meta.get_field("texto").max_length
    assert maximo == 10000
    assert ReporteForm.base_fields["texto"].max_length == maximo
    respuesta = cliente_api(mundo.usuarios["enlace_propio"]).post(
        reverse("api:reporte-list"), {"seguimiento": mundo.propio.pk, "texto": "a" * (maximo + 1)}, format="json")
    assert respuesta.status_code == 400
    assert "10000" in respuesta.json()["errores"]["texto"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Reporte.objects.filter(pk=mundo.reporte.pk).update(texto="a" * (maximo + 1))
