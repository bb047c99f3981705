"""The admin as back office, in correct Spanish: every message that names a model agrees
with its grammatical gender, through the real admin views."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, override

from acuerdos.models import Acuerdo, DiaInhabil
from sesiones.models import Sesion
from snimh import admin_gramatica
from snimh.admin import EspanolAdminMixin
from tests.factories import AcuerdoFactory, SesionFactory

pytestmark = pytest.mark.django_db

ARTICULO = {admin_gramatica.FEMENINO: "La", admin_gramatica.MASCULINO: "El",
            admin_gramatica.FEMENINO_PLURAL: "Las", admin_gramatica.MASCULINO_PLURAL: "Los"}


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def _mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def _sin_html(texto):
    return re.sub(r"<[^>]+>", "", texto)


def _datos(respuesta, **cambios):
    """The admin form as a browser submits it untouched: the main form's values and
    every inline's management form (no inline rows), plus ``cambios``."""
    formulario = respuesta.context["adminform"].form
    datos = {}
    for nombre in formulario.fields:
        valor = formulario[nombre].value()
        if valor is None or formulario.fields[nombre].disabled:
            continue
        if isinstance(valor, bool):
            if valor:
                datos[nombre] = "on"
        elif isinstance(valor, list | tuple):
            datos[nombre] = [str(v) for v in valor]
        else:
            datos[nombre] = valor
    for inline in respuesta.context["inline_admin_formsets"]:
        gestion = inline.formset.management_form
        for nombre in gestion.fields:
            datos[gestion.add_prefix(nombre)] = gestion[nombre].value()
        datos[gestion.add_prefix("TOTAL_FORMS")] = datos[gestion.add_prefix("INITIAL_FORMS")]
    datos.update(cambios)
    return datos


@pytest.mark.parametrize("modelo", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_cada_modelo_del_admin_declara_su_genero_y_sus_mensajes_concuerdan(modelo):
    categoria = admin_gramatica.genero(modelo)
    assert categoria in ARTICULO, f"declare the grammatical gender of {modelo._meta.label} in snimh/admin_gramatica.py"
    assert isinstance(admin.site._registry[modelo], EspanolAdminMixin)
    nombre = modelo._meta.verbose_name
    with override(settings.LANGUAGE_CODE):
        # Django's own messages, built as its views build them, come out agreeing.
        agregado = format_html(gettext("The {name} “{obj}” was added successfully."), name=nombre,
                               obj=format_html('<a href="/x/">{}</a>', "X & Y"))
        traducido = str(admin_gramatica.traducir_mensaje(modelo, agregado))
        assert traducido == f'{ARTICULO[categoria]} {nombre} “<a href="/x/">X &amp; Y</a>” se {"agregó" if "plural" not in categoria else "agregaron"} correctamente.'
        eliminado = gettext("The %(name)s “%(obj)s” was deleted successfully.") % {"name": nombre, "obj": "X"}
        assert str(admin_gramatica.traducir_mensaje(modelo, eliminado)).startswith(f"{ARTICULO[categoria]} {nombre} “X”")


def test_agregar_una_sesion(cliente):
    url = reverse("admin:sesiones_sesion_add")
    respuesta = cliente.get(url)
    assert respuesta.context["title"] == "Nueva sesión"
    datos = _datos(respuesta, numero=23, tipo="ordinaria", fecha="2021-06-24", modalidad="virtual",
                   estado="programada", _continue="1")
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    sesion = Sesion.objects.get(numero=23, tipo="ordinaria")
    (mensaje,) = _mensajes(respuesta)
    assert _sin_html(mensaje) == f"La sesión “{sesion}” se agregó correctamente. Puede editarla de nuevo abajo."


def test_agregar_otro_dia_inhabil(cliente):
    url = reverse("admin:acuerdos_diainhabil_add")
    respuesta = cliente.post(url, {"fecha": "13/05/2031", "descripcion": "Suspensión de labores", "_addanother": "1"})
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    dia = DiaInhabil.objects.get(fecha=datetime.date(2031, 5, 13))
    assert _sin_html(_mensajes(respuesta)[0]) == (
        f"El día inhábil “{dia}” se agregó correctamente. Puede agregar otro día inhábil abajo."
    )


def test_modificar_una_persona_usuaria(cliente, consulta):
    url = reverse("admin:cuentas_usuario_change", args=[consulta.pk])
    respuesta = cliente.get(url)
    datos = _datos(respuesta, first_name="Marta", last_name="Díaz")
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    assert _sin_html(_mensajes(respuesta)[0]) == "La persona usuaria “Marta Díaz” se modificó correctamente."
    consulta.refresh_from_db()
    assert consulta.version == 2  # app forms opened before this change are now stale


def test_eliminar_un_acuerdo(cliente):
    acuerdo = AcuerdoFactory(numero=990)
    cita = str(acuerdo)
    url = reverse("admin:acuerdos_acuerdo_delete", args=[acuerdo.pk])
    respuesta = cliente.get(url)
    contenido = respuesta.content.decode()
    assert f"¿Desea eliminar el acuerdo “{cita}”?" in contenido
    assert "Sí, eliminar" in contenido
    assert respuesta.context["title"] == "Eliminar el acuerdo"
    respuesta = cliente.post(url, {"post": "yes"})
    assert respuesta.status_code == 302
    assert _mensajes(respuesta) == [f"El acuerdo “{cita}” se eliminó correctamente."]
    assert not Acuerdo.objects.filter(pk=acuerdo.pk).exists()


def test_eliminar_varias_sesiones(cliente):
    sesiones = [SesionFactory(numero=n) for n in (91, 92, 93)]
    lista = reverse("admin:sesiones_sesion_changelist")
    respuesta = cliente.get(lista)
    assert respuesta.context["title"] == "Seleccione una sesión para modificarla"
    assert ("delete_selected", "Eliminar las sesiones seleccionadas") in respuesta.context["action_form"].fields[
        "action"].choices
    datos = {"action": "delete_selected", "_selected_action": [s.pk for s in sesiones]}
    respuesta = cliente.post(lista, datos)
    assert "¿Desea eliminar las 3 sesiones seleccionadas?" in respuesta.content.decode()
    respuesta = cliente.post(lista, {**datos, "post": "yes"})
    assert _mensajes(respuesta) == ["Se eliminaron 3 sesiones."]
    uno = SesionFactory(numero=94)
    respuesta = cliente.post(lista, {"action": "delete_selected", "_selected_action": [uno.pk]})
    assert "¿Desea eliminar la sesión seleccionada?" in respuesta.content.decode()
    respuesta = cliente.post(lista, {"action": "delete_selected", "_selected_action": [uno.pk], "post": "yes"})
    assert _mensajes(respuesta) == ["Se eliminó 1 sesión."]


def test_objeto_inexistente_y_titulos(cliente, coordinacion):
    respuesta = cliente.get(reverse("admin:sesiones_sesion_change", args=[999999]))
    assert _mensajes(respuesta) == ["No existe ninguna sesión con el ID “999999”. Quizá se eliminó."]
    respuesta = cliente.get(reverse("admin:acuerdos_acuerdo_change", args=[999999]))
    assert _mensajes(respuesta)[-1] == "No existe ningún acuerdo con el ID “999999”. Quizá se eliminó."
    assert cliente.get(reverse("admin:acuerdos_acuerdo_changelist")).context["title"] == (
        "Seleccione un acuerdo para modificarlo"
    )
    # Read-only records are consulted, not modified.
    assert cliente.get(reverse("admin:compromisos_cambioestatus_changelist")).context["title"] == (
        "Seleccione un cambio de estatus para consultarlo"
    )
    assert cliente.get(reverse("admin:cuentas_usuario_change", args=[coordinacion.pk])).status_code == 200


def test_los_registros_de_acceso_en_espanol(cliente, mundo):
    from django.test import Client

    Client(REMOTE_ADDR="10.0.0.9").post(reverse("cuentas:entrar"), {"username": "consulta", "password": "mal"})
    contenido = cliente.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Seleccione un intento de acceso para consultarlo" in contenido
    assert "Dirección IP" in contenido and "IP Address" not in contenido


def test_el_catalogo_compilado_esta_al_dia():
    """Every entry of locale/es_MX/LC_MESSAGES/django.po is what the running app says
    (a .po edited without `make messages` fails here)."""
    po = (Path(settings.BASE_DIR) / "locale/es_MX/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entradas = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, flags=re.MULTILINE)
    assert len(entradas) > 20
    with override("es-mx"):
        for msgid, msgstr in entradas:
            assert gettext(msgid) == msgstr, msgid


def test_acciones_propias_con_plural(cliente, consulta):
    from cuentas.models import TokenAPI

    tokens = [TokenAPI.emitir(usuario=consulta, nombre=f"Sistema {i}")[0] for i in range(2)]
    respuesta = cliente.post(reverse("admin:cuentas_tokenapi_changelist"),
                             {"action": "revocar", "_selected_action": [t.pk for t in tokens]})
    assert _mensajes(respuesta) == ["Se revocaron 2 tokens."]


def test_un_modelo_sin_genero_declarado_no_rompe_el_admin(caplog):
    from django.contrib.contenttypes.models import ContentType

    assert admin_gramatica.genero(ContentType) is None
    assert str(admin_gramatica.frase("titulo_agregar", ContentType)) == f"Nuevo {ContentType._meta.verbose_name}"
    assert "No grammatical gender declared for contenttypes.ContentType" in caplog.text
