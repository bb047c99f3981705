"""The follow-up engine: a commitment (*compromiso*) of any kind — an agreement of the
plenary, a PROIGUALDAD action line, a recommendation — with its responsible institutions,
each followed up on its own record (status, progress reports, evidence, observations,
review, status history).

Each kind is a model of its own app that extends ``Compromiso`` (multi-table inheritance:
real foreign keys and constraints, no generic relations) and registers itself in
``compromisos.tipos``; the engine asks the kind, through that registry, what only the kind
knows (its label, its start date, who a group binds, who supervises it). This app imports
no kind.
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from instituciones.models import Institucion, Rol
from snimh.db import (
    MOTIVO_MAXIMO,
    VersionadoModel,
    choices_constraint,
    nombre_generado,
    texto_limitado,
    tope_de_texto,
)
from snimh.fechas import semaforo_de_plazo
from snimh.uploads import Formato
from snimh.validators import validar_sin_html

# Longest free texts: model validation, forms and API serializers read them from the fields,
# and a CHECK constraint holds them in the database.
OBSERVACION_MAXIMA = 5000
REPORTE_MAXIMO = 10000
COMENTARIO_MAXIMO = 5000


class Estatus(models.TextChoices):
    """Status of a commitment, or of one institution's compliance with it."""

    SIN_INICIAR = "sin_iniciar", _("Sin iniciar")
    EN_PROCESO = "en_proceso", _("En proceso")
    CUMPLIDO = "cumplido", _("Cumplido")
    SIN_MATERIA = "sin_materia", _("Sin materia")

    @classmethod
    def abiertos(cls):
        """Statuses under follow-up: the ones that can become overdue."""
        return [cls.SIN_INICIAR, cls.EN_PROCESO]

    @classmethod
    def tras_cifra(cls, valor, n):
        """The status as it reads after a count of agreements: «1 cumplido», «15 cumplidos»,
        «2 en proceso»."""
        formas = {
            cls.SIN_INICIAR: ngettext("sin iniciar", "sin iniciar", n),
            cls.EN_PROCESO: ngettext("en proceso", "en proceso", n),
            cls.CUMPLIDO: ngettext("cumplido", "cumplidos", n),
            cls.SIN_MATERIA: ngettext("sin materia", "sin materia", n),
        }
        return formas.get(valor, valor)


class TipoCompromiso(models.TextChoices):
    """The kinds of commitment the SNIMH follows up; each is implemented by one app."""

    ACUERDO = "acuerdo", _("Acuerdo")
    LINEA_DE_ACCION = "linea_accion", _("Línea de acción del PROIGUALDAD")
    RECOMENDACION_SEMESTRAL = "recomendacion_semestral", _("Recomendación semestral")
    RECOMENDACION_INTERNACIONAL = "recomendacion_internacional", _("Recomendación internacional")


def sin_acentos(texto):
    """``"Comisión"`` → ``"Comision"``: the search query, like the indexed texts, drops accents."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")


def dias_de_atraso(estatus, plazo, fecha):
    """Days past ``plazo`` on ``fecha`` of something with ``estatus`` (0 when closed, on time or
    without a deadline): the one rule of «vencido», for agreements and for each institution."""
    if estatus not in Estatus.abiertos() or plazo is None or plazo >= fecha:
        return 0
    return (fecha - plazo).days




class CompromisoQuerySet(models.QuerySet):
    def abiertos(self):
        """Commitments still under follow-up."""
        return self.filter(estatus__in=Estatus.abiertos())

    def vencidos(self, fecha=None):
        """Open commitments whose deadline has passed on ``fecha`` (default: today)."""
        fecha = fecha or timezone.localdate()
        return self.abiertos().filter(plazo_fecha__lt=fecha)

    def de_institucion(self, institucion):
        """Commitments where ``institucion`` has a follow-up record as responsible."""
        return self.filter(seguimientos__institucion=institucion).distinct()

    def buscar(self, texto):
        """Search the text ignoring case and accents.

        PostgreSQL: full-text search with the Spanish configuration over the
        unaccented text, so "cuidado" finds "cuidados" and "dialogo" finds "diálogo".
        Other databases (the SQLite of `make run`): a plain case-insensitive match.
        """
        texto = (texto or "").strip()
        if not texto:
            return self
        from django.db import connections

        if connections[self.db].vendor != "postgresql":
            return self.filter(texto__icontains=texto)
        from django.contrib.postgres.search import SearchQuery, SearchVector

        consulta = SearchQuery(sin_acentos(texto), config="spanish", search_type="websearch")
        # The same expression as the GIN index on the commitments' text: snimh_sin_acentos
        # is unaccent() declared IMMUTABLE, which PostgreSQL requires to index it.
        texto_indexado = models.Func(models.F("texto"), function="snimh_sin_acentos", output_field=models.TextField())
        return self.annotate(_busqueda=SearchVector(texto_indexado, config="spanish")).filter(_busqueda=consulta)


@pghistory.track(append_only=True)
class Compromiso(VersionadoModel):
    """Something institutions must do and the SNIMH follows up: the text, the deadline, the
    expected result and its overall status. Its kind (an agreement, an action line…) extends
    it with what is its own."""

    Tipo = TipoCompromiso

    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoCompromiso.choices, editable=False)
    texto = models.TextField(_("texto"), validators=[validar_sin_html])
    plazo_fecha = models.DateField(
        _("fecha límite"), null=True, blank=True,
        help_text=_("Fecha en que vence el plazo; vacía si no se fija uno calculable."),
    )
    plazo_texto = models.CharField(
        _("plazo (redacción)"), max_length=500, blank=True,
        help_text=_("El plazo como está redactado, p. ej. «quince días hábiles a partir de…»."),
        validators=[validar_sin_html],
    )
    meta = models.TextField(_("meta"), blank=True, validators=[validar_sin_html], help_text=_("Resultado esperado que acredita el cumplimiento."))
    estatus = models.CharField(
        _("estatus"), max_length=15, choices=Estatus.choices, default=Estatus.SIN_INICIAR,
        help_text=_("Lo establece la coordinación; cada cambio queda en el historial."),
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = CompromisoQuerySet.as_manager()

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["pk"]
        constraints = [
            choices_constraint("tipo", TipoCompromiso.choices, name="compromiso_tipo_valido"),
            choices_constraint("estatus", Estatus.choices, name="compromiso_estatus_valido"),
        ]
        indexes = [
            models.Index(fields=["estatus", "plazo_fecha"], name="compromiso_estatus_plazo_idx"),
            models.Index(fields=["tipo"], name="compromiso_tipo_idx"),
        ]

    def __str__(self):
        return self.etiqueta

    # What the kind knows ---------------------------------------------------------------

    @property
    def especifico(self):
        """The commitment as its kind: the ``Acuerdo``, the action line… (itself when it
        already is one)."""
        from . import tipos

        modelo = tipos.tipo(self.tipo).modelo
        return self if isinstance(self, modelo) else getattr(self, tipos.tipo(self.tipo).accesor)

    @property
    def etiqueta(self):
        """How a person names it: «Acuerdo 46:30/09/2020», «Línea de acción 1.1.1»."""
        return self.especifico.etiqueta_del_tipo

    @property
    def fecha_de_inicio(self):
        """From when it binds: nothing is reported, proven or due before this date."""
        return self.especifico.inicio_del_compromiso()

    def get_absolute_url(self):
        return self.especifico.get_absolute_url()

    def supervisoras(self):
        """Ids of the institutions whose officers follow the reports of every responsible
        institution and comment on them, without reviewing them (an action line's
        coordinating institution, a thematic table's chair)."""
        return set(self.especifico.instituciones_supervisoras())

    # Follow-up -------------------------------------------------------------------------

    def resumen_seguimientos(self):
        """Roll-up of the institutions' own statuses: ``{Estatus value: count}``, plus "total"."""
        # Iterates .all() so that a prefetched list (API detail) costs no query.
        conteo = dict.fromkeys(Estatus.values, 0)
        for seguimiento in self.seguimientos.all():
            conteo[seguimiento.estatus] += 1
        return {**conteo, "total": sum(conteo.values())}

    def avance_de_seguimientos(self):
        """Roll-up of progress: ``{"promedio": whole percent or None, "con_avance": records with a
        known progress, "total": records with matter}``. A record complied with counts 100 %;
        records without a reported progress are left out of the average, and said so."""
        valores = [s.avance_efectivo for s in self.seguimientos.all() if s.estatus != Estatus.SIN_MATERIA]
        conocidos = [v for v in valores if v is not None]
        return {
            "promedio": round(sum(conocidos) / len(conocidos)) if conocidos else None,
            "con_avance": len(conocidos),
            "total": len(valores),
        }

    @property
    def esta_abierto(self):
        return self.estatus in Estatus.abiertos()

    def dias_vencido(self, fecha=None):
        """Days past the deadline on ``fecha`` (0 when not overdue or closed)."""
        return dias_de_atraso(self.estatus, self.plazo_fecha, fecha or timezone.localdate())

    def esta_vencido(self, fecha=None):
        """Derived, never stored: open and past its deadline."""
        return self.dias_vencido(fecha) > 0

    def semaforo(self, fecha=None):
        """Traffic light of an open commitment with a deadline: ``"vencido"``, ``"proximo"``
        (due within the first reminder's window, settings.AVISOS_DIAS_ANTES) or
        ``"a_tiempo"``; None when closed or without a deadline."""
        if not self.esta_abierto or self.plazo_fecha is None:
            return None
        return semaforo_de_plazo(self.plazo_fecha, fecha or timezone.localdate())


class Grupo(models.TextChoices):
    """Groups a commitment can bind as a whole (who belongs to one is for the kind to say:
    for an agreement, the roles held on its session's date or the session's attendance)."""

    INTEGRANTES = "integrante", _("Todas las integrantes")
    INVITADAS_PERMANENTES = "invitada_permanente", _("Todas las invitadas permanentes")
    INVITADAS = "invitada", _("Todas las invitadas")
    COADYUVANTES = "coadyuvante", _("Todas las coadyuvantes")
    ASISTENTES = "asistentes", _("Todas las asistentes a la sesión")


# How a list names a group before its institutions: «Invitadas permanentes: CFE, INDESOL…».
NOMBRE_DEL_GRUPO = {
    Grupo.INTEGRANTES: _("Integrantes"),
    Grupo.INVITADAS_PERMANENTES: _("Invitadas permanentes"),
    Grupo.INVITADAS: _("Invitadas"),
    Grupo.COADYUVANTES: _("Coadyuvantes"),
    Grupo.ASISTENTES: _("Asistentes a la sesión"),
}

# The role each group names; «asistentes» is read from the session's attendance instead.
ROL_DEL_GRUPO = {
    Grupo.INTEGRANTES: Rol.INTEGRANTE,
    Grupo.INVITADAS_PERMANENTES: Rol.INVITADA_PERMANENTE,
    Grupo.INVITADAS: Rol.INVITADA,
    Grupo.COADYUVANTES: Rol.COADYUVANTE,
}


@pghistory.track(append_only=True)
class GrupoResponsable(models.Model):
    """A whole group bound by a commitment: every institution of a role, or every attendee."""

    Grupo = Grupo

    compromiso = models.ForeignKey(Compromiso, on_delete=models.CASCADE, related_name="grupos_responsables",
                                   verbose_name=_("compromiso"))
    grupo = models.CharField(_("grupo"), max_length=30, choices=Grupo.choices)

    class Meta:
        verbose_name = _("grupo responsable")
        verbose_name_plural = _("grupos responsables")
        ordering = ["compromiso", "grupo"]
        constraints = [
            models.UniqueConstraint(
                fields=["compromiso", "grupo"], name="grupo_responsable_unico",
                violation_error_message=_("Ese grupo ya figura como responsable."),
            ),
            choices_constraint("grupo", Grupo.choices, name="grupo_responsable_valido"),
        ]

    def __str__(self):
        return self.get_grupo_display()

    @property
    def nombre(self):
        """``"Invitadas permanentes"``: the group as a list heading names it."""
        return NOMBRE_DEL_GRUPO[Grupo(self.grupo)]

    def instituciones(self):
        """The institutions this group binds, as the commitment's kind reckons them."""
        return self.compromiso.especifico.instituciones_del_grupo(self.grupo)


class OrigenResponsabilidad(models.TextChoices):
    """Why an institution is responsible for a commitment."""

    NOMINAL = "nominal", _("Nombrada expresamente")
    GRUPO = "grupo", _("Por pertenecer a un grupo responsable")


def q_estatus_efectivo(estatus, prefijo=""):
    """Follow-up records whose *effective* status is ``estatus``: the institution's own
    status while the commitment is open; once coordination closes the commitment
    ("cumplido" or "sin materia") that status holds for every responsible institution.
    The official record classifies agreements, not institutions, so compliance rates
    count this. ``prefijo`` reaches the records from another model ("seguimientos__")."""
    cerrados = [Estatus.CUMPLIDO, Estatus.SIN_MATERIA]
    if estatus in cerrados:
        return Q(**{f"{prefijo}compromiso__estatus": estatus}) | (
            Q(**{f"{prefijo}estatus": estatus}) & ~Q(**{f"{prefijo}compromiso__estatus__in": cerrados})
        )
    return Q(**{f"{prefijo}estatus": estatus}) & ~Q(**{f"{prefijo}compromiso__estatus__in": cerrados})


def estatus_efectivo(estatus_del_compromiso, estatus_propio):
    """``q_estatus_efectivo`` for one record already read: the commitment's closing status
    («cumplido», «sin materia») holds for every institution; while open, the institution's own."""
    return estatus_del_compromiso if estatus_del_compromiso in (Estatus.CUMPLIDO, Estatus.SIN_MATERIA) else estatus_propio


def avance_efectivo(estatus, avance):
    """The progress that counts in roll-ups: 100 once complied with, else the confirmed percentage."""
    return 100 if estatus == Estatus.CUMPLIDO else avance


def conteos_de_cumplimiento(prefijo="", filtro=None):
    """Aggregates ``total`` (follow-up records with matter: a commitment "sin materia" asks
    nothing of anybody) and ``cumplidos``, by effective status. For ``annotate`` or
    ``aggregate``; ``prefijo`` as in ``q_estatus_efectivo``; ``filtro`` narrows the records
    counted (e.g. to the public agreements)."""
    filtro = filtro or Q()
    return {
        "total": models.Count(f"{prefijo}pk", filter=filtro & ~q_estatus_efectivo(Estatus.SIN_MATERIA, prefijo)),
        "cumplidos": models.Count(f"{prefijo}pk", filter=filtro & q_estatus_efectivo(Estatus.CUMPLIDO, prefijo)),
    }


def tasa_de_cumplimiento(cumplidos, total):
    """Whole percent, or None when there is nothing to comply with."""
    return round(100 * cumplidos / total) if total else None


class SeguimientoQuerySet(models.QuerySet):
    def de_institucion(self, institucion_id):
        """Records of one responsible institution."""
        return self.filter(institucion_id=institucion_id)

    def con_accion_pendiente(self):
        """Where the institution still has to act: the commitment is open and the
        institution has not complied yet (the officer's inbox, the reminders)."""
        return self.filter(compromiso__estatus__in=Estatus.abiertos(), estatus__in=Estatus.abiertos())

    def vencidos(self, fecha):
        """With action due and the commitment's deadline past on ``fecha``."""
        return self.con_accion_pendiente().filter(compromiso__plazo_fecha__lt=fecha)


@pghistory.track(append_only=True)
class Seguimiento(VersionadoModel):
    """One responsible institution of a commitment and its own compliance status."""

    Origen = OrigenResponsabilidad

    compromiso = models.ForeignKey(Compromiso, on_delete=models.CASCADE, related_name="seguimientos",
                                   verbose_name=_("compromiso"))
    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="seguimientos", verbose_name=_("institución"),
    )
    origen = models.CharField(_("origen"), max_length=10, choices=OrigenResponsabilidad.choices, default=OrigenResponsabilidad.NOMINAL)
    grupo = models.ForeignKey(
        GrupoResponsable, on_delete=models.PROTECT, null=True, blank=True, related_name="seguimientos",
        verbose_name=_("grupo que la obliga"),
        help_text=_("El grupo responsable por el que la institución quedó obligada; vacío si se le nombró."),
    )
    estatus = models.CharField(_("estatus"), max_length=15, choices=Estatus.choices, default=Estatus.SIN_INICIAR)
    avance = models.PositiveSmallIntegerField(
        _("avance (%)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Porcentaje de avance confirmado por la coordinación; vacío si no se ha reportado."),
    )
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = SeguimientoQuerySet.as_manager()

    class Meta:
        verbose_name = _("institución responsable")
        verbose_name_plural = _("instituciones responsables")
        ordering = ["compromiso", "institucion__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["compromiso", "institucion"], name="seguimiento_institucion_unica",
                violation_error_message=_("Esta institución ya figura como responsable."),
            ),
            choices_constraint("estatus", Estatus.choices, name="seguimiento_estatus_valido"),
            choices_constraint("origen", OrigenResponsabilidad.choices, name="seguimiento_origen_valido"),
            # A record bound by a group says which one; a named one has none.
            models.CheckConstraint(
                condition=(Q(origen="grupo") & Q(grupo__isnull=False)) | (~Q(origen="grupo") & Q(grupo__isnull=True)),
                name="seguimiento_grupo_segun_origen",
                violation_error_message=_("Un registro derivado de un grupo debe indicar el grupo, y solo esos lo indican."),
            ),
            models.CheckConstraint(
                condition=Q(avance__isnull=True) | Q(avance__lte=100), name="seguimiento_avance_porcentaje",
                violation_error_message=_("El avance es un porcentaje entre 0 y 100."),
            ),
        ]

    def __str__(self):
        return f"{self.compromiso.etiqueta} · {self.institucion}"

    def clean(self):
        if self.grupo_id and self.compromiso_id and self.grupo.compromiso_id != self.compromiso_id:
            raise ValidationError({"grupo": _("El grupo no pertenece a este compromiso.")}, code="grupo_ajeno")

    @property
    def avance_efectivo(self):
        """See ``avance_efectivo``."""
        return avance_efectivo(self.estatus_efectivo, self.avance)

    @property
    def estatus_efectivo(self):
        """See ``estatus_efectivo``: the commitment's closing status wins over the institution's."""
        return estatus_efectivo(self.compromiso.estatus, self.estatus)

    def dias_vencido(self, fecha=None):
        """Days this institution is late on ``fecha`` (0 when complied with, closed or on time)."""
        return dias_de_atraso(self.estatus_efectivo, self.compromiso.plazo_fecha, fecha or timezone.localdate())

    @property
    def vencido(self):
        return self.dias_vencido() > 0

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("compromisos:seguimiento", args=[self.pk])


class CambioEstatusQuerySet(models.QuerySet):
    def del_compromiso(self):
        """Changes of the commitment's own status (not of one institution's compliance)."""
        return self.filter(seguimiento__isnull=True)


@pghistory.track(append_only=True)
class CambioEstatus(models.Model):
    """One change of the status of a commitment, or of one responsible institution's
    compliance with it: when, why and who recorded it."""

    compromiso = models.ForeignKey(Compromiso, on_delete=models.CASCADE, related_name="historial_estatus",
                                   verbose_name=_("compromiso"))
    seguimiento = models.ForeignKey(
        Seguimiento, on_delete=models.CASCADE, null=True, blank=True, related_name="historial_estatus",
        verbose_name=_("institución"),
        help_text=_("Vacío: el estatus del compromiso. Con institución: el estatus de su cumplimiento."),
    )
    anterior = models.CharField(
        _("estatus anterior"), max_length=15, choices=Estatus.choices, blank=True,
        help_text=_("Vacío en el registro inicial."),
    )
    nuevo = models.CharField(_("estatus nuevo"), max_length=15, choices=Estatus.choices)
    fecha = models.DateField(_("fecha del cambio"))
    motivo = texto_limitado(_("motivo"), MOTIVO_MAXIMO)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("registrado por"),
    )
    registrado = models.DateTimeField(_("registrado"), auto_now_add=True)

    objects = CambioEstatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("cambio de estatus")
        verbose_name_plural = _("historial de estatus")
        ordering = ["compromiso", "fecha", "registrado", "pk"]
        indexes = [models.Index(fields=["seguimiento", "fecha"], name="cambio_estatus_seguimiento_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(anterior=models.F("nuevo")), name="cambio_estatus_distinto",
                violation_error_message=_("El estatus nuevo debe ser distinto del anterior."),
            ),
            models.CheckConstraint(condition=~Q(motivo=""), name="cambio_estatus_con_motivo"),
            tope_de_texto("motivo", MOTIVO_MAXIMO, name="cambio_estatus_motivo_tope"),
            choices_constraint("nuevo", Estatus.choices, name="cambio_estatus_nuevo_valido"),
            choices_constraint("anterior", [*Estatus.choices, ("", "")], name="cambio_estatus_anterior_valido"),
        ]

    def __str__(self):
        sujeto = self.compromiso.etiqueta
        if self.seguimiento_id is not None:
            sujeto = f"{sujeto} · {self.seguimiento.institucion}"
        return f"{sujeto}: {self.get_anterior_display() or '—'} → {self.get_nuevo_display()}"

    def clean(self):
        if self.seguimiento_id and self.compromiso_id and self.seguimiento.compromiso_id != self.compromiso_id:
            raise ValidationError({"seguimiento": _("La institución no es responsable de este compromiso.")}, code="ajeno")


class EstadoRevision(models.TextChoices):
    """Where coordination's review of a report or an evidence stands."""

    PENDIENTE = "pendiente", _("En revisión")
    ACEPTADO = "aceptado", _("Aceptado")
    DEVUELTO = "devuelto", _("Devuelto con observaciones")


def _revision_constraints(prefijo, campo_por, campo_en):
    # Pending items carry no reviewer; reviewed ones always say who and when.
    return models.CheckConstraint(
        condition=(Q(estado_revision="pendiente") & Q(**{f"{campo_por}__isnull": True}) & Q(**{f"{campo_en}__isnull": True}))
        | (~Q(estado_revision="pendiente") & Q(**{f"{campo_por}__isnull": False}) & Q(**{f"{campo_en}__isnull": False})),
        name=f"{prefijo}_revision_firmada",
    )


@pghistory.track(append_only=True)
class Observacion(models.Model):
    """Coordination's observation on an institution's follow-up, awaiting its answer."""

    seguimiento = models.ForeignKey(
        Seguimiento, on_delete=models.PROTECT, related_name="observaciones", verbose_name=_("seguimiento"),
    )
    texto = texto_limitado(_("observación"), OBSERVACION_MAXIMA)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autor"))
    creada = models.DateTimeField(_("fecha"), auto_now_add=True)
    evidencia = models.ForeignKey(
        "Evidencia", on_delete=models.PROTECT, null=True, blank=True, related_name="observaciones",
        verbose_name=_("evidencia observada"),
    )
    reporte = models.ForeignKey(
        "Reporte", on_delete=models.PROTECT, null=True, blank=True, related_name="observaciones",
        verbose_name=_("reporte observado"),
    )

    class Meta:
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        ordering = ["creada", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(texto=""), name="observacion_con_texto"),
            tope_de_texto("texto", OBSERVACION_MAXIMA, name="observacion_texto_tope"),
        ]

    def __str__(self):
        return _("Observación del %(fecha)s") % {"fecha": f"{timezone.localtime(self.creada):%d/%m/%Y}"}


class DecisionPropuesta(models.TextChoices):
    """What coordination decided about the status or progress an officer proposed."""

    CONFIRMADA = "confirmada", _("Confirmada")
    RECHAZADA = "rechazada", _("Rechazada")


class _RegistroDeSeguimientoQuerySet(models.QuerySet):
    """Records hanging from a follow-up record (reports, evidence)."""

    def compromisos_supervisados(self, institucion_id):
        """The commitments whose records ``institucion_id`` follows as supervisor
        (snimh/permisos.py decides what that lets its officers see)."""
        from . import tipos

        return tipos.compromisos_supervisados_por(institucion_id)


class ReporteQuerySet(_RegistroDeSeguimientoQuerySet):
    def por_revisar(self):
        """Reports waiting for coordination's review (the review queue, the digest)."""
        return self.filter(estado_revision=EstadoRevision.PENDIENTE)


@pghistory.track(append_only=True)
class Reporte(models.Model):
    """An institution's dated narrative of what it did about a commitment, optionally
    proposing a status («solicito dar por cumplido») and a progress percentage."""

    DecisionPropuesta = DecisionPropuesta

    seguimiento = models.ForeignKey(
        Seguimiento, on_delete=models.PROTECT, related_name="reportes", verbose_name=_("seguimiento"),
    )
    fecha = models.DateField(_("fecha del avance"), default=timezone.localdate)
    texto = texto_limitado(_("avance"), REPORTE_MAXIMO)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autor"))
    creado = models.DateTimeField(_("registrado"), auto_now_add=True)
    responde_a = models.ForeignKey(
        Observacion, on_delete=models.PROTECT, null=True, blank=True, related_name="reportes_respuesta",
        verbose_name=_("responde a la observación"),
    )
    estado_revision = models.CharField(
        _("revisión"), max_length=10, choices=EstadoRevision.choices, default=EstadoRevision.PENDIENTE,
    )
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("revisado por"),
    )
    revisado_en = models.DateTimeField(_("revisado"), null=True, blank=True)
    estatus_propuesto = models.CharField(
        _("estatus que propone"), max_length=15, blank=True,
        choices=[(Estatus.EN_PROCESO, _("En proceso")), (Estatus.CUMPLIDO, _("Cumplido (solicito dar por cumplido)"))],
        help_text=_("La coordinación lo confirma o lo rechaza al revisar el reporte."),
    )
    avance_propuesto = models.PositiveSmallIntegerField(
        _("avance que reporta (%)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Porcentaje de avance de la institución en este compromiso, de 0 a 100."),
    )
    decision_propuesta = models.CharField(
        _("decisión sobre la propuesta"), max_length=10, choices=DecisionPropuesta.choices, blank=True,
    )

    objects = ReporteQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["fecha", "creado", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(texto=""), name="reporte_con_texto"),
            tope_de_texto("texto", REPORTE_MAXIMO, name="reporte_texto_tope"),
            choices_constraint("estado_revision", EstadoRevision.choices, name="reporte_revision_valida"),
            _revision_constraints("reporte", "revisado_por", "revisado_en"),
            choices_constraint(
                "estatus_propuesto", [(Estatus.EN_PROCESO, ""), (Estatus.CUMPLIDO, ""), ("", "")],
                name="reporte_estatus_propuesto_valido",
            ),
            choices_constraint("decision_propuesta", [*DecisionPropuesta.choices, ("", "")],
                               name="reporte_decision_valida"),
            models.CheckConstraint(
                condition=Q(avance_propuesto__isnull=True) | Q(avance_propuesto__lte=100),
                name="reporte_avance_porcentaje",
                violation_error_message=_("El avance es un porcentaje entre 0 y 100."),
            ),
            # A proposal is decided exactly when the report is reviewed; no proposal, no decision.
            models.CheckConstraint(
                condition=(Q(estatus_propuesto="") & Q(avance_propuesto__isnull=True) & Q(decision_propuesta=""))
                | (Q(estado_revision="pendiente") & Q(decision_propuesta=""))
                | (~Q(estado_revision="pendiente") & ~Q(decision_propuesta="")
                   & (~Q(estatus_propuesto="") | Q(avance_propuesto__isnull=False))),
                name="reporte_propuesta_decidida_al_revisar",
            ),
        ]

    def __str__(self):
        return _("Reporte del %(fecha)s") % {"fecha": f"{self.fecha:%d/%m/%Y}"}

    @property
    def publicado(self):
        """Accepted reports are visible to every internal user; others only to their institution."""
        return self.estado_revision == EstadoRevision.ACEPTADO

    @property
    def tiene_propuesta(self):
        return bool(self.estatus_propuesto) or self.avance_propuesto is not None

    def clean(self):
        if self.fecha and self.fecha > timezone.localdate():
            raise ValidationError({"fecha": _("La fecha del avance no puede ser futura.")}, code="futura")
        if not (self.fecha and self.seguimiento_id):
            return
        especifico = self.seguimiento.compromiso.especifico
        inicio = especifico.inicio_del_compromiso()
        if self.fecha < inicio:
            raise ValidationError(
                {"fecha": _("La fecha del avance no puede ser anterior a %(inicio)s (%(fecha)s).")
                 % {"inicio": especifico.descripcion_del_inicio, "fecha": f"{inicio:%d/%m/%Y}"}},
                code="anterior_a_la_sesion",
            )


def ruta_evidencia(instancia, nombre_archivo):
    # A generated name, with the extension of the detected format: nothing the
    # user typed reaches the storage.
    return nombre_generado(f"evidencias/{timezone.localdate():%Y/%m}", f"evidencia.{instancia.formato}")


class EvidenciaQuerySet(_RegistroDeSeguimientoQuerySet):
    def por_revisar(self):
        """Evidence waiting for coordination's review: pending and not withdrawn."""
        return self.filter(estado_revision=EstadoRevision.PENDIENTE, retirada=False)


@pghistory.track(append_only=True)
class Evidencia(models.Model):
    """A file an institution sends to prove its progress; withdrawn, never deleted."""

    seguimiento = models.ForeignKey(
        Seguimiento, on_delete=models.PROTECT, related_name="evidencias", verbose_name=_("seguimiento"),
    )
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia, max_length=255)
    nombre_original = models.CharField(
        _("nombre del archivo"), max_length=150, help_text=_("Solo para mostrar; el archivo se guarda con otro nombre."),
        validators=[validar_sin_html],
    )
    formato = models.CharField(_("formato"), max_length=5, choices=Formato.choices)
    tamano = models.PositiveBigIntegerField(_("tamaño (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    descripcion = models.CharField(_("descripción"), max_length=500, blank=True, validators=[validar_sin_html])
    subida_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("subida por"))
    subida_en = models.DateTimeField(_("subida"), auto_now_add=True)
    responde_a = models.ForeignKey(
        Observacion, on_delete=models.PROTECT, null=True, blank=True, related_name="evidencias_respuesta",
        verbose_name=_("responde a la observación"),
    )
    estado_revision = models.CharField(
        _("revisión"), max_length=10, choices=EstadoRevision.choices, default=EstadoRevision.PENDIENTE,
    )
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("revisada por"),
    )
    revisada_en = models.DateTimeField(_("revisada"), null=True, blank=True)
    retirada = models.BooleanField(_("retirada"), default=False)
    retirada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("retirada por"),
    )
    retirada_en = models.DateTimeField(_("fecha de retiro"), null=True, blank=True)
    motivo_retiro = texto_limitado(_("motivo del retiro"), MOTIVO_MAXIMO, blank=True)

    objects = EvidenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["subida_en", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(tamano__gt=0), name="evidencia_no_vacia"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="evidencia_sha256_valido"),
            choices_constraint("formato", Formato.choices, name="evidencia_formato_valido"),
            choices_constraint("estado_revision", EstadoRevision.choices, name="evidencia_revision_valida"),
            _revision_constraints("evidencia", "revisada_por", "revisada_en"),
            tope_de_texto("motivo_retiro", MOTIVO_MAXIMO, name="evidencia_motivo_retiro_tope"),
            # A withdrawal always says who, when and why.
            models.CheckConstraint(
                condition=Q(retirada=False, retirada_por__isnull=True, retirada_en__isnull=True, motivo_retiro="")
                | (Q(retirada=True, retirada_por__isnull=False, retirada_en__isnull=False) & ~Q(motivo_retiro="")),
                name="evidencia_retiro_firmado",
            ),
        ]
        indexes = [models.Index(fields=["estado_revision", "subida_en"], name="evidencia_revision_idx")]

    def __str__(self):
        return self.nombre_original

    def clean(self):
        if not self.seguimiento_id:
            return
        subida = timezone.localdate(self.subida_en) if self.subida_en else timezone.localdate()
        especifico = self.seguimiento.compromiso.especifico
        inicio = especifico.inicio_del_compromiso()
        if subida < inicio:
            raise ValidationError(
                _("No se reciben evidencias antes de %(inicio)s (%(fecha)s).")
                % {"inicio": especifico.descripcion_del_inicio, "fecha": f"{inicio:%d/%m/%Y}"},
                code="anterior_a_la_sesion",
            )

    def get_download_url(self):
        from django.urls import reverse

        return reverse("compromisos:evidencia_descargar", args=[self.pk])


@pghistory.track(append_only=True)
class Comentario(models.Model):
    """A supervising institution's comment on a responsible institution's report (the
    coordinating institution of an action line, the chair of a thematic table): it
    strengthens the work without deciding on it — only coordination accepts or returns."""

    reporte = models.ForeignKey(Reporte, on_delete=models.PROTECT, related_name="comentarios",
                                verbose_name=_("reporte"))
    texto = texto_limitado(_("comentario"), COMENTARIO_MAXIMO)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("autor"))
    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="+", verbose_name=_("institución que comenta"),
        help_text=_("La institución supervisora en cuyo nombre se comenta."),
    )
    creado = models.DateTimeField(_("fecha"), auto_now_add=True)

    class Meta:
        verbose_name = _("comentario")
        verbose_name_plural = _("comentarios")
        ordering = ["creado", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(texto=""), name="comentario_con_texto"),
            tope_de_texto("texto", COMENTARIO_MAXIMO, name="comentario_texto_tope"),
        ]

    def __str__(self):
        return _("Comentario del %(fecha)s") % {"fecha": f"{timezone.localtime(self.creado):%d/%m/%Y}"}
