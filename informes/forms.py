from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TextoInforme


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
