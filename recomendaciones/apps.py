from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecomendacionesConfig(AppConfig):
    name = "recomendaciones"
    verbose_name = _("Recomendaciones internacionales")

    def ready(self):
        from compromisos import tipos

        from .models import Recomendacion

        tipos.registrar(tipos.Tipo(
            valor=Recomendacion.Tipo.RECOMENDACION_INTERNACIONAL, modelo=Recomendacion, relacionados=("mesa",),
            nombre_plural=_("Recomendaciones internacionales"), url_lista="recomendaciones:lista",
        ))
