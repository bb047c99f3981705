"""Semaforización: the level follows the thresholds, changing them reclassifies, the
distribution equals a hand count; officers propose their lines' scores, coordination
validates; the pages and their permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cuentas.models import RolUsuario
from programas import semaforo
from programas.models import PuntajeLinea
from tests.factories import UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db


@pytest.fixture
def datos(db):
    p = construir_programa(objetivos=2, estrategias=1, lineas=4)  # 8 lines
    return p, semaforo.matriz_de(programa=p.programa), UsuarioFactory(rol=RolUsuario.COORDINACION)


def _calificar(linea, matriz, valores, coordinacion, validar=True):
    criterios = list(matriz.criterios.all())
    semaforo.puntajes_proponer(linea=linea, usuario=coordinacion,
                               valores={c.pk: v for c, v in zip(criterios, valores, strict=True)})
    if validar:
        semaforo.puntajes_validar(linea=linea, usuario=coordinacion)


def _niveles(p, matriz):
    niveles = list(matriz.niveles.all())
    lineas = semaforo.lineas_con_nivel(matriz=matriz, niveles=niveles, n_criterios=matriz.criterios.count())
    por_id = {n.pk: n.nombre for n in niveles}
    return {linea.numero: por_id.get(linea.nivel_id) for linea in lineas}


def test_la_matriz_predeterminada_dice_que_lo_es(datos):
    _p, matriz, _c = datos
    assert matriz.predeterminada
    assert [c.nombre for c in matriz.criterios.all()] == [f"Criterio {n}" for n in range(1, 6)]
    assert [(n.nombre, n.puntaje_minimo, n.alta_factibilidad) for n in matriz.niveles.all()] == [
        ("Alta factibilidad", 5, True), ("Factibilidad media", 9, False), ("Baja factibilidad", 12, False)]


def test_el_nivel_sigue_los_umbrales_y_cambiarlos_reclasifica(datos):
    p, matriz, coordinacion = datos
    sumas = {}
    for linea, valores in zip(p.lineas, [[1] * 5, [2, 2, 2, 1, 1], [2] * 5, [3, 3, 2, 2, 2], [3] * 5, [1, 1, 1, 1, 2]],
                              strict=False):
        _calificar(linea, matriz, valores, coordinacion)
        sumas[linea.numero] = sum(valores)
    # One line only proposed (not validated) and one not scored: unclassified.
    _calificar(p.lineas[6], matriz, [1] * 5, coordinacion, validar=False)
    niveles = _niveles(p, matriz)
    esperado = {numero: ("Alta factibilidad" if s < 9 else "Factibilidad media" if s < 12 else "Baja factibilidad")
                for numero, s in sumas.items()}
    assert {n: v for n, v in niveles.items() if v} == esperado
    assert niveles[p.lineas[6].numero] is None and niveles[p.lineas[7].numero] is None

    # Hand count of the distribution: sums 5, 8, 10, 12, 15, 6 → 3 high, 1 medium, 2 low; 2 unclassified.
    todas = semaforo.lineas_con_nivel(matriz=matriz, niveles=list(matriz.niveles.all()), n_criterios=5)
    d = semaforo.distribucion(todas, list(matriz.niveles.all()))
    assert [(n.nombre, c) for n, c, _pct in d.filas] == [("Alta factibilidad", 3), ("Factibilidad media", 1),
                                                          ("Baja factibilidad", 2)]
    assert (d.clasificadas, d.sin_clasificar, d.alta_factibilidad) == (6, 2, 50)

    # Coordination moves the thresholds: every line is reclassified at once.
    semaforo.matriz_configurar(
        matriz=matriz, usuario=coordinacion, escala_minima=1, escala_maxima=3,
        criterios=["Alcance", "Recursos", "Coordinación", "Normativa", "Plazo"],
        niveles=[{"nombre": "Alta", "puntaje_minimo": 5, "color": "#00aa00", "alta_factibilidad": True},
                 {"nombre": "Baja", "puntaje_minimo": 11, "color": "#aa0000", "alta_factibilidad": False}])
    matriz.refresh_from_db()
    assert not matriz.predeterminada
    niveles = _niveles(p, matriz)
    assert {n: v for n, v in niveles.items() if v} == {n: ("Alta" if s < 11 else "Baja") for n, s in sumas.items()}
    d = semaforo.distribucion(semaforo.lineas_con_nivel(matriz=matriz, niveles=list(matriz.niveles.all()),
                                                        n_criterios=5), list(matriz.niveles.all()))
    assert (d.clasificadas, d.alta_factibilidad) == (6, 67)  # sums 5, 8, 10, 6 of 6


def test_validaciones_de_la_matriz_y_de_los_puntajes(datos):
    p, matriz, coordinacion = datos
    criterios = list(matriz.criterios.all())
    with pytest.raises(ValidationError) as error:
        semaforo.puntajes_proponer(linea=p.lineas[0], usuario=coordinacion, valores={criterios[0].pk: 4})
    assert "El puntaje debe estar entre 1 y 3." in str(error.value)
    with pytest.raises(ValidationError, match="Faltan puntajes en 4 criterios"):
        semaforo.puntajes_proponer(linea=p.lineas[0], usuario=coordinacion, valores={criterios[0].pk: 2})
        semaforo.puntajes_validar(linea=p.lineas[0], usuario=coordinacion)
    with pytest.raises(ValidationError, match="El umbral del nivel «X» debe estar entre 5 y 15"):
        semaforo.matriz_configurar(matriz=matriz, usuario=coordinacion, escala_minima=1, escala_maxima=3,
                                   criterios=["a", "b", "c", "d", "e"],
                                   niveles=[{"nombre": "X", "puntaje_minimo": 40, "color": "#000000"}])
    # The database holds the bounds too.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PuntajeLinea.objects.filter(linea=p.lineas[0]).update(valor=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        PuntajeLinea.objects.filter(linea=p.lineas[0]).update(estado="validado")


def test_los_enlaces_proponen_solo_sus_lineas_y_no_validan(datos):
    p, matriz, _coordinacion = datos
    linea = p.lineas[0]
    coordinadora = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=linea.coordinadora)
    instrumentadora = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=linea.seguimientos.first().institucion)
    ajena = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=[i for i in p.instituciones if i.pk not in (
        linea.coordinadora_id, *linea.seguimientos.values_list("institucion_id", flat=True))][0])
    valores = {c.pk: 2 for c in matriz.criterios.all()}
    semaforo.puntajes_proponer(linea=linea, usuario=coordinadora, valores=valores)
    semaforo.puntajes_proponer(linea=linea, usuario=instrumentadora, valores=valores)
    with pytest.raises(PermissionDenied):
        semaforo.puntajes_proponer(linea=linea, usuario=ajena, valores=valores)
    with pytest.raises(PermissionDenied):
        semaforo.puntajes_validar(linea=linea, usuario=coordinadora)


def test_paginas_del_semaforo(client, datos):
    p, matriz, coordinacion = datos
    linea = p.lineas[0]
    _calificar(linea, matriz, [1, 1, 1, 1, 1], coordinacion)
    enlace = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=linea.coordinadora)
    client.force_login(enlace)
    url = reverse("programas:semaforo", args=[p.programa.clave])
    pagina = client.get(url).content.decode()
    assert "Matriz predeterminada del sistema, no oficial" in pagina
    assert "100 % de alta factibilidad, de 1 línea clasificada." in pagina
    assert linea.numero in client.get(url, {"nivel": str(matriz.niveles.get(puntaje_minimo=5).pk)}).content.decode()
    assert "Ninguna línea coincide" in client.get(
        url, {"nivel": str(matriz.niveles.get(puntaje_minimo=12).pk)}).content.decode()
    assert client.get(reverse("programas:semaforo_configurar", args=[p.programa.clave])).status_code == 403
    # The officer proposes on its line's page.
    url_puntajes = reverse("programas:puntajes", args=[p.programa.clave, p.lineas[3].numero])
    criterios = list(matriz.criterios.all())
    assert client.get(url_puntajes).status_code == (
        200 if enlace.institucion_id in (p.lineas[3].coordinadora_id, *p.lineas[3].seguimientos.values_list(
            "institucion_id", flat=True)) else 403)
    url_puntajes = reverse("programas:puntajes", args=[p.programa.clave, linea.numero])
    respuesta = client.post(url_puntajes, {f"c{c.pk}": "9" for c in criterios})
    assert "Asegúrese de que este valor sea menor o igual a 3." in respuesta.content.decode()
    respuesta = client.post(url_puntajes, {f"c{c.pk}": "3" for c in criterios})
    assert respuesta.status_code == 302
    assert set(linea.puntajes.values_list("estado", flat=True)) == {"propuesto"}
    # Coordination edits the matrix from its page.
    client.force_login(coordinacion)
    url_conf = reverse("programas:semaforo_configurar", args=[p.programa.clave])
    assert client.get(url_conf).status_code == 200
    datos_form = {"escala_minima": "1", "escala_maxima": "3", **{f"criterio_{n}": f"Criterio editado {n}" for n in
                                                                   range(1, 6)},
                  "niveles-TOTAL_FORMS": "2", "niveles-INITIAL_FORMS": "0", "niveles-MIN_NUM_FORMS": "1",
                  "niveles-MAX_NUM_FORMS": "1000",
                  "niveles-0-nombre": "Alta", "niveles-0-puntaje_minimo": "5", "niveles-0-color": "#00aa00",
                  "niveles-0-alta_factibilidad": "on",
                  "niveles-1-nombre": "Baja", "niveles-1-puntaje_minimo": "10", "niveles-1-color": "#aa0000"}
    assert client.post(url_conf, datos_form).status_code == 302
    assert list(matriz.niveles.values_list("nombre", flat=True)) == ["Alta", "Baja"]
    pagina = client.post(url_conf, {**datos_form, "niveles-1-color": "rojo"}).content.decode()
    assert "Escriba el color en hexadecimal" in pagina
    assert client.post(url_puntajes, {"validar": "1"}).status_code == 302
    assert set(linea.puntajes.values_list("estado", flat=True)) == {"validado"}
