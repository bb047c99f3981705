"""Running one job inside a worker: take it, run its kind's function, record how it ended."""

import contextlib
import logging
import os
import socket
import threading
import traceback

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registro
from .avance import Avance, ErrorDelTrabajo
from .models import LARGO_ERROR, EstadoTrabajo, Trabajo

logger = logging.getLogger(__name__)


def identidad_del_trabajador():
    """``equipo:pid``: which machine and process ran a job (shown in the admin)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


@contextlib.contextmanager
def latidos(trabajo_id, *, cada=None):
    """While the block runs, renew the job's ``latido`` every ``cada`` seconds from a
    thread of its own, so that a long step with no progress to report (WeasyPrint laying
    out 80 pages) is not taken for a dead worker."""
    cada = cada or settings.TRABAJOS_LATIDO_SEGUNDOS
    parar = threading.Event()

    def latir():
        try:
            while not parar.wait(cada):
                try:
                    Trabajo.objects.filter(pk=trabajo_id, estado=EstadoTrabajo.EN_CURSO).update(latido=timezone.now())
                except DatabaseError:
                    logger.warning("could not renew the heartbeat of job %s", trabajo_id, exc_info=True)
        finally:
            connection.close()

    hilo = threading.Thread(target=latir, name=f"latido-{trabajo_id}", daemon=True)
    hilo.start()
    try:
        yield
    finally:
        parar.set()
        hilo.join(timeout=10)


def ejecutar(trabajo_id):
    """Run the job ``trabajo_id`` once.

    The first UPDATE takes the job only while it is still waiting: a job already taken
    (a duplicate delivery, a second worker) is left alone, so each job runs once.
    """
    ahora = timezone.now()
    tomados = Trabajo.objects.filter(pk=trabajo_id, estado=EstadoTrabajo.EN_COLA).update(
        estado=EstadoTrabajo.EN_CURSO, iniciado=ahora, latido=ahora, trabajador=identidad_del_trabajador(),
        ejecuciones=F("ejecuciones") + 1,
    )
    if not tomados:
        logger.warning("job %s is not waiting any more; not run again", trabajo_id)
        return "omitido"
    trabajo = Trabajo.objects.select_related("iniciado_por").get(pk=trabajo_id)
    avance = Avance(trabajo)
    logger.info("job %s (%s) started", trabajo.pk, trabajo.tipo)
    with latidos(trabajo.pk):
        try:
            registro.clase(trabajo.tipo).ejecutar(trabajo, avance)
        except ErrorDelTrabajo as error:
            avance.descartar_resultado()
            _concluir(trabajo, EstadoTrabajo.FALLIDO, error=str(error), detalle=error.detalle)
            logger.info("job %s (%s) could not be done: %s", trabajo.pk, trabajo.tipo, error)
            return "fallido"
        except BaseException as error:
            avance.descartar_resultado()
            _concluir(trabajo, EstadoTrabajo.FALLIDO, error=_(
                "Ocurrió un error inesperado y el trabajo no se completó. Se registró el detalle para la "
                "administración del sistema; vuelva a intentarlo más tarde."
            ), detalle="".join(traceback.format_exception(error)))
            logger.exception("job %s (%s) failed", trabajo.pk, trabajo.tipo)
            raise
    _concluir(trabajo, EstadoTrabajo.TERMINADO, **avance.campos_del_resultado)
    logger.info("job %s (%s) finished: %s", trabajo.pk, trabajo.tipo, trabajo.resumen)
    return "terminado"


def _concluir(trabajo, estado, *, error="", detalle="", **resultado):
    cambios = {"estado": estado, "terminado": timezone.now(), "latido": timezone.now(), "resumen": trabajo.resumen,
               "error": error[:LARGO_ERROR], "detalle_tecnico": detalle, **resultado}
    if estado == EstadoTrabajo.TERMINADO:
        cambios["pasos_hechos"] = trabajo.pasos_totales
        cambios["paso_actual"] = ""
    Trabajo.objects.filter(pk=trabajo.pk).update(**cambios)
    for campo, valor in cambios.items():
        setattr(trabajo, campo, valor)
