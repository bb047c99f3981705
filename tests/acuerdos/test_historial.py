"""Every change is recorded at the database level, with user, time, before and after."""

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.urls import reverse

from acuerdos.models import Acuerdo, AcuerdoEvent
from compromisos.models import Estatus, Seguimiento, SeguimientoEvent
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
                {"estatus": "cumplido", "version": mundo.propio.version, "motivo": "Cumplió"})
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


def test_sesiones_instituciones_y_alineacion_tambien(mundo, coordinacion, client):
    from acuerdos.models import AlineacionAcuerdoEvent
    from instituciones.models import InstitucionEvent
    from sesiones.models import Sesion, SesionEvent
    from tests.factories import ObjetivoFactory

    sesion = Sesion.objects.get(pk=mundo.acuerdo.sesion_id)
    Sesion.objects.filter(pk=sesion.pk).update(fecha="2020-04-23")  # changes every citation: must leave a trace
    assert SesionEvent.objects.filter(pgh_obj_id=sesion.pk, pgh_label="update").exists()
    mundo.propio.institucion.sector = "Bienestar"
    mundo.propio.institucion.save()
    assert InstitucionEvent.objects.filter(pgh_obj_id=mundo.propio.institucion_id, sector="Bienestar").exists()
    objetivo = ObjetivoFactory()
    mundo.acuerdo.objetivos.add(objetivo)
    mundo.acuerdo.objetivos.remove(objetivo)
    assert list(AlineacionAcuerdoEvent.objects.filter(acuerdo_id=mundo.acuerdo.pk).values_list("pgh_label", flat=True)) == [
        "insert", "delete"]
    client.force_login(coordinacion)
    pagina = client.get(reverse("acuerdos:detalle", args=[mundo.acuerdo.numero])).content.decode()
    assert "alineación con un objetivo" in pagina


def test_pendientes_visibles_en_la_linea_de_tiempo_de_coordinacion(client, mundo):
    client.force_login(mundo.usuarios["consulta"])
    pagina = client.get(reverse("acuerdos:detalle", args=[mundo.acuerdo.numero])).content.decode()
    assert "Se emitió el pronunciamiento." in pagina


def test_revisiones_simultaneas_solo_aplica_la_primera(mundo):
    from django.core.exceptions import ValidationError

    from acuerdos import services
    from acuerdos.models import Evidencia, Observacion

    copia_1 = Evidencia.objects.get(pk=mundo.evidencia.pk)
    copia_2 = Evidencia.objects.get(pk=mundo.evidencia.pk)
    copia_3 = Evidencia.objects.get(pk=mundo.evidencia.pk)
    coordinacion = mundo.usuarios["coordinacion"]
    services.evidencia_revisar(evidencia=copia_1, usuario=coordinacion, decision="devuelto", observacion="Sin firma")
    with pytest.raises(ValidationError):
        services.evidencia_revisar(evidencia=copia_2, usuario=coordinacion, decision="aceptado")
    services.evidencia_retirar(evidencia=copia_3, usuario=mundo.usuarios["enlace_propio"], motivo="Se reemplaza")
    with pytest.raises(ValidationError):
        services.evidencia_revisar(evidencia=copia_2, usuario=coordinacion, decision="aceptado")
    final = Evidencia.objects.get(pk=mundo.evidencia.pk)
    assert (final.estado_revision, final.retirada) == ("devuelto", True)
    assert Observacion.objects.filter(evidencia=final).count() == 1
