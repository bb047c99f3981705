"""The questionnaire's rules, through the services: building (order, options, lock once
sent), editions (institution sets by rule, stored), and the response's life: draft
validated field by field, submitted once, locked, reopened only by coordination."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cuestionarios import services
from cuestionarios.models import (
    AccionRespuesta,
    EstadoRespuesta,
    Opcion,
    Pregunta,
    ReglaInstituciones,
    Respuesta,
    ResultadoPublicado,
    TipoPregunta,
)
from instituciones.models import Naturaleza, Rol
from tests import archivos
from tests.conftest import subir
from tests.factories import CuestionarioFactory, InstitucionFactory, ParticipacionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cuestionario(coordinacion):
    """Four questions: a yes/no, a date and a number that depend on it, a part of that number."""
    cuestionario = CuestionarioFactory(clave="prueba", nombre="Cuestionario de prueba")
    seccion = services.seccion_guardar(usuario=coordinacion, cuestionario=cuestionario, titulo="Pronunciamiento")
    emitio = services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Emitió el pronunciamiento?",
                                       tipo=TipoPregunta.SI_NO)
    services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Cuándo?", tipo=TipoPregunta.FECHA,
                              condicion_pregunta=emitio, condicion_valor=True)
    total = services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Cuántas personas consejeras?",
                                      tipo=TipoPregunta.NUMERO, minimo=Decimal(0), maximo=Decimal(1000))
    services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Cuántas electas?",
                              tipo=TipoPregunta.NUMERO, proporcion_de=total, obligatoria=False)
    otra = services.seccion_guardar(usuario=coordinacion, cuestionario=cuestionario, titulo="Difusión")
    services.pregunta_guardar(usuario=coordinacion, seccion=otra, texto="¿Por qué medios?",
                              tipo=TipoPregunta.OPCION_MULTIPLE, opciones=["Correo", "Intranet", "Carteles"])
    services.pregunta_guardar(usuario=coordinacion, seccion=otra, texto="Evidencia", tipo=TipoPregunta.ARCHIVO,
                              obligatoria=False)
    services.pregunta_guardar(usuario=coordinacion, seccion=otra, texto="Nombre de quien reporta",
                              tipo=TipoPregunta.TEXTO, datos_personales=True)
    return cuestionario


def _p(cuestionario, numero):
    return next(p for p in cuestionario.preguntas() if p.numero == numero)


@pytest.fixture
def edicion(cuestionario, coordinacion, institucion_propia, institucion_ajena):
    return services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="2021",
                                  fecha_limite=D(2030, 1, 31), regla=ReglaInstituciones.EXPLICITA,
                                  instituciones=[institucion_propia, institucion_ajena])


@pytest.fixture
def propia(edicion, institucion_propia):
    return edicion.respuestas.get(institucion=institucion_propia)


def _completa(cuestionario):
    medios = _p(cuestionario, "2.1")
    return {_p(cuestionario, "1.1").pk: True, _p(cuestionario, "1.2").pk: "2021-02-01",
            _p(cuestionario, "1.3").pk: "12", _p(cuestionario, "1.4").pk: 5,
            medios.pk: [medios.opciones.get(texto="Correo").pk], _p(cuestionario, "2.3").pk: "Ana López"}


# Building -----------------------------------------------------------------------------------

def test_secciones_y_preguntas_se_numeran_y_reordenan(cuestionario, coordinacion):
    assert [p.numero for p in cuestionario.preguntas()] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"]
    fecha = _p(cuestionario, "1.2")
    services.pregunta_mover(usuario=coordinacion, pregunta=fecha, direccion="abajo")
    assert [p.texto for p in cuestionario.preguntas()][:3] == ["¿Emitió el pronunciamiento?",
                                                                "¿Cuántas personas consejeras?", "¿Cuándo?"]
    segunda = cuestionario.secciones.get(orden=2)
    services.seccion_mover(usuario=coordinacion, seccion=segunda, direccion="arriba")
    assert [s.titulo for s in cuestionario.secciones.order_by("orden")] == ["Difusión", "Pronunciamiento"]
    services.pregunta_eliminar(usuario=coordinacion, pregunta=Pregunta.objects.get(texto="Evidencia"))
    assert [p.numero for p in cuestionario.secciones.get(titulo="Difusión").preguntas.all()] == ["1.1", "1.2"]
    # Moving a question to another section puts it at its end and closes the gap it left.
    medios = Pregunta.objects.get(texto="¿Por qué medios?")
    services.pregunta_guardar(usuario=coordinacion, seccion=cuestionario.secciones.get(titulo="Pronunciamiento"),
                              pregunta=medios, texto=medios.texto, tipo=medios.tipo,
                              opciones=["Correo", "Intranet", "Carteles"])
    medios.refresh_from_db()
    assert medios.numero == "2.5"
    assert Pregunta.objects.get(texto="Nombre de quien reporta").numero == "1.1"


def test_opciones_conservan_su_identidad(cuestionario, coordinacion):
    medios = Pregunta.objects.get(texto="¿Por qué medios?")
    correo = medios.opciones.get(texto="Correo")
    services.pregunta_guardar(usuario=coordinacion, seccion=medios.seccion, pregunta=medios, texto=medios.texto,
                              tipo=medios.tipo, opciones=["Intranet", "correo", "Redes sociales", "Intranet", ""])
    assert list(medios.opciones.order_by("orden").values_list("texto", flat=True)) == ["Intranet", "correo",
                                                                                        "Redes sociales"]
    assert medios.opciones.get(texto="correo").pk == correo.pk
    with pytest.raises(ValidationError) as error:
        services.pregunta_guardar(usuario=coordinacion, seccion=medios.seccion, pregunta=medios, texto=medios.texto,
                                  tipo=medios.tipo, opciones=["Solo una"])
    assert error.value.message_dict == {"opciones": ["Escriba al menos dos opciones, una por línea."]}


def test_reglas_de_una_pregunta(cuestionario, coordinacion):
    seccion = cuestionario.secciones.get(orden=1)
    emitio, fecha, total = _p(cuestionario, "1.1"), _p(cuestionario, "1.2"), _p(cuestionario, "1.3")
    casos = [
        ({"tipo": TipoPregunta.TEXTO, "condicion_pregunta": fecha, "condicion_valor": True}, "condicion_pregunta",
         "Elija una pregunta de sí o no del mismo cuestionario."),
        ({"tipo": TipoPregunta.NUMERO, "proporcion_de": emitio}, "proporcion_de",
         "Elija una pregunta de número del mismo cuestionario."),
        ({"tipo": TipoPregunta.PORCENTAJE, "maximo": Decimal(120)}, "__all__",
         "Los límites de un porcentaje están entre 0 y 100."),
        ({"tipo": TipoPregunta.NUMERO, "minimo": Decimal(5), "maximo": Decimal(1)}, "__all__",
         "El valor mínimo no puede ser mayor que el máximo."),
        ({"tipo": TipoPregunta.TEXTO, "texto": "<script>alert(1)</script>"}, "texto",
         "No se permiten etiquetas HTML ni código en este campo; escriba texto simple."),
    ]
    for datos, campo, mensaje in casos:
        datos = {"texto": "Pregunta", **datos}
        with pytest.raises(ValidationError) as error:
            services.pregunta_guardar(usuario=coordinacion, seccion=seccion, **datos)
        assert mensaje in error.value.message_dict[campo], datos
    # The question others depend on stays a yes/no question.
    with pytest.raises(ValidationError) as error:
        services.pregunta_guardar(usuario=coordinacion, seccion=seccion, pregunta=emitio, texto=emitio.texto,
                                  tipo=TipoPregunta.TEXTO)
    assert "Otras preguntas dependen de esta" in error.value.message_dict["tipo"][0]
    with pytest.raises(ValidationError, match="Otras preguntas dependen de esta"):
        services.pregunta_eliminar(usuario=coordinacion, pregunta=total)


def test_solo_coordinacion_construye(cuestionario, consulta, enlace_propio):
    seccion = cuestionario.secciones.first()
    for usuario in (consulta, enlace_propio):
        with pytest.raises(PermissionDenied):
            services.pregunta_guardar(usuario=usuario, seccion=seccion, texto="¿Otra?", tipo=TipoPregunta.SI_NO)
        with pytest.raises(PermissionDenied):
            services.cuestionario_guardar(usuario=usuario, clave="otro", nombre="Otro")


def test_la_estructura_se_bloquea_al_abrir_una_edicion(cuestionario, coordinacion, edicion):
    seccion = cuestionario.secciones.first()
    with pytest.raises(ValidationError, match="ya se envió a las instituciones"):
        services.pregunta_guardar(usuario=coordinacion, seccion=seccion, texto="¿Otra?", tipo=TipoPregunta.SI_NO)
    with pytest.raises(ValidationError, match="ya se envió a las instituciones"):
        services.pregunta_mover(usuario=coordinacion, pregunta=_p(cuestionario, "1.2"), direccion="arriba")
    with pytest.raises(ValidationError, match="ya se envió a las instituciones"):
        services.seccion_eliminar(usuario=coordinacion, seccion=seccion)


def test_una_opcion_con_cifras_publicadas_no_se_quita(coordinacion):
    from cuestionarios.reference_data import cargar_cuestionarios_de_referencia

    cargar_cuestionarios_de_referencia()
    publicado = ResultadoPublicado.objects.get(tipo="mas_frecuente")
    pregunta = publicado.pregunta
    with pytest.raises(ValidationError, match="tiene cifras publicadas"):
        services.pregunta_guardar(usuario=coordinacion, seccion=pregunta.seccion, pregunta=pregunta,
                                  texto=pregunta.texto, tipo=pregunta.tipo, opciones=["Intranet", "Otro medio"])
    assert Opcion.objects.filter(pk=publicado.opcion_id).exists()


# Editions ------------------------------------------------------------------------------------

def test_instituciones_por_regla_en_la_fecha_de_apertura(cuestionario, coordinacion):
    integrante = InstitucionFactory(siglas="INT", naturaleza=Naturaleza.ORGANISMO_AUTONOMO)
    ParticipacionFactory(institucion=integrante, rol=Rol.INTEGRANTE, desde=D(2019, 1, 1))
    invitada = InstitucionFactory(siglas="INV", naturaleza=Naturaleza.PODER_JUDICIAL)
    ParticipacionFactory(institucion=invitada, rol=Rol.INVITADA_PERMANENTE, desde=D(2019, 1, 1), hasta=D(2020, 12, 31))
    secretaria = InstitucionFactory(siglas="SEC", naturaleza=Naturaleza.SECRETARIA_ESTADO)
    InstitucionFactory(siglas="EXT", naturaleza=Naturaleza.ENTIDAD_PARAESTATAL, activa=False)
    empresa = InstitucionFactory(siglas="EMP", naturaleza=Naturaleza.EMPRESA_PRODUCTIVA)

    def siglas(regla, fecha, elegidas=()):
        return {i.siglas for i in services.instituciones_de_la_edicion(regla=regla, fecha=fecha, elegidas=elegidas)}

    assert siglas(ReglaInstituciones.INTEGRANTES, D(2020, 6, 1)) == {"INT"}
    assert siglas(ReglaInstituciones.PARTICIPANTES, D(2020, 6, 1)) == {"INT", "INV"}
    assert siglas(ReglaInstituciones.PARTICIPANTES, D(2021, 6, 1)) == {"INT"}
    assert siglas(ReglaInstituciones.APF, D(2021, 6, 1)) == {"SEC", "EMP"}
    assert siglas(ReglaInstituciones.EXPLICITA, D(2021, 6, 1), [empresa]) == {"EMP"}
    assert siglas(ReglaInstituciones.INTEGRANTES, D(2020, 6, 1), [secretaria]) == {"INT", "SEC"}

    edicion = services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="Integrantes",
                                     apertura=D(2020, 6, 1), fecha_limite=D(2020, 6, 30),
                                     regla=ReglaInstituciones.PARTICIPANTES)
    assert {r.institucion.siglas for r in edicion.respuestas.all()} == {"INT", "INV"}
    assert all(r.estado == EstadoRespuesta.PENDIENTE for r in edicion.respuestas.all())
    # The set is stored: a role granted later does not change it.
    ParticipacionFactory(institucion=secretaria, rol=Rol.INTEGRANTE, desde=D(2020, 1, 1))
    assert edicion.respuestas.count() == 2


def test_abrir_una_edicion_valida(cuestionario, coordinacion, consulta):
    casos = [
        ({"regla": ReglaInstituciones.EXPLICITA}, "instituciones",
         "La edición no llegaría a ninguna institución"),
        ({"regla": ReglaInstituciones.APF, "apertura": D(2021, 5, 1), "fecha_limite": D(2021, 4, 1)}, "fecha_limite",
         "La fecha límite no puede ser anterior a la apertura."),
    ]
    InstitucionFactory(naturaleza=Naturaleza.SECRETARIA_ESTADO)
    for datos, campo, mensaje in casos:
        datos = {"nombre": "2021", "fecha_limite": D(2030, 1, 1), **datos}
        with pytest.raises(ValidationError) as error:
            services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, **datos)
        assert mensaje in error.value.message_dict[campo][0]
    with pytest.raises(PermissionDenied):
        services.edicion_abrir(usuario=consulta, cuestionario=cuestionario, nombre="2021", fecha_limite=D(2030, 1, 1),
                               regla=ReglaInstituciones.APF)
    vacio = CuestionarioFactory()
    with pytest.raises(ValidationError, match="no tiene preguntas"):
        services.edicion_abrir(usuario=coordinacion, cuestionario=vacio, nombre="2021", fecha_limite=D(2030, 1, 1),
                               regla=ReglaInstituciones.APF)


def test_una_respuesta_por_institucion_y_edicion_en_la_base_de_datos(propia):
    with pytest.raises(IntegrityError), transaction.atomic():
        Respuesta.objects.create(edicion=propia.edicion, institucion=propia.institucion)
    with pytest.raises(ValidationError) as error:
        Respuesta(edicion=propia.edicion, institucion=propia.institucion).full_clean()
    assert "La institución ya tiene una respuesta en esta edición." in error.value.messages
    otra = InstitucionFactory()
    services.edicion_agregar_instituciones(usuario=propia.edicion.abierta_por, edicion=propia.edicion,
                                           instituciones=[propia.institucion, otra])
    assert propia.edicion.respuestas.count() == 3


def test_restricciones_de_la_base_de_datos(propia):
    """States, signatures and values hold even for writes that skip the services."""
    casos = [
        {"estado": "archivada"},
        {"estado": EstadoRespuesta.ENVIADA},  # without who and when
        {"motivo_reapertura": "Sin quién ni cuándo"},
    ]
    for cambios in casos:
        with pytest.raises(IntegrityError), transaction.atomic():
            Respuesta.objects.filter(pk=propia.pk).update(**cambios)
    pregunta = _p(propia.edicion.cuestionario, "1.1")
    from cuestionarios.models import RespuestaPregunta

    with pytest.raises(IntegrityError), transaction.atomic():
        RespuestaPregunta.objects.create(respuesta=propia, pregunta=pregunta, valor_si_no=True, valor_texto="y")
    RespuestaPregunta.objects.create(respuesta=propia, pregunta=pregunta, valor_si_no=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        RespuestaPregunta.objects.create(respuesta=propia, pregunta=pregunta, valor_si_no=False)


# Responses -----------------------------------------------------------------------------------

def test_borrador_validado_campo_por_campo(cuestionario, propia, enlace_propio):
    medios = _p(cuestionario, "2.1")
    errores = {
        _p(cuestionario, "1.1").pk: ("quizá", "Responda «sí» o «no»."),
        _p(cuestionario, "1.2").pk: ("31/02/2021", "Escriba una fecha válida (AAAA-MM-DD)."),
        _p(cuestionario, "1.3").pk: ("doce", "Escriba solo cifras, con punto decimal si hace falta (p. ej. 1500 o 12.5)."),
        medios.pk: ([999999], "Elija entre las opciones de la pregunta."),
        _p(cuestionario, "2.3").pk: ("<b>Ana</b>", "No se permiten etiquetas HTML ni código en este campo; escriba "
                                                   "texto simple."),
    }
    with pytest.raises(ValidationError) as error:
        services.respuesta_guardar(respuesta=propia, usuario=enlace_propio,
                                   valores={pid: valor for pid, (valor, _m) in errores.items()})
    assert error.value.message_dict == {f"p{pid}": [mensaje] for pid, (_v, mensaje) in errores.items()}
    propia.refresh_from_db()
    assert propia.estado == EstadoRespuesta.PENDIENTE and not propia.valores.exists()

    total, parte = _p(cuestionario, "1.3"), _p(cuestionario, "1.4")
    for valor, mensaje in [("12.5", "Escriba un número entero."), ("1001", "El valor máximo es 1000."),
                           ("-1", "El valor mínimo es 0.")]:
        with pytest.raises(ValidationError) as error:
            services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={total.pk: valor})
        assert error.value.message_dict == {f"p{total.pk}": [mensaje]}
    with pytest.raises(ValidationError) as error:
        services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={total.pk: "10", parte.pk: "11"})
    assert error.value.message_dict == {f"p{parte.pk}": ["No puede ser mayor que la respuesta a la pregunta 1.3 (10)."]}


def test_borrador_enviar_bloquear_reabrir(cuestionario, propia, enlace_propio, enlace_ajeno, coordinacion, consulta):
    # A draft saves what is there, even incomplete.
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio,
                                        valores={_p(cuestionario, "1.1").pk: "sí"})
    assert propia.estado == EstadoRespuesta.BORRADOR and propia.guardada_por == enlace_propio
    # Submitting asks for every required question that applies.
    with pytest.raises(ValidationError) as error:
        services.respuesta_enviar(respuesta=propia, usuario=enlace_propio)
    faltan = {campo for campo in error.value.message_dict}
    assert faltan == {f"p{_p(cuestionario, n).pk}" for n in ("1.2", "1.3", "2.1", "2.3")}
    assert error.value.message_dict[f"p{_p(cuestionario, '1.2').pk}"] == ["Esta pregunta es obligatoria."]

    # A stale form (an older version) is refused.
    with pytest.raises(ValidationError, match="Otra persona modificó"):
        services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={}, version=propia.version - 1)
    # Another institution's officer, and consulta, cannot fill it.
    for intruso in (enlace_ajeno, consulta):
        with pytest.raises(PermissionDenied):
            services.respuesta_guardar(respuesta=propia, usuario=intruso, valores={})

    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores=_completa(cuestionario))
    propia = services.respuesta_enviar(respuesta=propia, usuario=enlace_propio, version=propia.version)
    assert propia.estado == EstadoRespuesta.ENVIADA and propia.enviada_por == enlace_propio and propia.enviada_en
    assert not propia.editable and not propia.fuera_de_plazo

    # Submitted: locked, for its officer and for coordination alike.
    for usuario in (enlace_propio, coordinacion):
        with pytest.raises(ValidationError, match="ya fue enviada"):
            services.respuesta_guardar(respuesta=propia, usuario=usuario, valores={_p(cuestionario, "1.3").pk: "1"})
        with pytest.raises(ValidationError, match="ya fue enviada"):
            services.respuesta_enviar(respuesta=propia, usuario=usuario)

    # Reopened only by coordination, with its reason.
    with pytest.raises(PermissionDenied):
        services.respuesta_reabrir(respuesta=propia, usuario=enlace_propio, motivo="Quiero corregir")
    with pytest.raises(ValidationError) as error:
        services.respuesta_reabrir(respuesta=propia, usuario=coordinacion, motivo="  ")
    assert error.value.message_dict == {"motivo": ["Indique por qué se reabre la respuesta."]}
    propia = services.respuesta_reabrir(respuesta=propia, usuario=coordinacion, motivo="Falta la fecha de la convocatoria.")
    assert propia.estado == EstadoRespuesta.BORRADOR and propia.enviada_en is None
    assert (propia.reabierta_por, propia.motivo_reapertura) == (coordinacion, "Falta la fecha de la convocatoria.")
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={_p(cuestionario, "1.3").pk: "13"})
    services.respuesta_enviar(respuesta=propia, usuario=enlace_propio)
    assert list(propia.movimientos.values_list("accion", "usuario__username")) == [
        (AccionRespuesta.GUARDADA, "enlace_propio"), (AccionRespuesta.GUARDADA, "enlace_propio"),
        (AccionRespuesta.ENVIADA, "enlace_propio"), (AccionRespuesta.REABIERTA, "coordinacion"),
        (AccionRespuesta.GUARDADA, "enlace_propio"), (AccionRespuesta.ENVIADA, "enlace_propio"),
    ]


def test_preguntas_condicionadas(cuestionario, propia, enlace_propio):
    valores = {**_completa(cuestionario), _p(cuestionario, "1.1").pk: "no"}
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores=valores)
    with pytest.raises(ValidationError) as error:
        services.respuesta_enviar(respuesta=propia, usuario=enlace_propio)
    assert error.value.message_dict == {f"p{_p(cuestionario, '1.2').pk}": [
        "Esta pregunta solo se responde si en la pregunta 1.1 respondió «Sí»: déjela en blanco o cambie aquella "
        "respuesta."]}
    # Cleared, the date is not asked for: it does not apply.
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={_p(cuestionario, "1.2").pk: ""})
    assert services.respuesta_enviar(respuesta=propia, usuario=enlace_propio).enviada


def test_edicion_cerrada_no_recibe_respuestas(edicion, propia, coordinacion, enlace_propio):
    services.edicion_cerrar(usuario=coordinacion, edicion=edicion)
    with pytest.raises(ValidationError, match="La edición está cerrada"):
        services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={})
    assert services.edicion_publicar(usuario=coordinacion, edicion=edicion).publicada
    with pytest.raises(ValidationError, match="ya son públicos"):
        services.edicion_publicar(usuario=coordinacion, edicion=edicion)
    services.edicion_reabrir(usuario=coordinacion, edicion=edicion)
    edicion.refresh_from_db()
    assert edicion.abierta and not edicion.publicada
    with pytest.raises(ValidationError, match="Cierre la edición antes de publicar"):
        services.edicion_publicar(usuario=coordinacion, edicion=edicion)


def test_envio_fuera_de_plazo(cuestionario, coordinacion, institucion_propia, enlace_propio):
    edicion = services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="Vencida",
                                     apertura=D(2021, 1, 4), fecha_limite=D(2021, 1, 29),
                                     regla=ReglaInstituciones.EXPLICITA, instituciones=[institucion_propia])
    respuesta = edicion.respuestas.get()
    respuesta = services.respuesta_guardar(respuesta=respuesta, usuario=enlace_propio, valores=_completa(cuestionario))
    respuesta = services.respuesta_enviar(respuesta=respuesta, usuario=enlace_propio)
    assert respuesta.fuera_de_plazo


def test_archivos_revisados_por_contenido_y_guardados_con_otro_nombre(cuestionario, propia, enlace_propio):
    evidencia = _p(cuestionario, "2.2")
    with pytest.raises(ValidationError) as error:
        services.respuesta_guardar(respuesta=propia, usuario=enlace_propio,
                                   archivos={evidencia.pk: subir("difusion.pdf", archivos.EXE)})
    assert "formato admitido" in error.value.message_dict[f"p{evidencia.pk}"][0]
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio,
                                        archivos={evidencia.pk: subir("Difusión del protocolo.pdf", archivos.PDF)})
    fila = propia.valores.get(pregunta=evidencia)
    assert fila.archivo_nombre == "Difusión del protocolo.pdf" and fila.archivo_formato == "pdf"
    assert fila.archivo.name.startswith("cuestionarios/") and "Difus" not in fila.archivo.name
    assert fila.archivo_tamano == len(archivos.PDF) and len(fila.archivo_sha256) == 64
    with fila.archivo.open("rb") as guardado:
        assert guardado.read() == archivos.PDF
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, quitar_archivos=[evidencia.pk])
    assert not propia.valores.filter(pregunta=evidencia).exists()
