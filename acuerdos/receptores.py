"""What the agreements app does when other apps record something."""

from compromisos.models import Grupo, GrupoResponsable
from compromisos.services import grupo_expandir
from sesiones.services import asistencia_registrada


def _vincular_asistentes(sender, *, sesion, usuario=None, **kwargs):
    """Agreements of a session bound to «asistentes» bind the attendees as they are recorded."""
    registros = GrupoResponsable.objects.filter(compromiso__acuerdo__sesion=sesion, grupo=Grupo.ASISTENTES)
    for registro in registros.select_related("compromiso__acuerdo__sesion"):
        grupo_expandir(registro=registro, usuario=usuario)


def conectar():
    asistencia_registrada.connect(_vincular_asistentes, dispatch_uid="acuerdos.vincular_asistentes")
