"""Writes on questionnaires: building them, opening and closing editions, filling,
submitting and reopening responses. Every function is keyword-only and atomic, asks
snimh/permisos.py, and validates before saving."""

import datetime
import hashlib
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from instituciones.models import Institucion
from snimh import permisos, uploads
from snimh.db import EdicionConcurrente
from snimh.validators import validar_sin_html

from .models import (
    DECIMALES,
    DIGITOS,
    AccionRespuesta,
    Cuestionario,
    Edicion,
    EstadoEdicion,
    EstadoRespuesta,
    MovimientoRespuesta,
    Opcion,
    OpcionElegida,
    Pregunta,
    ReglaInstituciones,
    Respuesta,
    RespuestaPregunta,
    Seccion,
    TipoPregunta,
    instituciones_de_la_regla,
)


def _exigir(condicion):
    if not condicion:
        raise PermissionDenied(_("No tiene permiso para realizar esta acción."))


def _guardar(objeto, **kwargs):
    objeto.full_clean(**kwargs)
    objeto.save()
    return objeto


def _texto(valor):
    return (valor or "").strip()


# Building questionnaires ---------------------------------------------------------

def _exigir_estructura_editable(cuestionario):
    if cuestionario.estructura_bloqueada():
        raise ValidationError(
            _("Este cuestionario ya se envió a las instituciones: sus secciones y preguntas ya no pueden cambiar, "
              "para que las respuestas y las ediciones sigan siendo comparables."),
            code="estructura_bloqueada",
        )


@transaction.atomic
def cuestionario_guardar(*, usuario, cuestionario: Cuestionario | None = None, clave: str, nombre: str,
                         descripcion: str = "") -> Cuestionario:
    """Create a questionnaire, or rename and describe one (``cuestionario``)."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    if cuestionario is not None:
        cuestionario = Cuestionario.objects.select_for_update().get(pk=cuestionario.pk)
        if clave != cuestionario.clave and cuestionario.ediciones.exists():
            raise ValidationError({"clave": _("La clave no cambia una vez que el cuestionario tiene ediciones: "
                                              "forma parte de sus direcciones.")}, code="clave_fija")
    else:
        cuestionario = Cuestionario()
    cuestionario.clave = _texto(clave)
    cuestionario.nombre = _texto(nombre)
    cuestionario.descripcion = _texto(descripcion)
    return _guardar(cuestionario)


def _renumerar(queryset):
    """Number the rows 1, 2, 3… in their current order. The numbers are unique per parent,
    so the rows first step aside (far above any real number) and then take their places."""
    filas = list(queryset.order_by("orden", "pk"))
    queryset.filter(pk__in=[f.pk for f in filas]).update(orden=F("orden") + 10000)
    for numero, fila in enumerate(filas, start=1):
        type(fila).objects.filter(pk=fila.pk).update(orden=numero)


def _intercambiar(fila, otra):
    modelo = type(fila)
    propio, ajeno = fila.orden, otra.orden
    modelo.objects.filter(pk=fila.pk).update(orden=30000)
    modelo.objects.filter(pk=otra.pk).update(orden=propio)
    modelo.objects.filter(pk=fila.pk).update(orden=ajeno)


def _vecina(queryset, fila, direccion):
    if direccion == "arriba":
        return queryset.filter(orden__lt=fila.orden).order_by("-orden").first()
    if direccion == "abajo":
        return queryset.filter(orden__gt=fila.orden).order_by("orden").first()
    raise ValidationError(_("Dirección desconocida."), code="direccion")


@transaction.atomic
def seccion_guardar(*, usuario, cuestionario: Cuestionario | None = None, seccion: Seccion | None = None,
                    titulo: str, descripcion: str = "") -> Seccion:
    """Add a section at the end of ``cuestionario``, or edit ``seccion``."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    if seccion is not None:
        seccion = Seccion.objects.select_for_update().get(pk=seccion.pk)
        cuestionario = seccion.cuestionario
    else:
        cuestionario = Cuestionario.objects.select_for_update().get(pk=cuestionario.pk)
        ultimo = cuestionario.secciones.order_by("-orden").values_list("orden", flat=True).first() or 0
        seccion = Seccion(cuestionario=cuestionario, orden=ultimo + 1)
    _exigir_estructura_editable(cuestionario)
    seccion.titulo = _texto(titulo)
    seccion.descripcion = _texto(descripcion)
    return _guardar(seccion)


def _sin_dependencias_externas(preguntas, mensaje):
    """Questions that other questions (outside those being removed) depend on stay."""
    ids = {p.pk for p in preguntas}
    if (Pregunta.objects.filter(condicion_pregunta__in=ids).exclude(pk__in=ids).exists()
            or Pregunta.objects.filter(proporcion_de__in=ids).exclude(pk__in=ids).exists()):
        raise ValidationError(mensaje, code="con_dependientes")


def _borrar(objeto, mensaje_protegido):
    try:
        objeto.delete()
    except ProtectedError as error:
        raise ValidationError(mensaje_protegido, code="protegida") from error


@transaction.atomic
def seccion_eliminar(*, usuario, seccion: Seccion) -> None:
    """Remove a section with its questions; the others are renumbered."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    seccion = Seccion.objects.select_for_update().select_related("cuestionario").get(pk=seccion.pk)
    _exigir_estructura_editable(seccion.cuestionario)
    preguntas = list(seccion.preguntas.all())
    _sin_dependencias_externas(preguntas, _("Preguntas de otras secciones dependen de preguntas de esta: "
                                            "quite primero esa dependencia."))
    # Questions that depend on each other inside the section go first.
    Pregunta.objects.filter(seccion=seccion).update(condicion_pregunta=None, condicion_valor=None, proporcion_de=None)
    cuestionario = seccion.cuestionario
    _borrar(seccion, _("Hay cifras publicadas sobre preguntas de esta sección: no puede quitarse."))
    _renumerar(cuestionario.secciones.all())


@transaction.atomic
def seccion_mover(*, usuario, seccion: Seccion, direccion: str) -> Seccion:
    """Move a section one place up («arriba») or down («abajo»)."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    seccion = Seccion.objects.select_for_update().get(pk=seccion.pk)
    _exigir_estructura_editable(seccion.cuestionario)
    otra = _vecina(seccion.cuestionario.secciones.all(), seccion, direccion)
    if otra is not None:
        _intercambiar(seccion, otra)
    seccion.refresh_from_db()
    return seccion


_CAMPOS_PREGUNTA = {"texto", "ayuda", "tipo", "obligatoria", "datos_personales", "minimo", "maximo", "entero",
                    "condicion_pregunta", "condicion_valor", "proporcion_de"}


def _opciones_limpias(opciones):
    limpias, vistas = [], set()
    for texto in opciones or []:
        texto = " ".join((texto or "").split())
        if texto and texto.lower() not in vistas:
            vistas.add(texto.lower())
            limpias.append(texto)
    return limpias


def _sincronizar_opciones(pregunta, opciones):
    """Make the question's options exactly ``opciones``, in that order: an option whose text
    stays keeps its identity (published figures point to it); a removed one is deleted."""
    existentes = {o.texto.lower(): o for o in pregunta.opciones.all()}
    nuevas = {texto.lower() for texto in opciones}
    for clave, opcion in existentes.items():
        if clave not in nuevas:
            _borrar(opcion, _("La opción «%(opcion)s» tiene cifras publicadas: no puede quitarse ni cambiar su "
                              "texto.") % {"opcion": opcion.texto})
    pregunta.opciones.update(orden=F("orden") + 10000)
    for orden, texto in enumerate(opciones, start=1):
        opcion = existentes.get(texto.lower())
        if opcion is None:
            _guardar(Opcion(pregunta=pregunta, orden=orden, texto=texto))
        else:
            opcion.orden, opcion.texto = orden, texto
            opcion.save(update_fields=["orden", "texto"])


@transaction.atomic
def pregunta_guardar(*, usuario, seccion: Seccion, pregunta: Pregunta | None = None,
                     opciones: list[str] | None = None, **datos) -> Pregunta:
    """Add a question at the end of ``seccion``, or edit ``pregunta`` (moving it to
    ``seccion`` when that is another section). Choice questions need two or more
    ``opciones`` (texts, in order); other types have none."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    desconocidos = set(datos) - _CAMPOS_PREGUNTA
    if desconocidos:
        raise ValidationError(_("Campos no editables: %(campos)s.") % {"campos": ", ".join(sorted(desconocidos))},
                              code="no_editable")
    seccion = Seccion.objects.select_for_update().select_related("cuestionario").get(pk=seccion.pk)
    _exigir_estructura_editable(seccion.cuestionario)
    anterior = None
    if pregunta is not None:
        pregunta = Pregunta.objects.select_for_update().get(pk=pregunta.pk)
        if pregunta.seccion.cuestionario_id != seccion.cuestionario_id:
            raise ValidationError({"seccion": _("Solo puede moverse a otra sección del mismo cuestionario.")},
                                  code="otro_cuestionario")
        if pregunta.seccion_id != seccion.pk:
            anterior = pregunta.seccion
            pregunta.seccion = seccion
            pregunta.orden = (seccion.preguntas.order_by("-orden").values_list("orden", flat=True).first() or 0) + 1
    else:
        ultimo = seccion.preguntas.order_by("-orden").values_list("orden", flat=True).first() or 0
        pregunta = Pregunta(seccion=seccion, orden=ultimo + 1)
    for campo, valor in datos.items():
        setattr(pregunta, campo, valor.strip() if isinstance(valor, str) else valor)
    if pregunta.tipo not in TipoPregunta.numericos():
        pregunta.minimo = pregunta.maximo = None
    if pregunta.tipo != TipoPregunta.NUMERO:
        pregunta.proporcion_de = None
    if pregunta.condicion_pregunta is None:
        pregunta.condicion_valor = None
    opciones = _opciones_limpias(opciones)
    if pregunta.tiene_opciones and len(opciones) < 2:
        raise ValidationError({"opciones": _("Escriba al menos dos opciones, una por línea.")}, code="pocas_opciones")
    largo = Opcion._meta.get_field("texto").max_length
    largas = [texto for texto in opciones if len(texto) > largo]
    if largas:
        raise ValidationError({"opciones": _("Cada opción tiene a lo sumo %(n)s caracteres.") % {"n": largo}},
                              code="opcion_larga")
    for texto in opciones:
        try:
            validar_sin_html(texto)
        except ValidationError as error:
            raise ValidationError({"opciones": error.messages}, code="html") from error
    _guardar(pregunta)
    _sincronizar_opciones(pregunta, opciones if pregunta.tiene_opciones else [])
    if anterior is not None:
        _renumerar(anterior.preguntas.all())
    return pregunta


@transaction.atomic
def pregunta_eliminar(*, usuario, pregunta: Pregunta) -> None:
    """Remove a question; the rest of its section is renumbered."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    pregunta = Pregunta.objects.select_for_update().select_related("seccion__cuestionario").get(pk=pregunta.pk)
    _exigir_estructura_editable(pregunta.seccion.cuestionario)
    _sin_dependencias_externas([pregunta], _("Otras preguntas dependen de esta: quite primero esa dependencia."))
    seccion = pregunta.seccion
    _borrar(pregunta, _("Hay cifras publicadas sobre esta pregunta: no puede quitarse."))
    _renumerar(seccion.preguntas.all())


@transaction.atomic
def pregunta_mover(*, usuario, pregunta: Pregunta, direccion: str) -> Pregunta:
    """Move a question one place up («arriba») or down («abajo») in its section."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    pregunta = Pregunta.objects.select_for_update().select_related("seccion__cuestionario").get(pk=pregunta.pk)
    _exigir_estructura_editable(pregunta.seccion.cuestionario)
    otra = _vecina(pregunta.seccion.preguntas.all(), pregunta, direccion)
    if otra is not None:
        _intercambiar(pregunta, otra)
    pregunta.refresh_from_db()
    return pregunta


# Editions ------------------------------------------------------------------------

def _exigir_listo_para_enviar(cuestionario):
    preguntas = list(cuestionario.preguntas().prefetch_related("opciones"))
    if not preguntas:
        raise ValidationError(_("El cuestionario no tiene preguntas: agréguelas antes de abrir una edición."),
                              code="sin_preguntas")
    for pregunta in preguntas:
        if pregunta.tiene_opciones and len(pregunta.opciones.all()) < 2:
            raise ValidationError(
                _("La pregunta %(numero)s no tiene al menos dos opciones.") % {"numero": pregunta.numero},
                code="pregunta_sin_opciones",
            )


def instituciones_de_la_edicion(*, regla: str, fecha: datetime.date, elegidas=()):
    """The set an edition opened on ``fecha`` would be sent to: those of ``regla`` plus
    those chosen by name. The page shows it before opening; opening stores it."""
    ids = set(instituciones_de_la_regla(regla, fecha).values_list("pk", flat=True))
    ids.update(i.pk for i in elegidas)
    return Institucion.objects.filter(pk__in=ids).order_by("nombre")


@transaction.atomic
def edicion_abrir(*, usuario, cuestionario: Cuestionario, nombre: str, fecha_limite: datetime.date,
                  regla: str, instituciones=(), apertura: datetime.date | None = None,
                  instrucciones: str = "") -> Edicion:
    """Open an edition: the set of institutions is computed now (the rule on the opening
    date, plus those chosen) and stored as one pending response each, so it never
    changes if roles change later."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    cuestionario = Cuestionario.objects.select_for_update().get(pk=cuestionario.pk)
    _exigir_listo_para_enviar(cuestionario)
    apertura = apertura or timezone.localdate()
    if regla not in ReglaInstituciones.values:
        raise ValidationError({"regla": _("Elija cómo se eligen las instituciones.")}, code="regla")
    if fecha_limite and fecha_limite < apertura:
        raise ValidationError({"fecha_limite": _("La fecha límite no puede ser anterior a la apertura.")},
                              code="plazo_antes_de_apertura")
    destinatarias = list(instituciones_de_la_edicion(regla=regla, fecha=apertura, elegidas=instituciones))
    if not destinatarias:
        raise ValidationError(
            {"instituciones": _("La edición no llegaría a ninguna institución: elija una regla que incluya alguna "
                                "o márquelas en la lista.")}, code="sin_instituciones")
    edicion = _guardar(Edicion(
        cuestionario=cuestionario, nombre=_texto(nombre), instrucciones=_texto(instrucciones), apertura=apertura,
        fecha_limite=fecha_limite, regla=regla, abierta_por=usuario, abierta_en=timezone.now(),
    ))
    Respuesta.objects.bulk_create(Respuesta(edicion=edicion, institucion=i) for i in destinatarias)
    return edicion


def _edicion_bloqueada(edicion):
    return Edicion.objects.select_for_update().select_related("cuestionario").get(pk=edicion.pk)


@transaction.atomic
def edicion_editar(*, usuario, edicion: Edicion, nombre: str, fecha_limite: datetime.date,
                   instrucciones: str = "") -> Edicion:
    """Rename an edition, change its instructions or move its deadline (e.g. extend it)."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    edicion = _edicion_bloqueada(edicion)
    if edicion.historica:
        raise ValidationError(_("Una edición histórica no tiene plazo."), code="historica")
    if fecha_limite and fecha_limite < edicion.apertura:
        raise ValidationError({"fecha_limite": _("La fecha límite no puede ser anterior a la apertura (%(fecha)s).")
                               % {"fecha": f"{edicion.apertura:%d/%m/%Y}"}}, code="plazo_antes_de_apertura")
    edicion.nombre, edicion.instrucciones, edicion.fecha_limite = _texto(nombre), _texto(instrucciones), fecha_limite
    return _guardar(edicion)


@transaction.atomic
def edicion_agregar_instituciones(*, usuario, edicion: Edicion, instituciones) -> list[Respuesta]:
    """Send an open edition to more institutions (those already in it are left alone)."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    edicion = _edicion_bloqueada(edicion)
    if not edicion.abierta:
        raise ValidationError(_("Solo se agregan instituciones a una edición abierta."), code="no_abierta")
    ya = set(edicion.respuestas.values_list("institucion_id", flat=True))
    nuevas = [Respuesta(edicion=edicion, institucion=i) for i in instituciones if i.pk not in ya]
    return Respuesta.objects.bulk_create(nuevas)


@transaction.atomic
def edicion_cerrar(*, usuario, edicion: Edicion) -> Edicion:
    """Close an edition: nothing more is saved or submitted; drafts stay drafts."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    edicion = _edicion_bloqueada(edicion)
    if not edicion.abierta:
        raise ValidationError(_("La edición ya está cerrada."), code="cerrada")
    edicion.estado, edicion.cerrada_por, edicion.cerrada_en = EstadoEdicion.CERRADA, usuario, timezone.now()
    return _guardar(edicion)


@transaction.atomic
def edicion_reabrir(*, usuario, edicion: Edicion) -> Edicion:
    """Open a closed edition again (e.g. to accept a late response); its results stop
    being public until it is closed and published again."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    edicion = _edicion_bloqueada(edicion)
    if edicion.historica:
        raise ValidationError(_("Una edición histórica no se abre: no tiene respuestas en el sistema."),
                              code="historica")
    if edicion.abierta:
        raise ValidationError(_("La edición ya está abierta."), code="abierta")
    edicion.estado, edicion.cerrada_por, edicion.cerrada_en = EstadoEdicion.ABIERTA, None, None
    edicion.publicada, edicion.publicada_por, edicion.publicada_en = False, None, None
    return _guardar(edicion)


@transaction.atomic
def edicion_publicar(*, usuario, edicion: Edicion, publicar: bool = True) -> Edicion:
    """Make an edition's aggregate results public (Transparencia), or withdraw them.
    Only a closed edition: its figures no longer move."""
    _exigir(permisos.puede_editar_cuestionarios(usuario))
    edicion = _edicion_bloqueada(edicion)
    if publicar:
        if edicion.abierta:
            raise ValidationError(_("Cierre la edición antes de publicar sus resultados."), code="abierta")
        if edicion.publicada:
            raise ValidationError(_("Los resultados de esta edición ya son públicos."), code="ya_publicada")
        edicion.publicada, edicion.publicada_por, edicion.publicada_en = True, usuario, timezone.now()
    else:
        if not edicion.publicada:
            raise ValidationError(_("Los resultados de esta edición no son públicos."), code="no_publicada")
        edicion.publicada, edicion.publicada_por, edicion.publicada_en = False, None, None
    return _guardar(edicion)


# Responses -------------------------------------------------------------------------

_SI = {"si", "sí", "true", "1", "verdadero"}
_NO = {"no", "false", "0", "falso"}


def _error_de_numero():
    return ValidationError(_("Escriba solo cifras, con punto decimal si hace falta (p. ej. 1500 o 12.5)."),
                           code="numero")


def _normalizar_numero(pregunta, valor):
    if isinstance(valor, bool):
        raise _error_de_numero()
    if isinstance(valor, str):
        valor = valor.strip()
        if not valor:
            return None
    try:
        numero = Decimal(str(valor)) if isinstance(valor, float) else Decimal(valor)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise _error_de_numero() from error
    if not numero.is_finite():
        raise _error_de_numero()
    if pregunta.tipo == TipoPregunta.NUMERO and pregunta.entero and numero != numero.to_integral_value():
        raise ValidationError(_("Escriba un número entero."), code="entero")
    if numero != numero.quantize(Decimal(1).scaleb(-DECIMALES), rounding="ROUND_DOWN"):
        raise ValidationError(
            ngettext("Use a lo sumo %(n)s decimal.", "Use a lo sumo %(n)s decimales.", DECIMALES) % {"n": DECIMALES},
            code="decimales")
    if abs(numero) >= Decimal(10) ** (DIGITOS - DECIMALES):
        raise ValidationError(_("El número es demasiado grande."), code="demasiado_grande")
    minimo, maximo = pregunta.limites()
    if minimo is not None and numero < minimo:
        raise ValidationError(_("El valor mínimo es %(minimo)s.") % {"minimo": _cifra(minimo)}, code="minimo")
    if maximo is not None and numero > maximo:
        raise ValidationError(_("El valor máximo es %(maximo)s.") % {"maximo": _cifra(maximo)}, code="maximo")
    return numero.quantize(Decimal(1).scaleb(-DECIMALES))


def _cifra(numero):
    """``Decimal("100.00")`` → ``"100"``; ``Decimal("12.50")`` → ``"12.5"``."""
    texto = f"{numero.normalize():f}"
    return texto


def _normalizar_opciones(pregunta, valor, opciones_validas):
    if valor in (None, "", [], ()):
        return None
    lista = list(valor) if isinstance(valor, list | tuple | set) else [valor]
    ids = []
    for elemento in lista:
        if isinstance(elemento, bool):
            raise ValidationError(_("Elija entre las opciones de la pregunta."), code="opcion")
        try:
            ids.append(int(str(elemento).strip()))
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Elija entre las opciones de la pregunta."), code="opcion") from error
    if any(i not in opciones_validas for i in ids):
        raise ValidationError(_("Elija entre las opciones de la pregunta."), code="opcion")
    ids = sorted(set(ids))
    if pregunta.tipo == TipoPregunta.OPCION_UNICA and len(ids) > 1:
        raise ValidationError(_("Elija una sola opción."), code="una_opcion")
    return ids


def normalizar_valor(pregunta: Pregunta, valor, *, opciones_validas=frozenset()):
    """The answer to ``pregunta`` as stored (``None`` when blank), from what a form or an
    API client sent, or a ``ValidationError`` with the reason in Spanish."""
    tipo = pregunta.tipo
    if tipo == TipoPregunta.ARCHIVO:
        if valor in (None, ""):
            return None
        raise ValidationError(_("El archivo se sube por separado, no como texto."), code="archivo")
    if tipo in TipoPregunta.con_opciones():
        return _normalizar_opciones(pregunta, valor, opciones_validas)
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if tipo == TipoPregunta.SI_NO:
        if isinstance(valor, bool):
            return valor
        if isinstance(valor, int) and valor in (0, 1):
            return bool(valor)
        if isinstance(valor, str) and valor.strip().lower() in _SI | _NO:
            return valor.strip().lower() in _SI
        raise ValidationError(_("Responda «sí» o «no»."), code="si_no")
    if tipo in TipoPregunta.numericos():
        return _normalizar_numero(pregunta, valor)
    if tipo == TipoPregunta.FECHA:
        if isinstance(valor, datetime.datetime):
            valor = valor.date()
        if isinstance(valor, datetime.date):
            fecha = valor
        else:
            try:
                fecha = datetime.date.fromisoformat(str(valor).strip())
            except ValueError as error:
                raise ValidationError(_("Escriba una fecha válida (AAAA-MM-DD)."), code="fecha") from error
        if not 1900 <= fecha.year <= 2200:
            raise ValidationError(_("Escriba una fecha válida (AAAA-MM-DD)."), code="fecha")
        return fecha
    # Text.
    if not isinstance(valor, str):
        raise ValidationError(_("Escriba un texto."), code="texto")
    texto = valor.strip()
    largo = RespuestaPregunta._meta.get_field("valor_texto").max_length
    if len(texto) > largo:
        raise ValidationError(
            _("Escriba a lo sumo %(maximo)s caracteres (tiene %(n)s).") % {"maximo": largo, "n": len(texto)},
            code="texto_largo")
    validar_sin_html(texto)
    return texto


def campo(pregunta):
    """The name of a question's field in forms and in field errors: ``p<id>``."""
    return f"p{pregunta.pk}"


def _sha256(archivo):
    digest = hashlib.sha256()
    archivo.seek(0)
    for bloque in archivo.chunks():
        digest.update(bloque)
    archivo.seek(0)
    return digest.hexdigest()


def inspeccionar_archivo(archivo):
    """The one place that checks an uploaded answer file (name, size, content, format): the
    project's upload inspection, so evidence and questionnaires accept the same files."""
    return uploads.inspeccionar(archivo)


def _respuesta_bloqueada(respuesta):
    return Respuesta.objects.select_for_update().select_related("edicion__cuestionario", "institucion").get(
        pk=respuesta.pk)


def _exigir_editable(respuesta):
    if respuesta.enviada:
        raise ValidationError(_("Esta respuesta ya fue enviada y no puede cambiar; la coordinación puede reabrirla."),
                              code="enviada")
    if not respuesta.edicion.abierta:
        raise ValidationError(_("La edición está cerrada: ya no se reciben respuestas."), code="edicion_cerrada")


def _exigir_version(respuesta, version):
    if version is not None and version != respuesta.version:
        raise ValidationError(str(EdicionConcurrente()), code="edicion_concurrente")


def _borrar_al_confirmar(nombres, storage):
    nombres = [n for n in nombres if n]
    if nombres:
        transaction.on_commit(lambda: [storage.delete(n) for n in nombres if storage.exists(n)])


@transaction.atomic
def respuesta_guardar(*, respuesta: Respuesta, usuario, valores: dict | None = None, archivos: dict | None = None,
                      quitar_archivos=(), version: int | None = None) -> Respuesta:
    """Save answers to a draft: ``valores`` maps question ids to answers (blank clears one),
    ``archivos`` question ids to uploaded files, ``quitar_archivos`` the file answers to
    remove. Each answer is checked (type, options, limits, no markup, a part no larger
    than its whole); any error refuses the whole save, keyed by field (``p<id>``).
    Required questions are only checked on submission."""
    respuesta = _respuesta_bloqueada(respuesta)
    _exigir(permisos.puede_responder(usuario, respuesta))
    _exigir_editable(respuesta)
    _exigir_version(respuesta, version)
    valores, archivos = dict(valores or {}), dict(archivos or {})
    preguntas = {p.pk: p for p in respuesta.edicion.cuestionario.preguntas().prefetch_related("opciones")}
    desconocidas = [i for i in {*valores, *archivos, *quitar_archivos} if i not in preguntas]
    if desconocidas:
        raise ValidationError(_("El cuestionario no tiene las preguntas %(ids)s.")
                              % {"ids": ", ".join(str(i) for i in sorted(desconocidas, key=str))},
                              code="pregunta_desconocida")
    errores, limpios = {}, {}
    for pregunta_id, valor in valores.items():
        pregunta = preguntas[pregunta_id]
        try:
            limpios[pregunta_id] = normalizar_valor(
                pregunta, valor, opciones_validas={o.pk for o in pregunta.opciones.all()})
        except ValidationError as error:
            errores[campo(pregunta)] = error.messages
    inspecciones = {}
    for pregunta_id, archivo in archivos.items():
        pregunta = preguntas[pregunta_id]
        if pregunta.tipo != TipoPregunta.ARCHIVO:
            errores[campo(pregunta)] = [_("Esta pregunta no se responde con un archivo.")]
            continue
        try:
            inspecciones[pregunta_id] = inspeccionar_archivo(archivo)
        except ValidationError as error:
            errores[campo(pregunta)] = error.messages
    existentes = {v.pregunta_id: v for v in respuesta.valores.select_for_update()}
    numeros = {pid: v.valor_numero for pid, v in existentes.items() if v.valor_numero is not None}
    numeros.update({pid: v for pid, v in limpios.items() if preguntas[pid].tipo == TipoPregunta.NUMERO})
    for pregunta in preguntas.values():
        parte, total = numeros.get(pregunta.pk), numeros.get(pregunta.proporcion_de_id)
        if pregunta.proporcion_de_id and parte is not None and total is not None and parte > total \
                and campo(pregunta) not in errores:
            errores[campo(pregunta)] = [
                _("No puede ser mayor que la respuesta a la pregunta %(numero)s (%(total)s).")
                % {"numero": pregunta.proporcion_de.numero, "total": _cifra(total)}]
    if errores:
        raise ValidationError(errores)

    por_borrar = _aplicar_valores(respuesta, preguntas, existentes, limpios)
    for pregunta_id in quitar_archivos:
        fila = existentes.get(pregunta_id)
        if fila is not None and pregunta_id not in archivos:
            por_borrar.append(fila.archivo.name)
            fila.delete()
    guardados = []
    try:
        for pregunta_id, archivo in archivos.items():
            inspeccion = inspecciones[pregunta_id]
            fila = existentes.get(pregunta_id) or RespuestaPregunta(respuesta=respuesta, pregunta=preguntas[pregunta_id])
            if fila.archivo:
                por_borrar.append(fila.archivo.name)
            fila.archivo_formato = inspeccion.formato
            fila.archivo_nombre = inspeccion.nombre
            fila.archivo_tamano = inspeccion.tamano
            fila.archivo_sha256 = _sha256(archivo)
            fila.archivo = archivo
            fila.full_clean(exclude=["archivo"])
            fila.save()
            guardados.append(fila.archivo.name)
        respuesta.estado = EstadoRespuesta.BORRADOR
        respuesta.guardada_por, respuesta.guardada_en = usuario, timezone.now()
        _guardar(respuesta, exclude=["edicion", "institucion"])
    except Exception:
        for nombre in guardados:
            if RespuestaPregunta._meta.get_field("archivo").storage.exists(nombre):
                RespuestaPregunta._meta.get_field("archivo").storage.delete(nombre)
        raise
    _borrar_al_confirmar(por_borrar, RespuestaPregunta._meta.get_field("archivo").storage)
    MovimientoRespuesta.objects.create(respuesta=respuesta, accion=AccionRespuesta.GUARDADA, usuario=usuario)
    return respuesta


_COLUMNAS = ("valor_si_no", "valor_numero", "valor_fecha", "valor_texto")


def _aplicar_valores(respuesta, preguntas, existentes, limpios):
    """Write the normalised answers in a few statements whatever their number: cleared ones
    deleted, new ones inserted, changed ones updated, chosen options synchronised. Each row
    is checked by the model's field validation; the constraints between rows (one answer
    per question, one value column) hold by construction and in the database. Returns the
    stored files of cleared answers, to remove once the transaction commits."""
    borradas, archivos_sueltos, nuevas, cambiadas, elegidas = [], [], [], [], {}
    for pregunta_id, valor in limpios.items():
        pregunta, fila = preguntas[pregunta_id], existentes.get(pregunta_id)
        if valor is None:
            if fila is not None:
                borradas.append(fila.pk)
                archivos_sueltos.append(fila.archivo.name)
            continue
        if fila is None:
            fila = RespuestaPregunta(respuesta=respuesta, pregunta=pregunta)
            nuevas.append(fila)
        else:
            cambiadas.append(fila)
        columna = {TipoPregunta.SI_NO: "valor_si_no", TipoPregunta.NUMERO: "valor_numero",
                   TipoPregunta.PORCENTAJE: "valor_numero", TipoPregunta.FECHA: "valor_fecha",
                   TipoPregunta.TEXTO: "valor_texto"}.get(pregunta.tipo)
        if columna:
            setattr(fila, columna, valor)
        else:
            elegidas[pregunta_id] = set(valor)
        fila.full_clean(exclude=["respuesta", "pregunta", "archivo"], validate_unique=False,
                        validate_constraints=False)
    RespuestaPregunta.objects.filter(pk__in=borradas).delete()
    RespuestaPregunta.objects.bulk_create(nuevas)
    if cambiadas:
        RespuestaPregunta.objects.bulk_update(cambiadas, fields=list(_COLUMNAS))
    filas = {f.pregunta_id: f for f in [*nuevas, *cambiadas]}
    actuales = defaultdict(set)
    for valor_id, opcion_id in OpcionElegida.objects.filter(
            valor__in=[filas[pid].pk for pid in elegidas]).values_list("valor_id", "opcion_id"):
        actuales[valor_id].add(opcion_id)
    sobrantes = Q(pk__in=[])
    faltantes = []
    for pregunta_id, opciones in elegidas.items():
        fila = filas[pregunta_id]
        if actuales[fila.pk] - opciones:
            sobrantes |= Q(valor_id=fila.pk, opcion_id__in=actuales[fila.pk] - opciones)
        faltantes.extend(OpcionElegida(valor=fila, opcion_id=i) for i in opciones - actuales[fila.pk])
    OpcionElegida.objects.filter(sobrantes).delete()
    OpcionElegida.objects.bulk_create(faltantes)
    return archivos_sueltos


def errores_de_envio(respuesta: Respuesta) -> dict:
    """``{campo: [mensaje]}`` of what keeps a response from being submitted: a required
    question that applies and has no answer, or an answer to a question that does not
    apply (its condition does not hold). Empty when it can be submitted."""
    preguntas = list(respuesta.edicion.cuestionario.preguntas().select_related("condicion_pregunta__seccion"))
    valores = {v.pregunta_id: v for v in respuesta.valores.all()}
    si_no = {pid: v.valor_si_no for pid, v in valores.items() if v.valor_si_no is not None}
    errores = {}
    for pregunta in preguntas:
        contestada = pregunta.pk in valores
        if pregunta.aplica(si_no):
            if pregunta.obligatoria and not contestada:
                errores[campo(pregunta)] = [_("Esta pregunta es obligatoria.")]
        elif contestada:
            condicion = pregunta.condicion_pregunta
            errores[campo(pregunta)] = [
                _("Esta pregunta solo se responde si en la pregunta %(numero)s respondió «%(valor)s»: déjela en "
                  "blanco o cambie aquella respuesta.")
                % {"numero": condicion.numero, "valor": _("Sí") if pregunta.condicion_valor else _("No")}]
    return errores


@transaction.atomic
def respuesta_enviar(*, respuesta: Respuesta, usuario, version: int | None = None) -> Respuesta:
    """Submit a response once every applicable required question is answered; from then on
    it is read-only unless coordination reopens it."""
    respuesta = _respuesta_bloqueada(respuesta)
    _exigir(permisos.puede_responder(usuario, respuesta))
    _exigir_editable(respuesta)
    _exigir_version(respuesta, version)
    errores = errores_de_envio(respuesta)
    if errores:
        raise ValidationError(errores)
    respuesta.estado = EstadoRespuesta.ENVIADA
    respuesta.enviada_por, respuesta.enviada_en = usuario, timezone.now()
    _guardar(respuesta, exclude=["edicion", "institucion"])
    MovimientoRespuesta.objects.create(respuesta=respuesta, accion=AccionRespuesta.ENVIADA, usuario=usuario)
    return respuesta


@transaction.atomic
def respuesta_reabrir(*, respuesta: Respuesta, usuario, motivo: str) -> Respuesta:
    """Coordination gives a submitted response back to its institution as a draft, saying why."""
    respuesta = _respuesta_bloqueada(respuesta)
    _exigir(permisos.puede_reabrir_respuesta(usuario, respuesta))
    if not respuesta.enviada:
        raise ValidationError(_("Solo se reabre una respuesta enviada."), code="no_enviada")
    if not respuesta.edicion.abierta:
        raise ValidationError(_("La edición está cerrada: reábrala antes de reabrir una respuesta."),
                              code="edicion_cerrada")
    motivo = _texto(motivo)
    if not motivo:
        raise ValidationError({"motivo": _("Indique por qué se reabre la respuesta.")}, code="sin_motivo")
    validar_sin_html(motivo)
    ahora = timezone.now()
    respuesta.estado = EstadoRespuesta.BORRADOR
    respuesta.enviada_por = respuesta.enviada_en = None
    respuesta.reabierta_por, respuesta.reabierta_en, respuesta.motivo_reapertura = usuario, ahora, motivo
    _guardar(respuesta)
    MovimientoRespuesta.objects.create(respuesta=respuesta, accion=AccionRespuesta.REABIERTA, usuario=usuario,
                                       fecha=ahora, motivo=motivo)
    return respuesta
