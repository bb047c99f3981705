from django.urls import path

from . import views

app_name = "informes"

urlpatterns = [
    path("", views.InformeListaView.as_view(), name="lista"),
    path("<int:anio>/vista-previa/", views.InformeVistaPreviaView.as_view(), name="vista_previa"),
    path("<int:anio>/pdf/", views.InformePDFView.as_view(), name="pdf"),
    path("<int:anio>/anexo.csv", views.AnexoView.as_view(formato="csv"), name="anexo_csv"),
    path("<int:anio>/anexo.xlsx", views.AnexoView.as_view(formato="xlsx"), name="anexo_xlsx"),
    path("<int:anio>/textos/", views.TextoInformeView.as_view(), name="textos"),
]
