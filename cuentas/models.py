import datetime

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh.db import choices_constraint
from snimh.validators import validar_sin_html


class RolUsuario(models.TextChoices):
    """What a person may do in the system; see snimh/permisos.py and docs/permissions.md."""

    COORDINACION = "coordinacion", _("Coordinación del SNIMH")
    ENLACE = "enlace", _("Enlace institucional (UIG)")
    CONSULTA = "consulta", _("Consulta")


class EstadoInvitacion(models.TextChoices):
    """Where a person's invitation stands; accounts created otherwise have none."""

    PENDIENTE = "pendiente", _("Pendiente")
    ACEPTADA = "aceptada", _("Aceptada")
    VENCIDA = "vencida", _("Vencida")
    SIN_INVITACION = "sin_invitacion", _("Sin invitación")


def vigencia_de_invitacion():
    """How long an invitation link works (INVITACION_DIAS)."""
    return datetime.timedelta(days=settings.INVITACION_DIAS)


class UsuarioQuerySet(models.QuerySet):
    def por_identificador(self, identificador):
        """The account someone means when signing in with an e-mail or a user name.

        Both are unique without regard to case (the constraints below); a user name
        wins over somebody else's e-mail that happens to read the same.
        """
        identificador = (identificador or "").strip()
        if not identificador:
            return None
        return (
            self.filter(Q(username__iexact=identificador) | Q(email__iexact=identificador))
            .order_by(Case(When(username__iexact=identificador, then=Value(0)), default=Value(1)))
            .first()
        )

    def con_estado_invitacion(self, ahora=None):
        """Annotate ``estado_invitacion`` (EstadoInvitacion): the one definition of
        pending, accepted and expired, for lists, filters and pages alike."""
        ahora = ahora or timezone.now()
        return self.annotate(estado_invitacion=Case(
            When(invitacion__isnull=True, then=Value(EstadoInvitacion.SIN_INVITACION)),
            When(invitacion__aceptada__isnull=False, then=Value(EstadoInvitacion.ACEPTADA)),
            When(invitacion__enviada__lte=ahora - vigencia_de_invitacion(), then=Value(EstadoInvitacion.VENCIDA)),
            default=Value(EstadoInvitacion.PENDIENTE),
            output_field=models.CharField(),
        ))

    def buscar(self, texto):
        """Names, user name or e-mail containing ``texto``, without regard to case or
        accents (unaccent on PostgreSQL; plain on the SQLite of `make run`)."""
        texto = (texto or "").strip()
        if not texto:
            return self
        busqueda = "unaccent__icontains" if connections[self.db].vendor == "postgresql" else "icontains"
        condicion = Q()
        for campo in ("first_name", "last_name", "username", "email"):
            condicion |= Q(**{f"{campo}__{busqueda}": texto})
        return self.filter(condicion)


class UsuarioManager(UserManager.from_queryset(UsuarioQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("rol", RolUsuario.COORDINACION)
        return super().create_superuser(username, email, password, **extra_fields)


@pghistory.track(
    pghistory.InsertEvent(),
    # Log-ins update last_login; only changes of identity, role or binding matter.
    pghistory.UpdateEvent(condition=pghistory.AnyChange(
        "username", "email", "first_name", "last_name", "rol", "institucion", "is_active", "is_superuser",
        "recibe_avisos",
    )),
    pghistory.DeleteEvent(),
    fields=["username", "email", "first_name", "last_name", "rol", "institucion",
            "is_active", "is_superuser", "recibe_avisos"],
    model_name="UsuarioEvent",
    append_only=True,
)
class Usuario(AbstractUser):
    """A person who signs in: coordination staff, an institution's officer or a reader."""

    Rol = RolUsuario

    rol = models.CharField(
        _("rol"), max_length=20, choices=RolUsuario.choices, blank=True,
        help_text=_("Sin rol, la cuenta no puede consultar nada."),
    )
    institucion = models.ForeignKey(
        "instituciones.Institucion", on_delete=models.PROTECT, null=True, blank=True,
        related_name="usuarios", verbose_name=_("institución"),
        help_text=_("Obligatoria para los enlaces institucionales: solo actúan por esta institución."),
    )
    recibe_avisos = models.BooleanField(
        _("recibe avisos por correo"), default=True,
        help_text=_("La coordinación puede dar de baja a una persona de los avisos de plazos."),
    )

    # Optimistic locking of the people pages: bumped by the services that change a
    # person (cuentas.services), not by every save, so signing in (which writes
    # last_login) does not invalidate a form coordination has open.
    version = models.PositiveIntegerField(_("versión"), default=1, editable=False)

    objects = UsuarioManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("persona usuaria")
        verbose_name_plural = _("personas usuarias")
        ordering = ["username"]
        constraints = [
            choices_constraint("rol", [*RolUsuario.choices, ("", "")], name="usuario_rol_valido"),
            # People sign in with either; neither may name two accounts.
            models.UniqueConstraint(
                Lower("username"), name="usuario_nombre_unico_sin_mayusculas",
                violation_error_message=_("Ya existe una cuenta con ese nombre de usuario."),
            ),
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="usuario_correo_unico_sin_mayusculas",
                violation_error_code="correo_duplicado",
                violation_error_message=_("Ya existe una cuenta con ese correo electrónico."),
            ),
            # An officer acts for exactly one institution; nobody else is bound to one.
            models.CheckConstraint(
                condition=(Q(rol="enlace") & Q(institucion__isnull=False))
                | (~Q(rol="enlace") & Q(institucion__isnull=True)),
                name="usuario_enlace_con_institucion",
                violation_error_message=_(
                    "Un enlace institucional debe tener institución, y solo los enlaces la tienen."
                ),
            ),
        ]

    def __str__(self):
        return self.nombre_visible

    @property
    def nombre_visible(self):
        """How pages name a person: full name, the user name only when there is none."""
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.rol == RolUsuario.ENLACE and not self.institucion_id:
            raise ValidationError({"institucion": _("Indique la institución del enlace.")}, code="sin_institucion")
        if self.rol != RolUsuario.ENLACE and self.institucion_id:
            raise ValidationError(
                {"institucion": _("Solo los enlaces institucionales se vinculan a una institución.")},
                code="institucion_sobrante",
            )

    def save(self, *args, **kwargs):
        # Django's own admin checks is_staff; it follows the role so there is a
        # single source of truth (the role) for who may administer.
        self.is_staff = self.is_superuser or self.rol == RolUsuario.COORDINACION
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ("rol" in update_fields or "is_superuser" in update_fields):
            kwargs["update_fields"] = {*update_fields, "is_staff"}
        super().save(*args, **kwargs)


@pghistory.track(append_only=True)
class Invitacion(models.Model):
    """The invitation by which a person sets their own password: who invited them, when
    it was last sent (resending invalidates older links) and when it was accepted."""

    usuario = models.OneToOneField(
        Usuario, on_delete=models.PROTECT, related_name="invitacion", verbose_name=_("persona invitada"),
    )
    invitada_por = models.ForeignKey(
        Usuario, on_delete=models.PROTECT, related_name="invitaciones_enviadas", verbose_name=_("invitada por"),
    )
    creada = models.DateTimeField(_("invitada el"), default=timezone.now)
    enviada = models.DateTimeField(
        _("último envío"), default=timezone.now,
        help_text=_("El enlace vence a partir de esta fecha; reenviar la invitación invalida los enlaces anteriores."),
    )
    envios = models.PositiveSmallIntegerField(_("envíos"), default=1)
    aceptada = models.DateTimeField(_("aceptada el"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        ordering = ["-creada"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enviada__gte=F("creada")), name="invitacion_envio_posterior_a_creacion",
                violation_error_message=_("El último envío no puede ser anterior a la invitación."),
            ),
            models.CheckConstraint(
                condition=Q(aceptada__isnull=True) | Q(aceptada__gte=F("enviada")),
                name="invitacion_aceptada_tras_envio",
                violation_error_message=_("Una invitación no se acepta antes de enviarse."),
            ),
            models.CheckConstraint(
                condition=Q(envios__gte=1), name="invitacion_al_menos_un_envio",
                violation_error_message=_("Una invitación se envía al menos una vez."),
            ),
        ]

    def __str__(self):
        return str(self.usuario)

    @property
    def vence(self):
        return self.enviada + vigencia_de_invitacion()


class TokenAPIQuerySet(models.QuerySet):
    def vigentes(self):
        from django.utils import timezone

        return self.filter(revocado_en__isnull=True).filter(
            models.Q(expira_en__isnull=True) | models.Q(expira_en__gt=timezone.now())
        )


@pghistory.track(append_only=True)
class TokenAPI(models.Model):
    """A per-person API token, issued and revoked by coordination; only its hash is kept."""

    usuario = models.ForeignKey(Usuario, on_delete=models.PROTECT, related_name="tokens_api", verbose_name=_("persona"))
    nombre = models.CharField(
        _("uso"), max_length=100, validators=[validar_sin_html],
        help_text=_("Para qué sistema o persona se emite, p. ej. «Sistema de la UIG de la SHCP»."),
    )
    prefijo = models.CharField(_("prefijo"), max_length=8, editable=False, help_text=_("Primeros caracteres, para reconocerlo."))
    huella = models.CharField(_("huella SHA-256"), max_length=64, unique=True, editable=False)
    creado = models.DateTimeField(_("emitido"), auto_now_add=True)
    expira_en = models.DateTimeField(_("vence"), null=True, blank=True, help_text=_("Vacío: no vence."))
    revocado_en = models.DateTimeField(_("revocado"), null=True, blank=True)
    ultimo_uso = models.DateTimeField(_("último uso"), null=True, blank=True)

    objects = TokenAPIQuerySet.as_manager()

    class Meta:
        verbose_name = _("token de API")
        verbose_name_plural = _("tokens de API")
        ordering = ["-creado"]

    def __str__(self):
        return f"{self.prefijo}… ({self.nombre})"

    @staticmethod
    def huella_de(clave):
        import hashlib

        return hashlib.sha256(clave.encode()).hexdigest()

    @classmethod
    def emitir(cls, *, usuario, nombre, expira_en=None):
        """Create a token and return ``(token, clave)``: the clave is shown once, never stored."""
        import secrets

        clave = secrets.token_urlsafe(32)
        token = cls(usuario=usuario, nombre=nombre, expira_en=expira_en, prefijo=clave[:8], huella=cls.huella_de(clave))
        token.full_clean()
        token.save()
        return token, clave
