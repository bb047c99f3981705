"""Institutions pages on the official 2020 record."""

import pytest
from django.urls import reverse

from instituciones.models import Institucion
from tests.factories import RepresentanteFactory

pytestmark = pytest.mark.django_db


def test_detalle_con_historial_de_roles_y_acuerdo_que_los_otorgo(client, registro_2020, consulta):
    client.force_login(consulta)
    conavim = Institucion.objects.get(siglas="CONAVIM")
    html = client.get(reverse("instituciones:detalle", args=[conavim.pk])).content.decode()
    assert "Invitada permanente" in html
    assert 'href="/acuerdos/46/"' in html and "Acuerdo 46:30/09/2020" in html


def test_detalle_muestra_uig_representantes_acuerdos_y_cumplimiento(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    RepresentanteFactory(institucion=inmujeres, nombre="Nadine Gasman Zylbermann", cargo="Presidenta")
    respuesta = client.get(reverse("instituciones:detalle", args=[inmujeres.pk]))
    html = respuesta.content.decode()
    assert "Nadine Gasman Zylbermann, Presidenta" in html
    # The engine's panel: every commitment the institution is bound by, with its compliance.
    paneles = {panel.clave: datos for panel, datos in respuesta.context["paneles"]}
    cumplimiento = paneles["compromisos"]["cumplimiento"]
    assert cumplimiento["total"] == inmujeres.seguimientos.count()
    assert cumplimiento["cumplidos"] == inmujeres.seguimientos.filter(compromiso__estatus="cumplido").count()
    assert f"Cumplimiento: {cumplimiento['tasa']} %" in html
    for seguimiento in inmujeres.seguimientos.select_related("compromiso__acuerdo__sesion"):
        assert seguimiento.compromiso.acuerdo.cita in html


def test_lista_y_busqueda_sin_acentos(client, registro_2020, enlace_propio):
    client.force_login(enlace_propio)
    respuesta = client.get(reverse("instituciones:lista"), {"q": "comision nacional para prevenir"})
    assert [i.siglas for i in respuesta.context["instituciones"]] == ["CONAVIM"]
    respuesta = client.get(reverse("instituciones:lista"), {"q": "pemex"})
    assert [i.siglas for i in respuesta.context["instituciones"]] == ["PEMEX"]
    html = client.get(reverse("instituciones:lista"), {"q": "zzz"}).content.decode()
    assert "Ninguna institución coincide con la búsqueda." in html


def test_institucion_inexistente(client, coordinacion):
    client.force_login(coordinacion)
    assert client.get(reverse("instituciones:detalle", args=[999999])).status_code == 404
