from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from snimh.admin import ModelAdmin, TabularInline

from .models import ArchivoPublicado, InformePublicado, TextoInforme


@admin.register(TextoInforme)
class TextoInformeAdmin(ModelAdmin):
    list_display = ["anio", "actualizado"]


@admin.display(description=_("descarga pública"))
def _descarga(archivo):
    # The storage has no public URL: files leave through the checked download view.
    return format_html('<a href="{}">{}</a>', archivo.get_absolute_url(), archivo.nombre_de_descarga)


class ArchivoPublicadoInline(TabularInline):
    model = ArchivoPublicado
    fields = ["formato", _descarga, "tamano", "sha256"]
    readonly_fields = [_descarga]
    extra = 0
    solo_lectura = True


@admin.register(InformePublicado)
class InformePublicadoAdmin(ModelAdmin):
    """Published versions are frozen (the database refuses changes): the admin only shows
    them. Publishing and correcting are done from the annual report's page."""

    list_display = ["anio", "version", "publicado_en", "publicado_por", "paginas", "acuerdos"]
    list_filter = ["anio"]
    list_select_related = ["publicado_por"]
    inlines = [ArchivoPublicadoInline]
    solo_lectura = True


@admin.register(ArchivoPublicado)
class ArchivoPublicadoAdmin(ModelAdmin):
    list_display = ["__str__", "formato", "tamano", "sha256"]
    list_filter = ["formato", "publicacion__anio"]
    list_select_related = ["publicacion"]
    fields = ["publicacion", "formato", _descarga, "tamano", "sha256"]
    readonly_fields = [_descarga]
    solo_lectura = True
