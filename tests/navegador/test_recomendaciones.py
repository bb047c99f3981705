"""Recommendations in a real browser: coordination registers a thematic table and designates
its chair, records a recommendation and imports another; the responsible institution's
officer reports from the inbox; the chair's officer comments on the report. axe-core on
every recommendations page at desktop and phone width, each photographed into screenshots/."""

import pytest

from compromisos.models import Comentario, Reporte
from cuentas.models import RolUsuario
from recomendaciones.models import MesaTematica, Recomendacion
from tests.factories import InstitucionFactory, UsuarioFactory
from tests.navegador.conftest import TELEFONO, captura, entrar, sin_violaciones

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gente(db):
    responsable = InstitucionFactory(siglas="RESP", nombre="Institución Responsable de Prueba")
    preside = InstitucionFactory(siglas="PRES", nombre="Institución que Preside la Mesa")
    return {
        "coordinacion": UsuarioFactory(username="coordinacion", first_name="Carmen", rol=RolUsuario.COORDINACION),
        "enlace": UsuarioFactory(username="enlace.resp", first_name="Laura", rol=RolUsuario.ENLACE,
                                 institucion=responsable),
        "presidencia": UsuarioFactory(username="enlace.pres", first_name="Rosa", rol=RolUsuario.ENLACE,
                                      institucion=preside),
    }


def _revisar(pagina, nombre, fallas, telefono):
    """axe-core and a screenshot at desktop and phone width."""
    for vista, sufijo in ((pagina, "escritorio"), (telefono, "telefono")):
        if vista is not pagina:
            vista.goto(pagina.url)
        try:
            sin_violaciones(vista, f"{nombre} ({sufijo})")
        except AssertionError as error:
            fallas.append(str(error))
        captura(vista, f"recomendaciones-{nombre}-{sufijo}")


def test_mesas_recomendaciones_reporte_y_comentario_de_la_presidencia(abrir, gente, tmp_path):
    fallas = []
    coordinacion, coordinacion_tel = abrir(), abrir(TELEFONO)
    for vista in (coordinacion, coordinacion_tel):
        entrar(vista, gente["coordinacion"])

    coordinacion.get_by_role("navigation", name="Principal").get_by_role("link", name="Recomendaciones").click()
    assert coordinacion.get_by_role("heading", level=1).inner_text() == "Recomendaciones internacionales"
    assert "Aún no hay mesas temáticas." in coordinacion.locator("main").inner_text()
    _revisar(coordinacion, "lista-vacia", fallas, coordinacion_tel)

    coordinacion.get_by_role("link", name="Registrar una mesa temática").click()
    _revisar(coordinacion, "mesa-nueva", fallas, coordinacion_tel)
    coordinacion.get_by_label("Nombre").fill("Mesa de prueba en el navegador")
    coordinacion.get_by_role("button", name="Guardar").click()
    assert "Mesa temática registrada." in coordinacion.locator(".mensajes").inner_text()
    assert "Sin designar" in coordinacion.locator("main").inner_text()
    coordinacion.get_by_role("link", name="Editar la mesa y su presidencia").click()
    coordinacion.locator("#id_presidencia").select_option(label="Institución que Preside la Mesa (PRES)")
    _revisar(coordinacion, "mesa-editar", fallas, coordinacion_tel)
    coordinacion.get_by_role("button", name="Guardar").click()
    assert "Institución que Preside la Mesa" in coordinacion.locator("main dl").inner_text()

    coordinacion.get_by_role("link", name="Registrar una recomendación en esta mesa").click()
    coordinacion.get_by_role("button", name="Guardar").click()  # empty: told what is missing
    assert "Este campo es requerido." in coordinacion.locator("main").inner_text()
    _revisar(coordinacion, "recomendacion-errores", fallas, coordinacion_tel)
    coordinacion.get_by_label("Documento").fill("DOC/C/NAV/1")
    coordinacion.get_by_label("Párrafo").fill("14")
    coordinacion.get_by_label("Inciso").fill("a")
    coordinacion.get_by_label("Texto de la recomendación").fill("Texto de prueba escrito en el navegador.")
    coordinacion.get_by_label("Institución Responsable de Prueba (RESP)").check()
    coordinacion.get_by_role("button", name="Guardar").click()
    assert coordinacion.get_by_role("heading", level=1).inner_text() == "Recomendación DOC/C/NAV/1, párr. 14 (a)"
    _revisar(coordinacion, "recomendacion", fallas, coordinacion_tel)

    # Import a second recommendation into a table that does not exist yet.
    archivo = tmp_path / "recomendaciones.csv"
    archivo.write_text("documento,parrafo,texto,mesa,instituciones\n"
                       "DOC/C/NAV/1,15,Otra recomendación de prueba.,Mesa importada,RESP\n", encoding="utf-8")
    coordinacion.goto("/recomendaciones/importar/")
    _revisar(coordinacion, "importar", fallas, coordinacion_tel)
    coordinacion.get_by_label("Archivo").set_input_files(str(archivo))
    coordinacion.get_by_role("button", name="Revisar el archivo").click()
    assert "1 recomendación nueva; 1 mesa temática nueva" in coordinacion.locator("main").inner_text()
    sin_violaciones(coordinacion, "importar-vista-previa")
    captura(coordinacion, "recomendaciones-importar-vista-previa-escritorio")
    coordinacion.get_by_role("button", name="Confirmar la importación").click()
    assert "Importación terminada" in coordinacion.locator(".mensajes").inner_text()
    assert Recomendacion.objects.count() == 2 and MesaTematica.objects.count() == 2
    _revisar(coordinacion, "lista", fallas, coordinacion_tel)
    coordinacion.get_by_role("link", name="Mesa importada").first.click()
    _revisar(coordinacion, "mesa", fallas, coordinacion_tel)

    # The officer reports from the inbox.
    enlace, enlace_tel = abrir(), abrir(TELEFONO)
    for vista in (enlace, enlace_tel):
        entrar(vista, gente["enlace"])
    assert "Recomendación DOC/C/NAV/1, párr. 14 (a)" in enlace.locator("main").inner_text()
    enlace.get_by_role("link", name="Reportar avance de la recomendación DOC/C/NAV/1, párr. 14 (a)").click()
    enlace.get_by_label("¿Qué hizo la institución?").fill("Se instaló el grupo de trabajo.")
    enlace.get_by_role("button", name="Enviar reporte").click()
    assert "queda en revisión de la coordinación" in enlace.locator(".mensajes").inner_text()
    reporte = Reporte.objects.get()

    # The chair's officer reads it on the recommendation's page and comments.
    presidencia, presidencia_tel = abrir(), abrir(TELEFONO)
    for vista in (presidencia, presidencia_tel):
        entrar(vista, gente["presidencia"])
    presidencia.goto(Recomendacion.objects.get(parrafo_numero=14).get_absolute_url())
    assert "Se instaló el grupo de trabajo." in presidencia.locator("main").inner_text()
    _revisar(presidencia, "recomendacion-presidencia", fallas, presidencia_tel)
    presidencia.get_by_text("Comentar este reporte").click()
    presidencia.get_by_label("Comentario").fill("Sugerimos sumar a las fiscalías estatales.")
    presidencia.get_by_role("button", name="Enviar comentario").click()
    assert Comentario.objects.get().reporte == reporte
    assert not presidencia.get_by_role("button", name="Aceptar").count()

    assert not fallas, "\n\n".join(fallas)
