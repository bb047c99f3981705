from django.urls import path

from . import views

app_name = "sesiones"

urlpatterns = [
    path("", views.SesionListView.as_view(), name="lista"),
    path("nueva/", views.SesionCrearView.as_view(), name="nueva"),
    path("<int:pk>/", views.SesionDetailView.as_view(), name="detalle"),
    path("<int:pk>/editar/", views.SesionEditarView.as_view(), name="editar"),
    path("<int:pk>/estado/", views.SesionEstadoView.as_view(), name="estado"),
    path("<int:pk>/asistencia/", views.AsistenciaView.as_view(), name="asistencia"),
    path("<int:pk>/acta/", views.ActaDescargarView.as_view(), name="acta"),
    path("<int:pk>/acta/subir/", views.ActaSubirView.as_view(), name="acta_subir"),
    path("<int:pk>/acta/aprobar/", views.ActaAprobarView.as_view(), name="acta_aprobar"),
]
