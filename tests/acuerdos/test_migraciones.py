"""Migration 0013 (text limits) forward on a populated database: every row is kept, and a
row longer than a new limit stops the migration, naming it, before anything changes."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from compromisos.models import Observacion, Reporte

pytestmark = pytest.mark.django_db(transaction=True)

ANTERIOR = [("acuerdos", "0013_grupos_avance_historial_por_institucion")]
LIMITES = [("acuerdos", "0014_limites_de_texto")]


def _migrar(destino):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(destino)


def _restricciones():
    with connection.cursor() as cursor:
        # Only this app's tables: other apps' limits (questionnaires…) are not rolled back here.
        cursor.execute("SELECT conname FROM pg_constraint WHERE conname LIKE %s AND conrelid::regclass::text LIKE %s",
                       ["%_tope", "acuerdos\\_%"])
        return {fila[0] for fila in cursor.fetchall()}


def _textos(excepto):
    return ({("reporte", r.pk, r.texto) for r in Reporte.objects.exclude(pk=excepto)}
            | {("observacion", o.pk, o.texto) for o in Observacion.objects.all()})


def test_hacia_adelante_conserva_las_filas(mundo):
    antes = _textos(excepto=mundo.reporte.pk)
    try:
        _migrar(ANTERIOR)
        assert not _restricciones()
        with connection.cursor() as cursor:
            # The longest text allowed, written while there was no limit: kept afterwards.
            cursor.execute("UPDATE acuerdos_reporte SET texto = %s WHERE id = %s", ["a" * 10000, mundo.reporte.pk])
    finally:
        _migrar(LIMITES)
    assert _restricciones() == {"reporte_texto_tope", "observacion_texto_tope", "cambio_estatus_motivo_tope",
                                "evidencia_motivo_retiro_tope"}
    assert Reporte.objects.get(pk=mundo.reporte.pk).texto == "a" * 10000
    assert _textos(excepto=mundo.reporte.pk) == antes


def test_un_texto_de_mas_detiene_la_migracion_sin_cambiar_nada(mundo):
    try:
        _migrar(ANTERIOR)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE acuerdos_reporte SET texto = %s WHERE id = %s", ["b" * 10001, mundo.reporte.pk])
        with pytest.raises(RuntimeError, match=rf"Reporte.texto > 10000: ids \[{mundo.reporte.pk}\]"):
            _migrar(LIMITES)
        assert Reporte.objects.get(pk=mundo.reporte.pk).texto == "b" * 10001
        assert not _restricciones()
        # Shortened by a person, the migration goes through.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE acuerdos_reporte SET texto = %s WHERE id = %s", ["b" * 9000, mundo.reporte.pk])
    finally:
        _migrar(LIMITES)
    assert "reporte_texto_tope" in _restricciones()
