from dataclasses import dataclass

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from instituciones.models import Institucion, Representante, Rol
from snimh.db import PostgresCheckConstraint, choices_constraint, nombre_generado
from snimh.uploads import Formato
from snimh.validators import validar_sin_html

from .ordinales import NUMERO_MAXIMO, ordinal_femenino

NUMERO_FUERA_DE_RANGO = _("El número de sesión debe estar entre 1 y 999.")  # NUMERO_MAXIMO
INTEGRANTES_SIN_NINGUNO = _("El número de instituciones integrantes debe ser al menos 1.")


@dataclass(frozen=True)
class Quorum:
    """Quorum of a session, computed from its attendance and the Reglas."""

    integrantes: int | None
    """Institutions that were *integrantes* on the session date (None: unknown)."""
    presentes: int
    """*Integrantes* that attended."""
    acreditadas: int | None
    """Attending *integrantes* with a designation letter on record (None: attendance
    is known only as reported totals, so letters cannot be checked)."""
    requeridas: int | None

    @property
    def hay_quorum(self):
        """True/False, or None when the number of *integrantes* is unknown."""
        if self.requeridas is None:
            return None
        contadas = self.presentes if self.acreditadas is None else self.acreditadas
        return contadas >= self.requeridas


# Roles held only by a recorded grant (agreement or Reglas), never just by attending.
ROLES_POR_DESIGNACION = (Rol.INTEGRANTE, Rol.INVITADA_PERMANENTE)

# In the order the annual reports list them.
_ROLES_EN_ORDEN_DEL_INFORME = [Rol.INTEGRANTE, Rol.COADYUVANTE, Rol.INVITADA_PERMANENTE, Rol.INVITADA]


def _rol_con_cifra(rol, n):
    """A role counted as the annual reports count it: «22 instituciones integrantes»,
    «1 institución integrante», «5 coadyuvantes»."""
    formas = {
        Rol.INTEGRANTE: ngettext("%(n)s institución integrante", "%(n)s instituciones integrantes", n),
        Rol.COADYUVANTE: ngettext("%(n)s coadyuvante", "%(n)s coadyuvantes", n),
        Rol.INVITADA_PERMANENTE: ngettext("%(n)s invitada permanente", "%(n)s invitadas permanentes", n),
        Rol.INVITADA: ngettext("%(n)s invitada", "%(n)s invitadas", n),
    }
    return formas[rol] % {"n": n}


class SesionQuerySet(models.QuerySet):
    def celebradas(self):
        return self.filter(estado=Sesion.Estado.CELEBRADA)

    def del_anio(self, anio):
        return self.filter(fecha__year=anio)

    def siguiente_numero(self, tipo):
        """The number to suggest for the next session of ``tipo``: one after the highest recorded."""
        ultimo = self.filter(tipo=tipo).aggregate(models.Max("numero"))["numero__max"]
        return (ultimo or 0) + 1


def ruta_acta(instancia, nombre_archivo):
    return nombre_generado("actas", nombre_archivo)


class TipoSesion(models.TextChoices):
    ORDINARIA = "ordinaria", _("Ordinaria")
    EXTRAORDINARIA = "extraordinaria", _("Extraordinaria")


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    VIRTUAL = "virtual", _("Virtual")
    HIBRIDA = "hibrida", _("Híbrida")


class EstadoSesion(models.TextChoices):
    PROGRAMADA = "programada", _("Programada")
    CELEBRADA = "celebrada", _("Celebrada")
    CANCELADA = "cancelada", _("Cancelada")


# The only moves a session's state may make: a session is held or cancelled once.
TRANSICIONES = {
    EstadoSesion.PROGRAMADA: (EstadoSesion.CELEBRADA, EstadoSesion.CANCELADA),
    EstadoSesion.CELEBRADA: (),
    EstadoSesion.CANCELADA: (),
}


@pghistory.track(append_only=True)
class Sesion(models.Model):
    """A session of the SNIMH's plenary, ordinary or extraordinary."""

    Tipo = TipoSesion
    Modalidad = Modalidad
    Estado = EstadoSesion
    # The minutes: a document, as signed or as drafted.
    FORMATOS_ACTA = frozenset({Formato.PDF, Formato.DOCX, Formato.ODT})

    numero = models.PositiveSmallIntegerField(
        _("número"), help_text=_("Número ordinal en la vida del Sistema: 21 para la Vigésima Primera."),
        # The same range as the constraint below, so forms and the API refuse it field by field.
        validators=[MinValueValidator(1, message=NUMERO_FUERA_DE_RANGO),
                    MaxValueValidator(NUMERO_MAXIMO, message=NUMERO_FUERA_DE_RANGO)],
    )
    tipo = models.CharField(_("tipo"), max_length=15, choices=TipoSesion.choices, default=TipoSesion.ORDINARIA)
    fecha = models.DateField(_("fecha"))
    modalidad = models.CharField(
        _("modalidad"), max_length=10, choices=Modalidad.choices, blank=True,
        help_text=_("Vacío si el registro histórico no la consigna."),
    )
    estado = models.CharField(_("estado"), max_length=10, choices=EstadoSesion.choices, default=EstadoSesion.PROGRAMADA)
    resumen = models.TextField(_("resumen"), blank=True, help_text=_("Descripción general de la sesión."), validators=[validar_sin_html])
    acta = models.FileField(_("acta"), upload_to=ruta_acta, blank=True, max_length=255)
    acta_nombre = models.CharField(
        _("nombre del archivo del acta"), max_length=150, blank=True,
        help_text=_("Solo para mostrar y descargar; el archivo se guarda con otro nombre."),
        validators=[validar_sin_html],
    )
    acta_aprobada_en = models.DateField(
        _("acta aprobada el"), null=True, blank=True,
        help_text=_("Fecha en que el pleno aprobó el acta (por lo común, en la sesión siguiente)."),
    )
    total_integrantes = models.PositiveSmallIntegerField(
        _("instituciones integrantes a la fecha"), null=True, blank=True, validators=[MinValueValidator(1, message=INTEGRANTES_SIN_NINGUNO)],
        help_text=_("Para el cálculo del quórum cuando las participaciones de esa fecha no están "
                    "registradas institución por institución."),
    )

    objects = SesionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["fecha", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "numero"], name="sesion_numero_unico_por_tipo",
                violation_error_message=_("Ya existe una sesión de ese tipo con ese número."),
            ),
            models.CheckConstraint(
                condition=Q(numero__gte=1) & Q(numero__lte=NUMERO_MAXIMO), name="sesion_numero_en_rango",
                violation_error_message=NUMERO_FUERA_DE_RANGO,
            ),
            # A quorum is counted over at least one member.
            models.CheckConstraint(
                condition=Q(total_integrantes__isnull=True) | Q(total_integrantes__gte=1),
                name="sesion_total_integrantes_positivo",
                violation_error_message=INTEGRANTES_SIN_NINGUNO,
            ),
            # A session cannot have been held on a date that has not come yet.
            PostgresCheckConstraint(
                condition=~Q(estado="celebrada") | Q(fecha__lte=TruncDate(Now())),
                name="sesion_celebrada_no_futura",
                violation_error_message=_(
                    "Una sesión marcada como celebrada no puede tener fecha futura."
                ),
            ),
            choices_constraint("tipo", TipoSesion.choices, name="sesion_tipo_valido"),
            choices_constraint("estado", EstadoSesion.choices, name="sesion_estado_valido"),
            choices_constraint(
                "modalidad", [*Modalidad.choices, ("", "")], name="sesion_modalidad_valida",
            ),
            # Minutes are approved only once they are on record, for a session that was held.
            models.CheckConstraint(
                condition=Q(acta_aprobada_en__isnull=True)
                | (Q(estado="celebrada") & ~Q(acta="") & Q(acta_aprobada_en__gte=models.F("fecha"))),
                name="sesion_acta_aprobada_valida",
                violation_error_message=_(
                    "Solo se aprueba el acta de una sesión celebrada, con el acta cargada y en fecha posterior a la sesión."
                ),
            ),
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("sesiones:detalle", args=[self.pk])

    @property
    def ordinal(self):
        """``"Vigésima Primera"``."""
        return ordinal_femenino(self.numero)

    @property
    def titulo(self):
        """``"Vigésima Primera Sesión Ordinaria"``."""
        return f"{self.ordinal} Sesión {self.get_tipo_display()}"

    @property
    def titulo_corto(self):
        """``"21.ª Ordinaria (2020)"``: for chart labels and narrow columns."""
        return f"{self.numero}.ª {self.get_tipo_display()} ({self.fecha.year})"

    @property
    def es_futura(self):
        """Not held yet: programmed, whatever its date."""
        return self.estado == EstadoSesion.PROGRAMADA

    def transiciones_posibles(self, hoy=None):
        """The states this session may move to now (a session is held on or after its date)."""
        hoy = hoy or timezone.localdate()
        return [
            estado for estado in TRANSICIONES[EstadoSesion(self.estado)]
            if not (estado == EstadoSesion.CELEBRADA and self.fecha > hoy)
        ]

    def clean(self):
        if self.estado == self.Estado.CELEBRADA and self.fecha and self.fecha > timezone.localdate():
            raise ValidationError(
                {"fecha": _("Una sesión marcada como celebrada no puede tener fecha futura.")},
                code="celebrada_futura",
            )

    def asistencia_por_rol(self):
        """Attendance by role, as the report counts it: ``{Rol value: total}``.

        The totals reported for the session win when recorded (historical sessions
        only have those); otherwise the named attendance is counted.
        """
        reportada = {fila.rol: fila.total for fila in self.asistencia_reportada.all()}
        if reportada:
            return {rol: reportada[rol] for rol in Rol.values if rol in reportada}
        conteo = {}
        for asistencia in self.asistencias.all():
            conteo[asistencia.rol] = conteo.get(asistencia.rol, 0) + 1
        return {rol: conteo[rol] for rol in Rol.values if rol in conteo}

    def asistencia_en_texto(self):
        """``"22 instituciones integrantes, 5 coadyuvantes, 2 invitadas permanentes y 12 invitadas"``;
        ``"1 institución integrante y 1 invitada"``."""
        por_rol = self.asistencia_por_rol()
        partes = [
            _rol_con_cifra(rol, n) for rol in _ROLES_EN_ORDEN_DEL_INFORME if (n := por_rol.get(rol))
        ]
        if len(partes) < 2:
            return "".join(partes)
        return _("%(lista)s y %(ultimo)s") % {"lista": ", ".join(partes[:-1]), "ultimo": partes[-1]}

    def acreditadas_entre(self, institucion_ids):
        """Of ``institucion_ids``, those whose designation letter is on record on the session's
        date: the ones that count for quorum when present as *integrantes*."""
        return set(
            Representante.objects.vigentes_en(self.fecha).con_oficio()
            .filter(institucion_id__in=institucion_ids).values_list("institucion_id", flat=True)
        )

    def requeridas_para_quorum(self, integrantes):
        """Integrantes needed for quorum out of ``integrantes`` (settings.SNIMH_QUORUM_FRACCION)."""
        return int(integrantes * settings.SNIMH_QUORUM_FRACCION) + 1 if integrantes else None

    def quorum(self):
        """Compute the quorum (see ``Quorum`` and settings.SNIMH_QUORUM_FRACCION)."""
        integrantes = self.total_integrantes
        if integrantes is None:
            integrantes = Institucion.objects.con_rol_en(Rol.INTEGRANTE, self.fecha).count() or None
        nombradas = [a for a in self.asistencias.all() if a.rol == Rol.INTEGRANTE]
        if nombradas:
            presentes = len(nombradas)
            acreditadas = len(self.acreditadas_entre([a.institucion_id for a in nombradas]))
        else:
            presentes = self.asistencia_por_rol().get(Rol.INTEGRANTE, 0)
            acreditadas = None
        return Quorum(integrantes, presentes, acreditadas, self.requeridas_para_quorum(integrantes))


# Tracked like the rest of the session: who presided is printed in the annual report, whose
# stored PDF is keyed on the history fingerprint (informes.selectors.clave_del_informe).
@pghistory.track(append_only=True)
class PersonaPresidium(models.Model):
    """A person who presided over a session."""

    sesion = models.ForeignKey(Sesion, on_delete=models.CASCADE, related_name="presidium", verbose_name=_("sesión"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=1)
    tratamiento = models.CharField(_("tratamiento"), max_length=20, blank=True, validators=[validar_sin_html])
    nombre = models.CharField(_("nombre"), max_length=255, validators=[validar_sin_html])
    cargo = models.CharField(_("cargo"), max_length=255, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("persona que preside")
        verbose_name_plural = _("presidium")
        ordering = ["sesion", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["sesion", "orden"], name="presidium_orden_unico"),
        ]

    def __str__(self):
        return " ".join(filter(None, [self.tratamiento, self.nombre])) + f", {self.cargo}"


@pghistory.track(append_only=True)
class PuntoOrdenDia(models.Model):
    """A numbered topic of a session's agenda, with the summary of what was presented."""

    sesion = models.ForeignKey(Sesion, on_delete=models.CASCADE, related_name="orden_del_dia", verbose_name=_("sesión"))
    numero = models.PositiveSmallIntegerField(_("número"))
    titulo = models.CharField(_("título"), max_length=500, validators=[validar_sin_html])
    resumen = models.TextField(_("resumen"), blank=True, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("punto del orden del día")
        verbose_name_plural = _("orden del día")
        ordering = ["sesion", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "numero"], name="punto_numero_unico",
                violation_error_message=_("Ese número ya está en el orden del día de la sesión."),
            ),
            models.CheckConstraint(condition=Q(numero__gte=1), name="punto_numero_positivo"),
        ]

    def __str__(self):
        return f"{self.numero}) {self.titulo}"


@pghistory.track(append_only=True)
class Asistencia(models.Model):
    """An institution present at a session, and the role it held that day."""

    sesion = models.ForeignKey(Sesion, on_delete=models.CASCADE, related_name="asistencias", verbose_name=_("sesión"))
    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="asistencias", verbose_name=_("institución"),
    )
    rol = models.CharField(
        _("rol"), max_length=30, choices=Rol.choices, blank=True,
        help_text=_("Vacío: se toma el rol que la institución tenía en la fecha de la sesión."),
    )
    representante = models.CharField(
        _("persona que asistió"), max_length=255, blank=True,
        help_text=_("Nombre y cargo de quien representó a la institución."),
        validators=[validar_sin_html],
    )
    persona_designada = models.ForeignKey(
        Representante, on_delete=models.PROTECT, null=True, blank=True, related_name="asistencias",
        verbose_name=_("persona designada que asistió"),
        help_text=_("La persona titular o suplente designada por oficio, si fue ella quien asistió."),
    )

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencia")
        ordering = ["sesion", "institucion__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "institucion"], name="asistencia_unica",
                violation_error_message=_("La institución ya está registrada en la asistencia de esta sesión."),
            ),
            choices_constraint("rol", Rol.choices, name="asistencia_rol_valido"),
        ]

    def __str__(self):
        return f"{self.institucion} · {self.get_rol_display()}"

    def clean(self):
        if not (self.sesion_id and self.institucion_id):
            return
        vigente = self.institucion.rol_en(self.sesion.fecha)
        if not self.rol:
            if vigente is None:
                raise ValidationError(
                    {"rol": _("La institución no tenía un rol en el SNIMH en esa fecha: indíquelo.")},
                    code="rol_requerido",
                )
            self.rol = vigente
        elif vigente is not None and vigente != self.rol:
            raise ValidationError(
                {"rol": _("%(institucion)s era «%(rol)s» en el SNIMH el %(fecha)s; no puede asistir como «%(otro)s».")
                 % {"institucion": self.institucion, "rol": Rol(vigente).label, "otro": Rol(self.rol).label,
                    "fecha": f"{self.sesion.fecha:%d/%m/%Y}"}},
                code="rol_distinto",
            )
        elif vigente is None and self.rol in ROLES_POR_DESIGNACION:
            # Membership and permanent invitations are granted (by agreement or by the
            # Reglas) and recorded as a Participacion; an institution without one on
            # that date can only attend as a guest, and does not count for quorum.
            raise ValidationError(
                {"rol": _("%(institucion)s no tenía el rol «%(rol)s» en el SNIMH el %(fecha)s: registre primero "
                          "su participación (con el acuerdo o fundamento que la otorga) o regístrela como invitada.")
                 % {"institucion": self.institucion, "rol": Rol(self.rol).label,
                    "fecha": f"{self.sesion.fecha:%d/%m/%Y}"}},
                code="rol_sin_registro",
            )
        if self.persona_designada_id:
            persona = self.persona_designada
            if persona.institucion_id != self.institucion_id or not persona.vigente_en(self.sesion.fecha):
                raise ValidationError(
                    {"persona_designada": _("La persona designada no representaba a esta institución en esa fecha.")},
                    code="persona_ajena",
                )
            if not self.representante:
                self.representante = persona.nombre_y_cargo


@pghistory.track(append_only=True)
class AsistenciaReportada(models.Model):
    """Attendance totals by role as reported for a session whose attendees are not named."""

    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="asistencia_reportada", verbose_name=_("sesión"),
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    total = models.PositiveSmallIntegerField(_("instituciones"))

    class Meta:
        verbose_name = _("total de asistencia reportado")
        verbose_name_plural = _("totales de asistencia reportados")
        ordering = ["sesion", "rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "rol"], name="asistencia_reportada_unica",
                violation_error_message=_("Ya hay un total registrado para ese rol en esta sesión."),
            ),
            choices_constraint("rol", Rol.choices, name="asistencia_reportada_rol_valido"),
        ]

    def __str__(self):
        return f"{self.get_rol_display()}: {self.total}"
