from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from snimh.admin import EspanolAdminMixin, ModelAdmin, PermisosAdminMixin

from .models import Invitacion, TokenAPI, Usuario


@admin.register(Usuario)
class UsuarioAdmin(PermisosAdminMixin, EspanolAdminMixin, UserAdmin):
    """A back office for people's accounts. Coordination invites people from the app's
    own pages (cuentas:persona_invitar), where nobody types a password for someone
    else, so the admin adds none."""

    sin_borrado = True  # people leave by deactivation, so their signatures stay valid
    list_display = ["username", "first_name", "last_name", "email", "rol", "institucion", "is_active"]
    list_filter = ["rol", "is_active", "recibe_avisos"]
    search_fields = ["username", "first_name", "last_name", "email", "institucion__siglas"]
    autocomplete_fields = ["institucion"]
    list_select_related = ["institucion"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Datos personales"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Rol en el sistema"), {"fields": ["rol", "institucion", "is_active", "recibe_avisos"]}),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def has_add_permission(self, request, *args):
        return False

    def save_model(self, request, obj, form, change):
        # A change here makes any form open on the people pages stale (optimistic locking).
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Invitacion)
class InvitacionAdmin(ModelAdmin):
    """Written by the invitation services only; shown for audits."""

    solo_lectura = True
    list_display = ["usuario", "invitada_por", "creada", "enviada", "envios", "aceptada"]
    list_filter = ["aceptada"]
    search_fields = ["usuario__first_name", "usuario__last_name", "usuario__email"]
    list_select_related = ["usuario", "invitada_por"]


# Roles are a field of the user (one role per person, enforced by the database),
# so Django's groups would be a second, contradicting source of truth.
admin.site.unregister(Group)


# Lockouts (django-axes) reviewed by coordination through the same permissions.
for _modelo in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_modelo):
        admin.site.unregister(_modelo)


@admin.register(AccessAttempt)
class IntentoAccesoAdmin(PermisosAdminMixin, EspanolAdminMixin, AccessAttemptAdmin):
    """Deleting an attempt record lifts that lockout."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Limpiar los intentos vencidos"))
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes' own action says it in English, without plural forms.
        n = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, ngettext(
            "Se eliminó %(n)d intento de acceso vencido.", "Se eliminaron %(n)d intentos de acceso vencidos.", n,
        ) % {"n": n}, messages.SUCCESS)


@admin.register(AccessLog)
class RegistroAccesoAdmin(PermisosAdminMixin, EspanolAdminMixin, AccessLogAdmin):
    solo_lectura = True


@admin.register(AccessFailureLog)
class RegistroFallosAdmin(PermisosAdminMixin, EspanolAdminMixin, AccessFailureLogAdmin):
    solo_lectura = True


@admin.register(TokenAPI)
class TokenAPIAdmin(ModelAdmin):
    """Coordination issues a token (the key is shown once) and revokes it; tokens are never deleted."""

    sin_borrado = True
    list_display = ["prefijo", "nombre", "usuario", "creado", "expira_en", "revocado_en", "ultimo_uso"]
    list_filter = ["revocado_en"]
    search_fields = ["nombre", "prefijo", "usuario__username"]
    autocomplete_fields = ["usuario"]
    readonly_fields = ["prefijo", "creado", "revocado_en", "ultimo_uso"]
    actions = ["revocar"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["usuario", "nombre", "expira_en"]
        return ["usuario", "nombre", "prefijo", "creado", "expira_en", "revocado_en", "ultimo_uso"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else [*self.readonly_fields, "usuario", "nombre"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, clave = TokenAPI.emitir(usuario=obj.usuario, nombre=obj.nombre, expira_en=obj.expira_en)
        obj.pk = token.pk
        obj._state.adding = False
        self.message_user(
            request,
            _("Token emitido. Cópielo ahora, no se volverá a mostrar: %(clave)s") % {"clave": clave},
            messages.WARNING,
        )

    @admin.action(description=_("Revocar los tokens seleccionados"))
    def revocar(self, request, queryset):
        n = queryset.filter(revocado_en__isnull=True).update(revocado_en=timezone.now())
        self.message_user(request, ngettext("Se revocó %(n)d token.", "Se revocaron %(n)d tokens.", n) % {"n": n},
                          messages.SUCCESS)
