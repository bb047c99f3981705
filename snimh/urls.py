from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("cuentas/", include("cuentas.urls")),
    path("", include("acuerdos.urls")),
    path("admin/", admin.site.urls),
]
