"""The questionnaire pages issue the same number of SQL queries for an edition of 3
responses as for one of 12: nothing is read per institution or per answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cuestionarios.models import Edicion
from tests.cuestionarios import datos

pytestmark = pytest.mark.django_db

TOPE = 30


def _paginas(edicion, publicada):
    respuesta = edicion.respuestas.order_by("pk").first()
    return {
        "lista": reverse("cuestionarios:lista"),
        "detalle": reverse("cuestionarios:detalle", args=[edicion.cuestionario.clave]),
        "edicion": reverse("cuestionarios:edicion", args=[edicion.pk]),
        "resultados": reverse("cuestionarios:resultados", args=[edicion.pk]) + "?cruce=naturaleza",
        "exportar_csv": reverse("cuestionarios:exportar_csv", args=[edicion.pk]),
        "exportar_xlsx": reverse("cuestionarios:exportar_xlsx", args=[edicion.pk]),
        "comparar": reverse("cuestionarios:comparar", args=[edicion.cuestionario.clave])
        + f"?a={publicada.pk}&b={edicion.pk}",
        "respuesta": reverse("cuestionarios:respuesta", args=[respuesta.pk]),
        "publica": reverse("cuestionarios:publica", args=[publicada.pk]),
    }


def test_consultas_constantes(client, coordinacion):
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    publicada = Edicion.objects.get(cuestionario=cuestionario, nombre="2020")
    client.force_login(coordinacion)
    cuentas = {}
    for n, nombre in ((3, "Pequeña"), (12, "Grande")):
        edicion = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario, nombre=nombre, n=n)
        for pagina, url in _paginas(edicion, publicada).items():
            with CaptureQueriesContext(connection) as consultas:
                assert client.get(url).status_code == 200, pagina
            cuentas.setdefault(pagina, []).append(len(consultas))
    for pagina, (pequena, grande) in cuentas.items():
        assert pequena == grande <= TOPE, (pagina, pequena, grande)
