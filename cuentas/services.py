"""Writes on people's accounts. Every function is atomic and validates before saving;
permissions are asked of snimh/permisos.py here too, so no caller can skip them."""

import logging

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from instituciones.models import Coordinacion
from snimh import permisos

from .models import Invitacion, Usuario
from .tokens import VALIDO, VENCIDO, generador_de_invitaciones

logger = logging.getLogger(__name__)


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


def _bloquear(persona):
    """Re-read the person under a row lock: two coordinators acting at once serialize."""
    return Usuario.objects.select_for_update(of=("self",)).select_related("invitacion").get(pk=persona.pk)


def _comprobar_version(persona, version):
    if version is not None and version != persona.version:
        raise ValidationError(
            _("Otra persona modificó esta cuenta mientras usted la editaba. Recargue la página, "
              "revise los cambios y vuelva a intentarlo."),
            code="edicion_concurrente",
        )


def enlace_de_invitacion(persona):
    """The absolute link of the person's current invitation (e-mails are read outside
    any request, so the base comes from SNIMH_URL_BASE like the reminders')."""
    ruta = reverse("cuentas:invitacion_aceptar", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(persona.pk)),
        "token": generador_de_invitaciones.make_token(persona),
    })
    return settings.SNIMH_URL_BASE.rstrip("/") + ruta


def _enviar_invitacion(persona):
    contexto = {
        "persona": persona, "enlace": enlace_de_invitacion(persona),
        "vence": persona.invitacion.vence, "dias": settings.INVITACION_DIAS,
        "invita": persona.invitacion.invitada_por, "coordinacion": Coordinacion.objects.en(),
    }
    mensaje = EmailMultiAlternatives(
        subject=_("Invitación al sistema de seguimiento de acuerdos del SNIMH"),
        body=render_to_string("cuentas/correo_invitacion.txt", contexto),
        to=[persona.email],
    )
    mensaje.attach_alternative(render_to_string("cuentas/correo_invitacion.html", contexto), "text/html")
    try:
        mensaje.send()
    except OSError as error:  # smtplib's errors are OSErrors too
        logger.exception("Invitation e-mail to user %s not sent", persona.pk)
        # Raised out of the atomic block: nothing of the invitation stays recorded.
        raise ValidationError(
            _("No se pudo enviar el correo de invitación; no se guardó nada. Inténtelo más tarde."),
            code="correo_no_enviado",
        ) from error


def _exigir_datos_personales(persona):
    """Django's user model allows blank names and e-mail; the people pages do not: the
    invitation goes to the e-mail, and pages show the full name."""
    requeridos = {
        "first_name": _("Indique el nombre o los nombres."), "last_name": _("Indique los apellidos."),
        "email": _("Indique el correo electrónico."), "rol": _("Indique el rol."),
    }
    faltantes = {campo: mensaje for campo, mensaje in requeridos.items() if not getattr(persona, campo)}
    if faltantes:
        raise ValidationError(faltantes, code="requerido")


@transaction.atomic
def persona_invitar(
    *, usuario: Usuario, nombres: str, apellidos: str, correo: str, rol: str, institucion=None,
) -> Usuario:
    """Create an account with no usable password and e-mail the person a one-time link to
    set their own. The e-mail, lower-cased, is also the user name."""
    _exigir(permisos.puede_gestionar_personas(usuario))
    correo = (correo or "").strip()
    # The institution goes to the model as chosen: the model (and its CHECK) refuses one
    # for anybody but an officer, and requires it for officers.
    persona = Usuario(
        username=correo.lower(), email=correo, first_name=(nombres or "").strip(),
        last_name=(apellidos or "").strip(), rol=rol, institucion=institucion,
    )
    persona.set_unusable_password()
    _exigir_datos_personales(persona)
    persona.full_clean()
    persona.save()
    invitacion = Invitacion(usuario=persona, invitada_por=usuario)
    invitacion.full_clean()
    invitacion.save()
    persona.invitacion = invitacion
    _enviar_invitacion(persona)
    return persona


@transaction.atomic
def invitacion_reenviar(*, persona: Usuario, usuario: Usuario) -> Invitacion:
    """Send the invitation again, with a new link: the older links stop working."""
    _exigir(permisos.puede_gestionar_personas(usuario))
    persona = _bloquear(persona)
    if not permisos.puede_reenviar_invitacion(usuario, persona):
        if getattr(persona, "invitacion", None) is None:
            motivo = _("Esta cuenta no se creó por invitación: la persona puede restablecer su contraseña.")
        elif persona.invitacion.aceptada is not None:
            motivo = _("La invitación ya se aceptó: la persona entra con su contraseña.")
        else:
            motivo = _("La cuenta está desactivada: reactívela antes de reenviar la invitación.")
        raise ValidationError(motivo, code="sin_reenvio")
    invitacion = persona.invitacion
    invitacion.enviada = timezone.now()
    invitacion.envios += 1
    invitacion.full_clean()
    invitacion.save(update_fields=["enviada", "envios"])
    _enviar_invitacion(persona)
    return invitacion


@transaction.atomic
def invitacion_aceptar(*, persona: Usuario, token: str, contrasena: str) -> Usuario:
    """The invited person sets their password through the link; the link then stops
    working (the password and the acceptance are part of its hash)."""
    persona = _bloquear(persona)
    estado = generador_de_invitaciones.verificar(persona, token)
    if estado != VALIDO:
        raise ValidationError(
            _("El enlace venció: pida a la coordinación que le reenvíe la invitación.") if estado == VENCIDO
            else _("El enlace no es válido, ya se usó o fue reemplazado por una invitación más reciente."),
            code=f"enlace_{estado}",
        )
    password_validation.validate_password(contrasena, persona)
    persona.set_password(contrasena)
    persona.save(update_fields=["password"])
    invitacion = persona.invitacion
    invitacion.aceptada = timezone.now()
    invitacion.full_clean()
    invitacion.save(update_fields=["aceptada"])
    return persona


@transaction.atomic
def persona_modificar(
    *, persona: Usuario, usuario: Usuario, version: int, nombres: str, apellidos: str, correo: str, rol: str,
    institucion=None, recibe_avisos: bool = True,
) -> Usuario:
    """Change a person's names, e-mail, role and institution (optimistic locking on ``version``)."""
    _exigir(permisos.puede_gestionar_personas(usuario))
    persona = _bloquear(persona)
    _comprobar_version(persona, version)
    if (rol != persona.rol or institucion != persona.institucion) and not permisos.puede_cambiar_rol_de(
        usuario, persona
    ):
        raise ValidationError(
            {"rol": _("No puede cambiar su propio rol ni su institución: pídalo a otra persona de la coordinación.")},
            code="rol_propio",
        )
    persona.first_name = (nombres or "").strip()
    persona.last_name = (apellidos or "").strip()
    persona.email = (correo or "").strip()
    persona.rol = rol
    persona.institucion = institucion
    persona.recibe_avisos = recibe_avisos
    persona.version += 1
    _exigir_datos_personales(persona)
    persona.full_clean(exclude=["password"])
    persona.save()
    return persona


@transaction.atomic
def persona_desactivar(*, persona: Usuario, usuario: Usuario, version: int | None = None) -> Usuario:
    """The person can no longer sign in (nor use API tokens); nothing of theirs is deleted."""
    _exigir(permisos.puede_gestionar_personas(usuario))
    persona = _bloquear(persona)
    _comprobar_version(persona, version)
    if not permisos.puede_desactivar_persona(usuario, persona):
        raise ValidationError(_("No puede desactivar su propia cuenta."), code="desactivarse")
    if not persona.is_active:
        raise ValidationError(_("La cuenta ya está desactivada."), code="sin_cambio")
    persona.is_active = False
    persona.version += 1
    persona.save(update_fields=["is_active", "version"])
    return persona


@transaction.atomic
def persona_reactivar(*, persona: Usuario, usuario: Usuario, version: int | None = None) -> Usuario:
    """The person may sign in again, with the same role and institution as before."""
    _exigir(permisos.puede_gestionar_personas(usuario))
    persona = _bloquear(persona)
    _comprobar_version(persona, version)
    if persona.is_active:
        raise ValidationError(_("La cuenta ya está activa."), code="sin_cambio")
    persona.is_active = True
    persona.version += 1
    persona.full_clean(exclude=["password"])
    persona.save(update_fields=["is_active", "version"])
    return persona
