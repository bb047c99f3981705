"""The public site: anyone, no account, no JavaScript required. Only published data —
agreements of sessions held, who is responsible, their status — never evidence, reports,
observations or people. Reads come from transparencia/selectors.py and transparencia/datos.py."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from acuerdos.models import Acuerdo
from compromisos.selectors import responsables_de
from instituciones.models import Institucion, Rol
from sesiones.models import Sesion
from snimh import exportacion
from snimh.views import ListaFiltradaMixin

from . import datos, selectors


class TransparenciaView(ListaFiltradaMixin, ListView):
    """The public list of agreements: filters, figures and charts of the filtered set, downloads."""

    template_name = "transparencia/lista.html"
    paginate_by = 25
    context_object_name = "acuerdos"

    def filtrar(self, parametros):
        return selectors.acuerdos_filtrados(parametros)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        pagina = contexto["acuerdos"]
        responsables = responsables_de([a.pk for a in pagina])
        for acuerdo in pagina:
            acuerdo.responsables = responsables[acuerdo.pk]
        parametros = contexto["parametros"]
        contexto.update(resumen=selectors.resumen(self.filtro.qs), filtrado=bool(parametros),
                        consulta=f"?{parametros}" if parametros else "")
        return contexto


class AcuerdoPublicoView(TemplateView):
    template_name = "transparencia/acuerdo.html"

    def get_context_data(self, **kwargs):
        try:
            acuerdo = selectors.acuerdo_publico(self.kwargs["numero"])
        except Acuerdo.DoesNotExist as error:
            raise Http404(_("No existe ese acuerdo, o su sesión aún no se celebra.")) from error
        ((fila, instituciones),) = datos.registros(Acuerdo.objects.filter(pk=acuerdo.pk).select_related("sesion"))
        return super().get_context_data(acuerdo=acuerdo, fila=fila, instituciones=instituciones, **kwargs)


class SesionesPublicasView(ListView):
    template_name = "transparencia/sesiones.html"
    paginate_by = 25
    context_object_name = "sesiones"

    def get_queryset(self):
        return selectors.sesiones_publicas()


class SesionPublicaView(TemplateView):
    template_name = "transparencia/sesion.html"

    def get_context_data(self, **kwargs):
        if self.kwargs["tipo"] not in Sesion.Tipo.values:
            raise Http404
        try:
            sesion = selectors.sesion_publica(self.kwargs["tipo"], self.kwargs["numero"])
        except Sesion.DoesNotExist as error:
            raise Http404(_("No existe esa sesión, o aún no se celebra.")) from error
        por_rol = sesion.asistencia_por_rol()
        return super().get_context_data(sesion=sesion, por_rol=por_rol, roles=Rol.choices,
                                        total_asistencia=sum(por_rol.values()), **kwargs)


class InstitucionesPublicasView(ListView):
    template_name = "transparencia/instituciones.html"
    context_object_name = "instituciones"
    paginate_by = 50

    def get_queryset(self):
        return selectors.instituciones_publicas()


class InstitucionPublicaView(TemplateView):
    """The public scorecard of one institution."""

    template_name = "transparencia/institucion.html"

    def get_context_data(self, **kwargs):
        institucion = get_object_or_404(Institucion, pk=self.kwargs["pk"])
        return super().get_context_data(institucion=institucion, **selectors.tarjeta_de_institucion(institucion),
                                        **kwargs)


class DatosAbiertosView(TemplateView):
    """The data dictionary: each file, each column, its type and meaning, and the licence."""

    template_name = "transparencia/datos.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tablas=datos.TABLAS, licencia=datos.licencia(), **kwargs)


class DiccionarioView(View):
    """The data dictionary as a file (CSV), the same definitions as the page."""

    def get(self, request):
        filas = [[clave, columna.nombre, str(columna.tipo), str(columna.significado)]
                 for clave, (_titulo, columnas) in datos.TABLAS.items() for columna in columnas]
        contenido = exportacion.como_csv([_("tabla"), _("columna"), _("tipo"), _("significado")], filas)
        return exportacion.respuesta("csv", "diccionario-de-datos-snimh", contenido)


class DescargaView(View):
    """The filtered set of the public list, as CSV, XLSX or JSON; one row per agreement
    (``tabla="acuerdos"``) or per agreement and responsible institution (``"responsables"``)."""

    tabla = None
    formato = None

    def get(self, request):
        filtro = selectors.acuerdos_filtrados(request.GET)
        titulo, columnas = datos.TABLAS[self.tabla]
        filas = datos.filas_de(self.tabla, filtro.qs, url_base=request.build_absolute_uri("/")[:-1])
        nombre = f"snimh-{self.tabla}-{exportacion.sello_de_fecha()}"
        if self.formato == "json":
            cuerpo = {"licencia": datos.licencia(), "generado": timezone.localtime().isoformat(),
                      "diccionario": request.build_absolute_uri(reverse("transparencia:datos")), self.tabla: list(datos.para_json(filas))}
            respuesta = JsonResponse(cuerpo, json_dumps_params={"ensure_ascii": False})
            respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.json"'
            return respuesta
        encabezados = [c.nombre for c in columnas]
        if self.formato == "csv":
            contenido = exportacion.como_csv(encabezados, datos.para_hoja(columnas, filas))
        else:
            contenido = exportacion.como_xlsx(str(titulo), encabezados, datos.para_hoja(columnas, filas),
                                              anchos=[60 if c.tipo == datos.TEXTO else 14 for c in columnas])
        return exportacion.respuesta(self.formato, nombre, contenido)

