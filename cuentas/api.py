from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import TokenAPI


class TokenAPIAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <clave>`` with a token issued by coordination (cuentas.TokenAPI)."""

    palabra = "Token"

    def authenticate(self, request):
        partes = authentication.get_authorization_header(request).split()
        if not partes or partes[0].lower() != self.palabra.lower().encode():
            return None
        if len(partes) != 2:
            raise exceptions.AuthenticationFailed(_("Encabezado Authorization mal formado: use «Token <clave>»."))
        try:
            clave = partes[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("El token contiene caracteres no válidos.")) from error
        token = (
            TokenAPI.objects.vigentes().select_related("usuario", "usuario__institucion")
            .filter(huella=TokenAPI.huella_de(clave)).first()
        )
        if token is None or not token.usuario.is_active:
            raise exceptions.AuthenticationFailed(_("Token no válido, vencido o revocado."))
        # One write a minute at most: the last use is for audits, not for every request.
        ahora = timezone.now()
        if token.ultimo_uso is None or (ahora - token.ultimo_uso).total_seconds() > 60:
            TokenAPI.objects.filter(pk=token.pk).update(ultimo_uso=ahora)
        return token.usuario, token

    def authenticate_header(self, request):
        return self.palabra


class TokenAPIScheme(OpenApiAuthenticationExtension):
    target_class = "cuentas.api.TokenAPIAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": "Token emitido por la coordinación, con el prefijo «Token »: `Authorization: Token <clave>`.",
        }
