from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("Seguimiento de acuerdos del SNIMH")
admin.site.site_title = _("SNIMH · INMUJERES")
admin.site.index_title = _("Administración del registro")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
