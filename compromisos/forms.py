"""Forms of the follow-up engine; their limits come from the models."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from snimh import uploads
from snimh.db import largo_maximo
from snimh.forms import VersionForm
from snimh.validators import validar_sin_html

from .models import CambioEstatus, Comentario, EstadoRevision, Estatus, Evidencia, Observacion, Reporte

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _RespuestaMixin:
    """Offer the open observations of this follow-up as what a report or file answers."""

    def __init__(self, *args, seguimiento, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responde_a"].queryset = Observacion.objects.filter(seguimiento=seguimiento)
        self.fields["responde_a"].label_from_instance = lambda o: f"{o} — {o.texto[:80]}"


class ReporteForm(_RespuestaMixin, forms.Form):
    fecha = forms.DateField(label=_("Fecha del avance"), initial=timezone.localdate, widget=_FECHA)
    texto = forms.CharField(
        label=_("¿Qué hizo la institución?"), widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validar_sin_html], max_length=largo_maximo(Reporte, "texto"),
    )
    responde_a = forms.ModelChoiceField(
        label=_("Responde a la observación"), queryset=Observacion.objects.none(), required=False,
        empty_label=_("(ninguna)"),
    )
    estatus_propuesto = forms.ChoiceField(
        label=Reporte._meta.get_field("estatus_propuesto").verbose_name.capitalize(),
        choices=[("", _("(ninguno: solo informo el avance)")), *Reporte._meta.get_field("estatus_propuesto").choices],
        required=False, help_text=Reporte._meta.get_field("estatus_propuesto").help_text,
    )
    avance_propuesto = forms.IntegerField(
        label=Reporte._meta.get_field("avance_propuesto").verbose_name.capitalize(), required=False,
        min_value=0, max_value=100, help_text=Reporte._meta.get_field("avance_propuesto").help_text,
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
    confirmar_propuesta = forms.BooleanField(
        label=_("Confirmar el estatus y el avance que propone la institución"), required=False,
        help_text=_("Solo al aceptar. Si no la confirma, la propuesta queda rechazada."),
    )


class ObservacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(Observacion, "texto"),
    )


class EstatusSeguimientoForm(VersionForm):
    estatus = forms.ChoiceField(label=_("Estatus de la institución"), choices=Estatus.choices)
    fecha = forms.DateField(label=_("Fecha del cambio"), initial=timezone.localdate, widget=_FECHA, required=False,
                            help_text=_("Hoy, si se deja vacía."))
    motivo = forms.CharField(
        label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 2}), validators=[validar_sin_html],
        max_length=largo_maximo(CambioEstatus, "motivo"),
    )


class EstatusCompromisoForm(VersionForm):
    estatus = forms.ChoiceField(label=_("Nuevo estatus"), choices=Estatus.choices)
    fecha = forms.DateField(label=_("Fecha del cambio"), initial=timezone.localdate, widget=_FECHA)
    motivo = forms.CharField(
        label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(CambioEstatus, "motivo"),
    )


class ComentarioForm(forms.Form):
    texto = forms.CharField(
        label=_("Comentario"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=largo_maximo(Comentario, "texto"),
        help_text=_("Lo leen la institución responsable y la coordinación; no acepta ni devuelve el reporte."),
    )

    @staticmethod
    def prefijo(reporte):
        return f"comentario-{reporte.pk}"
