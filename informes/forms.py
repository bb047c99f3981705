from django import forms
from django.utils.translation import gettext_lazy as _

from .models import InformePublicado, TextoInforme


class TextoInformeForm(forms.ModelForm):
    class Meta:
        model = TextoInforme
        fields = ["introduccion", "resumen_ejecutivo"]
        widgets = {
            "introduccion": forms.Textarea(attrs={"rows": 14}),
            "resumen_ejecutivo": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "introduccion": _("HTML sencillo: <p>, <ul>/<ol> con <li>, <strong>, <em>. Todo lo demás se elimina."),
            "resumen_ejecutivo": _("HTML sencillo: <p>, <ul>/<ol> con <li>, <strong>, <em>. Todo lo demás se elimina."),
        }


class PublicacionForm(forms.ModelForm):
    """Confirms a publication. A correction (version 2 onwards) must say what it corrects."""

    class Meta:
        model = InformePublicado
        fields = ["motivo"]
        widgets = {"motivo": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        if version == 1:
            del self.fields["motivo"]
        else:
            self.fields["motivo"].required = True
            self.fields["motivo"].error_messages["required"] = _(
                "Indique qué corrige esta versión respecto de la anterior.")
