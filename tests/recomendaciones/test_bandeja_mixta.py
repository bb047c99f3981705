"""One engine, one inbox, one review queue: an agreement and an international recommendation
binding the same institution appear side by side, each named by its kind, and the review
queue shows the reports of both with their kind's label — in a number of queries that does
not grow with the kinds' rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compromisos import services as motor

pytestmark = pytest.mark.django_db


def test_la_bandeja_muestra_cada_compromiso_con_su_tipo(client, mundo, cedaw, enlace_propio):
    client.force_login(enlace_propio)
    pagina = client.get(reverse("compromisos:pendientes")).content.decode()
    assert f"Acuerdo {mundo.acuerdo.cita}" in pagina
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a)" in pagina
    assert "2 compromisos pendientes" in pagina
    # Each links to its own kind's page.
    assert mundo.acuerdo.get_absolute_url() in pagina and cedaw.recomendacion.get_absolute_url() in pagina


def test_la_cola_de_revision_reune_los_reportes_de_todos_los_tipos(client, mundo, cedaw, enlace_propio,
                                                                 coordinacion):
    motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Avance de la recomendación.")
    client.force_login(coordinacion)
    with CaptureQueriesContext(connection) as con_dos:
        pagina = client.get(reverse("compromisos:revision")).content.decode()
    assert f"Acuerdo {mundo.acuerdo.cita}" in pagina  # the world's pending report
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a)" in pagina
    # A second report of each kind costs no query: every kind's row comes in the same query.
    motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Otro avance.")
    motor.reporte_crear(seguimiento=mundo.propio, autor=enlace_propio, texto="Otro avance del acuerdo.")
    with CaptureQueriesContext(connection) as con_cuatro:
        client.get(reverse("compromisos:revision"))
    assert len(con_cuatro) == len(con_dos)
