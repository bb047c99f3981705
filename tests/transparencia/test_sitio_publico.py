"""The public site, as an anonymous reader finds it: a page per agreement, session and
institution, the filtered list with its figures, and open data that says the same thing in
every format. Nothing private: no evidence, reports, observations or people."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from acuerdos import services
from acuerdos.models import Acuerdo
from compromisos.models import Estatus
from instituciones.models import Institucion
from tests.factories import SesionFactory
from transparencia import datos

pytestmark = pytest.mark.django_db
D = datetime.date
PRIVADO = ("pronunciamiento.pdf", "Falta la firma.", "Se emitió el pronunciamiento.", "enlace_propio",
           "Coordinadora", "contraseña")


def _html(respuesta):
    assert respuesta.status_code == 200, respuesta.status_code
    return respuesta.content.decode()


def test_pagina_del_acuerdo_con_su_direccion_estable(client, registro_2020):
    html = _html(client.get("/transparencia/acuerdos/46/"))
    assert "Acuerdo 46:30/09/2020" in html
    assert reverse("transparencia:sesion", args=["ordinaria", 21]) in html
    assert "Las instituciones participantes en el Sistema acuerdan la incorporación" in html
    assert "Por grupo: Invitadas permanentes" in html and "Por grupo: Integrantes" in html
    assert "El registro no consigna instituciones de este grupo en la fecha de la sesión." in html
    for nombre in ("Comisión Federal de Electricidad", "Comisión Nacional de Cultura Física y Deporte",
                   "Instituto Nacional de Desarrollo Social"):
        assert nombre in html
    assert "4 de 4 instituciones responsables cumplieron." in html
    assert "31 de diciembre de 2020" in html  # the dated history of its status
    # Agreement 53 is open and past its deadline.
    html = _html(client.get(reverse("transparencia:acuerdo", args=[53])))
    assert "vencido hace" in html and "31 de marzo de 2021" in html


def test_nada_privado_en_las_paginas_publicas(client, mundo):
    for url in (reverse("transparencia:lista"), reverse("transparencia:acuerdo", args=[mundo.acuerdo.numero]),
                reverse("transparencia:sesion", args=[mundo.acuerdo.sesion.tipo, mundo.acuerdo.sesion.numero]),
                reverse("transparencia:institucion", args=[mundo.propio.institucion_id]),
                reverse("transparencia:acuerdos_json"), reverse("transparencia:responsables_json")):
        contenido = client.get(url).content.decode()
        for secreto in PRIVADO:
            assert secreto not in contenido, (url, secreto)


def test_lo_que_no_se_ha_adoptado_no_se_publica(client, registro_2020):
    futura = SesionFactory(numero=23, fecha=timezone.localdate() + datetime.timedelta(days=10), estado="programada")
    services.acuerdo_crear(sesion=futura, numero=56, texto="Borrador que aún no se vota.")
    assert client.get(reverse("transparencia:acuerdo", args=[56])).status_code == 404
    assert client.get(reverse("transparencia:sesion", args=["ordinaria", 23])).status_code == 404
    assert "Borrador que aún no se vota." not in _html(client.get(reverse("transparencia:lista")))
    assert "Borrador" not in client.get(reverse("transparencia:acuerdos_csv")).content.decode("utf-8-sig")
    assert client.get(reverse("api:transparencia-acuerdo-detail", args=[56])).status_code == 404


def test_filtros_cifras_y_graficas_de_lo_filtrado(client, registro_2020):
    cfe = Institucion.objects.get(siglas="CFE")
    respuesta = client.get(reverse("transparencia:lista"), {"institucion": cfe.pk, "estatus": "en_proceso"})
    assert [a.numero for a in respuesta.context["acuerdos"]] == [45, 49, 50, 51]
    html = _html(respuesta)
    assert '<span class="cifra-numero">4</span> <span>acuerdos con los filtros elegidos' in html
    assert "<svg" in html and "Acuerdos por año y estatus" in html
    formulario = respuesta.context["filtro"].form
    assert {"q", "sesion", "anio", "estatus", "institucion", "objetivo", "vencidos", "orden"} <= set(formulario.fields)
    vencidos = client.get(reverse("transparencia:lista"), {"vencidos": "on"})
    assert [a.numero for a in vencidos.context["acuerdos"]] == [53, 55]
    objetivo = Acuerdo.objects.get(numero=53).objetivos.get()
    assert [a.numero for a in client.get(reverse("transparencia:lista"),
                                         {"objetivo": objetivo.pk}).context["acuerdos"]] == [53]
    # A count of one reads in the singular.
    uno = _html(client.get(reverse("transparencia:lista"), {"q": "electricidad"}))
    assert "1 acuerdo\n" in uno or "1 acuerdo<" in uno
    assert "1 acuerdos" not in uno and "1 cumplidos" not in uno


def test_pagina_de_sesion(client, registro_2020):
    html = _html(client.get(reverse("transparencia:sesion", args=["ordinaria", 21])))
    assert "Vigésima Primera Sesión Ordinaria" in html
    assert "Participaron representantes de 33 instituciones integrantes, 8 invitadas permanentes y 6 invitadas." in html
    assert reverse("transparencia:acuerdo", args=[46]) in html


def test_tarjeta_publica_de_la_institucion(client, registro_2020):
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    respuesta = client.get(reverse("transparencia:institucion", args=[inmujeres.pk]))
    html = _html(respuesta)
    contexto = respuesta.context
    esperados = Acuerdo.objects.filter(seguimientos__institucion=inmujeres).distinct()
    assert contexto["total"] == esperados.exclude(estatus=Estatus.SIN_MATERIA).count()
    assert contexto["cumplidos"] == esperados.filter(estatus=Estatus.CUMPLIDO).count()
    assert contexto["vencidos"] == esperados.vencidos().count()
    assert f"{contexto['tasa']} %" in html
    assert "Acuerdos del SNIMH a cargo del Instituto Nacional de las Mujeres" in html  # «del», not «de el»
    indice = _html(client.get(reverse("transparencia:instituciones")))
    assert reverse("transparencia:institucion", args=[inmujeres.pk]) in indice


def _csv(respuesta):
    contenido = respuesta.content
    assert contenido.startswith("\ufeff".encode())  # UTF-8 with BOM
    return list(csv.DictReader(io.StringIO(contenido.decode("utf-8-sig"))))


def _xlsx(respuesta):
    filas = list(load_workbook(io.BytesIO(respuesta.content)).active.iter_rows(values_only=True))
    return [dict(zip(filas[0], fila, strict=True)) for fila in filas[1:]]


def test_datos_abiertos_dicen_lo_mismo_en_cada_formato(client, registro_2020):
    filtro = {"anio": "2020"}
    por_csv = _csv(client.get(reverse("transparencia:acuerdos_csv"), filtro))
    por_json = json.loads(client.get(reverse("transparencia:acuerdos_json"), filtro).content)
    por_xlsx = _xlsx(client.get(reverse("transparencia:acuerdos_xlsx"), filtro))
    columnas = [c.nombre for c in datos.ACUERDOS]
    assert list(por_csv[0]) == columnas and list(por_json["acuerdos"][0]) == columnas and list(por_xlsx[0]) == columnas
    assert len(por_csv) == len(por_json["acuerdos"]) == len(por_xlsx) == 17
    assert por_json["licencia"]["nombre"] == "Términos de Libre Uso MX"
    for fila_csv, fila_json, fila_xlsx in zip(por_csv, por_json["acuerdos"], por_xlsx, strict=True):
        for columna in datos.ACUERDOS:
            valor = fila_json[columna.nombre]
            if columna.tipo == datos.BOOLEANO:
                valor = "sí" if valor else "no"
            esperado = "" if valor is None else str(valor)
            assert fila_csv[columna.nombre] == esperado, columna.nombre
            en_xlsx = fila_xlsx[columna.nombre]
            en_xlsx = en_xlsx.date().isoformat() if hasattr(en_xlsx, "date") else en_xlsx
            assert ("" if en_xlsx is None else str(en_xlsx)) == esperado, columna.nombre
    fila_46 = next(f for f in por_json["acuerdos"] if f["numero"] == 46)
    assert fila_46["responsables"] == "Integrantes: sin instituciones registradas; " \
        "Invitadas permanentes: CFE, CONADE, CONAVIM, INDESOL"
    assert (fila_46["instituciones_responsables"], fila_46["instituciones_cumplidas"]) == (4, 4)
    assert fila_46["url"].endswith("/transparencia/acuerdos/46/")


def test_tabla_por_institucion_para_calcular_cifras_propias(client, registro_2020):
    filas = _csv(client.get(reverse("transparencia:responsables_csv"), {"q": "electricidad"}))
    assert list(filas[0]) == [c.nombre for c in datos.RESPONSABLES]
    assert {(f["siglas"], f["origen"], f["grupo"], f["estatus"]) for f in filas} == {
        (s, "grupo", "Invitadas permanentes", "cumplido") for s in ("CFE", "CONADE", "CONAVIM", "INDESOL")}
    vencidas = _csv(client.get(reverse("transparencia:responsables_csv"), {"estatus": "en_proceso", "vencidos": "on"}))
    assert vencidas and all(f["vencido"] == "sí" and int(f["dias_vencido"]) > 0 for f in vencidas)
    en_json = json.loads(client.get(reverse("transparencia:responsables_json"), {"q": "electricidad"}).content)
    assert len(en_json["responsables"]) == 4


def test_diccionario_de_datos_pagina_y_archivo(client, db):
    html = _html(client.get(reverse("transparencia:datos")))
    archivo = list(csv.reader(io.StringIO(client.get(reverse("transparencia:diccionario")).content.decode("utf-8-sig"))))
    assert archivo[0] == ["tabla", "columna", "tipo", "significado"]
    assert len(archivo) - 1 == len(datos.ACUERDOS) + len(datos.RESPONSABLES)
    for tabla, columna, _tipo, significado in archivo[1:]:
        assert f"<code>{columna}</code>" in html
        assert tabla in datos.TABLAS and significado
    assert "Términos de Libre Uso MX" in html and "UTF-8 con BOM" in html
