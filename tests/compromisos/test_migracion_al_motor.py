"""acuerdos 0015 / compromisos 0002 (agreements become commitments of the follow-up engine) on
a populated database: the 2020 record plus a follow-up history (reports, evidence with its
file, an observation answered, status changes, a returned report) written at the old schema
goes forward with every row, id, file reference and history event, and the pages show the
same. The way back (a rollback) returns the same rows to the old tables."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from acuerdos.reference_data import load_reference_data
from compromisos import services as motor
from compromisos.models import CambioEstatus, Comentario, Evidencia, Observacion, Reporte, Seguimiento
from tests import archivos
from tests.conftest import subir

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("esquema_actual_al_terminar")]

ANTES = [("acuerdos", "0014_limites_de_texto")]
DESPUES = None  # every app's last migration: through the engine's, and all that followed
# (model before, model after): the same rows with the same ids.
MOVIDOS = [("GrupoResponsable", "GrupoResponsable"), ("Seguimiento", "Seguimiento"),
           ("CambioEstatus", "CambioEstatus"), ("Observacion", "Observacion"), ("Reporte", "Reporte"),
           ("Evidencia", "Evidencia")]


def _migrar(destinos):
    ejecutor = MigrationExecutor(connection)
    ejecutor.loader.build_graph()
    destinos = destinos or ejecutor.loader.graph.leaf_nodes()
    ejecutor.migrate(destinos)
    return ejecutor.loader.project_state(destinos).apps


def _foto(apps, app_de):
    """Every row (by id) and every history event id of the follow-up models."""
    foto = {}
    for viejo, nuevo in MOVIDOS:
        modelo = apps.get_model(app_de, viejo if app_de == "acuerdos" else nuevo)
        evento = apps.get_model(app_de, (viejo if app_de == "acuerdos" else nuevo) + "Event")
        foto[viejo] = (sorted(modelo.objects.values_list("pk", flat=True)),
                       sorted(evento.objects.values_list("pgh_id", flat=True)))
    return foto


def test_el_registro_y_su_seguimiento_pasan_al_motor_sin_perder_nada(client, coordinacion, enlace_propio,
                                                                      institucion_propia):
    load_reference_data()
    try:
        apps = _migrar(ANTES)
        Acuerdo = apps.get_model("acuerdos", "Acuerdo")
        SeguimientoViejo = apps.get_model("acuerdos", "Seguimiento")
        ReporteViejo = apps.get_model("acuerdos", "Reporte")
        EvidenciaViejo = apps.get_model("acuerdos", "Evidencia")
        ObservacionViejo = apps.get_model("acuerdos", "Observacion")
        CambioViejo = apps.get_model("acuerdos", "CambioEstatus")
        # The follow-up history, written at the old schema as the product wrote it then.
        acuerdo = Acuerdo.objects.get(numero=46)
        seguimiento = SeguimientoViejo.objects.create(acuerdo=acuerdo, institucion_id=institucion_propia.pk,
                                                      estatus="en_proceso", avance=40)
        reporte = ReporteViejo.objects.create(seguimiento=seguimiento, texto="Se difundió el pronunciamiento.",
                                              autor_id=enlace_propio.pk, fecha="2020-10-15", avance_propuesto=40)
        ruta = default_storage.save("evidencias/prueba/pronunciamiento.pdf", subir("p.pdf", archivos.PDF))
        evidencia = EvidenciaViejo.objects.create(
            seguimiento=seguimiento, archivo=ruta, nombre_original="Pronunciamiento firmado.pdf", formato="pdf",
            tamano=len(archivos.PDF), sha256="0" * 64, subida_por_id=enlace_propio.pk)
        ObservacionViejo.objects.create(seguimiento=seguimiento, autor_id=coordinacion.pk, texto="Falta la firma.",
                                        reporte=reporte)
        CambioViejo.objects.create(acuerdo=acuerdo, seguimiento=seguimiento, anterior="sin_iniciar",
                                   nuevo="en_proceso", fecha="2020-10-15", motivo="Reportó avance.")
        antes = _foto(apps, "acuerdos")
        eventos_del_acuerdo = sorted(apps.get_model("acuerdos", "AcuerdoEvent").objects.filter(
            pgh_obj_id=acuerdo.pk).values_list("pgh_id", "texto"))
        textos = dict(Acuerdo.objects.values_list("numero", "texto"))
        estatus = dict(Acuerdo.objects.values_list("numero", "estatus"))
    finally:
        apps = _migrar(DESPUES)

    despues = _foto(apps, "compromisos")
    assert despues == antes
    assert all(antes[m][0] for m in antes), "every follow-up model had rows to carry"
    # Agreements are commitments with the same ids, texts and statuses; their history too.
    from acuerdos.models import Acuerdo as AcuerdoNuevo

    assert dict(AcuerdoNuevo.objects.values_list("numero", "texto")) == textos
    assert dict(AcuerdoNuevo.objects.values_list("numero", "estatus")) == estatus
    assert AcuerdoNuevo.objects.get(numero=46).pk == acuerdo.pk
    CompromisoEvent = apps.get_model("compromisos", "CompromisoEvent")
    assert sorted(CompromisoEvent.objects.filter(pgh_obj_id=acuerdo.pk).values_list("pgh_id", "texto")) == (
        eventos_del_acuerdo)
    # The file is where it was, under the name it had.
    nueva = Evidencia.objects.get(pk=evidencia.pk)
    assert (nueva.archivo.name, nueva.nombre_original) == (ruta, "Pronunciamiento firmado.pdf")
    assert nueva.archivo.read() == archivos.PDF
    nueva.archivo.close()
    assert Observacion.objects.get(seguimiento_id=seguimiento.pk).reporte_id == reporte.pk
    assert CambioEstatus.objects.filter(seguimiento_id=seguimiento.pk).get().compromiso_id == acuerdo.pk

    # The pages show the same follow-up, and the engine keeps working on it.
    client.force_login(coordinacion)
    pagina = client.get(reverse("compromisos:seguimiento", args=[seguimiento.pk])).content.decode()
    assert "Se difundió el pronunciamiento." in pagina and "Pronunciamiento firmado.pdf" in pagina
    assert "Falta la firma." in pagina
    detalle = client.get(AcuerdoNuevo.objects.get(numero=46).get_absolute_url()).content.decode()
    assert "Institución Propia" in detalle
    motor.reporte_crear(seguimiento=Seguimiento.objects.get(pk=seguimiento.pk), autor=enlace_propio,
                        texto="Segundo avance.")
    assert Reporte.objects.filter(seguimiento_id=seguimiento.pk).count() == 2
    default_storage.delete(ruta)  # the database is emptied after the test; its file goes too


def test_la_vuelta_atras_devuelve_las_filas_y_rechaza_lo_que_no_cabe(mundo):
    antes = {m: sorted(modelo.objects.values_list("pk", flat=True))
             for m, modelo in [("Seguimiento", Seguimiento), ("Reporte", Reporte), ("Evidencia", Evidencia),
                               ("Observacion", Observacion), ("CambioEstatus", CambioEstatus)]}
    try:
        apps = _migrar(ANTES)
        for nombre, ids in antes.items():
            assert sorted(apps.get_model("acuerdos", nombre).objects.values_list("pk", flat=True)) == ids, nombre
        assert apps.get_model("acuerdos", "Acuerdo").objects.get(pk=mundo.acuerdo.pk).texto == mundo.acuerdo.texto
    finally:
        apps = _migrar(DESPUES)
    for nombre, ids in antes.items():
        assert sorted(apps.get_model("compromisos", nombre).objects.values_list("pk", flat=True)) == ids, nombre
    # A comment exists only in the engine: going back would lose it, so it is refused.
    Comentario.objects.create(reporte=mundo.reporte, autor=mundo.usuarios["enlace_ajeno"],
                              institucion=mundo.ajeno.institucion, texto="Visto.")
    with pytest.raises(RuntimeError, match="comments"):
        _migrar(ANTES)
