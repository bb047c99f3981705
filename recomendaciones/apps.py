from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecomendacionesConfig(AppConfig):
    name = "recomendaciones"
    verbose_name = _("Recomendaciones internacionales")

    def ready(self):
        from compromisos import buzon, tablero, tipos

        from .models import Recomendacion

        tipos.registrar(tipos.Tipo(
            valor=Recomendacion.Tipo.RECOMENDACION_INTERNACIONAL, modelo=Recomendacion, relacionados=("mesa",),
            nombre_plural=_("Recomendaciones internacionales"), url_lista="recomendaciones:lista",
        ))

        tablero.registrar(buzon.Seccion(clave="recomendaciones", plantilla="recomendaciones/_tablero.html",
                                        contexto=_seccion_del_tablero, orden=20))


def _seccion_del_tablero(usuario, hoy):
    """Recommendations under follow-up, for the dashboard (nothing until one is registered)."""
    from .selectors import resumen_para_tablero

    cifras = resumen_para_tablero(hoy=hoy)
    return cifras if cifras["total"] else None
