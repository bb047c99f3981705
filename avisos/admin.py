from django.contrib import admin

from snimh.admin import ModelAdmin

from .models import RecordatorioEnviado


@admin.register(RecordatorioEnviado)
class RecordatorioEnviadoAdmin(ModelAdmin):
    """What was sent to whom; deleting a row lets that reminder go out again."""

    list_display = ["usuario", "clave", "enviado"]
    search_fields = ["usuario__username", "clave"]
    list_select_related = ["usuario"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
