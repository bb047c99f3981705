"""/api/v1/: the routers of every app, and the schema with its viewers."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from acuerdos import api as acuerdos
from cuestionarios import api as cuestionarios
from instituciones import api as instituciones
from sesiones import api as sesiones

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("instituciones", instituciones.InstitucionViewSet, basename="institucion")
router.register("participaciones", instituciones.ParticipacionViewSet, basename="participacion")
router.register("representantes", instituciones.RepresentanteViewSet, basename="representante")
router.register("sesiones", sesiones.SesionViewSet, basename="sesion")
router.register("acuerdos", acuerdos.AcuerdoViewSet, basename="acuerdo")
router.register("seguimientos", acuerdos.SeguimientoViewSet, basename="seguimiento")
router.register("reportes", acuerdos.ReporteViewSet, basename="reporte")
router.register("evidencias", acuerdos.EvidenciaViewSet, basename="evidencia")
router.register("observaciones", acuerdos.ObservacionViewSet, basename="observacion")
router.register("programas", acuerdos.ProgramaViewSet, basename="programa")
router.register("transparencia/acuerdos", acuerdos.AcuerdoPublicoViewSet, basename="transparencia-acuerdo")
router.register("cuestionarios", cuestionarios.CuestionarioViewSet, basename="cuestionario")
router.register("ediciones", cuestionarios.EdicionViewSet, basename="edicion")
router.register("respuestas", cuestionarios.RespuestaViewSet, basename="respuesta")
router.register("transparencia/cuestionarios", cuestionarios.EdicionPublicaViewSet,
                basename="transparencia-edicion")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="swagger"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
