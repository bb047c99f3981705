"""Dates as Mexican official documents write them: "30 de septiembre de 2020".

Django's Spanish catalogue capitalises month names ("Septiembre"), which official
texts do not; and the reports need the same wording in HTML, PDF and e-mail.
"""

import datetime

from django.conf import settings
from django.utils import timezone

MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)


def fecha_larga(valor):
    """``date(2020, 9, 30) -> "30 de septiembre de 2020"``; datetimes in local time."""
    if valor in (None, ""):
        return ""
    if isinstance(valor, datetime.datetime):
        valor = timezone.localtime(valor) if timezone.is_aware(valor) else valor
    return f"{valor.day} de {MESES[valor.month - 1]} de {valor.year}"


def fecha_hora(valor):
    """``"30 de septiembre de 2020, 13:05"`` in local time."""
    if valor in (None, ""):
        return ""
    local = timezone.localtime(valor) if timezone.is_aware(valor) else valor
    return f"{fecha_larga(local)}, {local:%H:%M}"


def dias_de_aviso():
    """Days before a deadline at which something counts as "due soon" (agreements,
    questionnaire editions): the widest reminder threshold."""
    return max(settings.AVISOS_DIAS_ANTES, default=15)


def semaforo_de_plazo(plazo, hoy):
    """The deadline traffic light: «vencido», «proximo» (within ``dias_de_aviso``) or «a_tiempo»."""
    if plazo < hoy:
        return "vencido"
    if (plazo - hoy).days <= dias_de_aviso():
        return "proximo"
    return "a_tiempo"
