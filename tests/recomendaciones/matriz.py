"""The recommendations of the access matrices (web and API), built on the matrix's
``mundo``: a table chaired by a third institution, with a recommendation binding the
own and the other institution."""

import datetime

from recomendaciones import services
from tests.factories import InstitucionFactory


class _Recomendaciones:
    pass


def recomendaciones(m):
    """Built once per test, on first use."""
    if hasattr(m, "recomendaciones"):
        return m.recomendaciones
    coordinacion = m.usuarios["coordinacion"]
    r = _Recomendaciones()
    r.mesa = services.mesa_crear(nombre="Mesa de la matriz", presidencia=InstitucionFactory(), usuario=coordinacion)
    r.recomendacion = services.recomendacion_crear(
        documento="DOC/C/MATRIZ/1", parrafo_numero=1, texto="Recomendación de la matriz.", mesa=r.mesa,
        fecha_emision=datetime.date(2018, 7, 25), instituciones=[m.propio.institucion, m.ajeno.institucion],
        usuario=coordinacion,
    )
    m.recomendaciones = r
    return r


def datos_recomendacion(m, parrafo=2):
    r = recomendaciones(m)
    return {"documento": "DOC/C/MATRIZ/1", "parrafo_numero": parrafo, "inciso": "", "texto": "Otra.",
            "mesa": r.mesa.pk, "version": r.recomendacion.version}
