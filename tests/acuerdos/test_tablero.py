"""The dashboard with few records: full session names, one bar per session, singulars,
and best/worst lists that never share an institution."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from acuerdos import services, tablero
from compromisos.models import Estatus
from sesiones.models import Sesion
from tests.factories import AcuerdoFactory, InstitucionFactory, SesionFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HOY = D(2021, 1, 15)


@pytest.fixture(autouse=True)
def _cache_limpia():
    cache.clear()
    yield
    cache.clear()


def _texto(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _fila(n, cumplidos, total):
    return tablero.FilaCumplimiento(n, f"Institución {n:02d}", f"I{n}", total, cumplidos)


@pytest.mark.parametrize("cuantas", [1, 2, 3, 5, 6, 7, 9, 10, 11, 25])
def test_mayor_y_menor_cumplimiento_sin_repetir(cuantas):
    filas = [_fila(n, cumplidos=n % 4, total=3) for n in range(cuantas)]
    mejores, peores = tablero._mejores_y_peores(filas)
    assert not {f.institucion_id for f in mejores} & {f.institucion_id for f in peores}
    assert len(mejores) == min(tablero.INSTITUCIONES_EN_RANKING, (cuantas + 1) // 2)
    assert len(peores) == min(tablero.INSTITUCIONES_EN_RANKING, cuantas // 2)
    assert all(m.tasa >= p.tasa for m in mejores for p in peores)
    if peores:
        assert peores[0].tasa == min(f.tasa for f in filas), "the worst first"


def _acuerdo_con(instituciones_y_estatus, numero):
    acuerdo = AcuerdoFactory(numero=numero, sesion=SesionFactory(numero=numero, fecha=D(2020, 4, 24)))
    for institucion, estatus in instituciones_y_estatus:
        seguimiento = services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion)
        type(seguimiento).objects.filter(pk=seguimiento.pk).update(estatus=estatus)
    return acuerdo


def test_pagina_con_pocas_instituciones_no_repite_ninguna(client, consulta):
    instituciones = [InstitucionFactory(nombre=f"Institución número {n}") for n in range(4)]
    # Compliance 100 %, 50 %, 50 %, 0 %.
    _acuerdo_con([(instituciones[0], Estatus.CUMPLIDO), (instituciones[1], Estatus.CUMPLIDO),
                  (instituciones[2], Estatus.EN_PROCESO), (instituciones[3], Estatus.EN_PROCESO)], 1)
    _acuerdo_con([(instituciones[0], Estatus.CUMPLIDO), (instituciones[1], Estatus.EN_PROCESO),
                  (instituciones[2], Estatus.CUMPLIDO)], 2)
    client.force_login(consulta)
    html = client.get(reverse("acuerdos:tablero")).content.decode()
    mayor = html[html.index("Mayor cumplimiento"):html.index("Menor cumplimiento")]
    menor = html[html.index("Menor cumplimiento"):html.index('id="t-asistencia"')]
    en_mayor = {i.nombre for i in instituciones if i.nombre in mayor}
    en_menor = {i.nombre for i in instituciones if i.nombre in menor}
    assert en_mayor == {"Institución número 0", "Institución número 1"}
    assert en_menor == {"Institución número 2", "Institución número 3"}


def test_cifras_en_singular(client, consulta, settings):
    settings.AVISOS_DIAS_ANTES = [1]
    vencido = AcuerdoFactory(numero=1, sesion=SesionFactory(numero=1, fecha=D(2020, 4, 24)),
                             estatus=Estatus.EN_PROCESO, plazo_fecha=D(2020, 6, 1))
    assert vencido.esta_vencido()
    client.force_login(consulta)
    texto = _texto(client.get(reverse("acuerdos:tablero")).content.decode())
    assert "1 acuerdo en total" in texto
    assert "1 en proceso" in texto and "0 cumplidos" in texto
    assert "1 vencido " in texto
    assert "por vencer (1 día o menos)" in texto
    for plural in ("1 acuerdos", "1 vencidos"):
        assert plural not in texto
    AcuerdoFactory(numero=2, sesion=vencido.sesion, estatus=Estatus.CUMPLIDO)
    cache.clear()
    texto = _texto(client.get(reverse("acuerdos:tablero")).content.decode())
    assert "2 acuerdos en total" in texto and "1 cumplido " in texto


def test_sesiones_con_el_mismo_numero_son_dos_barras_con_su_nombre_completo(client, consulta):
    ordinaria = SesionFactory(numero=1, tipo=Sesion.Tipo.ORDINARIA, fecha=D(2020, 2, 1))
    extraordinaria = SesionFactory(numero=1, tipo=Sesion.Tipo.EXTRAORDINARIA, fecha=D(2020, 3, 1))
    AcuerdoFactory(numero=1, sesion=ordinaria, estatus=Estatus.CUMPLIDO)
    AcuerdoFactory(numero=2, sesion=extraordinaria, estatus=Estatus.EN_PROCESO)
    datos = tablero.tablero(hoy=HOY)
    assert [(s.pk, v) for s, v in datos.por_sesion] == [(ordinaria.pk, {"cumplido": 1}),
                                                         (extraordinaria.pk, {"en_proceso": 1})]
    svg = datos.graficas["sesion"]
    assert ">Primera Sesión Ordinaria</text>" in svg and ">Primera Sesión Extraordinaria</text>" in svg
    assert "Primera Sesión Ordinaria: Cumplido (1); Primera Sesión Extraordinaria: En proceso (1)" in svg
    client.force_login(consulta)
    html = client.get(reverse("acuerdos:tablero")).content.decode()
    assert html.count(">Primera Sesión Extraordinaria</a>") == 1, "the chart's table names it too"
