"""Two people editing the same record: the second save is refused, not silently applied."""


import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from acuerdos import services
from acuerdos.models import Acuerdo
from compromisos.models import Seguimiento
from snimh.db import EdicionConcurrente

pytestmark = pytest.mark.django_db


def test_dos_ediciones_del_mismo_seguimiento(client, mundo):
    version_vista = mundo.propio.version
    client.force_login(mundo.usuarios["coordinacion"])
    url = reverse("acuerdos:seguimiento_estatus", args=[mundo.propio.pk])
    client.post(url, {"estatus": "en_proceso", "version": version_vista, "motivo": "Primera persona"})
    respuesta = client.post(url, {"estatus": "cumplido", "version": version_vista, "motivo": "Segunda persona"},
                          follow=True)
    assert "Otra persona modificó este registro mientras usted lo editaba." in respuesta.content.decode()
    assert Seguimiento.objects.get(pk=mundo.propio.pk).estatus == "en_proceso"


def test_dos_cambios_de_estatus_del_mismo_acuerdo(client, mundo):
    acuerdo = mundo.acuerdo
    version_vista = Acuerdo.objects.get(pk=acuerdo.pk).version
    services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus="en_proceso", fecha=acuerdo.sesion.fecha,
                                     motivo="Primera persona", version=version_vista)
    client.force_login(mundo.usuarios["coordinacion"])
    respuesta = client.post(reverse("acuerdos:cambiar_estatus", args=[acuerdo.numero]), {
        "estatus": "cumplido", "fecha": acuerdo.sesion.fecha.isoformat(), "motivo": "Segunda persona",
        "version": version_vista,
    })
    assert respuesta.status_code == 400
    assert "Otra persona modificó este registro" in respuesta.content.decode()
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == "en_proceso"
    assert not acuerdo.historial_estatus.filter(motivo="Segunda persona").exists()


def test_guardar_un_objeto_desactualizado(mundo):
    primera = Seguimiento.objects.get(pk=mundo.propio.pk)
    segunda = Seguimiento.objects.get(pk=mundo.propio.pk)
    primera.estatus = "cumplido"
    primera.save()
    segunda.estatus = "sin_materia"
    with pytest.raises(EdicionConcurrente):
        segunda.save()
    assert Seguimiento.objects.get(pk=mundo.propio.pk).estatus == "cumplido"


def test_version_en_el_servicio(mundo):
    with pytest.raises(ValidationError) as error:
        services.seguimiento_cambiar_estatus(
            seguimiento=mundo.propio, estatus="cumplido", usuario=mundo.usuarios["coordinacion"], version=99,
            motivo="Cumplió",
        )
    assert "Otra persona modificó" in error.value.messages[0]
