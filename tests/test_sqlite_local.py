"""The SQLite database of `make run` under concurrent writes (issue 14, item 8): two
coordination users changing the same status at once get 200 and 409, as on PostgreSQL,
never a 500 «database is locked»."""

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RONDAS = 8


@pytest.fixture
def servidor_sqlite(tmp_path):
    proceso = subprocess.Popen([sys.executable, str(Path(__file__).with_name("servidor_sqlite.py")), str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    try:
        linea = proceso.stdout.readline()
        assert linea, "the SQLite server did not start"
        yield json.loads(linea)
    finally:
        proceso.terminate()
        proceso.wait(timeout=30)


def _pedir(servidor, metodo, ruta, cuerpo=None):
    peticion = urllib.request.Request(
        f"http://127.0.0.1:{servidor['puerto']}{ruta}", method=metodo,
        data=json.dumps(cuerpo).encode() if cuerpo is not None else None,
        headers={"Authorization": f"Token {servidor['clave']}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(peticion, timeout=60) as respuesta:
            return respuesta.status, json.loads(respuesta.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _ronda(servidor, ruta, ronda):
    """Two status changes sent at the same instant, both based on the version just read."""
    estado, acuerdo = _pedir(servidor, "GET", ruta)
    assert estado == 200
    destinos = [e for e in ("en_proceso", "cumplido", "sin_materia", "sin_iniciar") if e != acuerdo["estatus"]]
    barrera = threading.Barrier(2)
    respuestas = []

    def cambiar(estatus):
        barrera.wait()
        respuestas.append(_pedir(servidor, "POST", ruta + "estatus/", {
            "estatus": estatus, "fecha": "2021-05-01", "motivo": f"Ronda {ronda}", "version": acuerdo["version"]}))

    hilos = [threading.Thread(target=cambiar, args=(estatus,)) for estatus in destinos[:2]]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    return respuestas


def test_dos_cambios_de_estatus_simultaneos(servidor_sqlite):
    ruta = f"/api/v1/acuerdos/{servidor_sqlite['numero']}/"
    for ronda in range(RONDAS):
        respuestas = _ronda(servidor_sqlite, ruta, ronda)
        assert sorted(codigo for codigo, _cuerpo in respuestas) == [200, 409], (ronda, respuestas)
        conflicto = next(cuerpo for codigo, cuerpo in respuestas if codigo == 409)
        assert conflicto["codigo"] in {"edicion_concurrente", "conflicto_de_estado"}, conflicto
