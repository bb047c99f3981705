"""REST API v1 for questionnaires: their structure, editions and results as permitted, and
each institution's response, which its officers read and fill (draft, submission).
Thin: permissions from snimh/permisos.py, reads from selectors.py, writes through
services.py — the same ones as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from instituciones.api import InstitucionResumenSerializer
from snimh import permisos
from snimh.api import SOLO_JSON, ArchivoDemasiadoGrande, Publico, TiposEstrictos, exigir
from snimh.db import largo_maximo
from snimh.uploads import ParserMultipartAPI

from . import selectors, services
from .models import Cuestionario, Edicion, Opcion, Pregunta, Respuesta, Seccion

# Structure ---------------------------------------------------------------------------------


class OpcionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opcion
        fields = ["id", "orden", "texto"]


class PreguntaSerializer(serializers.ModelSerializer):
    numero = serializers.CharField(read_only=True, help_text=gettext_lazy("Sección y lugar, p. ej. «2.3»."))
    opciones = OpcionSerializer(many=True, read_only=True)

    class Meta:
        model = Pregunta
        fields = ["id", "numero", "texto", "ayuda", "tipo", "obligatoria", "datos_personales", "minimo", "maximo",
                  "entero", "condicion_pregunta", "condicion_valor", "proporcion_de", "opciones"]


class SeccionSerializer(serializers.ModelSerializer):
    preguntas = PreguntaSerializer(many=True, read_only=True)

    class Meta:
        model = Seccion
        fields = ["id", "orden", "titulo", "descripcion", "preguntas"]


class CuestionarioListaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cuestionario
        fields = ["clave", "nombre", "descripcion"]


class CuestionarioSerializer(serializers.ModelSerializer):
    secciones = SeccionSerializer(many=True, read_only=True)

    class Meta:
        model = Cuestionario
        fields = ["clave", "nombre", "descripcion", "secciones"]


@extend_schema_view(
    list=extend_schema(summary="Cuestionarios", description="Todas las cuentas internas."),
    retrieve=extend_schema(summary="Un cuestionario con sus secciones, preguntas y opciones"),
)
class CuestionarioViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "clave"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"  # a SlugField
    ordering = ["nombre"]

    def get_queryset(self):
        if self.action == "list":
            return Cuestionario.objects.all()
        return Cuestionario.objects.prefetch_related("secciones__preguntas__opciones", "secciones__preguntas__seccion")

    def get_serializer_class(self):
        return CuestionarioListaSerializer if self.action == "list" else CuestionarioSerializer


# Editions and results ------------------------------------------------------------------------


class EdicionSerializer(serializers.ModelSerializer):
    cuestionario = serializers.SlugRelatedField(slug_field="clave", read_only=True)

    class Meta:
        model = Edicion
        fields = ["id", "cuestionario", "nombre", "instrucciones", "historica", "fuente", "respuestas_publicadas",
                  "apertura", "fecha_limite", "regla", "estado", "publicada"]


class CategoriaSerializer(serializers.Serializer):
    clave = serializers.CharField(help_text=gettext_lazy("«si», «no» o el id de la opción."))
    etiqueta = serializers.CharField()
    conteo = serializers.IntegerField()
    porcentaje = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True,
                                          help_text=gettext_lazy("Sobre la base, con un decimal."))


class NumericosSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    suma = serializers.DecimalField(max_digits=20, decimal_places=2)
    media = serializers.DecimalField(max_digits=20, decimal_places=2)
    mediana = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True,
                                       help_text=gettext_lazy("Nula en preguntas de datos personales para quien no "
                                                              "puede verlos (con mínimo y máximo)."))
    minimo = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    maximo = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    proporcion = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True,
                                          help_text=gettext_lazy("Suma de esta pregunta sobre la del total del que es "
                                                                 "parte, en porcentaje."))


class CifraPublicadaSerializer(serializers.Serializer):
    tipo = serializers.CharField()
    si_no = serializers.BooleanField(allow_null=True)
    opcion = serializers.CharField(allow_null=True)
    valor = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    base = serializers.IntegerField(allow_null=True)
    base_descripcion = serializers.CharField()
    minimo = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    maximo = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    texto = serializers.CharField(help_text=gettext_lazy("La frase publicada, tal como la escribe la fuente."))


class ResultadoPreguntaSerializer(serializers.Serializer):
    pregunta = serializers.IntegerField()
    numero = serializers.CharField()
    texto = serializers.CharField()
    tipo = serializers.CharField()
    aplicables = serializers.IntegerField(help_text=gettext_lazy("Respuestas enviadas a las que aplica la pregunta."))
    base = serializers.IntegerField(help_text=gettext_lazy("De ellas, las que la contestaron: base de los porcentajes."))
    categorias = CategoriaSerializer(many=True)
    numericos = NumericosSerializer(allow_null=True)
    publicados = CifraPublicadaSerializer(many=True)


class ResultadosSerializer(serializers.Serializer):
    edicion = EdicionSerializer()
    instituciones = serializers.IntegerField(help_text=gettext_lazy("Instituciones a las que se envió."))
    enviadas = serializers.IntegerField(help_text=gettext_lazy("Respuestas enviadas (las únicas que cuentan)."))
    preguntas = ResultadoPreguntaSerializer(many=True)


def _un_decimal(valor):
    return None if valor is None else selectors.redondear(valor, 1)


def _resultados_como_datos(resultados):
    preguntas = []
    for _seccion, lista in resultados.secciones:
        for resultado in lista:
            pregunta, numericos = resultado.pregunta, resultado.numericos
            preguntas.append({
                "pregunta": pregunta.pk, "numero": pregunta.numero, "texto": pregunta.texto, "tipo": pregunta.tipo,
                "aplicables": resultado.aplicables, "base": resultado.base,
                "categorias": [{"clave": f.clave, "etiqueta": f.etiqueta, "conteo": f.conteo,
                                "porcentaje": _un_decimal(f.porcentaje)} for f in resultado.filas],
                "numericos": None if numericos is None else {
                    "n": numericos.n, "suma": numericos.suma, "media": selectors.redondear(numericos.media, 2),
                    "mediana": None if numericos.mediana is None else selectors.redondear(numericos.mediana, 2),
                    "minimo": numericos.minimo, "maximo": numericos.maximo,
                    "proporcion": _un_decimal(numericos.proporcion)},
                "publicados": [{"tipo": p.tipo, "si_no": p.si_no, "opcion": p.opcion.texto if p.opcion_id else None,
                                "valor": p.valor, "base": p.base, "base_descripcion": p.base_descripcion,
                                "minimo": p.minimo, "maximo": p.maximo, "texto": p.texto} for p in resultado.publicados],
            })
    return {"edicion": EdicionSerializer(resultados.edicion).data, "instituciones": resultados.instituciones,
            "enviadas": resultados.enviadas, "preguntas": preguntas}


@extend_schema_view(
    list=extend_schema(summary="Ediciones de cuestionarios",
                       description="Coordinación y consulta: todas; un enlace: las de su institución y las publicadas."),
    retrieve=extend_schema(summary="Una edición"),
)
class EdicionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EdicionSerializer
    filterset_fields = {"cuestionario__clave": ["exact"], "estado": ["exact"], "historica": ["exact"],
                        "publicada": ["exact"]}
    ordering = ["cuestionario__nombre", "-nombre"]

    def get_queryset(self):
        return permisos.ediciones_visibles(self.request.user, Edicion.objects.select_related("cuestionario"))

    @extend_schema(summary="Resultados de una edición", responses={200: ResultadosSerializer},
                   description="Conteos y porcentajes por pregunta sobre las respuestas enviadas que la contestaron "
                               "(la base), resúmenes de números y, en ediciones históricas, las cifras publicadas. "
                               "Coordinación y consulta: toda edición; las demás cuentas: las publicadas.")
    @action(detail=True, methods=["get"])
    def resultados(self, request, pk=None):
        edicion = self.get_object()
        exigir(permisos.puede_ver_resultados(request.user, edicion))
        return Response(_resultados_como_datos(selectors.resultados(
            edicion=edicion, con_graficas=False,
            ver_datos_personales=permisos.puede_ver_datos_personales(request.user))))


@extend_schema_view(
    list=extend_schema(summary="Resultados publicados de cuestionarios (transparencia)", auth=[],
                       description="Acceso público: las ediciones cuyos resultados agregados publicó la coordinación."),
    retrieve=extend_schema(summary="Resultados publicados de una edición (transparencia)", auth=[],
                           responses={200: ResultadosSerializer},
                           description="Solo cifras agregadas: nunca respuestas de una institución, textos libres, "
                                       "archivos ni datos personales."),
)
class EdicionPublicaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EdicionSerializer
    permission_classes = [Publico]
    authentication_classes = []
    ordering = ["cuestionario__nombre", "-nombre"]

    def get_queryset(self):
        return Edicion.objects.publicadas().select_related("cuestionario")

    def retrieve(self, request, *args, **kwargs):
        return Response(_resultados_como_datos(selectors.resultados(edicion=self.get_object(), con_graficas=False)))


# Responses -----------------------------------------------------------------------------------


class ValorSerializer(serializers.Serializer):
    pregunta = serializers.IntegerField()
    numero = serializers.CharField()
    tipo = serializers.CharField()
    valor = serializers.JSONField(allow_null=True, help_text=gettext_lazy(
        "Sí o no: booleano; número o porcentaje: cadena decimal; fecha: «AAAA-MM-DD»; una opción: id; varias "
        "opciones: lista de ids; texto: cadena; archivo: su nombre. Nulo sin respuesta o si es un dato personal "
        "que la cuenta no puede ver."))
    oculto = serializers.BooleanField(help_text=gettext_lazy("Dato personal que esta cuenta no puede ver."))


def _valor_api(pregunta, fila):
    if fila is None:
        return None
    if pregunta.tipo == "si_no":
        return fila.valor_si_no
    if pregunta.es_numerica:
        return f"{fila.valor_numero.normalize():f}"
    if pregunta.tipo == "fecha":
        return fila.valor_fecha.isoformat()
    if pregunta.tipo == "archivo":
        return fila.archivo_nombre
    if pregunta.tipo == "opcion_unica":
        elegidas = [e.opcion_id for e in fila.elegidas.all()]
        return elegidas[0] if elegidas else None
    if pregunta.tipo == "opcion_multiple":
        return sorted(e.opcion_id for e in fila.elegidas.all())
    return fila.valor_texto


class RespuestaSerializer(serializers.ModelSerializer):
    edicion = serializers.PrimaryKeyRelatedField(read_only=True)
    cuestionario = serializers.CharField(source="edicion.cuestionario.clave", read_only=True)
    institucion = InstitucionResumenSerializer(read_only=True)
    fuera_de_plazo = serializers.BooleanField(read_only=True)
    editable = serializers.BooleanField(read_only=True, help_text=gettext_lazy("Aún puede guardarse y enviarse."))
    valores = serializers.SerializerMethodField()

    class Meta:
        model = Respuesta
        fields = ["id", "edicion", "cuestionario", "institucion", "estado", "version", "editable", "guardada_en",
                  "enviada_en", "fuera_de_plazo", "reabierta_en", "motivo_reapertura", "valores"]

    @extend_schema_field(ValorSerializer(many=True))
    def get_valores(self, respuesta):
        ver = permisos.puede_ver_datos_personales(self.context["request"].user, respuesta)
        filas = {v.pregunta_id: v for v in respuesta.valores.prefetch_related("elegidas")}
        return [
            {"pregunta": p.pk, "numero": p.numero, "tipo": p.tipo, "oculto": p.datos_personales and not ver,
             "valor": None if (p.datos_personales and not ver) else _valor_api(p, filas.get(p.pk))}
            for p in respuesta.edicion.cuestionario.preguntas()
        ]


class RespuestaListaSerializer(serializers.ModelSerializer):
    edicion = serializers.PrimaryKeyRelatedField(read_only=True)
    institucion = InstitucionResumenSerializer(read_only=True)

    class Meta:
        model = Respuesta
        fields = ["id", "edicion", "institucion", "estado", "version", "guardada_en", "enviada_en"]


class GuardarEntradaSerializer(TiposEstrictos, serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=gettext_lazy("La versión leída; si cambió, responde 409."))
    valores = serializers.DictField(
        child=serializers.JSONField(allow_null=True), required=False, default=dict,
        help_text=gettext_lazy("Respuestas por id de pregunta (p. ej. {\"12\": true, \"13\": \"150\"}); nulo o vacío "
                               "borra una respuesta. Las preguntas no nombradas no cambian."))


class EnvioEntradaSerializer(TiposEstrictos, serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class ReaperturaEntradaSerializer(TiposEstrictos, serializers.Serializer):
    motivo = serializers.CharField(max_length=largo_maximo(Respuesta, "motivo_reapertura"))


class ArchivoEntradaSerializer(TiposEstrictos, serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    pregunta = serializers.IntegerField(help_text=gettext_lazy("Id de una pregunta de tipo archivo."))
    archivo = serializers.FileField(help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, ODS, JPG, PNG, CSV o ZIP; se "
                                                           "revisa el contenido."))


def _errores_por_pregunta(error):
    """The services key answer errors by form field (``p<id>``); the API answers them under
    ``valores`` by question id."""
    if not hasattr(error, "error_dict"):
        return error
    valores, otros = {}, {}
    for campo, errores in error.message_dict.items():
        if campo.startswith("p") and campo[1:].isdigit():
            valores[campo[1:]] = errores
        else:
            otros[campo] = errores
    if valores:
        otros["valores"] = valores
    return serializers.ValidationError(otros)


@extend_schema_view(
    list=extend_schema(summary="Respuestas a cuestionarios",
                       description="Las que la cuenta puede ver: las de su institución (enlace), las enviadas "
                                   "(consulta) o todas (coordinación)."),
    retrieve=extend_schema(summary="Una respuesta con sus valores",
                           description="Los datos personales solo para la coordinación y la propia institución."),
)
class RespuestaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = SOLO_JSON  # but a file answer, below
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = {"edicion": ["exact"], "estado": ["exact"], "institucion": ["exact"]}
    ordering = ["edicion", "institucion__nombre"]

    def get_queryset(self):
        return permisos.respuestas_visibles(
            self.request.user, Respuesta.objects.select_related("edicion__cuestionario", "institucion"))

    def get_serializer_class(self):
        return RespuestaListaSerializer if self.action == "list" else RespuestaSerializer

    def _respondible(self):
        respuesta = self.get_object()
        exigir(permisos.puede_responder(self.request.user, respuesta))
        return respuesta

    def _detalle(self, respuesta, codigo=status.HTTP_200_OK):
        respuesta = self.get_queryset().get(pk=respuesta.pk)
        return Response(RespuestaSerializer(respuesta, context={"request": self.request}).data, status=codigo)

    @extend_schema(summary="Guardar el borrador", request=GuardarEntradaSerializer, responses={200: RespuestaSerializer},
                   description="La institución (su enlace) o la coordinación, mientras no se haya enviado y la edición "
                               "esté abierta. Cada valor se valida; un error rechaza todo, con los errores en "
                               "«errores.valores» por id de pregunta.")
    def partial_update(self, request, pk=None):
        respuesta = self._respondible()
        entrada = GuardarEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        valores = {}
        for clave, valor in entrada.validated_data["valores"].items():
            if not str(clave).isdigit():
                raise serializers.ValidationError({"valores": {str(clave): [_("Use el id numérico de la pregunta.")]}})
            valores[int(clave)] = valor
        try:
            respuesta = services.respuesta_guardar(respuesta=respuesta, usuario=request.user, valores=valores,
                                                   version=entrada.validated_data["version"])
        except DjangoValidationError as error:
            raise _errores_por_pregunta(error) from error
        return self._detalle(respuesta)

    @extend_schema(summary="Enviar la respuesta", request=EnvioEntradaSerializer, responses={200: RespuestaSerializer},
                   description="Con todas las preguntas obligatorias que apliquen contestadas; después es de solo "
                               "lectura, salvo que la coordinación la reabra.")
    @action(detail=True, methods=["post"])
    def envio(self, request, pk=None):
        respuesta = self._respondible()
        entrada = EnvioEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        try:
            respuesta = services.respuesta_enviar(respuesta=respuesta, usuario=request.user,
                                                  version=entrada.validated_data["version"])
        except DjangoValidationError as error:
            raise _errores_por_pregunta(error) from error
        return self._detalle(respuesta)

    @extend_schema(summary="Reabrir una respuesta enviada", request=ReaperturaEntradaSerializer,
                   responses={200: RespuestaSerializer}, description="Solo la coordinación, con el motivo.")
    @action(detail=True, methods=["post"])
    def reapertura(self, request, pk=None):
        respuesta = self.get_object()
        exigir(permisos.puede_reabrir_respuesta(request.user, respuesta))
        entrada = ReaperturaEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        respuesta = services.respuesta_reabrir(respuesta=respuesta, usuario=request.user,
                                               motivo=entrada.validated_data["motivo"])
        return self._detalle(respuesta)

    @extend_schema(summary="Subir el archivo de una pregunta", request={"multipart/form-data": ArchivoEntradaSerializer},
                   responses={200: RespuestaSerializer},
                   description="multipart/form-data; el formato se decide por el contenido. Reemplaza el archivo "
                               "anterior de esa pregunta.")
    @action(detail=True, methods=["post"], parser_classes=[ParserMultipartAPI])
    def archivo(self, request, pk=None):
        respuesta = self._respondible()
        entrada = ArchivoEntradaSerializer(data=request.data)
        if not entrada.is_valid():
            errores = entrada.errors.get("archivo", [])
            if any(getattr(error, "code", None) == "tamano" for error in errores):
                raise ArchivoDemasiadoGrande(errores[0])
            raise serializers.ValidationError(entrada.errors)
        datos = entrada.validated_data
        try:
            respuesta = services.respuesta_guardar(respuesta=respuesta, usuario=request.user,
                                                   archivos={datos["pregunta"]: datos["archivo"]},
                                                   version=datos["version"])
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise serializers.ValidationError(
                    {"archivo": [m for mensajes in error.message_dict.values() for m in mensajes]}) from error
            raise
        return self._detalle(respuesta)
