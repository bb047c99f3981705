from django.urls import path

from . import views

app_name = "acuerdos"

urlpatterns = [
    path("tablero/", views.TableroView.as_view(), name="tablero"),
    path("acuerdos/", views.AcuerdoListView.as_view(), name="lista"),
    path("acuerdos/exportar.csv", views.AcuerdoExportarView.as_view(formato="csv"), name="exportar_csv"),
    path("acuerdos/exportar.xlsx", views.AcuerdoExportarView.as_view(formato="xlsx"), name="exportar_xlsx"),
    path("pendientes/", views.PendientesView.as_view(), name="pendientes"),
    path("revision/", views.RevisionView.as_view(), name="revision"),
    path("acuerdos/<int:numero>/", views.AcuerdoDetailView.as_view(), name="detalle"),
    path("acuerdos/<int:numero>/estatus/", views.AcuerdoCambiarEstatusView.as_view(), name="cambiar_estatus"),
    path("seguimientos/<int:pk>/", views.SeguimientoDetailView.as_view(), name="seguimiento"),
    path("seguimientos/<int:pk>/estatus/", views.SeguimientoEstatusView.as_view(), name="seguimiento_estatus"),
    path("seguimientos/<int:pk>/reportes/nuevo/", views.ReporteCrearView.as_view(), name="reporte_nuevo"),
    path("seguimientos/<int:pk>/evidencias/nueva/", views.EvidenciaSubirView.as_view(), name="evidencia_nueva"),
    path("seguimientos/<int:pk>/observaciones/nueva/", views.ObservacionCrearView.as_view(), name="observacion_nueva"),
    path("evidencias/<int:pk>/descargar/", views.EvidenciaDescargarView.as_view(), name="evidencia_descargar"),
    path("evidencias/<int:pk>/retirar/", views.EvidenciaRetirarView.as_view(), name="evidencia_retirar"),
    path("evidencias/<int:pk>/revisar/", views.EvidenciaRevisarView.as_view(), name="evidencia_revisar"),
    path("reportes/<int:pk>/revisar/", views.ReporteRevisarView.as_view(), name="reporte_revisar"),
    path("sesiones/<int:pk>/acuerdos/nuevo/", views.AcuerdoCrearView.as_view(), name="nuevo"),
    path("sesiones/<int:pk>/seguimiento/preparar/", views.SesionPrepararSeguimientoView.as_view(),
         name="sesion_preparar"),
    path("sesiones/<int:pk>/seguimiento/revisados/", views.SesionRevisadosView.as_view(), name="sesion_revisados"),
    path("acuerdos/<int:numero>/editar/", views.AcuerdoEditarView.as_view(), name="editar"),
    path("acuerdos/<int:numero>/sin-materia/", views.AcuerdoRetirarView.as_view(), name="retirar"),
    path("acuerdos/<int:numero>/incorporar/", views.OtorgarRolView.as_view(), name="otorgar_rol"),
    path("importar/", views.ImportarView.as_view(), name="importar"),
    path("importar/plantilla.xlsx", views.PlantillaImportacionView.as_view(), name="importar_plantilla"),
]
