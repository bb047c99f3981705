from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordatorioEnviado(models.Model):
    """A reminder already sent to a person for one event: never sent twice."""

    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("persona"))
    clave = models.CharField(_("evento"), max_length=120,
                             help_text=_("p. ej. «vence-15:seguimiento-9:2021-03-31» o «resumen:2021-W05»."))
    enviado = models.DateTimeField(_("enviado"), auto_now_add=True)

    class Meta:
        verbose_name = _("recordatorio enviado")
        verbose_name_plural = _("recordatorios enviados")
        ordering = ["-enviado"]
        constraints = [models.UniqueConstraint(fields=["usuario", "clave"], name="recordatorio_unico")]

    def __str__(self):
        return f"{self.usuario} · {self.clave}"
