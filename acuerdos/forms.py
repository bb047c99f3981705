from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from instituciones.models import Institucion, Rol
from snimh import uploads
from snimh.db import largo_maximo
from snimh.forms import VersionForm
from snimh.validators import validar_sin_html

from .dias_habiles import sumar_dias_habiles
from .models import Acuerdo, CambioEstatus, EstadoRevision, Estatus, Evidencia, Grupo, Objetivo, Observacion, Reporte

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
        max_length=2000,
    )


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


def _nombre_y_siglas(institucion):
    return f"{institucion.nombre} ({institucion.siglas})" if institucion.siglas else institucion.nombre


class AcuerdoForm(forms.ModelForm):
    """An agreement's text, follow-up criteria and who is bound by it (by name and by group)."""

    plazo_dias_habiles = forms.IntegerField(
        label=_("o plazo en días hábiles"), required=False, min_value=1, max_value=365,
        help_text=_("Calcula la fecha límite contando días hábiles desde la sesión (sin fines de semana ni "
                    "días inhábiles)."),
    )
    instituciones = forms.ModelMultipleChoiceField(
        label=_("Instituciones responsables (por nombre)"), required=False,
        queryset=Institucion.objects.activas().order_by("nombre"), widget=forms.CheckboxSelectMultiple,
    )
    grupos = forms.MultipleChoiceField(
        label=_("Grupos responsables"), required=False, choices=Grupo.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Cada institución del grupo recibe su propio registro de seguimiento: las que tienen ese rol en "
                    "la fecha de la sesión, o las que asistieron a ella."),
    )
    objetivos = forms.ModelMultipleChoiceField(
        label=_("Objetivos a los que se alinea"), required=False,
        queryset=Objetivo.objects.select_related("programa").filter(programa__vigente=True),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Acuerdo
        fields = ["numero", "texto", "plazo_fecha", "plazo_texto", "meta", "responsables_texto"]
        widgets = {"plazo_fecha": _FECHA, "texto": forms.Textarea(attrs={"rows": 6}),
                   "meta": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, sesion, **kwargs):
        super().__init__(*args, **kwargs)
        self.sesion = sesion
        self.instance.sesion = sesion
        self.fields["objetivos"].label_from_instance = lambda o: f"{o.programa.clave} · {o.numero}. {o.texto}"
        self.fields["instituciones"].label_from_instance = _nombre_y_siglas
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["instituciones"].initial = [
                s.institucion_id for s in self.instance.seguimientos.all() if s.origen == "nominal"
            ]
            self.fields["grupos"].initial = [g.grupo for g in self.instance.grupos_responsables.all()]
            self.fields["objetivos"].initial = [o.pk for o in self.instance.objetivos.all()]

    def clean(self):
        datos = super().clean()
        dias = datos.get("plazo_dias_habiles")
        if dias:
            if datos.get("plazo_fecha") and datos["plazo_fecha"] != sumar_dias_habiles(self.sesion.fecha, dias):
                self.add_error("plazo_dias_habiles", _("Indique la fecha límite o los días hábiles, no ambos."))
            else:
                datos["plazo_fecha"] = sumar_dias_habiles(self.sesion.fecha, dias)
                if not datos.get("plazo_texto"):
                    datos["plazo_texto"] = ngettext("%(n)s día hábil a partir de la sesión",
                                                    "%(n)s días hábiles a partir de la sesión", dias) % {"n": dias}
        if self.instance.pk and not datos.get("version"):
            self.add_error(None, _("Falta la versión del acuerdo; recargue la página."))
        return datos

    def datos_del_acuerdo(self):
        """The agreement's own fields, as the services take them."""
        return {campo: self.cleaned_data[campo] for campo in self.Meta.fields}


class RetiroAcuerdoForm(VersionForm):
    fecha = forms.DateField(label=_("Fecha en que quedó sin materia"), initial=timezone.localdate, widget=_FECHA)
    motivo = forms.CharField(
        label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validar_sin_html],
        max_length=2000, help_text=_("Por qué el acuerdo perdió su objeto; queda en el historial de estatus."),
    )


class OtorgarRolForm(forms.Form):
    """«Incorporar»: the institutions an agreement grants a role in the SNIMH."""

    rol = forms.ChoiceField(label=_("Rol que otorga el acuerdo"), choices=Rol.choices, initial=Rol.INVITADA_PERMANENTE)
    desde = forms.DateField(label=_("A partir del"), widget=_FECHA)
    instituciones = forms.ModelMultipleChoiceField(
        label=_("Instituciones"), queryset=Institucion.objects.activas().order_by("nombre"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instituciones"].label_from_instance = _nombre_y_siglas


class SesionRevisadosForm(forms.Form):
    revisados = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])

    def __init__(self, *args, sesion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revisados"].choices = [(r.acuerdo.numero, r.acuerdo.cita) for r in sesion.revisiones.all()]
