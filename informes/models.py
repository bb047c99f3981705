import nh3
import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Paragraphs, lists and emphasis: what the report's texts need, and nothing that
# could fetch, run or hide anything (no links, images, styles or scripts).
ETIQUETAS_PERMITIDAS = {"p", "ul", "ol", "li", "strong", "em", "br", "h3"}


def sanear(html):
    """The editable texts as safe HTML: allowed tags only, no attributes."""
    return nh3.clean(html or "", tags=ETIQUETAS_PERMITIDAS, attributes={}, url_schemes=set()).strip()


@pghistory.track(append_only=True)
class TextoInforme(models.Model):
    """The texts coordination writes for a year's annual report (sections I and II)."""

    anio = models.PositiveSmallIntegerField(
        _("año"), unique=True, validators=[MinValueValidator(2006), MaxValueValidator(2100)],
        error_messages={"unique": _("Ya existen los textos de ese año.")},
    )
    introduccion = models.TextField(
        _("I. Introducción"), blank=True,
        help_text=_("Párrafos y listas; se eliminan enlaces, imágenes, estilos y cualquier otro código."),
    )
    resumen_ejecutivo = models.TextField(
        _("II. Resumen ejecutivo — logros"), blank=True,
        help_text=_("Párrafos y listas; se eliminan enlaces, imágenes, estilos y cualquier otro código."),
    )
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("textos del informe anual")
        verbose_name_plural = _("textos de los informes anuales")
        ordering = ["-anio"]

    def __str__(self):
        return _("Informe anual %(anio)s") % {"anio": self.anio}

    def save(self, *args, **kwargs):
        # Sanitised on the way in, so that nothing unsafe is ever stored.
        self.introduccion = sanear(self.introduccion)
        self.resumen_ejecutivo = sanear(self.resumen_ejecutivo)
        super().save(*args, **kwargs)
