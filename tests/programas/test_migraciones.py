"""Programmes and objectives move from acuerdos to programas (acuerdos 0016–0017, programas
0001) on a populated database: every row keeps its id, every agreement keeps its alignment,
every history event is kept, and the history goes on recording in the new tables."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The test runs in a transaction: PostgreSQL rolls the schema back with the rows.
pytestmark = pytest.mark.django_db

ANTES = [("acuerdos", "0015_motor"), ("compromisos", "0002_restricciones_e_historial"),
         ("sesiones", "0006_limites_de_numero_e_integrantes")]
DESPUES = [("acuerdos", "0017_programas_fuera_del_estado"), ("programas", "0001_initial")]


def _migrar(destinos):
    ejecutor = MigrationExecutor(connection)
    ejecutor.loader.build_graph()
    ejecutor.migrate(destinos)
    return ejecutor.loader.project_state(destinos).apps


def test_programas_y_objetivos_cambian_de_app_sin_perder_nada():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    apps = _migrar(ANTES)
    Programa = apps.get_model("acuerdos", "Programa")
    Objetivo = apps.get_model("acuerdos", "Objetivo")
    Sesion = apps.get_model("sesiones", "Sesion")
    Acuerdo = apps.get_model("acuerdos", "Acuerdo")
    Alineacion = apps.get_model("acuerdos", "AlineacionAcuerdo")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="acuerdos", model="programa")
    proigualdad = Programa.objects.create(clave="PROIGUALDAD-2020-2024", nombre="Programa de ejemplo")
    snimh = Programa.objects.create(clave="SNIMH", nombre="Otro programa de ejemplo")
    objetivos = [Objetivo.objects.create(programa=proigualdad, numero=n, texto=f"Objetivo de ejemplo {n}")
                 for n in range(1, 7)]
    Objetivo.objects.filter(pk=objetivos[0].pk).update(texto="Objetivo de ejemplo corregido")
    Objetivo.objects.create(programa=snimh, numero=1, texto="Objetivo de ejemplo del SNIMH")
    sesion = Sesion.objects.create(numero=22, tipo="ordinaria", fecha="2020-12-09", estado="celebrada",
                                   acta_nombre="")
    acuerdo = Acuerdo.objects.create(numero=53, sesion=sesion, texto="Acuerdo de ejemplo.", tipo="acuerdo")
    alineacion = Alineacion.objects.create(acuerdo=acuerdo, objetivo=objetivos[1])
    filas = {
        "programas": sorted(Programa.objects.values_list("pk", "clave", "nombre")),
        "objetivos": sorted(Objetivo.objects.values_list("pk", "programa_id", "numero", "texto")),
    }
    eventos = {
        "programas": sorted(apps.get_model("acuerdos", "ProgramaEvent").objects.values_list("pgh_id", "pgh_label")),
        "objetivos": sorted(apps.get_model("acuerdos", "ObjetivoEvent").objects.values_list(
            "pgh_id", "pgh_label", "texto")),
    }
    assert len(eventos["objetivos"]) == 8  # 7 insertions and 1 correction

    apps = _migrar(DESPUES)
    Programa = apps.get_model("programas", "Programa")
    Objetivo = apps.get_model("programas", "Objetivo")
    assert sorted(Programa.objects.values_list("pk", "clave", "nombre")) == filas["programas"]
    assert sorted(Objetivo.objects.values_list("pk", "programa_id", "numero", "texto")) == filas["objetivos"]
    ProgramaEvent = apps.get_model("programas", "ProgramaEvent")
    ObjetivoEvent = apps.get_model("programas", "ObjetivoEvent")
    assert sorted(ProgramaEvent.objects.values_list("pgh_id", "pgh_label")) == eventos["programas"]
    assert sorted(ObjetivoEvent.objects.values_list("pgh_id", "pgh_label", "texto")) == eventos["objetivos"]
    # The agreement keeps its alignment, now to the moved objective.
    Alineacion = apps.get_model("acuerdos", "AlineacionAcuerdo")
    assert Alineacion.objects.get(pk=alineacion.pk).objetivo_id == objetivos[1].pk
    assert list(apps.get_model("acuerdos", "Acuerdo").objects.get(pk=acuerdo.pk).objetivos.values_list(
        "numero", flat=True)) == [2]
    # The content type followed the model (admin log and permissions keep pointing at it).
    assert apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="programas", model="programa").exists()
    # The history goes on in the renamed tables: an edit is one more event, nothing is lost.
    Objetivo.objects.filter(pk=objetivos[2].pk).update(texto="Objetivo de ejemplo editado tras la mudanza")
    ultimo = ObjetivoEvent.objects.order_by("-pgh_id").first()
    assert (ultimo.pgh_label, ultimo.pgh_obj_id, ultimo.texto) == (
        "update", objetivos[2].pk, "Objetivo de ejemplo editado tras la mudanza")
    nuevo = Programa.objects.create(clave="NUEVO", nombre="Programa de ejemplo posterior")
    assert ProgramaEvent.objects.filter(pgh_obj_id=nuevo.pk, pgh_label="insert").count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'acuerdos_programa%%' "
                       "OR table_name LIKE 'acuerdos_objetivo%%'")
        assert cursor.fetchone()[0] == 0
