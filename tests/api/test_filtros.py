"""Filters, search, ordering and pagination of the agreements, on the official record."""

import datetime

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from compromisos import services as motor
from instituciones.models import Institucion
from tests.api.conftest import cliente_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(registro_2020, consulta):
    return cliente_api(consulta)


def _numeros(api, **parametros):
    respuesta = api.get(reverse("api:acuerdo-list"), {"tamano": 100, **parametros})
    assert respuesta.status_code == 200, respuesta.json()
    return [a["numero"] for a in respuesta.json()["results"]]


def test_por_sesion_anio_y_estatus(api):
    assert _numeros(api, sesion=19) == [34, 35, 36, 37, 38]
    assert _numeros(api, anio=2019) == [34, 35, 36, 37, 38]
    assert len(_numeros(api, anio=2020)) == 17
    assert _numeros(api, estatus="en_proceso") == [37, 45, 49, 50, 51, 53, 55]
    assert len(_numeros(api, estatus=["en_proceso", "cumplido"])) == 22


def test_por_institucion_y_objetivo(api):
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    assert 53 in _numeros(api, institucion=inmujeres.pk)
    from acuerdos.models import Objetivo

    objetivo = Objetivo.objects.get(programa__clave="PROIGUALDAD-2020-2024", numero=2)
    assert _numeros(api, objetivo=objetivo.pk) == [53]


def test_por_plazo_y_vencidos(api):
    assert _numeros(api, plazo_desde="2021-01-01", plazo_hasta="2021-12-31") == [53, 55]
    # 53 and 55 were due in the first quarter of 2021 and are still open.
    assert _numeros(api, vencido="true") == [53, 55]
    assert 53 not in _numeros(api, vencido="false")


def test_busqueda_sin_mayusculas_ni_acentos(api):
    assert _numeros(api, q="ley nacional de cuidados") == [53]
    assert _numeros(api, q="LEY NACIONAL DE CUIDADOS") == [53]
    # "dialogo" is written without accent in agreement 53; "diálogo" must find it too.
    assert _numeros(api, q="diálogo") == [53]
    # Spanish stemming: the singular finds the plural.
    assert 53 in _numeros(api, q="cuidado")
    assert set(_numeros(api, q="petróleos mexicanos")) == {54}
    assert _numeros(api, q="petroleos") == [54]
    assert _numeros(api, q="inexistentísimo") == []


def test_orden_y_paginacion(api):
    respuesta = api.get(reverse("api:acuerdo-list"), {"orden": "-numero", "tamano": 5, "pagina": 2}).json()
    assert respuesta["count"] == 22
    assert [a["numero"] for a in respuesta["results"]] == [50, 49, 48, 47, 46]
    assert len(api.get(reverse("api:acuerdo-list"), {"tamano": 100}).json()["results"]) == 22
    # Past the maximum the API says so (400) instead of silently serving 100 (issue 14).
    assert api.get(reverse("api:acuerdo-list"), {"tamano": 1000}).json()["codigo"] == "datos_invalidos"
    assert api.get(reverse("api:acuerdo-list"), {"pagina": 99}).json()["codigo"] == "no_encontrado"


def test_filtros_invalidos_responden_400(api):
    respuesta = api.get(reverse("api:acuerdo-list"), {"plazo_desde": "ayer", "estatus": "inventado"})
    assert respuesta.status_code == 400
    assert set(respuesta.json()["errores"]) == {"plazo_desde", "estatus"}


def test_lista_de_vencidos_de_una_institucion(api, coordinacion):
    """The README's first curl example, as a test."""
    shcp = Institucion.objects.get(siglas="SHCP")
    acuerdo = Acuerdo.objects.get(numero=55)
    motor.responsable_agregar(compromiso=acuerdo, institucion=shcp)
    assert _numeros(api, institucion=shcp.pk, vencido="true") == [55]
    assert datetime.date.today() > acuerdo.plazo_fecha
