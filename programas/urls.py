from django.urls import path

from . import views

app_name = "programas"

urlpatterns = [
    path("", views.ProgramaListView.as_view(), name="lista"),
    path("coordinadas/", views.CoordinadasView.as_view(), name="coordinadas"),
    path("recomendaciones/", views.RecomendacionesListView.as_view(), name="recomendaciones"),
    path("recomendaciones/nuevas/", views.RecomendacionesComponerView.as_view(), name="recomendaciones_nuevas"),
    path("recomendaciones/<int:pk>/", views.RecomendacionesDetalleView.as_view(), name="recomendaciones_detalle"),
    path("seguimientos/<int:pk>/plan/", views.PlanView.as_view(), name="plan"),
    path("seguimientos/<int:pk>/reportar/", views.ReportarView.as_view(), name="reportar"),
    path("<slug:clave>/", views.ProgramaDetailView.as_view(), name="detalle"),
    path("<slug:clave>/objetivos/<int:numero>/", views.ObjetivoView.as_view(), name="objetivo"),
    path("<slug:clave>/estrategias/<str:numero>/", views.EstrategiaView.as_view(), name="estrategia"),
    path("<slug:clave>/lineas/<str:numero>/", views.LineaView.as_view(), name="linea"),
    path("<slug:clave>/exportar.<str:formato>", views.ExportarView.as_view(), name="exportar"),
    path("<slug:clave>/importar/", views.ImportarView.as_view(), name="importar"),
    path("<slug:clave>/tablero/", views.TableroView.as_view(), name="tablero"),
    path("<slug:clave>/informe/<int:anio>/<int:semestre>.pdf", views.InformeSemestralView.as_view(),
         name="informe_semestral"),
    path("<slug:clave>/semaforo/", views.SemaforoView.as_view(), name="semaforo"),
    path("<slug:clave>/semaforo/configurar/", views.SemaforoConfigurarView.as_view(), name="semaforo_configurar"),
    path("<slug:clave>/lineas/<str:numero>/alinear/", views.AlinearView.as_view(), name="alinear"),
    path("<slug:clave>/lineas/<str:numero>/puntajes/", views.PuntajesView.as_view(), name="puntajes"),
]
