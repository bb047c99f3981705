from django.urls import path

from . import views

app_name = "informes"

urlpatterns = [
    # Coordination and consulta: the report generated from the live record.
    path("informes/", views.InformeListaView.as_view(), name="lista"),
    path("informes/<int:anio>/vista-previa/", views.InformeVistaPreviaView.as_view(), name="vista_previa"),
    path("informes/<int:anio>/pdf/", views.InformePDFView.as_view(), name="pdf"),
    path("informes/<int:anio>/anexo.csv", views.AnexoView.as_view(formato="csv"), name="anexo_csv"),
    path("informes/<int:anio>/anexo.xlsx", views.AnexoView.as_view(formato="xlsx"), name="anexo_xlsx"),
    path("informes/<int:anio>/anexo/preparar/", views.AnexoPrepararView.as_view(), name="anexo_preparar"),
    path("informes/<int:anio>/textos/", views.TextoInformeView.as_view(), name="textos"),
    path("informes/<int:anio>/publicar/", views.PublicarInformeView.as_view(), name="publicar"),
    # Everyone: the published reports, frozen.
    path("transparencia/informes/", views.InformesPublicadosView.as_view(), name="publicados"),
    path("transparencia/informes/<int:anio>/v<int:version>/<str:nombre>", views.DescargaPublicadaView.as_view(),
         name="descargar_publicado"),
]
