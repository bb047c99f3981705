"""Questionnaire deadlines in the officers' reminders: once per threshold before the deadline
(AVISOS_DIAS_ANTES), weekly after it, never once submitted, recorded like the others."""

import datetime

import pytest
from django.core import mail

from avisos.models import RecordatorioEnviado
from avisos.services import enviar_recordatorios
from cuestionarios import services
from cuestionarios.models import ReglaInstituciones
from tests.cuestionarios import datos

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def edicion(coordinacion, institucion_propia, institucion_ajena, enlace_propio, enlace_ajeno):
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    return services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="2021",
                                  apertura=D(2021, 3, 1), fecha_limite=D(2021, 3, 31),
                                  regla=ReglaInstituciones.EXPLICITA,
                                  instituciones=[institucion_propia, institucion_ajena])


def _correo(usuario):
    return next(m for m in mail.outbox if m.to == [usuario.email])


def test_recordatorios_de_cuestionarios(edicion, enlace_propio, enlace_ajeno, coordinacion):
    assert enviar_recordatorios(D(2021, 3, 10)) == 0  # 21 days before: no threshold reached
    assert enviar_recordatorios(D(2021, 3, 17)) == 2  # 14 days before, a Wednesday
    cuerpo = _correo(enlace_propio).body
    assert "Cuestionarios por responder" in cuerpo
    assert ("«Reporte del artículo cuarto transitorio del Protocolo para la prevención, atención y sanción del "
            "hostigamiento sexual y acoso sexual» (edición 2021): vence el 31/03/2021 (en 14 días).") in cuerpo
    propia = edicion.respuestas.get(institucion=enlace_propio.institucion)
    assert f"http://127.0.0.1:8000/cuestionarios/respuestas/{propia.pk}/responder/" in cuerpo
    assert f"/cuestionarios/respuestas/{propia.pk}/" not in _correo(enlace_ajeno).body
    assert RecordatorioEnviado.objects.filter(
        usuario=enlace_propio, clave=f"cuestionario-vence-15:respuesta-{propia.pk}:2021-03-31").exists()

    mail.outbox.clear()
    assert enviar_recordatorios(D(2021, 3, 18)) == 0  # same threshold: not again
    # The own institution submits; only the other is reminded at 3 days.
    Respuesta = type(propia)
    from django.utils import timezone

    Respuesta.objects.filter(pk=propia.pk).update(estado="enviada", enviada_por=enlace_propio,
                                                  enviada_en=timezone.now(), guardada_en=timezone.now())
    assert enviar_recordatorios(D(2021, 3, 30)) == 1
    assert "(en 1 día)." in _correo(enlace_ajeno).body
    mail.outbox.clear()
    assert enviar_recordatorios(D(2021, 3, 31)) == 0  # the 3-day reminder was sent already
    enviar_recordatorios(D(2021, 4, 7))
    assert "venció el 31/03/2021 (7 días de atraso)." in _correo(enlace_ajeno).body
    assert "Cuestionarios con el plazo vencido" in _correo(enlace_ajeno).body
    mail.outbox.clear()
    enviar_recordatorios(D(2021, 4, 8))
    assert not mail.outbox
    # A closed edition is no longer reminded.
    services.edicion_cerrar(usuario=coordinacion, edicion=edicion)
    enviar_recordatorios(D(2021, 4, 14))
    assert not [m for m in mail.outbox if "Cuestionarios" in m.body]
