from django.urls import path

from . import views

app_name = "recomendaciones"

urlpatterns = [
    path("", views.RecomendacionListaView.as_view(), name="lista"),
    path("nueva/", views.RecomendacionCrearView.as_view(), name="nueva"),
    path("<int:pk>/", views.RecomendacionDetalleView.as_view(), name="detalle"),
    path("<int:pk>/editar/", views.RecomendacionEditarView.as_view(), name="editar"),
    path("<int:pk>/estatus/", views.RecomendacionEstatusView.as_view(), name="estatus"),
    path("mesas/nueva/", views.MesaCrearView.as_view(), name="mesa_nueva"),
    path("mesas/<int:pk>/", views.MesaDetalleView.as_view(), name="mesa"),
    path("mesas/<int:pk>/editar/", views.MesaEditarView.as_view(), name="mesa_editar"),
    path("exportar.csv", views.ExportarView.as_view(formato="csv"), name="exportar_csv"),
    path("exportar.xlsx", views.ExportarView.as_view(formato="xlsx"), name="exportar_xlsx"),
    path("importar/", views.ImportarView.as_view(), name="importar"),
    path("informe-medio-termino.pdf", views.InformeMedioTerminoView.as_view(formato="pdf"), name="informe_pdf"),
    path("informe-medio-termino.xlsx", views.InformeMedioTerminoView.as_view(formato="xlsx"), name="informe_xlsx"),
]
