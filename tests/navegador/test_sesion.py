"""Coordination runs a session in the app, never opening /admin/: session 23 with three
agenda items, the attendance of 40 institutions with quorum, three agreements (one by name,
one with a deadline in working days, one bound to a group), the minutes, and an officer
invited by e-mail who finds the group-bound agreement in *Mis pendientes*.

Then every new page of the workspace at desktop and phone width: axe-core, screenshots."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from acuerdos.dias_habiles import sumar_dias_habiles
from acuerdos.models import Acuerdo
from instituciones.models import Institucion, Participacion, Representante, Rol
from sesiones.models import Sesion
from tests import archivos
from tests.factories import InstitucionFactory, ParticipacionFactory, RepresentanteFactory
from tests.navegador.conftest import CAPTURAS, ESCRITORIO, TELEFONO, captura, entrar, sin_violaciones

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date
CLAVE = "una-clave-larga-de-la-enlace"


@pytest.fixture
def cuarenta(registro_2020):
    """The roster of 29/04/2021: 40 integrantes, each with a titular designated by letter."""
    instituciones = []
    for i in range(40):
        institucion = InstitucionFactory(siglas=f"DEP{i:02d}", nombre=f"Dependencia integrante {i:02d}")
        ParticipacionFactory(institucion=institucion, rol=Rol.INTEGRANTE, desde=D(2021, 1, 1),
                             fundamento="Reglas para la Organización y Funcionamiento del SNIMH")
        RepresentanteFactory(institucion=institucion, vigente_desde=D(2021, 1, 1))
        instituciones.append(institucion)
    return instituciones


class Contador:
    """Counts what a person does on a page: clicks, choices, keys typed into a field."""

    def __init__(self):
        self.interacciones = 0

    def __call__(self, accion, *args, **kwargs):
        self.interacciones += 1
        return accion(*args, **kwargs)


def test_coordinacion_registra_la_sesion_23_sin_el_admin(abrir, personas, cuarenta, tmp_path):
    inicio = time.monotonic()
    pagina = abrir()
    entrar(pagina, personas["coordinacion"])
    assert pagina.url.endswith(reverse("acuerdos:tablero"))
    visitadas = []
    pagina.on("framenavigated", lambda marco: visitadas.append(marco.url) if marco == pagina.main_frame else None)

    # 1. The session, its ordinal suggested, with three agenda items.
    pagina.get_by_role("navigation", name="Principal").get_by_role("link", name="Sesiones").click()
    pagina.get_by_role("link", name="Nueva sesión").click()
    assert "Vigésima Tercera Sesión Ordinaria" in pagina.locator("#sugerencia-titulo").inner_text()
    assert pagina.input_value("#id_numero") == "23"
    pagina.fill("#id_fecha", "2021-04-29")
    pagina.fill("#id_presidium-0-tratamiento", "Dra.")
    pagina.fill("#id_presidium-0-nombre", "Nadine Flora Gasman Zylbermann")
    pagina.fill("#id_presidium-0-cargo", "Presidenta del INMUJERES")
    for i, (titulo, resumen) in enumerate([
        ("Lista de asistencia y verificación del quórum", "Se verificó el quórum."),
        ("Sistema Nacional de Cuidados", "Se presentó la ruta legislativa."),
        ("Lectura y aprobación de acuerdos", "Se aprobaron por unanimidad."),
    ]):
        pagina.fill(f"#id_orden-{i}-titulo", titulo)
        pagina.fill(f"#id_orden-{i}-resumen", resumen)
        pagina.fill(f"#id_orden-{i}-ORDER", str(i + 1))
    pagina.get_by_role("button", name="Guardar la sesión").click()
    assert "Se registró la Vigésima Tercera Sesión Ordinaria." in pagina.locator(".mensajes").inner_text()
    sesion = Sesion.objects.get(numero=23, tipo="ordinaria")
    assert sesion.orden_del_dia.count() == 3
    pagina.get_by_role("button", name="Marcar como celebrada").click()
    assert Sesion.objects.get(pk=sesion.pk).estado == "celebrada"

    # 2. Attendance of 40 institutions in one screen: one click each, quorum followed live.
    pagina.get_by_role("link", name="Registrar asistencia").click()
    contar = Contador()
    estado = pagina.locator("#quorum-estado")
    for institucion in cuarenta[:20]:
        contar(pagina.get_by_label(f"{institucion.nombre} ({institucion.siglas})", exact=True).check)
    assert "Aún sin quórum con lo marcado: 20" in estado.inner_text()
    for institucion in cuarenta[20:]:
        contar(pagina.get_by_label(f"{institucion.nombre} ({institucion.siglas})", exact=True).check)
    assert "Hay quórum con lo marcado: 40" in estado.inner_text()
    # For the README: the screen as coordination sees it while ticking (first screenful).
    pagina.locator("#quorum").scroll_into_view_if_needed()
    pagina.screenshot(path=str(CAPTURAS / "asistencia-sesion-23-pantalla.png"))
    assert "más de la mitad de las 40 instituciones integrantes" in pagina.locator("#quorum").inner_text()
    contar(pagina.get_by_role("button", name="Guardar la asistencia").click)
    assert contar.interacciones < 50, contar.interacciones
    assert "Asistencia registrada: 40 instituciones presentes." in pagina.locator(".mensajes").inner_text()
    assert "Sí hubo quórum" in pagina.locator("main").inner_text()
    assert sesion.asistencias.count() == 40
    assert all(a.persona_designada_id for a in sesion.asistencias.all())

    # 3. Three agreements from the session page.
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    pagina.get_by_role("link", name="Registrar un acuerdo").click()
    assert pagina.input_value("#id_numero") == "56"
    pagina.fill("#id_texto", "El INMUJERES presentará la propuesta de Reglas del Sistema.")
    pagina.locator(".campo-filtrable input[type=search]").fill("mujeres")
    pagina.get_by_label(f"{inmujeres.nombre} (INMUJERES)", exact=True).check()
    pagina.get_by_role("button", name="Registrar el acuerdo").click()
    assert Acuerdo.objects.get(numero=56).seguimientos.get().institucion == inmujeres

    pagina.goto(sesion.get_absolute_url())
    pagina.get_by_role("link", name="Registrar un acuerdo").click()
    pagina.fill("#id_texto", "La Secretaría Técnica circulará el acta en quince días hábiles.")
    pagina.fill("#id_plazo_dias_habiles", "15")
    pagina.get_by_label(f"{inmujeres.nombre} (INMUJERES)", exact=True).check()
    pagina.get_by_role("button", name="Registrar el acuerdo").click()
    assert Acuerdo.objects.get(numero=57).plazo_fecha == sumar_dias_habiles(D(2021, 4, 29), 15)

    pagina.goto(sesion.get_absolute_url())
    pagina.get_by_role("link", name="Registrar un acuerdo").click()
    pagina.fill("#id_texto", "Las instituciones integrantes difundirán el Protocolo de hostigamiento.")
    # Before saving, the page says whom the group binds.
    pagina.get_by_text("Obligaría a 40 instituciones").first.click()
    assert "Dependencia integrante 00" in pagina.locator("main").inner_text()
    pagina.get_by_label("Todas las integrantes", exact=True).check()
    pagina.get_by_role("button", name="Registrar el acuerdo").click()
    grupal = Acuerdo.objects.get(numero=58)
    assert grupal.seguimientos.filter(origen="grupo").count() == 40
    assert "Integrantes:" in pagina.locator("main").inner_text()

    # 4. The minutes.
    pagina.goto(sesion.get_absolute_url())
    acta = tmp_path / "Acta de la Vigésima Tercera Sesión.pdf"
    acta.write_bytes(archivos.PDF)
    pagina.set_input_files("#id_archivo", str(acta))
    pagina.get_by_role("button", name="Guardar el acta").click()
    assert "Acta guardada." in pagina.locator(".mensajes").inner_text()
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Acta de la Vigésima Tercera Sesión.pdf").click()
    assert descarga.value.suggested_filename == "Acta de la Vigésima Tercera Sesión.pdf"

    # 5. An officer of one of the integrantes, invited by e-mail.
    pagina.get_by_role("navigation", name="Principal").get_by_role("link", name="Personas").click()
    pagina.get_by_role("link", name="Invitar a una persona").click()
    pagina.get_by_label("Nombre o nombres").fill("Lucía")
    pagina.get_by_label("Apellidos").fill("Herrera Campos")
    pagina.get_by_label("Correo electrónico").fill("lucia.herrera@dependencia00.gob.mx")
    pagina.get_by_label("Rol").select_option(label="Enlace institucional (UIG)")
    pagina.get_by_label("Institución").select_option(label="Dependencia integrante 00 (DEP00)")
    pagina.get_by_role("button", name="Enviar invitación").click()
    assert "Se envió la invitación a Lucía Herrera Campos" in pagina.locator(".mensajes").inner_text()
    assert not any("/admin/" in url for url in visitadas), visitadas

    (correo,) = mail.outbox
    enlace_del_correo = re.search(r"https?://[^/\s]+(/cuentas/invitacion/\S+/)", correo.body).group(1)
    enlace = abrir(viewport=TELEFONO)
    enlace.goto(enlace_del_correo)
    enlace.locator("#id_new_password1").fill(CLAVE)
    enlace.locator("#id_new_password2").fill(CLAVE)
    enlace.get_by_role("button", name="Guardar contraseña y entrar").click()
    assert enlace.url.endswith(reverse("compromisos:pendientes"))
    assert grupal.cita in enlace.locator("main").inner_text()
    assert enlace.get_by_role("link", name=f"Subir evidencia del acuerdo {grupal.cita}").count() == 1
    print(f"\nsesión 23 registrada en el navegador: {contar.interacciones} interacciones para 40 asistencias; "
          f"{time.monotonic() - inicio:.1f} s")


def _paginas_nuevas(sesion, acuerdo, institucion, participacion, representante):
    return [
        ("sesion-nueva", reverse("sesiones:nueva")),
        ("sesion-editar", reverse("sesiones:editar", args=[sesion.pk])),
        ("sesion-detalle-coordinacion", sesion.get_absolute_url()),
        ("sesion-asistencia", reverse("sesiones:asistencia", args=[sesion.pk])),
        ("sesion-acta", reverse("sesiones:acta_subir", args=[sesion.pk])),
        ("acuerdo-nuevo", reverse("acuerdos:nuevo", args=[sesion.pk])),
        ("acuerdo-editar", reverse("acuerdos:editar", args=[acuerdo.numero])),
        ("acuerdo-sin-materia", reverse("acuerdos:retirar", args=[acuerdo.numero])),
        ("acuerdo-incorporar", reverse("acuerdos:otorgar_rol", args=[acuerdo.numero])),
        ("acuerdo-detalle-coordinacion", acuerdo.get_absolute_url()),
        ("institucion-nueva", reverse("instituciones:nueva")),
        ("institucion-editar", reverse("instituciones:editar", args=[institucion.pk])),
        ("institucion-rol", reverse("instituciones:rol_nuevo", args=[institucion.pk])),
        ("institucion-rol-terminar", reverse("instituciones:rol_terminar", args=[participacion.pk])),
        ("institucion-uig", reverse("instituciones:uig", args=[institucion.pk])),
        ("institucion-representante", reverse("instituciones:representante_nuevo", args=[institucion.pk])),
        ("institucion-representante-editar", reverse("instituciones:representante_editar", args=[representante.pk])),
        ("institucion-detalle-coordinacion", institucion.get_absolute_url()),
        ("coordinacion-del-snimh", reverse("instituciones:coordinacion")),
    ]


def test_paginas_del_espacio_de_trabajo_accesibles_en_escritorio_y_telefono(abrir, personas, cuarenta):
    sesion = Sesion.objects.get(numero=22, tipo="ordinaria")
    acuerdo = Acuerdo.objects.get(numero=46)
    institucion = cuarenta[0]
    participacion = Participacion.objects.get(institucion=institucion)
    representante = Representante.objects.get(institucion=institucion)
    fallas = []
    for ancho, viewport in (("escritorio", ESCRITORIO), ("telefono", TELEFONO)):
        pagina = abrir(viewport=viewport)
        entrar(pagina, personas["coordinacion"])
        for nombre, url in _paginas_nuevas(sesion, acuerdo, institucion, participacion, representante):
            respuesta = pagina.goto(url)
            assert respuesta.status == 200, (url, respuesta.status)
            try:
                sin_violaciones(pagina, f"{nombre} ({ancho})")
            except AssertionError as error:
                fallas.append(str(error))
            captura(pagina, f"{nombre}-{ancho}")
            # Nothing wider than the screen on a phone: the long forms and tables wrap.
            if viewport is TELEFONO:
                ancho_documento = pagina.evaluate("document.documentElement.scrollWidth")
                assert ancho_documento <= TELEFONO["width"] + 1, (nombre, ancho_documento)
    assert not fallas, "\n\n".join(fallas)
