"""Migration 0004 (invitations, case-insensitive uniqueness) on a populated database:
every account is kept, and accounts differing only in case stop it with their names."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db

ANTES = ("cuentas", "0003_tokens_api")
DESPUES = ("cuentas", "0004_invitaciones")


def _migrar(destino):
    ejecutor = MigrationExecutor(connection)
    ejecutor.loader.build_graph()
    ejecutor.migrate([destino])
    return ejecutor.loader.project_state([destino]).apps


def test_la_migracion_conserva_las_cuentas_y_explica_los_duplicados():
    # The test's transaction holds deferred foreign-key checks; DDL needs them done.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    apps = _migrar(ANTES)
    Usuario = apps.get_model("cuentas", "Usuario")
    Institucion = apps.get_model("instituciones", "Institucion")
    institucion = Institucion.objects.create(nombre="Institución de la migración", siglas="IMIG", naturaleza="secretaria_estado")
    ana = Usuario.objects.create(username="Ana", email="ana@ejemplo.gob.mx", password="md5$x$y", first_name="Ana",
                                 rol="enlace", institucion=institucion)
    otra = Usuario.objects.create(username="otra", email="ANA@ejemplo.gob.mx", password="md5$x$z", rol="consulta")
    Usuario.objects.create(username="sin.correo.1", email="", rol="consulta")
    Usuario.objects.create(username="sin.correo.2", email="", rol="consulta")

    with pytest.raises(RuntimeError) as error:
        _migrar(DESPUES)
    assert "email «ana@ejemplo.gob.mx»" in str(error.value)
    assert f"id {ana.pk} (Ana)" in str(error.value) and f"id {otra.pk} (otra)" in str(error.value)

    Usuario.objects.filter(pk=otra.pk).update(email="otra@ejemplo.gob.mx")
    apps = _migrar(DESPUES)
    Usuario = apps.get_model("cuentas", "Usuario")
    assert Usuario.objects.filter(username__startswith="sin.correo").count() == 2
    migrada = Usuario.objects.get(pk=ana.pk)
    assert (migrada.username, migrada.email, migrada.password, migrada.institucion_id, migrada.version) == (
        "Ana", "ana@ejemplo.gob.mx", "md5$x$y", institucion.pk, 1)
    assert not apps.get_model("cuentas", "Invitacion").objects.exists()
    # The constraint now holds.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(username="ANA", email="nueva@ejemplo.gob.mx", rol="consulta")
