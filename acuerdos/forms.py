from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh.forms import VersionForm
from snimh.validators import validar_sin_html

from .archivos import formatos_admitidos
from .models import EstadoRevision, Estatus, Observacion


class _RespuestaMixin:
    """Offer the open observations of this follow-up as what a report or file answers."""

    def __init__(self, *args, seguimiento, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responde_a"].queryset = Observacion.objects.filter(seguimiento=seguimiento)
        self.fields["responde_a"].label_from_instance = lambda o: f"{o} — {o.texto[:80]}"


class ReporteForm(_RespuestaMixin, forms.Form):
    fecha = forms.DateField(
        label=_("Fecha del avance"), initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    texto = forms.CharField(
        label=_("¿Qué hizo la institución?"), widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validar_sin_html], max_length=10000,
    )
    responde_a = forms.ModelChoiceField(
        label=_("Responde a la observación"), queryset=Observacion.objects.none(), required=False,
        empty_label=_("(ninguna)"),
    )


class EvidenciaForm(_RespuestaMixin, forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"),
        help_text=_("Formatos: %(formatos)s. Se revisa el contenido, no solo el nombre.")
        % {"formatos": formatos_admitidos()},
        max_length=1000,
        # Django's Spanish catalogue misspells the empty-file message ("vació").
        error_messages={
            "empty": _("El archivo está vacío."),
            "required": _("Seleccione el archivo que desea subir."),
            "invalid": _("No se recibió un archivo. Revise el formulario."),
        },
    )
    descripcion = forms.CharField(
        label=_("Descripción"), required=False, max_length=500, validators=[validar_sin_html],
        widget=forms.TextInput(attrs={"size": 60}),
    )
    responde_a = forms.ModelChoiceField(
        label=_("Responde a la observación"), queryset=Observacion.objects.none(), required=False,
        empty_label=_("(ninguna)"),
    )

    def __init__(self, *args, problema_de_carga=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.problema_de_carga = problema_de_carga

    def full_clean(self):
        super().full_clean()
        # The file was dropped while the request was parsed (too large, forged
        # name), so Django reports it as missing; the user needs to know why.
        if self.is_bound and self.problema_de_carga:
            self.errors["archivo"] = self.error_class([self.problema_de_carga])
            self.cleaned_data.pop("archivo", None)


class RetiroForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo del retiro"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=2000,
    )


class RevisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"), widget=forms.RadioSelect,
        choices=[(EstadoRevision.ACEPTADO, _("Aceptar")), (EstadoRevision.DEVUELTO, _("Devolver con observación"))],
    )
    observacion = forms.CharField(
        label=_("Observación"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validar_sin_html], max_length=5000,
    )


class ObservacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=5000,
    )


class EstatusSeguimientoForm(VersionForm):
    estatus = forms.ChoiceField(label=_("Estatus de la institución"), choices=Estatus.choices)


class EstatusAcuerdoForm(VersionForm):
    estatus = forms.ChoiceField(label=_("Nuevo estatus del acuerdo"), choices=Estatus.choices)
    fecha = forms.DateField(
        label=_("Fecha del cambio"), initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    motivo = forms.CharField(
        label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html], max_length=2000,
    )


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"), help_text=_("XLSX o CSV con las columnas de la plantilla."),
        error_messages={"empty": _("El archivo está vacío."), "required": _("Seleccione el archivo.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        if not archivo.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("El archivo debe ser .xlsx o .csv."), code="extension")
        if archivo.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("El archivo excede 5 MB."), code="tamano")
        return archivo
