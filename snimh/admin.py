from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from snimh import permisos
from snimh.db import EdicionConcurrente


class AutenticacionAdminForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        if not permisos.puede_administrar(user):
            raise ValidationError(
                _("Esta cuenta no tiene acceso a la administración del sistema."), code="sin_acceso",
            )


class SnimhAdminSite(admin.AdminSite):
    """The admin: coordination only, as snimh/permisos.py decides."""

    site_header = _("Seguimiento de acuerdos del SNIMH")
    site_title = _("SNIMH · INMUJERES")
    index_title = _("Administración del registro")
    login_form = AutenticacionAdminForm

    def has_permission(self, request):
        return permisos.puede_administrar(request.user)


class PermisosAdminMixin:
    """Model admin permissions answered by snimh/permisos.py, not by per-model perms.

    ``solo_lectura``: history-like records nobody edits through the app.
    ``sin_borrado``: records that are withdrawn or closed, never deleted.
    """

    solo_lectura = False
    sin_borrado = False

    def has_module_permission(self, request):
        return permisos.puede_administrar(request.user)

    def has_view_permission(self, request, obj=None):
        return permisos.puede_administrar(request.user)

    def has_add_permission(self, request, *args):
        return permisos.puede_administrar(request.user) and not self.solo_lectura

    def has_change_permission(self, request, obj=None):
        return permisos.puede_administrar(request.user) and not self.solo_lectura

    def has_delete_permission(self, request, obj=None):
        return permisos.puede_administrar(request.user) and not (self.solo_lectura or self.sin_borrado)


class ModelAdmin(PermisosAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(PermisosAdminMixin, admin.TabularInline):
    pass


class StackedInline(PermisosAdminMixin, admin.StackedInline):
    pass


class VersionAdminForm(forms.ModelForm):
    """Admin form for versioned models: refuses a submission based on an old version.

    The admin reloads the object on POST, so without the version the user saw a
    concurrent change would be silently overwritten.
    """

    version_vista = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_vista"].initial = self.instance.version

    def clean(self):
        datos = super().clean()
        if self.instance.pk and self.has_changed():
            vista = datos.get("version_vista")
            actual = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if vista is None or vista != actual:
                raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")
            self.instance.version = vista
        return datos


def enlace_de_descarga(campo_archivo, nombre_url, campo_nombre):
    """A read-only admin column that links a stored document to the app's permission-checked
    download (the storage has no public URL, so Django's own file link would answer 404).
    Uploading and replacing the file is done in the app, which checks its content."""
    from django.urls import reverse
    from django.utils.html import format_html

    @admin.display(description=_("archivo"))
    def enlace(self, obj):
        if obj is None or obj.pk is None or not getattr(obj, campo_archivo):
            return "—"
        return format_html('<a href="{}">{}</a>', reverse(nombre_url, args=[obj.pk]),
                           getattr(obj, campo_nombre) or _("Descargar"))

    return enlace
