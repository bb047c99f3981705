import datetime

import pytest
from django.core.exceptions import ValidationError

from acuerdos import services
from acuerdos.models import Acuerdo
from compromisos.models import CambioEstatus, Estatus
from tests.factories import SesionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def acuerdo():
    return services.acuerdo_crear(sesion=SesionFactory(fecha=D(2020, 9, 30)), numero=45, texto="Texto del acuerdo")


def test_el_alta_abre_el_historial(acuerdo):
    (inicial,) = acuerdo.historial_estatus.all()
    assert (inicial.anterior, inicial.nuevo, inicial.fecha) == ("", Estatus.SIN_INICIAR, D(2020, 9, 30))


def test_cada_cambio_de_estatus_queda_en_el_historial(acuerdo):
    usuario = UsuarioFactory(rol="coordinacion")
    services.acuerdo_cambiar_estatus(
        acuerdo=acuerdo, estatus=Estatus.EN_PROCESO, fecha=D(2020, 10, 15), motivo="Mesas instaladas", usuario=usuario
    )
    services.acuerdo_cambiar_estatus(
        acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2020, 12, 20), motivo="Bases aprobadas", usuario=usuario
    )
    historial = list(acuerdo.historial_estatus.values_list("anterior", "nuevo", "fecha", "motivo", "usuario"))
    assert historial[1:] == [
        (Estatus.SIN_INICIAR, Estatus.EN_PROCESO, D(2020, 10, 15), "Mesas instaladas", usuario.pk),
        (Estatus.EN_PROCESO, Estatus.CUMPLIDO, D(2020, 12, 20), "Bases aprobadas", usuario.pk),
    ]
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == Estatus.CUMPLIDO


def test_retirar_un_acuerdo_que_perdio_su_materia(acuerdo):
    services.acuerdo_cambiar_estatus(
        acuerdo=acuerdo, estatus=Estatus.SIN_MATERIA, fecha=D(2021, 1, 5), motivo="Se derogaron las reglas"
    )
    acuerdo.refresh_from_db()
    assert acuerdo.estatus == Estatus.SIN_MATERIA
    assert not acuerdo.esta_abierto


@pytest.mark.parametrize(
    ("estatus", "fecha", "motivo", "campo", "mensaje"),
    [
        (Estatus.SIN_INICIAR, D(2020, 10, 1), "x", "estatus", "El acuerdo ya tiene el estatus «Sin iniciar»."),
        (Estatus.CUMPLIDO, D(2020, 10, 1), "  ", "motivo", "Indique el motivo del cambio de estatus."),
        (Estatus.CUMPLIDO, D(2020, 1, 1), "x", "fecha",
         "El cambio no puede ser anterior a la sesión que adoptó el acuerdo."),
    ],
)
def test_cambios_invalidos_no_tocan_nada(acuerdo, estatus, fecha, motivo, campo, mensaje):
    with pytest.raises(ValidationError) as error:
        services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=estatus, fecha=fecha, motivo=motivo)
    assert error.value.message_dict[campo] == [mensaje]
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == Estatus.SIN_INICIAR
    assert CambioEstatus.objects.filter(acuerdo=acuerdo).count() == 1


def test_solo_coordinacion_cambia_el_estatus(acuerdo):
    from django.core.exceptions import PermissionDenied

    for rol in ("consulta", ""):
        with pytest.raises(PermissionDenied):
            services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2020, 10, 1),
                                             motivo="x", usuario=UsuarioFactory(rol=rol))
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == Estatus.SIN_INICIAR


def test_fechas_del_historial_siempre_en_orden(acuerdo):
    coordinacion = UsuarioFactory(rol="coordinacion")
    services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.EN_PROCESO, fecha=D(2021, 5, 1),
                                     motivo="Mesas", usuario=coordinacion)
    with pytest.raises(ValidationError) as error:
        services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2020, 12, 1),
                                         motivo="Antes", usuario=coordinacion)
    assert error.value.message_dict["fecha"] == ["El cambio no puede ser anterior al último cambio registrado (01/05/2021)."]
    with pytest.raises(ValidationError) as error:
        services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2099, 1, 1),
                                         motivo="Futuro", usuario=coordinacion)
    assert error.value.message_dict["fecha"] == ["El cambio no puede tener fecha futura."]
