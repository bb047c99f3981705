"""Forms of coordination's session pages. Limits and messages come from the models."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instituciones.models import Rol
from snimh import uploads

from .models import Asistencia, PersonaPresidium, PuntoOrdenDia, Sesion

_FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SesionForm(forms.ModelForm):
    class Meta:
        model = Sesion
        fields = ["tipo", "numero", "fecha", "modalidad", "resumen", "total_integrantes"]
        widgets = {"fecha": _FECHA, "resumen": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "total_integrantes": _("Solo si las participaciones de esa fecha no están registradas por institución; "
                                   "de lo contrario se cuentan del padrón."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new session is always programmed; holding it is a separate step.
        self.fields["modalidad"].required = False


class PresidiumForm(forms.ModelForm):
    class Meta:
        model = PersonaPresidium
        fields = ["tratamiento", "nombre", "cargo"]


class PuntoForm(forms.ModelForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PuntoOrdenDia
        fields = ["id", "titulo", "resumen"]
        widgets = {"resumen": forms.Textarea(attrs={"rows": 3})}
        labels = {"titulo": _("Tema"), "resumen": _("Resumen de lo presentado")}


class _FilasFormSet(forms.BaseFormSet):
    """Rows the user left blank are ignored rather than refused."""

    def filas(self):
        """The filled rows, in the order chosen, without those marked for removal."""
        filas = []
        for form in self.ordered_forms if self.can_order else self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            datos = {k: v for k, v in form.cleaned_data.items() if k not in ("ORDER", "DELETE")}
            filas.append(datos)
        return filas


PresidiumFormSet = forms.formset_factory(PresidiumForm, formset=_FilasFormSet, extra=2, can_delete=True, max_num=10)
OrdenDelDiaFormSet = forms.formset_factory(PuntoForm, formset=_FilasFormSet, extra=3, can_order=True,
                                           can_delete=True, max_num=40)


class ActaForm(forms.Form):
    # Name, emptiness, size and content are decided by snimh.uploads.inspeccionar.
    archivo = forms.FileField(
        label=_("Acta de la sesión"), allow_empty_file=True,
        help_text=_("%(formatos)s; se revisa el contenido, no solo el nombre.")
        % {"formatos": uploads.formatos_admitidos(Sesion.FORMATOS_ACTA)},
        error_messages={"required": _("Seleccione el archivo del acta.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        uploads.inspeccionar(archivo, formatos=Sesion.FORMATOS_ACTA)
        return archivo


class AprobarActaForm(forms.Form):
    fecha = forms.DateField(label=_("Fecha de aprobación"), initial=timezone.localdate, widget=_FECHA)


OTRA_PERSONA = "otra"


class AsistenciaForm(forms.Form):
    """The whole attendance of a session in one form: a row per institution holding a role
    that day (plus the invited ones added by search), ticked present or left absent."""

    def __init__(self, *args, filas, **kwargs):
        super().__init__(*args, **kwargs)
        self.filas = filas
        largo = Asistencia._meta.get_field("representante").max_length
        for fila in filas:
            pk = fila.institucion.pk
            self.fields[f"presente-{pk}"] = forms.BooleanField(
                label=str(fila.institucion.nombre), required=False, initial=fila.asistencia is not None,
            )
            opciones = [(str(p.pk), f"{p.get_tipo_display()}: {p.nombre_y_cargo}") for p in fila.personas]
            opciones.append((OTRA_PERSONA, _("Otra persona (escriba su nombre y cargo)")))
            inicial = OTRA_PERSONA
            if fila.asistencia is not None and fila.asistencia.persona_designada_id:
                inicial = str(fila.asistencia.persona_designada_id)
            elif fila.asistencia is None and fila.personas:
                inicial = str(fila.personas[0].pk)  # the titular when designated, else the suplente
            self.fields[f"persona-{pk}"] = forms.ChoiceField(
                label=_("Quién asistió por %(institucion)s") % {"institucion": fila.institucion.con_articulo}, choices=opciones,
                initial=inicial, required=False,
            )
            otra = fila.asistencia.representante if fila.asistencia and not fila.asistencia.persona_designada_id else ""
            self.fields[f"representante-{pk}"] = forms.CharField(
                label=_("Nombre y cargo"), max_length=largo, required=False, initial=otra,
                widget=forms.TextInput(attrs={"placeholder": _("Solo si asistió otra persona: nombre y cargo")}),
            )
            if fila.invitada:
                self.fields[f"rol-{pk}"] = forms.ChoiceField(
                    label=_("Rol %(institucion)s") % {"institucion": fila.institucion.de_la},
                    choices=[(Rol.INVITADA, Rol.INVITADA.label), (Rol.COADYUVANTE, Rol.COADYUVANTE.label)],
                    initial=fila.rol,
                )

    def filas_con_campos(self):
        """``[(fila, {"presente", "persona", "representante", "rol"}: bound fields)]`` for the template."""
        resultado = []
        for fila in self.filas:
            pk = fila.institucion.pk
            resultado.append((fila, {
                "presente": self[f"presente-{pk}"], "persona": self[f"persona-{pk}"],
                "representante": self[f"representante-{pk}"],
                "rol": self[f"rol-{pk}"] if fila.invitada else None,
            }))
        return resultado

    def asistencias(self):
        """The rows ticked present, as ``sesiones.services.asistencia_registrar`` takes them."""
        resultado = []
        for fila in self.filas:
            pk = fila.institucion.pk
            if not self.cleaned_data.get(f"presente-{pk}"):
                continue
            eleccion = self.cleaned_data.get(f"persona-{pk}")
            persona = next((p for p in fila.personas if str(p.pk) == eleccion), None)
            resultado.append({
                "institucion": fila.institucion,
                "rol": self.cleaned_data.get(f"rol-{pk}") or fila.rol,
                "persona_designada": persona,
                "representante": "" if persona else self.cleaned_data.get(f"representante-{pk}", ""),
            })
        return resultado
