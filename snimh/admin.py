from django import forms
from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from snimh import admin_gramatica, permisos
from snimh.db import EdicionConcurrente


class AutenticacionAdminForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        if not permisos.puede_administrar(user):
            raise ValidationError(
                _("Esta cuenta no tiene acceso a la administración del sistema."), code="sin_acceso",
            )


@admin.action(permissions=["delete"], description=_("Delete selected %(verbose_name_plural)s"))
def eliminar_seleccionados(modeladmin, request, queryset):
    """Django's bulk deletion, with its confirmation question agreeing with the model."""
    respuesta = delete_selected(modeladmin, request, queryset)
    if isinstance(respuesta, TemplateResponse):
        respuesta.context_data["pregunta"] = admin_gramatica.confirmar_eliminar_seleccionados(
            modeladmin.model, len(respuesta.context_data["queryset"]),
        )
    return respuesta


class SnimhAdminSite(admin.AdminSite):
    """The admin: coordination only, as snimh/permisos.py decides."""

    site_header = _("Seguimiento de acuerdos del SNIMH")
    site_title = _("SNIMH · Administración")
    index_title = _("Administración del registro")
    login_form = AutenticacionAdminForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._actions["delete_selected"] = self._global_actions["delete_selected"] = eliminar_seleccionados

    def has_permission(self, request):
        return permisos.puede_administrar(request.user)


class EspanolAdminMixin:
    """The admin's sentences that name the model, in Spanish that agrees with its
    gender (snimh/admin_gramatica.py), through the ModelAdmin's own hooks: messages
    pass through ``message_user``, titles through the context of each view."""

    def message_user(self, request, message, *args, **kwargs):
        return super().message_user(request, admin_gramatica.traducir_mensaje(self.model, message), *args, **kwargs)

    def _frase(self, clave, **valores):
        return admin_gramatica.frase(clave, self.model, **valores)

    def changelist_view(self, request, extra_context=None):
        respuesta = super().changelist_view(request, extra_context=extra_context)
        contexto = getattr(respuesta, "context_data", None)
        if contexto and "cl" in contexto:
            contexto["title"] = self._frase(
                "titulo_lista_modificar" if self.has_change_permission(request) else "titulo_lista_consultar"
            )
            contexto["seleccionar_todos"] = self._frase("seleccionar_todos", total=contexto["cl"].result_count)
        return respuesta

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            context["title"] = self._frase("titulo_agregar")
        elif not self.has_change_permission(request, obj):
            context["title"] = format_html(gettext("Consultar {name}"), name=self.opts.verbose_name)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def render_delete_form(self, request, context):
        objeto = context["object"]
        bloqueado = context["perms_lacking"] or context["protected"]
        context.update(
            title=self._frase("titulo_no_se_puede_eliminar" if bloqueado else "titulo_eliminar"),
            pregunta=self._frase("confirmar_eliminar", obj=objeto),
            frase_protegido=self._frase("eliminar_protegido", obj=objeto),
            frase_sin_permiso=self._frase("eliminar_sin_permiso", obj=objeto),
        )
        return super().render_delete_form(request, context)

    def get_action_choices(self, request, *args, **kwargs):
        accion = self._frase("accion_eliminar")
        return [(nombre, accion if nombre == "delete_selected" else descripcion)
                for nombre, descripcion in super().get_action_choices(request, *args, **kwargs)]


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


class ModelAdmin(PermisosAdminMixin, EspanolAdminMixin, admin.ModelAdmin):
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
