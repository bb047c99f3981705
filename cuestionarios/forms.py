"""Forms of the questionnaire pages. Limits and labels come from the models; the answers'
rules (types, options, limits, required questions) are the services' (one place), so the
response form only collects what was typed and shows the services' errors by field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instituciones.models import Institucion
from snimh.db import largo_maximo
from snimh.forms import VersionForm

from .models import (
    Cuestionario,
    Edicion,
    Pregunta,
    ReglaInstituciones,
    Respuesta,
    RespuestaPregunta,
    Seccion,
    TipoPregunta,
)
from .selectors import formato_numero
from .services import campo

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

class CuestionarioForm(forms.ModelForm):
    class Meta:
        model = Cuestionario
        fields = ["nombre", "clave", "descripcion"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 4})}


class SeccionForm(forms.ModelForm):
    class Meta:
        model = Seccion
        fields = ["titulo", "descripcion"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}


_SI_NO = [("", _("(no depende de otra)")), ("1", _("Sí")), ("0", _("No"))]


class PreguntaForm(forms.ModelForm):
    seccion = forms.ModelChoiceField(label=_("Sección"), queryset=Seccion.objects.none(), empty_label=None)
    opciones = forms.CharField(
        label=_("Opciones de respuesta"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Solo para «Una opción» y «Varias opciones»: una por línea, en el orden en que se muestran."),
    )
    condicion_valor = forms.TypedChoiceField(
        label=Pregunta._meta.get_field("condicion_valor").verbose_name.capitalize(), choices=_SI_NO, required=False,
        coerce=lambda v: v == "1", empty_value=None,
    )

    class Meta:
        model = Pregunta
        fields = ["seccion", "texto", "ayuda", "tipo", "opciones", "obligatoria", "datos_personales", "minimo",
                  "maximo", "entero", "condicion_pregunta", "condicion_valor", "proporcion_de"]
        widgets = {"texto": forms.Textarea(attrs={"rows": 2}), "ayuda": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, cuestionario, **kwargs):
        super().__init__(*args, **kwargs)
        propia = self.instance.pk
        self.fields["seccion"].queryset = cuestionario.secciones.order_by("orden")
        preguntas = Pregunta.objects.filter(seccion__cuestionario=cuestionario).select_related("seccion").order_by(
            "seccion__orden", "orden").exclude(pk=propia)
        self.fields["condicion_pregunta"].queryset = preguntas.filter(tipo=TipoPregunta.SI_NO,
                                                                      condicion_pregunta__isnull=True)
        self.fields["condicion_pregunta"].empty_label = _("(ninguna: siempre se responde)")
        self.fields["proporcion_de"].queryset = preguntas.filter(tipo=TipoPregunta.NUMERO, proporcion_de__isnull=True)
        self.fields["proporcion_de"].empty_label = _("(ninguna)")
        if propia:
            self.fields["opciones"].initial = "\n".join(o.texto for o in self.instance.opciones.order_by("orden"))
            if self.instance.condicion_valor is not None:
                self.initial["condicion_valor"] = "1" if self.instance.condicion_valor else "0"

    def datos(self):
        """The cleaned fields as ``services.pregunta_guardar`` takes them."""
        datos = {k: v for k, v in self.cleaned_data.items() if k not in ("seccion", "opciones")}
        return datos, self.cleaned_data["seccion"], self.cleaned_data.get("opciones", "").splitlines()

    def _post_clean(self):
        # The service validates the question as a whole (with its options and section);
        # the model's own validation runs there, not twice.
        pass


def _nombre_y_siglas(institucion):
    return f"{institucion.nombre} ({institucion.siglas})" if institucion.siglas else institucion.nombre


class EdicionForm(forms.ModelForm):
    instituciones = forms.ModelMultipleChoiceField(
        label=_("Además, estas instituciones"), queryset=Institucion.objects.activas().order_by("nombre"),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Se suman a las de la regla; con «Las instituciones elegidas una por una», son todas."),
    )

    class Meta:
        model = Edicion
        fields = ["nombre", "instrucciones", "apertura", "fecha_limite", "regla"]
        widgets = {"apertura": _FECHA, "fecha_limite": _FECHA, "regla": forms.RadioSelect,
                   "instrucciones": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["apertura"].required = True
        self.fields["apertura"].initial = timezone.localdate
        self.fields["fecha_limite"].required = True
        self.fields["regla"].required = True
        self.fields["regla"].choices = ReglaInstituciones.choices
        self.fields["instituciones"].label_from_instance = _nombre_y_siglas

    def _post_clean(self):
        pass


class EdicionEditarForm(forms.ModelForm):
    class Meta:
        model = Edicion
        fields = ["nombre", "instrucciones", "fecha_limite"]
        widgets = {"fecha_limite": _FECHA, "instrucciones": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fecha_limite"].required = True

    def _post_clean(self):
        pass


class AgregarInstitucionesForm(forms.Form):
    instituciones = forms.ModelMultipleChoiceField(
        label=_("Instituciones"), queryset=Institucion.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Marque al menos una institución.")},
    )

    def __init__(self, *args, edicion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instituciones"].queryset = Institucion.objects.activas().exclude(
            pk__in=edicion.respuestas.values("institucion_id")).order_by("nombre")
        self.fields["instituciones"].label_from_instance = _nombre_y_siglas


class ReabrirForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo de la reapertura"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=largo_maximo(Respuesta, "motivo_reapertura"),
                             help_text=_("La institución lo lee; queda en el historial de la respuesta."),
                             error_messages={"required": _("Indique por qué se reabre la respuesta.")})


class CruceForm(forms.Form):
    cruce = forms.ChoiceField(
        label=_("Desglosar por"), required=False,
        choices=[("", _("(sin desglose)")), ("naturaleza", _("Naturaleza jurídica")), ("sector", _("Sector"))],
    )


class ComparacionForm(forms.Form):
    a = forms.ModelChoiceField(label=_("Edición anterior"), queryset=Edicion.objects.none(), empty_label=None)
    b = forms.ModelChoiceField(label=_("Edición posterior"), queryset=Edicion.objects.none(), empty_label=None)

    def __init__(self, *args, cuestionario, **kwargs):
        super().__init__(*args, **kwargs)
        ediciones = cuestionario.ediciones.order_by("nombre")
        for nombre in ("a", "b"):
            self.fields[nombre].queryset = ediciones
            self.fields[nombre].label_from_instance = lambda e: e.nombre

    def clean(self):
        datos = super().clean()
        if datos.get("a") and datos.get("a") == datos.get("b"):
            raise forms.ValidationError(_("Elija dos ediciones distintas."), code="misma")
        return datos


def _ayuda(pregunta):
    if pregunta.condicion_pregunta_id:
        datos = {"numero": pregunta.condicion_pregunta.numero,
                 "valor": _("Sí") if pregunta.condicion_valor else _("No")}
        partes = [_("Responda solo si en la pregunta %(numero)s respondió «%(valor)s»; entonces es obligatoria.") % datos
                  if pregunta.obligatoria else
                  _("Responda solo si en la pregunta %(numero)s respondió «%(valor)s» (opcional).") % datos]
    else:
        partes = [_("Obligatoria.") if pregunta.obligatoria else _("Opcional.")]
    if pregunta.ayuda:
        partes.append(pregunta.ayuda)
    if pregunta.proporcion_de_id:
        partes.append(_("No puede ser mayor que la respuesta a la pregunta %(numero)s.")
                      % {"numero": pregunta.proporcion_de.numero})
    minimo, maximo = pregunta.limites()
    if pregunta.es_numerica and (minimo is not None or maximo is not None):
        if minimo is not None and maximo is not None:
            partes.append(_("Entre %(minimo)s y %(maximo)s.") % {"minimo": formato_numero(minimo),
                                                               "maximo": formato_numero(maximo)})
        elif minimo is not None:
            partes.append(_("Desde %(minimo)s.") % {"minimo": formato_numero(minimo)})
        else:
            partes.append(_("Hasta %(maximo)s.") % {"maximo": formato_numero(maximo)})
    if pregunta.datos_personales:
        partes.append(_("Dato personal: solo lo ven su institución y la coordinación."))
    return " ".join(str(p) for p in partes)


def _campo_de(pregunta):
    etiqueta = f"{pregunta.numero} {pregunta.texto}"
    comunes = {"label": etiqueta, "required": False, "help_text": _ayuda(pregunta)}
    if pregunta.tipo == TipoPregunta.SI_NO:
        return forms.ChoiceField(choices=[("si", _("Sí")), ("no", _("No"))], widget=forms.RadioSelect, **comunes)
    if pregunta.tipo == TipoPregunta.OPCION_UNICA:
        return forms.ChoiceField(choices=[(str(o.pk), o.texto) for o in pregunta.opciones.all()],
                                 widget=forms.RadioSelect, **comunes)
    if pregunta.tipo == TipoPregunta.OPCION_MULTIPLE:
        return forms.MultipleChoiceField(choices=[(str(o.pk), o.texto) for o in pregunta.opciones.all()],
                                         widget=forms.CheckboxSelectMultiple, **comunes)
    if pregunta.es_numerica:
        # Text, not a number input: the service reads the value and says in Spanish what
        # is wrong with it, and browsers do not silently drop what they cannot parse.
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 16}), max_length=40,
                               **comunes)
    if pregunta.tipo == TipoPregunta.FECHA:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), max_length=20, **comunes)
    if pregunta.tipo == TipoPregunta.ARCHIVO:
        return forms.FileField(max_length=1000, **comunes, error_messages={"empty": _("El archivo está vacío.")})
    largo = RespuestaPregunta._meta.get_field("valor_texto").max_length
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=largo, strip=False, **comunes)


def valor_inicial(pregunta, fila):
    if fila is None:
        return None
    if pregunta.tipo == TipoPregunta.SI_NO:
        return "si" if fila.valor_si_no else "no"
    if pregunta.tipo == TipoPregunta.OPCION_UNICA:
        elegidas = [str(e.opcion_id) for e in fila.elegidas.all()]
        return elegidas[0] if elegidas else None
    if pregunta.tipo == TipoPregunta.OPCION_MULTIPLE:
        return [str(e.opcion_id) for e in fila.elegidas.all()]
    if pregunta.es_numerica:
        numero = fila.valor_numero.normalize()
        return f"{numero:f}"
    if pregunta.tipo == TipoPregunta.FECHA:
        return fila.valor_fecha.isoformat()
    if pregunta.tipo == TipoPregunta.TEXTO:
        return fila.valor_texto
    return None


class RespuestaForm(VersionForm):
    """One field per question (``p<id>``), grouped by section; a file question also has
    «quitar_p<id>» when it already holds a file."""

    def __init__(self, *args, secciones, filas, **kwargs):
        super().__init__(*args, **kwargs)
        self.secciones = secciones
        self.filas = filas
        for _seccion, preguntas in secciones:
            for pregunta in preguntas:
                nombre = campo(pregunta)
                self.fields[nombre] = _campo_de(pregunta)
                fila = filas.get(pregunta.pk)
                self.fields[nombre].initial = valor_inicial(pregunta, fila)
                if pregunta.tipo == TipoPregunta.ARCHIVO and fila is not None:
                    self.fields[f"quitar_{nombre}"] = forms.BooleanField(
                        label=_("Quitar el archivo «%(nombre)s»") % {"nombre": fila.archivo_nombre}, required=False)

    def secciones_con_campos(self):
        """``[(seccion, [(pregunta, campo, campo_quitar, fila)])]`` for the template."""
        resultado = []
        for seccion, preguntas in self.secciones:
            campos = []
            for pregunta in preguntas:
                nombre = campo(pregunta)
                quitar = self[f"quitar_{nombre}"] if f"quitar_{nombre}" in self.fields else None
                campos.append((pregunta, self[nombre], quitar, self.filas.get(pregunta.pk)))
            resultado.append((seccion, campos))
        return resultado

    def para_el_servicio(self):
        """``(valores, archivos, quitar)`` for ``services.respuesta_guardar``."""
        valores, archivos, quitar = {}, {}, []
        for _seccion, preguntas in self.secciones:
            for pregunta in preguntas:
                nombre = campo(pregunta)
                if pregunta.tipo == TipoPregunta.ARCHIVO:
                    if self.cleaned_data.get(nombre):
                        archivos[pregunta.pk] = self.cleaned_data[nombre]
                    elif self.cleaned_data.get(f"quitar_{nombre}"):
                        quitar.append(pregunta.pk)
                    continue
                valores[pregunta.pk] = self.cleaned_data.get(nombre)
        return valores, archivos, quitar
