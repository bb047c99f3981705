from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from snimh import uploads


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
