"""What the agreements app does when other apps record something."""

from sesiones.services import asistencia_registrada

from .models import Grupo, GrupoResponsable
from .services import grupo_expandir


def _vincular_asistentes(sender, *, sesion, usuario=None, **kwargs):
    """Agreements of a session bound to «asistentes» bind the attendees as they are recorded."""
    for registro in GrupoResponsable.objects.filter(acuerdo__sesion=sesion, grupo=Grupo.ASISTENTES).select_related(
        "acuerdo__sesion"
    ):
        grupo_expandir(registro=registro, usuario=usuario)


def conectar():
    asistencia_registrada.connect(_vincular_asistentes, dispatch_uid="acuerdos.vincular_asistentes")
