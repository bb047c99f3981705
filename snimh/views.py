from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from snimh import permisos


class InternoMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Internal pages of every app: anonymous users go to the log-in page, accounts
    without a role get 403."""

    def test_func(self):
        return permisos.puede_ver_registro_interno(self.request.user)


class PermisoMixin(InternoMixin):
    """An internal page for whoever ``permiso`` (a function of snimh/permisos.py) admits:
    anonymous visitors go to the log-in page, other accounts get 403."""

    permiso = None

    def test_func(self):
        return type(self).permiso(self.request.user)


def aplicar_errores(form, error):
    """Put a service's ValidationError on the form, next to the field when it names one."""
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error)


def sin_pagina(parametros):
    """The query string without its page number: for exports and the pager's links."""
    copia = parametros.copy()
    copia.pop("page", None)
    return copia.urlencode()


class ListaFiltradaMixin:
    """A ListView filtered by a django-filter FilterSet from the query string: the form
    (``filtro``) and the pager and download links (``parametros``) share it."""

    def filtrar(self, parametros):
        raise NotImplementedError

    def get_queryset(self):
        self.filtro = self.filtrar(self.request.GET)
        return self.filtro.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filtro=self.filtro, parametros=sin_pagina(self.request.GET), **kwargs)


def inicio(request):
    """Officers land on their inbox, other internal users on the dashboard, everybody
    else on the log-in page."""
    if permisos.puede_ver_pendientes(request.user):
        return redirect("compromisos:pendientes")
    if permisos.puede_ver_registro_interno(request.user):
        return redirect("acuerdos:tablero")
    if request.user.is_authenticated:
        # Signed in but without a role: the log-in page would send it back here.
        raise PermissionDenied
    return redirect("cuentas:entrar")


@require_GET
def salud(request):
    """Load-balancer health check, and the floor the benchmark compares pages with:
    one trivial query, no session, no template."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"estado": "ok"})


def csrf_failure(request, reason=""):
    # Django's default page is in English and reveals the technical reason.
    return render(
        request, "403.html",
        {"mensaje": _("El formulario caducó o no se envió desde esta aplicación. Recargue la página e "
                      "inténtelo de nuevo.")},
        status=403,
    )


def _es_api(request):
    return request.path.startswith("/api/")


def _error_json(codigo, mensaje, estado):
    return JsonResponse({"codigo": codigo, "mensaje": mensaje}, status=estado)


def error_400(request, exception=None):
    if _es_api(request):
        return _error_json("solicitud_invalida", _("La solicitud está mal formada."), 400)
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    if _es_api(request):
        return _error_json("sin_permiso", _("No tiene permiso para realizar esta acción."), 403)
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if _es_api(request):
        return _error_json("no_encontrado", _("No existe el recurso solicitado."), 404)
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors or database here: whatever failed may fail again.
    if _es_api(request):
        return _error_json("error_del_servidor", _("Ocurrió un error en el servidor; no se guardó ningún cambio."), 500)
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
