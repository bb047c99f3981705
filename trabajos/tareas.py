"""The one task the queue knows: run a job by its id. What each kind of job does is
registered by the app that owns it (``trabajos.registro``)."""

from django_tasks import task

from . import ejecucion


@task()
def ejecutar_trabajo(trabajo_id: str):
    return ejecucion.ejecutar(trabajo_id)
