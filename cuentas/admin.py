from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from snimh.admin import PermisosAdminMixin

from .models import Usuario


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
