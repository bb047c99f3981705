"""Sessions pages on the official 2020 record."""

import pytest
from django.urls import reverse

from sesiones.models import Sesion

pytestmark = pytest.mark.django_db


def _sesion(numero):
    return Sesion.objects.get(numero=numero, tipo=Sesion.Tipo.ORDINARIA)


def test_lista_de_sesiones(client, registro_2020, consulta):
    client.force_login(consulta)
    respuesta = client.get(reverse("sesiones:lista"))
    assert [s.numero for s in respuesta.context["sesiones"]] == [22, 21, 20, 19]
    html = respuesta.content.decode()
    assert "30 de septiembre de 2020" in html
    assert [s.n_acuerdos for s in respuesta.context["sesiones"]] == [4, 8, 5, 5]
    respuesta = client.get(reverse("sesiones:lista"), {"anio": "2019"})
    assert [s.numero for s in respuesta.context["sesiones"]] == [19]
    # Nonsense filters are ignored rather than failing.
    assert client.get(reverse("sesiones:lista"), {"anio": "x", "tipo": "<b>"}).status_code == 200


@pytest.mark.parametrize(("numero", "texto"), [
    (20, "22 instituciones integrantes, 5 coadyuvantes, 2 invitadas permanentes y 12 invitadas"),
    (21, "33 instituciones integrantes, 8 invitadas permanentes y 6 invitadas"),
    (22, "34 instituciones integrantes, 12 invitadas permanentes y 4 invitadas"),
])
def test_asistencia_como_la_cuenta_el_informe(client, registro_2020, enlace_propio, numero, texto):
    client.force_login(enlace_propio)
    respuesta = client.get(reverse("sesiones:detalle", args=[_sesion(numero).pk]))
    html = respuesta.content.decode()
    assert texto in html
    assert respuesta.context["total_asistencia"] == sum(int(n) for n in texto.replace(",", " ").split() if n.isdigit())


def test_detalle_de_la_sesion(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    sesion = _sesion(21)
    html = client.get(reverse("sesiones:detalle", args=[sesion.pk])).content.decode()
    assert "Vigésima Primera Sesión Ordinaria" in html and "30 de septiembre de 2020" in html
    for numero in range(44, 52):
        assert f"{numero}:30/09/2020" in html
    for punto in sesion.orden_del_dia.all():
        assert punto.titulo in html
    assert "Quórum" in html


def test_quorum_no_determinable(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    html = client.get(reverse("sesiones:detalle", args=[_sesion(20).pk])).content.decode()
    assert "No determinable" in html


def test_sesion_inexistente_404_en_espanol(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("sesiones:detalle", args=[999999]))
    assert respuesta.status_code == 404
    assert "no existe" in respuesta.content.decode().lower()
