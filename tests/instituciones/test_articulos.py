"""Institutions named in a sentence take their article: «la Secretaría…», «del Instituto…»."""

import pytest

from instituciones.models import Institucion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("siglas", "con_articulo", "de_la"), [
    ("SHCP", "la Secretaría de Hacienda y Crédito Público", "de la Secretaría de Hacienda y Crédito Público"),
    ("INMUJERES", "el Instituto Nacional de las Mujeres", "del Instituto Nacional de las Mujeres"),
    ("CONAPRED", "el Consejo Nacional para Prevenir la Discriminación",
     "del Consejo Nacional para Prevenir la Discriminación"),
    ("PEMEX", "los Petróleos Mexicanos", "de los Petróleos Mexicanos"),
    ("CFE", "la Comisión Federal de Electricidad", "de la Comisión Federal de Electricidad"),
])
def test_articulo_deducido_del_nombre(registro_2020, siglas, con_articulo, de_la):
    institucion = Institucion.objects.get(siglas=siglas)
    assert (institucion.con_articulo, institucion.de_la) == (con_articulo, de_la)


def test_el_articulo_registrado_gana_a_la_deduccion(db):
    from tests.factories import InstitucionFactory

    # «Talleres Gráficos de México» is deduced as plural masculine; «Notimex» has no known
    # first word (feminine by default, as «institución»), and coordination records «la».
    talleres = InstitucionFactory(nombre="Talleres Gráficos de México")
    assert talleres.de_la == "de los Talleres Gráficos de México"
    agencia = InstitucionFactory(nombre="Notimex, Agencia de Noticias del Estado Mexicano", articulo="la")
    assert agencia.con_articulo == "la Notimex, Agencia de Noticias del Estado Mexicano"
    agencia.articulo = "el"
    assert agencia.de_la == "del Notimex, Agencia de Noticias del Estado Mexicano"
