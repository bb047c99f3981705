"""Backup and restore: scripts/backup.sh and scripts/restore.sh, run for real.

The data is committed (a transactional test) so that pg_dump, a separate process,
sees it; the backup is restored into a database created for the test, and the
restored copy is compared with the original by this test's own queries and
hashes, not only by the scripts' manifest.
"""

import hashlib
import os
import secrets
import subprocess
import tarfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from psycopg2 import sql

from acuerdos import services
from acuerdos.reference_data import load_reference_data
from compromisos.models import Evidencia
from tests import archivos

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


def _url(nombre_bd):
    datos = connection.settings_dict
    credenciales = quote(datos["USER"], safe="")
    if datos["PASSWORD"]:
        credenciales += ":" + quote(datos["PASSWORD"], safe="")
    return f"postgres://{credenciales}@{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}/{nombre_bd}"


def _conectar(nombre_bd):
    datos = connection.settings_dict
    return psycopg2.connect(
        dbname=nombre_bd, user=datos["USER"], password=datos["PASSWORD"],
        host=datos["HOST"] or "127.0.0.1", port=datos["PORT"] or 5432,
    )


def _ejecutar(script, *argumentos, **entorno):
    variables = {**os.environ, **entorno}
    variables.pop("FILE_STORAGE_BACKEND", None)
    return subprocess.run(
        ["bash", str(SCRIPTS / script), *map(str, argumentos)],
        env=variables, capture_output=True, text=True, timeout=300, check=False,
    )


def _filas_por_tabla(nombre_bd):
    with _conectar(nombre_bd) as conexion, conexion.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg\\_%'"
        )
        tablas = cursor.fetchall()
        conteo = {}
        for esquema, tabla in tablas:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(esquema), sql.Identifier(tabla)))
            conteo[f"{esquema}.{tabla}"] = cursor.fetchone()[0]
    conexion.close()
    return conteo


def _esquema(nombre_bd):
    """What pg_restore must bring back besides the rows: extensions, triggers, constraints."""
    with _conectar(nombre_bd) as conexion, conexion.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension ORDER BY 1")
        extensiones = [fila[0] for fila in cursor.fetchall()]
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")
        disparadores = [fila[0] for fila in cursor.fetchall()]
        cursor.execute("SELECT conname, contype FROM pg_constraint WHERE contype IN ('c', 'x', 'u') ORDER BY 1")
        restricciones = cursor.fetchall()
    conexion.close()
    return SimpleNamespace(extensiones=extensiones, disparadores=disparadores, restricciones=restricciones)


def _sumas(raiz):
    return {
        str(ruta.relative_to(raiz)): hashlib.sha256(ruta.read_bytes()).hexdigest()
        for ruta in Path(raiz).rglob("*") if ruta.is_file()
    }


def _modelos_con_filas():
    from django.apps import apps
    from pghistory.models import Event

    return [
        modelo for modelo in apps.get_models()
        if modelo._meta.managed and not modelo._meta.proxy and not issubclass(modelo, Event)
        and modelo._base_manager.exists()
    ]


@pytest.fixture(scope="module", autouse=True)
def datos_de_las_migraciones(django_db_setup, django_db_blocker):
    """Put back what migrations load (the LFT rest days) once this module's flushes are over.

    A transactional test ends by emptying every table, and the tests that run after it
    expect those rows. Django's serialized_rollback cannot be used: it saves the rows
    again over the existing ones, and the history tables refuse updates. Here they are
    inserted, only into tables left empty, and the history triggers record them anew.
    """
    with django_db_blocker.unblock():
        guardados = {modelo: serializers.serialize("json", modelo._base_manager.all()) for modelo in _modelos_con_filas()}
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        for modelo, datos in guardados.items():
            if not modelo._base_manager.exists():
                for objeto in serializers.deserialize("json", datos):
                    objeto.save()


@pytest.fixture
def bases_nuevas():
    """Empty databases named snimh_restore_<random>, dropped at the end whatever happens."""
    creadas = []

    def crear():
        nombre = f"snimh_restore_{secrets.token_hex(6)}"
        conexion = _conectar("postgres")
        conexion.autocommit = True
        with conexion.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nombre)))
        conexion.close()
        creadas.append(nombre)
        return nombre

    yield crear
    conexion = _conectar("postgres")
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        for nombre in creadas:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(nombre)))
    conexion.close()


@pytest.fixture(autouse=True)
def almacen(settings, tmp_path):
    """Evidence files in a folder of this test only."""
    raiz = tmp_path / "media"
    raiz.mkdir()
    settings.MEDIA_ROOT = str(raiz)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(raiz), "base_url": None}},
    }
    return raiz


@pytest.fixture
def respaldo(almacen, mundo, tmp_path):
    """The official record, the workflow fixture and evidence of several formats,
    committed; then backed up."""
    load_reference_data()
    autor = mundo.usuarios["enlace_propio"]
    for nombre, contenido in [
        ("Constancia de participación.png", archivos.PNG),
        ("fotografía del evento.jpg", archivos.JPG),
        ("avance por institución.csv", archivos.CSV),
        ("minuta firmada.docx", archivos.docx()),
    ]:
        services.evidencia_subir(
            seguimiento=mundo.propio, autor=autor,
            archivo=SimpleUploadedFile(nombre, contenido, content_type="application/octet-stream"),
        )
    resultado = _ejecutar("backup.sh", tmp_path / "respaldos", DATABASE_URL=_url(connection.settings_dict["NAME"]),
                          MEDIA_ROOT=almacen)
    assert resultado.returncode == 0, resultado.stderr
    (carpeta,) = (tmp_path / "respaldos").glob("snimh-*")
    return carpeta


def test_respaldo_y_restauracion_reproducen_la_base_y_los_archivos(respaldo, almacen, bases_nuevas, tmp_path):
    assert sorted(p.name for p in respaldo.iterdir()) == [
        "SHA256SUMS", "backup-info.txt", "database.dump", "media.sha256", "media.tar.gz", "row-counts.tsv",
    ]
    original = connection.settings_dict["NAME"]
    restaurada = bases_nuevas()
    archivos_restaurados = tmp_path / "media-restaurada"

    resultado = _ejecutar("restore.sh", respaldo, _url(restaurada), archivos_restaurados)

    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "Restauración verificada" in resultado.stdout
    # Every table, counted here independently of the scripts' manifest.
    filas_originales = _filas_por_tabla(original)
    assert _filas_por_tabla(restaurada) == filas_originales
    assert filas_originales["public.acuerdos_acuerdo"] == 23  # 22 of 2020 and the fixture's
    assert filas_originales["public.acuerdos_evidencia"] == 5
    assert filas_originales["public.acuerdos_evidenciaevent"] >= 5  # the history came along
    # Extensions (btree_gist, unaccent), history triggers and exclusion constraints.
    esquema = _esquema(restaurada)
    assert esquema == _esquema(original)
    assert {"btree_gist", "unaccent"} <= set(esquema.extensiones)
    assert any(tipo == "x" for _nombre, tipo in esquema.restricciones)
    assert esquema.disparadores
    # Every file, byte for byte, and each one still matches the SHA-256 recorded at upload.
    sumas = _sumas(almacen)
    assert len(sumas) == 5
    assert _sumas(archivos_restaurados) == sumas
    with _conectar(restaurada) as conexion, conexion.cursor() as cursor:
        cursor.execute("SELECT archivo, sha256 FROM acuerdos_evidencia")
        registradas = dict(cursor.fetchall())
    conexion.close()
    assert registradas == {e.archivo.name: e.sha256 for e in Evidencia.objects.all()}
    for nombre, suma in registradas.items():
        assert sumas[nombre] == suma


def _reempaquetar_con_un_archivo_alterado(respaldo):
    """An evidence file altered inside the archive, with the archive's own sum
    updated: only the per-file manifest can tell."""
    extraido = respaldo.parent / "extraido"
    with tarfile.open(respaldo / "media.tar.gz") as tar:
        tar.extractall(extraido, filter="data")
    alterado = next(p for p in extraido.rglob("*.csv"))
    alterado.write_bytes(alterado.read_bytes().replace(b"CFE", b"CFF"))
    with tarfile.open(respaldo / "media.tar.gz", "w:gz") as tar:
        tar.add(extraido, arcname=".")
    suma = hashlib.sha256((respaldo / "media.tar.gz").read_bytes()).hexdigest()
    lineas = (respaldo / "SHA256SUMS").read_text().splitlines()
    (respaldo / "SHA256SUMS").write_text(
        "".join((f"{suma}  media.tar.gz" if linea.endswith("  media.tar.gz") else linea) + "\n" for linea in lineas)
    )
    return str(alterado.relative_to(extraido))


def test_un_archivo_alterado_en_el_respaldo_hace_fallar_la_verificacion(respaldo, bases_nuevas, tmp_path):
    nombre = _reempaquetar_con_un_archivo_alterado(respaldo)

    resultado = _ejecutar("restore.sh", respaldo, _url(bases_nuevas()), tmp_path / "media-restaurada")

    assert resultado.returncode == 1
    assert "VERIFICACIÓN FALLIDA" in resultado.stderr
    assert nombre in resultado.stderr
    assert "Restauración verificada" not in resultado.stdout


def test_un_respaldo_danado_no_toca_la_base_de_destino(respaldo, bases_nuevas, tmp_path):
    volcado = respaldo / "database.dump"
    contenido = bytearray(volcado.read_bytes())
    contenido[len(contenido) // 2] ^= 0xFF
    volcado.write_bytes(bytes(contenido))
    destino = bases_nuevas()

    resultado = _ejecutar("restore.sh", respaldo, _url(destino), tmp_path / "media-restaurada")

    assert resultado.returncode == 1
    assert "SHA256SUMS no coincide" in resultado.stderr
    assert _filas_por_tabla(destino) == {}


def test_la_restauracion_se_niega_a_escribir_sobre_una_base_con_datos(respaldo, tmp_path):
    resultado = _ejecutar("restore.sh", respaldo, _url(connection.settings_dict["NAME"]), tmp_path / "otra")

    assert resultado.returncode == 2
    assert "no está vacía" in resultado.stderr


def test_el_respaldo_conserva_solo_los_mas_recientes(almacen, tmp_path):
    destino = tmp_path / "respaldos"
    for marca in ("20240101T000000Z", "20240102T000000Z", "20240103T000000Z"):
        (destino / f"snimh-{marca}").mkdir(parents=True)
    (destino / "otra-cosa").mkdir()

    resultado = _ejecutar("backup.sh", "--keep", 2, destino, DATABASE_URL=_url(connection.settings_dict["NAME"]),
                          MEDIA_ROOT=almacen)

    assert resultado.returncode == 0, resultado.stderr
    restantes = sorted(p.name for p in destino.iterdir())
    assert restantes[0] == "otra-cosa"  # only backup folders are ever removed
    assert restantes[1] == "snimh-20240103T000000Z"
    assert len(restantes) == 3 and restantes[2] > "snimh-2025"
