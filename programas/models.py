"""The PROIGUALDAD (and any programme published the same way): programme → objectives →
priority strategies → action lines (*acciones puntuales*). An action line is one kind of
commitment of the follow-up engine (``compromisos``): its implementing institutions
(*instrumentadoras*) each get a follow-up record, and its coordinating institution follows
their reports and comments on them (``instituciones_supervisoras``)."""

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compromisos.models import Compromiso, CompromisoQuerySet, TipoCompromiso
from instituciones.models import Institucion
from snimh.db import choices_constraint
from snimh.texto import recortar
from snimh.validators import validar_sin_html


@pghistory.track(append_only=True)
class Programa(models.Model):
    """A programme whose objectives agreements align to and whose action lines are followed up
    (SNIMH, PROIGUALDAD…)."""

    clave = models.SlugField(
        _("clave"), max_length=50, unique=True, allow_unicode=False,
        help_text=_("Identificador corto, p. ej. «PROIGUALDAD-2020-2024»."),
        error_messages={"unique": _("Ya existe un programa con esta clave.")},
    )
    nombre = models.CharField(_("nombre"), max_length=255, validators=[validar_sin_html])
    vigente = models.BooleanField(_("vigente"), default=True)
    fecha_publicacion = models.DateField(
        _("fecha de publicación"), null=True, blank=True,
        help_text=_("Fecha de publicación en el DOF (el PROIGUALDAD 2020-2024: 22/12/2020). Desde ella se "
                    "reciben reportes de sus líneas de acción."),
    )

    class Meta:
        verbose_name = _("programa")
        verbose_name_plural = _("programas")
        ordering = ["clave"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("programas:detalle", args=[self.clave])


# Characters of an objective's label in selects and lists (the full text is on the
# agreement's page and in the option's title).
LARGO_ETIQUETA_OBJETIVO = 100


@pghistory.track(append_only=True)
class Objetivo(models.Model):
    """An objective of a programme («Objetivo prioritario 1»)."""

    programa = models.ForeignKey(Programa, on_delete=models.PROTECT, related_name="objetivos", verbose_name=_("programa"))

    # What __str__ reads, loaded with it wherever objectives are named in bulk (the timeline).
    relacionados_para_nombrar = ("programa",)
    numero = models.PositiveSmallIntegerField(_("número"))
    texto = models.TextField(_("texto"), validators=[validar_sin_html])

    class Meta:
        verbose_name = _("objetivo")
        verbose_name_plural = _("objetivos")
        ordering = ["programa__clave", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["programa", "numero"], name="objetivo_numero_unico",
                violation_error_message=_("El programa ya tiene un objetivo con ese número."),
            ),
        ]

    def __str__(self):
        # Selects and admin lists need it short: cut at a word, never inside one.
        return recortar(self.etiqueta_completa, LARGO_ETIQUETA_OBJETIVO)

    def get_absolute_url(self):
        return reverse("programas:objetivo", args=[self.programa.clave, self.numero])

    @property
    def etiqueta_completa(self):
        """``"SNIMH · 1. Promover la igualdad…"`` with the whole text."""
        return f"{self.programa.clave} · {self.numero}. {self.texto}"

    @property
    def recortado(self):
        """Whether ``str(self)`` leaves part of the text out."""
        return str(self) != self.etiqueta_completa


# Numbers as the programme publishes them: strategy «1.2», action line «1.2.3».
PATRON_ESTRATEGIA = r"^[1-9][0-9]*\.[1-9][0-9]*$"
PATRON_LINEA = r"^[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*$"


def clave_de_orden(numero):
    """``"1.10.2"`` → ``(1, 10, 2)``: published numbers sort as numbers, not as text."""
    return tuple(int(parte) for parte in numero.split("."))


@pghistory.track(append_only=True)
class Estrategia(models.Model):
    """A priority strategy of an objective («Estrategia prioritaria 1.1»)."""

    objetivo = models.ForeignKey(Objetivo, on_delete=models.PROTECT, related_name="estrategias",
                                 verbose_name=_("objetivo"))
    numero = models.CharField(
        _("número"), max_length=10,
        validators=[RegexValidator(PATRON_ESTRATEGIA, _("Escriba el número como se publicó, p. ej. «1.2»."),
                                   code="numero_estrategia")],
        help_text=_("Como se publicó: número del objetivo, punto, número de la estrategia (p. ej. «1.2»)."),
    )
    texto = models.TextField(_("texto"), validators=[validar_sin_html])

    class Meta:
        verbose_name = _("estrategia prioritaria")
        verbose_name_plural = _("estrategias prioritarias")
        ordering = ["objetivo__programa__clave", "objetivo__numero", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["objetivo", "numero"], name="estrategia_numero_unico",
                violation_error_message=_("El objetivo ya tiene una estrategia con ese número."),
            ),
            models.CheckConstraint(condition=Q(numero__regex=PATRON_ESTRATEGIA), name="estrategia_numero_publicado",
                                   violation_error_message=_("Escriba el número como se publicó, p. ej. «1.2».")),
            models.CheckConstraint(condition=~Q(texto=""), name="estrategia_con_texto"),
        ]

    def __str__(self):
        return recortar(f"{self.numero}. {self.texto}", LARGO_ETIQUETA_OBJETIVO)

    def get_absolute_url(self):
        return reverse("programas:estrategia", args=[self.objetivo.programa.clave, self.numero])

    def clean(self):
        if self.objetivo_id and self.numero and not self.numero.startswith(f"{self.objetivo.numero}."):
            raise ValidationError(
                {"numero": _("La estrategia %(numero)s no pertenece al objetivo %(objetivo)s: su número debe "
                             "empezar por «%(objetivo)s.».") % {"numero": self.numero, "objetivo": self.objetivo.numero}},
                code="fuera_del_objetivo",
            )


class TipoAccion(models.TextChoices):
    """How the programme classes an action line (its «tipo de acción puntual»)."""

    GENERAL = "general", _("General")
    ESPECIFICA = "especifica", _("Específica")
    COORDINACION = "coordinacion", _("De coordinación")


class LineaAccionQuerySet(CompromisoQuerySet):
    def del_programa(self, programa):
        """Lines of one programme."""
        return self.filter(estrategia__objetivo__programa=programa)

    def ordenadas(self):
        """In published order (1.1.1, 1.1.2 … 1.10.1), not in text order."""
        return self.order_by("estrategia__objetivo__numero", "orden_estrategia", "orden_linea")


# The commitment it extends keeps its own events (Compromiso.events); these are the line's.
@pghistory.track(append_only=True, obj_field=pghistory.ObjForeignKey(related_name="eventos_de_la_linea"))
class LineaAccion(Compromiso):
    """An action line (*acción puntual*) of a priority strategy. Its text, deadline, goal and
    status are those of the commitment it is; each implementing institution is a follow-up
    record of that commitment."""

    TIPO = TipoCompromiso.LINEA_DE_ACCION

    compromiso_ptr = models.OneToOneField(
        Compromiso, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False,
        related_name="linea_accion",
    )
    estrategia = models.ForeignKey(Estrategia, on_delete=models.PROTECT, related_name="lineas",
                                   verbose_name=_("estrategia prioritaria"))
    numero = models.CharField(
        _("número"), max_length=14,
        validators=[RegexValidator(PATRON_LINEA, _("Escriba el número como se publicó, p. ej. «1.2.3»."),
                                   code="numero_linea")],
        help_text=_("Como se publicó: estrategia, punto, número de la acción (p. ej. «1.2.3»)."),
    )
    # The published order, as numbers (1.10 after 1.9), kept by save() from ``numero``.
    orden_estrategia = models.PositiveSmallIntegerField(editable=False, default=0)
    orden_linea = models.PositiveSmallIntegerField(editable=False, default=0)
    tipo_accion = models.CharField(_("tipo de acción"), max_length=15, choices=TipoAccion.choices)
    coordinadora = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="lineas_coordinadas",
        verbose_name=_("dependencia o entidad coordinadora"),
        help_text=_("Sigue los reportes de las instrumentadoras de la línea y los comenta; no los acepta ni los "
                    "devuelve."),
    )

    objects = LineaAccionQuerySet.as_manager()

    class Meta:
        verbose_name = _("línea de acción")
        verbose_name_plural = _("líneas de acción")
        ordering = ["estrategia__objetivo__programa__clave", "estrategia__objetivo__numero", "orden_estrategia",
                    "orden_linea"]
        constraints = [
            models.UniqueConstraint(
                fields=["estrategia", "numero"], name="linea_accion_numero_unico",
                violation_error_message=_("La estrategia ya tiene una línea de acción con ese número."),
            ),
            models.CheckConstraint(condition=Q(numero__regex=PATRON_LINEA), name="linea_accion_numero_publicado",
                                   violation_error_message=_("Escriba el número como se publicó, p. ej. «1.2.3».")),
            choices_constraint("tipo_accion", TipoAccion.choices, name="linea_accion_tipo_valido"),
        ]

    def __str__(self):
        return self.etiqueta_del_tipo

    def save(self, *args, **kwargs):
        if self.numero:
            _objetivo, self.orden_estrategia, self.orden_linea = clave_de_orden(self.numero)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.estrategia_id and self.numero and not self.numero.startswith(f"{self.estrategia.numero}."):
            raise ValidationError(
                {"numero": _("La línea de acción %(numero)s no pertenece a la estrategia %(estrategia)s: su número "
                             "debe empezar por «%(estrategia)s.».")
                 % {"numero": self.numero, "estrategia": self.estrategia.numero}},
                code="fuera_de_la_estrategia",
            )

    # What the follow-up engine asks every kind (compromisos.tipos) ----------------------

    @property
    def etiqueta_del_tipo(self):
        return _("Línea de acción %(numero)s") % {"numero": self.numero}

    @property
    def del_compromiso(self):
        return _("de la línea de acción %(numero)s") % {"numero": self.numero}

    @property
    def programa(self):
        return self.estrategia.objetivo.programa

    def inicio_del_compromiso(self):
        """The programme's publication; before it is recorded, the day the line was."""
        publicado = self.programa.fecha_publicacion
        if publicado:
            return publicado
        return timezone.localdate(self.creado) if self.creado else timezone.localdate()

    @property
    def descripcion_del_inicio(self):
        if self.programa.fecha_publicacion:
            return _("la publicación del programa")
        return _("el registro de la línea de acción")

    def instituciones_del_grupo(self, grupo):
        raise ValidationError(_("Las líneas de acción no obligan a grupos: nombre a cada institución instrumentadora."),
                              code="sin_grupos")

    def instituciones_supervisoras(self):
        return (self.coordinadora_id,)

    @classmethod
    def supervisados_por(cls, institucion_id):
        return cls.objects.filter(coordinadora_id=institucion_id)

    def fuentes_del_historial(self):
        """The line's own table in its timeline: its number, strategy, type and coordinating
        institution."""
        from django.apps import apps

        return [(LineaAccion, apps.get_model("programas", "LineaAccionEvent"), models.Q(pgh_obj_id=self.pk))]

    def get_absolute_url(self):
        return reverse("programas:linea", args=[self.programa.clave, self.numero])



# Semaforización (agreement 41; Figure 1 of the 2020 report) ------------------------------
# The official criteria and thresholds are not in the reference: coordination edits them,
# and until it does, the matrix says it is the system's default.

ESCALA_TOPE = 10  # the largest scale a criterion may use (the database's bound too)


class MatrizSemaforo(models.Model):
    """A programme's matrix: the scale of its criteria and whether it is still the default."""

    programa = models.OneToOneField(Programa, on_delete=models.CASCADE, related_name="matriz_semaforo",
                                    verbose_name=_("programa"))
    escala_minima = models.PositiveSmallIntegerField(_("puntaje mínimo de cada criterio"), default=1)
    escala_maxima = models.PositiveSmallIntegerField(
        _("puntaje máximo de cada criterio"), default=3,
        help_text=_("Cada criterio se califica de este mínimo a este máximo (a lo más %(tope)s).")
        % {"tope": ESCALA_TOPE})
    predeterminada = models.BooleanField(
        _("predeterminada"), default=True, editable=False,
        help_text=_("Criterios, escala y umbrales propuestos por el sistema, no oficiales, hasta que la coordinación "
                    "los edite."))
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("matriz de semaforización")
        verbose_name_plural = _("matrices de semaforización")
        constraints = [
            models.CheckConstraint(
                condition=Q(escala_minima__lt=models.F("escala_maxima")) & Q(escala_maxima__lte=ESCALA_TOPE),
                name="matriz_escala_valida",
                violation_error_message=_("El puntaje mínimo debe ser menor que el máximo, y el máximo a lo más "
                                          "%(tope)s.") % {"tope": ESCALA_TOPE}),
        ]

    def __str__(self):
        return _("Matriz de semaforización de %(programa)s") % {"programa": self.programa.clave}


class CriterioSemaforo(models.Model):
    """One criterion of the matrix (the reference grades complexity on five)."""

    matriz = models.ForeignKey(MatrizSemaforo, on_delete=models.CASCADE, related_name="criterios",
                               verbose_name=_("matriz"))
    orden = models.PositiveSmallIntegerField(_("orden"))
    nombre = models.CharField(_("nombre"), max_length=120, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("criterio de semaforización")
        verbose_name_plural = _("criterios de semaforización")
        ordering = ["matriz", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["matriz", "orden"], name="criterio_orden_unico",
                                    violation_error_message=_("Ya hay un criterio en ese orden.")),
            models.CheckConstraint(condition=~Q(nombre=""), name="criterio_con_nombre"),
        ]

    def __str__(self):
        return self.nombre


PATRON_COLOR = r"^#[0-9a-fA-F]{6}$"


class NivelSemaforo(models.Model):
    """A level of complexity: the lines whose total reaches ``puntaje_minimo`` (and not the next
    level's) are in it."""

    matriz = models.ForeignKey(MatrizSemaforo, on_delete=models.CASCADE, related_name="niveles",
                               verbose_name=_("matriz"))
    nombre = models.CharField(_("nombre"), max_length=60, validators=[validar_sin_html])
    puntaje_minimo = models.PositiveSmallIntegerField(
        _("desde el puntaje total"), help_text=_("Suma mínima de los criterios para quedar en este nivel."))
    color = models.CharField(
        _("color"), max_length=7, default="#2e7d32",
        validators=[RegexValidator(PATRON_COLOR, _("Escriba el color en hexadecimal, p. ej. «#2e7d32»."),
                                   code="color")])
    alta_factibilidad = models.BooleanField(
        _("cuenta como alta factibilidad"), default=False,
        help_text=_("Las líneas de este nivel cuentan en el porcentaje de «alta factibilidad»."))

    class Meta:
        verbose_name = _("nivel de semaforización")
        verbose_name_plural = _("niveles de semaforización")
        ordering = ["matriz", "puntaje_minimo"]
        constraints = [
            models.UniqueConstraint(fields=["matriz", "puntaje_minimo"], name="nivel_umbral_unico",
                                    violation_error_message=_("Dos niveles no pueden empezar en el mismo puntaje.")),
            models.CheckConstraint(condition=Q(color__regex=PATRON_COLOR), name="nivel_color_hexadecimal",
                                   violation_error_message=_("Escriba el color en hexadecimal, p. ej. «#2e7d32».")),
            models.CheckConstraint(condition=~Q(nombre=""), name="nivel_con_nombre"),
        ]

    def __str__(self):
        return self.nombre


class EstadoPuntaje(models.TextChoices):
    PROPUESTO = "propuesto", _("Propuesto")
    VALIDADO = "validado", _("Validado")


@pghistory.track(append_only=True)
class PuntajeLinea(models.Model):
    """The score of one action line on one criterion: proposed by an officer of the line's
    institutions (agreement 41), validated by coordination."""

    Estado = EstadoPuntaje

    linea = models.ForeignKey(LineaAccion, on_delete=models.CASCADE, related_name="puntajes",
                              verbose_name=_("línea de acción"))
    criterio = models.ForeignKey(CriterioSemaforo, on_delete=models.CASCADE, related_name="puntajes",
                                 verbose_name=_("criterio"))
    valor = models.PositiveSmallIntegerField(_("puntaje"))
    estado = models.CharField(_("estado"), max_length=10, choices=EstadoPuntaje.choices,
                              default=EstadoPuntaje.PROPUESTO)
    propuesto_por = models.ForeignKey("cuentas.Usuario", on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("propuesto por"))
    propuesto_en = models.DateTimeField(_("propuesto"), auto_now=True)
    validado_por = models.ForeignKey("cuentas.Usuario", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("validado por"))
    validado_en = models.DateTimeField(_("validado"), null=True, blank=True)

    class Meta:
        verbose_name = _("puntaje de una línea de acción")
        verbose_name_plural = _("puntajes de líneas de acción")
        ordering = ["linea", "criterio__orden"]
        constraints = [
            models.UniqueConstraint(fields=["linea", "criterio"], name="puntaje_unico_por_criterio",
                                    violation_error_message=_("La línea ya tiene un puntaje en ese criterio.")),
            models.CheckConstraint(condition=Q(valor__lte=ESCALA_TOPE), name="puntaje_dentro_del_tope",
                                   violation_error_message=_("El puntaje excede la escala.")),
            choices_constraint("estado", EstadoPuntaje.choices, name="puntaje_estado_valido"),
            # Validated scores say who validated them and when; proposals do not.
            models.CheckConstraint(
                condition=(Q(estado="validado") & Q(validado_por__isnull=False) & Q(validado_en__isnull=False))
                | (Q(estado="propuesto") & Q(validado_por__isnull=True) & Q(validado_en__isnull=True)),
                name="puntaje_validacion_firmada"),
        ]

    def __str__(self):
        return f"{self.linea.numero} · {self.criterio}: {self.valor}"

    def clean(self):
        if self.criterio_id and self.valor is not None:
            matriz = self.criterio.matriz
            if not matriz.escala_minima <= self.valor <= matriz.escala_maxima:
                raise ValidationError(
                    {"valor": _("El puntaje debe estar entre %(min)s y %(max)s.")
                     % {"min": matriz.escala_minima, "max": matriz.escala_maxima}}, code="fuera_de_escala")
        if self.criterio_id and self.linea_id and self.criterio.matriz.programa_id != self.linea.programa.pk:
            raise ValidationError(_("El criterio no es de la matriz del programa de la línea."), code="otra_matriz")


# Work plans (agreement 49) and progress -------------------------------------------------


@pghistory.track(append_only=True)
class PlanDeTrabajo(models.Model):
    """An implementing institution's work plan for one action line: its activities, and the
    indicator (with its goal) by which it measures its progress, if it has one."""

    seguimiento = models.OneToOneField("compromisos.Seguimiento", on_delete=models.PROTECT,
                                       related_name="plan_de_trabajo", verbose_name=_("seguimiento"))
    indicador = models.CharField(_("indicador"), max_length=200, blank=True, validators=[validar_sin_html],
                                 help_text=_("Opcional: lo que la institución mide, p. ej. «personas capacitadas»."))
    meta_indicador = models.DecimalField(_("meta del indicador"), max_digits=14, decimal_places=2, null=True,
                                         blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("plan de trabajo")
        verbose_name_plural = _("planes de trabajo")
        constraints = [
            # An indicator and its goal come together, and the goal is positive.
            models.CheckConstraint(
                condition=(Q(indicador="") & Q(meta_indicador__isnull=True))
                | (~Q(indicador="") & Q(meta_indicador__isnull=False) & Q(meta_indicador__gt=0)),
                name="plan_indicador_con_meta",
                violation_error_message=_("Un indicador necesita una meta mayor que cero, y una meta su indicador.")),
        ]

    def __str__(self):
        return _("Plan de trabajo de %(inst)s · %(linea)s") % {
            "inst": self.seguimiento.institucion, "linea": self.seguimiento.compromiso.etiqueta}

    def clean(self):
        if self.seguimiento_id and self.seguimiento.compromiso.tipo != TipoCompromiso.LINEA_DE_ACCION:
            raise ValidationError(_("Los planes de trabajo son de las líneas de acción."), code="no_es_linea")
        if bool(self.indicador.strip()) != (self.meta_indicador is not None):
            raise ValidationError(_("Un indicador necesita una meta mayor que cero, y una meta su indicador."),
                                  code="indicador_sin_meta")

    def porcentaje_del_indicador(self, valor):
        """The percentage a value of the indicator is of its goal (capped at 100), or None."""
        if valor is None or not self.meta_indicador:
            return None
        return min(100, round(100 * valor / self.meta_indicador))


@pghistory.track(append_only=True)
class Actividad(models.Model):
    """A planned activity of a work plan, with its dates and expected product."""

    plan = models.ForeignKey(PlanDeTrabajo, on_delete=models.CASCADE, related_name="actividades",
                             verbose_name=_("plan de trabajo"))
    descripcion = models.CharField(_("actividad"), max_length=500, validators=[validar_sin_html])
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("término"))
    producto_esperado = models.CharField(_("producto esperado"), max_length=300, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")
        ordering = ["plan", "fecha_inicio", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fecha_fin__gte=models.F("fecha_inicio")), name="actividad_fechas_en_orden",
                                   violation_error_message=_("La actividad no puede terminar antes de empezar.")),
            models.CheckConstraint(condition=~Q(descripcion="") & ~Q(producto_esperado=""),
                                   name="actividad_con_textos"),
        ]

    def __str__(self):
        return self.descripcion

    def clean(self):
        if self.fecha_inicio and self.fecha_fin and self.fecha_fin < self.fecha_inicio:
            raise ValidationError({"fecha_fin": _("La actividad no puede terminar antes de empezar.")},
                                  code="fechas_invertidas")


@pghistory.track(append_only=True)
class AvanceDeLinea(models.Model):
    """What an engine report says of a line's work plan: the activity it reports on and, when
    the plan has an indicator, the indicator's value reached (quantitative progress; the
    report's text is the qualitative one)."""

    reporte = models.OneToOneField("compromisos.Reporte", on_delete=models.PROTECT, related_name="avance_de_linea",
                                   verbose_name=_("reporte"))
    actividad = models.ForeignKey(Actividad, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="avances", verbose_name=_("actividad del plan"))
    valor_indicador = models.DecimalField(_("valor alcanzado del indicador"), max_digits=14, decimal_places=2,
                                          null=True, blank=True)

    class Meta:
        verbose_name = _("avance en el plan de trabajo")
        verbose_name_plural = _("avances en planes de trabajo")
        constraints = [
            models.CheckConstraint(condition=Q(valor_indicador__isnull=True) | Q(valor_indicador__gte=0),
                                   name="avance_indicador_no_negativo",
                                   violation_error_message=_("El valor del indicador no puede ser negativo.")),
        ]

    def __str__(self):
        return str(self.reporte)

    def clean(self):
        if self.actividad_id and self.reporte_id and self.actividad.plan.seguimiento_id != self.reporte.seguimiento_id:
            raise ValidationError({"actividad": _("La actividad no es del plan de trabajo de esta institución.")},
                                  code="actividad_ajena")


# Semiannual recommendations -----------------------------------------------------------


class Semestre(models.IntegerChoices):
    PRIMERO = 1, _("enero–junio")
    SEGUNDO = 2, _("julio–diciembre")


@pghistory.track(append_only=True)
class ConjuntoRecomendaciones(models.Model):
    """The recommendations coordination issues to one institution for one semester, to
    reorient or strengthen its work on its action lines; e-mailed to its officers, who
    acknowledge it."""

    institucion = models.ForeignKey(Institucion, on_delete=models.PROTECT, related_name="recomendaciones_semestrales",
                                    verbose_name=_("institución"))
    anio = models.PositiveSmallIntegerField(_("año"))
    semestre = models.PositiveSmallIntegerField(_("semestre"), choices=Semestre.choices)
    fecha = models.DateField(_("fecha"))
    autor = models.ForeignKey("cuentas.Usuario", on_delete=models.PROTECT, related_name="+", verbose_name=_("autor"))
    enviado_en = models.DateTimeField(_("enviado por correo"), null=True, blank=True)
    acuse_en = models.DateTimeField(_("acuse de recibo"), null=True, blank=True)
    acuse_por = models.ForeignKey("cuentas.Usuario", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("acusó recibo"))

    class Meta:
        verbose_name = _("recomendaciones semestrales")
        verbose_name_plural = _("recomendaciones semestrales")
        ordering = ["-anio", "-semestre", "institucion__nombre"]
        constraints = [
            models.UniqueConstraint(fields=["institucion", "anio", "semestre"], name="recomendaciones_una_por_semestre",
                                    violation_error_message=_("La institución ya tiene recomendaciones de ese "
                                                              "semestre.")),
            models.CheckConstraint(condition=Q(semestre__in=[1, 2]), name="recomendaciones_semestre_valido"),
            models.CheckConstraint(condition=Q(anio__gte=2000) & Q(anio__lte=2100), name="recomendaciones_anio_valido"),
            # An acknowledgement says who and when, and only of what was sent.
            models.CheckConstraint(
                condition=(Q(acuse_en__isnull=True) & Q(acuse_por__isnull=True))
                | (Q(acuse_en__isnull=False) & Q(acuse_por__isnull=False) & Q(enviado_en__isnull=False)),
                name="recomendaciones_acuse_firmado"),
        ]

    def __str__(self):
        return _("Recomendaciones %(anio)s-%(s)s a %(inst)s") % {
            "anio": self.anio, "s": self.semestre, "inst": self.institucion.siglas or self.institucion.nombre}

    def get_absolute_url(self):
        return reverse("programas:recomendaciones_detalle", args=[self.pk])

    @property
    def periodo(self):
        """«2021, enero–junio»."""
        return f"{self.anio}, {Semestre(self.semestre).label}"


@pghistory.track(append_only=True, obj_field=pghistory.ObjForeignKey(related_name="eventos_de_la_recomendacion"))
class RecomendacionSemestral(Compromiso):
    """One recommendation of a semester's set, tied to an action line: a commitment of the
    institution, followed up on its follow-up record until attended."""

    TIPO = TipoCompromiso.RECOMENDACION_SEMESTRAL

    compromiso_ptr = models.OneToOneField(
        Compromiso, on_delete=models.CASCADE, parent_link=True, primary_key=True, serialize=False,
        related_name="recomendacion_semestral",
    )
    conjunto = models.ForeignKey(ConjuntoRecomendaciones, on_delete=models.PROTECT, related_name="recomendaciones",
                                 verbose_name=_("recomendaciones del semestre"))
    numero = models.PositiveSmallIntegerField(_("número"))
    linea = models.ForeignKey(LineaAccion, on_delete=models.PROTECT, related_name="recomendaciones",
                              verbose_name=_("línea de acción"))
    observacion = models.ForeignKey("compromisos.Observacion", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="recomendaciones", verbose_name=_("observación de origen"))

    class Meta:
        verbose_name = _("recomendación semestral")
        verbose_name_plural = _("recomendaciones semestrales (cada una)")
        ordering = ["conjunto", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["conjunto", "numero"], name="recomendacion_numero_unico"),
            models.CheckConstraint(condition=Q(numero__gte=1), name="recomendacion_numero_positivo"),
        ]

    def __str__(self):
        return self.etiqueta_del_tipo

    def get_absolute_url(self):
        return self.conjunto.get_absolute_url()

    @property
    def etiqueta_del_tipo(self):
        return _("Recomendación %(anio)s-%(s)s n.º %(n)s") % {
            "anio": self.conjunto.anio, "s": self.conjunto.semestre, "n": self.numero}

    @property
    def del_compromiso(self):
        return _("de la recomendación %(anio)s-%(s)s n.º %(n)s") % {
            "anio": self.conjunto.anio, "s": self.conjunto.semestre, "n": self.numero}

    descripcion_del_inicio = _("la fecha de las recomendaciones")

    def inicio_del_compromiso(self):
        return self.conjunto.fecha

    def instituciones_del_grupo(self, grupo):
        raise ValidationError(_("Las recomendaciones se dirigen a una institución, no a grupos."), code="sin_grupos")

    def instituciones_supervisoras(self):
        return ()

    @classmethod
    def supervisados_por(cls, institucion_id):
        return cls.objects.none()

    def fuentes_del_historial(self):
        from django.apps import apps

        return [(RecomendacionSemestral, apps.get_model("programas", "RecomendacionSemestralEvent"),
                 models.Q(pgh_obj_id=self.pk))]


@pghistory.track(append_only=True)
class AlineacionConLinea(models.Model):
    """A commitment of another kind (an agreement of the plenary…) aligned to an action line
    it contributes to; kept here so that the kinds' apps need not know programmes."""

    compromiso = models.ForeignKey(Compromiso, on_delete=models.CASCADE, related_name="alineaciones_con_lineas",
                                   verbose_name=_("compromiso"))
    linea = models.ForeignKey(LineaAccion, on_delete=models.CASCADE, related_name="alineaciones",
                              verbose_name=_("línea de acción"))

    class Meta:
        verbose_name = _("alineación con una línea de acción")
        verbose_name_plural = _("alineaciones con líneas de acción")
        constraints = [
            models.UniqueConstraint(fields=["compromiso", "linea"], name="alineacion_linea_unica",
                                    violation_error_message=_("Ese compromiso ya está alineado a la línea.")),
            models.CheckConstraint(condition=~Q(compromiso=models.F("linea")), name="alineacion_no_consigo_misma"),
        ]

    def __str__(self):
        return f"{self.compromiso} · {self.linea}"

    def clean(self):
        if self.compromiso_id and self.compromiso.tipo == TipoCompromiso.LINEA_DE_ACCION:
            raise ValidationError(_("Una línea de acción no se alinea a otra."), code="linea_con_linea")
