"""Scaling out: two worker processes (as on two machines) share one queue in PostgreSQL,
and each job is done exactly once, by one of them (docs/deployment.md, «Background jobs»).

The workers are real `manage.py run_worker` processes, started the way systemd starts
them; they see the jobs only once committed, so this test commits (transaction=True).
"""

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django_tasks_db.models import DBTaskResult

from trabajos import services
from trabajos.models import EstadoTrabajo, TipoTrabajo, Trabajo

pytestmark = pytest.mark.django_db(transaction=True)

TRABAJOS = 24
ESPERA_MAXIMA = 240  # seconds; on a busy 2-core machine the 24 jobs take well under a minute


def _url_de_la_base():
    datos = connection.settings_dict
    return (f"postgres://{datos['USER']}:{datos['PASSWORD']}@{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}"
            f"/{datos['NAME']}")


def _trabajador(nombre):
    entorno = {**os.environ, "DATABASE_URL": _url_de_la_base(), "DJANGO_SETTINGS_MODULE": "snimh.settings.test",
               "SNIMH_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1", "--no-schedule", "--worker-id", nombre],
        cwd=settings.BASE_DIR, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _esperar_listos(procesos, limite):
    """Until each worker says it is waiting for jobs (Django loaded, connected)."""
    pendientes = dict(procesos)
    vigilante = selectors.DefaultSelector()
    for nombre, proceso in procesos.items():
        vigilante.register(proceso.stdout, selectors.EVENT_READ, nombre)
    salida = {nombre: [] for nombre in procesos}
    while pendientes and time.monotonic() < limite:
        for clave, _evento in vigilante.select(timeout=1):
            linea = clave.fileobj.readline()
            salida[clave.data].append(linea)
            if "listo" in linea:
                pendientes.pop(clave.data, None)
        for nombre, proceso in procesos.items():
            assert proceso.poll() is None, f"worker {nombre} exited: {''.join(salida[nombre])}"
    vigilante.close()
    assert not pendientes, f"workers not ready: {sorted(pendientes)}"


def test_dos_trabajadores_una_cola_cada_trabajo_una_vez(registro_2020, coordinacion):
    procesos = {"maquina-a": _trabajador("maquina-a"), "maquina-b": _trabajador("maquina-b")}
    try:
        _esperar_listos(procesos, time.monotonic() + ESPERA_MAXIMA)
        # Both are polling the queue: now the jobs arrive, committed one by one as a
        # page would (Anexo I of 2020, 22 rows each, CSV and XLSX alternately).
        pedidos = []
        for numero in range(TRABAJOS):
            formato = ("csv", "xlsx")[numero % 2]
            trabajo, nuevo = services.trabajo_iniciar(
                tipo=TipoTrabajo.ANEXO, usuario=coordinacion, descripcion=f"Anexo I 2020 #{numero}",
                parametros={"anio": 2020, "formato": formato})
            assert nuevo
            pedidos.append(trabajo.pk)
        limite = time.monotonic() + ESPERA_MAXIMA
        while Trabajo.objects.activos().exists() and time.monotonic() < limite:
            time.sleep(0.5)
    finally:
        for proceso in procesos.values():
            if proceso.poll() is None:
                proceso.send_signal(signal.SIGTERM)  # finishes its job, then exits
        for proceso in procesos.values():
            try:
                proceso.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proceso.kill()
                proceso.wait()
    salidas = {nombre: proceso.stdout.read() for nombre, proceso in procesos.items()}

    trabajos = list(Trabajo.objects.filter(pk__in=pedidos))
    assert len(trabajos) == TRABAJOS
    # Every job finished, started exactly once, with its one result file in the shared store.
    assert {t.estado for t in trabajos} == {EstadoTrabajo.TERMINADO}, salidas
    assert [t.ejecuciones for t in trabajos] == [1] * TRABAJOS
    assert all(t.resumen == "22 acuerdos" and default_storage.exists(t.resultado.name) for t in trabajos)
    # One file per job, each its own (the store is the test's, shared with the workers).
    assert len({t.resultado.name for t in trabajos}) == TRABAJOS
    assert all(Path(settings.MEDIA_ROOT, t.resultado.name).is_file() for t in trabajos)
    # The queue's side: one task per job, claimed once (one worker id each), all successful.
    tareas = list(DBTaskResult.objects.filter(task_path="trabajos.tareas.ejecutar_trabajo"))
    assert len(tareas) == TRABAJOS and {t.status for t in tareas} == {"SUCCESSFUL"}
    assert all(len(t.worker_ids) == 1 for t in tareas)
    assert {str(t.id) for t in tareas} == {t.tarea_id for t in trabajos}
    # Both workers took part: the queue was shared, not drained by one of them.
    por_trabajador = {nombre: sum(1 for t in tareas if t.worker_ids == [nombre]) for nombre in procesos}
    assert sum(por_trabajador.values()) == TRABAJOS
    assert all(cuantos > 0 for cuantos in por_trabajador.values()), por_trabajador
    # Two processes (host:pid), as recorded on the jobs themselves.
    assert len({t.trabajador for t in trabajos}) == 2
    # And both stopped cleanly on SIGTERM.
    assert [p.returncode for p in procesos.values()] == [0, 0], salidas
    print(f"jobs per worker: {por_trabajador}")
