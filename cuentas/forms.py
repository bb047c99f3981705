"""Forms of the people pages and of signing in. Limits and rules come from the model
(ModelForm, Usuario.clean and its constraints); the services write."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from instituciones.models import Institucion

from .models import Usuario


class EntrarForm(AuthenticationForm):
    """Django's log-in form, saying that the e-mail works as well as the user name."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "El correo electrónico (o nombre de usuario) y la contraseña no coinciden con una cuenta activa. "
            "La contraseña distingue mayúsculas de minúsculas."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        campo = self.fields["username"]
        campo.label = _("Correo electrónico o nombre de usuario")
        campo.max_length = Usuario._meta.get_field("email").max_length
        campo.widget.attrs.update({"maxlength": campo.max_length, "autocomplete": "username"})


class _InstitucionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.siglas})" if obj.siglas else obj.nombre


class _PersonaForm(forms.ModelForm):
    """Names, e-mail, role and institution, validated by the model (Usuario.clean: an
    institution for officers and only for them; e-mail unique without regard to case)."""

    class Meta:
        model = Usuario
        fields = ["first_name", "last_name", "email", "rol", "institucion"]
        labels = {
            "first_name": _("Nombre o nombres"), "last_name": _("Apellidos"), "email": _("Correo electrónico"),
        }
        field_classes = {"institucion": _InstitucionChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nombre in ("first_name", "last_name", "email", "rol"):
            self.fields[nombre].required = True
        self.fields["email"].help_text = _("Se usa para entrar al sistema y para recibir la invitación y los avisos.")
        self.fields["rol"].choices = [("", _("Elija un rol")), *Usuario.Rol.choices]
        self.fields["rol"].help_text = _(
            "Coordinación: todo el seguimiento y las cuentas. Enlace: reporta avances y sube evidencias por su "
            "institución. Consulta: solo lee."
        )
        # Institutions that no longer exist are not offered, except the one the person has.
        self.fields["institucion"].queryset = (
            Institucion.objects.activas() | Institucion.objects.filter(pk=self.instance.institucion_id)
        ).order_by("nombre")
        self.fields["institucion"].empty_label = _("(ninguna: solo los enlaces tienen institución)")
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self):
        super()._post_clean()
        # The model's case-insensitive uniqueness is an expression constraint, which
        # Django reports for the whole form; the person needs it next to the e-mail.
        generales = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not generales:
            return
        errores = generales.as_data()
        del self._errors[NON_FIELD_ERRORS]
        for error in errores:
            self.add_error("email" if error.code == "correo_duplicado" else None, error)


class InvitarForm(_PersonaForm):
    pass


class PersonaForm(_PersonaForm):
    """Editing a person; one's own role and institution are shown but not editable."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(_PersonaForm.Meta):
        fields = [*_PersonaForm.Meta.fields, "recibe_avisos"]

    def __init__(self, *args, puede_cambiar_rol=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if not puede_cambiar_rol:
            for nombre in ("rol", "institucion"):
                self.fields[nombre].disabled = True
                self.fields[nombre].help_text = _("Otra persona de la coordinación puede cambiar su rol e institución.")
