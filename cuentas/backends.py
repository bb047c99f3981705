"""Signing in with the e-mail or the user name, and django-axes counting both as one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class CorreoOUsuarioBackend(ModelBackend):
    """Django's ModelBackend, finding the account by user name or e-mail (any case).

    Invited accounts use their e-mail as user name; older accounts keep theirs.
    Inactive accounts are refused as by ModelBackend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        Usuario = get_user_model()
        if username is None:
            username = kwargs.get(Usuario.USERNAME_FIELD)
        if username is None or password is None:
            return None
        usuario = Usuario._default_manager.por_identificador(username)
        if usuario is None:
            # Hash once anyway, so that timing does not tell which accounts exist.
            Usuario().set_password(password)
            return None
        if usuario.check_password(password) and self.user_can_authenticate(usuario):
            return usuario
        return None


def identificador_para_bloqueo(request, credentials=None):
    """django-axes' user name for a log-in attempt: the account's user name when the
    typed e-mail or name belongs to one, so that failures with either count together
    and a successful log-in clears them; otherwise what was typed, in lower case."""
    if credentials:
        escrito = credentials.get("username")
    else:
        escrito = getattr(request, "POST", {}).get("username")
    if escrito is None:
        return None
    usuario = get_user_model()._default_manager.por_identificador(escrito)
    return usuario.username if usuario is not None else escrito.strip().lower()
