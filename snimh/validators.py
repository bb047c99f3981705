import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# "<" followed by a letter, "/", "!" or "?" opens markup; a lone "<" (e.g. "a < b")
# is ordinary text.
_MARCADO = re.compile(r"<\s*[a-zA-Z!/?]")


def validar_sin_html(valor):
    """Free-text fields hold plain text: markup or script is refused, not stored."""
    if valor and _MARCADO.search(valor):
        raise ValidationError(
            _("No se permiten etiquetas HTML ni código en este campo; escriba texto simple."),
            code="html",
        )
