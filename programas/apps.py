from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramasConfig(AppConfig):
    name = "programas"
    verbose_name = _("Programas (PROIGUALDAD)")

    def ready(self):
        from compromisos import tipos

        from .models import LineaAccion, RecomendacionSemestral

        tipos.registrar(tipos.Tipo(
            valor=LineaAccion.Tipo.LINEA_DE_ACCION, modelo=LineaAccion,
            relacionados=("estrategia__objetivo__programa",),
            nombre_plural=_("Líneas de acción"), url_lista="programas:lista"))
        tipos.registrar(tipos.Tipo(
            valor=RecomendacionSemestral.Tipo.RECOMENDACION_SEMESTRAL, modelo=RecomendacionSemestral,
            relacionados=("conjunto",), nombre_plural=_("Recomendaciones semestrales"),
            url_lista="programas:recomendaciones"))
