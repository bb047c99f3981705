"""Query counts of every page and export: constant in the number of recommendations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compromisos import services as motor
from recomendaciones import services
from tests.factories import InstitucionFactory

pytestmark = pytest.mark.django_db


def _consultas(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    return len(capturadas)


def _mas_recomendaciones(cedaw, n, autor):
    instituciones = [InstitucionFactory() for _ in range(2)]
    for numero in range(100, 100 + n):
        recomendacion = services.recomendacion_crear(
            documento="DOC/C/PRUEBA/1", parrafo_numero=numero, texto="Más.", mesa=cedaw.mesa,
            instituciones=[cedaw.propio.institucion, *instituciones])
        seguimiento = recomendacion.seguimientos.get(institucion=cedaw.propio.institucion)
        motor.reporte_crear(seguimiento=seguimiento, autor=autor, texto="Avance.")


@pytest.mark.parametrize("rol", ["coordinacion", "enlace_propio"])
def test_pages_do_not_grow_with_recommendations(client, cedaw, request, rol, enlace_propio):
    client.force_login(request.getfixturevalue(rol))
    urls = [reverse("recomendaciones:lista"), reverse("recomendaciones:mesa", args=[cedaw.mesa.pk]),
            reverse("recomendaciones:detalle", args=[cedaw.recomendacion.pk]),
            reverse("recomendaciones:exportar_csv"), reverse("recomendaciones:exportar_xlsx"),
            "/api/v1/recomendaciones/", "/api/v1/mesas-tematicas/"]
    antes = {url: _consultas(client, url) for url in urls}
    _mas_recomendaciones(cedaw, 12, enlace_propio)
    despues = {url: _consultas(client, url) for url in urls}
    assert despues == antes
