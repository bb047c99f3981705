"""The people pages, as coordination uses them; every other role is kept out."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cuentas import services
from cuentas.models import Invitacion, RolUsuario, Usuario
from tests.factories import UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


@pytest.mark.parametrize("ruta", ["cuentas:personas", "cuentas:persona_invitar", "cuentas:persona",
                                  "cuentas:persona_editar"])
def test_solo_la_coordinacion_entra(client, coordinacion, consulta, enlace_propio, sin_rol, ruta):
    url = reverse(ruta, args=[consulta.pk] if ruta in ("cuentas:persona", "cuentas:persona_editar") else [])
    respuesta = client.get(url)
    assert respuesta.status_code == 302 and respuesta["Location"].startswith(reverse("cuentas:entrar"))
    for otro in (consulta, enlace_propio, sin_rol):
        client.force_login(otro)
        assert client.get(url).status_code == 403
    client.force_login(coordinacion)
    assert client.get(url).status_code == 200


def test_el_menu_ofrece_personas_solo_a_la_coordinacion(client, coordinacion, consulta):
    client.force_login(consulta)
    assert reverse("cuentas:personas") not in client.get(reverse("acuerdos:lista")).content.decode()
    client.force_login(coordinacion)
    assert f'href="{reverse("cuentas:personas")}"' in client.get(reverse("acuerdos:lista")).content.decode()


def test_lista_con_nombres_estado_y_filtros(cliente, coordinacion, consulta, enlace_propio, institucion_propia,
                                            django_assert_max_num_queries):
    Usuario.objects.filter(pk=enlace_propio.pk).update(first_name="Laura", last_name="Zamora Ávila")
    services.persona_invitar(usuario=coordinacion, nombres="Ángela", apellidos="Núñez", correo="angela@ejemplo.gob.mx",
                             rol=RolUsuario.CONSULTA)
    services.persona_desactivar(persona=consulta, usuario=coordinacion)
    for i in range(30):
        UsuarioFactory(first_name=f"Persona {i:02d}", last_name="Relleno", rol=RolUsuario.CONSULTA)
    with django_assert_max_num_queries(12):
        contenido = cliente.get(reverse("cuentas:personas")).content.decode()
    assert "Ángela Núñez" in contenido and "Pendiente (vence el" in contenido
    assert "Página 1 de 2" in contenido
    # Accent-insensitive search, by name or e-mail.
    contenido = cliente.get(reverse("cuentas:personas"), {"q": "zamora avila"}).content.decode()
    assert "Laura Zamora Ávila" in contenido and "Persona 00" not in contenido
    contenido = cliente.get(reverse("cuentas:personas"), {"rol": "enlace", "institucion": institucion_propia.pk}).content.decode()
    assert "Laura Zamora Ávila" in contenido and "Ángela" not in contenido
    contenido = cliente.get(reverse("cuentas:personas"), {"activa": "false"}).content.decode()
    assert "Desactivada" in contenido and "Laura" not in contenido
    contenido = cliente.get(reverse("cuentas:personas"), {"invitacion": "pendiente"}).content.decode()
    assert "Ángela Núñez" in contenido and "Laura" not in contenido
    contenido = cliente.get(reverse("cuentas:personas"), {"q": "nadie-se-llama-asi"}).content.decode()
    assert "Ninguna persona cumple los filtros elegidos." in contenido
    respuesta = cliente.get(reverse("cuentas:personas"), {"rol": "jefa"})
    assert "Seleccione una opción válida. jefa no es una de las opciones disponibles." in respuesta.content.decode()


def test_invitar_desde_la_pagina(cliente, institucion_propia):
    url = reverse("cuentas:persona_invitar")
    datos = {"first_name": "Rosa", "last_name": "Méndez", "email": "rosa.mendez@ejemplo.gob.mx", "rol": "enlace",
             "institucion": ""}
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 200
    assert "Indique la institución del enlace." in respuesta.content.decode()
    assert mail.outbox == []
    respuesta = cliente.post(url, {**datos, "institucion": institucion_propia.pk}, follow=True)
    persona = Usuario.objects.get(email="rosa.mendez@ejemplo.gob.mx")
    assert respuesta.redirect_chain[-1][0] == reverse("cuentas:persona", args=[persona.pk])
    contenido = respuesta.content.decode()
    assert "Se envió la invitación a Rosa Méndez (rosa.mendez@ejemplo.gob.mx)." in contenido
    assert "Invitada por Coordinadora el" in contenido and "enviada 1 vez." in contenido
    assert "Reenviar invitación" in contenido
    assert len(mail.outbox) == 1
    # The same e-mail again, in another case: refused next to the e-mail field.
    respuesta = cliente.post(url, {**datos, "email": "ROSA.MENDEZ@ejemplo.gob.mx", "institucion": institucion_propia.pk})
    assert respuesta.context["form"].errors["email"] == ["Ya existe una cuenta con ese correo electrónico."]


def test_reenviar_desde_la_pagina(cliente, coordinacion):
    persona = services.persona_invitar(usuario=coordinacion, nombres="Rosa", apellidos="Méndez",
                                       correo="rosa@ejemplo.gob.mx", rol=RolUsuario.CONSULTA)
    respuesta = cliente.post(reverse("cuentas:invitacion_reenviar", args=[persona.pk]), follow=True)
    assert "Se reenvió la invitación a rosa@ejemplo.gob.mx. El enlace anterior ya no funciona" in respuesta.content.decode()
    assert Invitacion.objects.get(usuario=persona).envios == 2
    assert len(mail.outbox) == 2
    assert "Invitación reenviada (envío 2)" in respuesta.content.decode()


def test_la_propia_cuenta_no_se_desactiva_ni_cambia_de_rol(cliente, coordinacion):
    contenido = cliente.get(reverse("cuentas:persona", args=[coordinacion.pk])).content.decode()
    assert "Desactivar cuenta" not in contenido
    assert "No puede desactivar su propia cuenta" in contenido
    respuesta = cliente.post(reverse("cuentas:persona_desactivar", args=[coordinacion.pk]), follow=True)
    assert "No puede desactivar su propia cuenta." in respuesta.content.decode()
    coordinacion.refresh_from_db()
    assert coordinacion.is_active
    formulario = cliente.get(reverse("cuentas:persona_editar", args=[coordinacion.pk])).context["form"]
    assert formulario.fields["rol"].disabled and formulario.fields["institucion"].disabled
    # A forged submission changing the disabled role keeps the role.
    cliente.post(reverse("cuentas:persona_editar", args=[coordinacion.pk]), {
        "first_name": "Coordinadora", "last_name": "General", "email": coordinacion.email, "rol": "consulta",
        "recibe_avisos": "on", "version": coordinacion.version})
    coordinacion.refresh_from_db()
    assert (coordinacion.rol, coordinacion.last_name) == (RolUsuario.COORDINACION, "General")


def test_desactivar_reactivar_y_editar_desde_la_pagina(cliente, consulta, institucion_propia):
    url = reverse("cuentas:persona", args=[consulta.pk])
    respuesta = cliente.post(reverse("cuentas:persona_desactivar", args=[consulta.pk]),
                             {"version": consulta.version}, follow=True)
    assert "ya no puede entrar al sistema" in respuesta.content.decode()
    assert "Reactivar cuenta" in cliente.get(url).content.decode()
    cliente.post(reverse("cuentas:persona_reactivar", args=[consulta.pk]), {"version": consulta.version + 1})
    consulta.refresh_from_db()
    assert consulta.is_active
    # Editing with the version the page showed; a stale version is refused, nothing changes.
    editar = reverse("cuentas:persona_editar", args=[consulta.pk])
    datos = {"first_name": "Sofía", "last_name": "Ramos", "email": consulta.email, "rol": "enlace",
             "institucion": institucion_propia.pk, "version": consulta.version}
    respuesta = cliente.post(editar, {**datos, "version": consulta.version - 1})
    assert "Otra persona modificó esta cuenta mientras usted la editaba" in respuesta.content.decode()
    respuesta = cliente.post(editar, datos, follow=True)
    assert "Se guardaron los cambios de Sofía Ramos." in respuesta.content.decode()
    consulta.refresh_from_db()
    assert (consulta.rol, consulta.institucion, consulta.recibe_avisos) == ("enlace", institucion_propia, False)


def test_pagina_de_enlace_invalido_explica_que_hacer(client):
    contenido = client.get(reverse("cuentas:invitacion_aceptar", args=["MQ", "1-abc"])).content.decode()
    assert "Enlace de invitación sin efecto" in contenido
    assert "pida a la coordinación del SNIMH que le reenvíe la invitación" in contenido
    assert re.search(r'name="new_password1"', contenido) is None


def test_cambiar_el_correo_de_una_invitacion_pendiente_pide_reenviarla(cliente, coordinacion):
    persona = services.persona_invitar(usuario=coordinacion, nombres="Rosa", apellidos="Méndez",
                                       correo="rosa@ejemplo.gob.mx", rol=RolUsuario.CONSULTA)
    respuesta = cliente.post(reverse("cuentas:persona_editar", args=[persona.pk]), {
        "first_name": "Rosa", "last_name": "Méndez", "email": "rosa.mendez@ejemplo.gob.mx", "rol": "consulta",
        "version": persona.version}, follow=True)
    assert ("La invitación pendiente se envió a rosa@ejemplo.gob.mx y su enlace ya no funciona: reenvíela para "
            "que llegue a rosa.mendez@ejemplo.gob.mx.") in respuesta.content.decode()
