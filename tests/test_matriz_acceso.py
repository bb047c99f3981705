
"""Access-control matrix: every role × every route × method, own and other institution.

The meta-test at the end walks the URL resolver: a new route that is not in this
matrix (or, for the admin, not generated from its registry) fails the suite.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from compromisos import services as motor
from tests import archivos
from tests.conftest import subir
from tests.rutas import nombres_de_rutas

pytestmark = pytest.mark.django_db

ROLES = ["anonimo", "sin_rol", "coordinacion", "consulta", "enlace_propio", "enlace_ajeno"]


def _todos(codigo):
    return dict.fromkeys(ROLES, codigo)


def _interno(ok=200, anonimo=302):
    """Readable by every internal role."""
    return {**_todos(ok), "anonimo": anonimo, "sin_rol": 403}


def _coordinacion(ok=302, visible_ajeno=403):
    return {"anonimo": 302, "sin_rol": 403, "coordinacion": ok, "consulta": 403,
            "enlace_propio": 403, "enlace_ajeno": visible_ajeno}


def _lectura_informe():
    return {"anonimo": 302, "sin_rol": 403, "coordinacion": 200, "consulta": 200,
            "enlace_propio": 403, "enlace_ajeno": 403}


def _actuar(ok):
    """Coordination and the responsible institution's officer; the other officer gets 403."""
    return {"anonimo": 302, "sin_rol": 403, "coordinacion": ok, "consulta": 403,
            "enlace_propio": ok, "enlace_ajeno": 403}


def _datos_sesion(**extra):
    """A complete session form: its fields and the two formsets, empty."""
    datos = {"tipo": "ordinaria", "numero": 91, "fecha": "2021-04-29", "modalidad": "virtual", "resumen": "",
             "total_integrantes": "", "presidium-TOTAL_FORMS": "0", "presidium-INITIAL_FORMS": "0",
             "orden-TOTAL_FORMS": "1", "orden-INITIAL_FORMS": "0", "orden-0-titulo": "Bienvenida",
             "orden-0-resumen": "", "orden-0-ORDER": "1"}
    return {**datos, **extra}


def _sesion_con_acta(m):
    from sesiones import services as servicios_sesiones

    servicios_sesiones.sesion_subir_acta(sesion=m.acuerdo.sesion, archivo=subir("acta.pdf", archivos.PDF),
                                         usuario=m.usuarios["coordinacion"])
    return m.acuerdo.sesion_id


def _participacion(m):
    from tests.factories import ParticipacionFactory

    return ParticipacionFactory(institucion=m.propio.institucion, fundamento="Reglas del SNIMH").pk


def _representante(m):
    from instituciones import services as padron

    return padron.representante_guardar(
        usuario=m.usuarios["coordinacion"], institucion=m.propio.institucion, tipo="titular", nombre="Ana López",
        cargo="Titular de la UIG", vigente_desde="2020-01-01", oficio=subir("oficio.pdf", archivos.PDF),
    ).pk


def _datos_acuerdo(m, numero=901):
    return {"numero": numero, "texto": "Las instituciones difundirán el protocolo.", "plazo_fecha": "",
            "plazo_dias_habiles": "15", "plazo_texto": "", "meta": "", "responsables_texto": "",
            "instituciones": [m.propio.institucion_id], "grupos": [], "objetivos": [], "version": m.acuerdo.version}
def _invitada(m):
    """A person invited by coordination, whose invitation is still pending."""
    from cuentas import services

    return services.persona_invitar(usuario=m.usuarios["coordinacion"], nombres="Persona", apellidos="Invitada",
                                    correo="invitada@ejemplo.gob.mx", rol="consulta")


def _datos_persona(m):
    consulta = m.usuarios["consulta"]
    return {"first_name": "Consulta", "last_name": "Interna", "email": consulta.email, "rol": "consulta",
            "institucion": "", "recibe_avisos": "on", "version": consulta.version}


def _datos_estatus_acuerdo(m):
    return {"estatus": "en_proceso", "fecha": "2030-01-01" if False else m.acuerdo.sesion.fecha.isoformat(),
            "motivo": "Avance", "version": m.acuerdo.version}


def _archivo_publicado(m):
    from tests.informes.publicaciones import informe_publicado

    archivo = informe_publicado(anio=2019, usuario=m.usuarios["coordinacion"]).archivos.get(formato="pdf")
    return [2019, 1, archivo.nombre_de_descarga]


def _trabajo(m):
    """A finished export job started by the own institution's officer, with its file."""
    from tests.trabajos.trabajador import ejecutar_pendientes
    from trabajos import services as servicios_trabajos
    from trabajos.models import TipoTrabajo

    trabajo, _nuevo = servicios_trabajos.trabajo_iniciar(
        tipo=TipoTrabajo.EXPORTACION_ACUERDOS, usuario=m.usuarios["enlace_propio"], descripcion="Exportación",
        parametros={"formato": "csv", "filtros": ""})
    ejecutar_pendientes()
    return [trabajo.pk]


def _trabajo_propio():
    """Its officer and coordination follow a job; for the other roles it does not exist."""
    return {**_interno(), "consulta": 404, "enlace_ajeno": 404}


# (route name, method) -> (args, data builder, {role: status})
MATRIZ = {
    # A signed-in account without a role would loop between / and the log-in page.
    ("inicio", "get"): (lambda m: [], None, {**_todos(302), "sin_rol": 403}),
    ("salud", "get"): (lambda m: [], None, _todos(200)),
    ("acuerdos:lista", "get"): (lambda m: [], None, _interno()),
    ("acuerdos:tablero", "get"): (lambda m: [], None, _interno()),
    ("acuerdos:exportar_csv", "get"): (lambda m: [], None, _interno()),
    ("acuerdos:exportar_xlsx", "get"): (lambda m: [], None, _interno()),
    # Only officers have an inbox; coordination has the review queue.
    ("compromisos:pendientes", "get"): (lambda m: [], None, {**_actuar(200), "coordinacion": 403, "enlace_ajeno": 200}),
    ("compromisos:revision", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    # The public site: the same for everybody, signed in or not.
    ("transparencia:lista", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:acuerdos_csv", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:acuerdos_xlsx", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:acuerdos_json", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:responsables_csv", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:responsables_xlsx", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:responsables_json", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:acuerdo", "get"): (lambda m: [m.acuerdo.numero], None, _todos(200)),
    ("transparencia:sesiones", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:sesion", "get"): (lambda m: [m.acuerdo.sesion.tipo, m.acuerdo.sesion.numero], None, _todos(200)),
    ("transparencia:instituciones", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:institucion", "get"): (lambda m: [m.propio.institucion_id], None, _todos(200)),
    ("transparencia:datos", "get"): (lambda m: [], None, _todos(200)),
    ("transparencia:diccionario", "get"): (lambda m: [], None, _todos(200)),
    ("sesiones:lista", "get"): (lambda m: [], None, _interno()),
    ("sesiones:detalle", "get"): (lambda m: [m.acuerdo.sesion_id], None, _interno()),
    ("instituciones:lista", "get"): (lambda m: [], None, _interno()),
    ("instituciones:detalle", "get"): (lambda m: [m.propio.institucion_id], None, _interno()),
    ("acuerdos:detalle", "get"): (lambda m: [m.acuerdo.numero], None, _interno()),
    ("acuerdos:cambiar_estatus", "post"): (
        lambda m: [m.acuerdo.numero], _datos_estatus_acuerdo, _coordinacion()),
    ("compromisos:seguimiento", "get"): (lambda m: [m.propio.pk], None, _interno()),
    ("compromisos:seguimiento_estatus", "post"): (
        lambda m: [m.propio.pk], lambda m: {"estatus": "cumplido", "version": m.propio.version, "motivo": "Cumplió"},
        _coordinacion()),
    ("compromisos:reporte_nuevo", "get"): (lambda m: [m.propio.pk], None, _actuar(200)),
    ("compromisos:reporte_nuevo", "post"): (
        lambda m: [m.propio.pk], lambda m: {"texto": "Avance del trimestre", "fecha": "2020-12-01"}, _actuar(302)),
    ("compromisos:evidencia_nueva", "get"): (lambda m: [m.propio.pk], None, _actuar(200)),
    ("compromisos:evidencia_nueva", "post"): (
        lambda m: [m.propio.pk], lambda m: {"archivo": subir("oficio.pdf", archivos.PDF)}, _actuar(302)),
    ("compromisos:observacion_nueva", "post"): (
        lambda m: [m.propio.pk], lambda m: {"texto": "Adjunte el oficio firmado."}, _coordinacion()),
    # Another institution's evidence answers 404: its existence does not leak.
    ("compromisos:evidencia_descargar", "get"): (
        lambda m: [m.evidencia.pk], None, {**_interno(), "enlace_ajeno": 404}),
    ("compromisos:evidencia_retirar", "get"): (
        lambda m: [m.evidencia.pk], None, {**_actuar(200), "enlace_ajeno": 404}),
    ("compromisos:evidencia_retirar", "post"): (
        lambda m: [m.evidencia.pk], lambda m: {"motivo": "Archivo equivocado"}, {**_actuar(302), "enlace_ajeno": 404}),
    ("compromisos:evidencia_revisar", "post"): (
        lambda m: [m.evidencia.pk], lambda m: {"decision": "aceptado"}, _coordinacion(visible_ajeno=404)),
    ("compromisos:reporte_revisar", "post"): (
        lambda m: [m.reporte.pk], lambda m: {"decision": "aceptado"}, _coordinacion(visible_ajeno=404)),
    # Only a supervising institution comments (an action line's coordinator, a thematic
    # table's chair): an agreement has none, so nobody comments on its reports.
    ("compromisos:comentario_nuevo", "post"): (
        lambda m: [m.reporte.pk], lambda m: {"texto": "Buen avance."},
        {"anonimo": 302, "sin_rol": 403, "coordinacion": 403, "consulta": 403, "enlace_propio": 403,
         "enlace_ajeno": 404}),
    # Annual report: coordination and consulta read it; coordination writes its texts.
    ("informes:lista", "get"): (lambda m: [], None, _lectura_informe()),
    ("informes:vista_previa", "get"): (lambda m: [2020], None, _lectura_informe()),
    ("informes:pdf", "get"): (lambda m: [2020], None, _lectura_informe()),
    ("informes:anexo_csv", "get"): (lambda m: [2020], None, _lectura_informe()),
    ("informes:anexo_xlsx", "get"): (lambda m: [2020], None, _lectura_informe()),
    # Asking for the PDF or Anexo I as a background job: the readers of the report.
    ("informes:pdf", "post"): (lambda m: [2020], lambda m: {}, {**_lectura_informe(), "coordinacion": 302,
                                                                 "consulta": 302}),
    ("informes:anexo_preparar", "post"): (lambda m: [2020], lambda m: {"formato": "csv"},
                                          {**_lectura_informe(), "coordinacion": 302, "consulta": 302}),
    # Background jobs: every internal role has its list and may export; a job is its
    # starter's and coordination's (the report's files also every reader's of the report).
    ("trabajos:lista", "get"): (lambda m: [], None, _interno()),
    ("trabajos:detalle", "get"): (_trabajo, None, _trabajo_propio()),
    ("trabajos:estado", "get"): (_trabajo, None, _trabajo_propio()),
    ("trabajos:descargar", "get"): (_trabajo, None, _trabajo_propio()),
    ("trabajos:exportar_acuerdos", "post"): (lambda m: [], lambda m: {"formato": "csv", "filtros": ""},
                                             _interno(302)),
    ("informes:textos", "get"): (lambda m: [2020], None, _coordinacion(ok=200)),
    ("informes:textos", "post"): (
        lambda m: [2020], lambda m: {"introduccion": "<p>Texto</p>", "resumen_ejecutivo": ""}, _coordinacion()),
    # Coordination's workspace: sessions, attendance, minutes, agreements, the roster.
    ("sesiones:nueva", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("sesiones:nueva", "post"): (lambda m: [], lambda m: _datos_sesion(), _coordinacion()),
    ("sesiones:editar", "get"): (lambda m: [m.acuerdo.sesion_id], None, _coordinacion(ok=200)),
    ("sesiones:editar", "post"): (
        lambda m: [m.acuerdo.sesion_id], lambda m: _datos_sesion(numero=90, fecha="2020-04-24"), _coordinacion()),
    ("sesiones:estado", "post"): (lambda m: [m.acuerdo.sesion_id], lambda m: {"estado": "cancelada"}, _coordinacion()),
    ("sesiones:asistencia", "get"): (lambda m: [m.acuerdo.sesion_id], None, _coordinacion(ok=200)),
    ("sesiones:asistencia", "post"): (lambda m: [m.acuerdo.sesion_id], lambda m: {}, _coordinacion()),
    # The minutes: every internal role downloads them.
    ("sesiones:acta", "get"): (lambda m: [_sesion_con_acta(m)], None, _interno()),
    ("sesiones:acta_subir", "get"): (lambda m: [m.acuerdo.sesion_id], None, _coordinacion(ok=200)),
    ("sesiones:acta_subir", "post"): (
        lambda m: [m.acuerdo.sesion_id], lambda m: {"archivo": subir("acta.pdf", archivos.PDF)}, _coordinacion()),
    ("sesiones:acta_aprobar", "post"): (
        lambda m: [_sesion_con_acta(m)], lambda m: {"fecha": "2020-09-30"}, _coordinacion()),
    ("acuerdos:nuevo", "get"): (lambda m: [m.acuerdo.sesion_id], None, _coordinacion(ok=200)),
    ("acuerdos:nuevo", "post"): (lambda m: [m.acuerdo.sesion_id], _datos_acuerdo, _coordinacion()),
    ("acuerdos:editar", "get"): (lambda m: [m.acuerdo.numero], None, _coordinacion(ok=200)),
    ("acuerdos:editar", "post"): (lambda m: [m.acuerdo.numero], lambda m: _datos_acuerdo(m, 900), _coordinacion()),
    ("acuerdos:retirar", "get"): (lambda m: [m.acuerdo.numero], None, _coordinacion(ok=200)),
    ("acuerdos:retirar", "post"): (
        lambda m: [m.acuerdo.numero],
        lambda m: {"motivo": "Perdió su objeto.", "fecha": "2021-01-15", "version": m.acuerdo.version}, _coordinacion()),
    ("acuerdos:otorgar_rol", "get"): (lambda m: [m.acuerdo.numero], None, _coordinacion(ok=200)),
    ("acuerdos:otorgar_rol", "post"): (
        lambda m: [m.acuerdo.numero],
        lambda m: {"rol": "invitada_permanente", "desde": "2020-04-24", "instituciones": [m.ajeno.institucion_id]},
        _coordinacion()),
    ("acuerdos:sesion_preparar", "post"): (lambda m: [m.acuerdo.sesion_id], lambda m: {}, _coordinacion()),
    ("acuerdos:sesion_revisados", "post"): (lambda m: [m.acuerdo.sesion_id], lambda m: {}, _coordinacion()),
    ("instituciones:nueva", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("instituciones:nueva", "post"): (
        lambda m: [], lambda m: {"nombre": "Comisión Nueva", "siglas": "CN", "naturaleza": "entidad_paraestatal",
                                 "sector": "", "activa": "on"}, _coordinacion()),
    ("instituciones:editar", "get"): (lambda m: [m.propio.institucion_id], None, _coordinacion(ok=200)),
    ("instituciones:editar", "post"): (
        lambda m: [m.propio.institucion_id],
        lambda m: {"nombre": "Institución Propia", "siglas": "PROPIA", "naturaleza": "secretaria_estado",
                   "sector": "", "activa": "on"}, _coordinacion()),
    ("instituciones:rol_nuevo", "get"): (lambda m: [m.propio.institucion_id], None, _coordinacion(ok=200)),
    ("instituciones:rol_nuevo", "post"): (
        lambda m: [m.propio.institucion_id],
        lambda m: {"rol": "integrante", "desde": "2019-01-01", "fundamento": "Reglas del SNIMH"}, _coordinacion()),
    ("instituciones:rol_terminar", "get"): (lambda m: [_participacion(m)], None, _coordinacion(ok=200)),
    ("instituciones:rol_terminar", "post"): (lambda m: [_participacion(m)], lambda m: {"hasta": "2021-12-31"},
                                            _coordinacion()),
    ("instituciones:uig", "get"): (lambda m: [m.propio.institucion_id], None, _coordinacion(ok=200)),
    ("instituciones:uig", "post"): (
        lambda m: [m.propio.institucion_id],
        lambda m: {"nombre": "Unidad de Igualdad de Género", "titular": "Ana López", "formalmente_constituida": "2"},
        _coordinacion()),
    ("instituciones:representante_nuevo", "get"): (lambda m: [m.propio.institucion_id], None, _coordinacion(ok=200)),
    ("instituciones:representante_nuevo", "post"): (
        lambda m: [m.propio.institucion_id],
        lambda m: {"tipo": "suplente", "nombre": "Luis Pérez", "cargo": "Director", "vigente_desde": "2020-01-01",
                   "oficio": subir("oficio.pdf", archivos.PDF)}, _coordinacion()),
    ("instituciones:representante_editar", "get"): (lambda m: [_representante(m)], None, _coordinacion(ok=200)),
    ("instituciones:representante_editar", "post"): (
        lambda m: [_representante(m)],
        lambda m: {"tipo": "titular", "nombre": "Ana López Ruiz", "cargo": "Titular de la UIG",
                   "vigente_desde": "2020-01-01"}, _coordinacion()),
    ("instituciones:representante_terminar", "get"): (lambda m: [_representante(m)], None, _coordinacion(ok=200)),
    ("instituciones:representante_terminar", "post"): (
        lambda m: [_representante(m)], lambda m: {"hasta": "2021-12-31"}, _coordinacion()),
    # A designation letter: coordination, consulta and the designating institution's officers.
    ("instituciones:oficio", "get"): (lambda m: [_representante(m)], None, {**_interno(), "enlace_ajeno": 403}),
    ("instituciones:coordinacion", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("instituciones:coordinacion", "post"): (
        lambda m: [], lambda m: {"institucion": m.propio.institucion_id, "desde": "2030-01-01",
                                 "fundamento": "Decreto"}, _coordinacion()),
    # Publishing the annual report: coordination only. The published reports are public.
    ("informes:publicar", "get"): (lambda m: [2020], None, _coordinacion(ok=200)),
    ("informes:publicar", "post"): (lambda m: [2020], lambda m: {}, _coordinacion()),
    ("informes:publicados", "get"): (lambda m: [], None, _todos(200)),
    ("informes:descargar_publicado", "get"): (_archivo_publicado, None, _todos(200)),
    # Import of the historical record: coordination only.
    ("acuerdos:importar", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("acuerdos:importar", "post"): (lambda m: [], lambda m: {"confirmar": "1"}, _coordinacion()),
    ("acuerdos:importar_plantilla", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    # Accounts: open to everybody, or to any signed-in person.
    ("cuentas:entrar", "get"): (lambda m: [], None, {**_todos(302), "anonimo": 200}),
    ("cuentas:salir", "post"): (lambda m: [], lambda m: {}, _todos(302)),
    ("cuentas:contrasena", "get"): (lambda m: [], None, {**_todos(200), "anonimo": 302}),
    ("cuentas:contrasena_cambiada", "get"): (lambda m: [], None, {**_todos(200), "anonimo": 302}),
    ("cuentas:restablecer", "get"): (lambda m: [], None, _todos(200)),
    ("cuentas:restablecer_enviado", "get"): (lambda m: [], None, _todos(200)),
    ("cuentas:restablecer_confirmar", "get"): (lambda m: ["MQ", "token-falso"], None, _todos(200)),
    ("cuentas:restablecer_completo", "get"): (lambda m: [], None, _todos(200)),
    # The invitation link: anybody may open it; a forged one explains itself (200).
    ("cuentas:invitacion_aceptar", "get"): (lambda m: ["MQ", "token-falso"], None, _todos(200)),
    ("cuentas:invitacion_aceptar", "post"): (
        lambda m: ["MQ", "elegir-contrasena"], lambda m: {"new_password1": "x", "new_password2": "x"}, _todos(200)),
    # People: coordination only.
    ("cuentas:personas", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("cuentas:persona_invitar", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("cuentas:persona_invitar", "post"): (lambda m: [], lambda m: {
        "first_name": "Nueva", "last_name": "Persona", "email": "nueva@ejemplo.gob.mx", "rol": "consulta",
        "institucion": ""}, _coordinacion()),
    ("cuentas:persona", "get"): (lambda m: [m.usuarios["consulta"].pk], None, _coordinacion(ok=200)),
    ("cuentas:persona_editar", "get"): (lambda m: [m.usuarios["consulta"].pk], None, _coordinacion(ok=200)),
    ("cuentas:persona_editar", "post"): (lambda m: [m.usuarios["consulta"].pk], _datos_persona, _coordinacion()),
    ("cuentas:persona_desactivar", "post"): (
        lambda m: [m.usuarios["consulta"].pk], lambda m: {"version": m.usuarios["consulta"].version}, _coordinacion()),
    ("cuentas:persona_reactivar", "post"): (
        lambda m: [m.usuarios["consulta"].pk], lambda m: {"version": m.usuarios["consulta"].version}, _coordinacion()),
    ("cuentas:invitacion_reenviar", "post"): (lambda m: [_invitada(m).pk], lambda m: {}, _coordinacion()),
    # Questionnaires: coordination builds them and opens editions; coordination and consulta
    # read the editions, results and exports; an officer only its own institution's responses
    # (another's answers 404); the published results are public.
    ("cuestionarios:lista", "get"): (lambda m: [], None, _interno()),
    ("cuestionarios:nuevo", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("cuestionarios:nuevo", "post"): (lambda m: [], lambda m: {"nombre": "Otro cuestionario", "clave": "otro"},
                                      _coordinacion()),
    ("cuestionarios:detalle", "get"): (lambda m: [_cq(m).libre.clave], None, _lectura_informe()),
    ("cuestionarios:editar", "get"): (lambda m: [_cq(m).libre.clave], None, _coordinacion(ok=200)),
    ("cuestionarios:editar", "post"): (
        lambda m: [_cq(m).libre.clave], lambda m: {"nombre": "Renombrado", "clave": "libre"}, _coordinacion()),
    ("cuestionarios:seccion_nueva", "get"): (lambda m: [_cq(m).libre.clave], None, _coordinacion(ok=200)),
    ("cuestionarios:seccion_nueva", "post"): (lambda m: [_cq(m).libre.clave], lambda m: {"titulo": "Tercera"},
                                              _coordinacion()),
    ("cuestionarios:seccion_editar", "get"): (lambda m: [_cq(m).seccion.pk], None, _coordinacion(ok=200)),
    ("cuestionarios:seccion_editar", "post"): (lambda m: [_cq(m).seccion.pk], lambda m: {"titulo": "Primera bis"},
                                               _coordinacion()),
    ("cuestionarios:seccion_mover", "post"): (lambda m: [_cq(m).seccion.pk], lambda m: {"direccion": "abajo"},
                                              _coordinacion()),
    ("cuestionarios:seccion_eliminar", "post"): (lambda m: [_cq(m).seccion.pk], lambda m: {}, _coordinacion()),
    ("cuestionarios:pregunta_nueva", "get"): (lambda m: [_cq(m).seccion.pk], None, _coordinacion(ok=200)),
    ("cuestionarios:pregunta_nueva", "post"): (
        lambda m: [_cq(m).seccion.pk],
        lambda m: {"seccion": _cq(m).seccion.pk, "texto": "¿Otra?", "tipo": "si_no", "obligatoria": "on"},
        _coordinacion()),
    ("cuestionarios:pregunta_editar", "get"): (lambda m: [_cq(m).pregunta.pk], None, _coordinacion(ok=200)),
    ("cuestionarios:pregunta_editar", "post"): (
        lambda m: [_cq(m).pregunta.pk],
        lambda m: {"seccion": _cq(m).seccion.pk, "texto": "¿Sí?", "tipo": "si_no", "obligatoria": "on"},
        _coordinacion()),
    ("cuestionarios:pregunta_mover", "post"): (lambda m: [_cq(m).pregunta.pk], lambda m: {"direccion": "abajo"},
                                               _coordinacion()),
    ("cuestionarios:pregunta_eliminar", "post"): (lambda m: [_cq(m).pregunta.pk], lambda m: {}, _coordinacion()),
    ("cuestionarios:edicion_nueva", "get"): (lambda m: [_cq(m).libre.clave], None, _coordinacion(ok=200)),
    ("cuestionarios:edicion_nueva", "post"): (
        lambda m: [_cq(m).libre.clave],
        lambda m: {"nombre": "2023", "apertura": timezone.localdate().isoformat(), "fecha_limite": "2031-01-31",
                   "regla": "explicita", "instituciones": [m.propio.institucion_id], "abrir": "1"}, _coordinacion()),
    ("cuestionarios:edicion", "get"): (lambda m: [_cq(m).edicion.pk], None, _lectura_informe()),
    ("cuestionarios:edicion_editar", "get"): (lambda m: [_cq(m).edicion.pk], None, _coordinacion(ok=200)),
    ("cuestionarios:edicion_editar", "post"): (
        lambda m: [_cq(m).edicion.pk], lambda m: {"nombre": "2021", "fecha_limite": "2031-01-31"}, _coordinacion()),
    ("cuestionarios:edicion_agregar", "get"): (lambda m: [_cq(m).edicion.pk], None, _coordinacion(ok=200)),
    ("cuestionarios:edicion_agregar", "post"): (
        lambda m: [_cq(m).edicion.pk], lambda m: {"instituciones": [_cq(m).otra_institucion.pk]}, _coordinacion()),
    ("cuestionarios:edicion_estado", "post"): (lambda m: [_cq(m).edicion.pk], lambda m: {"accion": "cerrar"},
                                               _coordinacion()),
    ("cuestionarios:resultados", "get"): (lambda m: [_cq(m).edicion.pk], None, _lectura_informe()),
    ("cuestionarios:exportar_csv", "get"): (lambda m: [_cq(m).edicion.pk], None, _lectura_informe()),
    ("cuestionarios:exportar_xlsx", "get"): (lambda m: [_cq(m).edicion.pk], None, _lectura_informe()),
    ("cuestionarios:comparar", "get"): (lambda m: [_cq(m).enviado.clave], None, _lectura_informe()),
    ("cuestionarios:respuesta", "get"): (lambda m: [_cq(m).enviada.pk], None, {**_interno(), "enlace_ajeno": 404}),
    ("cuestionarios:archivo", "get"): (lambda m: [_cq(m).valor_archivo.pk], None, {**_interno(), "enlace_ajeno": 404}),
    ("cuestionarios:reabrir", "post"): (
        lambda m: [_cq(m).enviada.pk], lambda m: {"motivo": "Falta la fecha."}, _coordinacion(visible_ajeno=404)),
    # A pending response is the institution's: consulta does not find it.
    ("cuestionarios:responder", "get"): (
        lambda m: [_cq(m).pendiente.pk], None, {**_actuar(200), "consulta": 404, "enlace_ajeno": 404}),
    ("cuestionarios:responder", "post"): (
        lambda m: [_cq(m).pendiente.pk], lambda m: {"version": _cq(m).pendiente.version, "guardar": "1"},
        {**_actuar(302), "consulta": 404, "enlace_ajeno": 404}),
    ("recomendaciones:lista", "get"): (lambda m: [], None, _interno()),
    ("recomendaciones:nueva", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("recomendaciones:nueva", "post"): (lambda m: [], lambda m: _rec_datos(m), _coordinacion()),
    ("recomendaciones:detalle", "get"): (lambda m: [_rec(m).recomendacion.pk], None, _interno()),
    ("recomendaciones:editar", "get"): (lambda m: [_rec(m).recomendacion.pk], None, _coordinacion(ok=200)),
    ("recomendaciones:editar", "post"): (lambda m: [_rec(m).recomendacion.pk], lambda m: _rec_datos(m, 1),
                                         _coordinacion()),
    ("recomendaciones:estatus", "post"): (
        lambda m: [_rec(m).recomendacion.pk],
        lambda m: {"estatus": "en_proceso", "fecha": "2020-01-15", "motivo": "Avance",
                   "version": _rec(m).recomendacion.version}, _coordinacion()),
    ("recomendaciones:mesa_nueva", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("recomendaciones:mesa_nueva", "post"): (lambda m: [], lambda m: {"nombre": "Otra mesa"}, _coordinacion()),
    ("recomendaciones:mesa", "get"): (lambda m: [_rec(m).mesa.pk], None, _interno()),
    ("recomendaciones:mesa_editar", "get"): (lambda m: [_rec(m).mesa.pk], None, _coordinacion(ok=200)),
    ("recomendaciones:mesa_editar", "post"): (lambda m: [_rec(m).mesa.pk], lambda m: {"nombre": "Mesa renombrada"},
                                              _coordinacion()),
    ("recomendaciones:exportar_csv", "get"): (lambda m: [], None, _interno()),
    ("recomendaciones:exportar_xlsx", "get"): (lambda m: [], None, _interno()),
    ("recomendaciones:importar", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("recomendaciones:importar", "post"): (lambda m: [], lambda m: {"confirmar": "1"}, _coordinacion()),
    ("recomendaciones:informe_pdf", "get"): (lambda m: [], None, _lectura_informe()),
    ("recomendaciones:informe_xlsx", "get"): (lambda m: [], None, _lectura_informe()),
    # Programmes (PROIGUALDAD): structure readable by every internal role, loaded by coordination.
    ("programas:lista", "get"): (lambda m: [], None, _interno()),
    ("programas:coordinadas", "get"): (lambda m: [], None, {**_actuar(200), "coordinacion": 403, "enlace_ajeno": 200}),
    ("programas:detalle", "get"): (lambda m: [_pm(m).clave], None, _interno()),
    ("programas:objetivo", "get"): (lambda m: [_pm(m).clave, 1], None, _interno()),
    ("programas:estrategia", "get"): (lambda m: [_pm(m).clave, "1.1"], None, _interno()),
    ("programas:linea", "get"): (lambda m: [_pm(m).clave, "1.1.1"], None, _interno()),
    ("programas:exportar", "get"): (lambda m: [_pm(m).clave, "csv"], None, _interno()),
    ("programas:importar", "get"): (lambda m: [_pm(m).clave], None, _coordinacion(ok=200)),
    ("programas:importar", "post"): (lambda m: [_pm(m).clave], lambda m: {}, _coordinacion(ok=200)),
    ("programas:semaforo", "get"): (lambda m: [_pm(m).clave], None, _interno()),
    ("programas:tablero", "get"): (lambda m: [_pm(m).clave], None, _interno()),
    ("programas:alinear", "post"): (lambda m: [_pm(m).clave, "1.1.1"], lambda m: {"compromiso": m.acuerdo.pk},
                                    _coordinacion(ok=302)),
    ("programas:recomendaciones", "get"): (lambda m: [], None, _interno()),
    ("programas:informe_semestral", "get"): (lambda m: [_pm(m).clave, 2021, 1], None, _lectura_informe()),
    ("programas:recomendaciones_nuevas", "get"): (lambda m: [], None, _coordinacion(ok=200)),
    ("programas:recomendaciones_detalle", "get"): (lambda m: [_pm_recomendaciones(m)], None,
                                                    {**_interno(), "enlace_ajeno": 403}),
    ("programas:plan", "get"): (lambda m: [_pm_seguimiento(m)], None, _interno()),
    ("programas:reportar", "get"): (lambda m: [_pm_seguimiento(m)], None, _actuar(200)),
    ("programas:semaforo_configurar", "get"): (lambda m: [_pm(m).clave], None, _coordinacion(ok=200)),
    # The matrix's line is implemented by the own institution and coordinated by the other one.
    ("programas:puntajes", "get"): (lambda m: [_pm(m).clave, "1.1.1"], None, {**_actuar(200), "enlace_ajeno": 200}),
    ("cuestionarios:publicas", "get"): (lambda m: [], None, _todos(200)),
    ("cuestionarios:publica", "get"): (lambda m: [_cq(m).historica.pk], None, _todos(200)),
}


def _cq(m):
    from tests.cuestionarios.matriz import cuestionarios

    return cuestionarios(m)


def _rec(m):
    from tests.recomendaciones.matriz import recomendaciones

    return recomendaciones(m)


def _rec_datos(m, parrafo=2):
    from tests.recomendaciones.matriz import datos_recomendacion

    return datos_recomendacion(m, parrafo)
def _pm(m):
    from tests.programas.matriz import programa_de_la_matriz

    return programa_de_la_matriz(m)


def _pm_recomendaciones(m):
    import datetime

    from programas import services
    from programas.models import ConjuntoRecomendaciones, LineaAccion

    existente = ConjuntoRecomendaciones.objects.first()
    return (existente or services.recomendaciones_componer(
        institucion=m.propio.institucion, anio=2021, semestre=1, fecha=datetime.date.today(),
        usuario=m.usuarios["coordinacion"],
        recomendaciones=[{"linea": LineaAccion.objects.del_programa(_pm(m)).get(), "texto": "Recomendación de prueba."}],
    )).pk


def _pm_seguimiento(m):
    from programas.models import LineaAccion

    return LineaAccion.objects.del_programa(_pm(m)).get(numero="1.1.1").seguimientos.get().pk


def _cliente(client, mundo, rol):
    usuario = mundo.usuarios[rol]
    if usuario is not None:
        client.force_login(usuario)
    return client


CASOS = [(ruta, metodo, rol) for (ruta, metodo) in MATRIZ for rol in ROLES]


@pytest.mark.parametrize(("ruta", "metodo", "rol"), CASOS, ids=[f"{r}-{m}-{rol}" for r, m, rol in CASOS])
def test_matriz_web(client, mundo, ruta, metodo, rol):
    argumentos, datos, esperado = MATRIZ[(ruta, metodo)]
    url = reverse(ruta, args=argumentos(mundo))
    cliente = _cliente(client, mundo, rol)
    if metodo == "get":
        respuesta = cliente.get(url)
    else:
        respuesta = cliente.post(url, datos(mundo))
    assert respuesta.status_code == esperado[rol], (ruta, metodo, rol, respuesta.status_code)
    if esperado[rol] == 302 and rol == "anonimo" and not ruta.startswith(("cuentas:", "inicio")):
        assert respuesta["Location"].startswith(reverse("cuentas:entrar"))


# The admin: coordination only; the history-like records are read-only and the
# workflow records are never deleted.

ADMIN_ROLES_SIN_ACCESO = ["anonimo", "sin_rol", "consulta", "enlace_propio", "enlace_ajeno"]


@pytest.fixture
def mundo_admin(mundo, registro_2020):
    from instituciones.models import Representante, UnidadIgualdadGenero
    from sesiones.models import Asistencia, Sesion
    from tests.factories import RepresentanteFactory, SesionFactory

    institucion = mundo.propio.institucion
    UnidadIgualdadGenero.objects.create(institucion=institucion, titular="Titular de la UIG")
    RepresentanteFactory(institucion=institucion, tipo=Representante.Tipo.TITULAR)
    Asistencia.objects.create(sesion=Sesion.objects.get(numero=22), institucion=institucion, rol="invitada")
    from cuentas.models import TokenAPI

    TokenAPI.emitir(usuario=mundo.usuarios["consulta"], nombre="Tablero")
    _invitada(mundo)
    from avisos.models import RecordatorioEnviado

    RecordatorioEnviado.objects.create(usuario=mundo.usuarios["consulta"], clave="resumen:2021-W01")
    # One of each kind of the other apps, for their admin pages.
    from tests.programas.matriz import programa_de_la_matriz
    from tests.recomendaciones.matriz import recomendaciones

    programa_de_la_matriz(mundo)
    recomendaciones(mundo)
    from compromisos.models import Comentario

    # Written directly: agreements have no supervising institution to comment through the app.
    Comentario.objects.create(reporte=mundo.reporte, autor=mundo.usuarios["enlace_ajeno"],
                              institucion=mundo.ajeno.institucion, texto="Buen avance.")
    import datetime

    from acuerdos import services

    services.sesion_preparar_seguimiento(sesion=SesionFactory(numero=99, fecha=datetime.date(2021, 4, 29)))
    from tests.factories import ObjetivoFactory

    mundo.acuerdo.objetivos.add(ObjetivoFactory())
    from tests.informes.publicaciones import informe_publicado

    informe_publicado(anio=2020, usuario=mundo.usuarios["coordinacion"])
    _cq(mundo)
    _trabajo(mundo)
    # A failed log-in, so that the lockout records exist.
    from django.test import Client

    Client(REMOTE_ADDR="10.0.0.1").post(reverse("cuentas:entrar"), {"username": "enlace_propio", "password": "mal"})
    Client(REMOTE_ADDR="10.0.0.2").post(
        reverse("cuentas:entrar"), {"username": "consulta", "password": "contraseña-de-prueba-larga"}
    )
    return mundo


VISTAS_ADMIN = ("changelist", "add", "change", "delete", "history")


# What coordination may not do in the admin, stated here rather than read back
# from the admin classes, so that loosening one of them fails this test.
SIN_ALTA = {
    # People are invited from the app (cuentas:persona_invitar): nobody types their password.
    "cuentas.Usuario", "cuentas.Invitacion",
    "informes.InformePublicado", "informes.ArchivoPublicado",
    "compromisos.Compromiso", "compromisos.CambioEstatus", "compromisos.Reporte", "compromisos.Evidencia",
    "compromisos.Observacion", "compromisos.Comentario",
    # Programmes and recommendations are written through their apps (imports, services).
    "programas.Estrategia", "programas.LineaAccion", "recomendaciones.MesaTematica", "recomendaciones.Recomendacion",
    "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog", "avisos.RecordatorioEnviado",
    "acuerdos.RevisionEnSesion",
    # Questionnaires are built and answered in the app; only published figures are entered here.
    "cuestionarios.Cuestionario", "cuestionarios.Seccion", "cuestionarios.Pregunta", "cuestionarios.Opcion",
    "cuestionarios.Edicion", "cuestionarios.Respuesta", "cuestionarios.RespuestaPregunta",
    "cuestionarios.MovimientoRespuesta",
    # Jobs are asked for from the pages and run by the workers: the admin only shows them.
    "trabajos.Trabajo",
}
SIN_BORRADO = {
    "informes.InformePublicado", "informes.ArchivoPublicado",
    "compromisos.CambioEstatus", "compromisos.Reporte", "compromisos.Evidencia", "compromisos.Observacion",
    "compromisos.Comentario",
    "programas.Estrategia", "programas.LineaAccion", "recomendaciones.MesaTematica", "recomendaciones.Recomendacion",
    "cuentas.Usuario", "cuentas.TokenAPI", "cuentas.Invitacion", "axes.AccessLog", "axes.AccessFailureLog",
    "cuestionarios.Cuestionario", "cuestionarios.Seccion", "cuestionarios.Pregunta", "cuestionarios.Opcion",
    "cuestionarios.Edicion", "cuestionarios.Respuesta", "cuestionarios.RespuestaPregunta",
    "cuestionarios.MovimientoRespuesta",
    "trabajos.Trabajo",
}


def _esperado_admin(modelo, vista):
    if vista == "add" and modelo._meta.label in SIN_ALTA:
        return 403
    if vista == "delete" and modelo._meta.label in SIN_BORRADO:
        return 403
    return 200


@pytest.mark.parametrize("modelo", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_matriz_admin(client, mundo_admin, modelo):
    objeto = modelo._default_manager.order_by("pk").first()
    assert objeto is not None, f"no {modelo._meta.label} to test the admin with"
    for vista in VISTAS_ADMIN:
        nombre = f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}_{vista}"
        url = reverse(nombre, args=[objeto.pk] if vista in ("change", "delete", "history") else [])
        for rol in ADMIN_ROLES_SIN_ACCESO:
            client.logout()
            _cliente(client, mundo_admin, rol)
            respuesta = client.get(url)
            assert respuesta.status_code == 302, (nombre, rol)
            assert "/admin/login/" in respuesta["Location"]
        client.force_login(mundo_admin.usuarios["coordinacion"])
        assert client.get(url).status_code == _esperado_admin(modelo, vista), nombre


def test_admin_no_deja_entrar_a_quien_no_es_coordinacion(client, mundo):
    for rol in ("consulta", "enlace_propio"):
        respuesta = client.post(reverse("admin:login"), {"username": rol, "password": "contraseña-de-prueba-larga"})
        assert respuesta.status_code == 200
        assert "no tiene acceso a la administración" in respuesta.content.decode()


@pytest.mark.parametrize("nombre", ["admin:index", "admin:password_change", "admin:auth_user_password_change"])
def test_admin_sitio(client, mundo, nombre):
    url = reverse(nombre, args=[mundo.usuarios["consulta"].pk] if "auth_user" in nombre else [])
    assert client.get(url).status_code == 302
    for rol in ("sin_rol", "consulta", "enlace_propio"):
        client.force_login(mundo.usuarios[rol])
        assert client.get(url).status_code == 302, rol
    client.force_login(mundo.usuarios["coordinacion"])
    assert client.get(url).status_code == 200


# Admin routes not generated per model: the site-level ones tested above, and the
# admin's own helpers (log-in/out, translations, autocomplete, app index) that sit
# behind the same AdminSite.has_permission.
ADMIN_CUBIERTAS_POR_SITIO = {
    "admin:index", "admin:login", "admin:logout", "admin:password_change", "admin:password_change_done",
    "admin:jsi18n", "admin:autocomplete", "admin:view_on_site", "admin:app_list",
    "admin:auth_user_password_change",
}


def test_toda_ruta_esta_en_la_matriz():
    cubiertas = {ruta for ruta, _metodo in MATRIZ} | ADMIN_CUBIERTAS_POR_SITIO
    for modelo in admin.site._registry:
        for vista in VISTAS_ADMIN:
            cubiertas.add(f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}_{vista}")
    # The API has its own matrix (tests/api/test_matriz.py) and meta-test.
    faltantes = sorted({n for n in nombres_de_rutas() if not n.startswith("api:")} - cubiertas)
    assert not faltantes, f"routes missing from the access matrix: {faltantes}"


# A withdrawn evidence: coordination only, for audits (docs/permissions.md); for every
# other role it answers as if it did not exist, its own institution included.

MATRIZ_EVIDENCIA_RETIRADA = {
    ("compromisos:evidencia_descargar", "get"): {**_interno(404), "coordinacion": 200},
    ("compromisos:evidencia_retirar", "get"): {**_interno(404), "coordinacion": 403},
    ("compromisos:evidencia_retirar", "post"): {**_interno(404), "coordinacion": 403},
    ("compromisos:evidencia_revisar", "post"): {**_coordinacion(visible_ajeno=404), "consulta": 404,
                                            "enlace_propio": 404, "coordinacion": 302},
}
CASOS_RETIRADA = [(ruta, metodo, rol) for (ruta, metodo) in MATRIZ_EVIDENCIA_RETIRADA for rol in ROLES]


@pytest.fixture
def mundo_con_retirada(mundo):

    motor.evidencia_retirar(evidencia=mundo.evidencia, usuario=mundo.usuarios["enlace_propio"],
                               motivo="Versión sin firma")
    return mundo


@pytest.mark.parametrize(("ruta", "metodo", "rol"), CASOS_RETIRADA,
                         ids=[f"retirada-{r}-{m}-{rol}" for r, m, rol in CASOS_RETIRADA])
def test_matriz_evidencia_retirada(client, mundo_con_retirada, ruta, metodo, rol):
    url = reverse(ruta, args=[mundo_con_retirada.evidencia.pk])
    cliente = _cliente(client, mundo_con_retirada, rol)
    datos = {"motivo": "otra vez", "decision": "aceptado"}
    respuesta = cliente.get(url) if metodo == "get" else cliente.post(url, datos)
    assert respuesta.status_code == MATRIZ_EVIDENCIA_RETIRADA[(ruta, metodo)][rol], (ruta, metodo, rol)


@pytest.mark.parametrize("rol", ["coordinacion", "consulta", "enlace_propio"])
def test_evidencia_retirada_en_las_paginas(client, mundo_con_retirada, rol):
    """Listed (struck through, with its link) for coordination; absent for the others."""
    nombre = mundo_con_retirada.evidencia.nombre_original
    client.force_login(mundo_con_retirada.usuarios[rol])
    for url in (reverse("acuerdos:detalle", args=[mundo_con_retirada.acuerdo.numero]),
                mundo_con_retirada.propio.get_absolute_url()):
        pagina = client.get(url).content.decode()
        assert (nombre in pagina) is (rol == "coordinacion"), (rol, url)
