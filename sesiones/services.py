"""Writes on sessions: a session with its presidium, agenda and attendance, all or nothing."""

from django.db import transaction

from .models import Asistencia, AsistenciaReportada, PersonaPresidium, PuntoOrdenDia, Sesion


@transaction.atomic
def sesion_crear(*, presidium=(), orden_del_dia=(), asistencias=(), asistencia_reportada=(), **datos) -> Sesion:
    """Create a session and everything recorded about it, validating each part."""
    sesion = Sesion(**datos)
    sesion.full_clean()
    sesion.save()
    for orden, persona in enumerate(presidium, start=1):
        _guardar(PersonaPresidium(sesion=sesion, orden=orden, **persona))
    for punto in orden_del_dia:
        _guardar(PuntoOrdenDia(sesion=sesion, **punto))
    for asistencia in asistencias:
        _guardar(Asistencia(sesion=sesion, **asistencia))
    for total in asistencia_reportada:
        _guardar(AsistenciaReportada(sesion=sesion, **total))
    return sesion


def _guardar(objeto):
    objeto.full_clean()
    objeto.save()
    return objeto
