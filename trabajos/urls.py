from django.urls import path

from . import views

app_name = "trabajos"

urlpatterns = [
    path("trabajos/", views.TrabajoListaView.as_view(), name="lista"),
    path("trabajos/<uuid:pk>/", views.TrabajoDetalleView.as_view(), name="detalle"),
    path("trabajos/<uuid:pk>/estado.json", views.TrabajoEstadoView.as_view(), name="estado"),
    path("trabajos/<uuid:pk>/descargar/", views.TrabajoDescargarView.as_view(), name="descargar"),
    path("trabajos/exportar-acuerdos/", views.ExportarAcuerdosView.as_view(), name="exportar_acuerdos"),
]
