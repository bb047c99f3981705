"""The daily reminders, run by the queue's periodic schedule (trabajos/periodicos.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trabajos.models import TipoTrabajo
from trabajos.registro import registrar

from .services import enviar_recordatorios


def recordatorios(trabajo, avance):
    avance(0, 1, paso=_("Enviando los recordatorios"))
    # The day of the scheduled time: a run caught up after midnight still sends that day's.
    hoy = timezone.localdate(trabajo.programado_para) if trabajo.programado_para else None
    enviados = enviar_recordatorios(hoy)
    avance.resumen(ngettext("%(n)s correo enviado.", "%(n)s correos enviados.", enviados) % {"n": enviados})


registrar(TipoTrabajo.RECORDATORIOS, recordatorios)
