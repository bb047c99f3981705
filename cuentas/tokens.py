"""The one-time, expiring link of an invitation (cuentas.services.persona_invitar)."""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

VALIDO = "valido"
VENCIDO = "vencido"
INVALIDO = "invalido"


class InvitacionTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token, with its own salt and expiry, bound to the invitation.

    The hash covers the password (it changes when the person sets theirs, so the link
    works once), the acceptance, the e-mail, whether the account is active, and the
    moment the invitation was last sent, so that resending it invalidates every older
    link. It expires ``INVITACION_DIAS`` after it was issued.
    """

    key_salt = "cuentas.tokens.InvitacionTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        invitacion = user.invitacion
        return (
            f"{user.pk}{user.password}{user.email}{user.is_active}"
            f"{invitacion.pk}{invitacion.enviada.timestamp()}{invitacion.aceptada}{timestamp}"
        )

    def make_token(self, user):
        if getattr(user, "invitacion", None) is None:
            raise ValueError("Only an invited account gets an invitation link.")
        return super().make_token(user)

    def verificar(self, user, token):
        """``VALIDO``, ``VENCIDO`` (authentic but too old: coordination can resend it) or
        ``INVALIDO`` (forged, already used, or replaced by a newer invitation)."""
        if not (user and token) or getattr(user, "invitacion", None) is None:
            return INVALIDO
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return INVALIDO
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secreto), token)
            for secreto in [self.secret, *self.secret_fallbacks]
        ):
            return INVALIDO
        vigencia = datetime.timedelta(days=settings.INVITACION_DIAS).total_seconds()
        if self._num_seconds(self._now()) - ts > vigencia:
            return VENCIDO
        return VALIDO

    def check_token(self, user, token):
        return self.verificar(user, token) == VALIDO


generador_de_invitaciones = InvitacionTokenGenerator()
