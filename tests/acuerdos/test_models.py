import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acuerdos import services
from acuerdos.models import Acuerdo
from compromisos.models import Estatus, Seguimiento
from tests.factories import AcuerdoFactory, InstitucionFactory, SesionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("fecha", "numero", "cita"),
    [
        (D(2019, 11, 22), 34, "34:22/11/2019"),
        (D(2020, 4, 24), 39, "39:24/04/2020"),
        (D(2020, 9, 30), 46, "46:30/09/2020"),
        (D(2020, 12, 9), 52, "52:9/12/2020"),
    ],
)
def test_cita_oficial(fecha, numero, cita):
    assert AcuerdoFactory.build(numero=numero, sesion=SesionFactory.build(fecha=fecha)).cita == cita


def test_numero_de_acuerdo_duplicado():
    AcuerdoFactory(numero=46)
    repetido = AcuerdoFactory.build(numero=46, sesion=SesionFactory())
    with pytest.raises(ValidationError) as error:
        repetido.full_clean()
    assert error.value.message_dict["numero"] == ["Ya existe un acuerdo con este número."]
    with pytest.raises(IntegrityError), transaction.atomic():
        repetido.save()


def test_servicio_rechaza_numero_duplicado_sin_guardar_nada():
    sesion = SesionFactory()
    AcuerdoFactory(numero=46, sesion=sesion)
    institucion = InstitucionFactory()
    with pytest.raises(ValidationError):
        services.acuerdo_crear(sesion=sesion, numero=46, texto="Otro texto", instituciones=[institucion])
    assert Acuerdo.objects.count() == 1
    assert not Seguimiento.objects.exists()


def test_institucion_responsable_dos_veces():
    acuerdo = AcuerdoFactory()
    institucion = InstitucionFactory()
    services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion)
    with pytest.raises(ValidationError) as error:
        services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=institucion)
    assert "Esta institución ya figura como responsable del acuerdo." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Seguimiento.objects.create(acuerdo=acuerdo, institucion=institucion)


def test_crear_con_institucion_repetida_no_deja_nada_a_medias():
    sesion = SesionFactory()
    institucion = InstitucionFactory()
    with pytest.raises(ValidationError):
        services.acuerdo_crear(sesion=sesion, numero=77, texto="Texto", instituciones=[institucion, institucion])
    assert not Acuerdo.objects.filter(numero=77).exists()
    assert not Seguimiento.objects.exists()


def test_plazo_anterior_a_la_sesion():
    acuerdo = AcuerdoFactory.build(sesion=SesionFactory(fecha=D(2020, 9, 30)), plazo_fecha=D(2020, 9, 1))
    with pytest.raises(ValidationError) as error:
        acuerdo.full_clean()
    assert error.value.message_dict["plazo_fecha"] == [
        "El plazo no puede vencer antes de la sesión que adoptó el acuerdo."
    ]


def test_estatus_desconocido_rechazado_por_la_base():
    acuerdo = AcuerdoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Acuerdo.objects.filter(pk=acuerdo.pk).update(estatus="archivado")


def test_vencido_se_deriva_del_plazo_y_el_estatus():
    sesion = SesionFactory(fecha=D(2020, 9, 30))
    abierto = AcuerdoFactory(sesion=sesion, plazo_fecha=D(2020, 12, 31), estatus=Estatus.EN_PROCESO)
    cumplido = AcuerdoFactory(sesion=sesion, plazo_fecha=D(2020, 12, 31), estatus=Estatus.CUMPLIDO)
    sin_plazo = AcuerdoFactory(sesion=sesion, plazo_fecha=None, estatus=Estatus.SIN_INICIAR)
    hoy = D(2021, 1, 10)
    assert abierto.esta_vencido(hoy) and abierto.dias_vencido(hoy) == 10
    assert not cumplido.esta_vencido(hoy)
    assert not sin_plazo.esta_vencido(hoy)
    assert not abierto.esta_vencido(D(2020, 12, 31))
    assert list(Acuerdo.objects.vencidos(hoy)) == [abierto]
