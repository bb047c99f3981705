from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import testcases

from acuerdos import services
from acuerdos.reference_data import load_reference_data
from compromisos.models import Seguimiento
from cuentas.models import RolUsuario
from tests import archivos
from tests.factories import AcuerdoFactory, InstitucionFactory, SesionFactory, UsuarioFactory

# The live server (browser tests, API fuzzing) writes each response in two parts, headers
# then body; with Nagle's algorithm the body waits for the client's delayed ACK, 40 ms per
# request on Linux. Sending at once makes every request to it several times faster.
testcases.QuietWSGIRequestHandler.disable_nagle_algorithm = True


@pytest.fixture
def registro_2020(db):
    """The official 2020 record, loaded as `make run` loads it."""
    return load_reference_data()


@pytest.fixture
def coordinacion(db):
    return UsuarioFactory(username="coordinacion", rol=RolUsuario.COORDINACION, first_name="Coordinadora")


@pytest.fixture
def consulta(db):
    return UsuarioFactory(username="consulta", rol=RolUsuario.CONSULTA)


@pytest.fixture
def institucion_propia(db):
    return InstitucionFactory(siglas="PROPIA", nombre="Institución Propia")


@pytest.fixture
def institucion_ajena(db):
    return InstitucionFactory(siglas="AJENA", nombre="Institución Ajena")


@pytest.fixture
def enlace_propio(institucion_propia):
    return UsuarioFactory(username="enlace_propio", rol=RolUsuario.ENLACE, institucion=institucion_propia)


@pytest.fixture
def enlace_ajeno(institucion_ajena):
    return UsuarioFactory(username="enlace_ajeno", rol=RolUsuario.ENLACE, institucion=institucion_ajena)


@pytest.fixture
def sin_rol(db):
    return UsuarioFactory(username="sin_rol", rol="")


def subir(nombre, contenido):
    return SimpleUploadedFile(nombre, contenido, content_type="application/octet-stream")


@pytest.fixture
def mundo(coordinacion, consulta, enlace_propio, enlace_ajeno, sin_rol, institucion_propia, institucion_ajena):
    """An agreement binding two institutions; the first has a pending report,
    evidence and observation, the other has none of its own."""
    acuerdo = AcuerdoFactory(numero=900, sesion=SesionFactory(numero=90))
    services.acuerdo_registrar_estatus_inicial(acuerdo=acuerdo)
    propio = services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion_propia)
    ajeno = services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion_ajena)
    reporte = services.reporte_crear(seguimiento=propio, autor=enlace_propio, texto="Se emitió el pronunciamiento.")
    evidencia = services.evidencia_subir(
        seguimiento=propio, autor=enlace_propio, archivo=subir("pronunciamiento.pdf", archivos.PDF)
    )
    observacion = services.observacion_crear(seguimiento=propio, autor=coordinacion, texto="Falta la firma.")
    return SimpleNamespace(
        acuerdo=acuerdo, propio=Seguimiento.objects.get(pk=propio.pk), ajeno=ajeno, reporte=reporte,
        evidencia=evidencia, observacion=observacion,
        usuarios={
            "coordinacion": coordinacion, "consulta": consulta, "enlace_propio": enlace_propio,
            "enlace_ajeno": enlace_ajeno, "sin_rol": sin_rol, "anonimo": None,
        },
    )
