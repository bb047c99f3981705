"""Results reproduce the published figures: the Protocol's report (62 reported, 61
pronouncements, 58 signed by the head) in the results page, its CSV and its chart; the
UIG diagnostic (71 %, 61.8 %, 28 % of the constituted, 58 %) at the precision they were
published; the 2020 editions show the published figures, beside a 2021 edition's."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cuestionarios import selectors
from cuestionarios.models import Edicion
from tests.cuestionarios import datos

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def referencia(db):
    return datos.cuestionarios_de_referencia()


@pytest.fixture
def protocolo(referencia, coordinacion):
    return datos.edicion_protocolo(coordinacion)


@pytest.fixture
def uig(referencia, coordinacion):
    return datos.edicion_uig(coordinacion)


def _por_numero(resultados):
    return {r.pregunta.numero: r for _s, lista in resultados.secciones for r in lista}


def _articulo(html, pregunta):
    """The text of one question's result card on the page."""
    inicio = html.index(f'id="r-{pregunta.pk}"')
    return html[inicio:html.index("</article>", inicio)]


def _texto(fragmento):
    """Text without markup, ASCII whitespace collapsed (the non-breaking space before «%» stays)."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", fragmento)).strip()


def test_protocolo_reproduce_los_conteos_publicados(client, coordinacion, protocolo):
    resultados = selectors.resultados(edicion=protocolo)
    assert (resultados.instituciones, resultados.enviadas) == (62, 62)
    r = _por_numero(resultados)
    assert (r["1.1"].base, r["1.1"].fila("si").conteo, r["1.1"].fila("no").conteo) == (62, 61, 1)
    # Signed by the head: asked only of the 61 that issued the pronouncement.
    assert (r["1.3"].aplicables, r["1.3"].base, r["1.3"].fila("si").conteo) == (61, 61, 58)
    assert r["2.3"].numericos.suma == 444 and r["2.4"].numericos.suma == 37
    assert selectors.redondear(r["2.5"].numericos.proporcion, 0) == 59

    client.force_login(coordinacion)
    html = client.get(reverse("cuestionarios:resultados", args=[protocolo.pk])).content.decode()
    assert "62 de 62 instituciones enviaron su respuesta." in _texto(html)
    pronunciamiento = _texto(_articulo(html, r["1.1"].pregunta))
    assert "Base: 62 respuestas" in pronunciamiento
    assert f"Sí 61 98.4{NBSP}%" in pronunciamiento and f"No 1 1.6{NBSP}%" in pronunciamiento
    firma = _texto(_articulo(html, r["1.3"].pregunta))
    assert "Base: 61 respuestas" in firma and f"Sí 58 95.1{NBSP}%" in firma and f"No 3 4.9{NBSP}%" in firma
    consejeras = _texto(_articulo(html, r["2.3"].pregunta))
    assert "Total 444" in consejeras
    assert f"Proporción del total de la pregunta 2.3 59{NBSP}% (262 / 444)" in _texto(_articulo(html, r["2.5"].pregunta))

    # The chart carries the same numbers, as its bars' titles and its description.
    grafica = r["1.1"].grafica
    assert "<title>Respuestas: 61</title>" in grafica and "<title>Respuestas: 1</title>" in grafica
    assert f"Sí: 61 (98.4{NBSP}%); No: 1 (1.6{NBSP}%). Base: 62 respuestas." in grafica
    assert "<title>Respuestas: 58</title>" in r["1.3"].grafica
    assert grafica in html


def test_protocolo_csv(client, coordinacion, protocolo):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("cuestionarios:exportar_csv", args=[protocolo.pk]))
    assert respuesta["Content-Type"].startswith("text/csv")
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    encabezados, filas = filas[0], filas[1:]
    pronunciamiento = next(i for i, e in enumerate(encabezados) if e.startswith("1.1 "))
    firma = next(i for i, e in enumerate(encabezados) if e.startswith("1.3 "))
    estado = encabezados.index("Estado de la respuesta")
    assert len(filas) == 62 and all(f[estado] == "Enviada" for f in filas)
    assert sum(f[pronunciamiento] == "Sí" for f in filas) == 61
    assert sum(f[firma] == "Sí" for f in filas) == 58
    assert sum(f[firma] == "" for f in filas) == 1  # the one without a pronouncement
    designadas = next(i for i, e in enumerate(encabezados) if e.startswith("2.3 "))
    assert sum(int(f[designadas]) for f in filas) == 444
    # Coordination gets the personal-data columns.
    assert any(e.startswith("5.1 ") for e in encabezados)
    assert any("reporta0@ejemplo.gob.mx" in f for f in filas)


def test_consulta_exporta_sin_datos_personales(client, consulta, protocolo):
    client.force_login(consulta)
    for nombre in ("cuestionarios:exportar_csv", "cuestionarios:exportar_xlsx"):
        contenido = client.get(reverse(nombre, args=[protocolo.pk])).content
        if nombre.endswith("csv"):
            texto = contenido.decode("utf-8-sig")
        else:
            from openpyxl import load_workbook

            hoja = load_workbook(io.BytesIO(contenido), read_only=True).active
            texto = "\n".join(",".join(str(c) for c in fila if c is not None) for fila in hoja.iter_rows(values_only=True))
        assert "1.1 " in texto and "2.3 " in texto
        assert "5.1 " not in texto and "ejemplo.gob.mx" not in texto and "Persona Reportante" not in texto


def test_uig_reproduce_los_porcentajes_publicados(client, coordinacion, referencia, uig):
    r = _por_numero(selectors.resultados(edicion=uig))
    enlaces, constituida, estatuto, anexo = r["3.1"], r["2.1"], r["2.2"], r["4.6"]
    assert (enlaces.base, enlaces.fila("si").conteo) == (34, 24)
    assert (constituida.base, constituida.fila("si").conteo) == (34, 21)
    assert (estatuto.aplicables, estatuto.base, estatuto.fila("si").conteo) == (21, 18, 5)
    assert (anexo.base, anexo.fila("si").conteo) == (33, 19)
    # At the precision each figure was published with.
    assert selectors.redondear(enlaces.fila("si").porcentaje, 0) == 71
    assert selectors.redondear(constituida.fila("si").porcentaje, 1) == Decimal("61.8")
    assert selectors.redondear(estatuto.fila("si").porcentaje, 0) == 28
    assert selectors.redondear(anexo.fila("si").porcentaje, 0) == 58

    client.force_login(coordinacion)
    html = client.get(reverse("cuestionarios:resultados", args=[uig.pk])).content.decode()
    assert f"Sí 21 61.8{NBSP}%" in _texto(_articulo(html, constituida.pregunta))
    tarjeta = _texto(_articulo(html, estatuto.pregunta))
    assert "aplica solo si la 2.1 es «Sí»" in tarjeta
    assert "Base: 18 respuestas · 3 la dejaron sin contestar" in tarjeta and f"Sí 5 27.8{NBSP}%" in tarjeta
    assert "Base: 33 respuestas · 1 la dejó sin contestar" in _texto(_articulo(html, anexo.pregunta))

    # Beside the 2020 edition's published figures, each computed one agrees when rounded as published.
    publicada = Edicion.objects.get(cuestionario=uig.cuestionario, nombre="2020")
    filas = selectors.comparacion(a=publicada, b=uig)
    por_texto = {f.texto_fuente: f for f in filas}
    for frase, publicado, calculado in [
        ("el 71% de las UIG cuenta con enlaces de género", f"71{NBSP}%", f"71{NBSP}%"),
        ("sólo el 61.8% de las UIG están formalmente constituidas", f"61.8{NBSP}%", f"61.8{NBSP}%"),
        ("y de éstas sólo el 28% está institucionalizada en el estatuto o manual de organización", f"28{NBSP}%",
         f"28{NBSP}%"),
        ("sólo el 58% de las UIG cuentan con presupuesta etiquetado en el anexo 13 del PEF", f"58{NBSP}%", f"58{NBSP}%"),
    ]:
        fila = por_texto[frase]
        assert (str(fila.a), str(fila.b), fila.diferencia) == (publicado, calculado, "sin cambio"), frase
    rango = por_texto["existen redes de enlaces de género conformadas entre 5 y 578 personas"]
    assert (str(rango.a), str(rango.b), rango.diferencia) == ("de 5 a 578", "de 5 a 578", "sin cambio")
    pagina = client.get(reverse("cuestionarios:comparar", args=[uig.cuestionario.clave]),
                        {"a": publicada.pk, "b": uig.pk}).content.decode()
    assert "Edición 2020 frente a edición 2021" in pagina
    assert pagina.count("sin cambio") >= 5


def test_ediciones_2020_muestran_las_cifras_publicadas(client, consulta, referencia):
    uig, protocolo = referencia
    client.force_login(consulta)
    for cuestionario, frases in [
        (uig, ["el 71% de las UIG cuenta con enlaces de género", f"61.8{NBSP}%", "28%", "58%", "41%", "56%", "60%",
               "62%", "de 5 a 578", "78%", "55%"]),
        (protocolo, ["61 de 62", "58 de 61", "«Correo electrónico institucional» (la más frecuente)", "444", "37",
                     f"59{NBSP}%"]),
    ]:
        edicion = cuestionario.ediciones.get(nombre="2020")
        assert edicion.historica and edicion.publicada and not edicion.respuestas.exists()
        html = client.get(reverse("cuestionarios:resultados", args=[edicion.pk])).content.decode()
        for frase in frases:
            assert frase in html, (cuestionario.clave, frase)
        # Anonymous visitors read the same published figures.
        client.logout()
        publico = client.get(reverse("cuestionarios:publica", args=[edicion.pk])).content.decode()
        for frase in frases:
            assert frase in publico, (cuestionario.clave, frase)
        client.force_login(consulta)
    assert Edicion.objects.get(cuestionario=uig, nombre="2020").respuestas_publicadas == 34
    assert Edicion.objects.get(cuestionario=protocolo, nombre="2020").respuestas_publicadas == 62


def test_una_edicion_2021_junto_a_las_cifras_de_2020(client, coordinacion, protocolo):
    publicada = Edicion.objects.get(cuestionario=protocolo.cuestionario, nombre="2020")
    client.force_login(coordinacion)
    html = client.get(reverse("cuestionarios:comparar", args=[protocolo.cuestionario.clave]),
                      {"a": publicada.pk, "b": protocolo.pk}).content.decode()
    texto = _texto(html)
    assert "Edición 2020 frente a edición 2021" in texto
    # Question, what is counted, the published sentence, 2020 as published, 2021 computed, difference.
    assert "Respuestas «Sí» de las cuales 61 realizaron la emisión del Pronunciamiento 61 de 62 61 de 62 sin cambio" in texto
    assert "Respuestas «Sí» 58 se realizaron por las personas titulares de las instituciones 58 de 61 58 de 61 sin cambio" \
        in texto
    assert ("Opción más frecuente el medio más utilizado para su difusión fue correo electrónico "
            "Correo electrónico institucional Correo electrónico institucional sin cambio") in texto
    assert "existen 444 personas consejeras 444 444 sin cambio" in texto
    assert "37 ya estaban certificadas en el anterior modelo 37 37 sin cambio" in texto
    assert f"convocatorias abiertas 59{NBSP}% 59{NBSP}% sin cambio" in texto


def test_comparar_dos_ediciones_con_respuestas(coordinacion, referencia):
    _uig, cuestionario = referencia
    antes = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario, nombre="2021")
    despues = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario, nombre="2022")
    filas = selectors.comparacion(a=antes, b=despues)
    si = next(f for f in filas if f.pregunta.numero == "1.1" and f.etiqueta == "«Sí»")
    assert (str(si.a), str(si.b), si.diferencia) == (f"98.4{NBSP}%", f"98.4{NBSP}%", "sin cambio")
    total = next(f for f in filas if f.pregunta.numero == "2.3" and f.etiqueta == "Total")
    assert (str(total.a), total.diferencia) == ("444", "sin cambio")


def test_desglose_por_naturaleza(client, coordinacion, consulta, protocolo):
    resultados = selectors.resultados(edicion=protocolo, cruce="naturaleza", ver_datos_personales=True)
    cruce = _por_numero(resultados)["1.1"].cruce
    bases = {grupo: base for grupo, base, _c, _p in cruce.filas}
    assert bases == {"Secretaría de Estado": 21, "Entidad paraestatal": 21, "Órgano administrativo desconcentrado": 20}
    assert sum(conteos["si"] for _g, _b, conteos, _p in cruce.filas) == 61
    client.force_login(consulta)
    html = client.get(reverse("cuestionarios:resultados", args=[protocolo.pk]), {"cruce": "sector"}).content.decode()
    assert "Por sector" in html and "Energía" in html


def test_los_resultados_leen_un_numero_fijo_de_consultas(coordinacion, referencia, django_assert_max_num_queries):
    _uig, cuestionario = referencia
    pequena = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario, nombre="Piloto", n=2)
    grande = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario)
    cuentas = []
    for edicion in (pequena, grande):
        with CaptureQueriesContext(connection) as consultas:
            selectors.resultados(edicion=edicion, cruce="naturaleza", ver_textos=True)
        cuentas.append(len(consultas))
    assert cuentas[0] == cuentas[1] <= 8
