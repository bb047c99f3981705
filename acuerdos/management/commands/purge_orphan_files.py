import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from compromisos.models import Evidencia


def _archivos(carpeta):
    directorios, archivos = default_storage.listdir(carpeta)
    for nombre in archivos:
        yield f"{carpeta}/{nombre}"
    for directorio in directorios:
        yield from _archivos(f"{carpeta}/{directorio}")


class Command(BaseCommand):
    help = (
        "List (or, with --delete, remove) evidence files in storage that no evidence record references: "
        "left behind when a request failed after its file was written. The background worker runs it weekly (trabajos/periodicos.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove them (default: only list).")
        parser.add_argument("--older-than-hours", type=int, default=24,
                            help="Skip younger files: an upload may still be finishing (default: 24).")

    def handle(self, *args, delete, older_than_hours, **options):
        if not default_storage.exists("evidencias"):
            self.stdout.write("Sin archivos de evidencias.")
            return
        limite = timezone.now() - datetime.timedelta(hours=older_than_hours)
        referenciados = set(Evidencia.objects.values_list("archivo", flat=True))
        huerfanos = [
            nombre for nombre in _archivos("evidencias")
            if nombre not in referenciados and default_storage.get_modified_time(nombre) < limite
        ]
        for nombre in huerfanos:
            if delete:
                default_storage.delete(nombre)
            self.stdout.write(("eliminado: " if delete else "huérfano: ") + nombre)
        n = len(huerfanos)
        if delete:
            texto = ngettext("%(n)s archivo sin registro eliminado.", "%(n)s archivos sin registro eliminados.", n)
        else:
            texto = ngettext("%(n)s archivo sin registro.", "%(n)s archivos sin registro.", n)
        self.stdout.write(texto % {"n": n})
