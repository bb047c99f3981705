from django.urls import path

from . import views

app_name = "acuerdos"

urlpatterns = [
    path("tablero/", views.TableroView.as_view(), name="tablero"),
    path("acuerdos/", views.AcuerdoListView.as_view(), name="lista"),
    path("acuerdos/exportar.csv", views.AcuerdoExportarView.as_view(formato="csv"), name="exportar_csv"),
    path("acuerdos/exportar.xlsx", views.AcuerdoExportarView.as_view(formato="xlsx"), name="exportar_xlsx"),
    path("acuerdos/<int:numero>/", views.AcuerdoDetailView.as_view(), name="detalle"),
    path("acuerdos/<int:numero>/estatus/", views.AcuerdoCambiarEstatusView.as_view(), name="cambiar_estatus"),
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
