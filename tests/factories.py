import datetime

import factory

from acuerdos.models import Acuerdo
from compromisos.models import Estatus
from cuentas.models import Usuario
from instituciones.models import Institucion, Naturaleza, Participacion, Representante, Rol
from programas.models import Objetivo, Programa
from sesiones.models import Sesion


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario

    username = factory.Sequence(lambda n: f"persona{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ejemplo.gob.mx")
    password = factory.django.Password("contraseña-de-prueba-larga")


class InstitucionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institucion

    nombre = factory.Sequence(lambda n: f"Institución de prueba {n}")
    siglas = factory.Sequence(lambda n: f"IP{n}")
    naturaleza = Naturaleza.SECRETARIA_ESTADO


class ParticipacionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participacion

    institucion = factory.SubFactory(InstitucionFactory)
    rol = Rol.INTEGRANTE
    desde = datetime.date(2019, 1, 1)


class RepresentanteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representante

    institucion = factory.SubFactory(InstitucionFactory)
    tipo = Representante.Tipo.TITULAR
    nombre = factory.Sequence(lambda n: f"Persona Representante {n}")
    cargo = "Titular de la Unidad de Igualdad de Género"
    numero_oficio = factory.Sequence(lambda n: f"OF-{n}/2020")
    fecha_oficio = datetime.date(2019, 12, 1)
    vigente_desde = datetime.date(2020, 1, 1)


class SesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sesion

    # Cycles within the valid range (1–999): the suite builds thousands of sessions, each test only a few.
    numero = factory.Sequence(lambda n: 100 + n % 850)
    tipo = Sesion.Tipo.ORDINARIA
    fecha = datetime.date(2020, 4, 24)
    modalidad = Sesion.Modalidad.VIRTUAL
    estado = Sesion.Estado.CELEBRADA


class ProgramaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programa

    clave = factory.Sequence(lambda n: f"PROG-{n}")
    nombre = factory.Sequence(lambda n: f"Programa {n}")


class ObjetivoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objetivo

    programa = factory.SubFactory(ProgramaFactory)
    numero = factory.Sequence(lambda n: n + 1)
    texto = "Objetivo de prueba"


class AcuerdoFactory(factory.django.DjangoModelFactory):
    """Creates the row directly; tests of the history go through the services."""

    class Meta:
        model = Acuerdo

    numero = factory.Sequence(lambda n: 1000 + n)
    sesion = factory.SubFactory(SesionFactory)
    texto = "Las instituciones participantes realizarán una acción de prueba."
    estatus = Estatus.SIN_INICIAR


class CuestionarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cuestionarios.Cuestionario"

    clave = factory.Sequence(lambda n: f"cuestionario-{n}")
    nombre = factory.Sequence(lambda n: f"Cuestionario de prueba {n}")

