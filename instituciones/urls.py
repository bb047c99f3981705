from django.urls import path

from . import views

app_name = "instituciones"

urlpatterns = [
    path("", views.InstitucionListView.as_view(), name="lista"),
    path("nueva/", views.InstitucionCrearView.as_view(), name="nueva"),
    path("coordinacion/", views.CoordinacionView.as_view(), name="coordinacion"),
    path("<int:pk>/", views.InstitucionDetailView.as_view(), name="detalle"),
    path("<int:pk>/editar/", views.InstitucionEditarView.as_view(), name="editar"),
    path("<int:pk>/roles/nuevo/", views.ParticipacionCrearView.as_view(), name="rol_nuevo"),
    path("roles/<int:pk>/terminar/", views.ParticipacionTerminarView.as_view(), name="rol_terminar"),
    path("<int:pk>/uig/", views.UIGEditarView.as_view(), name="uig"),
    path("<int:pk>/representantes/nueva/", views.RepresentanteCrearView.as_view(), name="representante_nuevo"),
    path("representantes/<int:pk>/editar/", views.RepresentanteEditarView.as_view(), name="representante_editar"),
    path("representantes/<int:pk>/terminar/", views.RepresentanteTerminarView.as_view(),
         name="representante_terminar"),
    path("representantes/<int:pk>/oficio/", views.OficioDescargarView.as_view(), name="oficio"),
]
