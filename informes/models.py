import hashlib

import nh3
import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh.db import choices_constraint, nombre_generado
from snimh.validators import validar_sin_html

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


# Published reports -------------------------------------------------------------------

LARGO_MAXIMO_MOTIVO = 2000
# Two people publishing the same year at once: the second one is told, not overwritten.
VERSION_YA_PUBLICADA = _("Otra persona acaba de publicar esta versión del informe. Recargue la página para ver lo "
                         "publicado y, si hace falta, publique una corrección.")


class FormatoPublicado(models.TextChoices):
    PDF = "pdf", _("Informe (PDF)")
    CSV = "csv", _("Anexo I (CSV)")
    XLSX = "xlsx", _("Anexo I (XLSX)")


TIPO_MIME = {
    FormatoPublicado.PDF: "application/pdf",
    FormatoPublicado.CSV: "text/csv; charset=utf-8",
    FormatoPublicado.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class InformePublicadoQuerySet(models.QuerySet):
    def con_archivos(self):
        """With their files, PDF first (one more query)."""
        return self.prefetch_related("archivos")

    def del_anio(self, anio):
        return self.filter(anio=anio)


# Published rows are frozen: the database refuses to change or delete them, whatever
# the path (admin, shell, raw SQL). A correction is a new version.
_CONGELADO = pgtrigger.Protect(name="congelado", operation=pgtrigger.Update | pgtrigger.Delete)


@pghistory.track(append_only=True)
class InformePublicado(models.Model):
    """A version of a year's annual report as coordination published it: its files are frozen."""

    anio = models.PositiveSmallIntegerField(
        _("año"), validators=[MinValueValidator(2006), MaxValueValidator(2100)], help_text=_("Año que informa."),
    )
    version = models.PositiveSmallIntegerField(
        _("versión"), validators=[MinValueValidator(1)],
        help_text=_("1 para la primera publicación; cada corrección es la siguiente."),
    )
    publicado_en = models.DateTimeField(_("publicado"), default=timezone.now, help_text=_("Fecha y hora de la publicación."))
    publicado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("publicado por"),
        help_text=_("Persona de la coordinación que publicó esta versión."),
    )
    motivo = models.TextField(
        _("motivo de la corrección"), blank=True, max_length=LARGO_MAXIMO_MOTIVO, validators=[validar_sin_html],
        help_text=_("Qué se corrige respecto de la versión anterior. Se publica junto con la nueva versión."),
    )
    sesiones = models.PositiveSmallIntegerField(_("sesiones descritas"), help_text=_("Sesiones celebradas en el año."))
    acuerdos = models.PositiveSmallIntegerField(_("acuerdos en el anexo"), help_text=_("Filas del Anexo I."))
    paginas = models.PositiveSmallIntegerField(_("páginas del PDF"))

    objects = InformePublicadoQuerySet.as_manager()

    class Meta:
        verbose_name = _("informe anual publicado")
        verbose_name_plural = _("informes anuales publicados")
        ordering = ["-anio", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["anio", "version"], name="informe_publicado_version_unica",
                violation_error_message=VERSION_YA_PUBLICADA,
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="informe_publicado_version_positiva"),
            models.CheckConstraint(condition=Q(anio__gte=2006, anio__lte=2100), name="informe_publicado_anio_en_rango"),
            # The first version is the publication; every later one says what it corrects.
            models.CheckConstraint(
                condition=Q(version=1, motivo="") | (Q(version__gt=1) & ~Q(motivo="")),
                name="informe_publicado_motivo_de_correccion",
                violation_error_message=_("Una corrección debe decir qué corrige; la primera versión no lleva motivo."),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("motivo"), LARGO_MAXIMO_MOTIVO), name="informe_publicado_motivo_acotado",
                violation_error_message=_("El motivo de la corrección es demasiado largo."),
            ),
            models.CheckConstraint(condition=Q(paginas__gte=1), name="informe_publicado_con_paginas"),
        ]
        triggers = [_CONGELADO]

    def __str__(self):
        return _("Informe anual %(anio)s, versión %(version)s") % {"anio": self.anio, "version": self.version}

    def get_absolute_url(self):
        return reverse("informes:publicados") + f"#informe-{self.anio}"

    @property
    def es_correccion(self):
        return self.version > 1


def ruta_archivo_publicado(instancia, nombre_archivo):
    return nombre_generado(f"informes/{instancia.publicacion.anio}", nombre_archivo)


class ArchivoAlterado(Exception):
    """A published file whose bytes no longer match the SHA-256 recorded at publication."""


@pghistory.track(append_only=True)
class ArchivoPublicado(models.Model):
    """One file of a published report (the PDF, or the annex as CSV or XLSX), byte for byte."""

    publicacion = models.ForeignKey(
        InformePublicado, on_delete=models.PROTECT, related_name="archivos", verbose_name=_("publicación"),
    )
    formato = models.CharField(_("formato"), max_length=4, choices=FormatoPublicado.choices)
    archivo = models.FileField(
        _("archivo"), upload_to=ruta_archivo_publicado, max_length=255,
        help_text=_("Guardado con un nombre generado; se descarga con el nombre público."),
    )
    tamano = models.PositiveBigIntegerField(_("tamaño (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("Huella del archivo al publicarse, en hexadecimal."))

    class Meta:
        verbose_name = _("archivo publicado")
        verbose_name_plural = _("archivos publicados")
        # The PDF first, then the annex as CSV and XLSX: the order readers expect.
        ordering = ["publicacion", Case(*(When(formato=f, then=i) for i, f in enumerate(FormatoPublicado.values)))]
        constraints = [
            models.UniqueConstraint(
                fields=["publicacion", "formato"], name="archivo_publicado_unico_por_formato",
                violation_error_message=_("Esa publicación ya tiene un archivo en ese formato."),
            ),
            models.CheckConstraint(condition=Q(tamano__gt=0), name="archivo_publicado_no_vacio"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="archivo_publicado_sha256_valido"),
            choices_constraint("formato", FormatoPublicado.choices, name="archivo_publicado_formato_valido"),
        ]
        triggers = [_CONGELADO]

    def __str__(self):
        return self.nombre_de_descarga

    def get_absolute_url(self):
        return reverse("informes:descargar_publicado",
                       args=[self.publicacion.anio, self.publicacion.version, self.nombre_de_descarga])

    @property
    def nombre_de_descarga(self):
        """``informe-snimh-2020-v1.pdf``, ``anexo-i-snimh-2020-v2.xlsx``."""
        base = "informe-snimh" if self.formato == FormatoPublicado.PDF else "anexo-i-snimh"
        return f"{base}-{self.publicacion.anio}-v{self.publicacion.version}.{self.formato}"

    @property
    def tipo_mime(self):
        return TIPO_MIME[self.formato]

    def leer(self) -> bytes:
        """The stored bytes, after checking them against the SHA-256 recorded when they
        were published: what is served is exactly what was published, or nothing."""
        with self.archivo.open("rb") as archivo:
            contenido = archivo.read()
        if len(contenido) != self.tamano or hashlib.sha256(contenido).hexdigest() != self.sha256:
            raise ArchivoAlterado(self.archivo.name)
        return contenido
