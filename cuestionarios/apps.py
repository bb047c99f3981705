from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CuestionariosConfig(AppConfig):
    name = "cuestionarios"
    verbose_name = _("Cuestionarios institucionales")
    # `load_reference_data` (acuerdos) also runs every app's loader named here, so the
    # reference questionnaires arrive with the official record and acuerdos never
    # imports this app for it.
    cargador_de_referencia = "cuestionarios.reference_data.cargar_cuestionarios_de_referencia"
