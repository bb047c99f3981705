"""Questionnaires in a real browser: coordination opens an edition of the Protocol's report
from the app; INMUJERES's officer finds it in the inbox, saves a draft, is told what is
missing, submits it; coordination reads the results (chart, cross-tabulation, comparison
with the 2020 published figures). axe-core on every questionnaire page at desktop and
phone width, each photographed into screenshots/."""

import datetime
import re

import pytest
from django.urls import reverse

from cuestionarios import services
from cuestionarios.models import Cuestionario, Edicion, EstadoRespuesta, ReglaInstituciones, Respuesta
from cuestionarios.reference_data import cargar_cuestionarios_de_referencia
from tests.archivos import PDF
from tests.navegador.conftest import TELEFONO, captura, entrar, sin_violaciones

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cuestionarios(personas):
    cargar_cuestionarios_de_referencia()
    return Cuestionario.objects.get(clave="protocolo-cuarto-transitorio")


def _revisar(pagina, nombre, fallas, *, telefono=None, ruta=None):
    """axe-core and a screenshot, at desktop width and (with ``telefono``) at phone width."""
    for vista, sufijo in ((pagina, "escritorio"), (telefono, "telefono")):
        if vista is None:
            continue
        if vista is not pagina:
            vista.goto(ruta or pagina.url)
        try:
            sin_violaciones(vista, f"{nombre} ({sufijo})")
        except AssertionError as error:
            fallas.append(str(error))
        captura(vista, f"cuestionarios-{nombre}-{sufijo}")


def test_coordinacion_abre_el_enlace_responde_y_coordinacion_lee_resultados(abrir, personas, cuestionarios):
    fallas = []
    coordinacion = abrir()
    entrar(coordinacion, personas["coordinacion"])
    coordinacion_tel = abrir(TELEFONO)
    entrar(coordinacion_tel, personas["coordinacion"])

    coordinacion.get_by_role("navigation", name="Principal").get_by_role("link", name="Cuestionarios").click()
    assert coordinacion.get_by_role("heading", level=1).inner_text() == "Cuestionarios institucionales"
    _revisar(coordinacion, "lista", fallas, telefono=coordinacion_tel)
    coordinacion.get_by_role("link", name=cuestionarios.nombre, exact=True).click()
    _revisar(coordinacion, "cuestionario", fallas, telefono=coordinacion_tel)
    coordinacion.get_by_role("link", name="Editar la pregunta 1.1").click()
    _revisar(coordinacion, "pregunta", fallas, telefono=coordinacion_tel)
    coordinacion.go_back()
    coordinacion.get_by_role("link", name="Abrir una edición").click()

    # Open the 2021 edition for INMUJERES and CONAVIM, seeing the set first.
    coordinacion.locator("#id_nombre").fill("2021")
    coordinacion.get_by_label("Fecha límite").fill("2031-03-31")
    coordinacion.get_by_label("Las instituciones elegidas una por una").check()
    coordinacion.get_by_label("Instituto Nacional de las Mujeres (INMUJERES)").check()
    coordinacion.get_by_label("Comisión Nacional para Prevenir y Erradicar la Violencia Contra las Mujeres (CONAVIM)").check()
    coordinacion.get_by_role("button", name="Ver las instituciones").click()
    assert "Se enviaría a 2 instituciones" in coordinacion.locator("main").inner_text()
    _revisar(coordinacion, "abrir-edicion", fallas)
    coordinacion.get_by_role("button", name="Abrir la edición").click()
    assert "se envió a 2 instituciones" in coordinacion.locator(".mensajes").inner_text()
    edicion = Edicion.objects.get(cuestionario=cuestionarios, nombre="2021")
    assert edicion.respuestas.count() == 2
    coordinacion.reload()
    _revisar(coordinacion, "edicion", fallas, telefono=coordinacion_tel)

    # The officer finds it in the inbox and answers.
    enlace, enlace_tel = abrir(), abrir(TELEFONO)
    for vista in (enlace, enlace_tel):
        entrar(vista, personas["enlace"])
    assert "Cuestionarios por responder" in enlace.locator("main").inner_text()
    _revisar(enlace, "bandeja", fallas, telefono=enlace_tel)
    enlace.get_by_role("link", name=f"Responder «{cuestionarios.nombre}»").click()
    assert "/responder/" in enlace.url
    _revisar(enlace, "responder", fallas, telefono=enlace_tel)
    pronunciamiento = enlace.get_by_role("group", name=re.compile(r"^1\.1 "))
    pronunciamiento.get_by_label("Sí").check()
    enlace.get_by_label(re.compile(r"^1\.2 ")).fill("2021-01-20")
    enlace.get_by_label(re.compile(r"^2\.3 ")).fill("siete")
    enlace.get_by_role("button", name="Guardar borrador").click()
    assert "Escriba solo cifras" in enlace.locator(".resumen-errores").inner_text()
    _revisar(enlace, "responder-con-errores", fallas)
    enlace.get_by_label(re.compile(r"^2\.3 ")).fill("7")
    enlace.get_by_label(re.compile(r"^2\.4 ")).fill("2")
    enlace.get_by_label(re.compile(r"^1\.5 ")).set_input_files(
        files=[{"name": "pronunciamiento.pdf", "mimeType": "application/pdf",
                "buffer": PDF}])
    enlace.get_by_role("button", name="Guardar borrador").click()
    assert "Borrador guardado" in enlace.locator(".mensajes").inner_text()
    assert enlace.get_by_role("link", name="pronunciamiento.pdf").count() == 1
    # Submitting with required questions unanswered: the draft stays, what is missing is listed.
    enlace.get_by_role("button", name="Enviar la respuesta").click()
    assert "Esta pregunta es obligatoria." in enlace.locator(".resumen-errores").inner_text()
    enlace.get_by_role("group", name=re.compile(r"^1\.3 ")).get_by_label("Sí").check()
    enlace.get_by_role("group", name=re.compile(r"^1\.4 ")).get_by_label("Correo electrónico institucional").check()
    enlace.get_by_role("group", name=re.compile(r"^2\.1 ")).get_by_label("No").check()
    enlace.get_by_label(re.compile(r"^2\.5 ")).fill("0")
    enlace.get_by_role("group", name=re.compile(r"^3\.1 ")).get_by_label("Intranet").check()
    enlace.get_by_role("group", name=re.compile(r"^4\.1 ")).get_by_label("Capacitación").check()
    enlace.get_by_label(re.compile(r"^5\.1 ")).fill("Laura Enlace, titular de la Unidad de Igualdad de Género")
    enlace.get_by_label(re.compile(r"^5\.2 ")).fill("laura.enlace@inmujeres.gob.mx")
    enlace.get_by_role("button", name="Enviar la respuesta").click()
    assert "Respuesta enviada a la coordinación del SNIMH" in enlace.locator(".mensajes").inner_text()
    respuesta = Respuesta.objects.get(edicion=edicion, institucion=personas["enlace"].institucion)
    assert respuesta.estado == EstadoRespuesta.ENVIADA
    enlace.reload()
    assert enlace.get_by_role("link", name="Seguir respondiendo").count() == 0
    _revisar(enlace, "respuesta", fallas, telefono=enlace_tel)

    # Coordination reads the results, with a cross-tabulation, and compares with 2020.
    coordinacion.goto(reverse("cuestionarios:edicion", args=[edicion.pk]))
    coordinacion.get_by_role("link", name="Ver resultados").first.click()
    assert "1 de 2 instituciones enviaron su respuesta." in coordinacion.locator("main").inner_text()
    assert coordinacion.locator("svg.grafica").count() >= 5
    coordinacion.get_by_label("Desglosar por").select_option("naturaleza")
    coordinacion.get_by_role("button", name="Aplicar").click()
    assert "Por naturaleza jurídica" in coordinacion.locator("main").inner_text()
    _revisar(coordinacion, "resultados", fallas, telefono=coordinacion_tel)
    with coordinacion.expect_download() as descarga:
        coordinacion.get_by_role("link", name="Descargar respuestas (CSV)").click()
    contenido = open(descarga.value.path(), encoding="utf-8-sig").read()
    assert "Instituto Nacional de las Mujeres" in contenido and "laura.enlace@inmujeres.gob.mx" in contenido
    coordinacion.goto(reverse("cuestionarios:detalle", args=[cuestionarios.clave]))
    coordinacion.get_by_label("Edición anterior").select_option(label="2020")
    coordinacion.get_by_label("Edición posterior").select_option(label="2021")
    coordinacion.get_by_role("button", name="Comparar ediciones").click()
    assert "Edición 2020 frente a edición 2021" in coordinacion.locator("main").inner_text()
    _revisar(coordinacion, "comparar", fallas, telefono=coordinacion_tel)
    # The response itself, and reopening it.
    coordinacion.goto(respuesta.get_absolute_url())
    _revisar(coordinacion, "respuesta-coordinacion", fallas, telefono=coordinacion_tel)
    coordinacion.get_by_label("Motivo de la reapertura").fill("Adjunte la evidencia de la difusión.")
    coordinacion.get_by_role("button", name="Reabrir la respuesta").click()
    assert "Respuesta reabierta" in coordinacion.locator(".mensajes").inner_text()

    assert not fallas, "\n\n".join(fallas)


def test_paginas_de_cuestionarios_sin_violaciones(abrir, personas, cuestionarios):
    """The remaining pages: builder forms, the dashboard's count, consulta's results and the
    public results (2020 published figures), at desktop and phone width."""
    fallas = []
    uig = Cuestionario.objects.get(clave="diagnostico-uig")
    seccion = uig.secciones.get(orden=2)
    publicada = Edicion.objects.get(cuestionario=uig, nombre="2020")
    coordinacion, coordinacion_tel = abrir(), abrir(TELEFONO)
    for vista in (coordinacion, coordinacion_tel):
        entrar(vista, personas["coordinacion"])
    paginas = {
        "nuevo": reverse("cuestionarios:nuevo"),
        "seccion": reverse("cuestionarios:seccion_nueva", args=[uig.clave]),
        "pregunta-nueva": reverse("cuestionarios:pregunta_nueva", args=[seccion.pk]),
        "editar": reverse("cuestionarios:editar", args=[uig.clave]),
        "nueva-edicion": reverse("cuestionarios:edicion_nueva", args=[uig.clave]),
        "edicion-2020": reverse("cuestionarios:edicion", args=[publicada.pk]),
        "resultados-2020": reverse("cuestionarios:resultados", args=[publicada.pk]),
        "tablero": reverse("acuerdos:tablero"),
    }
    for nombre, ruta in paginas.items():
        coordinacion.goto(ruta)
        _revisar(coordinacion, nombre, fallas, telefono=coordinacion_tel, ruta=ruta)
    # A form sent with errors.
    coordinacion.goto(paginas["pregunta-nueva"])
    coordinacion.get_by_label("Tipo de respuesta").select_option(label="Varias opciones")
    coordinacion.get_by_role("button", name="Guardar la pregunta").click()
    assert "Este campo es requerido." in coordinacion.locator(".con-error").first.inner_text()
    coordinacion.get_by_label("Pregunta", exact=False).first.fill("¿Qué áreas participan?")
    coordinacion.get_by_label("Opciones de respuesta").fill("Solo una")
    coordinacion.get_by_role("button", name="Guardar la pregunta").click()
    assert "Escriba al menos dos opciones, una por línea." in coordinacion.locator(".con-error").inner_text()
    _revisar(coordinacion, "pregunta-con-errores", fallas)
    # An open edition's forms: its deadline, and sending it to more institutions.
    abierta = services.edicion_abrir(usuario=personas["coordinacion"], cuestionario=uig, nombre="2021",
                                     fecha_limite=datetime.date(2031, 1, 31), regla=ReglaInstituciones.INTEGRANTES,
                                     instituciones=[personas["enlace"].institucion])
    for nombre, ruta in (("editar-edicion", reverse("cuestionarios:edicion_editar", args=[abierta.pk])),
                         ("agregar-instituciones", reverse("cuestionarios:edicion_agregar", args=[abierta.pk]))):
        coordinacion.goto(ruta)
        _revisar(coordinacion, nombre, fallas, telefono=coordinacion_tel, ruta=ruta)
    coordinacion.goto(reverse("cuestionarios:edicion_editar", args=[abierta.pk]))
    coordinacion.get_by_label("Fecha límite").fill("2020-01-01")
    coordinacion.get_by_role("button", name="Guardar").click()
    assert "La fecha límite no puede ser anterior a la apertura" in coordinacion.locator(".con-error").inner_text()
    _revisar(coordinacion, "editar-edicion-con-errores", fallas)

    consulta = abrir()
    entrar(consulta, personas["consulta"])
    consulta.goto(reverse("cuestionarios:lista"))
    _revisar(consulta, "lista-consulta", fallas)
    enlace = abrir()
    entrar(enlace, personas["enlace"])
    enlace.goto(reverse("cuestionarios:lista"))
    _revisar(enlace, "lista-enlace", fallas)

    publico, publico_tel = abrir(), abrir(TELEFONO)
    for nombre, ruta in (("publicas", reverse("cuestionarios:publicas")),
                         ("publica-2020", reverse("cuestionarios:publica", args=[publicada.pk]))):
        publico.goto(ruta)
        _revisar(publico, nombre, fallas, telefono=publico_tel, ruta=ruta)
    assert "el 71% de las UIG cuenta con enlaces de género" in publico.locator("main").inner_text()
    assert not fallas, "\n\n".join(fallas)
