"""Every change is recorded at the database level, with user, time, before and after."""

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.urls import reverse

from acuerdos.models import Acuerdo, AcuerdoEvent, Estatus, Seguimiento, SeguimientoEvent
from cuentas.models import RolUsuario, Usuario, UsuarioEvent
from instituciones.models import ParticipacionEvent
from tests.factories import ParticipacionFactory

pytestmark = pytest.mark.django_db


def test_actualizacion_masiva_tambien_queda_registrada(mundo):
    Acuerdo.objects.filter(pk=mundo.acuerdo.pk).update(estatus=Estatus.CUMPLIDO)
    Seguimiento.objects.filter(acuerdo=mundo.acuerdo).update(estatus=Estatus.EN_PROCESO)
    ultimo = AcuerdoEvent.objects.filter(pgh_obj_id=mundo.acuerdo.pk).latest("pgh_id")
    assert (ultimo.pgh_label, ultimo.estatus) == ("update", Estatus.CUMPLIDO)
    assert SeguimientoEvent.objects.filter(acuerdo_id=mundo.acuerdo.pk, estatus=Estatus.EN_PROCESO).count() == 2


def test_sql_crudo_tambien_queda_registrado(mundo):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE acuerdos_acuerdo SET meta = 'Meta cambiada por SQL' WHERE id = %s", [mundo.acuerdo.pk])
    assert AcuerdoEvent.objects.filter(pgh_obj_id=mundo.acuerdo.pk, meta="Meta cambiada por SQL").exists()


def test_el_historial_no_se_puede_modificar_ni_borrar(mundo):
    evento = AcuerdoEvent.objects.filter(pgh_obj_id=mundo.acuerdo.pk).first()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        AcuerdoEvent.objects.filter(pk=evento.pk).update(texto="reescrito")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        AcuerdoEvent.objects.filter(pk=evento.pk).delete()
    assert AcuerdoEvent.objects.filter(pk=evento.pk, texto=mundo.acuerdo.texto).exists()


def test_el_evento_lleva_usuario_y_direccion(client, mundo):
    coordinacion = mundo.usuarios["coordinacion"]
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:seguimiento_estatus", args=[mundo.propio.pk]),
                {"estatus": "cumplido", "version": mundo.propio.version})
    evento = SeguimientoEvent.objects.filter(pgh_obj_id=mundo.propio.pk).latest("pgh_id")
    assert evento.estatus == "cumplido"
    assert evento.pgh_context.metadata["user"] == coordinacion.pk
    assert evento.pgh_context.metadata["url"] == reverse("acuerdos:seguimiento_estatus", args=[mundo.propio.pk])


def test_cambios_de_rol_registrados(mundo, institucion_propia):
    usuario = Usuario.objects.get(username="consulta")
    usuario.rol = RolUsuario.COORDINACION
    usuario.save()
    assert list(UsuarioEvent.objects.filter(pgh_obj_id=usuario.pk).values_list("pgh_label", "rol")) == [
        ("insert", RolUsuario.CONSULTA), ("update", RolUsuario.COORDINACION)]
    # A log-in (last_login) is not a change worth recording.
    usuario.last_login = usuario.date_joined
    usuario.save()
    assert UsuarioEvent.objects.filter(pgh_obj_id=usuario.pk).count() == 2
    participacion = ParticipacionFactory(institucion=institucion_propia)
    assert ParticipacionEvent.objects.filter(pgh_obj_id=participacion.pk, pgh_label="insert").exists()


def test_linea_de_tiempo_respeta_permisos(client, mundo):
    url = reverse("acuerdos:detalle", args=[mundo.acuerdo.numero])
    client.force_login(mundo.usuarios["coordinacion"])
    assert "pronunciamiento.pdf" in client.get(url).content.decode()
    client.force_login(mundo.usuarios["enlace_ajeno"])
    pagina = client.get(url).content.decode()
    assert "pronunciamiento.pdf" not in pagina
    assert "Falta la firma." not in pagina
