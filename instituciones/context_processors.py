from django.utils.functional import SimpleLazyObject

from .models import Coordinacion


def coordinacion(request):
    """``coordinacion``: the period in force today, so that headers, footers and help texts
    name the coordinating institution from the record (loaded only if a template asks)."""
    return {"coordinacion": SimpleLazyObject(lambda: Coordinacion.objects.en())}
