from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from snimh import uploads


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"), allow_empty_file=True,
        help_text=_("XLSX o CSV con las columnas de la exportación: objetivo, objetivo_texto, estrategia, "
                    "estrategia_texto, accion, accion_texto, tipo, coordinadora, instrumentadoras."),
        error_messages={"required": _("Seleccione el archivo.")},
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        uploads.inspeccionar(archivo, formatos=uploads.FORMATOS_DE_IMPORTACION,
                             tamano_maximo=settings.IMPORTACION_TAMANO_MAXIMO)
        return archivo
