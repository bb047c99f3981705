import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from instituciones.models import Institucion, Participacion, Representante, Rol
from tests.factories import InstitucionFactory, ParticipacionFactory, RepresentanteFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_siglas_duplicadas_sin_distinguir_mayusculas():
    InstitucionFactory(siglas="CFE")
    repetida = Institucion(nombre="Otra", siglas="cfe", naturaleza="secretaria_estado")
    with pytest.raises(ValidationError) as error:
        repetida.full_clean()
    assert "Ya existe una institución con estas siglas." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        repetida.save()


def test_varias_instituciones_sin_siglas_son_validas():
    InstitucionFactory(siglas="")
    otra = Institucion(nombre="Senado de la República", siglas="", naturaleza="poder_legislativo")
    otra.full_clean()
    otra.save()


def test_nombre_duplicado():
    InstitucionFactory(nombre="Comisión Federal de Electricidad")
    with pytest.raises(ValidationError) as error:
        Institucion(nombre="Comisión Federal de Electricidad", naturaleza="otra").full_clean()
    assert "Ya existe una institución con este nombre." in error.value.messages


def test_naturaleza_desconocida_rechazada_por_la_base():
    institucion = InstitucionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Institucion.objects.filter(pk=institucion.pk).update(naturaleza="inventada")


def test_periodo_imposible_de_participacion():
    participacion = ParticipacionFactory.build(
        institucion=InstitucionFactory(), desde=D(2020, 9, 30), hasta=D(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        participacion.full_clean()
    assert "La fecha de término no puede ser anterior a la de inicio." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        participacion.save()


def test_un_solo_rol_por_institucion_por_periodo():
    institucion = InstitucionFactory()
    ParticipacionFactory(institucion=institucion, rol=Rol.INVITADA, desde=D(2019, 1, 1), hasta=D(2020, 9, 29))
    traslapada = Participacion(
        institucion=institucion, rol=Rol.INVITADA_PERMANENTE, desde=D(2020, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        traslapada.full_clean()
    assert any("ya tiene un rol en el SNIMH" in m for m in error.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        traslapada.save()
    # Starting the day after the previous one ends is fine.
    contigua = Participacion(institucion=institucion, rol=Rol.INVITADA_PERMANENTE, desde=D(2020, 9, 30))
    contigua.full_clean()
    contigua.save()


def test_participacion_abierta_traslapa_con_cualquier_posterior():
    institucion = InstitucionFactory()
    ParticipacionFactory(institucion=institucion, desde=D(2015, 1, 1), hasta=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participacion.objects.create(institucion=institucion, rol=Rol.INVITADA, desde=D(2030, 1, 1))


def test_rol_desconocido():
    participacion = Participacion(institucion=InstitucionFactory(), rol="observadora", desde=D(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        participacion.full_clean()
    assert "rol" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        participacion.save()


def test_rol_en_fecha_y_queryset():
    institucion = InstitucionFactory()
    ParticipacionFactory(institucion=institucion, rol=Rol.INVITADA, desde=D(2019, 1, 1), hasta=D(2020, 9, 29))
    ParticipacionFactory(institucion=institucion, rol=Rol.INVITADA_PERMANENTE, desde=D(2020, 9, 30))
    assert institucion.rol_en(D(2018, 12, 31)) is None
    assert institucion.rol_en(D(2020, 9, 29)) == Rol.INVITADA
    assert institucion.rol_en(D(2020, 9, 30)) == Rol.INVITADA_PERMANENTE
    assert list(Institucion.objects.con_rol_en(Rol.INVITADA_PERMANENTE, D(2021, 1, 1))) == [institucion]
    assert not Institucion.objects.con_rol_en(Rol.INVITADA_PERMANENTE, D(2020, 9, 29)).exists()


def test_un_titular_designado_a_la_vez():
    institucion = InstitucionFactory()
    RepresentanteFactory(institucion=institucion, vigente_desde=D(2020, 1, 1))
    otro = RepresentanteFactory.build(institucion=institucion, vigente_desde=D(2020, 6, 1))
    with pytest.raises(ValidationError) as error:
        otro.full_clean()
    assert any("ya tiene una persona designada" in m for m in error.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        otro.save()
    suplente = RepresentanteFactory.build(
        institucion=institucion, tipo=Representante.Tipo.SUPLENTE, vigente_desde=D(2020, 6, 1)
    )
    suplente.full_clean()
    suplente.save()


def test_oficio_posterior_a_la_vigencia_es_imposible():
    representante = RepresentanteFactory.build(
        institucion=InstitucionFactory(), fecha_oficio=D(2020, 3, 1), vigente_desde=D(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        representante.full_clean()
    assert "El oficio de designación no puede ser posterior al inicio de la vigencia." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        representante.save()
