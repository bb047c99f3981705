"""The workspace migrations (acuerdos 0013, sesiones 0005 and 0006, instituciones 0005) run forward on a
populated database: every row, file reference and history event is kept; records already
«por grupo» get their group; each institution's past status changes enter the status
history from the database's audit trail; stored minutes and letters keep a name."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db

ANTES = [("acuerdos", "0012_indice_busqueda_texto"), ("sesiones", "0004_historial_completo"),
         ("instituciones", "0004_historial_completo")]
DESPUES = [("acuerdos", "0013_grupos_avance_historial_por_institucion"),
           ("sesiones", "0005_acta_y_persona_designada"), ("instituciones", "0005_coordinacion_y_oficios")]
EVENTOS = ["acuerdos.SeguimientoEvent", "acuerdos.AcuerdoEvent", "acuerdos.CambioEstatusEvent",
           "sesiones.SesionEvent", "instituciones.RepresentanteEvent"]


def _migrar(destinos):
    ejecutor = MigrationExecutor(connection)
    ejecutor.loader.build_graph()
    ejecutor.migrate(destinos)
    return ejecutor.loader.project_state(destinos).apps


def test_la_migracion_conserva_todo_y_completa_el_historial():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    apps = _migrar(ANTES)
    Institucion = apps.get_model("instituciones", "Institucion")
    Representante = apps.get_model("instituciones", "Representante")
    Sesion = apps.get_model("sesiones", "Sesion")
    Acuerdo = apps.get_model("acuerdos", "Acuerdo")
    GrupoResponsable = apps.get_model("acuerdos", "GrupoResponsable")
    Seguimiento = apps.get_model("acuerdos", "Seguimiento")
    cfe = Institucion.objects.create(nombre="Comisión Federal de Electricidad", siglas="CFE",
                                     naturaleza="empresa_productiva")
    inm = Institucion.objects.create(nombre="Instituto Nacional de las Mujeres", siglas="INMUJERES",
                                     naturaleza="entidad_paraestatal")
    Representante.objects.create(institucion=cfe, tipo="titular", nombre="Ana López", cargo="Directora",
                                 oficio_designacion="oficios/1/abc123.pdf", vigente_desde="2020-01-01")
    sesion = Sesion.objects.create(numero=21, tipo="ordinaria", fecha="2020-09-30", estado="celebrada",
                                   acta="actas/def456.pdf")
    acuerdo = Acuerdo.objects.create(numero=46, sesion=sesion, texto="Incorporación.", estatus="cumplido")
    con_grupo = Acuerdo.objects.create(numero=47, sesion=sesion, texto="Con grupo.", estatus="en_proceso")
    grupo = GrupoResponsable.objects.create(acuerdo=con_grupo, grupo="invitada_permanente")
    sin_grupo = Acuerdo.objects.create(numero=48, sesion=sesion, texto="Sin grupo.", estatus="en_proceso")
    derivado = Seguimiento.objects.create(acuerdo=con_grupo, institucion=cfe, origen="grupo")
    huerfano = Seguimiento.objects.create(acuerdo=sin_grupo, institucion=cfe, origen="grupo")
    cumplido = Seguimiento.objects.create(acuerdo=acuerdo, institucion=inm)
    # A status change made before the per-institution history: an audited UPDATE.
    Seguimiento.objects.filter(pk=cumplido.pk).update(estatus="en_proceso")
    Seguimiento.objects.filter(pk=cumplido.pk).update(estatus="cumplido")
    filas = {m: apps.get_model(m).objects.count() for m in
             ["instituciones.Institucion", "instituciones.Representante", "sesiones.Sesion", "acuerdos.Acuerdo",
              "acuerdos.Seguimiento", "acuerdos.GrupoResponsable"]}
    eventos = {m: list(apps.get_model(m).objects.order_by("pgh_id").values_list("pgh_id", flat=True)) for m in EVENTOS}

    apps = _migrar(DESPUES)
    for modelo, n in filas.items():
        assert apps.get_model(modelo).objects.count() == n, modelo
    for modelo, ids in eventos.items():
        # Every event is still there (the migration may add its own, never remove).
        assert set(ids) <= set(apps.get_model(modelo).objects.values_list("pgh_id", flat=True)), modelo
    Seguimiento = apps.get_model("acuerdos", "Seguimiento")
    assert (Seguimiento.objects.get(pk=derivado.pk).origen, Seguimiento.objects.get(pk=derivado.pk).grupo_id) == (
        "grupo", grupo.pk)
    assert (Seguimiento.objects.get(pk=huerfano.pk).origen, Seguimiento.objects.get(pk=huerfano.pk).grupo_id) == (
        "nominal", None)
    CambioEstatus = apps.get_model("acuerdos", "CambioEstatus")
    historial = list(CambioEstatus.objects.filter(seguimiento_id=cumplido.pk).order_by("pk")
                     .values_list("anterior", "nuevo", "acuerdo_id"))
    assert historial == [("sin_iniciar", "en_proceso", acuerdo.pk), ("en_proceso", "cumplido", acuerdo.pk)]
    assert all("registro de auditoría" in m for m in
               CambioEstatus.objects.filter(seguimiento_id=cumplido.pk).values_list("motivo", flat=True))
    assert apps.get_model("sesiones", "Sesion").objects.get(pk=sesion.pk).acta_nombre == "def456.pdf"
    representante = apps.get_model("instituciones", "Representante").objects.get()
    assert (representante.oficio_designacion.name, representante.oficio_nombre) == ("oficios/1/abc123.pdf",
                                                                                    "abc123.pdf")


def test_total_de_integrantes_en_cero_pasa_a_desconocido():
    """sesiones 0006: a count of zero members (a quorum over nothing) becomes «not recorded»;
    other counts and the session's history stay."""
    apps = _migrar([("sesiones", "0005_acta_y_persona_designada")])
    Sesion = apps.get_model("sesiones", "Sesion")
    cero = Sesion.objects.create(numero=19, tipo="ordinaria", fecha="2020-01-30", estado="celebrada",
                                 total_integrantes=0)
    con_total = Sesion.objects.create(numero=20, tipo="ordinaria", fecha="2020-04-24", estado="celebrada",
                                      total_integrantes=34)
    eventos = set(apps.get_model("sesiones", "SesionEvent").objects.values_list("pgh_id", flat=True))

    apps = _migrar([("sesiones", "0006_limites_de_numero_e_integrantes")])
    Sesion = apps.get_model("sesiones", "Sesion")
    assert Sesion.objects.get(pk=cero.pk).total_integrantes is None
    assert Sesion.objects.get(pk=con_total.pk).total_integrantes == 34
    assert eventos <= set(apps.get_model("sesiones", "SesionEvent").objects.values_list("pgh_id", flat=True))
