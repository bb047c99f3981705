#!/usr/bin/env python3
"""`make run`: Django's development server and a background worker side by side.

Both run with this Python (the project's virtualenv) and the same environment, each in a
process group of its own so that this script alone decides how they stop: Ctrl-C (or
SIGTERM) stops both — the worker first finishes the job it is running; a second Ctrl-C
stops it at once — and if either stops by itself, the other is stopped too. Nothing is
left running in the background.

    python scripts/run_local.py [--port 8000]
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
# How long a running job may take to finish after Ctrl-C before it is stopped.
ESPERA_AL_PARAR = 60


def _senal(proceso, senal):
    if proceso.poll() is None:
        try:
            os.killpg(proceso.pid, senal)
        except ProcessLookupError:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    opciones = parser.parse_args()
    manage = [sys.executable, str(RAIZ / "manage.py")]
    servidor = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{opciones.port}"], cwd=RAIZ,
                                start_new_session=True)
    trabajador = subprocess.Popen([*manage, "run_worker"], cwd=RAIZ, start_new_session=True)
    procesos = {"servidor": servidor, "trabajador": trabajador}
    recibidas = []
    signal.signal(signal.SIGINT, lambda senal, _marco: recibidas.append(senal))
    signal.signal(signal.SIGTERM, lambda senal, _marco: recibidas.append(senal))

    codigo = 0
    while not recibidas:
        detenidos = [nombre for nombre, proceso in procesos.items() if proceso.poll() is not None]
        if detenidos:
            codigo = procesos[detenidos[0]].returncode or 1
            print(f"run_local: the {detenidos[0]} stopped (exit {procesos[detenidos[0]].returncode}); "
                  "stopping the rest.", file=sys.stderr, flush=True)
            break
        time.sleep(0.2)
    else:
        print("\nrun_local: stopping the server and the worker (the worker finishes its job first; "
              "Ctrl-C again stops it now).", file=sys.stderr, flush=True)
    # SIGTERM: runserver (and its autoreloader's child) stop; the worker finishes its job,
    # then stops. (Not SIGINT: a shell starting this in the background makes children
    # ignore it.)
    _senal(servidor, signal.SIGTERM)
    _senal(trabajador, signal.SIGTERM)
    atendidas = len(recibidas)
    limite = time.monotonic() + ESPERA_AL_PARAR
    while any(p.poll() is None for p in procesos.values()) and time.monotonic() < limite:
        if len(recibidas) > atendidas:
            # A second Ctrl-C: stop now (the worker's second signal abandons its job).
            _senal(trabajador, signal.SIGTERM)
            _senal(servidor, signal.SIGKILL)
            atendidas = len(recibidas)
        time.sleep(0.1)
    for proceso in procesos.values():
        _senal(proceso, signal.SIGKILL)
        proceso.wait()
    return codigo


if __name__ == "__main__":
    sys.exit(main())
