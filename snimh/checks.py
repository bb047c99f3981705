"""System checks for project-wide rules a new model could forget."""

from django.apps import apps
from django.core import checks
from django.db import models

from snimh.validators import validar_sin_html

APPS_DEL_DOMINIO = ("instituciones", "sesiones", "acuerdos")
# Written by the system, never typed by a person.
CAMPOS_DE_SISTEMA = {("acuerdos", "evidencia", "sha256")}


@checks.register()
def texto_libre_sin_html(app_configs=None, **kwargs):
    """Every free-text field of the domain refuses markup (snimh.validators)."""
    errores = []
    for etiqueta in APPS_DEL_DOMINIO:
        for modelo in apps.get_app_config(etiqueta).get_models():
            if modelo.__name__.endswith("Event"):
                continue
            for campo in modelo._meta.concrete_fields:
                if not isinstance(campo, models.CharField | models.TextField) or campo.choices:
                    continue
                if isinstance(campo, models.SlugField | models.EmailField):
                    continue
                if (etiqueta, modelo._meta.model_name, campo.name) in CAMPOS_DE_SISTEMA:
                    continue
                if validar_sin_html not in campo.validators:
                    errores.append(checks.Error(
                        f"{modelo._meta.label}.{campo.name} accepts free text without validar_sin_html.",
                        hint="Add validators=[validar_sin_html] (snimh/validators.py).",
                        obj=campo, id="snimh.E001",
                    ))
    return errores
