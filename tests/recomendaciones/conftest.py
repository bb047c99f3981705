import datetime
from types import SimpleNamespace

import pytest

from compromisos import services as motor
from recomendaciones import services
from tests.factories import InstitucionFactory, UsuarioFactory


@pytest.fixture
def presidencia(db):
    return InstitucionFactory(siglas="PRESIDE", nombre="Institución que Preside")


@pytest.fixture
def enlace_presidencia(presidencia):
    return UsuarioFactory(username="enlace_presidencia", rol="enlace", institucion=presidencia)


@pytest.fixture
def cedaw(coordinacion, consulta, enlace_propio, enlace_ajeno, enlace_presidencia, presidencia,
          institucion_propia, institucion_ajena):
    """A table chaired by ``presidencia`` with one recommendation binding the own institution;
    another table without chair with a recommendation binding the other institution."""
    mesa = services.mesa_crear(nombre="Mesa de prueba", presidencia=presidencia, integrantes=[institucion_propia],
                               usuario=coordinacion)
    recomendacion = services.recomendacion_crear(
        documento="DOC/C/PRUEBA/1", parrafo_numero=10, inciso="a", texto="Texto de prueba de la recomendación.",
        mesa=mesa, fecha_emision=datetime.date(2018, 7, 25), instituciones=[institucion_propia], usuario=coordinacion,
    )
    otra_mesa = services.mesa_crear(nombre="Otra mesa", usuario=coordinacion)
    ajena = services.recomendacion_crear(
        documento="DOC/C/PRUEBA/1", parrafo_numero=11, texto="Otra recomendación de prueba.", mesa=otra_mesa,
        fecha_emision=datetime.date(2018, 7, 25), instituciones=[institucion_ajena], usuario=coordinacion,
    )
    propio = recomendacion.seguimientos.get()
    return SimpleNamespace(mesa=mesa, recomendacion=recomendacion, otra_mesa=otra_mesa, ajena=ajena, propio=propio,
                           motor=motor)
