"""Writes of the background jobs: asking for one, scheduling one, and the housekeeping."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from .models import EstadoTrabajo, Trabajo
from .tareas import ejecutar_trabajo

logger = logging.getLogger(__name__)


def _encolar(trabajo):
    # The queue's row is written in the same transaction as the job: a request that fails
    # afterwards leaves neither, and a worker sees the job only once it is committed.
    resultado = ejecutar_trabajo.enqueue(str(trabajo.pk))
    trabajo.tarea_id = str(resultado.id)
    trabajo.save(update_fields=["tarea_id"])


@transaction.atomic
def trabajo_iniciar(*, tipo: str, usuario, descripcion: str, parametros: dict | None = None, clave: str = "",
                    entrada: bytes | None = None, nombre_entrada: str = "") -> tuple[Trabajo, bool]:
    """Ask for a job of ``tipo`` on behalf of ``usuario`` and put it in the queue.

    With a ``clave`` (what identifies its result), a finished job with the same key whose
    result is still kept is returned instead, and so is one still waiting or running:
    the same file is never produced twice at once, and a result that is still valid is
    served from storage. Returns ``(trabajo, nuevo)``. The caller checks the permission.
    """
    if clave:
        existente = (Trabajo.objects.con_resultado().de_la_clave(clave).order_by("-terminado").first()
                     or Trabajo.objects.activos().de_la_clave(clave).first())
        if existente is not None:
            return existente, False
    trabajo = Trabajo(tipo=tipo, iniciado_por=usuario, descripcion=str(descripcion)[:200],
                      parametros=parametros or {}, clave=clave)
    if entrada is not None:
        # Stored under a generated name (upload_to); the original name stays in the parameters.
        trabajo.entrada.save(nombre_entrada or "entrada", ContentFile(entrada), save=False)
    try:
        # A savepoint: two people asking for the same result at the same moment meet the
        # partial unique constraint, and the second one joins the first one's job.
        with transaction.atomic():
            trabajo.full_clean()
            trabajo.save()
    except (IntegrityError, ValidationError):
        if trabajo.entrada:
            default_storage.delete(trabajo.entrada.name)
        activo = Trabajo.objects.activos().de_la_clave(clave).first()
        if activo is None:
            raise
        return activo, False
    _encolar(trabajo)
    return trabajo, True


@transaction.atomic
def trabajo_programar(*, tipo: str, programado_para: datetime.datetime, descripcion: str) -> Trabajo | None:
    """Queue the run of a periodic job for its scheduled time, unless some worker already
    did: the unique constraint on (kind, scheduled time) lets exactly one insert through,
    whichever machine it comes from. Returns the job, or None when it already existed."""
    trabajo = Trabajo(tipo=tipo, programado_para=programado_para, descripcion=str(descripcion)[:200])
    # The constraints are left to the database: the one that matters here is decided by
    # whichever insert commits first, which no check made beforehand can know.
    trabajo.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            trabajo.save()
    except IntegrityError:
        return None
    _encolar(trabajo)
    return trabajo


def trabajos_rescatar_atascados(*, ahora=None) -> int:
    """Mark as failed the running jobs whose worker stopped giving signs of life (it was
    killed or its machine restarted): their page then says so instead of «En curso»
    forever. Returns how many."""
    ahora = ahora or timezone.now()
    limite = ahora - datetime.timedelta(seconds=settings.TRABAJOS_SIN_SENAL_SEGUNDOS)
    return Trabajo.objects.atascados(antes_de=limite).update(
        estado=EstadoTrabajo.FALLIDO, terminado=ahora,
        error=_("El proceso que ejecutaba este trabajo se detuvo antes de terminar (por ejemplo, por un reinicio "
                "del servidor). Vuelva a iniciarlo."),
    )


def trabajos_limpiar(*, ahora=None) -> tuple[int, int]:
    """Delete the result and input files of jobs that ended more than
    ``TRABAJOS_DIAS_RESULTADOS`` days ago (the records stay, as history), and the queue's
    own rows of tasks finished as long ago. Returns (files, queue rows)."""
    ahora = ahora or timezone.now()
    limite = ahora - datetime.timedelta(days=settings.TRABAJOS_DIAS_RESULTADOS)
    viejos = Trabajo.objects.filter(terminado__lt=limite, resultado_eliminado__isnull=True).exclude(
        resultado="", entrada="")
    archivos = 0
    for trabajo in viejos.iterator():
        for archivo in (trabajo.resultado, trabajo.entrada):
            if archivo and default_storage.exists(archivo.name):
                default_storage.delete(archivo.name)
                archivos += 1
        Trabajo.objects.filter(pk=trabajo.pk).update(resultado="", entrada="", resultado_eliminado=ahora)
    tareas, _detalle = DBTaskResult.objects.finished().filter(finished_at__lt=limite).delete()
    return archivos, tareas
