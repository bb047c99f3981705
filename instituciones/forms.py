"""Forms of the roster pages. Fields, limits and messages come from the models."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh import uploads

from .models import Coordinacion, Institucion, Participacion, Representante, UnidadIgualdadGenero

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InstitucionForm(forms.ModelForm):
    class Meta:
        model = Institucion
        fields = ["nombre", "siglas", "articulo", "naturaleza", "sector", "activa"]


class ParticipacionForm(forms.ModelForm):
    """A role granted by an agreement (cited by its number) or by another legal basis."""

    numero_acuerdo = forms.IntegerField(
        label=_("Acuerdo que otorga el rol (número)"), required=False, min_value=1,
        help_text=_("Por ejemplo 46 para el acuerdo 46:30/09/2020. Déjelo vacío si el fundamento es otro."),
    )

    class Meta:
        model = Participacion
        fields = ["rol", "desde", "hasta", "fundamento"]
        widgets = {"desde": _FECHA, "hasta": _FECHA}

    def clean_numero_acuerdo(self):
        # The agreement is looked up through the relation the model declares, so this app
        # needs no import of the agreements app.
        numero = self.cleaned_data.get("numero_acuerdo")
        if numero is None:
            return None
        modelo = Participacion._meta.get_field("acuerdo").related_model
        acuerdo = modelo._default_manager.select_related("sesion").filter(numero=numero).first()
        if acuerdo is None:
            raise forms.ValidationError(_("No existe el acuerdo %(n)s.") % {"n": numero}, code="sin_acuerdo")
        return acuerdo


class TerminoForm(forms.Form):
    hasta = forms.DateField(label=_("Último día"), initial=timezone.localdate, widget=_FECHA)


class UIGForm(forms.ModelForm):
    class Meta:
        model = UnidadIgualdadGenero
        fields = ["nombre", "titular", "cargo_titular", "correo", "telefono", "formalmente_constituida",
                  "instrumento_creacion"]
        widgets = {"formalmente_constituida": forms.NullBooleanSelect}


class RepresentanteForm(forms.ModelForm):
    oficio = forms.FileField(
        label=_("Oficio de designación (archivo)"), required=False, allow_empty_file=True,
        help_text=_("%(formatos)s del oficio firmado por la persona titular de la institución.")
        % {"formatos": uploads.formatos_admitidos(Representante.FORMATOS_OFICIO)},
    )

    def clean_oficio(self):
        oficio = self.cleaned_data.get("oficio")
        if oficio:
            uploads.inspeccionar(oficio, formatos=Representante.FORMATOS_OFICIO)
        return oficio

    class Meta:
        model = Representante
        fields = ["tipo", "tratamiento", "nombre", "cargo", "correo", "numero_oficio", "fecha_oficio",
                  "vigente_desde", "vigente_hasta"]
        widgets = {"fecha_oficio": _FECHA, "vigente_desde": _FECHA, "vigente_hasta": _FECHA}


class CoordinacionForm(forms.ModelForm):
    class Meta:
        model = Coordinacion
        fields = ["institucion", "desde", "fundamento"]
        widgets = {"desde": _FECHA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institucion"].queryset = Institucion.objects.activas().order_by("nombre")
