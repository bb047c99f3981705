"""Institutional questionnaires: what coordination asks every institution (the UIG
diagnostic, the Protocol's report…), each edition sent to a fixed set of institutions,
their responses, and the figures published when no individual response exists."""

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instituciones.models import Institucion, Rol
from snimh.db import (
    MOTIVO_MAXIMO,
    VersionadoModel,
    choices_constraint,
    nombre_generado,
    texto_limitado,
    tope_de_texto,
)

# The deadline's traffic light is the agreements' rule; it belongs in snimh/ with them.
from snimh.fechas import semaforo_de_plazo
from snimh.validators import validar_sin_html


class TipoPregunta(models.TextChoices):
    """How a question is answered, and so how its answer is stored and counted."""

    SI_NO = "si_no", _("Sí o no")
    OPCION_UNICA = "opcion_unica", _("Una opción")
    OPCION_MULTIPLE = "opcion_multiple", _("Varias opciones")
    NUMERO = "numero", _("Número")
    PORCENTAJE = "porcentaje", _("Porcentaje")
    TEXTO = "texto", _("Texto")
    FECHA = "fecha", _("Fecha")
    ARCHIVO = "archivo", _("Archivo")

    @classmethod
    def con_opciones(cls):
        return [cls.OPCION_UNICA, cls.OPCION_MULTIPLE]

    @classmethod
    def numericos(cls):
        return [cls.NUMERO, cls.PORCENTAJE]

    @classmethod
    def categoricos(cls):
        """Types whose answers are counted by category (and cross-tabulated)."""
        return [cls.SI_NO, cls.OPCION_UNICA, cls.OPCION_MULTIPLE]


# Answers and published figures share one numeric column type: up to 14 integer digits
# (budgets in pesos) and 2 decimals.
DIGITOS, DECIMALES = 16, 2


def _numero(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=DIGITOS, decimal_places=DECIMALES, null=True, blank=True,
                               **kwargs)


@pghistory.track(append_only=True)
class Cuestionario(models.Model):
    """A questionnaire coordination sends to institutions, edition after edition."""

    clave = models.SlugField(
        _("clave"), max_length=60, unique=True,
        help_text=_("Identificador corto para las direcciones y los archivos, p. ej. «diagnostico-uig»."),
        error_messages={"unique": _("Ya existe un cuestionario con esta clave.")},
    )
    nombre = models.CharField(
        _("nombre"), max_length=255, unique=True, validators=[validar_sin_html],
        error_messages={"unique": _("Ya existe un cuestionario con este nombre.")},
    )
    descripcion = models.TextField(
        _("descripción"), blank=True, validators=[validar_sin_html],
        help_text=_("Para qué sirve el cuestionario; las instituciones la leen antes de responder."),
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuestionario")
        verbose_name_plural = _("cuestionarios")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cuestionarios:detalle", args=[self.clave])

    # Claves that would read as one of the app's own addresses (/cuestionarios/nuevo/…).
    CLAVES_RESERVADAS = frozenset({"nuevo", "ediciones", "respuestas", "secciones", "preguntas", "archivos"})

    def clean(self):
        if self.clave in self.CLAVES_RESERVADAS:
            raise ValidationError({"clave": _("Esa clave está reservada; elija otra.")}, code="reservada")

    def estructura_bloqueada(self):
        """Once an edition has been sent to institutions, its questions are what they
        answer and what later editions are compared with: the structure stops changing."""
        return self.ediciones.filter(historica=False).exists()

    def preguntas(self):
        """Every question, in the order institutions read them."""
        return Pregunta.objects.filter(seccion__cuestionario=self).select_related("seccion").order_by(
            "seccion__orden", "orden")


@pghistory.track(append_only=True)
class Seccion(models.Model):
    """A numbered part of a questionnaire («Reglas», «Redes»…)."""

    cuestionario = models.ForeignKey(Cuestionario, on_delete=models.CASCADE, related_name="secciones",
                                     verbose_name=_("cuestionario"))
    orden = models.PositiveSmallIntegerField(_("número"), validators=[MinValueValidator(1)])
    titulo = models.CharField(_("título"), max_length=255, validators=[validar_sin_html])
    descripcion = models.TextField(_("descripción"), blank=True, validators=[validar_sin_html],
                                   help_text=_("Indicaciones para responder esta sección."))

    class Meta:
        verbose_name = _("sección")
        verbose_name_plural = _("secciones")
        ordering = ["cuestionario", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["cuestionario", "orden"], name="seccion_orden_unico",
                                    violation_error_message=_("El cuestionario ya tiene una sección con ese número.")),
            models.CheckConstraint(condition=Q(orden__gte=1), name="seccion_orden_positivo"),
        ]

    def __str__(self):
        return f"{self.orden}. {self.titulo}"


@pghistory.track(append_only=True)
class Pregunta(models.Model):
    """A question of a section: its type decides how it is answered and counted."""

    Tipo = TipoPregunta

    seccion = models.ForeignKey(Seccion, on_delete=models.CASCADE, related_name="preguntas",
                                verbose_name=_("sección"))
    orden = models.PositiveSmallIntegerField(_("número en la sección"), validators=[MinValueValidator(1)])
    texto = models.CharField(_("pregunta"), max_length=1000, validators=[validar_sin_html])
    ayuda = models.TextField(_("texto de ayuda"), blank=True, validators=[validar_sin_html],
                             help_text=_("Aclaraciones que se muestran bajo la pregunta."))
    tipo = models.CharField(_("tipo de respuesta"), max_length=20, choices=TipoPregunta.choices)
    obligatoria = models.BooleanField(
        _("obligatoria"), default=True,
        help_text=_("Sin respuesta no se puede enviar el cuestionario (si la pregunta aplica)."),
    )
    datos_personales = models.BooleanField(
        _("recaba datos personales"), default=False,
        help_text=_("Sus respuestas solo las ve la coordinación y la propia institución; nunca se publican ni se "
                    "exportan para otras cuentas."),
    )
    minimo = _numero(_("valor mínimo"), help_text=_("Solo para números y porcentajes; vacío: sin mínimo."))
    maximo = _numero(_("valor máximo"), help_text=_("Solo para números y porcentajes; vacío: sin máximo."))
    entero = models.BooleanField(_("solo números enteros"), default=True,
                                 help_text=_("Para preguntas de número: personas, instituciones, acciones…"))
    condicion_pregunta = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="dependientes",
        verbose_name=_("se responde solo según la pregunta"),
        help_text=_("Una pregunta de sí o no del mismo cuestionario."),
    )
    condicion_valor = models.BooleanField(_("cuando su respuesta es"), null=True, blank=True)
    proporcion_de = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="partes",
        verbose_name=_("es una parte de la pregunta"),
        help_text=_("Otra pregunta de número cuyo total contiene a esta (p. ej. «de ellas, cuántas…»): la "
                    "respuesta no puede ser mayor y los resultados dan la proporción."),
    )

    class Meta:
        verbose_name = _("pregunta")
        verbose_name_plural = _("preguntas")
        ordering = ["seccion__cuestionario", "seccion__orden", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["seccion", "orden"], name="pregunta_orden_unico",
                                    violation_error_message=_("La sección ya tiene una pregunta con ese número.")),
            models.CheckConstraint(condition=Q(orden__gte=1), name="pregunta_orden_positivo"),
            choices_constraint("tipo", TipoPregunta.choices, name="pregunta_tipo_valido"),
            models.CheckConstraint(
                condition=Q(minimo__isnull=True) | Q(maximo__isnull=True) | Q(minimo__lte=models.F("maximo")),
                name="pregunta_minimo_no_mayor_que_maximo",
                violation_error_message=_("El valor mínimo no puede ser mayor que el máximo."),
            ),
            models.CheckConstraint(
                condition=Q(tipo__in=TipoPregunta.numericos()) | Q(minimo__isnull=True, maximo__isnull=True),
                name="pregunta_limites_solo_numericos",
                violation_error_message=_("Solo las preguntas de número o porcentaje tienen valores mínimo y máximo."),
            ),
            models.CheckConstraint(
                condition=~Q(tipo=TipoPregunta.PORCENTAJE)
                | ((Q(minimo__isnull=True) | Q(minimo__gte=0)) & (Q(maximo__isnull=True) | Q(maximo__lte=100))),
                name="pregunta_porcentaje_entre_0_y_100",
                violation_error_message=_("Los límites de un porcentaje están entre 0 y 100."),
            ),
            models.CheckConstraint(
                condition=Q(condicion_pregunta__isnull=True, condicion_valor__isnull=True)
                | Q(condicion_pregunta__isnull=False, condicion_valor__isnull=False),
                name="pregunta_condicion_completa",
                violation_error_message=_("Indique la pregunta de la que depende y la respuesta que la activa."),
            ),
            models.CheckConstraint(
                condition=Q(proporcion_de__isnull=True) | Q(tipo=TipoPregunta.NUMERO),
                name="pregunta_proporcion_solo_numeros",
                violation_error_message=_("Solo una pregunta de número puede ser parte de otra."),
            ),
        ]

    def __str__(self):
        return f"{self.numero} {self.texto}"

    @property
    def numero(self):
        """``"2.3"``: section and place in it, as the questionnaire prints it."""
        return f"{self.seccion.orden}.{self.orden}"

    @property
    def tiene_opciones(self):
        return self.tipo in TipoPregunta.con_opciones()

    @property
    def es_numerica(self):
        return self.tipo in TipoPregunta.numericos()

    @property
    def es_categorica(self):
        return self.tipo in TipoPregunta.categoricos()

    def limites(self):
        """``(minimo, maximo)`` that apply to an answer: a percentage is always within 0–100."""
        minimo, maximo = self.minimo, self.maximo
        if self.tipo == TipoPregunta.PORCENTAJE:
            minimo = Decimal(0) if minimo is None else minimo
            maximo = Decimal(100) if maximo is None else maximo
        return minimo, maximo

    def aplica(self, respuestas_si_no):
        """Whether the question is to be answered, given ``{pregunta_id: bool}`` of the same
        response: a conditional question applies only when its condition holds."""
        if self.condicion_pregunta_id is None:
            return True
        return respuestas_si_no.get(self.condicion_pregunta_id) == self.condicion_valor

    def clean(self):
        errores = {}
        cuestionario_id = self.seccion.cuestionario_id if self.seccion_id else None
        if self.condicion_pregunta_id:
            otra = self.condicion_pregunta
            if otra.pk == self.pk:
                errores["condicion_pregunta"] = _("Una pregunta no puede depender de sí misma.")
            elif otra.tipo != TipoPregunta.SI_NO or otra.seccion.cuestionario_id != cuestionario_id:
                errores["condicion_pregunta"] = _("Elija una pregunta de sí o no del mismo cuestionario.")
            elif otra.condicion_pregunta_id:
                errores["condicion_pregunta"] = _(
                    "Esa pregunta depende a su vez de otra: solo se admite un nivel de condición.")
            elif self.pk and self.dependientes.exists():
                errores["condicion_pregunta"] = _(
                    "Otras preguntas dependen de esta: no puede depender a su vez de otra.")
        if self.proporcion_de_id:
            otra = self.proporcion_de
            if otra.pk == self.pk:
                errores["proporcion_de"] = _("Una pregunta no puede ser parte de sí misma.")
            elif otra.tipo != TipoPregunta.NUMERO or otra.seccion.cuestionario_id != cuestionario_id:
                errores["proporcion_de"] = _("Elija una pregunta de número del mismo cuestionario.")
            elif otra.proporcion_de_id:
                errores["proporcion_de"] = _("Esa pregunta ya es parte de otra: elija el total.")
        if self.pk and self.tipo != TipoPregunta.SI_NO and self.dependientes.exists():
            errores["tipo"] = _("Otras preguntas dependen de esta: debe seguir siendo de sí o no.")
        if errores:
            raise ValidationError(errores)


@pghistory.track(append_only=True)
class Opcion(models.Model):
    """One of the answers offered by a choice question."""

    pregunta = models.ForeignKey(Pregunta, on_delete=models.CASCADE, related_name="opciones",
                                 verbose_name=_("pregunta"))
    orden = models.PositiveSmallIntegerField(_("orden"), validators=[MinValueValidator(1)])
    texto = models.CharField(_("opción"), max_length=255, validators=[validar_sin_html])

    class Meta:
        verbose_name = _("opción de respuesta")
        verbose_name_plural = _("opciones de respuesta")
        ordering = ["pregunta", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["pregunta", "orden"], name="opcion_orden_unico"),
            models.UniqueConstraint("pregunta", Lower("texto"), name="opcion_texto_unico",
                                    violation_error_message=_("La pregunta ya tiene esa opción.")),
            models.CheckConstraint(condition=~Q(texto=""), name="opcion_con_texto"),
        ]

    def __str__(self):
        return self.texto


class ReglaInstituciones(models.TextChoices):
    """How the institutions an edition is sent to are chosen (the set is then stored)."""

    EXPLICITA = "explicita", _("Las instituciones elegidas una por una")
    INTEGRANTES = "integrantes", _("Las integrantes del SNIMH en la fecha de apertura")
    PARTICIPANTES = "participantes", _("Toda institución con un rol en el SNIMH en la fecha de apertura")
    APF = "apf", _("Toda institución activa de la Administración Pública Federal")


def instituciones_de_la_regla(regla, fecha):
    """The institutions ``regla`` selects on ``fecha`` (an empty queryset for EXPLICITA)."""
    if regla == ReglaInstituciones.INTEGRANTES:
        return Institucion.objects.con_rol_en(Rol.INTEGRANTE, fecha)
    if regla == ReglaInstituciones.PARTICIPANTES:
        ids = set()
        for rol in Rol.values:
            ids.update(Institucion.objects.con_rol_en(rol, fecha).values_list("pk", flat=True))
        return Institucion.objects.filter(pk__in=ids)
    if regla == ReglaInstituciones.APF:
        return Institucion.objects.activas().de_la_apf()
    return Institucion.objects.none()


class EstadoEdicion(models.TextChoices):
    ABIERTA = "abierta", _("Abierta")
    CERRADA = "cerrada", _("Cerrada")


class EdicionQuerySet(models.QuerySet):
    def abiertas(self):
        return self.filter(estado=EstadoEdicion.ABIERTA, historica=False)

    def publicadas(self):
        """Editions whose aggregate results are public (transparency)."""
        return self.filter(publicada=True)


@pghistory.track(append_only=True)
class Edicion(models.Model):
    """A questionnaire sent, with a deadline, to a set of institutions fixed when it opens;
    or, for a past edition answered outside the system, only the figures published."""

    Estado = EstadoEdicion

    cuestionario = models.ForeignKey(Cuestionario, on_delete=models.PROTECT, related_name="ediciones",
                                     verbose_name=_("cuestionario"))
    nombre = models.CharField(_("edición"), max_length=100, validators=[validar_sin_html],
                              help_text=_("Cómo se nombra esta aplicación del cuestionario, p. ej. «2021»."))
    instrucciones = models.TextField(_("instrucciones"), blank=True, validators=[validar_sin_html],
                                     help_text=_("Mensaje para las instituciones: fundamento, a quién consultar."))
    historica = models.BooleanField(
        _("edición histórica"), default=False,
        help_text=_("Respondida fuera del sistema: solo tiene las cifras publicadas, no respuestas individuales."),
    )
    fuente = models.TextField(_("fuente de las cifras publicadas"), blank=True, validators=[validar_sin_html],
                              help_text=_("Documento donde se publicaron, p. ej. el informe anual y su apartado."))
    respuestas_publicadas = models.PositiveIntegerField(
        _("instituciones que respondieron (cifra publicada)"), null=True, blank=True,
        help_text=_("Solo en ediciones históricas: cuántas instituciones respondieron según la fuente."),
    )
    apertura = models.DateField(_("fecha de apertura"), null=True, blank=True,
                                help_text=_("Las reglas de instituciones se evalúan en esta fecha."))
    fecha_limite = models.DateField(_("fecha límite"), null=True, blank=True)
    regla = models.CharField(_("instituciones a las que se envía"), max_length=20, blank=True,
                             choices=ReglaInstituciones.choices)
    estado = models.CharField(_("estado"), max_length=10, choices=EstadoEdicion.choices,
                              default=EstadoEdicion.ABIERTA)
    abierta_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("abierta por"))
    abierta_en = models.DateTimeField(_("abierta el"), null=True, blank=True)
    cerrada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("cerrada por"))
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    publicada = models.BooleanField(
        _("resultados públicos"), default=False,
        help_text=_("Sus resultados agregados se muestran en Transparencia; nunca las respuestas de una institución."),
    )
    publicada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("publicada por"))
    publicada_en = models.DateTimeField(_("publicada el"), null=True, blank=True)

    objects = EdicionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edición de cuestionario")
        verbose_name_plural = _("ediciones de cuestionarios")
        ordering = ["cuestionario__nombre", "-nombre"]
        constraints = [
            models.UniqueConstraint("cuestionario", Lower("nombre"), name="edicion_nombre_unico",
                                    violation_error_message=_("El cuestionario ya tiene una edición con ese nombre.")),
            choices_constraint("estado", EstadoEdicion.choices, name="edicion_estado_valido"),
            choices_constraint("regla", [*ReglaInstituciones.choices, ("", "")], name="edicion_regla_valida"),
            models.CheckConstraint(
                condition=Q(historica=True, estado=EstadoEdicion.CERRADA, regla="", respuestas_publicadas__isnull=False)
                & ~Q(fuente="")
                | Q(historica=False, apertura__isnull=False, fecha_limite__isnull=False, respuestas_publicadas=None)
                & ~Q(regla=""),
                name="edicion_historica_o_con_plazo",
                violation_error_message=_(
                    "Una edición histórica está cerrada y cita su fuente y cuántas instituciones respondieron; "
                    "las demás tienen apertura, fecha límite y regla de instituciones."),
            ),
            models.CheckConstraint(
                condition=Q(fecha_limite__isnull=True) | Q(apertura__isnull=True)
                | Q(fecha_limite__gte=models.F("apertura")),
                name="edicion_plazo_despues_de_apertura",
                violation_error_message=_("La fecha límite no puede ser anterior a la apertura."),
            ),
            # Who closed an edition is always known, except for the historical ones.
            models.CheckConstraint(
                condition=Q(estado=EstadoEdicion.ABIERTA, cerrada_por__isnull=True, cerrada_en__isnull=True)
                | Q(estado=EstadoEdicion.CERRADA, historica=True)
                | Q(estado=EstadoEdicion.CERRADA, cerrada_por__isnull=False, cerrada_en__isnull=False),
                name="edicion_cierre_firmado",
            ),
            models.CheckConstraint(
                condition=Q(publicada=False, publicada_en__isnull=True, publicada_por__isnull=True)
                | Q(publicada=True, publicada_en__isnull=False),
                name="edicion_publicacion_fechada",
            ),
        ]

    def __str__(self):
        return f"{self.cuestionario} · {self.nombre}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cuestionarios:edicion", args=[self.pk])

    @property
    def abierta(self):
        return self.estado == EstadoEdicion.ABIERTA and not self.historica

    def semaforo(self, hoy=None):
        """The deadline's traffic light while the edition is open, by the agreements' rule."""
        if not self.abierta or self.fecha_limite is None:
            return ""
        return semaforo_de_plazo(self.fecha_limite, hoy or timezone.localdate())

    def clean(self):
        if not self.historica and self._state.adding and self.apertura and self.apertura > timezone.localdate():
            raise ValidationError({"apertura": _("La apertura no puede ser futura: ábrala el día que se envía.")},
                                  code="apertura_futura")


class EstadoRespuesta(models.TextChoices):
    PENDIENTE = "pendiente", _("Sin iniciar")
    BORRADOR = "borrador", _("Borrador")
    ENVIADA = "enviada", _("Enviada")

    @classmethod
    def tras_cifra(cls, valor, n):
        """The state as it reads after a count of responses: «1 enviada», «3 borradores»."""
        from django.utils.translation import ngettext

        formas = {
            cls.PENDIENTE: ngettext("sin iniciar", "sin iniciar", n),
            cls.BORRADOR: ngettext("borrador", "borradores", n),
            cls.ENVIADA: ngettext("enviada", "enviadas", n),
        }
        return formas.get(valor, valor)


class RespuestaQuerySet(models.QuerySet):
    def enviadas(self):
        return self.filter(estado=EstadoRespuesta.ENVIADA)

    def por_enviar(self):
        """Not yet submitted: never started, or a draft (also a reopened one)."""
        return self.exclude(estado=EstadoRespuesta.ENVIADA)

    def de_ediciones_abiertas(self):
        return self.filter(edicion__estado=EstadoEdicion.ABIERTA, edicion__historica=False)


@pghistory.track(append_only=True)
class Respuesta(VersionadoModel):
    """One institution's response to an edition: created when the edition opens, filled as
    a draft, submitted once, reopened only by coordination."""

    Estado = EstadoRespuesta

    edicion = models.ForeignKey(Edicion, on_delete=models.PROTECT, related_name="respuestas",
                                verbose_name=_("edición"))
    institucion = models.ForeignKey(Institucion, on_delete=models.PROTECT, related_name="respuestas_a_cuestionarios",
                                    verbose_name=_("institución"))
    estado = models.CharField(_("estado"), max_length=10, choices=EstadoRespuesta.choices,
                              default=EstadoRespuesta.PENDIENTE)
    creada_en = models.DateTimeField(_("enviada a la institución el"), auto_now_add=True)
    guardada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("guardada por"))
    guardada_en = models.DateTimeField(_("guardada por última vez el"), null=True, blank=True)
    enviada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("enviada por"))
    enviada_en = models.DateTimeField(_("enviada el"), null=True, blank=True)
    reabierta_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("reabierta por"))
    reabierta_en = models.DateTimeField(_("reabierta el"), null=True, blank=True)
    motivo_reapertura = texto_limitado(_("motivo de la reapertura"), MOTIVO_MAXIMO, blank=True)

    objects = RespuestaQuerySet.as_manager()

    class Meta:
        verbose_name = _("respuesta a un cuestionario")
        verbose_name_plural = _("respuestas a cuestionarios")
        ordering = ["edicion", "institucion__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["edicion", "institucion"], name="respuesta_una_por_institucion",
                violation_error_message=_("La institución ya tiene una respuesta en esta edición."),
            ),
            choices_constraint("estado", EstadoRespuesta.choices, name="respuesta_estado_valido"),
            models.CheckConstraint(
                condition=Q(estado=EstadoRespuesta.ENVIADA, enviada_por__isnull=False, enviada_en__isnull=False)
                | (~Q(estado=EstadoRespuesta.ENVIADA) & Q(enviada_por__isnull=True, enviada_en__isnull=True)),
                name="respuesta_envio_firmado",
            ),
            tope_de_texto("motivo_reapertura", MOTIVO_MAXIMO, name="respuesta_motivo_reapertura_tope"),
            models.CheckConstraint(
                condition=Q(reabierta_por__isnull=True, reabierta_en__isnull=True, motivo_reapertura="")
                | (Q(reabierta_por__isnull=False, reabierta_en__isnull=False) & ~Q(motivo_reapertura="")),
                name="respuesta_reapertura_con_motivo",
            ),
            models.CheckConstraint(
                condition=~Q(estado=EstadoRespuesta.PENDIENTE) | Q(guardada_en__isnull=True),
                name="respuesta_pendiente_sin_guardar",
            ),
        ]

    def __str__(self):
        return f"{self.institucion} · {self.edicion}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cuestionarios:respuesta", args=[self.pk])

    @property
    def enviada(self):
        return self.estado == EstadoRespuesta.ENVIADA

    @property
    def editable(self):
        """Whether it can still be filled: not submitted, and the edition open."""
        return not self.enviada and self.edicion.abierta

    @property
    def fuera_de_plazo(self):
        """Submitted after the deadline (accepted while the edition was open)."""
        return bool(self.enviada_en and self.edicion.fecha_limite
                    and timezone.localdate(self.enviada_en) > self.edicion.fecha_limite)


class AccionRespuesta(models.TextChoices):
    GUARDADA = "guardada", _("Guardó el borrador")
    ENVIADA = "enviada", _("Envió la respuesta")
    REABIERTA = "reabierta", _("Reabrió la respuesta")


@pghistory.track(append_only=True)
class MovimientoRespuesta(models.Model):
    """A step of a response: who saved, submitted or reopened it, and when (and why)."""

    respuesta = models.ForeignKey(Respuesta, on_delete=models.PROTECT, related_name="movimientos",
                                  verbose_name=_("respuesta"))
    accion = models.CharField(_("acción"), max_length=10, choices=AccionRespuesta.choices)
    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("persona"))
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    motivo = texto_limitado(_("motivo"), MOTIVO_MAXIMO, blank=True)

    class Meta:
        verbose_name = _("movimiento de una respuesta")
        verbose_name_plural = _("movimientos de respuestas")
        ordering = ["fecha", "pk"]
        constraints = [
            choices_constraint("accion", AccionRespuesta.choices, name="movimiento_accion_valida"),
            tope_de_texto("motivo", MOTIVO_MAXIMO, name="movimiento_motivo_tope"),
            models.CheckConstraint(condition=~Q(accion=AccionRespuesta.REABIERTA) | ~Q(motivo=""),
                                   name="movimiento_reapertura_con_motivo"),
        ]

    def __str__(self):
        return f"{self.get_accion_display()} · {timezone.localtime(self.fecha):%d/%m/%Y %H:%M}"


def ruta_archivo_de_respuesta(instancia, nombre_archivo):
    # A generated name: nothing the user typed reaches the storage.
    return nombre_generado(f"cuestionarios/{timezone.localdate():%Y/%m}", f"respuesta.{instancia.archivo_formato}")


# Columns of RespuestaPregunta that hold an answer; exactly one is used per type.
_COLUMNAS_DE_VALOR = {
    "valor_si_no": Q(valor_si_no__isnull=False),
    "valor_numero": Q(valor_numero__isnull=False),
    "valor_texto": ~Q(valor_texto=""),
    "valor_fecha": Q(valor_fecha__isnull=False),
    "archivo": ~Q(archivo=""),
}


def _a_lo_sumo_una_columna():
    vacias = {columna: ~condicion for columna, condicion in _COLUMNAS_DE_VALOR.items()}
    resultado = Q()
    for columna, condicion in _COLUMNAS_DE_VALOR.items():
        caso = condicion
        for otra, vacia in vacias.items():
            if otra != columna:
                caso &= vacia
        resultado |= caso
    todas_vacias = Q()
    for vacia in vacias.values():
        todas_vacias &= vacia
    return resultado | todas_vacias


@pghistory.track(append_only=True)
class RespuestaPregunta(models.Model):
    """The answer to one question in one response, in the column of its type; choice
    answers are the options chosen (``OpcionElegida``). No row: not answered."""

    respuesta = models.ForeignKey(Respuesta, on_delete=models.CASCADE, related_name="valores",
                                  verbose_name=_("respuesta"))
    pregunta = models.ForeignKey(Pregunta, on_delete=models.PROTECT, related_name="valores",
                                 verbose_name=_("pregunta"))
    valor_si_no = models.BooleanField(_("sí o no"), null=True, blank=True)
    valor_numero = _numero(_("número"))
    valor_texto = models.CharField(_("texto"), max_length=5000, blank=True, validators=[validar_sin_html])
    valor_fecha = models.DateField(_("fecha"), null=True, blank=True)
    opciones = models.ManyToManyField(Opcion, through="OpcionElegida", blank=True, related_name="elecciones",
                                      verbose_name=_("opciones elegidas"))
    archivo = models.FileField(_("archivo"), upload_to=ruta_archivo_de_respuesta, blank=True, max_length=255)
    archivo_nombre = models.CharField(_("nombre del archivo"), max_length=150, blank=True,
                                      validators=[validar_sin_html],
                                      help_text=_("Solo para mostrar y descargar; se guarda con otro nombre."))
    archivo_formato = models.CharField(_("formato"), max_length=5, blank=True)
    archivo_tamano = models.PositiveBigIntegerField(_("tamaño (bytes)"), null=True, blank=True)
    archivo_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("respuesta a una pregunta")
        verbose_name_plural = _("respuestas a preguntas")
        ordering = ["respuesta", "pregunta__seccion__orden", "pregunta__orden"]
        constraints = [
            models.UniqueConstraint(fields=["respuesta", "pregunta"], name="respuesta_pregunta_unica",
                                    violation_error_message=_("La pregunta ya tiene respuesta.")),
            models.CheckConstraint(condition=_a_lo_sumo_una_columna(), name="respuesta_pregunta_un_solo_valor"),
            models.CheckConstraint(
                condition=Q(archivo="", archivo_nombre="", archivo_formato="", archivo_tamano__isnull=True,
                            archivo_sha256="")
                | (~Q(archivo="") & ~Q(archivo_nombre="") & ~Q(archivo_formato="") & Q(archivo_tamano__gt=0)
                   & Q(archivo_sha256__regex=r"^[0-9a-f]{64}$")),
                name="respuesta_pregunta_archivo_completo",
            ),
        ]

    def __str__(self):
        return f"{self.pregunta.numero} · {self.respuesta}"


@pghistory.track(append_only=True)
class OpcionElegida(models.Model):
    """An option chosen in a choice answer (one for «una opción», one or more for «varias»)."""

    valor = models.ForeignKey(RespuestaPregunta, on_delete=models.CASCADE, related_name="elegidas",
                              verbose_name=_("respuesta a la pregunta"))
    opcion = models.ForeignKey(Opcion, on_delete=models.PROTECT, related_name="+", verbose_name=_("opción"))

    class Meta:
        verbose_name = _("opción elegida")
        verbose_name_plural = _("opciones elegidas")
        constraints = [models.UniqueConstraint(fields=["valor", "opcion"], name="opcion_elegida_unica")]

    def __str__(self):
        return str(self.opcion)


class TipoCifra(models.TextChoices):
    """The kinds of aggregate figure a report publishes about a question."""

    PORCENTAJE = "porcentaje", _("Porcentaje")
    CONTEO = "conteo", _("Número de instituciones")
    CANTIDAD = "cantidad", _("Total")
    RANGO = "rango", _("Rango (mínimo y máximo)")
    MAS_FRECUENTE = "mas_frecuente", _("Opción más frecuente")


@pghistory.track(append_only=True)
class ResultadoPublicado(models.Model):
    """An aggregate figure published about a question of an edition (e.g. «61.8 % de las
    UIG están formalmente constituidas»), with the text of its source. It never names an
    institution or a person."""

    Tipo = TipoCifra

    edicion = models.ForeignKey(Edicion, on_delete=models.CASCADE, related_name="resultados_publicados",
                                verbose_name=_("edición"))
    pregunta = models.ForeignKey(Pregunta, on_delete=models.PROTECT, related_name="resultados_publicados",
                                 verbose_name=_("pregunta"))
    tipo = models.CharField(_("tipo de cifra"), max_length=15, choices=TipoCifra.choices)
    si_no = models.BooleanField(_("respuesta «sí» o «no» que cuenta"), null=True, blank=True,
                                help_text=_("En preguntas de sí o no: la respuesta a la que se refiere la cifra."))
    opcion = models.ForeignKey(Opcion, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("opción a la que se refiere"))
    valor = _numero(_("valor"), help_text=_("El porcentaje, el número de instituciones o el total publicado."))
    base = models.PositiveIntegerField(_("base"), null=True, blank=True,
                                       help_text=_("Número de respuestas sobre el que se calculó, si se publicó."))
    base_descripcion = models.CharField(_("sobre quiénes"), max_length=255, blank=True,
                                        validators=[validar_sin_html],
                                        help_text=_("p. ej. «de las UIG formalmente constituidas»."))
    minimo = _numero(_("mínimo"))
    maximo = _numero(_("máximo"))
    texto = models.TextField(_("texto de la fuente"), validators=[validar_sin_html],
                             help_text=_("La frase publicada, tal como la escribe la fuente."))
    orden = models.PositiveSmallIntegerField(_("orden"), default=1)

    class Meta:
        verbose_name = _("resultado publicado")
        verbose_name_plural = _("resultados publicados")
        ordering = ["edicion", "pregunta__seccion__orden", "pregunta__orden", "orden"]
        constraints = [
            choices_constraint("tipo", TipoCifra.choices, name="resultado_tipo_valido"),
            models.CheckConstraint(condition=~Q(texto=""), name="resultado_con_texto"),
            models.CheckConstraint(condition=Q(si_no__isnull=True) | Q(opcion__isnull=True),
                                   name="resultado_si_no_u_opcion"),
            models.CheckConstraint(
                condition=Q(tipo=TipoCifra.RANGO, minimo__isnull=False, maximo__isnull=False, valor__isnull=True)
                & Q(minimo__lte=models.F("maximo"))
                | Q(tipo=TipoCifra.MAS_FRECUENTE, opcion__isnull=False, valor__isnull=True)
                | Q(tipo__in=[TipoCifra.PORCENTAJE, TipoCifra.CONTEO, TipoCifra.CANTIDAD], valor__isnull=False,
                    minimo__isnull=True, maximo__isnull=True),
                name="resultado_valores_del_tipo",
                violation_error_message=_("Un rango lleva mínimo y máximo; la opción más frecuente, su opción; "
                                          "las demás cifras, su valor."),
            ),
            models.CheckConstraint(
                condition=~Q(tipo=TipoCifra.PORCENTAJE) | Q(valor__gte=0, valor__lte=100),
                name="resultado_porcentaje_entre_0_y_100",
                violation_error_message=_("Un porcentaje está entre 0 y 100."),
            ),
            models.CheckConstraint(
                condition=~Q(tipo=TipoCifra.CONTEO) | Q(base__isnull=True) | Q(valor__lte=models.F("base")),
                name="resultado_conteo_no_mayor_que_base",
                violation_error_message=_("El número de instituciones no puede ser mayor que la base."),
            ),
        ]

    def __str__(self):
        return f"{self.pregunta.numero} · {self.get_tipo_display()}"

    @property
    def decimales(self):
        """Decimals the figure was published with (``61.8`` → 1, ``71`` → 0): computed
        figures are compared at this precision."""
        valor = self.valor if self.valor is not None else self.minimo
        if valor is None:
            return 0
        normalizado = valor.normalize()
        return max(0, -normalizado.as_tuple().exponent)

    def clean(self):
        errores = {}
        if self.edicion_id and self.pregunta_id and self.pregunta.seccion.cuestionario_id != self.edicion.cuestionario_id:
            errores["pregunta"] = _("La pregunta no es del cuestionario de esta edición.")
        if self.opcion_id and self.pregunta_id and self.opcion.pregunta_id != self.pregunta_id:
            errores["opcion"] = _("La opción no es de esta pregunta.")
        if self.si_no is not None and self.pregunta_id and self.pregunta.tipo != TipoPregunta.SI_NO:
            errores["si_no"] = _("Solo las preguntas de sí o no cuentan respuestas «sí» o «no».")
        if errores:
            raise ValidationError(errores)

