"""`make run`: the development server and a background worker side by side
(scripts/run_local.py); a job asked for while they run completes, and Ctrl-C stops both,
leaving no process behind."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.trabajos.test_dos_trabajadores import _url_de_la_base
from trabajos import services
from trabajos.models import EstadoTrabajo, TipoTrabajo, Trabajo

pytestmark = pytest.mark.django_db(transaction=True)

ESPERA_MAXIMA = 180


def _puerto_libre():
    with socket.socket() as conexion:
        conexion.bind(("127.0.0.1", 0))
        return conexion.getsockname()[1]


def _hijos(pid):
    """Processes whose parent is ``pid`` (Linux /proc)."""
    hijos = []
    for entrada in Path("/proc").iterdir():
        if entrada.name.isdigit():
            try:
                estado = (entrada / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in estado:
                hijos.append(int(entrada.name))
    return hijos


def _vivo(pid):
    try:
        estado = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in estado


def test_make_run_sirve_ejecuta_trabajos_y_ctrl_c_detiene_ambos(coordinacion):
    puerto = _puerto_libre()
    entorno = {**os.environ, "DATABASE_URL": _url_de_la_base(), "DJANGO_SETTINGS_MODULE": "snimh.settings.test",
               "SNIMH_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT), "PYTHONUNBUFFERED": "1"}
    # What `make run` runs after migrating and loading the record.
    lanzador = subprocess.Popen([sys.executable, "scripts/run_local.py", "--port", str(puerto)],
                                cwd=settings.BASE_DIR, env=entorno, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
    try:
        limite = time.monotonic() + ESPERA_MAXIMA
        while True:
            assert lanzador.poll() is None, lanzador.stderr.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{puerto}/salud/", timeout=5) as respuesta:
                    assert respuesta.status == 200
                    break
            except OSError:
                assert time.monotonic() < limite, "the development server did not answer"
                time.sleep(0.5)
        hijos = _hijos(lanzador.pid)
        assert len(hijos) == 2  # the server and the worker
        trabajo, _nuevo = services.trabajo_iniciar(
            tipo=TipoTrabajo.ANEXO, usuario=coordinacion, descripcion="Anexo I 2020",
            parametros={"anio": 2020, "formato": "csv"})
        while Trabajo.objects.get(pk=trabajo.pk).estado != EstadoTrabajo.TERMINADO:
            assert time.monotonic() < limite, "the worker beside the server did not run the job"
            time.sleep(0.5)
        # Ctrl-C: the terminal sends SIGINT to the launcher.
        lanzador.send_signal(signal.SIGINT)
        assert lanzador.wait(timeout=90) == 0, lanzador.stderr.read()
    finally:
        if lanzador.poll() is None:
            lanzador.kill()
            lanzador.wait()
    assert not [pid for pid in hijos if _vivo(pid)]
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", puerto), timeout=2):
        pass
