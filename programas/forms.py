from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from compromisos.models import Reporte
from snimh import uploads
from snimh.db import largo_maximo

from .models import Actividad


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"), allow_empty_file=True,
        help_text=_("XLSX o CSV con las columnas de la exportación: objetivo, objetivo_texto, estrategia, "
                    "estrategia_texto, accion, accion_texto, tipo, coordinadora, instrumentadoras."),
        error_messages={"required": _("Seleccione el archivo.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        uploads.inspeccionar(archivo, formatos=uploads.FORMATOS_DE_IMPORTACION,
                             tamano_maximo=settings.IMPORTACION_TAMANO_MAXIMO)
        return archivo


class FiltrosSemaforoForm(forms.Form):
    """Filters of the heat map and the distribution: objective, institution, level."""

    objetivo = forms.TypedChoiceField(label=_("Objetivo"), required=False, coerce=int, empty_value=None)
    institucion = forms.TypedChoiceField(label=_("Institución (coordinadora o instrumentadora)"), required=False,
                                         coerce=int, empty_value=None)
    nivel = forms.ChoiceField(label=_("Nivel"), required=False)

    def __init__(self, *args, objetivos, instituciones, niveles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objetivo"].choices = [("", _("Todos")), *((o.numero, f"{o.numero}. {o}") for o in objetivos)]
        self.fields["institucion"].choices = [("", _("Todas")), *((i.pk, i.siglas or i.nombre) for i in instituciones)]
        self.fields["nivel"].choices = [("", _("Todos")), *((str(n.pk), n.nombre) for n in niveles),
                                        ("sin", _("Sin clasificar"))]


class MatrizForm(forms.Form):
    """The matrix's scale and criteria's names; the levels come in ``NivelFormSet``."""

    escala_minima = forms.IntegerField(label=_("Puntaje mínimo de cada criterio"), min_value=0)
    escala_maxima = forms.IntegerField(label=_("Puntaje máximo de cada criterio"), min_value=1)

    def __init__(self, *args, criterios, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ESCALA_TOPE

        self.fields["escala_maxima"].validators.append(_tope_de_escala)
        self.fields["escala_maxima"].help_text = _("A lo más %(tope)s.") % {"tope": ESCALA_TOPE}
        for criterio in criterios:
            self.fields[f"criterio_{criterio.orden}"] = forms.CharField(
                label=_("Criterio %(n)s") % {"n": criterio.orden}, initial=criterio.nombre, max_length=120)

    def clean(self):
        datos = super().clean()
        minimo, maximo = datos.get("escala_minima"), datos.get("escala_maxima")
        if minimo is not None and maximo is not None and minimo >= maximo:
            self.add_error("escala_maxima", forms.ValidationError(
                _("El máximo debe ser mayor que el mínimo."), code="escala_invertida"))
        return datos

    def criterios(self):
        return [v for k, v in sorted(self.cleaned_data.items()) if k.startswith("criterio_")]


def _tope_de_escala(valor):
    from .models import ESCALA_TOPE

    if valor > ESCALA_TOPE:
        raise forms.ValidationError(_("El máximo es a lo más %(tope)s.") % {"tope": ESCALA_TOPE}, code="tope")


class NivelForm(forms.Form):
    nombre = forms.CharField(label=_("Nivel"), max_length=60)
    puntaje_minimo = forms.IntegerField(label=_("Desde el puntaje total"), min_value=0)
    color = forms.RegexField(label=_("Color"), regex=r"^#[0-9a-fA-F]{6}$", widget=forms.TextInput(attrs={"type": "color"}),
                             error_messages={"invalid": _("Escriba el color en hexadecimal, p. ej. «#2e7d32».")})
    alta_factibilidad = forms.BooleanField(label=_("Cuenta como alta factibilidad"), required=False)


NivelFormSet = forms.formset_factory(NivelForm, extra=1, can_delete=True, min_num=1, validate_min=True)


class PuntajesForm(forms.Form):
    """One score per criterion of the matrix, within its scale."""

    def __init__(self, *args, matriz, criterios, actuales, **kwargs):
        super().__init__(*args, **kwargs)
        for criterio in criterios:
            self.fields[f"c{criterio.pk}"] = forms.IntegerField(
                label=criterio.nombre, min_value=matriz.escala_minima, max_value=matriz.escala_maxima,
                initial=actuales.get(criterio.pk),
                help_text=_("De %(min)s a %(max)s.") % {"min": matriz.escala_minima, "max": matriz.escala_maxima})

    def valores(self):
        return {int(k[1:]): v for k, v in self.cleaned_data.items()}


class PlanForm(forms.Form):
    indicador = forms.CharField(label=_("Indicador (opcional)"), required=False, max_length=200,
                                help_text=_("Lo que la institución mide, p. ej. «personas capacitadas»."))
    meta_indicador = forms.DecimalField(label=_("Meta del indicador"), required=False, min_value=0.01,
                                        max_digits=14, decimal_places=2)

    def clean(self):
        datos = super().clean()
        if bool((datos.get("indicador") or "").strip()) != (datos.get("meta_indicador") is not None):
            raise forms.ValidationError(_("Un indicador necesita una meta mayor que cero, y una meta su indicador."),
                                        code="indicador_sin_meta")
        return datos


_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActividadForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    descripcion = forms.CharField(label=_("Actividad"), max_length=500)
    fecha_inicio = forms.DateField(label=_("Inicio"), widget=_FECHA)
    fecha_fin = forms.DateField(label=_("Término"), widget=_FECHA)
    producto_esperado = forms.CharField(label=_("Producto esperado"), max_length=300)

    def clean(self):
        datos = super().clean()
        if datos.get("fecha_inicio") and datos.get("fecha_fin") and datos["fecha_fin"] < datos["fecha_inicio"]:
            self.add_error("fecha_fin", forms.ValidationError(_("La actividad no puede terminar antes de empezar."),
                                                              code="fechas_invertidas"))
        return datos


ActividadFormSet = forms.formset_factory(ActividadForm, extra=1, can_delete=True)


class ReporteDeLineaForm(forms.Form):
    """A progress report on a line, referring to the work plan (the engine reviews it)."""

    fecha = forms.DateField(label=_("Fecha del avance"), widget=_FECHA)
    texto = forms.CharField(label=_("Avance cualitativo: ¿qué hizo la institución?"), widget=forms.Textarea(
        attrs={"rows": 6}))
    actividad = forms.ModelChoiceField(label=_("Actividad del plan de trabajo"), queryset=None, required=False,
                                       empty_label=_("(ninguna en particular)"))
    valor_indicador = forms.DecimalField(label=_("Valor alcanzado del indicador"), required=False, min_value=0,
                                         max_digits=14, decimal_places=2)
    avance_propuesto = forms.IntegerField(
        label=_("Avance (%)"), required=False, min_value=0, max_value=100,
        help_text=_("Si lo deja vacío y reporta el indicador, se calcula contra la meta."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["texto"].max_length = largo_maximo(Reporte, "texto")
        self.fields["texto"].validators.append(MaxLengthValidator(largo_maximo(Reporte, "texto")))
        self.fields["actividad"].queryset = plan.actividades.all() if plan else Actividad.objects.none()
        if not (plan and plan.indicador):
            del self.fields["valor_indicador"]
        else:
            self.fields["valor_indicador"].help_text = _("Indicador: %(i)s; meta: %(m)s.") % {
                "i": plan.indicador, "m": plan.meta_indicador}


class ConjuntoRecomendacionesForm(forms.Form):
    institucion = forms.ModelChoiceField(label=_("Institución"), queryset=None)
    anio = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)
    semestre = forms.TypedChoiceField(label=_("Semestre"), coerce=int, choices=())
    fecha = forms.DateField(label=_("Fecha"), widget=_FECHA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from instituciones.models import Institucion

        from .models import Semestre

        self.fields["institucion"].queryset = Institucion.objects.filter(
            seguimientos__compromiso__tipo="linea_accion").distinct().order_by("nombre")
        self.fields["semestre"].choices = Semestre.choices


class RecomendacionForm(forms.Form):
    linea = forms.ModelChoiceField(label=_("Línea de acción"), queryset=None)
    texto = forms.CharField(label=_("Recomendación"), widget=forms.Textarea(attrs={"rows": 3}))
    plazo_fecha = forms.DateField(label=_("Plazo (opcional)"), required=False, widget=_FECHA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LineaAccion

        self.fields["linea"].queryset = LineaAccion.objects.ordenadas().select_related("estrategia__objetivo__programa")
        self.fields["linea"].label_from_instance = lambda linea: f"{linea.programa.clave} · {linea.numero}"


RecomendacionFormSet = forms.formset_factory(RecomendacionForm, extra=2, min_num=1, validate_min=True)


class AlineacionForm(forms.Form):
    """An agreement (or another commitment that is not an action line) to align to a line."""

    compromiso = forms.ModelChoiceField(label=_("Acuerdo"), queryset=None,
                                        error_messages={"invalid_choice": _("Elija un acuerdo de la lista.")})

    def __init__(self, *args, linea, **kwargs):
        super().__init__(*args, **kwargs)
        from compromisos import tipos
        from compromisos.models import Compromiso, TipoCompromiso

        self.fields["compromiso"].queryset = (
            Compromiso.objects.filter(tipo=TipoCompromiso.ACUERDO).exclude(alineaciones_con_lineas__linea=linea)
            .select_related(*tipos.relacionados()).order_by("pk"))
        self.fields["compromiso"].label_from_instance = lambda compromiso: compromiso.etiqueta
