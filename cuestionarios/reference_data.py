"""Load the reference questionnaires (data/reference/cuestionarios-2020.yaml): the UIG
diagnostic and the Protocol's fourth transitory article report, each with its 2020
edition holding the figures the annual report published.

`load_reference_data` runs this loader (``CuestionariosConfig.cargador_de_referencia``).
A questionnaire or edition that already exists is left alone — coordination may have
adjusted it since — so loading twice changes nothing."""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Cuestionario, Edicion, EstadoEdicion, Opcion, Pregunta, ResultadoPublicado, Seccion

ARCHIVO = Path(settings.BASE_DIR) / "data" / "reference" / "cuestionarios-2020.yaml"


class _Informe:
    """What a load created, when the caller gives no report of its own."""

    def __init__(self):
        self.creados, self.actualizados = Counter(), Counter()


def _guardar(objeto, informe):
    objeto.full_clean()
    objeto.save()
    informe.creados[str(type(objeto)._meta.verbose_name_plural)] += 1
    return objeto


def _decimal(valor):
    return None if valor is None else Decimal(str(valor))


def _crear_estructura(datos, informe):
    cuestionario = _guardar(Cuestionario(clave=datos["clave"], nombre=datos["nombre"],
                                         descripcion=(datos.get("descripcion") or "").strip()), informe)
    por_ref, pendientes = {}, []
    for orden_seccion, datos_seccion in enumerate(datos["secciones"], start=1):
        seccion = _guardar(Seccion(cuestionario=cuestionario, orden=orden_seccion, titulo=datos_seccion["titulo"],
                                   descripcion=(datos_seccion.get("descripcion") or "").strip()), informe)
        for orden, datos_pregunta in enumerate(datos_seccion["preguntas"], start=1):
            pregunta = _guardar(Pregunta(
                seccion=seccion, orden=orden, texto=datos_pregunta["texto"], tipo=datos_pregunta["tipo"],
                ayuda=datos_pregunta.get("ayuda", ""), obligatoria=datos_pregunta.get("obligatoria", True),
                datos_personales=datos_pregunta.get("datos_personales", False),
                minimo=_decimal(datos_pregunta.get("minimo")), maximo=_decimal(datos_pregunta.get("maximo")),
                entero=datos_pregunta.get("entero", True),
            ), informe)
            for orden_opcion, texto in enumerate(datos_pregunta.get("opciones") or [], start=1):
                _guardar(Opcion(pregunta=pregunta, orden=orden_opcion, texto=texto), informe)
            por_ref[datos_pregunta["ref"]] = pregunta
            pendientes.append((pregunta, datos_pregunta))
    # Conditions and proportions point to questions that may come later in the file.
    for pregunta, datos_pregunta in pendientes:
        condicion = datos_pregunta.get("condicion")
        if condicion:
            pregunta.condicion_pregunta, pregunta.condicion_valor = por_ref[condicion["pregunta"]], condicion["valor"]
        if datos_pregunta.get("proporcion_de"):
            pregunta.proporcion_de = por_ref[datos_pregunta["proporcion_de"]]
        if condicion or datos_pregunta.get("proporcion_de"):
            pregunta.full_clean()
            pregunta.save()
    return cuestionario


def _preguntas_por_ref(cuestionario, datos):
    """The questions of an existing questionnaire by the file's refs, by their place (section
    and number); the text must still be the file's, or the load stops."""
    por_ref = {}
    for orden_seccion, datos_seccion in enumerate(datos["secciones"], start=1):
        for orden, datos_pregunta in enumerate(datos_seccion["preguntas"], start=1):
            pregunta = Pregunta.objects.filter(seccion__cuestionario=cuestionario, seccion__orden=orden_seccion,
                                               orden=orden, texto=datos_pregunta["texto"]).first()
            if pregunta is not None:
                por_ref[datos_pregunta["ref"]] = pregunta
    return por_ref


def _crear_edicion(cuestionario, datos, por_ref, informe):
    edicion = _guardar(Edicion(
        cuestionario=cuestionario, nombre=datos["nombre"], historica=datos.get("historica", False),
        estado=EstadoEdicion.CERRADA, fuente=" ".join(datos.get("fuente", "").split()),
        respuestas_publicadas=datos.get("respuestas_publicadas"), publicada=datos.get("publicada", False),
        publicada_en=timezone.now() if datos.get("publicada") else None,
    ), informe)
    for orden, cifra in enumerate(datos.get("resultados") or [], start=1):
        if cifra["pregunta"] not in por_ref:
            raise ValidationError(
                f"{cuestionario.clave}: la pregunta «{cifra['pregunta']}» del archivo ya no está en su lugar; "
                "cargue la edición a mano o restablezca la pregunta.")
        pregunta = por_ref[cifra["pregunta"]]
        opcion = Opcion.objects.get(pregunta=pregunta, texto=cifra["opcion"]) if cifra.get("opcion") else None
        _guardar(ResultadoPublicado(
            edicion=edicion, pregunta=pregunta, tipo=cifra["tipo"], si_no=cifra.get("si_no"), opcion=opcion,
            valor=_decimal(cifra.get("valor")), base=cifra.get("base"),
            base_descripcion=cifra.get("base_descripcion", ""), minimo=_decimal(cifra.get("minimo")),
            maximo=_decimal(cifra.get("maximo")), texto=cifra["texto"], orden=orden,
        ), informe)
    return edicion


@transaction.atomic
def cargar_cuestionarios_de_referencia(*, informe=None, update: bool = False, archivo: Path | None = None):
    """Create what is missing of the reference questionnaires and their published editions;
    ``informe`` (``creados``/``actualizados`` counters) receives what was created. ``update``
    changes nothing here: questionnaires are coordination's to adjust once loaded."""
    informe = informe if informe is not None else _Informe()
    with open(archivo or ARCHIVO, encoding="utf-8") as handle:
        datos = yaml.safe_load(handle)
    for datos_cuestionario in datos.get("cuestionarios", []):
        cuestionario = Cuestionario.objects.filter(clave=datos_cuestionario["clave"]).first()
        if cuestionario is None:
            cuestionario = _crear_estructura(datos_cuestionario, informe)
        por_ref = None
        for datos_edicion in datos_cuestionario.get("ediciones") or []:
            if cuestionario.ediciones.filter(nombre__iexact=datos_edicion["nombre"]).exists():
                continue
            por_ref = por_ref or _preguntas_por_ref(cuestionario, datos_cuestionario)
            _crear_edicion(cuestionario, datos_edicion, por_ref, informe)
    return informe
