"""The publication tables are added without touching what was there: the report texts
written before the migration are kept, with their history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("esquema_actual_al_terminar")]

ANTES = [("informes", "0001_textos_informe")]
DESPUES = [("informes", "0002_informes_publicados")]


def _migrar(destino):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(destino)
    return executor.loader.project_state(destino).apps


def test_migracion_de_publicaciones_conserva_los_textos():
    try:
        apps = _migrar(ANTES)
        TextoInforme = apps.get_model("informes", "TextoInforme")
        TextoInforme.objects.create(anio=2020, introduccion="<p>Texto previo.</p>", resumen_ejecutivo="")
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('informes_informepublicado')")
            assert cursor.fetchone() == (None,)
        apps = _migrar(DESPUES)
        assert apps.get_model("informes", "TextoInforme").objects.get(anio=2020).introduccion == "<p>Texto previo.</p>"
        assert apps.get_model("informes", "InformePublicado").objects.count() == 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM informes_textoinformeevent WHERE anio = 2020")
            assert cursor.fetchone() == (1,), "the history event of the earlier text is kept"
    finally:
        _migrar(MigrationExecutor(connection).loader.graph.leaf_nodes())
