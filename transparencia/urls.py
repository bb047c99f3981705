from django.urls import path

from . import views

app_name = "transparencia"

urlpatterns = [
    path("", views.TransparenciaView.as_view(), name="lista"),
    path("acuerdos.csv", views.DescargaView.as_view(tabla="acuerdos", formato="csv"), name="acuerdos_csv"),
    path("acuerdos.xlsx", views.DescargaView.as_view(tabla="acuerdos", formato="xlsx"), name="acuerdos_xlsx"),
    path("acuerdos.json", views.DescargaView.as_view(tabla="acuerdos", formato="json"), name="acuerdos_json"),
    path("responsables.csv", views.DescargaView.as_view(tabla="responsables", formato="csv"), name="responsables_csv"),
    path("responsables.xlsx", views.DescargaView.as_view(tabla="responsables", formato="xlsx"),
         name="responsables_xlsx"),
    path("responsables.json", views.DescargaView.as_view(tabla="responsables", formato="json"),
         name="responsables_json"),
    path("acuerdos/<int:numero>/", views.AcuerdoPublicoView.as_view(), name="acuerdo"),
    path("sesiones/", views.SesionesPublicasView.as_view(), name="sesiones"),
    path("sesiones/<str:tipo>/<int:numero>/", views.SesionPublicaView.as_view(), name="sesion"),
    path("instituciones/", views.InstitucionesPublicasView.as_view(), name="instituciones"),
    path("instituciones/<int:pk>/", views.InstitucionPublicaView.as_view(), name="institucion"),
    path("datos/", views.DatosAbiertosView.as_view(), name="datos"),
    path("datos/diccionario.csv", views.DiccionarioView.as_view(), name="diccionario"),
]
