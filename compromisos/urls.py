from django.urls import path

from . import views

app_name = "compromisos"

urlpatterns = [
    path("pendientes/", views.PendientesView.as_view(), name="pendientes"),
    path("revision/", views.RevisionView.as_view(), name="revision"),
    path("seguimientos/<int:pk>/", views.SeguimientoDetailView.as_view(), name="seguimiento"),
    path("seguimientos/<int:pk>/estatus/", views.SeguimientoEstatusView.as_view(), name="seguimiento_estatus"),
    path("seguimientos/<int:pk>/reportes/nuevo/", views.ReporteCrearView.as_view(), name="reporte_nuevo"),
    path("seguimientos/<int:pk>/evidencias/nueva/", views.EvidenciaSubirView.as_view(), name="evidencia_nueva"),
    path("seguimientos/<int:pk>/observaciones/nueva/", views.ObservacionCrearView.as_view(), name="observacion_nueva"),
    path("evidencias/<int:pk>/descargar/", views.EvidenciaDescargarView.as_view(), name="evidencia_descargar"),
    path("evidencias/<int:pk>/retirar/", views.EvidenciaRetirarView.as_view(), name="evidencia_retirar"),
    path("evidencias/<int:pk>/revisar/", views.EvidenciaRevisarView.as_view(), name="evidencia_revisar"),
    path("reportes/<int:pk>/revisar/", views.ReporteRevisarView.as_view(), name="reporte_revisar"),
    path("reportes/<int:pk>/comentarios/nuevo/", views.ComentarioCrearView.as_view(), name="comentario_nuevo"),
]
