from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class Usuario(AbstractUser):
    """A person who signs in: coordination staff, an institution's officer or a reader."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("persona usuaria")
        verbose_name_plural = _("personas usuarias")
        ordering = ["username"]
