"""The recommendations' rows of the project's access matrices (tests/test_matriz_acceso.py
and tests/api/test_matriz.py), run here on a world built through the engine's services.

The shared ``mundo`` fixture is being adapted to the engine on this branch; these cases
run the very same matrix entries, so they also hold once it is back."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from compromisos import services as motor
from tests import test_matriz_acceso as web
from tests.api import test_matriz as api
from tests.recomendaciones.factories import RecomendacionFactory
from tests.rutas import nombres_de_rutas

pytestmark = pytest.mark.django_db


@pytest.fixture
def mundo(coordinacion, consulta, enlace_propio, enlace_ajeno, sin_rol, institucion_propia, institucion_ajena):
    """Like the matrix's world: a commitment binding both institutions (here a recommendation)."""
    base = RecomendacionFactory(documento="DOC/C/BASE/1", parrafo_numero=1)
    propio = motor.responsable_agregar(compromiso=base, institucion=institucion_propia)
    ajeno = motor.responsable_agregar(compromiso=base, institucion=institucion_ajena)
    return SimpleNamespace(propio=propio, ajeno=ajeno, usuarios={
        "coordinacion": coordinacion, "consulta": consulta, "enlace_propio": enlace_propio,
        "enlace_ajeno": enlace_ajeno, "sin_rol": sin_rol, "anonimo": None})


WEB = [(ruta, metodo, rol) for (ruta, metodo) in web.MATRIZ if ruta.startswith("recomendaciones:")
       for rol in web.ROLES]


@pytest.mark.parametrize(("ruta", "metodo", "rol"), WEB, ids=[f"{r}-{m}-{rol}" for r, m, rol in WEB])
def test_matriz_web(client, mundo, ruta, metodo, rol):
    web.test_matriz_web(client, mundo, ruta, metodo, rol)


API = [(*clave, rol) for clave in api.MATRIZ if clave[0].startswith(("api:recomendacion", "api:mesa-tematica"))
       for rol in api.ROLES]


@pytest.mark.parametrize(("ruta", "metodo", "variante", "rol"), API,
                         ids=[f"{r}-{m}-{rol}" for r, m, _v, rol in API])
def test_matriz_api(mundo, ruta, metodo, variante, rol):
    from tests.api.conftest import cliente_api

    clientes = {r: cliente_api(u) for r, u in mundo.usuarios.items()}
    api.test_matriz_api(clientes, mundo, ruta, metodo, variante, rol)


def test_every_new_route_is_in_the_matrices():
    # (the PROIGUALDAD semiannual recommendations, api:recomendaciones-semestrales-*, are programas')
    nuevas = {n for n in nombres_de_rutas() if n.startswith(("recomendaciones:", "api:recomendacion-",
                                                              "api:mesa-tematica"))}
    cubiertas = {r for r, _m in web.MATRIZ} | {r for r, _m, _v in api.MATRIZ}
    assert len(nuevas) == 17
    assert nuevas <= cubiertas, sorted(nuevas - cubiertas)
    assert reverse("recomendaciones:lista") == "/recomendaciones/"


@pytest.mark.parametrize("modelo", ["mesatematica", "recomendacion"])
def test_admin_shows_them_to_coordination_only_and_read_only(client, mundo, modelo):
    from recomendaciones.models import Recomendacion

    pk = Recomendacion.objects.get().pk if modelo == "recomendacion" else Recomendacion.objects.get().mesa_id
    for rol, esperado in (("anonimo", 302), ("consulta", 302), ("enlace_propio", 302), ("coordinacion", 200)):
        client.logout()
        if mundo.usuarios[rol] is not None:
            client.force_login(mundo.usuarios[rol])
        for url in (reverse(f"admin:recomendaciones_{modelo}_changelist"),
                    reverse(f"admin:recomendaciones_{modelo}_change", args=[pk])):
            assert client.get(url).status_code == esperado, (rol, url)
    assert client.get(reverse(f"admin:recomendaciones_{modelo}_add")).status_code == 403
    assert b'name="_save"' not in client.get(reverse(f"admin:recomendaciones_{modelo}_change", args=[pk])).content
