
"""Deadline reminders: one e-mail per person per run, never the same reminder twice."""

import datetime
import email
import socket
import time

import pytest
from django.core import mail
from django.core.management import call_command

from acuerdos.models import Acuerdo
from avisos.services import enviar_recordatorios
from compromisos import services as motor

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def con_plazo(mundo):
    Acuerdo.objects.filter(pk=mundo.acuerdo.pk).update(plazo_fecha=D(2021, 3, 31), estatus="en_proceso")
    return mundo


def test_un_correo_con_todo_y_sin_repetir(con_plazo):
    enviados = enviar_recordatorios(D(2021, 3, 17))  # 14 days before the deadline, a Wednesday
    assert enviados == 2  # both institutions' officers; coordination's digest is on Mondays
    propio = next(m for m in mail.outbox if m.to == [con_plazo.usuarios["enlace_propio"].email])
    assert "vence el 31/03/2021 (en 14 días)" in propio.body
    assert "Falta la firma." in propio.body  # the observation waiting for an answer
    assert "http://127.0.0.1:8000/seguimientos/" in propio.body
    html = propio.alternatives[0][0]
    assert propio.alternatives[0][1] == "text/html" and "<a href=" in html and 'lang="es-MX"' in html
    ajeno = next(m for m in mail.outbox if m.to == [con_plazo.usuarios["enlace_ajeno"].email])
    assert "Falta la firma." not in ajeno.body  # never another institution's observations

    mail.outbox.clear()
    assert enviar_recordatorios(D(2021, 3, 18)) == 0  # nothing new: nothing sent
    assert enviar_recordatorios(D(2021, 3, 28)) == 2  # the 3-day reminder is a new event (a Sunday)
    propio = next(m for m in mail.outbox if m.to == [con_plazo.usuarios["enlace_propio"].email])
    assert "vence el 31/03/2021 (en 3 días)" in propio.body
    assert "en 14 días" not in propio.body


def test_vencidos_una_vez_por_semana_con_dias_de_atraso(con_plazo):
    enviar_recordatorios(D(2021, 4, 7))
    assert any("7 días de atraso" in m.body for m in mail.outbox)
    mail.outbox.clear()
    enviar_recordatorios(D(2021, 4, 8))
    assert not any("atraso" in m.body for m in mail.outbox)
    enviar_recordatorios(D(2021, 4, 14))  # a new week
    assert any("14 días de atraso" in m.body for m in mail.outbox)


def test_baja_de_avisos(con_plazo):
    enlace = con_plazo.usuarios["enlace_propio"]
    enlace.recibe_avisos = False
    enlace.save()
    enviar_recordatorios(D(2021, 3, 17))
    assert all(m.to != [enlace.email] for m in mail.outbox)


def test_resumen_semanal_de_coordinacion(con_plazo):
    enviar_recordatorios(D(2021, 4, 12))  # a Monday, after the deadline
    (resumen,) = [m for m in mail.outbox if m.to == [con_plazo.usuarios["coordinacion"].email]]
    assert "resumen semanal" in resumen.subject
    # Counts of one read in the singular.
    assert "1 evidencia y 1 reporte esperan revisión." in resumen.body
    assert "PROPIA: 1 compromiso vencido." in resumen.body and "AJENA: 1 compromiso vencido." in resumen.body
    assert "evidencias" not in resumen.body and "compromisos vencidos." not in resumen.body
    mail.outbox.clear()
    enviar_recordatorios(D(2021, 4, 12))
    assert not [m for m in mail.outbox if m.to == [con_plazo.usuarios["coordinacion"].email]]


def test_resumen_en_plural_con_varios(con_plazo):
    from acuerdos import services
    from tests import archivos
    from tests.conftest import subir

    motor.evidencia_subir(seguimiento=con_plazo.propio, autor=con_plazo.usuarios["enlace_propio"],
                             archivo=subir("oficio.pdf", archivos.PDF))
    otro = services.acuerdo_crear(sesion=con_plazo.acuerdo.sesion, numero=901, texto="Otro acuerdo de prueba.",
                                  plazo_fecha=D(2021, 3, 31))
    motor.responsable_agregar(compromiso=otro, institucion=con_plazo.propio.institucion)
    enviar_recordatorios(D(2021, 4, 12))
    (resumen,) = [m for m in mail.outbox if m.to == [con_plazo.usuarios["coordinacion"].email]]
    assert "2 evidencias y 1 reporte esperan revisión." in resumen.body
    assert "PROPIA: 2 compromisos vencidos." in resumen.body and "AJENA: 1 compromiso vencido." in resumen.body


@pytest.mark.parametrize(("hoy", "texto"), [
    (D(2021, 3, 30), "vence el 31/03/2021 (en 1 día)."),
    (D(2021, 3, 31), "vence hoy, 31/03/2021."),
    (D(2021, 4, 1), "venció el 31/03/2021 (1 día de atraso)."),
    (D(2021, 4, 2), "venció el 31/03/2021 (2 días de atraso)."),
])
def test_dias_en_singular_y_plural(con_plazo, hoy, texto):
    enviar_recordatorios(hoy)
    propio = next(m for m in mail.outbox if m.to == [con_plazo.usuarios["enlace_propio"].email])
    assert texto in propio.body


def _puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_envio_real_por_smtp_en_loopback(con_plazo, settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    recibidos = []

    class Buzon(Message):
        def handle_message(self, message):
            recibidos.append(message)

    puerto = _puerto_libre()
    servidor = Controller(Buzon(), hostname="127.0.0.1", port=puerto)
    servidor.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", puerto
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        call_command("send_reminders", "--date", "2021-03-17", stdout=__import__("io").StringIO())
        for _ in range(50):
            if len(recibidos) >= 2:
                break
            time.sleep(0.1)
    finally:
        servidor.stop()
    assert len(recibidos) == 2
    mensaje = next(m for m in recibidos if m["To"] == con_plazo.usuarios["enlace_propio"].email)
    assert mensaje.get_content_type() == "multipart/alternative"
    partes = {p.get_content_type(): p.get_payload(decode=True).decode(p.get_content_charset()) for p in mensaje.walk()
              if not p.is_multipart()}
    assert "vence el 31/03/2021 (en 14 días)" in partes["text/plain"]
    assert "Falta la firma." in partes["text/html"]
    asunto = str(email.header.make_header(email.header.decode_header(mensaje["Subject"])))
    assert asunto == "Seguimiento de acuerdos del SNIMH: pendientes de su institución"
