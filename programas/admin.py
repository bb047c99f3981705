"""Programmes in the admin: coordination keeps the catalogue of programmes and objectives
here; strategies and action lines come in through the import (``import_programa`` or its
page), which checks a whole file at once, so the admin only reads them."""

from django.contrib import admin

from snimh.admin import ModelAdmin, TabularInline

from .models import Estrategia, LineaAccion, Objetivo, Programa


class ObjetivoInline(TabularInline):
    model = Objetivo
    extra = 0


@admin.register(Programa)
class ProgramaAdmin(ModelAdmin):
    list_display = ["clave", "nombre", "fecha_publicacion", "vigente"]
    search_fields = ["clave", "nombre"]
    inlines = [ObjetivoInline]


@admin.register(Objetivo)
class ObjetivoAdmin(ModelAdmin):
    list_display = ["programa", "numero", "texto"]
    list_filter = ["programa"]
    search_fields = ["texto"]
    list_select_related = ["programa"]


@admin.register(Estrategia)
class EstrategiaAdmin(ModelAdmin):
    list_display = ["numero", "texto", "objetivo"]
    list_filter = ["objetivo__programa"]
    search_fields = ["numero", "texto"]
    list_select_related = ["objetivo__programa"]
    solo_lectura = True


@admin.register(LineaAccion)
class LineaAccionAdmin(ModelAdmin):
    list_display = ["numero", "tipo_accion", "coordinadora", "estatus"]
    list_filter = ["tipo_accion", "estatus", "estrategia__objetivo__programa"]
    search_fields = ["numero", "texto", "coordinadora__siglas", "coordinadora__nombre"]
    list_select_related = ["coordinadora"]
    solo_lectura = True
