"""axe-core on every page of the UI, for each role: zero WCAG 2.1 A/AA violations.
The main pages are also photographed at desktop and phone width (screenshots/)."""

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from compromisos import services as motor
from compromisos.models import Seguimiento
from instituciones.models import Institucion
from sesiones.models import Sesion
from tests import archivos
from tests.conftest import subir
from tests.navegador.conftest import ESCRITORIO, TELEFONO, captura, entrar, sin_violaciones

pytestmark = pytest.mark.django_db(transaction=True)

# Pages photographed for reviewers (and two of them shown in the README).
FOTOGRAFIADAS = {"tablero", "lista", "detalle", "pendientes", "revision", "transparencia", "sesion", "institucion",
                 "informes", "publicar_informe"}


@pytest.fixture
def con_trabajo_pendiente(personas):
    """An evidence waiting for review and an observation waiting for an answer."""
    seguimiento = Seguimiento.objects.get(compromiso__acuerdo__numero=53, institucion=personas["enlace"].institucion)
    motor.evidencia_subir(seguimiento=seguimiento, autor=personas["enlace"],
                             archivo=subir("convocatoria.pdf", archivos.PDF))
    motor.reporte_crear(seguimiento=seguimiento, autor=personas["enlace"], texto="Se convocó a la mesa.")
    motor.observacion_crear(seguimiento=seguimiento, autor=personas["coordinacion"],
                               texto="Indique la fecha de la primera reunión.")
    return seguimiento


def _paginas(seguimiento):
    sesion = Sesion.objects.get(numero=21, tipo=Sesion.Tipo.ORDINARIA)
    return {
        "tablero": reverse("acuerdos:tablero"),
        "lista": reverse("acuerdos:lista") + "?estatus=en_proceso",
        "lista_con_error": reverse("acuerdos:lista") + "?sesion=999999",
        "detalle": reverse("acuerdos:detalle", args=[53]),
        "seguimiento": seguimiento.get_absolute_url(),
        "reporte": reverse("compromisos:reporte_nuevo", args=[seguimiento.pk]),
        "evidencia": reverse("compromisos:evidencia_nueva", args=[seguimiento.pk]),
        "sesiones": reverse("sesiones:lista"),
        "sesion": reverse("sesiones:detalle", args=[sesion.pk]),
        "instituciones": reverse("instituciones:lista"),
        "institucion": reverse("instituciones:detalle", args=[Institucion.objects.get(siglas="CONAVIM").pk]),
        "pendientes": reverse("compromisos:pendientes"),
        "revision": reverse("compromisos:revision"),
        "informes": reverse("informes:lista"),
        "textos_informe": reverse("informes:textos", args=[2020]),
        "publicar_informe": reverse("informes:publicar", args=[2020]),
        "informes_publicados": reverse("informes:publicados"),
        "importar": reverse("acuerdos:importar"),
        "transparencia": reverse("transparencia:lista"),
        "contrasena": reverse("cuentas:contrasena"),
        "no_existe": "/acuerdos/99999/",
    }


POR_ROL = {
    "coordinacion": ["tablero", "lista", "lista_con_error", "detalle", "seguimiento", "reporte", "evidencia",
                     "sesiones", "sesion", "instituciones", "institucion", "revision", "informes", "textos_informe",
                     "publicar_informe", "informes_publicados", "importar", "transparencia", "contrasena", "no_existe",
                     "pendientes"],
    "consulta": ["tablero", "lista", "detalle", "seguimiento", "sesiones", "sesion", "instituciones", "institucion",
                 "informes", "transparencia", "revision"],
    "enlace": ["pendientes", "tablero", "lista", "detalle", "seguimiento", "reporte", "evidencia", "sesion",
               "institucion", "transparencia"],
}


@pytest.mark.parametrize("rol", list(POR_ROL))
def test_paginas_internas_sin_violaciones(abrir, personas, con_trabajo_pendiente, rol):
    paginas = _paginas(con_trabajo_pendiente)
    escritorio = abrir(ESCRITORIO)
    entrar(escritorio, personas[rol])
    telefono = abrir(TELEFONO)
    entrar(telefono, personas[rol])
    fallas = []
    for nombre in POR_ROL[rol]:
        respuesta = escritorio.goto(paginas[nombre])
        assert respuesta.status in (200, 403, 404), (nombre, respuesta.status)
        try:
            sin_violaciones(escritorio, f"{rol} · {nombre}")
        except AssertionError as error:
            fallas.append(str(error))
        if nombre in FOTOGRAFIADAS and respuesta.status == 200:
            captura(escritorio, f"{nombre}-{rol}-escritorio")
            telefono.goto(paginas[nombre])
            try:
                sin_violaciones(telefono, f"{rol} · {nombre} (teléfono)")
            except AssertionError as error:
                fallas.append(str(error))
            captura(telefono, f"{nombre}-{rol}-telefono")
    assert not fallas, "\n\n".join(fallas)


def test_paginas_publicas_sin_violaciones(abrir, registro_2020, coordinacion):
    from informes.services import informe_publicar

    informe_publicar(anio=2020, usuario=coordinacion)
    informe_publicar(anio=2020, usuario=coordinacion, motivo="Se corrigió el estatus del acuerdo 37.")
    pagina = abrir(ESCRITORIO)
    telefono = abrir(TELEFONO)
    fallas = []
    for nombre, url in [
        ("entrar", reverse("cuentas:entrar")), ("restablecer", reverse("cuentas:restablecer")),
        ("transparencia", reverse("transparencia:lista")),
        ("transparencia_busqueda", reverse("transparencia:lista") + "?q=igualdad&anio=2020"),
        ("transparencia_acuerdo", reverse("transparencia:acuerdo", args=[46])),
        ("transparencia_sesiones", reverse("transparencia:sesiones")),
        ("transparencia_sesion", reverse("transparencia:sesion", args=["ordinaria", 21])),
        ("transparencia_instituciones", reverse("transparencia:instituciones")),
        ("transparencia_institucion", reverse("transparencia:institucion",
                                              args=[Institucion.objects.get(siglas="INMUJERES").pk])),
        ("transparencia_datos", reverse("transparencia:datos")),
        ("informes_publicados", reverse("informes:publicados")),
        ("no_existe", "/no-existe/"),
    ]:
        # The public site is read on phones first: every page at both widths.
        for vista, ancho in ((pagina, "escritorio"), (telefono, "teléfono")):
            vista.goto(url)
            try:
                sin_violaciones(vista, f"anónimo · {nombre} ({ancho})")
            except AssertionError as error:
                fallas.append(str(error))
        if nombre == "informes_publicados":
            captura(pagina, "informes-publicados-anonimo-escritorio")
    # The published reports on a phone, photographed too.
    telefono.goto(reverse("informes:publicados"))
    captura(telefono, "informes-publicados-anonimo-telefono")
    with telefono.expect_download() as descarga:
        telefono.click("text=Informe (PDF)")
    assert descarga.value.suggested_filename == "informe-snimh-2020-v2.pdf"
    # The log-in form with its error message.
    pagina.goto(reverse("cuentas:entrar"))
    pagina.fill("#id_username", "nadie")
    pagina.fill("#id_password", "equivocada-123456")
    pagina.click("main button[type=submit]")
    try:
        sin_violaciones(pagina, "anónimo · entrar con error")
    except AssertionError as error:
        fallas.append(str(error))
    captura(pagina, "entrar-escritorio")
    assert not fallas, "\n\n".join(fallas)


def test_acuerdo_existe(registro_2020):
    # The pages above rely on the official agreement 53 being open with INMUJERES responsible.
    assert Acuerdo.objects.get(numero=53).seguimientos.filter(institucion__siglas="INMUJERES").exists()


def test_axe_detecta_violaciones(chromium):
    """The audit can fail: a page with an unlabelled image and field is reported."""
    pagina = chromium.new_page()
    try:
        pagina.set_content('<html lang="es"><head><title>x</title></head><body><main>'
                           '<img src="data:,"><input type="text"></main></body></html>')
        with pytest.raises(AssertionError, match="image-alt"):
            sin_violaciones(pagina, "página defectuosa")
    finally:
        pagina.close()
