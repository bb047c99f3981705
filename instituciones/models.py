import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from snimh.db import SinTraslapeConstraint, choices_constraint, nombre_generado
from snimh.uploads import Formato
from snimh.validators import validar_sin_html


class Naturaleza(models.TextChoices):
    """Legal nature of an institution, as the SNIMH reports classify them."""

    SECRETARIA_ESTADO = "secretaria_estado", _("Secretaría de Estado")
    ORGANO_DESCONCENTRADO = "organo_desconcentrado", _("Órgano administrativo desconcentrado")
    ENTIDAD_PARAESTATAL = "entidad_paraestatal", _("Entidad paraestatal")
    EMPRESA_PRODUCTIVA = "empresa_productiva", _("Empresa productiva del Estado")
    ORGANISMO_AUTONOMO = "organismo_autonomo", _("Organismo constitucionalmente autónomo")
    PODER_LEGISLATIVO = "poder_legislativo", _("Poder Legislativo")
    PODER_JUDICIAL = "poder_judicial", _("Poder Judicial")
    TRIBUNAL_AUTONOMO = "tribunal_autonomo", _("Tribunal administrativo autónomo")
    GOBIERNO_ESTATAL = "gobierno_estatal", _("Organismo estatal")
    GOBIERNO_MUNICIPAL = "gobierno_municipal", _("Organismo municipal")
    ORGANISMO_INTERNACIONAL = "organismo_internacional", _("Organismo internacional")
    SOCIEDAD_CIVIL = "sociedad_civil", _("Organización de la sociedad civil")
    OTRA = "otra", _("Otra")

    @classmethod
    def de_la_apf(cls):
        """The natures of the Administración Pública Federal: centralised (secretarías and
        their desconcentrados) and paraestatal (entidades and the empresas productivas del
        Estado, which the Protocol and the UIG diagnostic address as APF entities)."""
        return [cls.SECRETARIA_ESTADO, cls.ORGANO_DESCONCENTRADO, cls.ENTIDAD_PARAESTATAL, cls.EMPRESA_PRODUCTIVA]


class Articulo(models.TextChoices):
    """The article a Spanish sentence puts before the institution's name."""

    EL = "el", "el"
    LA = "la", "la"
    LOS = "los", "los"
    LAS = "las", "las"


# The first word of a name decides its article: «la Secretaría…», «el Instituto…»,
# «los Petróleos Mexicanos». Names that start otherwise take «la» (institución).
_ARTICULO_POR_PALABRA = {
    "secretaria": Articulo.LA, "comision": Articulo.LA, "conferencia": Articulo.LA, "universidad": Articulo.LA,
    "suprema": Articulo.LA, "oficina": Articulo.LA, "fiscalia": Articulo.LA, "entidad": Articulo.LA,
    "camara": Articulo.LA, "consejeria": Articulo.LA, "procuraduria": Articulo.LA, "agencia": Articulo.LA,
    "coordinacion": Articulo.LA, "direccion": Articulo.LA, "unidad": Articulo.LA, "auditoria": Articulo.LA,
    "guardia": Articulo.LA, "loteria": Articulo.LA, "financiera": Articulo.LA, "sociedad": Articulo.LA,
    "instituto": Articulo.EL, "consejo": Articulo.EL, "municipio": Articulo.EL, "tribunal": Articulo.EL,
    "sistema": Articulo.EL, "senado": Articulo.EL, "programa": Articulo.EL, "gobierno": Articulo.EL,
    "congreso": Articulo.EL, "centro": Articulo.EL, "banco": Articulo.EL, "servicio": Articulo.EL,
    "organo": Articulo.EL, "archivo": Articulo.EL, "fondo": Articulo.EL, "poder": Articulo.EL,
    "petroleos": Articulo.LOS, "servicios": Articulo.LOS, "laboratorios": Articulo.LOS,
    "talleres": Articulo.LOS, "aeropuertos": Articulo.LOS, "telecomunicaciones": Articulo.LAS,
}


def articulo_para(nombre):
    """The article a name most likely takes, from its first word (coordination can correct it)."""
    import unicodedata

    primera = (nombre or "").split(" ", 1)[0]
    clave = "".join(c for c in unicodedata.normalize("NFD", primera.lower()) if unicodedata.category(c) != "Mn")
    return _ARTICULO_POR_PALABRA.get(clave, Articulo.LA)


class Rol(models.TextChoices):
    """Role an institution holds in the SNIMH (Reglas de organización y funcionamiento)."""

    INTEGRANTE = "integrante", _("Integrante")
    INVITADA_PERMANENTE = "invitada_permanente", _("Invitada permanente")
    INVITADA = "invitada", _("Invitada")
    COADYUVANTE = "coadyuvante", _("Coadyuvante")


class InstitucionQuerySet(models.QuerySet):
    def activas(self):
        """Institutions still in operation."""
        return self.filter(activa=True)

    def de_la_apf(self):
        """Institutions of the federal public administration (``Naturaleza.de_la_apf``)."""
        return self.filter(naturaleza__in=Naturaleza.de_la_apf())

    def con_rol_en(self, rol, fecha):
        """Institutions that held ``rol`` in the SNIMH on ``fecha``."""
        return self.filter(
            Q(participaciones__hasta__isnull=True) | Q(participaciones__hasta__gte=fecha),
            participaciones__rol=rol,
            participaciones__desde__lte=fecha,
        ).distinct()


@pghistory.track(append_only=True)
class Institucion(models.Model):
    """A public institution or body that takes part in, or is named by, the SNIMH."""

    nombre = models.CharField(
        _("nombre"), max_length=255, unique=True,
        help_text=_("Nombre oficial completo, p. ej. «Comisión Federal de Electricidad»."),
        error_messages={"unique": _("Ya existe una institución con este nombre.")},
        validators=[validar_sin_html],
    )
    siglas = models.CharField(
        _("siglas"), max_length=30, blank=True,
        help_text=_("Acrónimo oficial, p. ej. «CFE». Vacío si la institución no tiene siglas."),
        validators=[validar_sin_html],
    )
    naturaleza = models.CharField(
        _("naturaleza jurídica"), max_length=30, choices=Naturaleza.choices,
    )
    sector = models.CharField(
        _("sector"), max_length=150, blank=True,
        help_text=_("Sector administrativo o ramo al que pertenece."),
        validators=[validar_sin_html],
    )
    articulo = models.CharField(
        _("artículo"), max_length=3, choices=Articulo.choices, blank=True, db_default="",
        help_text=_("El que va antes del nombre en una frase («la Secretaría…», «el Instituto…»). "
                    "Vacío: se deduce de la primera palabra del nombre."),
    )
    activa = models.BooleanField(
        _("activa"), default=True,
        help_text=_("Desmarque si la institución se extinguió o fusionó; su historial se conserva."),
    )

    objects = InstitucionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                Lower("siglas"), condition=~Q(siglas=""), name="institucion_siglas_unicas",
                violation_error_message=_("Ya existe una institución con estas siglas."),
            ),
            choices_constraint("naturaleza", Naturaleza.choices, name="institucion_naturaleza_valida"),
            choices_constraint("articulo", [*Articulo.choices, ("", "")], name="institucion_articulo_valido"),
        ]

    def __str__(self):
        return self.siglas or self.nombre

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("instituciones:detalle", args=[self.pk])

    @property
    def con_articulo(self):
        """``"la Secretaría de Hacienda y Crédito Público"``: the name as a sentence says it."""
        return f"{self.articulo or articulo_para(self.nombre)} {self.nombre}"

    @property
    def de_la(self):
        """``"de la Secretaría…"``, ``"del Instituto…"``: «de» with its article, contracted."""
        frase = self.con_articulo
        return "del " + frase[3:] if frase.startswith("el ") else "de " + frase

    @property
    def uig_o_nada(self):
        """The institution's UIG, or None when it has not been recorded."""
        try:
            return self.uig
        except UnidadIgualdadGenero.DoesNotExist:
            return None

    def participacion_en(self, fecha):
        """The participation in force on ``fecha``, or None."""
        return (
            self.participaciones.filter(desde__lte=fecha)
            .filter(Q(hasta__isnull=True) | Q(hasta__gte=fecha))
            .select_related("acuerdo__sesion")
            .first()
        )

    def rol_en(self, fecha):
        """The SNIMH role (``Rol`` value) held on ``fecha``, or None."""
        participacion = self.participacion_en(fecha)
        return participacion.rol if participacion else None


@pghistory.track(append_only=True)
class Participacion(models.Model):
    """A period in which an institution held a role in the SNIMH, and what granted it."""

    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="participaciones",
        verbose_name=_("institución"),
    )
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(
        _("hasta"), null=True, blank=True, help_text=_("Vacío mientras siga vigente."),
    )
    acuerdo = models.ForeignKey(
        "acuerdos.Acuerdo", on_delete=models.PROTECT, null=True, blank=True,
        related_name="participaciones_otorgadas", verbose_name=_("acuerdo que la otorgó"),
    )
    fundamento = models.CharField(
        _("otro fundamento"), max_length=255, blank=True,
        help_text=_("Cuando no la otorgó un acuerdo: p. ej. «Reglas para la Organización y "
                    "Funcionamiento del SNIMH, DOF 28/09/2020»."),
        validators=[validar_sin_html],
    )

    class Meta:
        verbose_name = _("participación en el SNIMH")
        verbose_name_plural = _("participaciones en el SNIMH")
        ordering = ["institucion__nombre", "desde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasta__isnull=True) | Q(hasta__gte=models.F("desde")),
                name="participacion_periodo_valido",
                violation_error_message=_("La fecha de término no puede ser anterior a la de inicio."),
            ),
            choices_constraint("rol", Rol.choices, name="participacion_rol_valido"),
            SinTraslapeConstraint(
                name="participacion_sin_traslape", grupo=["institucion"],
                desde="desde", hasta="hasta",
                violation_error_message=_(
                    "La institución ya tiene un rol en el SNIMH en parte de ese periodo: "
                    "cierre primero la participación anterior."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.institucion} · {self.get_rol_display()} ({self.desde:%d/%m/%Y})"

    def clean(self):
        if self.acuerdo_id and self.desde and self.desde < self.acuerdo.sesion.fecha:
            raise ValidationError(
                {"desde": _("La participación no puede comenzar antes de la sesión que la acordó.")},
                code="antes_del_acuerdo",
            )


@pghistory.track(append_only=True)
class UnidadIgualdadGenero(models.Model):
    """The gender unit (UIG) of an institution, or the area that does its work."""

    institucion = models.OneToOneField(
        Institucion, on_delete=models.CASCADE, related_name="uig", verbose_name=_("institución"),
    )
    nombre = models.CharField(
        _("nombre de la unidad"), max_length=255, default="Unidad de Igualdad de Género",
        help_text=_("Nombre de la UIG o del área homóloga."),
        validators=[validar_sin_html],
    )
    titular = models.CharField(_("persona titular"), max_length=255, blank=True, validators=[validar_sin_html])
    cargo_titular = models.CharField(_("cargo de la persona titular"), max_length=255, blank=True, validators=[validar_sin_html])
    correo = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=50, blank=True, validators=[validar_sin_html])
    formalmente_constituida = models.BooleanField(
        _("formalmente constituida"), null=True, blank=True,
        help_text=_("Si la unidad consta en el estatuto o manual de organización. Vacío: sin dato."),
    )
    instrumento_creacion = models.CharField(
        _("instrumento de creación"), max_length=255, blank=True,
        help_text=_("Acuerdo, estatuto o manual que la crea."),
        validators=[validar_sin_html],
    )

    class Meta:
        verbose_name = _("unidad de igualdad de género")
        verbose_name_plural = _("unidades de igualdad de género")
        ordering = ["institucion__nombre"]

    def __str__(self):
        return f"{self.nombre} ({self.institucion})"


def ruta_oficio_designacion(instancia, nombre_archivo):
    return nombre_generado(f"oficios/{instancia.institucion_id}", nombre_archivo)


class TipoRepresentante(models.TextChoices):
    TITULAR = "titular", _("Titular")
    SUPLENTE = "suplente", _("Suplente")


class RepresentanteQuerySet(models.QuerySet):
    def vigentes_en(self, fecha):
        """Designations in force on ``fecha``."""
        return self.filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=fecha), vigente_desde__lte=fecha)

    def con_oficio(self):
        """Designations whose letter is on record (file or number): what quorum asks for."""
        return self.exclude(Q(oficio_designacion="") & Q(numero_oficio=""))


@pghistory.track(append_only=True)
class Representante(models.Model):
    """A person designated by an institution's head to represent it (titular or suplente)."""

    Tipo = TipoRepresentante
    # The designation letter: the signed PDF or a scan of it.
    FORMATOS_OFICIO = frozenset({Formato.PDF, Formato.JPG, Formato.PNG})

    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="representantes",
        verbose_name=_("institución"),
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=TipoRepresentante.choices)
    tratamiento = models.CharField(
        _("tratamiento"), max_length=20, blank=True, help_text=_("p. ej. «Dra.», «Mtro.», «Lic.»"),
        validators=[validar_sin_html],
    )
    nombre = models.CharField(_("nombre completo"), max_length=255, validators=[validar_sin_html])
    cargo = models.CharField(_("cargo"), max_length=255, validators=[validar_sin_html])
    correo = models.EmailField(_("correo electrónico"), blank=True)
    oficio_designacion = models.FileField(
        _("oficio de designación"), upload_to=ruta_oficio_designacion, blank=True, max_length=255,
        help_text=_("Oficio firmado por la persona titular de la institución."),
    )
    oficio_nombre = models.CharField(
        _("nombre del archivo del oficio"), max_length=150, blank=True,
        help_text=_("Solo para mostrar y descargar; el archivo se guarda con otro nombre."),
        validators=[validar_sin_html],
    )
    numero_oficio = models.CharField(_("número de oficio"), max_length=100, blank=True, validators=[validar_sin_html])
    fecha_oficio = models.DateField(_("fecha del oficio"), null=True, blank=True)
    vigente_desde = models.DateField(_("vigente desde"))
    vigente_hasta = models.DateField(
        _("vigente hasta"), null=True, blank=True, help_text=_("Vacío mientras siga vigente."),
    )

    objects = RepresentanteQuerySet.as_manager()

    class Meta:
        verbose_name = _("persona representante")
        verbose_name_plural = _("personas representantes")
        ordering = ["institucion__nombre", "tipo", "-vigente_desde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=models.F("vigente_desde")),
                name="representante_vigencia_valida",
                violation_error_message=_("La vigencia no puede terminar antes de comenzar."),
            ),
            models.CheckConstraint(
                condition=Q(fecha_oficio__isnull=True) | Q(fecha_oficio__lte=models.F("vigente_desde")),
                name="representante_oficio_antes_de_vigencia",
                violation_error_message=_("El oficio de designación no puede ser posterior al inicio de la vigencia."),
            ),
            choices_constraint("tipo", TipoRepresentante.choices, name="representante_tipo_valido"),
            SinTraslapeConstraint(
                name="representante_uno_por_tipo", grupo=["institucion", "tipo"],
                desde="vigente_desde", hasta="vigente_hasta",
                violation_error_message=_(
                    "La institución ya tiene una persona designada con ese carácter en ese periodo."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.nombre} ({self.get_tipo_display()}, {self.institucion})"

    @property
    def tiene_oficio(self):
        """Whether the designation letter is on record (file or number)."""
        return bool(self.oficio_designacion or self.numero_oficio)

    def vigente_en(self, fecha):
        """Whether the designation was in force on ``fecha``."""
        return self.vigente_desde <= fecha and (self.vigente_hasta is None or self.vigente_hasta >= fecha)

    @property
    def nombre_y_cargo(self):
        """``"Dra. Nombre Apellido, Cargo"``."""
        return f"{' '.join(filter(None, [self.tratamiento, self.nombre]))}, {self.cargo}"


class CoordinacionQuerySet(models.QuerySet):
    def en(self, fecha=None):
        """The period in force on ``fecha`` (default: today), or None."""
        from django.utils import timezone

        fecha = fecha or timezone.localdate()
        return (
            self.filter(Q(hasta__isnull=True) | Q(hasta__gte=fecha), desde__lte=fecha)
            .select_related("institucion").first()
        )


@pghistory.track(append_only=True)
class Coordinacion(models.Model):
    """A period in which an institution coordinated the SNIMH (INMUJERES; since 2025 the
    Secretaría de las Mujeres). Pages, e-mails and reports name the coordinating
    institution from here, the one in force on the date they speak of."""

    institucion = models.ForeignKey(
        Institucion, on_delete=models.PROTECT, related_name="periodos_de_coordinacion", verbose_name=_("institución"),
    )
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True, help_text=_("Vacío mientras siga vigente."))
    fundamento = models.CharField(
        _("fundamento"), max_length=255, validators=[validar_sin_html],
        help_text=_("Disposición que le asigna la coordinación, p. ej. «LGIMH, art. 23»."),
    )

    objects = CoordinacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordinación del SNIMH")
        verbose_name_plural = _("coordinación del SNIMH")
        ordering = ["desde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasta__isnull=True) | Q(hasta__gte=models.F("desde")),
                name="coordinacion_periodo_valido",
                violation_error_message=_("La fecha de término no puede ser anterior a la de inicio."),
            ),
            SinTraslapeConstraint(
                name="coordinacion_sin_traslape", grupo=[], desde="desde", hasta="hasta",
                violation_error_message=_("Ya hay una institución coordinando el SNIMH en parte de ese periodo."),
            ),
        ]

    def __str__(self):
        return f"{self.institucion.nombre} ({self.desde:%d/%m/%Y})"

    def clean(self):
        if self.institucion_id and not self.institucion.activa and self.hasta is None:
            raise ValidationError(
                {"institucion": _("Una institución extinta no puede coordinar el SNIMH a partir de hoy.")},
                code="inactiva",
            )
