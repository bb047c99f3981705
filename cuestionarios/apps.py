from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CuestionariosConfig(AppConfig):
    name = "cuestionarios"
    verbose_name = _("Cuestionarios institucionales")
    # `load_reference_data` (acuerdos) also runs every app's loader named here, so the
    # reference questionnaires arrive with the official record and acuerdos never
    # imports this app for it.
    cargador_de_referencia = "cuestionarios.reference_data.cargar_cuestionarios_de_referencia"

    def ready(self):
        from compromisos import buzon

        buzon.registrar(buzon.Seccion(clave="cuestionarios", plantilla="cuestionarios/_buzon.html",
                                      contexto=_seccion_del_buzon, orden=10))


def _seccion_del_buzon(usuario, hoy):
    """The questionnaires an officer's institution must answer, for *Mis pendientes*."""
    from .selectors import pendientes_de_institucion

    return {"pendientes": pendientes_de_institucion(institucion_id=usuario.institucion_id, hoy=hoy)}
