"""Recommendations under follow-up like every other commitment: the officer's inbox, the
reminders and the dashboard."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from avisos.services import enviar_recordatorios
from compromisos import services as motor
from recomendaciones.models import Recomendacion

pytestmark = pytest.mark.django_db

D = datetime.date


def test_reminders_name_the_recommendation_before_and_after_its_deadline(cedaw, enlace_propio, enlace_ajeno):
    Recomendacion.objects.filter(pk=cedaw.recomendacion.pk).update(plazo_fecha=D(2021, 3, 31))
    enviar_recordatorios(D(2021, 3, 17))  # 14 days before, a Wednesday
    correo = next(m for m in mail.outbox if m.to == [enlace_propio.email])
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a): vence el 31/03/2021 (en 14 días)." in correo.body
    assert not [m for m in mail.outbox if m.to == [enlace_ajeno.email] and "párr. 10" in m.body]
    mail.outbox.clear()
    enviar_recordatorios(D(2021, 4, 7))
    correo = next(m for m in mail.outbox if m.to == [enlace_propio.email])
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a): venció el 31/03/2021 (7 días de atraso)." in correo.body


def test_inbox_lists_recommendations_due_and_drops_them_once_complied(client, cedaw, enlace_propio, coordinacion):
    client.force_login(enlace_propio)
    assert "párr. 10 (a)" in client.get(reverse("compromisos:pendientes")).content.decode()
    motor.seguimiento_cambiar_estatus(seguimiento=cedaw.propio, estatus="cumplido", usuario=coordinacion,
                                      version=cedaw.propio.version, motivo="Acreditado.")
    assert "párr. 10 (a)" not in client.get(reverse("compromisos:pendientes")).content.decode()


def test_dashboard_counts_recommendations_under_follow_up(client, cedaw, consulta, enlace_propio):
    Recomendacion.objects.filter(pk=cedaw.ajena.pk).update(plazo_fecha=D(2020, 1, 1))
    motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Avance.")
    client.force_login(consulta)
    pagina = client.get(reverse("acuerdos:tablero")).content.decode()
    assert "Recomendaciones internacionales" in pagina
    for cifra in ('<span class="cifra-numero">2</span> <span>en seguimiento</span>',
                  '<span class="cifra-numero">0</span> <span>cumplidas de 2</span>',
                  '<span class="cifra-numero">1</span> <span>con el plazo vencido</span>',
                  '<span class="cifra-numero">1</span> <span>reporte por revisar</span>'):
        assert cifra in pagina, cifra
    assert "1 mesa temática aún no tiene institución que la presida." in pagina


def test_dashboard_has_no_section_without_recommendations(client, consulta):
    client.force_login(consulta)
    assert "t-recomendaciones" not in client.get(reverse("acuerdos:tablero")).content.decode()
