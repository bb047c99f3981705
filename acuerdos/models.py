"""Agreements of the SNIMH plenary: one kind of commitment of the follow-up engine
(``compromisos``), with what is theirs — the session that adopted them, the global number
and the citation, the groups they bind — and the programmes' objectives they align to
(``programas``: imports point from here toward it, never back)."""

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from compromisos.models import (  # noqa: F401 - the evidence's upload_to in migrations 0004-0014
    ROL_DEL_GRUPO,
    Compromiso,
    CompromisoQuerySet,
    Estatus,
    Grupo,
    TipoCompromiso,
    ruta_evidencia,
)
from instituciones.models import Institucion
from programas.models import Objetivo, Programa  # noqa: F401 - moved to programas; acuerdos aligns to them
from snimh.db import choices_constraint
from snimh.validators import validar_sin_html


class AcuerdoQuerySet(CompromisoQuerySet):
    def publicos(self):
        """Agreements the public may read: adopted in a session that was held (those recorded
        for a programmed session are drafts until it is)."""
        return self.filter(sesion__estado="celebrada")

    def del_anio(self, anio):
        """Agreements adopted in sessions of ``anio``."""
        return self.filter(sesion__fecha__year=anio)

    def siguiente_numero(self):
        """The number to suggest for the next agreement: numbering runs across sessions."""
        ultimo = self.aggregate(models.Max("numero"))["numero__max"]
        return (ultimo or 0) + 1


# The commitment it extends keeps its own events (Compromiso.events); these are the agreement's.
@pghistory.track(append_only=True, obj_field=pghistory.ObjForeignKey(related_name="eventos_del_acuerdo"))
class Acuerdo(Compromiso):
    """An agreement adopted by the SNIMH plenary, numbered consecutively across sessions.
    Its text, deadline, goal and status are those of the commitment it is."""

    TIPO = TipoCompromiso.ACUERDO

    compromiso_ptr = models.OneToOneField(
        Compromiso, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False,
        # The column keeps the name it had before agreements became commitments: every
        # foreign key to an agreement still reads it.
        db_column="id", related_name="acuerdo",
    )
    numero = models.PositiveIntegerField(
        _("número"), unique=True,
        help_text=_("Número consecutivo en la vida del Sistema (34, 35…)."),
        error_messages={"unique": _("Ya existe un acuerdo con este número.")},
    )
    sesion = models.ForeignKey(
        "sesiones.Sesion", on_delete=models.PROTECT, related_name="acuerdos", verbose_name=_("sesión"),
    )
    responsables_texto = models.CharField(
        _("responsables (redacción)"), max_length=500, blank=True,
        help_text=_("Quién queda obligado, como lo redacta el acuerdo."),
        validators=[validar_sin_html],
    )
    objetivos = models.ManyToManyField(
        Objetivo, blank=True, related_name="acuerdos", verbose_name=_("objetivos a los que se alinea"),
        through="AlineacionAcuerdo",
    )

    objects = AcuerdoQuerySet.as_manager()

    # What the follow-up engine asks every kind (compromisos.tipos).
    descripcion_del_inicio = _("la sesión que adoptó el acuerdo")

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["numero"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(numero__gte=1), name="acuerdo_numero_positivo",
                violation_error_message=_("El número de acuerdo debe ser mayor que cero."),
            ),
        ]

    def __str__(self):
        return self.etiqueta_del_tipo

    @property
    def etiqueta_del_tipo(self):
        return _("Acuerdo %(cita)s") % {"cita": self.cita}

    @property
    def del_compromiso(self):
        return _("del acuerdo %(cita)s") % {"cita": self.cita}

    def inicio_del_compromiso(self):
        return self.sesion.fecha

    def instituciones_del_grupo(self, grupo):
        return instituciones_del_grupo(grupo, self.sesion)

    def instituciones_supervisoras(self):
        return ()  # coordination alone follows an agreement

    @classmethod
    def supervisados_por(cls, institucion_id):
        return cls.objects.none()

    def fuentes_del_historial(self):
        """The agreement's own tables in its timeline: its number, session and wording of
        who is bound, and its alignment to objectives."""
        from django.apps import apps

        return [
            (Acuerdo, apps.get_model("acuerdos", "AcuerdoEvent"), models.Q(pgh_obj_id=self.pk)),
            (AlineacionAcuerdo, apps.get_model("acuerdos", "AlineacionAcuerdoEvent"), models.Q(acuerdo_id=self.pk)),
        ]

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("acuerdos:detalle", args=[self.numero])

    @property
    def fecha(self):
        """The date of adoption: that of its session."""
        return self.sesion.fecha

    @property
    def cita(self):
        """Official citation ``NUMBER:D/MM/YYYY``, e.g. ``46:30/09/2020``, ``52:9/12/2020``."""
        fecha = self.sesion.fecha
        return f"{self.numero}:{fecha.day}/{fecha:%m/%Y}"

    def clean(self):
        if self.plazo_fecha and self.sesion_id and self.plazo_fecha < self.sesion.fecha:
            raise ValidationError(
                {"plazo_fecha": _("El plazo no puede vencer antes de la sesión que adoptó el acuerdo.")},
                code="plazo_anterior",
            )


def instituciones_del_grupo(grupo, sesion):
    """The institutions a group binds for an agreement of ``sesion`` (the rule, written once):
    those holding the group's role in the SNIMH on the session's date, or, for
    «asistentes», those whose attendance of that session is recorded. An institution that
    gains the role later is not bound by earlier agreements."""
    if grupo == Grupo.ASISTENTES:
        return Institucion.objects.filter(asistencias__sesion=sesion).distinct()
    return Institucion.objects.con_rol_en(ROL_DEL_GRUPO[grupo], sesion.fecha)


@pghistory.track(append_only=True)
class AlineacionAcuerdo(models.Model):
    """An agreement's alignment to one objective (explicit so that its history is kept)."""

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.CASCADE, verbose_name=_("acuerdo"))
    objetivo = models.ForeignKey(Objetivo, on_delete=models.CASCADE, verbose_name=_("objetivo"))

    class Meta:
        # The table Django created for the former implicit many-to-many.
        db_table = "acuerdos_acuerdo_objetivos"
        unique_together = [("acuerdo", "objetivo")]
        verbose_name = _("alineación con un objetivo")
        verbose_name_plural = _("alineaciones con objetivos")

    def __str__(self):
        return f"{self.acuerdo.cita} · {self.objetivo}"


@pghistory.track(append_only=True)
class DiaInhabil(models.Model):
    """A weekday that does not count for deadlines in working days (LFT art. 74 and others)."""

    fecha = models.DateField(
        _("fecha"), unique=True, error_messages={"unique": _("Esa fecha ya está registrada como inhábil.")},
    )
    descripcion = models.CharField(_("descripción"), max_length=200, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("día inhábil")
        verbose_name_plural = _("días inhábiles")
        ordering = ["fecha"]

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} · {self.descripcion}"


@pghistory.track(append_only=True)
class RevisionEnSesion(models.Model):
    """An open agreement carried into a session's follow-up item, and whether it was reviewed."""

    sesion = models.ForeignKey("sesiones.Sesion", on_delete=models.CASCADE, related_name="revisiones",
                               verbose_name=_("sesión"))
    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.PROTECT, related_name="revisiones",
                                verbose_name=_("acuerdo"))
    estatus = models.CharField(_("estatus al preparar la sesión"), max_length=15, choices=Estatus.choices)
    dias_vencido = models.PositiveIntegerField(_("días de atraso a la fecha de la sesión"), default=0)
    revisado = models.BooleanField(_("revisado en la sesión"), default=False,
                                   help_text=_("Según el acta: el acuerdo se revisó en la sesión."))

    class Meta:
        verbose_name = _("acuerdo en seguimiento en una sesión")
        verbose_name_plural = _("acuerdos en seguimiento en sesiones")
        ordering = ["sesion__fecha", "acuerdo__numero"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "acuerdo"], name="revision_unica",
                                    violation_error_message=_("El acuerdo ya está en el seguimiento de esa sesión.")),
            choices_constraint("estatus", Estatus.choices, name="revision_estatus_valido"),
        ]

    def __str__(self):
        return f"{self.acuerdo.cita} · {self.sesion}"
