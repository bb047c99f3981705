"""Factories of thematic tables and recommendations. Texts are placeholders, never the
Committee's wording (the real observations are loaded with the importer, README)."""

import factory

from compromisos.models import Estatus
from recomendaciones.models import MesaTematica, Recomendacion


class MesaTematicaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MesaTematica

    nombre = factory.Sequence(lambda n: f"Mesa de prueba {n}")


class RecomendacionFactory(factory.django.DjangoModelFactory):
    """Creates the row directly; tests of the follow-up go through the services."""

    class Meta:
        model = Recomendacion

    documento = "DOC/C/PRUEBA/1"
    parrafo_numero = factory.Sequence(lambda n: 1 + n % 900)
    inciso = ""
    texto = factory.Sequence(lambda n: f"Texto de prueba de la recomendación {n}.")
    mesa = factory.SubFactory(MesaTematicaFactory)
    estatus = Estatus.SIN_INICIAR
