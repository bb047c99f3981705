from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from compromisos.models import CambioEstatus, Grupo
from instituciones.models import Institucion, Rol
from snimh import uploads
from snimh.db import largo_maximo
from snimh.forms import VersionForm
from snimh.validators import validar_sin_html

from .dias_habiles import sumar_dias_habiles
from .models import Acuerdo, Objetivo

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
        labels = {"texto": _("Texto del acuerdo")}
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
        max_length=largo_maximo(CambioEstatus, "motivo"),
        help_text=_("Por qué el acuerdo perdió su objeto; queda en el historial de estatus."),
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
