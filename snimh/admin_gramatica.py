"""The admin in correct Spanish: each model's grammatical gender, declared once, and the
admin's sentences that name a model, written in full for each gender.

Django builds its admin messages from the model's verbose name with one article for
every model («El {name} “{obj}” se agregó»), which reads «El sesión…» and «El persona
usuaria…». Here each sentence is written whole per gender and number, so that
translators and readers see real Spanish (articles, pronouns and adjectives agree),
and snimh.admin.PermisosAdminMixin puts them where Django would put its own.
"""

import functools
import logging
import re

from django.contrib.admin.utils import model_ngettext
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

FEMENINO = "femenino"
MASCULINO = "masculino"
# Models whose verbose name is itself plural («textos del informe anual»).
FEMENINO_PLURAL = "femenino_plural"
MASCULINO_PLURAL = "masculino_plural"

# The grammatical gender of every model registered in the admin, by model label.
# tests/test_admin.py fails for a registered model missing here.
GENERO = {
    "acuerdos.Acuerdo": MASCULINO,
    "acuerdos.AlineacionAcuerdo": FEMENINO,  # alineación con un objetivo
    "acuerdos.DiaInhabil": MASCULINO,
    "acuerdos.RevisionEnSesion": MASCULINO,  # acuerdo en seguimiento en una sesión
    "programas.Estrategia": FEMENINO,  # estrategia prioritaria
    "programas.LineaAccion": FEMENINO,  # línea de acción
    "programas.Objetivo": MASCULINO,
    "programas.Programa": MASCULINO,
    "compromisos.CambioEstatus": MASCULINO,
    "compromisos.Comentario": MASCULINO,
    "compromisos.Compromiso": MASCULINO,
    "compromisos.Evidencia": FEMENINO,
    "compromisos.GrupoResponsable": MASCULINO,
    "compromisos.Observacion": FEMENINO,
    "compromisos.Reporte": MASCULINO,
    "compromisos.Seguimiento": FEMENINO,  # institución responsable
    "avisos.RecordatorioEnviado": MASCULINO,
    "axes.AccessAttempt": MASCULINO,  # intento de acceso
    "axes.AccessFailureLog": MASCULINO,  # intento fallido de acceso
    "axes.AccessLog": MASCULINO,  # registro de acceso
    "cuentas.Invitacion": FEMENINO,
    "cuestionarios.Cuestionario": MASCULINO,
    "cuestionarios.Edicion": FEMENINO,  # edición de cuestionario
    "cuestionarios.MovimientoRespuesta": MASCULINO,  # movimiento de una respuesta
    "cuestionarios.Opcion": FEMENINO,  # opción de respuesta
    "cuestionarios.Pregunta": FEMENINO,
    "cuestionarios.RespuestaPregunta": FEMENINO,  # respuesta a una pregunta
    "cuestionarios.Respuesta": FEMENINO,  # respuesta a un cuestionario
    "cuestionarios.ResultadoPublicado": MASCULINO,
    "cuestionarios.Seccion": FEMENINO,
    "cuentas.TokenAPI": MASCULINO,
    "recomendaciones.MesaTematica": FEMENINO,
    "recomendaciones.Recomendacion": FEMENINO,
    "cuentas.Usuario": FEMENINO,  # persona usuaria
    "informes.ArchivoPublicado": MASCULINO,  # archivo publicado
    "trabajos.Trabajo": MASCULINO,  # trabajo en segundo plano
    "informes.InformePublicado": MASCULINO,  # informe publicado
    "informes.TextoInforme": MASCULINO_PLURAL,  # textos del informe anual
    "instituciones.Coordinacion": FEMENINO,  # coordinación del SNIMH
    "instituciones.Institucion": FEMENINO,
    "instituciones.Participacion": FEMENINO,
    "instituciones.Representante": FEMENINO,  # persona representante
    "instituciones.UnidadIgualdadGenero": FEMENINO,
    "sesiones.Asistencia": FEMENINO,
    "sesiones.AsistenciaReportada": MASCULINO,  # total de asistencia reportado
    "sesiones.PersonaPresidium": FEMENINO,  # persona que preside
    "sesiones.PuntoOrdenDia": MASCULINO,
    "sesiones.Sesion": FEMENINO,
}


def genero(modelo):
    """The declared gender of a model, or None if nobody declared it."""
    return GENERO.get(modelo._meta.label)


def _categoria(modelo):
    """The gender the sentences use. An undeclared model (which the tests refuse) reads
    in the masculine, Spanish's unmarked gender, rather than breaking the admin."""
    categoria = genero(modelo)
    if categoria is None:
        logger.warning("No grammatical gender declared for %s in snimh/admin_gramatica.py", modelo._meta.label)
        return MASCULINO
    return categoria


def _genero_del_plural(categoria):
    """Lists of several objects agree with the gender alone."""
    return FEMENINO if categoria in (FEMENINO, FEMENINO_PLURAL) else MASCULINO


# One object, named: {name} is the verbose name, {obj} the object. Four forms each.
_FRASES = {
    "agregado": {
        FEMENINO: _("La {name} “{obj}” se agregó correctamente."),
        MASCULINO: _("El {name} “{obj}” se agregó correctamente."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se agregaron correctamente."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se agregaron correctamente."),
    },
    "agregado_editar": {
        FEMENINO: _("La {name} “{obj}” se agregó correctamente. Puede editarla de nuevo abajo."),
        MASCULINO: _("El {name} “{obj}” se agregó correctamente. Puede editarlo de nuevo abajo."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se agregaron correctamente. Puede editarlas de nuevo abajo."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se agregaron correctamente. Puede editarlos de nuevo abajo."),
    },
    "agregado_otro": {
        FEMENINO: _("La {name} “{obj}” se agregó correctamente. Puede agregar otra {name} abajo."),
        MASCULINO: _("El {name} “{obj}” se agregó correctamente. Puede agregar otro {name} abajo."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se agregaron correctamente. Puede agregar otras {name} abajo."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se agregaron correctamente. Puede agregar otros {name} abajo."),
    },
    "modificado": {
        FEMENINO: _("La {name} “{obj}” se modificó correctamente."),
        MASCULINO: _("El {name} “{obj}” se modificó correctamente."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se modificaron correctamente."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se modificaron correctamente."),
    },
    "modificado_editar": {
        FEMENINO: _("La {name} “{obj}” se modificó correctamente. Puede editarla de nuevo abajo."),
        MASCULINO: _("El {name} “{obj}” se modificó correctamente. Puede editarlo de nuevo abajo."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se modificaron correctamente. Puede editarlas de nuevo abajo."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se modificaron correctamente. Puede editarlos de nuevo abajo."),
    },
    "modificado_otro": {
        FEMENINO: _("La {name} “{obj}” se modificó correctamente. Puede agregar otra {name} abajo."),
        MASCULINO: _("El {name} “{obj}” se modificó correctamente. Puede agregar otro {name} abajo."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se modificaron correctamente. Puede agregar otras {name} abajo."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se modificaron correctamente. Puede agregar otros {name} abajo."),
    },
    "eliminado": {
        FEMENINO: _("La {name} “{obj}” se eliminó correctamente."),
        MASCULINO: _("El {name} “{obj}” se eliminó correctamente."),
        FEMENINO_PLURAL: _("Las {name} “{obj}” se eliminaron correctamente."),
        MASCULINO_PLURAL: _("Los {name} “{obj}” se eliminaron correctamente."),
    },
    "no_existe": {
        FEMENINO: _("No existe ninguna {name} con el ID “{key}”. Quizá se eliminó."),
        MASCULINO: _("No existe ningún {name} con el ID “{key}”. Quizá se eliminó."),
        FEMENINO_PLURAL: _("No existen {name} con el ID “{key}”. Quizá se eliminaron."),
        MASCULINO_PLURAL: _("No existen {name} con el ID “{key}”. Quizá se eliminaron."),
    },
    "confirmar_eliminar": {
        FEMENINO: _("¿Desea eliminar la {name} “{obj}”? También se eliminarán todos los elementos relacionados "
                    "que se listan a continuación:"),
        MASCULINO: _("¿Desea eliminar el {name} “{obj}”? También se eliminarán todos los elementos relacionados "
                     "que se listan a continuación:"),
        FEMENINO_PLURAL: _("¿Desea eliminar las {name} “{obj}”? También se eliminarán todos los elementos "
                           "relacionados que se listan a continuación:"),
        MASCULINO_PLURAL: _("¿Desea eliminar los {name} “{obj}”? También se eliminarán todos los elementos "
                            "relacionados que se listan a continuación:"),
    },
    "eliminar_protegido": {
        FEMENINO: _("No se puede eliminar la {name} “{obj}”: habría que eliminar también estos elementos "
                    "relacionados, que están protegidos:"),
        MASCULINO: _("No se puede eliminar el {name} “{obj}”: habría que eliminar también estos elementos "
                     "relacionados, que están protegidos:"),
        FEMENINO_PLURAL: _("No se pueden eliminar las {name} “{obj}”: habría que eliminar también estos "
                           "elementos relacionados, que están protegidos:"),
        MASCULINO_PLURAL: _("No se pueden eliminar los {name} “{obj}”: habría que eliminar también estos "
                            "elementos relacionados, que están protegidos:"),
    },
    "eliminar_sin_permiso": {
        FEMENINO: _("No se puede eliminar la {name} “{obj}”: se eliminarían también elementos relacionados de "
                    "estos tipos, que su cuenta no tiene permiso de eliminar:"),
        MASCULINO: _("No se puede eliminar el {name} “{obj}”: se eliminarían también elementos relacionados de "
                     "estos tipos, que su cuenta no tiene permiso de eliminar:"),
        FEMENINO_PLURAL: _("No se pueden eliminar las {name} “{obj}”: se eliminarían también elementos "
                           "relacionados de estos tipos, que su cuenta no tiene permiso de eliminar:"),
        MASCULINO_PLURAL: _("No se pueden eliminar los {name} “{obj}”: se eliminarían también elementos "
                            "relacionados de estos tipos, que su cuenta no tiene permiso de eliminar:"),
    },
    "titulo_no_se_puede_eliminar": {
        FEMENINO: _("No se puede eliminar la {name}"),
        MASCULINO: _("No se puede eliminar el {name}"),
        FEMENINO_PLURAL: _("No se pueden eliminar las {name}"),
        MASCULINO_PLURAL: _("No se pueden eliminar los {name}"),
    },
    "titulo_eliminar": {
        FEMENINO: _("Eliminar la {name}"),
        MASCULINO: _("Eliminar el {name}"),
        FEMENINO_PLURAL: _("Eliminar las {name}"),
        MASCULINO_PLURAL: _("Eliminar los {name}"),
    },
    "titulo_lista_modificar": {
        FEMENINO: _("Seleccione una {name} para modificarla"),
        MASCULINO: _("Seleccione un {name} para modificarlo"),
        FEMENINO_PLURAL: _("Seleccione unas {name} para modificarlas"),
        MASCULINO_PLURAL: _("Seleccione unos {name} para modificarlos"),
    },
    "titulo_lista_consultar": {
        FEMENINO: _("Seleccione una {name} para consultarla"),
        MASCULINO: _("Seleccione un {name} para consultarlo"),
        FEMENINO_PLURAL: _("Seleccione unas {name} para consultarlas"),
        MASCULINO_PLURAL: _("Seleccione unos {name} para consultarlos"),
    },
    "titulo_agregar": {
        FEMENINO: _("Nueva {name}"),
        MASCULINO: _("Nuevo {name}"),
        FEMENINO_PLURAL: _("Nuevas {name}"),
        MASCULINO_PLURAL: _("Nuevos {name}"),
    },
}

# Several objects: {names} is the plural verbose name; they agree with the gender alone.
_FRASES_PLURALES = {
    "accion_eliminar": {
        FEMENINO: _("Eliminar las {names} seleccionadas"),
        MASCULINO: _("Eliminar los {names} seleccionados"),
    },
    "seleccionar_todos": {
        FEMENINO: _("Seleccionar las {total} {names}"),
        MASCULINO: _("Seleccionar los {total} {names}"),
    },
}


def frase(clave, modelo, **valores):
    """One of the sentences above for ``modelo``, formatted with ``valores``; HTML-safe
    when a value is (format_html escapes the others)."""
    categoria = _categoria(modelo)
    opts = modelo._meta
    if clave in _FRASES_PLURALES:
        plantilla = _FRASES_PLURALES[clave][_genero_del_plural(categoria)]
        return format_html(str(plantilla), names=opts.verbose_name_plural, **valores)
    return format_html(str(_FRASES[clave][categoria]), name=opts.verbose_name, **valores)


def _contados(clave, categoria, n):
    """Sentences with a count, through ngettext. A model whose name is already plural
    («textos del informe anual») reads without the number when there is one."""
    nombre_plural = categoria in (FEMENINO_PLURAL, MASCULINO_PLURAL)
    if clave == "eliminados":
        if n == 1 and nombre_plural:
            return (gettext("Se eliminaron las %(name)s seleccionadas.") if categoria == FEMENINO_PLURAL
                    else gettext("Se eliminaron los %(name)s seleccionados."))
        return ngettext("Se eliminó %(count)d %(name)s.", "Se eliminaron %(count)d %(name)s.", n)
    # "modificados": the change list's editable columns.
    if n == 1 and nombre_plural:
        return (gettext("Se modificaron las %(name)s.") if categoria == FEMENINO_PLURAL
                else gettext("Se modificaron los %(name)s."))
    return ngettext("Se modificó %(count)d %(name)s.", "Se modificaron %(count)d %(name)s.", n)


def confirmar_eliminar_seleccionados(modelo, n):
    """The question of the bulk-deletion page, agreeing in gender and number."""
    categoria = _categoria(modelo)
    nombre = model_ngettext(modelo._meta, n)
    if _genero_del_plural(categoria) == FEMENINO:
        plantilla = ngettext(
            "¿Desea eliminar la %(name)s seleccionada? También se eliminarán todos los elementos relacionados "
            "que se listan a continuación:",
            "¿Desea eliminar las %(count)d %(name)s seleccionadas? También se eliminarán todos los elementos "
            "relacionados que se listan a continuación:", n)
    else:
        plantilla = ngettext(
            "¿Desea eliminar el %(name)s seleccionado? También se eliminarán todos los elementos relacionados "
            "que se listan a continuación:",
            "¿Desea eliminar los %(count)d %(name)s seleccionados? También se eliminarán todos los elementos "
            "relacionados que se listan a continuación:", n)
    if n == 1 and categoria in (FEMENINO_PLURAL, MASCULINO_PLURAL):
        plantilla = gettext(
            "¿Desea eliminar los %(name)s seleccionados? También se eliminarán todos los elementos relacionados "
            "que se listan a continuación:"
        ) if categoria == MASCULINO_PLURAL else gettext(
            "¿Desea eliminar las %(name)s seleccionadas? También se eliminarán todos los elementos relacionados "
            "que se listan a continuación:"
        )
    return plantilla % {"count": n, "name": nombre}


# Django's admin messages that name the model, by their msgid (several parts are joined
# by a space, as Django joins them), and the sentence above that replaces each.
_MENSAJES_DE_DJANGO = [
    ("agregado_editar", ("The {name} “{obj}” was added successfully.", "You may edit it again below.")),
    ("agregado_otro", ("The {name} “{obj}” was added successfully. You may add another {name} below.",)),
    ("agregado", ("The {name} “{obj}” was added successfully.",)),
    ("modificado_editar", ("The {name} “{obj}” was changed successfully. You may edit it again below.",)),
    ("modificado_otro", ("The {name} “{obj}” was changed successfully. You may add another {name} below.",)),
    ("modificado", ("The {name} “{obj}” was changed successfully.",)),
    ("eliminado", ("The %(name)s “%(obj)s” was deleted successfully.",)),
    ("no_existe", ("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?",)),
]
_MENSAJES_CONTADOS_DE_DJANGO = [
    ("eliminados", ("Successfully deleted %(count)d %(items)s.", None)),
    ("modificados", ("%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.")),
]

_MARCADOR = re.compile(r"\{(\w+)\}|%\((\w+)\)[sd]")


def _patron(plantilla, literales):
    """A regular expression matching ``plantilla`` once formatted: the placeholders in
    ``literales`` must hold one of the given texts, the others are captured."""
    partes, inicio, vistos = [], 0, set()
    for marca in _MARCADOR.finditer(plantilla):
        partes.append(re.escape(plantilla[inicio:marca.start()]))
        clave = marca.group(1) or marca.group(2)
        if clave in literales:
            partes.append("(?:" + "|".join(re.escape(t) for t in sorted(literales[clave], key=len, reverse=True)) + ")")
        elif clave in vistos:
            partes.append(f"(?P={clave})")
        else:
            vistos.add(clave)
            partes.append(f"(?P<{clave}>.*?)")
        inicio = marca.end()
    partes.append(re.escape(plantilla[inicio:]))
    return re.compile("".join(partes), re.DOTALL)


@functools.lru_cache(maxsize=256)
def _patrones(idioma, etiqueta, singular, plural):
    """Django's messages as the active language writes them, for one model."""
    nombres = {singular, str(escape(singular))}
    ambos = {singular, plural, str(escape(singular)), str(escape(plural))}
    individuales = [
        (clave, _patron(" ".join(gettext(parte) for parte in partes), {"name": nombres}))
        for clave, partes in _MENSAJES_DE_DJANGO
    ]
    contados = []
    for clave, (uno, varios) in _MENSAJES_CONTADOS_DE_DJANGO:
        formas = {ngettext(uno, varios, n) for n in (1, 2, 5)} if varios else {gettext(uno)}
        contados.extend((clave, _patron(forma, {"name": ambos, "items": ambos})) for forma in formas)
    return individuales, contados


def traducir_mensaje(modelo, mensaje):
    """Django's admin message about ``modelo`` in agreeing Spanish; any other message as it is."""
    categoria = _categoria(modelo)
    opts = modelo._meta
    texto = str(mensaje)
    individuales, contados = _patrones(get_language(), opts.label, str(opts.verbose_name),
                                       str(opts.verbose_name_plural))
    for clave, patron in individuales:
        coincidencia = patron.fullmatch(texto)
        if coincidencia is None:
            continue
        valores = coincidencia.groupdict()
        if isinstance(mensaje, SafeData):
            # Django built it with format_html: the object is already escaped HTML (a link).
            valores = {k: mark_safe(v) for k, v in valores.items()}  # noqa: S308
            return frase(clave, modelo, **valores)
        return str(_FRASES[clave][categoria]).format(name=opts.verbose_name, **valores)
    for clave, patron in contados:
        coincidencia = patron.fullmatch(texto)
        if coincidencia is None:
            continue
        n = int(coincidencia.group("count"))
        return _contados(clave, categoria, n) % {"count": n, "name": model_ngettext(opts, n)}
    return mensaje
