from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from snimh import permisos


def inicio(request):
    """Internal users land on the agreements; everybody else on the log-in page."""
    if permisos.puede_ver_registro_interno(request.user):
        return redirect("acuerdos:lista")
    return redirect("cuentas:entrar")


def csrf_failure(request, reason=""):
    # Django's default page is in English and reveals the technical reason.
    return render(
        request, "403.html",
        {"mensaje": _("El formulario caducó o no se envió desde esta aplicación. Recargue la página e "
                      "inténtelo de nuevo.")},
        status=403,
    )
