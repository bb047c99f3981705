"""International recommendations (the CEDAW Committee's concluding observations to Mexico)
followed up through the thematic tables of the CEDAW follow-up commission: one kind of
commitment of the follow-up engine (``compromisos``). Each recommendation's responsible
institutions have their own follow-up records, reports and evidence; the table's chairing
institution follows and comments on its table's reports, coordination reviews them."""

import re

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compromisos.models import Compromiso, CompromisoQuerySet, TipoCompromiso
from instituciones.models import Institucion
from snimh.validators import validar_sin_html

# A UN document symbol as the treaty bodies write it: «CEDAW/C/MEX/CO/9».
validar_simbolo = RegexValidator(
    r"^[A-Z0-9][A-Za-z0-9.\-]*(/[A-Za-z0-9.\-]+)*$",
    message=_("Escriba la signatura del documento como la publica la ONU, p. ej. «CEDAW/C/MEX/CO/9»."),
    code="documento",
)
# The letter of a sub-paragraph: «a», «b»… «aa».
validar_inciso = RegexValidator(
    r"^[a-z]{1,3}$", message=_("El inciso es una a tres letras minúsculas, p. ej. «a»."), code="inciso",
)
PARRAFO_MAXIMO = 999

# «12», «12 a)», «12 (a)», «12.a», «12a»: the paragraph as people write it.
_PARRAFO = re.compile(r"^\s*(\d{1,3})\s*(?:[.\s]?\s*\(?\s*([A-Za-z]{1,3})\s*\)?)?\s*$")


def leer_parrafo(texto):
    """``"12 (a)"`` → ``(12, "a")``; ``"12"`` → ``(12, "")``; ValueError when unreadable."""
    coincidencia = _PARRAFO.match(str(texto if texto is not None else ""))
    if not coincidencia or not 1 <= int(coincidencia.group(1)) <= PARRAFO_MAXIMO:
        raise ValueError(texto)
    return int(coincidencia.group(1)), (coincidencia.group(2) or "").lower()


def escribir_parrafo(numero, inciso):
    """``(12, "a")`` → ``"12 (a)"``, the way the Committee cites a sub-paragraph."""
    return f"{numero} ({inciso})" if inciso else str(numero)


@pghistory.track(append_only=True)
class MesaTematica(models.Model):
    """A thematic table of the CEDAW follow-up commission, chaired by one institution."""

    nombre = models.CharField(
        _("nombre"), max_length=200, validators=[validar_sin_html],
        help_text=_("P. ej. «Acceso y procuración de justicia»."),
    )
    presidencia = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, null=True, blank=True, related_name="mesas_presididas",
        verbose_name=_("institución que preside"),
        help_text=_("Su enlace sigue y comenta los reportes de las recomendaciones de la mesa; "
                    "no los acepta ni los devuelve. Vacía mientras la coordinación no la designe."),
    )
    integrantes = models.ManyToManyField(
        Institucion, blank=True, related_name="mesas_tematicas", verbose_name=_("instituciones integrantes"),
        through="IntegranteMesa",
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        verbose_name = _("mesa temática")
        verbose_name_plural = _("mesas temáticas")
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                Lower("nombre"), name="mesa_tematica_nombre_unico",
                violation_error_message=_("Ya existe una mesa temática con ese nombre."),
            ),
            models.CheckConstraint(
                condition=~models.Q(nombre=""), name="mesa_tematica_con_nombre",
                violation_error_message=_("Escriba el nombre de la mesa."),
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("recomendaciones:mesa", args=[self.pk])


@pghistory.track(append_only=True)
class IntegranteMesa(models.Model):
    """An institution that takes part in a thematic table (explicit so that its history is kept)."""

    mesa = models.ForeignKey(MesaTematica, on_delete=models.CASCADE, verbose_name=_("mesa temática"))
    institucion = models.ForeignKey(Institucion, on_delete=models.PROTECT, verbose_name=_("institución"))

    class Meta:
        verbose_name = _("institución integrante de una mesa")
        verbose_name_plural = _("instituciones integrantes de mesas")
        constraints = [
            models.UniqueConstraint(
                fields=["mesa", "institucion"], name="integrante_mesa_unica",
                violation_error_message=_("La institución ya integra esa mesa."),
            ),
        ]

    def __str__(self):
        return f"{self.mesa} · {self.institucion}"


class RecomendacionQuerySet(CompromisoQuerySet):
    def de_mesa(self, mesa_id):
        """Recommendations worked through one thematic table."""
        return self.filter(mesa_id=mesa_id)

    def presididas_por(self, institucion_id):
        """Recommendations of the tables ``institucion_id`` chairs."""
        return self.filter(mesa__presidencia_id=institucion_id)


# The commitment it extends keeps its own events (Compromiso.events); these are the recommendation's.
@pghistory.track(append_only=True, obj_field=pghistory.ObjForeignKey(related_name="eventos_de_la_recomendacion"))
class Recomendacion(Compromiso):
    """A recommendation of an international body's document (a paragraph of the CEDAW
    Committee's concluding observations), worked through a thematic table. Its text,
    deadline, goal and status are those of the commitment it is."""

    TIPO = TipoCompromiso.RECOMENDACION_INTERNACIONAL

    compromiso_ptr = models.OneToOneField(
        Compromiso, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False,
        related_name="recomendacion",
    )
    documento = models.CharField(
        _("documento"), max_length=60, validators=[validar_simbolo],
        help_text=_("Signatura del documento que la emite, p. ej. «CEDAW/C/MEX/CO/9»."),
    )
    parrafo_numero = models.PositiveSmallIntegerField(
        _("párrafo"), validators=[MinValueValidator(1), MaxValueValidator(PARRAFO_MAXIMO)],
        help_text=_("Número del párrafo del documento."),
    )
    inciso = models.CharField(
        _("inciso"), max_length=3, blank=True, validators=[validar_inciso],
        help_text=_("Letra del inciso del párrafo, si la recomendación es uno de ellos; vacío si no."),
    )
    tema = models.CharField(
        _("tema"), max_length=200, blank=True, validators=[validar_sin_html],
        help_text=_("El tema bajo el que el documento agrupa la recomendación, si se quiere registrar."),
    )
    mesa = models.ForeignKey(
        MesaTematica, on_delete=models.PROTECT, related_name="recomendaciones", verbose_name=_("mesa temática"),
    )
    fecha_emision = models.DateField(
        _("fecha de emisión"), null=True, blank=True,
        help_text=_("Fecha del documento. Desde ella se reciben reportes y evidencias; "
                    "vacía: desde que la recomendación se registró en el sistema."),
    )
    acuerdos = models.ManyToManyField(
        "acuerdos.Acuerdo", blank=True, related_name="recomendaciones", through="VinculoAcuerdo",
        verbose_name=_("acuerdos vinculados"),
    )

    objects = RecomendacionQuerySet.as_manager()

    # What the follow-up engine asks every kind (compromisos.tipos).
    descripcion_del_inicio = _("la emisión o el registro de la recomendación")

    class Meta:
        verbose_name = _("recomendación internacional")
        verbose_name_plural = _("recomendaciones internacionales")
        ordering = ["documento", "parrafo_numero", "inciso"]
        constraints = [
            models.UniqueConstraint(
                fields=["documento", "parrafo_numero", "inciso"], name="recomendacion_parrafo_unico",
                violation_error_message=_("Ese párrafo del documento ya está registrado como recomendación."),
            ),
            models.CheckConstraint(
                condition=models.Q(parrafo_numero__gte=1, parrafo_numero__lte=PARRAFO_MAXIMO),
                name="recomendacion_parrafo_valido",
                violation_error_message=_("El párrafo es un número entre 1 y 999."),
            ),
            models.CheckConstraint(
                condition=models.Q(inciso__regex=r"^[a-z]{0,3}$"), name="recomendacion_inciso_valido",
                violation_error_message=_("El inciso es una a tres letras minúsculas, p. ej. «a»."),
            ),
            models.CheckConstraint(
                condition=models.Q(documento__regex=r"^[A-Z0-9][A-Za-z0-9.\-]*(/[A-Za-z0-9.\-]+)*$"),
                name="recomendacion_documento_valido",
                violation_error_message=_("Escriba la signatura del documento como la publica la ONU."),
            ),
        ]

    def __str__(self):
        return self.etiqueta_del_tipo


    @property
    def parrafo(self):
        """``"12 (a)"``: the paragraph as the Committee cites it."""
        return escribir_parrafo(self.parrafo_numero, self.inciso)

    @property
    def cita(self):
        """``"CEDAW/C/MEX/CO/9, párr. 12 (a)"``."""
        return _("%(documento)s, párr. %(parrafo)s") % {"documento": self.documento, "parrafo": self.parrafo}

    @property
    def etiqueta_del_tipo(self):
        return _("Recomendación %(cita)s") % {"cita": self.cita}

    @property
    def del_compromiso(self):
        return _("de la recomendación %(cita)s") % {"cita": self.cita}

    def inicio_del_compromiso(self):
        if self.fecha_emision:
            return self.fecha_emision
        return timezone.localdate(self.creado) if self.creado else timezone.localdate()

    def instituciones_del_grupo(self, grupo):
        raise ValidationError(
            _("Las recomendaciones no obligan a grupos: nombre a cada institución responsable."), code="sin_grupos",
        )

    def instituciones_supervisoras(self):
        # The chair of its table; None while coordination has not designated one.
        return (self.mesa.presidencia_id,) if self.mesa.presidencia_id else ()

    @classmethod
    def supervisados_por(cls, institucion_id):
        return cls.objects.presididas_por(institucion_id)

    def fuentes_del_historial(self):
        """The recommendation's own tables in its timeline: its document, paragraph and
        table, and its links to agreements."""
        from django.apps import apps

        return [
            (Recomendacion, apps.get_model("recomendaciones", "RecomendacionEvent"), models.Q(pgh_obj_id=self.pk)),
            (VinculoAcuerdo, apps.get_model("recomendaciones", "VinculoAcuerdoEvent"),
             models.Q(recomendacion_id=self.pk)),
        ]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("recomendaciones:detalle", args=[self.pk])

    def clean(self):
        if self.fecha_emision and self.fecha_emision > timezone.localdate():
            raise ValidationError({"fecha_emision": _("La fecha de emisión no puede ser futura.")}, code="futura")
        if self.plazo_fecha and self.fecha_emision and self.plazo_fecha < self.fecha_emision:
            raise ValidationError(
                {"plazo_fecha": _("El plazo no puede vencer antes de la emisión de la recomendación.")},
                code="plazo_anterior",
            )


@pghistory.track(append_only=True)
class VinculoAcuerdo(models.Model):
    """A recommendation's link to an agreement of the SNIMH plenary that answers it."""

    recomendacion = models.ForeignKey(Recomendacion, on_delete=models.CASCADE, verbose_name=_("recomendación"))
    acuerdo = models.ForeignKey("acuerdos.Acuerdo", on_delete=models.PROTECT, verbose_name=_("acuerdo"))

    class Meta:
        verbose_name = _("vínculo con un acuerdo")
        verbose_name_plural = _("vínculos con acuerdos")
        constraints = [
            models.UniqueConstraint(
                fields=["recomendacion", "acuerdo"], name="vinculo_acuerdo_unico",
                violation_error_message=_("La recomendación ya está vinculada con ese acuerdo."),
            ),
        ]

    def __str__(self):
        return f"{self.recomendacion.cita} · {self.acuerdo}"
