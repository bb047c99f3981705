"""The questionnaires of the access matrices (web, API, admin), built on the matrix's
``mundo``: an unlocked questionnaire for the builder's routes, and one already sent to
the two institutions — edition «2021» with the own institution's response submitted
(with a file) and the other's a draft, edition «2022» with both pending — and a past
edition with a published figure."""

import datetime

from django.utils import timezone

from cuestionarios import services
from cuestionarios.models import Edicion, EstadoEdicion, ReglaInstituciones, ResultadoPublicado, TipoPregunta
from tests import archivos
from tests.conftest import subir
from tests.factories import CuestionarioFactory, InstitucionFactory


class _Cuestionarios:
    pass


def cuestionarios(m):
    """Built once per test, on first use."""
    if hasattr(m, "cuestionarios"):
        return m.cuestionarios
    coordinacion = m.usuarios["coordinacion"]
    c = _Cuestionarios()
    c.libre = CuestionarioFactory(clave="libre", nombre="Cuestionario en construcción")
    c.seccion = services.seccion_guardar(usuario=coordinacion, cuestionario=c.libre, titulo="Primera")
    services.seccion_guardar(usuario=coordinacion, cuestionario=c.libre, titulo="Segunda")
    c.pregunta = services.pregunta_guardar(usuario=coordinacion, seccion=c.seccion, texto="¿Sí o no?",
                                           tipo=TipoPregunta.SI_NO)
    services.pregunta_guardar(usuario=coordinacion, seccion=c.seccion, texto="¿Cuáles?",
                              tipo=TipoPregunta.OPCION_MULTIPLE, opciones=["Una", "Otra"])

    c.enviado = CuestionarioFactory(clave="enviado", nombre="Cuestionario enviado")
    seccion = services.seccion_guardar(usuario=coordinacion, cuestionario=c.enviado, titulo="Única")
    c.si_no = services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Emitió el pronunciamiento?",
                                        tipo=TipoPregunta.SI_NO, obligatoria=False)
    c.archivo = services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="Pronunciamiento firmado",
                                          tipo=TipoPregunta.ARCHIVO, obligatoria=False)
    instituciones = [m.propio.institucion, m.ajeno.institucion]
    c.edicion = services.edicion_abrir(usuario=coordinacion, cuestionario=c.enviado, nombre="2021",
                                       fecha_limite=timezone.localdate() + datetime.timedelta(days=30),
                                       regla=ReglaInstituciones.EXPLICITA, instituciones=instituciones)
    c.enviada = c.edicion.respuestas.get(institucion=m.propio.institucion)
    c.enviada = services.respuesta_guardar(respuesta=c.enviada, usuario=m.usuarios["enlace_propio"],
                                           valores={c.si_no.pk: True},
                                           archivos={c.archivo.pk: subir("pronunciamiento.pdf", archivos.PDF)})
    c.enviada = services.respuesta_enviar(respuesta=c.enviada, usuario=m.usuarios["enlace_propio"])
    c.valor_archivo = c.enviada.valores.get(pregunta=c.archivo)
    services.respuesta_guardar(respuesta=c.edicion.respuestas.get(institucion=m.ajeno.institucion),
                               usuario=m.usuarios["enlace_ajeno"], valores={c.si_no.pk: False})
    c.siguiente = services.edicion_abrir(usuario=coordinacion, cuestionario=c.enviado, nombre="2022",
                                         fecha_limite=timezone.localdate() + datetime.timedelta(days=60),
                                         regla=ReglaInstituciones.EXPLICITA, instituciones=instituciones)
    c.pendiente = c.siguiente.respuestas.get(institucion=m.propio.institucion)
    c.historica = Edicion.objects.create(
        cuestionario=c.enviado, nombre="2020", historica=True, estado=EstadoEdicion.CERRADA,
        fuente="Informe de prueba", respuestas_publicadas=10, publicada=True, publicada_en=timezone.now())
    ResultadoPublicado.objects.create(edicion=c.historica, pregunta=c.si_no, tipo="conteo", si_no=True, valor=9,
                                      base=10, texto="9 de las 10 instituciones emitieron el pronunciamiento")
    c.otra_institucion = InstitucionFactory(siglas="NUEVA")
    m.cuestionarios = c
    return c
