from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcuerdosConfig(AppConfig):
    name = "acuerdos"
    verbose_name = _("Acuerdos")

    def ready(self):
        from compromisos import tipos
        from instituciones import paneles

        from . import receptores
        from .models import Acuerdo

        tipos.registrar(tipos.Tipo(valor=Acuerdo.Tipo.ACUERDO, modelo=Acuerdo, relacionados=("sesion",),
                                   nombre_plural=_("Acuerdos"), url_lista="acuerdos:lista"))
        receptores.conectar()
        paneles.registrar_columna(paneles.Columna(
            clave="acuerdos_cumplidos", titulo=_("Acuerdos cumplidos"), valores=_acuerdos_cumplidos))


def _acuerdos_cumplidos(instituciones):
    """«cumplidos / total» of each institution's agreements, for the institutions list."""
    from compromisos.models import Seguimiento, TipoCompromiso, conteos_de_cumplimiento

    filas = (Seguimiento.objects.filter(institucion__in=instituciones, compromiso__tipo=TipoCompromiso.ACUERDO)
             .values("institucion_id").annotate(**conteos_de_cumplimiento()).order_by())
    return {f["institucion_id"]: f"{f['cumplidos']} / {f['total']}" for f in filas if f["total"]}
