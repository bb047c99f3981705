from django.urls import path

from . import views

app_name = "sesiones"

urlpatterns = [
    path("", views.SesionListView.as_view(), name="lista"),
    path("<int:pk>/", views.SesionDetailView.as_view(), name="detalle"),
]
