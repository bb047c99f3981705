"""Dates as Mexican official documents write them: "30 de septiembre de 2020".

Django's Spanish catalogue capitalises month names ("Septiembre"), which official
texts do not; and the reports need the same wording in HTML, PDF and e-mail.
"""

import datetime

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
