from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

ATRIBUTO_EXCESO = "archivo_excede_limite"


def archivo_excede_limite(request):
    """Whether an upload of this request was dropped for exceeding the size limit."""
    return getattr(request, ATRIBUTO_EXCESO, False)


class LimiteTamanoUploadHandler(FileUploadHandler):
    """Drop any uploaded file larger than EVIDENCIA_TAMANO_MAXIMO while it streams.

    Sits first in FILE_UPLOAD_HANDLERS and passes every chunk on untouched, so the
    memory and temporary-file handlers behind it never receive more than the limit;
    the view then tells the user why the file is missing.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limite = settings.EVIDENCIA_TAMANO_MAXIMO
        # A body far larger than the limit cannot hold a valid file: skip it at once.
        self.cuerpo_excesivo = content_length is not None and content_length > self.limite + 1024 * 1024
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.recibidos = 0
        if getattr(self, "cuerpo_excesivo", False):
            self._rechazar()

    def receive_data_chunk(self, raw_data, start):
        self.recibidos += len(raw_data)
        if self.recibidos > self.limite:
            self._rechazar()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _rechazar(self):
        setattr(self.request, ATRIBUTO_EXCESO, True)
        raise SkipFile()
