"""Who may do what: the one place that decides (docs/permissions.md).

HTML views, the admin and the API all ask these functions; none of them carries a
copy of the rules. Functions answer for one object; the ``*_visibles`` functions
apply the same rule to a queryset, so that lists never show what the detail would
refuse.

| role | may |
| --- | --- |
| coordinación | everything on every institution; review; change statuses; invite and manage people (never deactivate or demote itself); publish the annual report; build questionnaires, open editions, reopen responses |
| enlace | read every agreement; for agreements where its institution is responsible: report progress, upload and withdraw its evidence, answer observations; never another institution's evidence or unpublished reports; fill its own institution's questionnaire responses, never read another's |
| (withdrawn evidence) | coordination only, for audits: hidden from everyone else, its own institution included |
| (chair of a thematic table) | its officers follow and comment on the reports and evidence of every recommendation of the table; never accept or return them |
| enlace (coordinating institution of an action line) | follow the reports and evidence of every implementing institution of that line and comment on the reports; never accept or return them |
| consulta | read everything internal (submitted questionnaire responses without personal data); change nothing |
| anonymous | only the published data (agreements, sessions, responsible institutions, status), the published annual reports and the published questionnaire results (aggregates) |
"""

from django.db.models import Q

from cuentas.models import RolUsuario


def _activo(usuario):
    return bool(usuario and usuario.is_authenticated and usuario.is_active)


def es_coordinacion(usuario):
    return _activo(usuario) and (usuario.is_superuser or usuario.rol == RolUsuario.COORDINACION)


def es_consulta(usuario):
    return _activo(usuario) and not usuario.is_superuser and usuario.rol == RolUsuario.CONSULTA


def es_enlace(usuario):
    return (
        _activo(usuario) and not usuario.is_superuser
        and usuario.rol == RolUsuario.ENLACE and usuario.institucion_id is not None
    )


def es_enlace_de(usuario, institucion_id):
    return es_enlace(usuario) and usuario.institucion_id == institucion_id


def puede_ver_registro_interno(usuario):
    """Internal pages: agreements with their follow-up, sessions, institutions."""
    return es_coordinacion(usuario) or es_consulta(usuario) or es_enlace(usuario)


def puede_ver_pendientes(usuario):
    """The officer's inbox: only an institution's officers have one."""
    return es_enlace(usuario)


def puede_ver_transparencia(usuario):
    """The public page: published agreements, never evidence or personal data."""
    return True


def puede_administrar(usuario):
    """The admin site, users, roles and the officer–institution binding."""
    return es_coordinacion(usuario)


# Coordination's workspace: the record itself ----------------------------------

def puede_editar_sesiones(usuario):
    """Create and edit sessions, their agenda, attendance and minutes; carry agreements over."""
    return es_coordinacion(usuario)


def puede_editar_acuerdos(usuario):
    """Record, edit and retire agreements and who is bound by them."""
    return es_coordinacion(usuario)


def puede_editar_padron(usuario):
    """The roster: institutions, their roles in the SNIMH, gender units, representatives
    and the coordinating institution."""
    return es_coordinacion(usuario)


def puede_descargar_acta(usuario, sesion=None):
    """The minutes of a session: an internal document."""
    return puede_ver_registro_interno(usuario)


def puede_descargar_oficio(usuario, representante):
    """A designation letter carries a signature and personal data: coordination, consulta
    and the officers of the designating institution."""
    return es_coordinacion(usuario) or es_consulta(usuario) or es_enlace_de(usuario, representante.institucion_id)


# People (cuentas) ---------------------------------------------------------------

def puede_gestionar_personas(usuario):
    """The people pages: list, invite, edit, deactivate and reactivate accounts."""
    return es_coordinacion(usuario)


def puede_desactivar_persona(usuario, persona):
    """Anybody but oneself: coordination cannot lock itself out by mistake."""
    return puede_gestionar_personas(usuario) and persona.pk != usuario.pk


def puede_cambiar_rol_de(usuario, persona):
    """Role and institution of anybody but oneself, for the same reason."""
    return puede_gestionar_personas(usuario) and persona.pk != usuario.pk


def puede_reenviar_invitacion(usuario, persona):
    """Only an invitation not yet accepted, of an active account, is sent again."""
    invitacion = getattr(persona, "invitacion", None)
    return (
        puede_gestionar_personas(usuario) and persona.is_active
        and invitacion is not None and invitacion.aceptada is None
    )


# Commitments (agreements, action lines, recommendations) and follow-up records --------
#
# A commitment's kind may name supervising institutions (the coordinating institution of
# an action line, the chair of a thematic table): their officers follow the reports and
# evidence of every responsible institution of the commitments they supervise and comment
# on the reports, but never accept or return them (coordination does) and see nothing of
# other commitments. The kind says who supervises (``compromiso.supervisoras()``, and
# ``compromisos_supervisados(institucion_id)`` on the follow-up querysets).

def puede_cambiar_estatus_compromiso(usuario, compromiso=None):
    return es_coordinacion(usuario)


def es_supervisora_de(usuario, compromiso):
    """The officer's institution supervises ``compromiso``."""
    return es_enlace(usuario) and usuario.institucion_id in compromiso.supervisoras()


def puede_comentar_reporte(usuario, reporte):
    """Comment on a report: the officers of an institution that supervises its commitment."""
    return es_supervisora_de(usuario, reporte.seguimiento.compromiso)


def puede_ver_seguimiento(usuario, seguimiento):
    """One institution's follow-up record: every internal reader; what of it each one sees
    is decided by the rules on evidence, reports and observations below."""
    return puede_ver_registro_interno(usuario)


def puede_cambiar_estatus_seguimiento(usuario, seguimiento=None):
    return es_coordinacion(usuario)


def puede_actuar_en_seguimiento(usuario, seguimiento):
    """Write reports, upload evidence, answer observations for this institution's record."""
    return es_coordinacion(usuario) or es_enlace_de(usuario, seguimiento.institucion_id)


def puede_revisar(usuario):
    """Accept or return evidence and reports, write observations."""
    return es_coordinacion(usuario)


# Programmes (PROIGUALDAD) ----------------------------------------------------
# The structure (objectives, strategies, action lines and who implements or coordinates
# each) is public data, read by every internal user; only coordination loads or edits it.
# An action line's follow-up follows the commitment rules above: its implementing
# institutions act on their own records, its coordinating institution supervises it
# (``es_supervisora_de``: follows and comments every implementing institution's reports,
# never accepts or returns them) and sees nothing of the lines it does not coordinate.

def puede_ver_programas(usuario):
    """The programmes' pages (structure, lines and their follow-up, export)."""
    return puede_ver_registro_interno(usuario)


def puede_editar_programas(usuario):
    """Import a programme's action lines, edit them and who implements them."""
    return es_coordinacion(usuario)


def puede_ver_plan(usuario, seguimiento):
    """An implementing institution's work plan for a line: coordination, consulta, its own
    officers and the officers of the line's coordinating institution."""
    return (es_coordinacion(usuario) or es_consulta(usuario) or es_enlace_de(usuario, seguimiento.institucion_id)
            or es_supervisora_de(usuario, seguimiento.compromiso))


def puede_editar_plan(usuario, seguimiento):
    """Write the work plan: whoever acts on the follow-up record (its officers, coordination)."""
    return puede_actuar_en_seguimiento(usuario, seguimiento)


def puede_emitir_recomendaciones(usuario):
    """Compose and e-mail an institution's semiannual recommendations."""
    return es_coordinacion(usuario)


def puede_ver_recomendaciones_semestrales(usuario, conjunto):
    """A semester's recommendations: coordination, consulta and the institution's officers."""
    return es_coordinacion(usuario) or es_consulta(usuario) or es_enlace_de(usuario, conjunto.institucion_id)


def recomendaciones_visibles(usuario, queryset):
    if es_coordinacion(usuario) or es_consulta(usuario):
        return queryset
    if es_enlace(usuario):
        return queryset.filter(institucion_id=usuario.institucion_id)
    return queryset.none()


def puede_acusar_recomendaciones(usuario, conjunto):
    """Acknowledge receipt: the institution's officers."""
    return es_enlace_de(usuario, conjunto.institucion_id)


def puede_generar_informe_semestral(usuario, institucion=None):
    """The semiannual progress report: coordination and consulta, overall or of any
    institution; an officer, that of its own institution."""
    if es_coordinacion(usuario) or es_consulta(usuario):
        return True
    return institucion is not None and es_enlace_de(usuario, institucion.pk)


def puede_configurar_semaforo(usuario):
    """Edit a programme's semaforización matrix: criteria, scale, thresholds, levels, colours."""
    return es_coordinacion(usuario)


def puede_proponer_puntajes(usuario, linea):
    """Propose an action line's scores (agreement 41): coordination, and the officers of the
    line's coordinating institution or of one of its implementing institutions."""
    if es_coordinacion(usuario):
        return True
    return es_enlace(usuario) and (
        usuario.institucion_id == linea.coordinadora_id
        or linea.seguimientos.filter(institucion_id=usuario.institucion_id).exists())


def puede_validar_puntajes(usuario, linea=None):
    """Validate the proposed scores: coordination."""
    return es_coordinacion(usuario)


# Evidence -----------------------------------------------------------------
# Withdrawing an evidence hides it: its record and its file are then seen by
# coordination only, which keeps them for audits. The history still records that it
# was uploaded and withdrawn.

def _de_la_institucion_propia(usuario, queryset):
    """Records addressed to one institution (evidence, observations): all of them for
    coordination and consulta, its own for an officer, none for anyone else."""
    if es_coordinacion(usuario) or es_consulta(usuario):
        return queryset
    if es_enlace(usuario):
        return queryset.filter(seguimiento__institucion_id=usuario.institucion_id)
    return queryset.none()


def puede_ver_evidencia(usuario, evidencia):
    if evidencia.retirada:
        return es_coordinacion(usuario)
    if es_coordinacion(usuario) or es_consulta(usuario):
        return True
    return (es_enlace_de(usuario, evidencia.seguimiento.institucion_id)
            or es_supervisora_de(usuario, evidencia.seguimiento.compromiso))


def puede_retirar_evidencia(usuario, evidencia):
    if evidencia.retirada:
        return False
    return es_coordinacion(usuario) or es_enlace_de(usuario, evidencia.seguimiento.institucion_id)


def _supervisados(usuario, queryset):
    """Records of the commitments the officer's institution supervises (none otherwise)."""
    if not es_enlace(usuario):
        return queryset.none()
    return queryset.filter(seguimiento__compromiso__in=queryset.compromisos_supervisados(usuario.institucion_id))


def evidencias_visibles(usuario, queryset):
    """``puede_ver_evidencia`` over a queryset: lists, pages and downloads alike."""
    visibles = _de_la_institucion_propia(usuario, queryset) | _supervisados(usuario, queryset)
    return visibles if es_coordinacion(usuario) else visibles.filter(retirada=False)


# Progress reports and observations -----------------------------------------
# An accepted report of an agreement is published to every officer; an action line's
# reports are read only by the implementing institution, the line's coordinating
# institution and coordination/consulta: another institution's officer sees nothing of them.
TIPOS_SIN_REPORTES_PUBLICADOS = ("linea_accion",)


def puede_ver_reporte(usuario, reporte):
    if es_coordinacion(usuario) or es_consulta(usuario):
        return True
    if es_enlace(usuario):
        return ((reporte.publicado and reporte.seguimiento.compromiso.tipo not in TIPOS_SIN_REPORTES_PUBLICADOS)
                or usuario.institucion_id == reporte.seguimiento.institucion_id
                or es_supervisora_de(usuario, reporte.seguimiento.compromiso))
    return False


def reportes_visibles(usuario, queryset):
    if es_coordinacion(usuario) or es_consulta(usuario):
        return queryset
    if es_enlace(usuario):
        return queryset.filter(
            Q(seguimiento__institucion_id=usuario.institucion_id)
            | (Q(estado_revision="aceptado") & ~Q(seguimiento__compromiso__tipo__in=TIPOS_SIN_REPORTES_PUBLICADOS))
        ) | _supervisados(usuario, queryset)
    return queryset.none()


def observaciones_visibles(usuario, queryset):
    """Observations are addressed to one institution: like its evidence."""
    return _de_la_institucion_propia(usuario, queryset)


# Annual report --------------------------------------------------------------

def puede_generar_informe(usuario):
    """Preview and download the annual report and its annex."""
    return es_coordinacion(usuario) or es_consulta(usuario)


def puede_editar_informe(usuario):
    """Write the report's introduction and executive summary."""
    return es_coordinacion(usuario)


def puede_publicar_informe(usuario):
    """Publish a year's report, or a corrected version of it: its PDF and annex files are
    frozen from then on."""
    return es_coordinacion(usuario)


def puede_ver_informes_publicados(usuario):
    """The published reports and their files, exactly as published: public, like the
    report itself. The live preview is not (``puede_generar_informe``)."""
    return True


# International recommendations (recomendaciones) ------------------------------------
#
# Recommendations are commitments of the engine: the follow-up rules above apply to them
# unchanged. Their kind names the chair of their thematic table as supervisor
# (``Recomendacion.instituciones_supervisoras``), so that officer comments without reviewing.

def puede_ver_recomendaciones(usuario):
    """The recommendations, their tables and the mid-term report: every internal reader."""
    return puede_ver_registro_interno(usuario)


def puede_editar_recomendaciones(usuario):
    """Create and edit thematic tables (their chair and members) and recommendations, and
    import them from a spreadsheet."""
    return es_coordinacion(usuario)


def puede_generar_informe_medio_termino(usuario):
    """The mid-term report on the recommendations (PDF and XLSX): like the annual report."""
    return puede_generar_informe(usuario)


def puede_importar(usuario):
    """Import the historical record from spreadsheets."""
    return es_coordinacion(usuario)


# Institutional questionnaires (cuestionarios) ----------------------------------------
#
# Coordination builds questionnaires, opens and closes editions, reopens responses and
# sees everything, personal data included. An officer sees and fills only its own
# institution's responses. Consulta reads results and submitted responses, never the
# answers to questions that collect personal data. Anybody, signed in or not, reads the
# aggregate results of the editions coordination has published: counts, percentages and
# totals per question, never one institution's answers, never free text or files, never
# a personal-data question's answers beyond its counts.

def puede_ver_cuestionarios(usuario):
    """The questionnaires menu: what each internal role may do there is decided below."""
    return puede_ver_registro_interno(usuario)


def puede_editar_cuestionarios(usuario):
    """Build questionnaires, open, close and publish editions."""
    return es_coordinacion(usuario)


def puede_ver_respuestas_de_edicion(usuario):
    """The list of an edition's responses, its results with cross-tabulations and its
    export: every institution's answers (not their personal data: ``puede_ver_datos_personales``)."""
    return es_coordinacion(usuario) or es_consulta(usuario)


def puede_ver_resultados(usuario, edicion):
    """Aggregate results: internal readers of every edition, everybody of a published one."""
    return puede_ver_respuestas_de_edicion(usuario) or edicion.publicada


def ediciones_visibles(usuario, queryset):
    """Editions a person may find: all for coordination and consulta; an officer's own
    institution's and the published ones; for anybody else the published ones."""
    if puede_ver_respuestas_de_edicion(usuario):
        return queryset
    if es_enlace(usuario):
        return queryset.filter(Q(respuestas__institucion_id=usuario.institucion_id) | Q(publicada=True)).distinct()
    return queryset.filter(publicada=True)


def puede_ver_respuesta(usuario, respuesta):
    """One institution's response: coordination, its own officers, and consulta once it
    has been submitted (a draft is the institution's work in progress)."""
    if es_coordinacion(usuario) or es_enlace_de(usuario, respuesta.institucion_id):
        return True
    return es_consulta(usuario) and respuesta.enviada


def respuestas_visibles(usuario, queryset):
    if es_coordinacion(usuario):
        return queryset
    if es_enlace(usuario):
        return queryset.filter(institucion_id=usuario.institucion_id)
    if es_consulta(usuario):
        return queryset.enviadas()
    return queryset.none()


def puede_responder(usuario, respuesta):
    """Fill and submit a response: its institution's officers, or coordination on its behalf
    (e.g. an answer received by official letter)."""
    return es_coordinacion(usuario) or es_enlace_de(usuario, respuesta.institucion_id)


def puede_reabrir_respuesta(usuario, respuesta=None):
    """Give a submitted response back to its institution as a draft."""
    return es_coordinacion(usuario)


def puede_ver_datos_personales(usuario, respuesta=None):
    """Answers to questions that collect personal data: coordination, and the officers of
    the institution that gave them (in its own response); never consulta, never public."""
    if es_coordinacion(usuario):
        return True
    return respuesta is not None and es_enlace_de(usuario, respuesta.institucion_id)


# Background jobs (trabajos) ------------------------------------------------------------
#
# A job is seen, followed and its result downloaded by the person who started it and by
# coordination. The annual report's files (its PDF and Anexo I) are the same for every
# reader of the live report — one file per year and history fingerprint, shared from
# storage — so those jobs are also seen by everyone who may read that report. Scheduled
# jobs (reminders, backups, clean-ups) have no person: coordination sees them.

TRABAJOS_DEL_INFORME = frozenset({"informe_pdf", "anexo"})


def puede_ver_trabajos(usuario):
    """The «Trabajos» page: one's own jobs (coordination: everybody's)."""
    return puede_ver_registro_interno(usuario)


def puede_ver_trabajo(usuario, trabajo):
    """Follow a job and download its result."""
    if es_coordinacion(usuario):
        return True
    if not puede_ver_trabajos(usuario):
        return False
    if trabajo.iniciado_por_id is not None and trabajo.iniciado_por_id == usuario.pk:
        return True
    return trabajo.tipo in TRABAJOS_DEL_INFORME and puede_generar_informe(usuario)


def trabajos_visibles(usuario, queryset):
    """``puede_ver_trabajo`` over a queryset: the history lists exactly what the detail shows."""
    if es_coordinacion(usuario):
        return queryset
    if not puede_ver_trabajos(usuario):
        return queryset.none()
    propios = Q(iniciado_por_id=usuario.pk)
    if puede_generar_informe(usuario):
        propios |= Q(tipo__in=TRABAJOS_DEL_INFORME)
    return queryset.filter(propios)


def puede_exportar_acuerdos(usuario):
    """The agreements export (the list's filtered set), now or as a background job."""
    return puede_ver_registro_interno(usuario)
