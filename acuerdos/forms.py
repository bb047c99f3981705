from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh import uploads
from snimh.db import largo_maximo
from snimh.forms import VersionForm
from snimh.validators import validar_sin_html

from .models import CambioEstatus, EstadoRevision, Estatus, Evidencia, Observacion, Reporte


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
        validators=[validar_sin_html], max_length=largo_maximo(Reporte, "texto"),
    )
    responde_a = forms.ModelChoiceField(
        label=_("Responde a la observación"), queryset=Observacion.objects.none(), required=False,
        empty_label=_("(ninguna)"),
    )


class EvidenciaForm(_RespuestaMixin, forms.Form):
    # Name, emptiness, size and content are all decided by snimh.uploads.inspeccionar.
    archivo = forms.FileField(
        label=_("Archivo"),
        help_text=_("Formatos: %(formatos)s. Se revisa el contenido, no solo el nombre.")
        % {"formatos": uploads.formatos_admitidos()},
        allow_empty_file=True,
        error_messages={
            "required": _("Seleccione el archivo que desea subir."),
            "invalid": _("No se recibió un archivo. Revise el formulario."),
        },
    )
    descripcion = forms.CharField(
        label=_("Descripción"), required=False, max_length=largo_maximo(Evidencia, "descripcion"),
        validators=[validar_sin_html], widget=forms.TextInput(attrs={"size": 60}),
    )
    responde_a = forms.ModelChoiceField(
        label=_("Responde a la observación"), queryset=Observacion.objects.none(), required=False,
        empty_label=_("(ninguna)"),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        uploads.inspeccionar(archivo)
        return archivo


class RetiroForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo del retiro"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(Evidencia, "motivo_retiro"),
    )


class RevisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"), widget=forms.RadioSelect,
        choices=[(EstadoRevision.ACEPTADO, _("Aceptar")), (EstadoRevision.DEVUELTO, _("Devolver con observación"))],
    )
    observacion = forms.CharField(
        label=_("Observación"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validar_sin_html], max_length=largo_maximo(Observacion, "texto"),
    )


class ObservacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(Observacion, "texto"),
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
        label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(CambioEstatus, "motivo"),
    )


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"), allow_empty_file=True,
        help_text=_("XLSX o CSV con las columnas de la plantilla."),
        error_messages={"required": _("Seleccione el archivo.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        uploads.inspeccionar(archivo, formatos=uploads.FORMATOS_DE_IMPORTACION,
                             tamano_maximo=settings.IMPORTACION_TAMANO_MAXIMO)
        return archivo
