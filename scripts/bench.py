"""make bench: the application under gunicorn, with production settings, on PostgreSQL holding
the synthetic 20-year record, driven over loopback by a small Python client.

Steps: (1) the database ``snimh_bench`` on the server of DATABASE_URL (created, migrated and
filled with ``generate_synthetic_data`` once; reused while the record has the same
parameters and its files are in var/bench/media); (2) collectstatic; (3) gunicorn with
deploy/gunicorn.conf.py on a free port of 127.0.0.1; (4) for every endpoint, a warm-up and
then a fixed number of requests with 1 client and with 8 concurrent clients, each client
its own thread, session and keep-alive connection (http.client); the trivial /salud/ view
is measured in the same run as the floor of the stack; (5) the peak memory growth of the
gunicorn workers during each endpoint's requests and during a 25 MB evidence upload
through the web form; (6) the SQL queries of each endpoint, counted in a separate pass
in this process with django.test.Client. Prints the tables and writes them to var/bench/.

The client is Python, not wrk: it must log in through the form (CSRF, axes) and hold one
session per simulated person, and a thread per client is enough for 8 clients — the
server, not the client, saturates the two cores.
"""

import argparse
import http.client
import json
import math
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("SNIMH_VAR_DIR", RAIZ / "var")) / "bench"
BASE_DE_DATOS = "snimh_bench"
TAMANO = {"--years": "20", "--acuerdos": "3000", "--institutions": "300", "--evidence": "60000", "--seed": "1"}
CONTRASENA = "snimh-datos-sinteticos"  # sinteticos.generador.CONTRASENA (imported later, after setup)
SUBIDA_MB = 25


def registrar(mensaje):
    print(mensaje, file=sys.stderr, flush=True)


# Environment and database -----------------------------------------------------------


def url_de_bench(url):
    """DATABASE_URL with the database name swapped for the benchmark's own."""
    partes = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(partes._replace(path=f"/{BASE_DE_DATOS}"))


def entorno(url):
    entorno = dict(os.environ)
    entorno.update({
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "snimh.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        # No TLS on loopback; the rest of the production settings stay.
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        # As docs/deployment.md configures production: one connection kept per worker.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # No nginx here: the worker streams evidence files itself (the costlier path).
        "SNIMH_X_ACCEL_REDIRECT_PREFIX": "",
        # The benchmark measures the pages, not the API throttle (600/min per user).
        "API_LIMITE_USUARIO": "10000000/min",
        "API_LIMITE_ANONIMO": "10000000/min",
        "PYTHONUNBUFFERED": "1",
    })
    return entorno


def manage(entorno, *argumentos, capturar=False):
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "manage.py"), *argumentos], cwd=RAIZ, env=entorno,
        capture_output=capturar, text=True,
    )
    return resultado


def asegurar_base_de_datos(url, recrear=False):
    import psycopg2

    partes = urllib.parse.urlsplit(url)
    conexion = psycopg2.connect(
        dbname="postgres", user=urllib.parse.unquote(partes.username or ""),
        password=urllib.parse.unquote(partes.password or ""), host=partes.hostname, port=partes.port or 5432,
    )
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        if recrear:
            registrar(f"bench: se borra la base de datos {BASE_DE_DATOS} para generarla de nuevo")
            cursor.execute(f'DROP DATABASE IF EXISTS "{BASE_DE_DATOS}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BASE_DE_DATOS])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{BASE_DE_DATOS}"')
            registrar(f"bench: base de datos {BASE_DE_DATOS} creada")
    conexion.close()


def preparar_registro(url_base, entorno, recrear=False):
    """Migrate and generate (or reuse) the record; returns the generation time or None.

    A record generated with other parameters is the benchmark's own database: it is
    dropped and generated again."""
    for intento in range(2):
        asegurar_base_de_datos(url_base, recrear=recrear or intento == 1)
        if manage(entorno, "migrate", "--noinput", "-v0").returncode:
            sys.exit("bench: migrate falló")
        args = ["generate_synthetic_data", "--reuse", *[x for par in TAMANO.items() for x in par]]
        inicio = time.perf_counter()
        resultado = manage(entorno, *args, capturar=True)
        segundos = time.perf_counter() - inicio
        registrar(resultado.stdout.strip() + resultado.stderr.strip())
        if resultado.returncode == 0:
            return None if "Se conservan" in resultado.stdout else segundos
        if "ya tiene datos sintéticos" not in resultado.stderr:
            sys.exit("bench: generate_synthetic_data falló")
    sys.exit("bench: no se pudo preparar el registro")


# Django in this process (endpoint choice, files check, query counts) -----------------


def iniciar_django(entorno):
    os.environ.update(entorno)
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()


def archivos_presentes():
    """The record's files must be in var/bench/media (``make clean`` deletes them)."""
    from django.core.files.storage import default_storage

    from acuerdos.models import Evidencia

    muestra = list(Evidencia.objects.order_by("?").values_list("archivo", flat=True)[:20])
    return all(default_storage.exists(nombre) for nombre in muestra)


def emitir_token(usuario):
    from django.contrib.auth import get_user_model

    from cuentas.models import TokenAPI

    token, clave = TokenAPI.emitir(
        usuario=get_user_model().objects.get(username=usuario), nombre="make bench (se revoca al terminar)",
    )
    return token, clave


def revocar_token(token):
    from django.utils import timezone

    type(token).objects.filter(pk=token.pk).update(revocado_en=timezone.now())


def contar_consultas(medicion, clave_token):
    """Queries of each endpoint (first request after clearing the cache / the next one), with
    the test client in this process, in a transaction that is rolled back."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    Usuario = get_user_model()
    resultados = {}
    with transaction.atomic():
        clientes = {como: Client(HTTP_HOST="127.0.0.1") for como in ("anonimo", "coordinacion", "enlace", "token")}
        clientes["coordinacion"].force_login(Usuario.objects.get(username=medicion.coordinacion))
        clientes["enlace"].force_login(Usuario.objects.get(username=medicion.enlace))
        for punto in medicion.puntos:
            encabezados = {"HTTP_AUTHORIZATION": f"Token {clave_token}"} if punto.como == "token" else {}
            medidas = []
            cache.clear()
            for _ in range(2):
                with CaptureQueriesContext(connection) as consultas:
                    respuesta = clientes[punto.como].get(punto.url, **encabezados)
                    if respuesta.streaming:
                        b"".join(respuesta.streaming_content)
                medidas.append(len(consultas))
            resultados[punto.clave] = medidas
        transaction.set_rollback(True)
    return resultados


# HTTP client -------------------------------------------------------------------------


class Cliente:
    """One person: a keep-alive connection and its cookies (gunicorn's sync workers close
    the connection after each response; http.client reopens it for the next request)."""

    def __init__(self, puerto, encabezados=None):
        self.puerto = puerto
        self.cookies = {}
        self.encabezados = encabezados or {}
        self.conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=120)

    def pedir(self, metodo, ruta, cuerpo=None, encabezados=None):
        todos = {"Host": "127.0.0.1", "Connection": "keep-alive", **self.encabezados, **(encabezados or {})}
        if self.cookies:
            todos["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for intento in range(2):
            try:
                self.conexion.request(metodo, ruta, body=cuerpo, headers=todos)
                respuesta = self.conexion.getresponse()
                datos = respuesta.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conexion.close()
                if intento or not isinstance(cuerpo, (bytes, str, type(None))):
                    raise
        for cookie in respuesta.headers.get_all("Set-Cookie") or []:
            nombre, _, resto = cookie.partition("=")
            self.cookies[nombre.strip()] = resto.split(";", 1)[0]
        if respuesta.will_close:
            self.conexion.close()
        return respuesta.status, datos, respuesta.headers


def token_csrf(html):
    encontrado = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not encontrado:
        raise RuntimeError("no se encontró el token CSRF en el formulario")
    return encontrado.group(1).decode()


def entrar(puerto, usuario):
    cliente = Cliente(puerto)
    _estado, html, _ = cliente.pedir("GET", "/cuentas/entrar/")
    cuerpo = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token_csrf(html), "username": usuario, "password": CONTRASENA,
    })
    estado, _, _ = cliente.pedir("POST", "/cuentas/entrar/", cuerpo,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    if estado != 302 or "sessionid" not in cliente.cookies:
        raise RuntimeError(f"no se pudo iniciar sesión como {usuario} (HTTP {estado})")
    return cliente


def fase(clientes, ruta, total):
    """``total`` requests of ``ruta`` shared by the clients (one thread each)."""
    latencias, errores, estados = [], [], {}
    candado = threading.Lock()
    pendientes = [total]

    def trabajar(cliente):
        while True:
            with candado:
                if pendientes[0] <= 0:
                    return
                pendientes[0] -= 1
            inicio = time.perf_counter()
            try:
                estado, _datos, _ = cliente.pedir("GET", ruta)
            except Exception as error:  # noqa: BLE001 -- counted and reported as an error
                estado = type(error).__name__
            duracion = time.perf_counter() - inicio
            with candado:
                estados[estado] = estados.get(estado, 0) + 1
                (latencias if estado == 200 else errores).append(duracion)

    hilos = [threading.Thread(target=trabajar, args=(c,)) for c in clientes]
    inicio = time.perf_counter()
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    return {"segundos": time.perf_counter() - inicio, "latencias": sorted(latencias), "errores": len(errores),
            "estados": estados}


def percentil(valores, p):
    if not valores:
        return math.nan
    return valores[max(0, math.ceil(p / 100 * len(valores)) - 1)]


# gunicorn and its workers' memory ------------------------------------------------------


def puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def iniciar_gunicorn(entorno, puerto, trabajadores, registro):
    proceso = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", str(RAIZ / "deploy" / "gunicorn.conf.py"),
         "snimh.wsgi:application"],
        cwd=RAIZ, stdout=registro, stderr=subprocess.STDOUT, start_new_session=True,
        env={**entorno, "GUNICORN_BIND": f"127.0.0.1:{puerto}", "GUNICORN_WORKERS": str(trabajadores),
             # Recycling workers mid-run would mix restarts into the latencies and the memory.
             "GUNICORN_MAX_REQUESTS": "0", "GUNICORN_LOG_LEVEL": "warning"},
    )
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            sys.exit(f"bench: gunicorn terminó al iniciar; vea {registro.name}")
        try:
            if Cliente(puerto).pedir("GET", "/salud/")[0] == 200 and len(hijos(proceso.pid)) == trabajadores:
                return proceso
        except OSError:
            pass
        time.sleep(0.3)
    proceso.terminate()
    sys.exit("bench: gunicorn no respondió en 60 s")


def hijos(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memoria(pid):
    """``(VmRSS, VmHWM)`` in bytes."""
    campos = dict(linea.split(":", 1) for linea in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in linea)
    return tuple(int(campos[c].split()[0]) * 1024 for c in ("VmRSS", "VmHWM"))


class PicoDeMemoria:
    """The largest growth of any worker's resident memory over its level at the start.

    Writing 5 to /proc/PID/clear_refs resets the kernel's peak (VmHWM) to the current
    RSS, so the peak read afterwards belongs to this block of requests only.
    """

    def __init__(self, pids):
        self.pids = pids

    def __enter__(self):
        self.inicio = {}
        for pid in self.pids:
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")
            except OSError:
                pass
            self.inicio[pid] = memoria(pid)[0]
        return self

    def __exit__(self, *exc):
        self.crecimiento = max(memoria(pid)[1] - self.inicio[pid] for pid in self.pids)


# The 25 MB upload ------------------------------------------------------------------------


def pdf_grande(ruta, tamano):
    """A valid PDF of exactly ``tamano`` bytes: one page and an incompressible stream (like a scan)."""
    if ruta.exists() and ruta.stat().st_size == tamano:
        return ruta
    cabecera = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" \
               b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" \
               b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
    cola = b"\nendstream endobj\ntrailer << /Size 5 /Root 1 0 R >>\n%%EOF\n"
    relleno = tamano - len(cabecera) - len(cola) - len(b"4 0 obj << /Length 00000000 >> stream\n")
    with ruta.open("wb") as archivo:
        archivo.write(cabecera + b"4 0 obj << /Length %08d >> stream\n" % relleno)
        restante = relleno
        while restante:
            bloque = min(restante, 1 << 20)
            archivo.write(os.urandom(bloque))
            restante -= bloque
        archivo.write(cola)
    return ruta


def subir_evidencia(cliente, seguimiento, ruta_pdf, pids):
    """POST the big file through the web form, streaming the body from disk."""
    ruta = f"/seguimientos/{seguimiento}/evidencias/nueva/"
    estado, html, _ = cliente.pedir("GET", ruta)
    if estado != 200:
        return {"error": f"HTTP {estado} en {ruta}"}
    frontera = "----snimhbench" + secrets.token_hex(8)
    nombre = "prueba de carga 25 MB.pdf"
    inicio = (
        f"--{frontera}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{token_csrf(html)}\r\n"
        f"--{frontera}\r\nContent-Disposition: form-data; name=\"descripcion\"\r\n\r\nPrueba de carga (make bench)\r\n"
        f"--{frontera}\r\nContent-Disposition: form-data; name=\"archivo\"; filename=\"{nombre}\"\r\n"
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    fin = f"\r\n--{frontera}--\r\n".encode()
    tamano = ruta_pdf.stat().st_size

    def cuerpo():
        yield inicio
        with ruta_pdf.open("rb") as archivo:
            while bloque := archivo.read(1 << 16):
                yield bloque
        yield fin

    encabezados = {"Content-Type": f"multipart/form-data; boundary={frontera}",
                   "Content-Length": str(len(inicio) + tamano + len(fin))}
    with PicoDeMemoria(pids) as pico:
        comienzo = time.perf_counter()
        estado, _, respuesta = cliente.pedir("POST", ruta, cuerpo(), encabezados)
        segundos = time.perf_counter() - comienzo
    return {"estado": estado, "segundos": segundos, "crecimiento": pico.crecimiento, "bytes": tamano,
            "nombre": nombre, "ubicacion": respuesta.get("Location", "")}


def quitar_subida(nombre, seguimiento):
    """The upload is a measurement, not part of the record: its row and file go away."""
    from django.core.files.storage import default_storage

    from acuerdos.models import Evidencia

    evidencia = Evidencia.objects.filter(seguimiento_id=seguimiento, nombre_original=nombre).order_by("-pk").first()
    if evidencia is None:
        return None
    guardada = (evidencia.tamano, default_storage.size(evidencia.archivo.name))
    default_storage.delete(evidencia.archivo.name)
    evidencia.delete()
    return guardada


# Report ------------------------------------------------------------------------------------


def ms(valor):
    return "—" if math.isnan(valor) else f"{valor * 1000:.1f}"


def tabla(filas, piso, consultas, memorias):
    lineas = [
        "| endpoint | 1 cliente: req/s | p50 ms | p95 ms | p99 ms | 8 clientes: req/s | p50 ms | p95 ms | p99 ms "
        "| errores | p50/piso (1 · 8) | consultas SQL | memoria pico extra |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for clave, _punto, resultado in filas:
        if "fallo" in resultado:
            lineas.append(f"| {clave} | ERROR: {resultado['fallo']} | | | | | | | | | | | |")
            continue
        uno, ocho = resultado["1"], resultado["8"]
        errores = uno["errores"] + ocho["errores"]
        razones = " · ".join(
            f"{percentil(f['latencias'], 50) / percentil(piso[k]['latencias'], 50):.1f}"
            if f["latencias"] and piso and piso[k]["latencias"] else "—"
            for k, f in (("1", uno), ("8", ocho))
        )
        cuentas = consultas.get(clave)
        texto_consultas = "—" if cuentas is None else (
            str(cuentas[0]) if cuentas[0] == cuentas[1] else f"{cuentas[0]} / {cuentas[1]}")
        estados_error = {k: v for k, v in {**uno["estados"], **ocho["estados"]}.items() if k != 200}
        lineas.append(
            f"| {clave} | {len(uno['latencias']) / uno['segundos']:.1f} | {ms(percentil(uno['latencias'], 50))} "
            f"| {ms(percentil(uno['latencias'], 95))} | {ms(percentil(uno['latencias'], 99))} "
            f"| {len(ocho['latencias']) / ocho['segundos']:.1f} | {ms(percentil(ocho['latencias'], 50))} "
            f"| {ms(percentil(ocho['latencias'], 95))} | {ms(percentil(ocho['latencias'], 99))} "
            f"| {errores}{' ' + json.dumps(estados_error) if estados_error else ''} | {razones} | {texto_consultas} "
            f"| {memorias.get(clave, 0) / 2**20:.1f} MB |"
        )
    return "\n".join(lineas)


def maquina(url):
    import psycopg2

    modelo = next((linea.split(":", 1)[1].strip() for linea in Path("/proc/cpuinfo").read_text().splitlines()
                   if linea.startswith("model name")), platform.processor())
    memoria_total = next(int(linea.split()[1]) for linea in Path("/proc/meminfo").read_text().splitlines()
                         if linea.startswith("MemTotal"))
    partes = urllib.parse.urlsplit(url)
    conexion = psycopg2.connect(dbname=BASE_DE_DATOS, user=urllib.parse.unquote(partes.username or ""),
                                password=urllib.parse.unquote(partes.password or ""), host=partes.hostname,
                                port=partes.port or 5432)
    with conexion.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version_pg = cursor.fetchone()[0]
    conexion.close()
    import gunicorn

    return (f"{os.cpu_count()} núcleos ({modelo}), {memoria_total // 1024} MB de RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, PostgreSQL {version_pg}, "
            f"gunicorn {gunicorn.__version__}")


# Main ----------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peticiones", type=int, default=200,
                        help="requests per endpoint with 1 client (8 clients: twice as many; exports: a tenth)")
    parser.add_argument("--trabajadores", type=int, default=3, help="gunicorn sync workers (default 3)")
    parser.add_argument("--solo", nargs="*", default=None, help="only these endpoints (salud always runs)")
    argumentos = parser.parse_args()

    url_base = os.environ.get("DATABASE_URL")
    if not url_base:
        sys.exit("bench: falta DATABASE_URL (make bench lo obtiene de scripts/ensure-postgres.sh)")
    url = url_de_bench(url_base)
    VAR.mkdir(parents=True, exist_ok=True)
    variables = entorno(url)

    segundos_generacion = preparar_registro(url_base, variables)
    iniciar_django(variables)
    from sinteticos import generador as sinteticos

    assert sinteticos.CONTRASENA == CONTRASENA
    if not archivos_presentes():
        registrar("bench: faltan los archivos de las evidencias en var/bench/media: se genera el registro de nuevo")
        from django.db import connections

        connections.close_all()
        segundos_generacion = preparar_registro(url_base, variables, recrear=True)
    medicion = sinteticos.puntos_de_medicion()
    registrar("bench: collectstatic")
    if manage(variables, "collectstatic", "--noinput", "-v0").returncode:
        sys.exit("bench: collectstatic falló")

    token, clave_token = emitir_token(medicion.coordinacion)
    puerto = puerto_libre()
    registro_gunicorn = (VAR / "gunicorn.log").open("w")
    registrar(f"bench: gunicorn con {argumentos.trabajadores} workers sync en 127.0.0.1:{puerto}")
    gunicorn = iniciar_gunicorn(variables, puerto, argumentos.trabajadores, registro_gunicorn)
    try:
        pids = hijos(gunicorn.pid)
        memoria_inicial = {pid: memoria(pid)[0] for pid in pids}
        registrar("bench: inicio de sesión de 8 personas de coordinación y 8 de la institución con más seguimientos")
        sesiones = {
            "anonimo": [Cliente(puerto) for _ in range(8)],
            "token": [Cliente(puerto, {"Authorization": f"Token {clave_token}"}) for _ in range(8)],
            "coordinacion": [entrar(puerto, medicion.coordinacion) for _ in range(8)],
            "enlace": [entrar(puerto, medicion.enlace) for _ in range(8)],
        }
        filas, memorias, piso = [], {}, None
        for punto in medicion.puntos:
            if argumentos.solo is not None and punto.clave not in argumentos.solo and punto.clave != "salud":
                continue
            clientes = sesiones[punto.como]
            n1 = max(2, argumentos.peticiones // (10 if punto.pesado else 1))
            n8 = 2 * n1
            calentamiento = fase(clientes[:4], punto.url, max(4, n1 // 10))
            if not calentamiento["latencias"]:
                filas.append((punto.clave, punto, {"fallo": f"{punto.url} respondió {calentamiento['estados']}"}))
                registrar(f"bench: {punto.clave}: {punto.url} respondió {calentamiento['estados']}")
                continue
            with PicoDeMemoria(pids) as pico:
                resultado = {"1": fase(clientes[:1], punto.url, n1), "8": fase(clientes, punto.url, n8)}
            memorias[punto.clave] = pico.crecimiento
            if punto.clave == "salud":
                piso = resultado
            filas.append((punto.clave, punto, resultado))
            registrar(f"bench: {punto.clave}: p50 {ms(percentil(resultado['1']['latencias'], 50))} ms (1 cliente), "
                      f"p95 {ms(percentil(resultado['8']['latencias'], 95))} ms (8 clientes)")

        registrar(f"bench: subida de una evidencia de {SUBIDA_MB} MB por el formulario web")
        pdf = pdf_grande(VAR / "evidencia-25mb.pdf", SUBIDA_MB * 1024 * 1024 - 4096)
        subida = subir_evidencia(sesiones["coordinacion"][0], medicion.seguimiento_para_subir, pdf, pids)
        subida["guardada"] = quitar_subida(subida.get("nombre", ""), medicion.seguimiento_para_subir)
        memoria_final = {pid: memoria(pid) for pid in pids}
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
        registro_gunicorn.close()

    registrar("bench: conteo de consultas SQL por endpoint (django.test.Client en este proceso)")
    try:
        consultas = contar_consultas(medicion, clave_token)
    finally:
        revocar_token(token)

    n1 = argumentos.peticiones
    encabezado = [
        f"Rendimiento web: gunicorn (sync, {argumentos.trabajadores} workers, deploy/gunicorn.conf.py), settings de "
        "producción, DEBUG=False, PostgreSQL con el registro sintético de 20 años",
        f"Máquina: {maquina(url_base)}",
        f"Registro: {sinteticos.registrados()}; acuerdo más grande: {medicion.acuerdo_grande} "
        f"({medicion.responsables_del_acuerdo_grande} instituciones responsables)",
        "Generación del registro: " + (f"{segundos_generacion:.1f} s" if segundos_generacion else
                                       "reutilizado (ya estaba generado con los mismos parámetros)"),
        f"Peticiones por endpoint: {n1} con 1 cliente y {2 * n1} con 8 clientes (exportaciones: {max(2, n1 // 10)} "
        f"y {2 * max(2, n1 // 10)}), tras un calentamiento; cliente Python (http.client, un hilo y una sesión por "
        "cliente) en otro proceso, por loopback.",
        "",
    ]
    cuerpo = tabla(filas, piso, consultas, memorias)
    pie = ["", "consultas SQL: en frío (caché vacía) / en caliente cuando difieren. memoria pico extra: el mayor "
               "crecimiento del RSS de un worker sobre su nivel al empezar las peticiones de ese endpoint (VmHWM)."]
    if "error" in subida:
        pie.append(f"Subida de {SUBIDA_MB} MB: {subida['error']}")
    else:
        pie.append(
            f"Subida de {SUBIDA_MB} MB por el formulario (/seguimientos/{medicion.seguimiento_para_subir}/evidencias/"
            f"nueva/): HTTP {subida['estado']} en {subida['segundos']:.2f} s; crecimiento máximo del RSS de un worker: "
            f"{subida['crecimiento'] / 2**20:.1f} MB para un archivo de {subida['bytes'] / 2**20:.1f} MB; "
            + (f"guardado en el almacenamiento con {subida['guardada'][1]} bytes (y retirado después de medir)."
               if subida["guardada"] else "NO se encontró la evidencia guardada.")
        )
    pie.append("RSS de los workers al iniciar → al terminar: " + ", ".join(
        f"{memoria_inicial[p] / 2**20:.0f} → {memoria_final[p][0] / 2**20:.0f} MB (pico {memoria_final[p][1] / 2**20:.0f})"
        for p in pids))
    informe = "\n".join([*encabezado, cuerpo, *pie])
    print(informe)
    sello = time.strftime("%Y%m%d-%H%M%S")
    (VAR / f"resultado-{sello}.md").write_text(informe + "\n")
    (VAR / f"resultado-{sello}.json").write_text(json.dumps({
        "filas": {clave: r for clave, _p, r in filas}, "consultas": consultas, "memoria": memorias,
        "subida": subida, "urls": {p.clave: p.url for p in medicion.puntos},
    }, default=str, indent=1))
    registrar(f"bench: resultados en {VAR}/resultado-{sello}.md")


if __name__ == "__main__":
    main()
