from django import forms


class VersionForm(forms.Form):
    """Carries the version of the record the user is editing (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
