"""Every session starts by reviewing what is still open."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from acuerdos import services
from acuerdos.models import RevisionEnSesion
from sesiones.models import PuntoOrdenDia
from tests.factories import SesionFactory

pytestmark = pytest.mark.django_db

ABIERTOS_2020 = [37, 45, 49, 50, 51, 53, 55]


@pytest.fixture
def sesion_23(registro_2020):
    sesion = SesionFactory(numero=23, fecha=datetime.date(2021, 4, 29))
    PuntoOrdenDia.objects.create(sesion=sesion, numero=1, titulo="Sistema Nacional de Cuidados")
    return sesion


def test_el_orden_del_dia_empieza_con_los_acuerdos_abiertos(sesion_23):
    revisiones = services.sesion_preparar_seguimiento(sesion=sesion_23)
    assert [r.acuerdo.numero for r in revisiones] == ABIERTOS_2020
    puntos = list(sesion_23.orden_del_dia.order_by("numero").values_list("numero", "titulo"))
    assert puntos == [(1, "Seguimiento de acuerdos"), (2, "Sistema Nacional de Cuidados")]
    resumen = sesion_23.orden_del_dia.get(numero=1).resumen
    # 53 and 55 were due on 31/03/2021: 29 days late on 29/04/2021.
    assert "- 53:9/12/2020 (en proceso, 29 días de atraso)" in resumen
    assert "- 37:22/11/2019 (en proceso)" in resumen
    # Preparing twice adds nothing.
    services.sesion_preparar_seguimiento(sesion=sesion_23)
    assert RevisionEnSesion.objects.filter(sesion=sesion_23).count() == 7
    assert sesion_23.orden_del_dia.filter(titulo="Seguimiento de acuerdos").count() == 1


def test_el_acta_registra_los_revisados_y_el_acuerdo_lo_muestra(sesion_23, client, coordinacion):
    salida = StringIO()
    call_command("prepare_session", "23", "--revisados", "37", "53", stdout=salida)
    assert "Vigésima Tercera Sesión Ordinaria: 7 acuerdos en seguimiento." in salida.getvalue()
    revisados = set(RevisionEnSesion.objects.filter(sesion=sesion_23, revisado=True).values_list("acuerdo__numero", flat=True))
    assert revisados == {37, 53}
    client.force_login(coordinacion)
    pagina = client.get(reverse("acuerdos:detalle", args=[53])).content.decode()
    assert "Vigésima Tercera Sesión Ordinaria</a> (29 de abril de 2021): en proceso, 29 días de atraso" in pagina
    assert "revisado según el acta" in pagina
