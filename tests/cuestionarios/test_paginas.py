"""The questionnaire pages as each role uses them: coordination builds and opens an edition,
the officer answers its own institution's response (and never sees another's), consulta
reads without personal data, the public reads aggregates only; the inbox and the
dashboard show what is due."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cuestionarios import services
from cuestionarios.models import Cuestionario, EstadoRespuesta, Pregunta, ReglaInstituciones, Respuesta
from tests import archivos
from tests.conftest import subir
from tests.cuestionarios import datos

pytestmark = pytest.mark.django_db


def _texto(respuesta):
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", respuesta.content.decode()))


@pytest.fixture
def protocolo(coordinacion, institucion_propia, institucion_ajena):
    """The reference Protocol questionnaire, opened for the two institutions."""
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    edicion = services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="2021",
                                     fecha_limite=timezone.localdate() + datetime.timedelta(days=10),
                                     regla=ReglaInstituciones.EXPLICITA,
                                     instituciones=[institucion_propia, institucion_ajena])
    return edicion


def _p(edicion, numero):
    return next(p for p in edicion.cuestionario.preguntas() if p.numero == numero)


def _opcion(pregunta, texto):
    return str(pregunta.opciones.get(texto=texto).pk)


def test_coordinacion_construye_un_cuestionario_y_abre_una_edicion(client, coordinacion, institucion_propia):
    client.force_login(coordinacion)
    assert client.get(reverse("cuestionarios:lista")).status_code == 200
    respuesta = client.post(reverse("cuestionarios:nuevo"), {"nombre": "Encuesta de cuidados", "clave": "nuevo"})
    assert "Esa clave está reservada" in respuesta.content.decode()
    respuesta = client.post(reverse("cuestionarios:nuevo"), {"nombre": "Encuesta de cuidados", "clave": "cuidados",
                                                             "descripcion": "Medidas de corresponsabilidad."})
    assert respuesta.status_code == 302
    cuestionario = Cuestionario.objects.get(clave="cuidados")
    client.post(reverse("cuestionarios:seccion_nueva", args=["cuidados"]), {"titulo": "Medidas"})
    seccion = cuestionario.secciones.get()
    url = reverse("cuestionarios:pregunta_nueva", args=[seccion.pk])
    assert client.get(url).status_code == 200
    # A choice question without options: the error is next to the options.
    respuesta = client.post(url, {"seccion": seccion.pk, "texto": "¿Qué medidas ofrece?", "tipo": "opcion_multiple",
                                  "opciones": "Lactario", "obligatoria": "on"})
    assert "Escriba al menos dos opciones, una por línea." in respuesta.content.decode()
    client.post(url, {"seccion": seccion.pk, "texto": "¿Qué medidas ofrece?", "tipo": "opcion_multiple",
                      "opciones": "Lactario\nGuardería\n\nHorarios flexibles", "obligatoria": "on"})
    client.post(url, {"seccion": seccion.pk, "texto": "¿Tiene lactario?", "tipo": "si_no", "obligatoria": "on"})
    medidas, lactario = list(cuestionario.preguntas())
    assert list(medidas.opciones.values_list("texto", flat=True)) == ["Lactario", "Guardería", "Horarios flexibles"]
    client.post(reverse("cuestionarios:pregunta_mover", args=[lactario.pk]), {"direccion": "arriba"})
    assert [p.texto for p in cuestionario.preguntas()] == ["¿Tiene lactario?", "¿Qué medidas ofrece?"]
    pagina = _texto(client.get(reverse("cuestionarios:detalle", args=["cuidados"])))
    assert "1.1 ¿Tiene lactario?" in pagina and "1.2 ¿Qué medidas ofrece?" in pagina and "Guardería" in pagina

    url = reverse("cuestionarios:edicion_nueva", args=["cuidados"])
    datos_edicion = {"nombre": "2021", "apertura": timezone.localdate().isoformat(), "fecha_limite": "2030-01-31",
                     "regla": "explicita", "instituciones": [institucion_propia.pk]}
    # «Ver las instituciones» shows the set and stores nothing.
    vista = client.post(url, {**datos_edicion, "previsualizar": "1"})
    assert "Se enviaría a 1 institución" in _texto(vista) and "Institución Propia" in _texto(vista)
    assert not cuestionario.ediciones.exists()
    respuesta = client.post(url, {**datos_edicion, "abrir": "1"}, follow=True)
    assert "Edición «2021» abierta: se envió a 1 institución." in _texto(respuesta)
    edicion = cuestionario.ediciones.get()
    assert edicion.respuestas.get().institucion == institucion_propia
    # Now the structure is fixed: the builder's buttons are gone and its actions refused.
    pagina = _texto(client.get(reverse("cuestionarios:detalle", args=["cuidados"])))
    assert "ya se envió a las instituciones" in pagina and "Agregar una pregunta" not in pagina
    respuesta = client.post(reverse("cuestionarios:pregunta_eliminar", args=[lactario.pk]), follow=True)
    assert "ya se envió a las instituciones" in _texto(respuesta)
    assert Pregunta.objects.filter(pk=lactario.pk).exists()


def test_el_enlace_responde_guarda_envia_y_queda_bloqueada(client, enlace_propio, protocolo):
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    url = reverse("cuestionarios:responder", args=[propia.pk])
    client.force_login(enlace_propio)
    pagina = client.get(url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "1.1 ¿La institución emitió el pronunciamiento" in html and 'type="file"' in html
    pronunciamiento, fecha, firma, medios = (_p(protocolo, n) for n in ("1.1", "1.2", "1.3", "1.4"))
    designadas, certificadas = _p(protocolo, "2.3"), _p(protocolo, "2.4")

    # Bad values: each error next to its field, nothing saved, what was typed shown again.
    respuesta = client.post(url, {"version": propia.version, f"p{pronunciamiento.pk}": "si",
                                  f"p{designadas.pk}": "siete", f"p{certificadas.pk}": "3", "guardar": "1"})
    texto = _texto(respuesta)
    assert "Escriba solo cifras" in texto and "Hay 1 problema en la respuesta:" in texto
    assert 'value="siete"' in respuesta.content.decode()
    assert not propia.valores.exists()

    respuesta = client.post(url, {"version": propia.version, f"p{pronunciamiento.pk}": "si",
                                  f"p{fecha.pk}": "2021-01-20", f"p{designadas.pk}": "7", f"p{certificadas.pk}": "9",
                                  "guardar": "1"})
    assert "No puede ser mayor que la respuesta a la pregunta 2.3 (7)." in _texto(respuesta)
    respuesta = client.post(url, {"version": propia.version, f"p{pronunciamiento.pk}": "si",
                                  f"p{fecha.pk}": "2021-01-20", f"p{designadas.pk}": "7", f"p{certificadas.pk}": "2",
                                  f"p{_p(protocolo, '1.5').pk}": subir("pronunciamiento.pdf", archivos.PDF),
                                  "guardar": "1"}, follow=True)
    assert "Borrador guardado." in _texto(respuesta)
    propia.refresh_from_db()
    assert propia.estado == EstadoRespuesta.BORRADOR and propia.valores.count() == 5

    # «Enviar» with required questions missing: the draft is kept, what is missing is said.
    formulario = {"version": propia.version, f"p{pronunciamiento.pk}": "si", f"p{fecha.pk}": "2021-01-20",
                  f"p{designadas.pk}": "7", f"p{certificadas.pk}": "2", f"p{firma.pk}": "si",
                  f"p{medios.pk}": [_opcion(medios, "Correo electrónico institucional")], "enviar": "1"}
    respuesta = client.post(url, formulario)
    texto = _texto(respuesta)
    assert "Se guardó el borrador, pero no se pudo enviar" in texto and "Esta pregunta es obligatoria." in texto
    propia.refresh_from_db()
    assert propia.estado == EstadoRespuesta.BORRADOR and propia.valores.count() == 7
    version = re.search(r'name="version" value="(\d+)"', respuesta.content.decode()).group(1)
    assert int(version) == propia.version

    convocatoria, electas = _p(protocolo, "2.1"), _p(protocolo, "2.5")
    difusion, actividades = _p(protocolo, "3.1"), _p(protocolo, "4.1")
    formulario.update({"version": version, f"p{convocatoria.pk}": "no", f"p{electas.pk}": "0",
                       f"p{difusion.pk}": [_opcion(difusion, "Intranet")],
                       f"p{actividades.pk}": [_opcion(actividades, "Capacitación")],
                       f"p{_p(protocolo, '5.1').pk}": "Ana López, titular de la UIG",
                       f"p{_p(protocolo, '5.2').pk}": "ana.lopez@ejemplo.gob.mx"})
    respuesta = client.post(url, formulario, follow=True)
    assert "Respuesta enviada a la coordinación del SNIMH." in _texto(respuesta)
    propia.refresh_from_db()
    assert propia.estado == EstadoRespuesta.ENVIADA and propia.enviada_por == enlace_propio
    # Its own officer reads it, personal data included, and can no longer change it.
    pagina = _texto(client.get(reverse("cuestionarios:respuesta", args=[propia.pk])))
    assert "Ana López, titular de la UIG" in pagina and "pronunciamiento.pdf" in pagina
    assert "Seguir respondiendo" not in pagina
    assert client.get(url).status_code == 302
    client.post(url, {**formulario, f"p{designadas.pk}": "8"})
    assert propia.valores.get(pregunta=designadas).valor_numero == 7


def test_un_enlace_nunca_ve_la_respuesta_de_otra_institucion(client, enlace_ajeno, enlace_propio, protocolo):
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, archivos={
        _p(protocolo, "1.5").pk: subir("pronunciamiento.pdf", archivos.PDF)}, valores={_p(protocolo, "1.1").pk: True})
    archivo = propia.valores.get(pregunta=_p(protocolo, "1.5"))
    client.force_login(enlace_ajeno)
    for nombre, argumentos in [("cuestionarios:respuesta", [propia.pk]), ("cuestionarios:responder", [propia.pk]),
                               ("cuestionarios:archivo", [archivo.pk])]:
        assert client.get(reverse(nombre, args=argumentos)).status_code == 404, nombre
    assert client.post(reverse("cuestionarios:responder", args=[propia.pk]), {"version": 1}).status_code == 404
    # The pages that list every response are not the officers'.
    for nombre in ("cuestionarios:edicion", "cuestionarios:resultados", "cuestionarios:exportar_csv"):
        assert client.get(reverse(nombre, args=[protocolo.pk])).status_code == 403, nombre
    # Its own list shows only its institution.
    lista = _texto(client.get(reverse("cuestionarios:lista")))
    assert "Cuestionarios de su institución" in lista
    assert Respuesta.objects.filter(institucion=enlace_ajeno.institucion).count() == 1
    assert reverse("cuestionarios:responder", args=[propia.pk]) not in lista


def test_consulta_lee_sin_datos_personales(client, consulta, coordinacion, enlace_propio, protocolo):
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    nombre = _p(protocolo, "5.1")
    propia = services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={
        nombre.pk: "Ana López, titular", _p(protocolo, "1.1").pk: False})
    client.force_login(consulta)
    # A draft is the institution's work in progress.
    assert client.get(reverse("cuestionarios:respuesta", args=[propia.pk])).status_code == 404
    from cuestionarios.models import RespuestaPregunta

    Respuesta.objects.filter(pk=propia.pk).update(estado=EstadoRespuesta.ENVIADA, enviada_por=enlace_propio,
                                                  enviada_en=timezone.now())
    pagina = _texto(client.get(reverse("cuestionarios:respuesta", args=[propia.pk])))
    assert "Dato personal: solo lo ven la coordinación y la propia institución." in pagina
    assert "Ana López" not in pagina
    assert RespuestaPregunta.objects.filter(pregunta=nombre).exists()
    client.force_login(coordinacion)
    assert "Ana López, titular" in _texto(client.get(reverse("cuestionarios:respuesta", args=[propia.pk])))


def test_reabrir_desde_la_pagina(client, coordinacion, enlace_propio, protocolo):
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    Respuesta.objects.filter(pk=propia.pk).update(estado=EstadoRespuesta.ENVIADA, enviada_por=enlace_propio,
                                                  enviada_en=timezone.now(), guardada_en=timezone.now())
    url = reverse("cuestionarios:reabrir", args=[propia.pk])
    client.force_login(enlace_propio)
    assert client.post(url, {"motivo": "Me equivoqué"}).status_code == 403
    client.force_login(coordinacion)
    respuesta = client.post(url, {"motivo": ""})
    assert "Indique por qué se reabre la respuesta." in _texto(respuesta)
    respuesta = client.post(url, {"motivo": "Adjunte el pronunciamiento firmado."}, follow=True)
    assert "Respuesta reabierta" in _texto(respuesta)
    propia.refresh_from_db()
    assert propia.estado == EstadoRespuesta.BORRADOR
    client.force_login(enlace_propio)
    pagina = _texto(client.get(reverse("cuestionarios:responder", args=[propia.pk])))
    assert "Adjunte el pronunciamiento firmado." in pagina


def test_pagina_de_la_edicion_y_sus_acciones(client, coordinacion, protocolo):
    client.force_login(coordinacion)
    url = reverse("cuestionarios:edicion", args=[protocolo.pk])
    pagina = _texto(client.get(url))
    assert "2 instituciones" in pagina and "Institución Ajena (AJENA)" in pagina and "Sin iniciar" in pagina
    assert "por vencer" in pagina
    assert "Institución Propia" not in _texto(client.get(url, {"estado": "enviada"})).split("Respuestas por institución")[1]
    estado = reverse("cuestionarios:edicion_estado", args=[protocolo.pk])
    assert "Cierre la edición antes de publicar" in _texto(client.post(estado, {"accion": "publicar"}, follow=True))
    assert "Edición cerrada" in _texto(client.post(estado, {"accion": "cerrar"}, follow=True))
    assert "Resultados publicados en Transparencia" in _texto(client.post(estado, {"accion": "publicar"}, follow=True))
    client.logout()
    assert client.get(reverse("cuestionarios:publica", args=[protocolo.pk])).status_code == 200
    assert "2021" in _texto(client.get(reverse("cuestionarios:publicas")))


def test_la_pagina_publica_solo_muestra_agregados(client, coordinacion):
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    edicion = datos.edicion_protocolo(coordinacion, cuestionario=cuestionario, n=3)
    assert client.get(reverse("cuestionarios:publica", args=[edicion.pk])).status_code == 404
    services.edicion_cerrar(usuario=coordinacion, edicion=edicion)
    services.edicion_publicar(usuario=coordinacion, edicion=edicion)
    pagina = _texto(client.get(reverse("cuestionarios:publica", args=[edicion.pk])))
    assert "3 de 3 instituciones enviaron su respuesta." in pagina and "Base: 3 respuestas" in pagina
    for privado in ("Persona Reportante", "ejemplo.gob.mx", "Pláticas de sensibilización", "Institución PROT",
                    "Descargar respuestas", "Por naturaleza"):
        assert privado not in pagina, privado
    assert "3 instituciones contestaron con texto libre (no se publica)." in pagina
    assert client.get(reverse("cuestionarios:exportar_csv", args=[edicion.pk])).status_code == 302


def test_bandeja_del_enlace_y_tablero(client, coordinacion, enlace_propio, protocolo):
    client.force_login(enlace_propio)
    pagina = _texto(client.get(reverse("compromisos:pendientes")))
    assert "Cuestionarios por responder" in pagina
    assert "Reporte del artículo cuarto transitorio del Protocolo" in pagina and "(por vencer)" in pagina
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    assert reverse("cuestionarios:responder", args=[propia.pk]) in client.get(reverse("compromisos:pendientes")).content.decode()
    Respuesta.objects.filter(pk=propia.pk).update(estado=EstadoRespuesta.ENVIADA, enviada_por=enlace_propio,
                                                  enviada_en=timezone.now(), guardada_en=timezone.now())
    pagina = _texto(client.get(reverse("compromisos:pendientes")))
    assert "Su institución no tiene cuestionarios por responder." in pagina
    client.force_login(coordinacion)
    tablero = _texto(client.get(reverse("acuerdos:tablero")))
    assert "1 edición abierta" in tablero and "1 respuesta enviada de 2" in tablero


def test_pendientes_de_institucion(coordinacion, institucion_propia):
    from cuestionarios.selectors import pendientes_de_institucion

    _uig, cuestionario = datos.cuestionarios_de_referencia()
    hoy = datetime.date(2021, 3, 10)
    ediciones = []
    for nombre, limite in [("tarde", datetime.date(2021, 5, 1)), ("pronto", datetime.date(2021, 3, 15)),
                           ("vencida", datetime.date(2021, 3, 1)), ("cerrada", datetime.date(2021, 3, 2))]:
        ediciones.append(services.edicion_abrir(
            usuario=coordinacion, cuestionario=cuestionario, nombre=nombre, apertura=datetime.date(2021, 2, 1),
            fecha_limite=limite, regla=ReglaInstituciones.EXPLICITA, instituciones=[institucion_propia]))
    services.edicion_cerrar(usuario=coordinacion, edicion=ediciones[3])
    pendientes = pendientes_de_institucion(institucion_id=institucion_propia.pk, hoy=hoy)
    assert [(p.edicion.nombre, p.dias, p.semaforo) for p in pendientes] == [
        ("vencida", -9, "vencido"), ("pronto", 5, "proximo"), ("tarde", 52, "a_tiempo")]



def test_la_lista_del_enlace_pone_primero_lo_que_falta_enviar(client, coordinacion, enlace_propio, protocolo):
    propia = protocolo.respuestas.get(institucion=enlace_propio.institucion)
    Respuesta.objects.filter(pk=propia.pk).update(estado=EstadoRespuesta.ENVIADA, enviada_por=enlace_propio,
                                                  enviada_en=timezone.now(), guardada_en=timezone.now())
    otra = services.edicion_abrir(usuario=coordinacion, cuestionario=protocolo.cuestionario, nombre="2022",
                                  fecha_limite=timezone.localdate() + datetime.timedelta(days=90),
                                  regla=ReglaInstituciones.EXPLICITA, instituciones=[enlace_propio.institucion])
    client.force_login(enlace_propio)
    html = client.get(reverse("cuestionarios:lista")).content.decode()
    por_responder = html.index(reverse("cuestionarios:responder", args=[otra.respuestas.get().pk]))
    enviada = html.index(reverse("cuestionarios:respuesta", args=[propia.pk]))
    assert por_responder < enviada
