from django.apps import AppConfig


class SinteticosConfig(AppConfig):
    """The synthetic record for benchmarks and load tests: no models, only the generator and
    its command, kept apart so that no domain app carries code that writes fake data."""

    name = "sinteticos"
    verbose_name = "Datos sintéticos"
