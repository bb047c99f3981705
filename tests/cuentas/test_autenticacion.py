"""Log-in, lockout, password rules and reset, session expiry, log-out."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from cuentas.models import RolUsuario, Usuario
from tests.factories import InstitucionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

CLAVE = "contraseña-de-prueba-larga"


def _entrar(cliente, usuario, clave=CLAVE):
    return cliente.post(reverse("cuentas:entrar"), {"username": usuario, "password": clave})


def test_entrar_crea_sesion_nueva_y_salir_la_termina(mundo):
    cliente = Client()
    cliente.get(reverse("cuentas:entrar"))
    cliente.cookies["sessionid"] = "sesion-fijada-por-un-atacante"
    respuesta = _entrar(cliente, "enlace_propio")
    assert respuesta.status_code == 302
    assert cliente.cookies["sessionid"].value != "sesion-fijada-por-un-atacante"
    assert cliente.get(reverse("acuerdos:lista")).status_code == 200
    # Log-out is a POST (a link cannot log somebody out) and really ends the session.
    assert cliente.get(reverse("cuentas:salir")).status_code == 405
    assert cliente.post(reverse("cuentas:salir")).status_code == 302
    assert cliente.get(reverse("acuerdos:lista")).status_code == 302


def test_mensaje_en_espanol_con_credenciales_incorrectas(mundo):
    respuesta = _entrar(Client(), "enlace_propio", "equivocada")
    assert "El correo electrónico (o nombre de usuario) y la contraseña no coinciden" in respuesta.content.decode()


def test_bloqueo_tras_intentos_fallidos(mundo):
    cliente = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _entrar(cliente, "enlace_propio", "equivocada")
    respuesta = _entrar(cliente, "enlace_propio")  # even the right password
    assert respuesta.status_code == 429
    assert "Cuenta bloqueada temporalmente" in respuesta.content.decode()
    assert cliente.get(reverse("acuerdos:lista")).status_code == 302
    # Another person, from another address, is not locked out by it.
    assert _entrar(Client(REMOTE_ADDR="192.0.2.20"), "consulta").status_code == 302


def test_la_sesion_expira_por_inactividad():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_la_sesion_caduca(mundo):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    cliente = Client()
    _entrar(cliente, "consulta")
    Session.objects.update(expire_date=timezone.now())
    assert cliente.get(reverse("acuerdos:lista")).status_code == 302


@pytest.mark.parametrize(
    ("clave", "mensaje"),
    [
        ("corta1", "La contraseña es demasiado corta. Debe contener por lo menos 12 caracteres."),
        ("123456789012345", "Esta contraseña es totalmente numérica."),
        ("password12345", "Esta contraseña es muy común."),
    ],
)
def test_contrasenas_debiles(client, mundo, clave, mensaje):
    client.force_login(mundo.usuarios["consulta"])
    respuesta = client.post(reverse("cuentas:contrasena"), {
        "old_password": CLAVE, "new_password1": clave, "new_password2": clave,
    })
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()


def test_restablecer_por_correo(mundo):
    usuario = mundo.usuarios["enlace_propio"]
    cliente = Client()
    respuesta = cliente.post(reverse("cuentas:restablecer"), {"email": usuario.email})
    assert respuesta.status_code == 302
    (mensaje,) = mail.outbox
    assert mensaje.to == [usuario.email]
    assert "Restablecimiento de contraseña" in mensaje.subject
    assert "Recibimos una solicitud para restablecer la contraseña" in mensaje.body
    enlace = re.search(r"http://testserver(/cuentas/restablecer/\S+/)", mensaje.body).group(1)
    destino = cliente.get(enlace, follow=True)
    nueva = "una-contraseña-nueva-y-larga"
    respuesta = cliente.post(destino.redirect_chain[-1][0], {"new_password1": nueva, "new_password2": nueva})
    assert respuesta.status_code == 302
    assert _entrar(Client(), "enlace_propio", nueva).status_code == 302


def test_un_enlace_institucional_siempre_tiene_institucion():
    with pytest.raises(ValidationError) as error:
        Usuario(username="x", rol=RolUsuario.ENLACE).full_clean()
    assert error.value.message_dict["institucion"] == ["Indique la institución del enlace."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(username="x", rol=RolUsuario.ENLACE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(username="y", rol=RolUsuario.CONSULTA, institucion=InstitucionFactory())


def test_el_rol_decide_el_acceso_a_la_administracion():
    usuario = UsuarioFactory(rol=RolUsuario.CONSULTA)
    assert usuario.is_staff is False
    usuario.rol = RolUsuario.COORDINACION
    usuario.save(update_fields=["rol"])
    usuario.refresh_from_db()
    assert usuario.is_staff is True


def test_comando_crea_la_primera_cuenta_de_coordinacion():
    call_command("create_coordination_user", "jefa", "--email", "jefa@inmujeres.gob.mx", "--password", CLAVE + "x")
    usuario = get_user_model().objects.get(username="jefa")
    assert (usuario.rol, usuario.is_staff, usuario.is_superuser) == (RolUsuario.COORDINACION, True, False)
    assert _entrar(Client(), "jefa", CLAVE + "x").status_code == 302


def test_se_entra_con_el_correo_o_el_nombre_de_usuario_sin_distinguir_mayusculas(mundo):
    usuario = mundo.usuarios["enlace_propio"]
    assert _entrar(Client(), "enlace_propio").status_code == 302  # existing user names keep working
    assert _entrar(Client(), usuario.email.upper()).status_code == 302
    assert _entrar(Client(), "ENLACE_PROPIO").status_code == 302
    respuesta = _entrar(Client(), "no-existe@ejemplo.gob.mx")
    assert respuesta.status_code == 200


def test_el_bloqueo_cuenta_los_intentos_con_correo_y_con_nombre_juntos(mundo):
    usuario = mundo.usuarios["enlace_propio"]
    cliente = Client(REMOTE_ADDR="192.0.2.30")
    for i in range(settings.AXES_FAILURE_LIMIT):
        # Alternating the e-mail and the user name does not dodge the lockout.
        _entrar(cliente, usuario.email if i % 2 else "enlace_propio", "equivocada")
    assert _entrar(cliente, usuario.email).status_code == 429
    assert _entrar(cliente, "enlace_propio").status_code == 429


def test_una_cuenta_desactivada_no_entra_ni_conserva_su_sesion(mundo):
    usuario = mundo.usuarios["consulta"]
    cliente = Client()
    assert _entrar(cliente, "consulta").status_code == 302
    Usuario.objects.filter(pk=usuario.pk).update(is_active=False)
    # The open session ends at the next request, and a new log-in is refused.
    assert cliente.get(reverse("acuerdos:lista")).status_code == 302
    respuesta = _entrar(Client(), usuario.email)
    assert respuesta.status_code == 200
    assert "no coinciden con una cuenta activa" in respuesta.content.decode()


def test_correo_y_nombre_de_usuario_unicos_sin_distinguir_mayusculas(mundo):
    existente = mundo.usuarios["consulta"]
    with pytest.raises(ValidationError) as error:
        Usuario(username="otra", email=existente.email.upper(), rol=RolUsuario.CONSULTA).full_clean(exclude=["password"])
    assert "Ya existe una cuenta con ese correo electrónico." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(username="otra", email=existente.email.upper(), rol=RolUsuario.CONSULTA)
    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(username="CONSULTA", email="otra@ejemplo.gob.mx", rol=RolUsuario.CONSULTA)
    # Accounts without e-mail are not duplicates of each other.
    UsuarioFactory(email="", rol=RolUsuario.CONSULTA)
    UsuarioFactory(email="", rol=RolUsuario.CONSULTA)


def test_las_paginas_muestran_el_nombre_completo(client, mundo):
    client.force_login(mundo.usuarios["coordinacion"])
    contenido = client.get(reverse("compromisos:seguimiento", args=[mundo.propio.pk])).content.decode()
    assert "Salir (Coordinadora)" in contenido
    UsuarioFactory._meta.model.objects.filter(pk=mundo.usuarios["enlace_propio"].pk).update(
        first_name="Laura", last_name="Enlace Propio")
    contenido = client.get(reverse("compromisos:seguimiento", args=[mundo.propio.pk])).content.decode()
    assert "Laura Enlace Propio" in contenido  # the report's and the evidence's signatures
    assert ">enlace_propio<" not in contenido
