"""The periodic jobs, on the same queue as the others: what used to be one systemd timer
per job (reminders, orphan files, backups) is now a schedule every worker looks at.

Each worker checks the schedule every ``TRABAJOS_REVISION_SEGUNDOS``; the first one to
insert the run of a scheduled time wins (a unique constraint on kind and time), so the job
runs once whatever the number of workers and machines. A run missed because no worker
was up (a deploy at 7:00) is caught up when one starts, if it is less than
``TRABAJOS_RECUPERAR_HORAS`` old, as systemd's ``Persistent=true`` did.
"""

import datetime
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import registro, services
from .avance import ErrorDelTrabajo
from .models import TipoTrabajo, Trabajo

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Programa:
    """A job run at a local time (Mexico City), every day or on some weekdays."""

    tipo: str
    descripcion: str
    hora: datetime.time
    dias: tuple[int, ...] | None = None
    """Weekdays (0 = Monday); None: every day."""

    def ultima_hora(self, ahora):
        """The latest scheduled instant at or before ``ahora``."""
        local = timezone.localtime(ahora)
        for atras in range(8):
            fecha = local.date() - datetime.timedelta(days=atras)
            if self.dias is not None and fecha.weekday() not in self.dias:
                continue
            instante = timezone.make_aware(datetime.datetime.combine(fecha, self.hora))
            if instante <= ahora:
                return instante
        return None


def _hora(texto):
    return datetime.time.fromisoformat(texto)


def programas():
    """The schedule in force (settings decide the hours and whether backups run here)."""
    lista = [
        Programa(TipoTrabajo.RECORDATORIOS, gettext_lazy("Recordatorios de plazos por correo"),
                 _hora(settings.TRABAJOS_HORA_RECORDATORIOS)),
        Programa(TipoTrabajo.MANTENIMIENTO, gettext_lazy("Limpieza de trabajos antiguos"),
                 _hora(settings.TRABAJOS_HORA_MANTENIMIENTO)),
        # Sundays, as the weekly timer did.
        Programa(TipoTrabajo.ARCHIVOS_HUERFANOS, gettext_lazy("Limpieza semanal de archivos sin registro"),
                 _hora(settings.TRABAJOS_HORA_ARCHIVOS_HUERFANOS), dias=(6,)),
    ]
    if settings.SNIMH_RESPALDO_DESTINO:
        lista.append(Programa(TipoTrabajo.RESPALDO, gettext_lazy("Respaldo nocturno"),
                              _hora(settings.TRABAJOS_HORA_RESPALDO)))
    return lista


def programar_pendientes(*, ahora=None) -> list[Trabajo]:
    """Queue every scheduled run that is due and not queued yet by any worker."""
    ahora = ahora or timezone.now()
    ventana = datetime.timedelta(hours=settings.TRABAJOS_RECUPERAR_HORAS)
    nuevos = []
    for programa in programas():
        instante = programa.ultima_hora(ahora)
        if instante is None or ahora - instante > ventana:
            continue
        if Trabajo.objects.filter(tipo=programa.tipo, programado_para=instante).exists():
            continue
        trabajo = services.trabajo_programar(tipo=programa.tipo, programado_para=instante,
                                             descripcion=str(programa.descripcion))
        if trabajo is not None:
            logger.info("scheduled %s for %s", programa.tipo, instante.isoformat())
            nuevos.append(trabajo)
    return nuevos


# This app's own periodic jobs ---------------------------------------------------------

def _respaldo(trabajo, avance):
    """The nightly backup (scripts/backup.sh) into ``SNIMH_RESPALDO_DESTINO``."""
    destino = settings.SNIMH_RESPALDO_DESTINO
    if not destino:
        raise ErrorDelTrabajo(_("No hay carpeta de respaldos configurada (SNIMH_RESPALDO_DESTINO)."))
    avance(0, 1, paso=_("Respaldando la base de datos y los archivos"))
    guion = Path(settings.BASE_DIR) / "scripts" / "backup.sh"
    resultado = subprocess.run(
        [str(guion), "--keep", str(settings.SNIMH_RESPALDO_CONSERVAR), destino],
        capture_output=True, text=True, timeout=6 * 3600, check=False,
        # The script reads DATABASE_URL from the environment (the worker's) and the file
        # store from MEDIA_ROOT: the one these settings use.
        env={**os.environ, "MEDIA_ROOT": str(settings.MEDIA_ROOT)},
    )
    if resultado.returncode != 0:
        ultima = (resultado.stderr.strip().splitlines() or [_("sin detalle")])[-1]
        raise ErrorDelTrabajo(_("El respaldo no se completó: %(error)s") % {"error": ultima},
                              detalle=resultado.stderr[-5000:])
    completo = [linea for linea in resultado.stdout.splitlines() if linea.startswith("Respaldo completo")]
    avance.resumen(completo[-1] if completo else _("Respaldo escrito en %(destino)s.") % {"destino": destino})


def _mantenimiento(trabajo, avance):
    """Jobs whose worker died, results past their keeping time, finished queue rows."""
    avance(0, 2, paso=_("Buscando trabajos detenidos"))
    atascados = services.trabajos_rescatar_atascados()
    avance(1, 2, paso=_("Eliminando resultados antiguos"))
    archivos, tareas = services.trabajos_limpiar()
    avance.resumen("; ".join([
        ngettext("%(n)s archivo antiguo eliminado", "%(n)s archivos antiguos eliminados", archivos) % {"n": archivos},
        ngettext("%(n)s registro de la cola depurado", "%(n)s registros de la cola depurados", tareas) % {"n": tareas},
        ngettext("%(n)s trabajo detenido marcado con error", "%(n)s trabajos detenidos marcados con error",
                 atascados) % {"n": atascados},
    ]) + ".")


registro.registrar(TipoTrabajo.RESPALDO, _respaldo)
registro.registrar(TipoTrabajo.MANTENIMIENTO, _mantenimiento)
