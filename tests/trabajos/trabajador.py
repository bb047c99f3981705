"""Running the queue's jobs from a test, with the same worker class as `run_worker`."""

import contextlib
import threading

from django.db import connection, transaction
from django.test.signals import template_rendered
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def _trabajador(*, batch, interval=0.0, nombre="prueba"):
    return Worker(queue_names=["default"], interval=interval, batch=batch, backend_name="default",
                  startup_delay=False, max_tasks=None, worker_id=nombre, excluded_queue_names=[])


def ejecutar_pendientes():
    """Run every job waiting now, in this process and this test's transaction, then return.

    The worker's own loop is not used here: between tasks it closes database connections
    left outside autocommit, which a test's transaction always is. Each task is taken as
    the loop takes it (SELECT … FOR UPDATE SKIP LOCKED, then claimed) and run by the
    worker's ``run_task``."""
    trabajador = _trabajador(batch=True)
    while True:
        with transaction.atomic():
            tarea = DBTaskResult.objects.ready().get_locked()
            if tarea is None:
                return
            tarea.claim(trabajador.worker_id)
        trabajador.run_task(tarea)


@contextlib.contextmanager
def trabajador_en_hilo():
    """A worker polling the queue from a thread while the block runs (for the live server,
    whose data is committed): as `make run` runs one beside the server."""
    trabajador = _trabajador(batch=False, interval=0.2, nombre="prueba-hilo")

    def correr():
        try:
            trabajador.run()
        finally:
            connection.close()

    hilo = threading.Thread(target=correr, daemon=True)
    hilo.start()
    try:
        yield trabajador
    finally:
        trabajador.running = False
        hilo.join(timeout=60)


@contextlib.contextmanager
def plantillas_renderizadas():
    """The names of the templates rendered inside the block (Django's test instrumentation)."""
    nombres = []

    def anotar(sender, template, context, **kwargs):
        nombres.append(template.name)

    template_rendered.connect(anotar)
    try:
        yield nombres
    finally:
        template_rendered.disconnect(anotar)
