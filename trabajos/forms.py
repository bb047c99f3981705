from django import forms
from django.utils.translation import gettext_lazy as _

FORMATOS = [("csv", "CSV"), ("xlsx", "XLSX")]
# A query string of the agreements list's filters: bounded like any other input.
LARGO_FILTROS = 2000


class ExportacionForm(forms.Form):
    """The agreements export as a background job: the list's filters, and the format."""

    formato = forms.ChoiceField(label=_("Formato"), choices=FORMATOS,
                                error_messages={"invalid_choice": _("Elija CSV o XLSX.")})
    filtros = forms.CharField(label=_("Filtros"), required=False, max_length=LARGO_FILTROS,
                              widget=forms.HiddenInput,
                              error_messages={"max_length": _("Los filtros de la lista son demasiado largos.")})
