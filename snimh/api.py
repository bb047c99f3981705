"""API plumbing shared by the apps: permissions, pagination, errors, schema."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, models
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as FilterSetDRF
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import exceptions, pagination, permissions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.serializers import ValidationError as ErrorDeDatos
from rest_framework.serializers import as_serializer_error

from snimh import permisos
from snimh.db import ConflictoDeEstado


class EsInterno(permissions.BasePermission):
    """Internal data: coordination, consulta and officers (snimh/permisos.py)."""

    message = gettext_lazy("Su cuenta no tiene un rol que permita consultar el registro.")

    def has_permission(self, request, view):
        return permisos.puede_ver_registro_interno(request.user)


class Publico(permissions.BasePermission):
    """The transparency subset: anyone may read it.

    A method the view has no handler for (TRACE, or a write on these read-only views) is
    let through, so that the view answers 405 with its Allow header, as the schema says,
    instead of 403.
    """

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or not hasattr(view, request.method.lower())


def exigir(condicion):
    """Refuse with 403 when the permissions module says no."""
    if not condicion:
        raise exceptions.PermissionDenied(_("No tiene permiso para realizar esta acción."))


class Paginacion(pagination.PageNumberPagination):
    """Pages of 25 (``tamano`` up to 100). Out-of-range or malformed values answer 400 —
    DRF would silently fall back to the defaults — and the schema states the same bounds;
    a page past the last answers 404."""

    page_size = 25
    page_query_param = "pagina"
    page_query_description = gettext_lazy("Número de página, desde 1.")
    page_size_query_param = "tamano"
    page_size_query_description = gettext_lazy("Resultados por página, de 1 a 100 (25 si se omite).")
    max_page_size = 100
    invalid_page_message = gettext_lazy("La página solicitada no existe.")
    last_page_strings = ()

    def _entero(self, request, parametro, *, maximo=None):
        valor = request.query_params.get(parametro)
        try:
            numero = int(valor)
        except (TypeError, ValueError):
            numero = None
        if numero is None or numero < 1 or (maximo is not None and numero > maximo) or str(numero) != valor.strip():
            mensaje = (_("Debe ser un número entero entre 1 y %(maximo)s.") % {"maximo": maximo} if maximo
                       else _("Debe ser un número entero mayor o igual que 1."))
            raise exceptions.ValidationError({parametro: [mensaje]})
        return numero

    def get_page_size(self, request):
        if self.page_size_query_param not in request.query_params:
            return self.page_size
        return self._entero(request, self.page_size_query_param, maximo=self.max_page_size)

    def get_page_number(self, request, paginator):
        if self.page_query_param not in request.query_params:
            return 1
        return self._entero(request, self.page_query_param)

    def get_schema_operation_parameters(self, view):
        parametros = super().get_schema_operation_parameters(view)
        for parametro in parametros:
            if parametro["name"] == self.page_query_param:
                parametro["schema"] = {"type": "integer", "minimum": 1}
            elif parametro["name"] == self.page_size_query_param:
                parametro["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size, "default": 25}
        return parametros


# Filters ---------------------------------------------------------------------------
# What a query parameter accepts is what the schema says it accepts: a malformed value is a
# 400, a well-formed one never is.


class _CampoBooleano(forms.Field):
    def to_python(self, value):
        if value is None:
            return None
        texto = str(value).strip().lower()
        if texto in {"true", "false"}:
            return texto == "true"
        raise forms.ValidationError(_("Debe ser true o false."), code="invalid")


class BooleanoEstricto(django_filters.BooleanFilter):
    """``true`` or ``false``; django-filter would silently ignore any other value."""

    field_class = _CampoBooleano


# Ids in filters: a number (an id that exists nowhere gives an empty list, as the schema
# promises, instead of django-filter's 400 "select a valid choice").
ID_EN_FILTRO = {"min_value": 1, "max_value": 2**63 - 1, "decimal_places": 0}


def _entero_de_columna(campo):
    """An integer column's filter: whole numbers within the column's range."""
    minimo, maximo = connection.ops.integer_field_range(campo.get_internal_type())
    return {"decimal_places": 0, "min_value": minimo, "max_value": maximo}


class FiltrosEstrictos(FilterSetDRF):
    """Base of the filters generated from ``filterset_fields``."""

    FILTER_DEFAULTS = {
        **FilterSetDRF.FILTER_DEFAULTS,
        **{clase: {"filter_class": django_filters.NumberFilter, "extra": _entero_de_columna}
           for clase in (models.IntegerField, models.SmallIntegerField, models.BigIntegerField,
                         models.PositiveIntegerField, models.PositiveSmallIntegerField,
                         models.PositiveBigIntegerField, models.AutoField, models.BigAutoField)},
        models.ForeignKey: {"filter_class": django_filters.NumberFilter, "extra": lambda campo: dict(ID_EN_FILTRO)},
        models.BooleanField: {"filter_class": BooleanoEstricto},
    }


class FiltrosAPI(DjangoFilterBackend):
    """django-filter, strict: generated filters as above, and an empty value is refused for
    every filter but free text (django-filter would ignore it, as if it were absent)."""

    filterset_base = FiltrosEstrictos

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            vacios = {
                nombre: [_("Indique un valor o quite el parámetro.")]
                for nombre, filtro in filterset.filters.items()
                if not isinstance(filtro, django_filters.CharFilter) and "" in request.query_params.getlist(nombre)
            }
            if vacios:
                raise exceptions.ValidationError(vacios)
        return super().filter_queryset(request, queryset, view)


class ExtensionDeFiltros(DjangoFilterExtension):
    """drf-spectacular's reading of the filters, plus the bounds of number filters: an
    integer (no decimal places) between their minimum and maximum."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parametros = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        if isinstance(filter_field, django_filters.NumberFilter):
            extra = filter_field.extra
            for parametro in parametros:
                esquema = parametro["schema"]
                if extra.get("decimal_places") == 0:
                    esquema["type"] = "integer"
                    esquema.pop("format", None)
                if extra.get("min_value") is not None:
                    esquema["minimum"] = extra["min_value"]
                if extra.get("max_value") is not None:
                    esquema["maximum"] = extra["max_value"]
        return parametros


class ArchivoDemasiadoGrande(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "archivo_demasiado_grande"
    default_detail = gettext_lazy("El archivo excede el límite permitido.")


class Conflicto(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "edicion_concurrente"
    default_detail = gettext_lazy("Otra persona modificó este registro; vuelva a leerlo e inténtelo de nuevo.")


class ConflictoDeEstadoAPI(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflicto_de_estado"
    default_detail = gettext_lazy("El registro no admite esta operación en su estado actual.")


# DRF's English codes, as the stable Spanish codes of this API.
_CODIGOS_DRF = {
    "not_authenticated": "no_autenticado",
    "authentication_failed": "credenciales_invalidas",
    "permission_denied": "sin_permiso",
    "not_found": "no_encontrado",
    "method_not_allowed": "metodo_no_permitido",
    "not_acceptable": "formato_no_aceptable",
    "unsupported_media_type": "tipo_de_contenido_no_admitido",
    "throttled": "demasiadas_solicitudes",
    "parse_error": "solicitud_mal_formada",
}
_CODIGOS = {
    status.HTTP_400_BAD_REQUEST: "solicitud_invalida",
    status.HTTP_401_UNAUTHORIZED: "no_autenticado",
    status.HTTP_403_FORBIDDEN: "sin_permiso",
    status.HTTP_404_NOT_FOUND: "no_encontrado",
    status.HTTP_405_METHOD_NOT_ALLOWED: "metodo_no_permitido",
    status.HTTP_406_NOT_ACCEPTABLE: "formato_no_aceptable",
    status.HTTP_409_CONFLICT: "edicion_concurrente",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "archivo_demasiado_grande",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "tipo_de_contenido_no_admitido",
    status.HTTP_429_TOO_MANY_REQUESTS: "demasiadas_solicitudes",
}


def cuerpo_de_error(codigo, mensaje, errores=None):
    cuerpo = {"codigo": codigo, "mensaje": str(mensaje)}
    if errores is not None:
        cuerpo["errores"] = errores
    return cuerpo


def manejador_de_errores(exc, context):
    """Every API error as ``{"codigo", "mensaje", "errores"?}``; services' Django errors included."""
    # Imported here: DRF loads this module while rest_framework.views is initialising.
    from rest_framework.views import exception_handler

    if isinstance(exc, ConflictoDeEstado):
        exc = ConflictoDeEstadoAPI(exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) == "edicion_concurrente" or "edicion_concurrente" in {
            getattr(e, "code", None) for e in getattr(exc, "error_list", [])
        }:
            exc = Conflicto(exc.messages[0])
        else:
            exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("No existe el recurso solicitado o no está disponible para su cuenta."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("No tiene permiso para realizar esta acción."))
    respuesta = exception_handler(exc, context)
    if respuesta is None:
        return None  # a 500: snimh.views.error_500 answers it in JSON
    if isinstance(exc, exceptions.ValidationError):
        respuesta.data = cuerpo_de_error(
            "datos_invalidos", _("Los datos enviados no son válidos; revise «errores»."), respuesta.data
        )
    else:
        detalle = respuesta.data.get("detail", exc) if isinstance(respuesta.data, dict) else exc
        codigo_drf = getattr(exc, "default_code", None)
        codigo = _CODIGOS_DRF.get(codigo_drf) or (
            codigo_drf if isinstance(exc, Conflicto | ConflictoDeEstadoAPI | ArchivoDemasiadoGrande) else None
        )
        respuesta.data = cuerpo_de_error(codigo or _CODIGOS.get(respuesta.status_code, "error"), detalle)
    return respuesta


_DESCRIPCIONES = {
    "400": "Datos o parámetros no válidos.",
    "401": "Falta autenticarse (sesión o `Authorization: Token <clave>`).",
    "403": "La cuenta no tiene permiso para esta operación.",
    "404": "No existe, o no está disponible para esta cuenta.",
    "405": "Método no permitido en esta dirección.",
    "406": "Formato de respuesta no disponible (solo JSON).",
    "409": "Conflicto con el estado actual del registro: otra persona lo modificó (versión desactualizada, "
           "`edicion_concurrente`), o ya no admite la operación (ya revisado, retirado, ya tiene ese estatus: "
           "`conflicto_de_estado`).",
    "413": "El archivo excede el límite permitido.",
    "415": "Tipo de contenido no admitido.",
    "429": "Demasiadas solicitudes; espere antes de reintentar.",
    "500": "Error del servidor; no se guardó ningún cambio.",
}


_PARAMETROS_DE_RUTA = {
    "id": "Identificador numérico del registro.",
    "numero": "Número del acuerdo, p. ej. 46.",
    "clave": "Clave del catálogo, p. ej. «PROIGUALDAD-2020-2024».",
}
_IDENTIFICADORES = {
    "id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    "numero": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}
_EXITO = {
    "200": "Respuesta correcta.",
    "201": "Creado; la respuesta contiene el registro completo.",
    "204": "Hecho; sin contenido.",
}


def documentar_errores(result, generator, request, public):
    """Add the JSON error responses every operation can give to the schema."""
    esquemas = result.setdefault("components", {}).setdefault("schemas", {})
    esquemas["Error"] = {
        "type": "object",
        "properties": {
            "codigo": {"type": "string", "description": "Código estable del error, para programas."},
            "mensaje": {"type": "string", "description": "Explicación en español, para personas."},
            "errores": {"type": "object", "additionalProperties": True,
                        "description": "Errores por campo, cuando los datos no son válidos."},
        },
        "required": ["codigo", "mensaje"],
    }
    referencia = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    # Enums reached only through list fields come without the labels; add them.
    from django.conf import settings
    from django.utils.module_loading import import_string

    for nombre, ruta in settings.SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}).items():
        if nombre in esquemas and not esquemas[nombre].get("description"):
            opciones = import_string(ruta).choices
            esquemas[nombre]["description"] = "\n".join(f"* `{valor}` - {etiqueta}" for valor, etiqueta in opciones)
    # drf-spectacular's shared enums for blank and null choices.
    for nombre, descripcion in (("BlankEnum", "Vacío: sin dato."), ("NullEnum", "Nulo: sin dato.")):
        if nombre in esquemas:
            esquemas[nombre].setdefault("description", descripcion)
    for ruta, operaciones in result.get("paths", {}).items():
        for metodo, operacion in operaciones.items():
            if metodo not in {"get", "post", "put", "patch", "delete"}:
                continue
            codigos = ["400", "404", "405", "406", "429", "500"]
            if operacion.get("security") != [{}] and not ruta.startswith("/api/v1/transparencia/"):
                codigos += ["401", "403"]
            if metodo != "get":
                codigos += ["409", "415"]
            if "multipart/form-data" in operacion.get("requestBody", {}).get("content", {}):
                codigos.append("413")
            for parametro in operacion.get("parameters", []):
                if not parametro.get("description"):
                    parametro["description"] = _PARAMETROS_DE_RUTA.get(parametro["name"], "Identificador del registro.")
                if parametro.get("in") == "path" and parametro["name"] in _IDENTIFICADORES:
                    # Ids and agreement numbers are positive integers (routes match \d+ and
                    # 0 exists nowhere): the schema says so.
                    parametro["schema"] = dict(_IDENTIFICADORES[parametro["name"]])
            respuestas = operacion.setdefault("responses", {})
            for codigo, respuesta in respuestas.items():
                if not respuesta.get("description"):
                    respuesta["description"] = _EXITO.get(codigo, "Respuesta correcta.")
            for codigo in codigos:
                respuestas.setdefault(codigo, {"description": _DESCRIPCIONES[codigo], "content": referencia})
    return result


# Writes that carry no file are JSON only: a form encoding would turn every value into text
# ("0" for false, a nested object into a string), which the schema does not describe.
SOLO_JSON = [JSONParser]


class SiempreRequeridos:
    """Serializer mixin: the fields in ``siempre_requeridos`` are required even in a PATCH,
    where every other field is optional (the version read, for optimistic locking). The
    schema says so too (``_EsquemaSiempreRequeridos``)."""

    siempre_requeridos = ()

    def validate(self, datos):
        faltan = {campo: [self.fields[campo].error_messages["required"]]
                  for campo in self.siempre_requeridos if campo not in datos}
        if faltan:
            raise ErrorDeDatos(faltan)
        return super().validate(datos)


class _EsquemaSiempreRequeridos(OpenApiSerializerExtension):
    target_class = SiempreRequeridos
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        esquema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            esquema["required"] = sorted({*esquema.get("required", []), *self.target.siempre_requeridos})
        return esquema


def _tipo_json(campo):
    """``(python types, what a person is told was expected)`` of a field's JSON value, or None
    when the field takes anything (files, free JSON)."""
    if isinstance(campo, serializers.BooleanField):
        return (bool,), _("true o false")
    if isinstance(campo, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return (int,), _("un número entero")
    if isinstance(campo, serializers.FloatField):
        return (int, float), _("un número")
    if isinstance(campo, serializers.ListField | serializers.ManyRelatedField | serializers.ListSerializer):
        return (list,), _("una lista")
    if isinstance(campo, serializers.BaseSerializer | serializers.DictField):
        return (dict,), _("un objeto")
    if isinstance(campo, serializers.ChoiceField):
        # Enum members (TextChoices) are str or int subclasses: the JSON type is the base one.
        tipos = {int if isinstance(clave, int) else str for clave in campo.choices} or {str}
        return tuple(tipos), (_("un número entero") if tipos == {int} else _("texto"))
    if isinstance(campo, serializers.CharField | serializers.DateField | serializers.DateTimeField
                  | serializers.TimeField | serializers.DecimalField):
        return (str,), _("texto")
    return None


def _error_de_tipo(campo, valor):
    """The message when ``valor`` is not of the JSON type ``campo`` declares, else None.
    Lists are checked item by item and objects field by field."""
    if valor is None:
        return None  # allow_null decides
    tipo = _tipo_json(campo)
    if tipo is None:
        return None
    tipos, esperado = tipo
    if not isinstance(valor, tipos) or (isinstance(valor, bool) and bool not in tipos):
        return _("Tipo de dato no válido: se esperaba %(tipo)s.") % {"tipo": esperado}
    hijo = getattr(campo, "child", None) or getattr(campo, "child_relation", None)
    if isinstance(valor, list) and hijo is not None:
        for elemento in valor:
            if (error := _error_de_tipo(hijo, elemento)) is not None:
                return error
    return None


class TiposEstrictos:
    """Serializer mixin for JSON input: every value must already be of the type the schema
    declares. DRF would otherwise take ``0`` for false, ``5`` for the text "5" and ``"7"`` for
    the number 7, accepting what the contract refuses. Form-encoded input (uploads) is all
    text by nature and keeps DRF's conversions. Nested serializers check their own fields
    (give them this mixin too)."""

    def to_internal_value(self, data):
        if isinstance(data, dict) and not isinstance(data, QueryDict):
            errores = {
                nombre: [error] for nombre, campo in self.fields.items()
                if not campo.read_only and campo.source != "*" and nombre in data
                and (error := _error_de_tipo(campo, data[nombre])) is not None
            }
            if errores:
                raise ErrorDeDatos(errores)
        return super().to_internal_value(data)
