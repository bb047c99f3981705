"""Access matrix of the programmes' routes, every role (the shared matrices in
tests/test_matriz_acceso.py and tests/api/test_matriz.py list the same routes; this one
adds the coordinating institution's officer and runs on its own fixture)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cuentas.models import RolUsuario
from programas.models import LineaAccion
from tests.factories import InstitucionFactory, UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db

ROLES = ["anonimo", "sin_rol", "coordinacion", "consulta", "implementadora", "coordinadora", "ajena"]
INTERNO = {"anonimo": 302, "sin_rol": 403, "coordinacion": 200, "consulta": 200, "implementadora": 200,
           "coordinadora": 200, "ajena": 200}
COORDINACION = {**INTERNO, "consulta": 403, "implementadora": 403, "coordinadora": 403, "ajena": 403}
ENLACES = {**INTERNO, "coordinacion": 403, "consulta": 403}
API_INTERNO = {**INTERNO, "anonimo": 401}

MATRIZ = [
    ("programas:lista", [], INTERNO),
    ("programas:coordinadas", [], ENLACES),
    ("programas:detalle", ["M"], INTERNO),
    ("programas:objetivo", ["M", 1], INTERNO),
    ("programas:estrategia", ["M", "1.1"], INTERNO),
    ("programas:linea", ["M", "1.1.1"], INTERNO),
    ("programas:exportar", ["M", "csv"], INTERNO),
    ("programas:exportar", ["M", "xlsx"], INTERNO),
    ("programas:importar", ["M"], COORDINACION),
    # POST only: a GET is 405 for whoever gets past the permission.
    ("programas:alinear", ["M", "1.1.1"], {**COORDINACION, "coordinacion": 405}),
    ("programas:semaforo", ["M"], INTERNO),
    ("programas:tablero", ["M"], INTERNO),
    ("programas:recomendaciones", [], INTERNO),
    ("programas:informe_semestral", ["M", 2021, 1], {**INTERNO, "implementadora": 403, "coordinadora": 403,
                                                      "ajena": 403}),
    ("programas:recomendaciones_nuevas", [], COORDINACION),
    # The recommendations to the implementing institution: its officers, coordination and consulta.
    ("programas:recomendaciones_detalle", ["conjunto"], {**INTERNO, "coordinadora": 403, "ajena": 403}),
    # The implementing institution's work plan: read also by consulta and the coordinating institution.
    ("programas:plan", ["seguimiento"], {**INTERNO, "ajena": 403}),
    ("programas:reportar", ["seguimiento"], {**COORDINACION, "implementadora": 200}),
    ("programas:semaforo_configurar", ["M"], COORDINACION),
    # Scores: coordination and the officers of the line's coordinating and implementing institutions.
    ("programas:puntajes", ["M", "1.1.1"], {**COORDINACION, "implementadora": 200, "coordinadora": 200}),
    ("api:linea-accion-list", [], API_INTERNO),
    ("api:linea-accion-detail", ["linea"], API_INTERNO),
    ("api:recomendaciones-semestrales-list", [], API_INTERNO),
    # Addressed to the implementing institution: other officers get 404, as for any record they cannot see.
    ("api:recomendaciones-semestrales-detail", ["conjunto"], {**API_INTERNO, "coordinadora": 404, "ajena": 404}),
]


@pytest.fixture
def usuarios(db):
    instituciones = [InstitucionFactory() for _ in range(3)]
    construir_programa(clave="M", objetivos=1, estrategias=1, lineas=1, instituciones=instituciones)
    return {
        "anonimo": None,
        "sin_rol": UsuarioFactory(rol=""),
        "coordinacion": UsuarioFactory(rol=RolUsuario.COORDINACION),
        "consulta": UsuarioFactory(rol=RolUsuario.CONSULTA),
        "coordinadora": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=instituciones[0]),
        "implementadora": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=instituciones[1]),
        "ajena": UsuarioFactory(rol=RolUsuario.ENLACE, institucion=InstitucionFactory()),
    }


def _conjunto(usuarios):
    import datetime

    from programas import services

    return services.recomendaciones_componer(
        institucion=usuarios["implementadora"].institucion, anio=2021, semestre=1, fecha=datetime.date.today(),
        usuario=usuarios["coordinacion"],
        recomendaciones=[{"linea": LineaAccion.objects.get(), "texto": "Recomendación de prueba."}])


CASOS = [(ruta, args, rol) for ruta, args, _esperado in MATRIZ for rol in ROLES]


@pytest.mark.parametrize(("ruta", "args", "rol"), CASOS, ids=[f"{r}-{'-'.join(map(str, a))}-{rol}" for r, a, rol in CASOS])
def test_matriz(client, usuarios, ruta, args, rol):
    esperado = dict((r, e) for r, a, e in MATRIZ if (r, a) == (ruta, args))[ruta]
    sustitutos = {"linea": lambda: LineaAccion.objects.get().pk,
                  "conjunto": lambda: _conjunto(usuarios).pk,
                  "seguimiento": lambda: LineaAccion.objects.get().seguimientos.get(
                      institucion=usuarios["implementadora"].institucion).pk}
    args = [sustitutos[a]() if a in sustitutos else a for a in args]
    url = reverse(ruta, args=args)
    usuario = usuarios[rol]
    if ruta.startswith("api:"):
        cliente = APIClient()
        if usuario is not None:
            cliente.force_authenticate(usuario)
        respuesta = cliente.get(url)
    else:
        if usuario is not None:
            client.force_login(usuario)
        respuesta = client.get(url)
    assert respuesta.status_code == esperado[rol], (ruta, rol, respuesta.status_code)
    if ruta == "programas:importar" and rol in ("coordinadora", "implementadora"):
        assert client.post(url, {}).status_code == 403
