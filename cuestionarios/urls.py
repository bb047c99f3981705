from django.urls import path

from . import views

app_name = "cuestionarios"

urlpatterns = [
    path("cuestionarios/", views.CuestionarioListView.as_view(), name="lista"),
    path("cuestionarios/nuevo/", views.CuestionarioCrearView.as_view(), name="nuevo"),
    path("cuestionarios/secciones/<int:pk>/editar/", views.SeccionFormView.as_view(), name="seccion_editar"),
    path("cuestionarios/secciones/<int:pk>/mover/", views.SeccionMoverView.as_view(), name="seccion_mover"),
    path("cuestionarios/secciones/<int:pk>/quitar/", views.SeccionEliminarView.as_view(), name="seccion_eliminar"),
    path("cuestionarios/secciones/<int:seccion>/preguntas/nueva/", views.PreguntaFormView.as_view(),
         name="pregunta_nueva"),
    path("cuestionarios/preguntas/<int:pk>/editar/", views.PreguntaFormView.as_view(), name="pregunta_editar"),
    path("cuestionarios/preguntas/<int:pk>/mover/", views.PreguntaMoverView.as_view(), name="pregunta_mover"),
    path("cuestionarios/preguntas/<int:pk>/quitar/", views.PreguntaEliminarView.as_view(), name="pregunta_eliminar"),
    path("cuestionarios/ediciones/<int:pk>/", views.EdicionDetailView.as_view(), name="edicion"),
    path("cuestionarios/ediciones/<int:pk>/editar/", views.EdicionEditarView.as_view(), name="edicion_editar"),
    path("cuestionarios/ediciones/<int:pk>/instituciones/", views.EdicionAgregarView.as_view(),
         name="edicion_agregar"),
    path("cuestionarios/ediciones/<int:pk>/estado/", views.EdicionEstadoView.as_view(), name="edicion_estado"),
    path("cuestionarios/ediciones/<int:pk>/resultados/", views.ResultadosView.as_view(), name="resultados"),
    path("cuestionarios/ediciones/<int:pk>/respuestas.csv", views.ExportarView.as_view(formato="csv"),
         name="exportar_csv"),
    path("cuestionarios/ediciones/<int:pk>/respuestas.xlsx", views.ExportarView.as_view(formato="xlsx"),
         name="exportar_xlsx"),
    path("cuestionarios/respuestas/<int:pk>/", views.RespuestaDetailView.as_view(), name="respuesta"),
    path("cuestionarios/respuestas/<int:pk>/responder/", views.ResponderView.as_view(), name="responder"),
    path("cuestionarios/respuestas/<int:pk>/reabrir/", views.RespuestaReabrirView.as_view(), name="reabrir"),
    path("cuestionarios/archivos/<int:pk>/", views.ArchivoDescargarView.as_view(), name="archivo"),
    path("cuestionarios/<slug:clave>/", views.CuestionarioDetailView.as_view(), name="detalle"),
    path("cuestionarios/<slug:clave>/editar/", views.CuestionarioEditarView.as_view(), name="editar"),
    path("cuestionarios/<slug:clave>/secciones/nueva/", views.SeccionFormView.as_view(), name="seccion_nueva"),
    path("cuestionarios/<slug:clave>/ediciones/nueva/", views.EdicionCrearView.as_view(), name="edicion_nueva"),
    path("cuestionarios/<slug:clave>/comparar/", views.CompararView.as_view(), name="comparar"),
    path("transparencia/cuestionarios/", views.PublicasView.as_view(), name="publicas"),
    path("transparencia/cuestionarios/<int:pk>/", views.PublicaView.as_view(), name="publica"),
]
