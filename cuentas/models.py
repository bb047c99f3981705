import pghistory
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from snimh.db import choices_constraint
from snimh.validators import validar_sin_html


class RolUsuario(models.TextChoices):
    """What a person may do in the system; see snimh/permisos.py and docs/permissions.md."""

    COORDINACION = "coordinacion", _("Coordinación (INMUJERES)")
    ENLACE = "enlace", _("Enlace institucional (UIG)")
    CONSULTA = "consulta", _("Consulta")


class UsuarioManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("rol", RolUsuario.COORDINACION)
        return super().create_superuser(username, email, password, **extra_fields)


@pghistory.track(
    pghistory.InsertEvent(),
    # Log-ins update last_login; only changes of identity, role or binding matter.
    pghistory.UpdateEvent(condition=pghistory.AnyChange(
        "username", "email", "rol", "institucion", "is_active", "is_superuser", "recibe_avisos",
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

    objects = UsuarioManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("persona usuaria")
        verbose_name_plural = _("personas usuarias")
        ordering = ["username"]
        constraints = [
            choices_constraint("rol", [*RolUsuario.choices, ("", "")], name="usuario_rol_valido"),
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
