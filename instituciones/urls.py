from django.urls import path

from . import views

app_name = "instituciones"

urlpatterns = [
    path("", views.InstitucionListView.as_view(), name="lista"),
    path("<int:pk>/", views.InstitucionDetailView.as_view(), name="detalle"),
]
