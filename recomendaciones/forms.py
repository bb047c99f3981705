"""Forms of the coordination pages: thematic tables, recommendations and their import.
Limits come from the model fields (ModelForm); writes go through services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acuerdos.models import Acuerdo
from instituciones.models import Institucion

from .models import MesaTematica, Recomendacion

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _nombre_y_siglas(institucion):
    return f"{institucion.nombre} ({institucion.siglas})" if institucion.siglas else institucion.nombre


class MesaForm(forms.ModelForm):
    """A thematic table's name, chair and member institutions."""

    integrantes = forms.ModelMultipleChoiceField(
        label=_("Instituciones integrantes"), required=False,
        queryset=Institucion.objects.activas().order_by("nombre"), widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MesaTematica
        fields = ["nombre", "presidencia"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presidencia"].queryset = Institucion.objects.activas().order_by("nombre")
        self.fields["presidencia"].label_from_instance = _nombre_y_siglas
        self.fields["presidencia"].empty_label = _("(sin designar)")
        self.fields["integrantes"].label_from_instance = _nombre_y_siglas
        if self.instance.pk:
            self.fields["integrantes"].initial = list(self.instance.integrantes.values_list("pk", flat=True))

    def clean_nombre(self):
        nombre = " ".join(self.cleaned_data["nombre"].split())
        otras = MesaTematica.objects.filter(nombre__iexact=nombre).exclude(pk=self.instance.pk)
        if otras.exists():
            raise forms.ValidationError(_("Ya existe una mesa temática con ese nombre."), code="unique")
        return nombre


class RecomendacionForm(forms.ModelForm):
    """A recommendation's source, wording, table, follow-up criteria, responsible
    institutions and linked agreements."""

    instituciones = forms.ModelMultipleChoiceField(
        label=_("Instituciones responsables"), required=False,
        queryset=Institucion.objects.activas().order_by("nombre"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Cada una recibe su propio registro de seguimiento, con sus reportes y evidencias."),
    )
    acuerdos = forms.ModelMultipleChoiceField(
        label=_("Acuerdos del SNIMH vinculados"), required=False,
        queryset=Acuerdo.objects.select_related("sesion").order_by("numero"), widget=forms.SelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Recomendacion
        fields = ["documento", "parrafo_numero", "inciso", "texto", "tema", "mesa", "fecha_emision",
                  "plazo_fecha", "plazo_texto", "meta"]
        labels = {"texto": _("Texto de la recomendación")}
        widgets = {"plazo_fecha": _FECHA, "fecha_emision": _FECHA, "texto": forms.Textarea(attrs={"rows": 6}),
                   "meta": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instituciones"].label_from_instance = _nombre_y_siglas
        self.fields["mesa"].empty_label = _("(elija la mesa temática)")
        self.fields["acuerdos"].label_from_instance = lambda a: str(a)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["instituciones"].initial = [s.institucion_id for s in self.instance.seguimientos.all()]
            self.fields["acuerdos"].initial = [a.pk for a in self.instance.acuerdos.all()]

    def clean_inciso(self):
        return (self.cleaned_data.get("inciso") or "").strip().lower()

    def clean(self):
        datos = super().clean()
        if self.instance.pk and not datos.get("version"):
            self.add_error(None, _("Falta la versión de la recomendación; recargue la página."))
        return datos

    def datos_de_la_recomendacion(self):
        """The recommendation's own fields, as the services take them."""
        return {campo: self.cleaned_data[campo] for campo in self.Meta.fields}
