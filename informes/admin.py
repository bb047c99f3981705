from django.contrib import admin

from snimh.admin import ModelAdmin

from .models import TextoInforme


@admin.register(TextoInforme)
class TextoInformeAdmin(ModelAdmin):
    list_display = ["anio", "actualizado"]
