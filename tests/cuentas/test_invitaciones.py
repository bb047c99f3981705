"""Invitations: coordination invites, the person sets their own password through a
one-time, expiring link, and coordination can resend it (which voids older links)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cuentas import services
from cuentas.models import EstadoInvitacion, Invitacion, RolUsuario, Usuario
from cuentas.selectors import historial_de_persona
from cuentas.tokens import INVALIDO, VALIDO, VENCIDO, generador_de_invitaciones

pytestmark = pytest.mark.django_db

CLAVE_NUEVA = "una-clave-propia-bastante-larga"


def _invitar(coordinacion, **cambios):
    datos = {"nombres": "Ana María", "apellidos": "López Ruiz", "correo": "Ana.Lopez@Ejemplo.gob.mx",
             "rol": RolUsuario.CONSULTA, "institucion": None, **cambios}
    return services.persona_invitar(usuario=coordinacion, **datos)


def _enlace(mensaje):
    """The path of the invitation link in an e-mail (text and HTML carry the same one)."""
    rutas = re.findall(r"https?://[^/\s]+(/cuentas/invitacion/[^\s\"<]+/)", mensaje.body)
    assert len(rutas) == 1, mensaje.body
    html = mensaje.alternatives[0][0]
    assert rutas[0] in html
    return rutas[0]


def _aceptar(cliente, ruta, clave=CLAVE_NUEVA):
    """Open the link as the person would, then post the form at the URL it redirects to."""
    respuesta = cliente.get(ruta)
    if respuesta.status_code != 302:
        return respuesta
    formulario = respuesta["Location"]
    assert "elegir-contrasena" in formulario and ruta.split("/")[-2] not in formulario  # token left the URL
    return cliente.post(formulario, {"new_password1": clave, "new_password2": clave})


def test_invitar_envia_un_correo_y_la_persona_elige_su_contrasena_y_entra(coordinacion):
    persona = _invitar(coordinacion)
    persona.refresh_from_db()
    assert persona.username == "ana.lopez@ejemplo.gob.mx"
    assert not persona.has_usable_password()  # nobody typed a password for her
    invitacion = Invitacion.objects.get(usuario=persona)
    assert (invitacion.invitada_por, invitacion.envios, invitacion.aceptada) == (coordinacion, 1, None)
    assert Usuario.objects.con_estado_invitacion().get(pk=persona.pk).estado_invitacion == EstadoInvitacion.PENDIENTE

    (mensaje,) = mail.outbox
    assert mensaje.to == ["Ana.Lopez@ejemplo.gob.mx"]  # Django lower-cases the domain
    assert mensaje.subject == "Invitación al sistema de seguimiento de acuerdos del SNIMH"
    assert "Hola, Ana María López Ruiz:" in mensaje.body
    assert "con el rol «Consulta»" in mensaje.body
    assert "Coordinadora, de la coordinación" in mensaje.body
    assert mensaje.alternatives[0][1] == "text/html"

    cliente = Client()
    respuesta = _aceptar(cliente, _enlace(mensaje))
    assert respuesta.status_code == 302 and respuesta["Location"] == reverse("inicio")
    # Signed in at once, as herself.
    assert cliente.get(reverse("acuerdos:lista")).status_code == 200
    assert "Salir (Ana María López Ruiz)" in cliente.get(reverse("acuerdos:lista")).content.decode()
    invitacion.refresh_from_db()
    assert invitacion.aceptada is not None
    aceptacion = historial_de_persona(persona=persona)[0]
    assert (aceptacion.quien, aceptacion.que) == ("Ana María López Ruiz", "Invitación aceptada: la persona eligió su contraseña.")
    assert Usuario.objects.con_estado_invitacion().get(pk=persona.pk).estado_invitacion == EstadoInvitacion.ACEPTADA
    # And later with her e-mail, in any case, and the password she chose.
    otra = Client()
    assert otra.post(reverse("cuentas:entrar"), {"username": "ana.lopez@ejemplo.gob.mx",
                                                 "password": CLAVE_NUEVA}).status_code == 302


def test_el_enlace_funciona_una_sola_vez(coordinacion):
    _invitar(coordinacion)
    ruta = _enlace(mail.outbox[0])
    assert _aceptar(Client(), ruta).status_code == 302
    respuesta = _aceptar(Client(), ruta, "otra-clave-que-alguien-intenta")
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "Esta invitación ya se aceptó" in contenido
    assert 'name="new_password1"' not in contenido
    assert Client().post(reverse("cuentas:entrar"), {"username": "ana.lopez@ejemplo.gob.mx",
                                                     "password": "otra-clave-que-alguien-intenta"}).status_code == 200


def test_el_enlace_vence(coordinacion, settings):
    persona = _invitar(coordinacion)
    # Time travel: the same token, issued INVITACION_DIAS days and one second ago.
    ahora = generador_de_invitaciones._num_seconds(generador_de_invitaciones._now())
    viejo = generador_de_invitaciones._make_token_with_timestamp(
        persona, ahora - settings.INVITACION_DIAS * 86400 - 1, generador_de_invitaciones.secret)
    reciente = generador_de_invitaciones._make_token_with_timestamp(
        persona, ahora - settings.INVITACION_DIAS * 86400 + 60, generador_de_invitaciones.secret)
    assert generador_de_invitaciones.verificar(persona, viejo) == VENCIDO
    assert generador_de_invitaciones.verificar(persona, reciente) == VALIDO
    with pytest.raises(ValidationError) as error:
        services.invitacion_aceptar(persona=persona, token=viejo, contrasena=CLAVE_NUEVA)
    assert error.value.messages == ["El enlace venció: pida a la coordinación que le reenvíe la invitación."]

    ruta = reverse("cuentas:invitacion_aceptar", args=[_enlace(mail.outbox[0]).split("/")[-3], viejo])
    respuesta = Client().get(ruta)
    assert respuesta.status_code == 200
    assert "El enlace de la invitación venció." in respuesta.content.decode()
    assert "reenvíe la invitación" in respuesta.content.decode()
    # The setting decides the expiry: with more days the same token works.
    settings.INVITACION_DIAS += 1
    assert generador_de_invitaciones.verificar(persona, viejo) == VALIDO


def test_la_lista_marca_vencida_la_invitacion_pasado_el_plazo(coordinacion, settings):
    persona = _invitar(coordinacion)
    Invitacion.objects.filter(usuario=persona).update(
        creada=timezone.now() - datetime.timedelta(days=settings.INVITACION_DIAS + 1),
        enviada=timezone.now() - datetime.timedelta(days=settings.INVITACION_DIAS, seconds=1))
    assert Usuario.objects.con_estado_invitacion().get(pk=persona.pk).estado_invitacion == EstadoInvitacion.VENCIDA


def test_reenviar_invalida_el_enlace_anterior(coordinacion):
    persona = _invitar(coordinacion)
    primera = _enlace(mail.outbox[0])
    invitacion = services.invitacion_reenviar(persona=persona, usuario=coordinacion)
    assert invitacion.envios == 2
    segunda = _enlace(mail.outbox[1])
    assert segunda != primera
    respuesta = _aceptar(Client(), primera)
    assert respuesta.status_code == 200
    assert "fue reemplazado por una invitación más reciente" in respuesta.content.decode()
    assert _aceptar(Client(), segunda).status_code == 302
    # Once accepted, there is nothing to resend.
    with pytest.raises(ValidationError) as error:
        services.invitacion_reenviar(persona=persona, usuario=coordinacion)
    assert error.value.code == "sin_reenvio"


def test_la_contrasena_elegida_sigue_las_reglas(coordinacion):
    _invitar(coordinacion)
    cliente = Client()
    ruta = _enlace(mail.outbox[0])
    formulario = cliente.get(ruta)["Location"]
    respuesta = cliente.post(formulario, {"new_password1": "corta1", "new_password2": "corta1"})
    assert respuesta.status_code == 200
    assert "La contraseña es demasiado corta" in respuesta.content.decode()
    respuesta = cliente.post(formulario, {"new_password1": "ana.lopez@ejemplo", "new_password2": "ana.lopez@ejemplo"})
    assert "La contraseña se parece demasiado a un dato de su cuenta: nombre de usuario." in respuesta.content.decode()
    assert Invitacion.objects.get().aceptada is None
    # The link still works after a refused password.
    assert cliente.post(formulario, {"new_password1": CLAVE_NUEVA, "new_password2": CLAVE_NUEVA}).status_code == 302


def test_un_enlace_falso_o_de_otra_persona_no_sirve(coordinacion, consulta):
    persona = _invitar(coordinacion)
    ruta = _enlace(mail.outbox[0])
    uid, token = ruta.split("/")[-3], ruta.split("/")[-2]
    assert generador_de_invitaciones.verificar(persona, token[:-1] + ("0" if token[-1] != "0" else "1")) == INVALIDO
    # Another account (created otherwise, without invitation) cannot use it.
    assert generador_de_invitaciones.verificar(consulta, token) == INVALIDO
    otro = reverse("cuentas:invitacion_aceptar", args=["MTIzNDU2Nzg", token])
    assert "El enlace no es válido" in Client().get(otro).content.decode()
    assert Client().get(reverse("cuentas:invitacion_aceptar", args=[uid, "abc-def"])).status_code == 200


def test_desactivar_anula_el_enlace_pendiente(coordinacion):
    persona = _invitar(coordinacion)
    services.persona_desactivar(persona=persona, usuario=coordinacion)
    respuesta = _aceptar(Client(), _enlace(mail.outbox[0]))
    assert respuesta.status_code == 200 and "El enlace no es válido" in respuesta.content.decode()
    with pytest.raises(ValidationError) as error:
        services.invitacion_reenviar(persona=persona, usuario=coordinacion)
    assert error.value.messages == ["La cuenta está desactivada: reactívela antes de reenviar la invitación."]


def test_un_enlace_requiere_institucion_y_solo_el(coordinacion, institucion_propia):
    with pytest.raises(ValidationError) as error:
        _invitar(coordinacion, rol=RolUsuario.ENLACE)
    assert error.value.message_dict["institucion"] == ["Indique la institución del enlace."]
    with pytest.raises(ValidationError) as error:
        _invitar(coordinacion, rol=RolUsuario.CONSULTA, institucion=institucion_propia)
    assert error.value.message_dict["institucion"] == ["Solo los enlaces institucionales se vinculan a una institución."]
    assert not Usuario.objects.filter(email__iexact="ana.lopez@ejemplo.gob.mx").exists()
    assert mail.outbox == []
    persona = _invitar(coordinacion, rol=RolUsuario.ENLACE, institucion=institucion_propia)
    assert persona.institucion == institucion_propia
    assert "Actuará por: Institución Propia." in mail.outbox[0].body


def test_datos_requeridos_y_correo_repetido(coordinacion, consulta):
    with pytest.raises(ValidationError) as error:
        _invitar(coordinacion, nombres=" ", apellidos="", correo="")
    assert set(error.value.message_dict) == {"first_name", "last_name", "email"}
    with pytest.raises(ValidationError) as error:
        _invitar(coordinacion, correo=consulta.email.upper())
    assert "Ya existe una cuenta con ese correo electrónico." in error.value.messages
    assert mail.outbox == []


def test_solo_la_coordinacion_invita(consulta, enlace_propio):
    for usuario in (consulta, enlace_propio):
        with pytest.raises(PermissionDenied):
            _invitar(usuario)
    assert not Invitacion.objects.exists()


def test_si_el_correo_no_sale_no_queda_nada(coordinacion, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with pytest.raises(ValidationError) as error:
        _invitar(coordinacion)
    assert error.value.code == "correo_no_enviado"
    assert not Usuario.objects.filter(email__iexact="ana.lopez@ejemplo.gob.mx").exists()
    assert not Invitacion.objects.exists()
