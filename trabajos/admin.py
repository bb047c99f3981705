from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from snimh.admin import ModelAdmin

from .models import Trabajo

# The queue's own table is plumbing: the jobs people asked for, with their progress,
# result and error (and the technical trace), are shown below, in Spanish.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(Trabajo)
class TrabajoAdmin(ModelAdmin):
    """Read only: jobs are asked for from the pages and run by the workers."""

    list_display = ["descripcion", "tipo", "estado", "iniciado_por", "creado", "terminado", "trabajador"]
    list_filter = ["tipo", "estado"]
    search_fields = ["descripcion", "iniciado_por__username", "error"]
    list_select_related = ["iniciado_por"]
    date_hierarchy = "creado"
    solo_lectura = True
