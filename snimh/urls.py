from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("salud/", views.salud, name="salud"),
    path("cuentas/", include("cuentas.urls")),
    path("api/", include("snimh.api_urls")),
    # /informes/ (internal) and /transparencia/informes/ (public).
    path("", include("informes.urls")),
    path("sesiones/", include("sesiones.urls")),
    path("programas/", include("programas.urls")),
    path("instituciones/", include("instituciones.urls")),
    path("transparencia/", include("transparencia.urls")),
    # /cuestionarios/ (internal) and /transparencia/cuestionarios/ (public results).
    path("", include("cuestionarios.urls")),
    path("recomendaciones/", include("recomendaciones.urls")),
    path("", include("compromisos.urls")),
    path("", include("acuerdos.urls")),
    # /trabajos/: background jobs, their progress and results.
    path("", include("trabajos.urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer JSON, elsewhere the project's Spanish pages.
handler400 = "snimh.views.error_400"
handler403 = "snimh.views.error_403"
handler404 = "snimh.views.error_404"
handler500 = "snimh.views.error_500"
