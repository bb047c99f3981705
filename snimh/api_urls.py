"""/api/v1/: the routers of every app, and the schema with its viewers."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from acuerdos import api as acuerdos
from compromisos import api as compromisos
from cuestionarios import api as cuestionarios
from instituciones import api as instituciones
from programas import api as programas
from recomendaciones import api as recomendaciones
from sesiones import api as sesiones

app_name = "api"

class Rutas(DefaultRouter):
    """Records are addressed by positive integer ids unless a viewset says otherwise: anything
    else is a 404 from the URL itself, never a query with a malformed value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_value_pattern = r"[0-9]+"


router = Rutas(trailing_slash=True)
router.include_root_view = False
router.register("instituciones", instituciones.InstitucionViewSet, basename="institucion")
router.register("participaciones", instituciones.ParticipacionViewSet, basename="participacion")
router.register("representantes", instituciones.RepresentanteViewSet, basename="representante")
router.register("sesiones", sesiones.SesionViewSet, basename="sesion")
router.register("acuerdos", acuerdos.AcuerdoViewSet, basename="acuerdo")
router.register("seguimientos", compromisos.SeguimientoViewSet, basename="seguimiento")
router.register("reportes", compromisos.ReporteViewSet, basename="reporte")
router.register("evidencias", compromisos.EvidenciaViewSet, basename="evidencia")
router.register("observaciones", compromisos.ObservacionViewSet, basename="observacion")
router.register("programas", acuerdos.ProgramaViewSet, basename="programa")
router.register("lineas-accion", programas.LineaAccionViewSet, basename="linea-accion")
router.register("recomendaciones-semestrales", programas.ConjuntoRecomendacionesViewSet,
                basename="recomendaciones-semestrales")
router.register("transparencia/acuerdos", acuerdos.AcuerdoPublicoViewSet, basename="transparencia-acuerdo")
router.register("mesas-tematicas", recomendaciones.MesaTematicaViewSet, basename="mesa-tematica")
router.register("recomendaciones", recomendaciones.RecomendacionViewSet, basename="recomendacion")
router.register("cuestionarios", cuestionarios.CuestionarioViewSet, basename="cuestionario")
router.register("ediciones", cuestionarios.EdicionViewSet, basename="edicion")
router.register("respuestas", cuestionarios.RespuestaViewSet, basename="respuesta")
router.register("transparencia/cuestionarios", cuestionarios.EdicionPublicaViewSet,
                basename="transparencia-edicion")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code as a script of its own (?script), not inline.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger"),
    # ReDoc was served here; its bundle fetches Redocly's logo from their CDN on every view
    # (blocked by the Content-Security-Policy), so old links go to Swagger UI.
    path("redoc/", RedirectView.as_view(pattern_name="api:swagger", permanent=True), name="redoc"),
]
