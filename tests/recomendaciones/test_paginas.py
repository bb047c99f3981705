"""The recommendations through the web, as their users work with them."""

import re

import pytest
from django.urls import reverse

from compromisos.models import EstadoRevision, Evidencia, Observacion, Reporte, Seguimiento
from recomendaciones.models import MesaTematica, Recomendacion
from tests import archivos
from tests.conftest import subir

pytestmark = pytest.mark.django_db


def texto(respuesta):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", respuesta.content.decode()))


def test_officer_flow_inbox_report_returned_answered_accepted(client, cedaw, enlace_propio, coordinacion):
    seguimiento = cedaw.propio
    client.force_login(enlace_propio)
    bandeja = texto(client.get(reverse("compromisos:pendientes")))
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a)" in bandeja
    assert "Otra recomendación de prueba." not in bandeja
    respuesta = client.post(reverse("compromisos:reporte_nuevo", args=[seguimiento.pk]),
                            {"fecha": "2020-03-01", "texto": "Se publicó el protocolo de actuación."})
    assert respuesta.status_code == 302
    client.post(reverse("compromisos:evidencia_nueva", args=[seguimiento.pk]),
                {"archivo": subir("protocolo.pdf", archivos.PDF), "descripcion": "Protocolo"})
    reporte = Reporte.objects.get(seguimiento=seguimiento)
    assert Evidencia.objects.get(seguimiento=seguimiento).nombre_original == "protocolo.pdf"

    client.force_login(coordinacion)
    cola = texto(client.get(reverse("compromisos:revision")))
    assert "Recomendación DOC/C/PRUEBA/1, párr. 10 (a)" in cola
    client.post(reverse("compromisos:reporte_revisar", args=[reporte.pk]),
                {"decision": "devuelto", "observacion": "Indique la fecha de publicación en el DOF."})
    observacion = Observacion.objects.get(reporte=reporte)

    client.force_login(enlace_propio)
    bandeja = texto(client.get(reverse("compromisos:pendientes")))
    assert "Indique la fecha de publicación en el DOF." in bandeja
    client.post(reverse("compromisos:reporte_nuevo", args=[seguimiento.pk]),
                {"fecha": "2020-03-02", "texto": "Publicado en el DOF el 2 de marzo.", "responde_a": observacion.pk})
    respuesta_reporte = Reporte.objects.get(responde_a=observacion)

    client.force_login(coordinacion)
    client.post(reverse("compromisos:reporte_revisar", args=[respuesta_reporte.pk]), {"decision": "aceptado"})
    respuesta_reporte.refresh_from_db()
    assert respuesta_reporte.estado_revision == EstadoRevision.ACEPTADO
    detalle = texto(client.get(reverse("recomendaciones:detalle", args=[cedaw.recomendacion.pk])))
    assert "Publicado en el DOF el 2 de marzo." in detalle
    assert "protocolo.pdf" in detalle
    assert "Indique la fecha de publicación en el DOF." in detalle
    # The timeline tells each step with its author (the fixture wrote outside a request: «sistema»).
    linea = detalle[detalle.index("Línea de tiempo"):]
    for paso in ("sistema registró recomendación internacional", "Coordinadora registró observación",
                 "enlace_propio registró evidencia",
                 "Coordinadora modificó reporte de avance revisión: En revisión → Aceptado"):
        assert paso in linea, paso
    client.force_login(enlace_propio)
    assert "Indique la fecha de publicación" not in texto(client.get(reverse("compromisos:pendientes")))


def test_chair_comments_on_its_tables_reports_and_cannot_review(client, cedaw, enlace_propio, enlace_presidencia):
    reporte = cedaw.motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Avance pendiente.")
    client.force_login(enlace_presidencia)
    detalle = texto(client.get(reverse("recomendaciones:detalle", args=[cedaw.recomendacion.pk])))
    assert "Avance pendiente." in detalle
    assert "Su institución preside la mesa de esta recomendación" in detalle
    pagina = client.get(reverse("compromisos:seguimiento", args=[cedaw.propio.pk])).content.decode()
    assert "Comentar este reporte" in pagina
    prefijo = f"comentario-{reporte.pk}"
    respuesta = client.post(reverse("compromisos:comentario_nuevo", args=[reporte.pk]),
                            {f"{prefijo}-texto": "Sugerimos adjuntar la liga al DOF."})
    assert respuesta.status_code == 302
    assert reporte.comentarios.get().institucion == enlace_presidencia.institucion
    revisar = client.post(reverse("compromisos:reporte_revisar", args=[reporte.pk]), {"decision": "aceptado"})
    assert revisar.status_code == 403
    reporte.refresh_from_db()
    assert reporte.estado_revision == EstadoRevision.PENDIENTE
    # The chair of one table follows nothing of another table's recommendations.
    otro = cedaw.ajena.seguimientos.get()
    ajeno = cedaw.motor.reporte_crear(seguimiento=otro, autor=otro_enlace(otro), texto="Reporte de otra mesa.")
    assert "Reporte de otra mesa." not in texto(client.get(reverse("recomendaciones:detalle", args=[cedaw.ajena.pk])))
    assert client.post(reverse("compromisos:comentario_nuevo", args=[ajeno.pk]),
                       {f"comentario-{ajeno.pk}-texto": "No."}).status_code == 404


def otro_enlace(seguimiento):
    from cuentas.models import Usuario

    return Usuario.objects.get(institucion=seguimiento.institucion, rol="enlace")


def test_another_institutions_officer_sees_nothing_of_its_work(client, cedaw, enlace_propio, enlace_ajeno,
                                                                coordinacion):
    reporte = cedaw.motor.reporte_crear(seguimiento=cedaw.propio, autor=enlace_propio, texto="Trabajo reservado.")
    evidencia = cedaw.motor.evidencia_subir(seguimiento=cedaw.propio, autor=enlace_propio,
                                            archivo=subir("reservado.pdf", archivos.PDF))
    cedaw.motor.observacion_crear(seguimiento=cedaw.propio, autor=coordinacion, texto="Observación reservada.")
    client.force_login(enlace_ajeno)
    for url in (reverse("recomendaciones:detalle", args=[cedaw.recomendacion.pk]),
                reverse("compromisos:seguimiento", args=[cedaw.propio.pk])):
        pagina = texto(client.get(url))
        for secreto in ("Trabajo reservado.", "reservado.pdf", "Observación reservada."):
            assert secreto not in pagina, (url, secreto)
    assert client.get(reverse("compromisos:evidencia_descargar", args=[evidencia.pk])).status_code == 404
    assert client.post(reverse("compromisos:reporte_nuevo", args=[cedaw.propio.pk]),
                       {"fecha": "2020-03-01", "texto": "Intruso."}).status_code == 403
    api = client.get("/api/v1/reportes/").json()
    assert reporte.pk not in [r["id"] for r in api["results"]]
    assert client.get(f"/api/v1/reportes/{reporte.pk}/").status_code == 404
    assert client.get(f"/api/v1/evidencias/{evidencia.pk}/").status_code == 404
    detalle = client.get(f"/api/v1/recomendaciones/{cedaw.recomendacion.pk}/")
    assert detalle.status_code == 200
    assert "Trabajo reservado." not in detalle.content.decode()
    assert [r["institucion"]["siglas"] for r in detalle.json()["responsables"]] == ["PROPIA"]


def test_api_reads_tables_and_recommendations(client, cedaw, consulta, presidencia):
    client.force_login(consulta)
    mesas = client.get("/api/v1/mesas-tematicas/").json()["results"]
    assert [(m["nombre"], (m["presidencia"] or {}).get("siglas"), m["total_recomendaciones"]) for m in mesas] == [
        ("Mesa de prueba", "PRESIDE", 1), ("Otra mesa", None, 1)]
    lista = client.get("/api/v1/recomendaciones/", {"mesa": cedaw.mesa.pk}).json()["results"]
    assert [(r["cita"], r["parrafo"], r["estatus"]) for r in lista] == [
        ("DOC/C/PRUEBA/1, párr. 10 (a)", "10 (a)", "sin_iniciar")]
    client.logout()
    assert client.get("/api/v1/recomendaciones/").status_code in (401, 403)


def test_coordination_creates_a_table_sets_its_chair_and_records_a_recommendation(
        client, coordinacion, institucion_propia, presidencia):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("recomendaciones:mesa_nueva"), {"nombre": "Igualdad laboral"})
    mesa = MesaTematica.objects.get(nombre="Igualdad laboral")
    assert respuesta["Location"] == mesa.get_absolute_url()
    assert "Sin designar" in texto(client.get(mesa.get_absolute_url()))
    client.post(reverse("recomendaciones:mesa_editar", args=[mesa.pk]),
                {"nombre": "Igualdad laboral", "presidencia": presidencia.pk, "integrantes": [institucion_propia.pk]})
    mesa.refresh_from_db()
    assert mesa.presidencia == presidencia and list(mesa.integrantes.all()) == [institucion_propia]
    invalida = client.post(reverse("recomendaciones:nueva"), {"documento": "cedaw c", "parrafo_numero": "0"})
    assert invalida.status_code == 200
    pagina = texto(invalida)
    assert "Escriba la signatura del documento como la publica la ONU" in pagina
    assert "Este campo es requerido." in pagina
    client.post(reverse("recomendaciones:nueva"), {
        "documento": "DOC/C/PRUEBA/2", "parrafo_numero": "7", "inciso": "B", "texto": "Texto de prueba.",
        "mesa": mesa.pk, "instituciones": [institucion_propia.pk],
    })
    recomendacion = Recomendacion.objects.get()
    assert (recomendacion.parrafo, recomendacion.mesa) == ("7 (b)", mesa)
    assert Seguimiento.objects.get(compromiso=recomendacion).institucion == institucion_propia
    repetida = client.post(reverse("recomendaciones:nueva"), {
        "documento": "DOC/C/PRUEBA/2", "parrafo_numero": "7", "inciso": "b", "texto": "Otro.", "mesa": mesa.pk})
    assert "Ese párrafo del documento ya está registrado como recomendación." in texto(repetida)
    editar = reverse("recomendaciones:editar", args=[recomendacion.pk])
    formulario = client.get(editar).content.decode()
    assert f'name="version" value="{recomendacion.version}"' in formulario
    datos = {"documento": "DOC/C/PRUEBA/2", "parrafo_numero": "7", "inciso": "b", "texto": "Texto corregido.",
             "mesa": mesa.pk, "instituciones": [institucion_propia.pk, presidencia.pk],
             "version": recomendacion.version}
    assert client.post(editar, datos).status_code == 302
    assert Recomendacion.objects.get().seguimientos.count() == 2
    viejo = client.post(editar, {**datos, "texto": "Con versión vieja."})
    assert "Otra persona modificó este registro" in texto(viejo)


def test_chair_is_set_later_for_tables_created_by_an_import(client, coordinacion, institucion_propia):
    client.force_login(coordinacion)
    contenido = (b"documento,parrafo,texto,mesa,instituciones\n"
                 b"DOC/C/PRUEBA/3,1,Texto de prueba.,Mesa importada,PROPIA\n")
    vista = client.post(reverse("recomendaciones:importar"), {"archivo": subir("r.csv", contenido)})
    pagina = texto(vista)
    assert "Vista previa" in pagina and "1 recomendación nueva; 1 mesa temática nueva" in pagina
    assert Recomendacion.objects.count() == 0
    confirmar = client.post(reverse("recomendaciones:importar"), {"confirmar": "1"})
    assert confirmar["Location"] == reverse("recomendaciones:lista")
    assert MesaTematica.objects.get().presidencia is None
    lista = texto(client.get(reverse("recomendaciones:lista")))
    assert "Mesa importada" in lista and "Sin designar" in lista
    malo = client.post(reverse("recomendaciones:importar"),
                       {"archivo": subir("r.csv", b"documento,parrafo,texto,mesa,instituciones\nX,y,,,NADIE\n")})
    assert "No se importó nada: corrija estas filas" in texto(malo)


def test_overall_status_is_changed_by_coordination(client, cedaw, coordinacion):
    client.force_login(coordinacion)
    recomendacion = cedaw.recomendacion
    respuesta = client.post(reverse("recomendaciones:estatus", args=[recomendacion.pk]), {
        "estatus": "en_proceso", "fecha": "2020-01-15", "motivo": "La mesa aprobó su ruta de trabajo.",
        "version": Recomendacion.objects.get(pk=recomendacion.pk).version})
    assert respuesta.status_code == 302
    assert Recomendacion.objects.get(pk=recomendacion.pk).estatus == "en_proceso"
    assert "La mesa aprobó su ruta de trabajo." in texto(client.get(recomendacion.get_absolute_url()))


def test_exports_are_the_import_format(client, cedaw, consulta):
    client.force_login(consulta)
    respuesta = client.get(reverse("recomendaciones:exportar_csv"))
    lineas = respuesta.content.decode("utf-8-sig").splitlines()
    assert lineas[0] == "documento,parrafo,texto,mesa,instituciones"
    assert lineas[1] == "DOC/C/PRUEBA/1,10 (a),Texto de prueba de la recomendación.,Mesa de prueba,PROPIA"
