"""Pages of the background jobs: one's history, a job's progress (live with JavaScript, by
refresh without it), its JSON status and its result."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from snimh import permisos
from snimh.descargas import respuesta_de_archivo
from snimh.views import PermisoMixin

from . import selectors, services
from .forms import ExportacionForm
from .models import EstadoTrabajo, TipoTrabajo, Trabajo

# Without JavaScript the progress page reloads itself this often while the job runs.
SEGUNDOS_DE_REFRESCO = 5


class TrabajoMixin(PermisoMixin):
    permiso = permisos.puede_ver_trabajos

    def get_object(self, queryset=None):
        trabajo = get_object_or_404(Trabajo.objects.select_related("iniciado_por"), pk=self.kwargs["pk"])
        # Somebody else's job answers as if it did not exist.
        if not permisos.puede_ver_trabajo(self.request.user, trabajo):
            raise Http404(_("No existe ese trabajo."))
        return trabajo


class TrabajoListaView(TrabajoMixin, ListView):
    """One's jobs, newest first (coordination: everybody's, the scheduled ones included)."""

    template_name = "trabajos/lista.html"
    context_object_name = "trabajos"
    paginate_by = 25

    def get_queryset(self):
        return selectors.trabajos_de(usuario=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(ver_quien=permisos.es_coordinacion(self.request.user), **kwargs)


class TrabajoDetalleView(TrabajoMixin, DetailView):
    template_name = "trabajos/detalle.html"
    context_object_name = "trabajo"

    def get_context_data(self, **kwargs):
        trabajo = self.object
        espera = timezone.now() - trabajo.creado
        return super().get_context_data(
            refresco=SEGUNDOS_DE_REFRESCO,
            # Waiting for long: probably no worker is running; say so instead of spinning.
            espera_larga=trabajo.estado == EstadoTrabajo.EN_COLA and espera.total_seconds() > 60,
            siguiente=selectors.siguiente_paso(trabajo),
            **kwargs,
        )


class TrabajoEstadoView(TrabajoMixin, View):
    """The job's progress as JSON, for the page's script (static/js/trabajo.js)."""

    def get(self, request, pk):
        respuesta = JsonResponse(selectors.estado_en_json(self.get_object()))
        respuesta["Cache-Control"] = "no-store"
        return respuesta


class TrabajoDescargarView(TrabajoMixin, View):
    def get(self, request, pk):
        trabajo = self.get_object()
        if not trabajo.descargable:
            raise Http404(_("Este trabajo no tiene un resultado para descargar."))
        return respuesta_de_archivo(trabajo.resultado, trabajo.resultado_nombre, trabajo.resultado_tipo or None)


class ExportarAcuerdosView(PermisoMixin, View):
    """The agreements list's filtered set as a file prepared in the background: for large
    sets, instead of waiting on the download (the direct links stay on the list)."""

    permiso = permisos.puede_exportar_acuerdos

    def post(self, request):
        form = ExportacionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(m for errores in form.errors.values() for m in errores))
            return redirect("acuerdos:lista")
        formato = form.cleaned_data["formato"]
        trabajo, _nuevo = services.trabajo_iniciar(
            tipo=TipoTrabajo.EXPORTACION_ACUERDOS, usuario=request.user,
            descripcion=_("Exportación de acuerdos (%(formato)s)") % {"formato": formato.upper()},
            parametros={"formato": formato, "filtros": form.cleaned_data["filtros"]},
        )
        return redirect(reverse("trabajos:detalle", args=[trabajo.pk]))
