from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from snimh.admin import PermisosAdminMixin

from .models import TokenAPI, Usuario


@admin.register(Usuario)
class UsuarioAdmin(PermisosAdminMixin, UserAdmin):
    """Coordination manages people, their role and the officer–institution binding."""

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
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "email", "rol", "institucion", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


# Roles are a field of the user (one role per person, enforced by the database),
# so Django's groups would be a second, contradicting source of truth.
admin.site.unregister(Group)


# Lockouts (django-axes) reviewed by coordination through the same permissions.
for _modelo in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_modelo):
        admin.site.unregister(_modelo)


@admin.register(AccessAttempt)
class IntentoAccesoAdmin(PermisosAdminMixin, AccessAttemptAdmin):
    """Deleting an attempt record lifts that lockout."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class RegistroAccesoAdmin(PermisosAdminMixin, AccessLogAdmin):
    solo_lectura = True


@admin.register(AccessFailureLog)
class RegistroFallosAdmin(PermisosAdminMixin, AccessFailureLogAdmin):
    solo_lectura = True


@admin.register(TokenAPI)
class TokenAPIAdmin(PermisosAdminMixin, admin.ModelAdmin):
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
        from django.utils import timezone

        n = queryset.filter(revocado_en__isnull=True).update(revocado_en=timezone.now())
        self.message_user(request, _("%(n)s token(s) revocado(s).") % {"n": n}, messages.SUCCESS)
