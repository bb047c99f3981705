"""The follow-up workflow through the web, as its users do it."""

import re

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from compromisos.models import EstadoRevision, Evidencia, Observacion, Reporte, Seguimiento
from tests import archivos
from tests.conftest import subir

pytestmark = pytest.mark.django_db


def test_reportar_devolver_responder_aceptar(client, mundo):
    enlace, coordinacion = mundo.usuarios["enlace_propio"], mundo.usuarios["coordinacion"]
    seguimiento = mundo.propio

    client.force_login(enlace)
    client.post(reverse("acuerdos:evidencia_nueva", args=[seguimiento.pk]),
                {"archivo": subir("oficio-firmado.pdf", archivos.PDF), "descripcion": "Oficio"})
    evidencia = Evidencia.objects.get(nombre_original="oficio-firmado.pdf")
    assert evidencia.estado_revision == EstadoRevision.PENDIENTE

    client.force_login(coordinacion)
    respuesta = client.post(reverse("acuerdos:evidencia_revisar", args=[evidencia.pk]), {"decision": "devuelto"})
    assert respuesta.status_code == 302
    evidencia.refresh_from_db()
    assert evidencia.estado_revision == EstadoRevision.PENDIENTE  # returning needs an observation
    client.post(reverse("acuerdos:evidencia_revisar", args=[evidencia.pk]),
                {"decision": "devuelto", "observacion": "El oficio no tiene firma autógrafa."})
    evidencia.refresh_from_db()
    observacion = Observacion.objects.get(evidencia=evidencia)
    assert (evidencia.estado_revision, evidencia.revisada_por, observacion.autor) == (
        EstadoRevision.DEVUELTO, coordinacion, coordinacion)

    client.force_login(enlace)
    pagina = client.get(reverse("acuerdos:seguimiento", args=[seguimiento.pk])).content.decode()
    assert "El oficio no tiene firma autógrafa." in pagina
    assert "En espera de respuesta" in pagina
    client.post(reverse("acuerdos:evidencia_nueva", args=[seguimiento.pk]),
                {"archivo": subir("oficio-con-firma.pdf", archivos.PDF), "responde_a": observacion.pk})
    respuesta_archivo = Evidencia.objects.get(nombre_original="oficio-con-firma.pdf")
    assert respuesta_archivo.responde_a == observacion

    client.force_login(coordinacion)
    client.post(reverse("acuerdos:evidencia_revisar", args=[respuesta_archivo.pk]), {"decision": "aceptado"})
    client.post(reverse("acuerdos:seguimiento_estatus", args=[seguimiento.pk]),
                {"estatus": "cumplido", "version": Seguimiento.objects.get(pk=seguimiento.pk).version,
                 "motivo": "Acreditó el cumplimiento con el oficio firmado."})
    assert Seguimiento.objects.get(pk=seguimiento.pk).estatus == "cumplido"
    acuerdo = Acuerdo.objects.get(pk=mundo.acuerdo.pk)
    detalle = client.get(reverse("acuerdos:detalle", args=[acuerdo.numero])).content.decode()
    assert "1 de 2 instituciones con estatus «Cumplido»." in detalle

    client.post(reverse("acuerdos:cambiar_estatus", args=[acuerdo.numero]), {
        "estatus": "en_proceso", "fecha": "2020-05-01", "motivo": "Una de dos instituciones cumplió",
        "version": acuerdo.version,
    })
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == "en_proceso"
    detalle = client.get(reverse("acuerdos:detalle", args=[acuerdo.numero])).content.decode()
    assert "Una de dos instituciones cumplió" in detalle
    # The timeline tells each step with its author.
    linea = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", detalle[detalle.index("Línea de tiempo"):]))
    for texto in ("Coordinadora registró observación", "enlace_propio registró evidencia",
                  "Coordinadora modificó evidencia revisión: En revisión → Devuelto con observaciones",
                  "Coordinadora modificó institución responsable estatus: Sin iniciar → Cumplido"):
        assert texto in linea, texto


def test_reporte_aceptado_se_publica_a_otras_instituciones(client, mundo):
    client.force_login(mundo.usuarios["enlace_ajeno"])
    url = reverse("acuerdos:seguimiento", args=[mundo.propio.pk])
    assert "Se emitió el pronunciamiento." not in client.get(url).content.decode()
    client.force_login(mundo.usuarios["coordinacion"])
    client.post(reverse("acuerdos:reporte_revisar", args=[mundo.reporte.pk]), {"decision": "aceptado"})
    client.force_login(mundo.usuarios["enlace_ajeno"])
    pagina = client.get(url).content.decode()
    assert "Se emitió el pronunciamiento." in pagina
    # ...but never the other institution's evidence or observations.
    assert "pronunciamiento.pdf" not in pagina
    assert "Falta la firma." not in pagina


def test_lo_que_ve_cada_rol_en_un_seguimiento_ajeno(client, mundo):
    url = reverse("acuerdos:seguimiento", args=[mundo.propio.pk])
    for rol, ve in (("coordinacion", True), ("consulta", True), ("enlace_propio", True), ("enlace_ajeno", False)):
        client.force_login(mundo.usuarios[rol])
        pagina = client.get(url).content.decode()
        for privado in ("pronunciamiento.pdf", "Falta la firma.", "Se emitió el pronunciamiento."):
            assert (privado in pagina) is ve, (rol, privado)
    client.force_login(mundo.usuarios["consulta"])
    pagina = client.get(url).content.decode()
    assert "Subir evidencia" not in pagina and "Registrar revisión" not in pagina


def test_reporte_con_html_y_fecha_futura(client, mundo):
    client.force_login(mundo.usuarios["enlace_propio"])
    antes = Reporte.objects.count()
    respuesta = client.post(reverse("acuerdos:reporte_nuevo", args=[mundo.propio.pk]),
                            {"texto": "<img src=x onerror=alert(1)>", "fecha": "2099-01-01"})
    assert respuesta.status_code == 200
    errores = respuesta.context["form"].errors
    assert errores["texto"] == ["No se permiten etiquetas HTML ni código en este campo; escriba texto simple."]
    respuesta = client.post(reverse("acuerdos:reporte_nuevo", args=[mundo.propio.pk]),
                            {"texto": "Avance real", "fecha": "2099-01-01"})
    assert respuesta.context["form"].errors["fecha"] == ["La fecha del avance no puede ser futura."]
    assert respuesta.context["form"]["texto"].value() == "Avance real"
    assert Reporte.objects.count() == antes


def test_responder_observacion_de_otro_seguimiento(client, mundo):
    from acuerdos import services

    otra = services.observacion_crear(seguimiento=mundo.ajeno, autor=mundo.usuarios["coordinacion"], texto="Ajena")
    client.force_login(mundo.usuarios["enlace_propio"])
    respuesta = client.post(reverse("acuerdos:reporte_nuevo", args=[mundo.propio.pk]),
                            {"texto": "Respuesta", "fecha": "2020-06-01", "responde_a": otra.pk})
    assert respuesta.status_code == 200
    assert "responde_a" in respuesta.context["form"].errors
    assert not Reporte.objects.filter(texto="Respuesta").exists()
