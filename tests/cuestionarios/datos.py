"""Editions of the two reference questionnaires answered by institutions built here, through
the same services as the pages: one reproduces the counts the 2020 report published for
the Protocol's report (62 institutions, 61 pronouncements, 58 signed by the head), the
other the UIG diagnostic's percentages at the precision they were published (71 %,
61.8 %, 28 % of the constituted units, 58 %).

The published percentages cannot all come from 34 answers to every question (no k/34
rounds to 58, and 28 % of 21 units is 5.9): items were left unanswered, as in any survey.
Here one unit leaves the budget question blank (19 of 33 = 57.6 %, 58 % as published)
and three constituted units leave the statute question blank (5 of 18 = 27.8 %, 28 %)."""

import datetime

from cuestionarios import services
from cuestionarios.models import Cuestionario, Edicion, ReglaInstituciones
from cuestionarios.reference_data import cargar_cuestionarios_de_referencia
from instituciones.models import Naturaleza
from tests.factories import InstitucionFactory

NATURALEZAS = [Naturaleza.SECRETARIA_ESTADO, Naturaleza.ENTIDAD_PARAESTATAL, Naturaleza.ORGANO_DESCONCENTRADO]
SECTORES = ["Salud", "Educación", "Hacienda", "Energía"]


def cuestionarios_de_referencia():
    cargar_cuestionarios_de_referencia()
    return (Cuestionario.objects.get(clave="diagnostico-uig"),
            Cuestionario.objects.get(clave="protocolo-cuarto-transitorio"))


def preguntas(cuestionario):
    """``{texto: pregunta}``-like access by the reference file's questions, in order."""
    return list(cuestionario.preguntas().prefetch_related("opciones"))


def _opcion(pregunta, texto):
    return next(o.pk for o in pregunta.opciones.all() if o.texto == texto)


def abrir(cuestionario, usuario, n, *, nombre="2021", prefijo="INST", apertura=datetime.date(2021, 3, 1),
          fecha_limite=datetime.date(2021, 4, 30)):
    instituciones = [InstitucionFactory(siglas=f"{prefijo}{i:02d}", nombre=f"Institución {prefijo} {i:02d}",
                                        naturaleza=NATURALEZAS[i % 3], sector=SECTORES[i % 4]) for i in range(n)]
    edicion = services.edicion_abrir(usuario=usuario, cuestionario=cuestionario, nombre=nombre,
                                     fecha_limite=fecha_limite, regla=ReglaInstituciones.EXPLICITA,
                                     instituciones=instituciones, apertura=apertura)
    return edicion, instituciones


def _responder(edicion, usuario, valores_por_indice):
    respuestas = list(edicion.respuestas.select_related("institucion").order_by("institucion__siglas"))
    for i, respuesta in enumerate(respuestas):
        valores = valores_por_indice(i)
        respuesta = services.respuesta_guardar(respuesta=respuesta, usuario=usuario, valores=valores)
        services.respuesta_enviar(respuesta=respuesta, usuario=usuario)
    return respuestas


def edicion_protocolo(usuario, *, cuestionario=None, nombre="2021", n=62) -> Edicion:
    """62 responses: 61 pronouncements, 58 of them signed by the head, e-mail the most used
    channel; 444 personas consejeras, 37 certified before, 262 elected by open call (59 %)."""
    cuestionario = cuestionario or Cuestionario.objects.get(clave="protocolo-cuarto-transitorio")
    p = {pregunta.numero: pregunta for pregunta in preguntas(cuestionario)}
    edicion, _ = abrir(cuestionario, usuario, n, nombre=nombre, prefijo=f"PROT{nombre}-")
    correo, intranet = _opcion(p["1.4"], "Correo electrónico institucional"), _opcion(p["1.4"], "Intranet")

    def valores(i):
        emitido = i < 61
        datos = {
            p["1.1"].pk: emitido,
            p["2.1"].pk: i < 55,
            p["2.3"].pk: 8 if i < 10 else 7,  # 10 × 8 + 52 × 7 = 444
            p["2.4"].pk: 1 if i < 37 else 0,  # 37
            p["2.5"].pk: 5 if i < 14 else 4,  # 14 × 5 + 48 × 4 = 262
            p["3.1"].pk: [_opcion(p["3.1"], "Correo electrónico institucional")],
            p["4.1"].pk: [_opcion(p["4.1"], "Sensibilización"), _opcion(p["4.1"], "Capacitación")],
            p["4.2"].pk: f"Pláticas de sensibilización en la institución {i}.",
            p["5.1"].pk: f"Persona Reportante {i}, titular de la UIG",
            p["5.2"].pk: f"reporta{i}@ejemplo.gob.mx",
        }
        if emitido:
            datos[p["1.2"].pk] = datetime.date(2020, 1, 15 + i % 10)
            datos[p["1.3"].pk] = i < 58
            datos[p["1.4"].pk] = [correo] if i < 45 else [intranet]
        if i < 55:
            datos[p["2.2"].pk] = datetime.date(2020, 2, 1 + i % 20)
        return datos

    _responder(edicion, usuario, valores)
    return edicion


def edicion_uig(usuario, *, cuestionario=None, nombre="2021") -> Edicion:
    """34 responses: 24 with gender liaisons (70.6 %, 71 % as published), 21 formally
    constituted (61.8 %), of which 18 answered the statute question and 5 said yes
    (27.8 %, 28 %), and 19 of the 33 that answered with a labelled budget (57.6 %, 58 %).
    Networks of 5 to 578 people."""
    cuestionario = cuestionario or Cuestionario.objects.get(clave="diagnostico-uig")
    p = {pregunta.numero: pregunta for pregunta in preguntas(cuestionario)}
    edicion, _ = abrir(cuestionario, usuario, 34, nombre=nombre, prefijo=f"UIG{nombre}-")
    personas = [5, 578] + [30] * 22
    mujeres = [3, 318] + [17] * 11 + [16] * 11

    def valores(i):
        constituida, enlaces = i < 21, i < 24
        datos = {
            p["1.1"].pk: f"Titular de la Unidad {i}",
            p["1.2"].pk: f"titular{i}@ejemplo.gob.mx",
            p["2.1"].pk: constituida,
            p["2.3"].pk: _opcion(p["2.3"], "Acuerdo de creación"),
            p["2.4"].pk: _opcion(p["2.4"], "Unidad de administración y finanzas"),
            p["3.1"].pk: enlaces,
            p["3.6"].pk: [_opcion(p["3.6"], "INMUJERES"), _opcion(p["3.6"], "ONU Mujeres")],
            p["3.7"].pk: [_opcion(p["3.7"], "Unidad de administración y finanzas")],
            p["4.1"].pk: _opcion(p["4.1"], "Dirección de área" if i < 14 else "Subdirección de área"),
            p["4.2"].pk: _opcion(p["4.2"], "Maestría" if i < 19 else "Licenciatura"),
            p["4.3"].pk: i < 20,
            p["4.4"].pk: _opcion(p["4.4"], "De 1 a 3 años" if i < 21 else "Más de 3 y hasta 6 años"),
            p["4.5"].pk: 3 + i % 4,
            p["4.9"].pk: [_opcion(p["4.9"], "Indicadores con perspectiva de género")],
        }
        if constituida and i < 18:
            datos[p["2.2"].pk] = i < 5
        if enlaces:
            datos[p["3.2"].pk] = personas[i]
            datos[p["3.3"].pk] = mujeres[i]
            datos[p["3.4"].pk] = _opcion(p["3.4"], "Mandos medios" if i < 19 else "Personal operativo")
            datos[p["3.5"].pk] = i % 2 == 0
        if i < 33:
            datos[p["4.6"].pk] = i < 19
        return datos

    _responder(edicion, usuario, valores)
    return edicion
