import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Worker

from trabajos import periodicos, services
from trabajos.ejecucion import identidad_del_trabajador

logger = logging.getLogger("trabajos")


def _revisar_programa(parar, cada):
    """The schedule and the rescue of dead workers' jobs, in a thread beside the worker so
    that a long job does not delay a scheduled time."""
    try:
        while True:
            try:
                periodicos.programar_pendientes()
                services.trabajos_rescatar_atascados()
            except DatabaseError:
                logger.warning("could not check the schedule", exc_info=True)
            if parar.wait(cada):
                return
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Run a background worker: takes jobs from the queue in the database (PostgreSQL or the SQLite of "
        "make run) one at a time, and queues the periodic ones when due. Run one per machine, or several: "
        "they share the queue and each job runs once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait for new jobs when the queue is empty (default: 1).")
        parser.add_argument("--batch", action="store_true", help="Run the jobs waiting now, then exit.")
        parser.add_argument("--no-schedule", action="store_true",
                            help="Do not queue the periodic jobs from this worker (another worker does).")
        parser.add_argument("--worker-id", default=None, help="Unique name of this worker (default: host:pid).")

    def handle(self, *args, interval, batch, no_schedule, worker_id, verbosity, **options):
        if verbosity >= 1:
            logging.getLogger("trabajos").setLevel(logging.INFO)
        parar = threading.Event()
        if not no_schedule and not batch:
            threading.Thread(target=_revisar_programa, args=(parar, settings.TRABAJOS_REVISION_SEGUNDOS),
                             name="programa", daemon=True).start()
        worker = Worker(
            queue_names=["default"], interval=interval, batch=batch, backend_name="default", startup_delay=not batch,
            max_tasks=None, worker_id=(worker_id or identidad_del_trabajador())[:64], excluded_queue_names=[],
        )
        if verbosity >= 1:
            self.stdout.write(f"Trabajador {worker.worker_id} listo: esperando trabajos.")
        if not batch:
            # SIGINT/SIGTERM: finish the running job, then stop (a second Ctrl-C stops at once).
            worker.configure_signals()
        try:
            worker.run()
        finally:
            parar.set()
