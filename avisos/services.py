"""Deadline reminders: one e-mail per person per run, with everything due in it, never the
same reminder twice for the same event (``RecordatorioEnviado``)."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compromisos import tipos
from compromisos.models import Evidencia, Reporte, Seguimiento
from compromisos.selectors import observaciones_sin_respuesta
from cuentas.models import RolUsuario
from cuestionarios.selectors import pendientes_de_institucion
from instituciones.models import Coordinacion

from .models import RecordatorioEnviado


@dataclass
class Aviso:
    clave: str
    texto: str
    url: str


@dataclass
class Correo:
    usuario: object
    asunto: str
    secciones: dict = field(default_factory=dict)  # title -> [Aviso]

    @property
    def avisos(self):
        return [a for lista in self.secciones.values() for a in lista]


def _url(nombre, *args):
    return settings.SNIMH_URL_BASE.rstrip("/") + reverse(nombre, args=args)


def _semana(hoy):
    anio, semana, _dia = hoy.isocalendar()
    return f"{anio}-W{semana:02d}"


def _vence(compromiso, plazo, faltan):
    """«Acuerdo 53:9/12/2020: vence el 31/03/2021 (en 14 días).», «… (en 1 día).», «… vence hoy.»"""
    datos = {"compromiso": compromiso, "fecha": f"{plazo:%d/%m/%Y}", "dias": faltan}
    if faltan == 0:
        return _("%(compromiso)s: vence hoy, %(fecha)s.") % datos
    return ngettext("%(compromiso)s: vence el %(fecha)s (en %(dias)s día).",
                    "%(compromiso)s: vence el %(fecha)s (en %(dias)s días).", faltan) % datos


def _umbral(faltan):
    """The smallest reminder threshold (AVISOS_DIAS_ANTES) a deadline ``faltan`` days away
    has reached, or None: each threshold is reminded once."""
    alcanzados = [u for u in settings.AVISOS_DIAS_ANTES if faltan <= u]
    return min(alcanzados) if alcanzados else None


def _avisos_de_cuestionarios(usuario, hoy):
    """Questionnaires the institution has not submitted: before the deadline once per
    threshold, after it once a week (cuestionarios.selectors.pendientes_de_institucion)."""
    proximos, vencidos = [], []
    for pendiente in pendientes_de_institucion(institucion_id=usuario.institucion_id, hoy=hoy):
        respuesta, plazo, faltan = pendiente.respuesta, pendiente.edicion.fecha_limite, pendiente.dias
        datos = {"nombre": pendiente.cuestionario.nombre, "edicion": pendiente.edicion.nombre,
                 "fecha": f"{plazo:%d/%m/%Y}", "dias": abs(faltan)}
        url = _url("cuestionarios:responder", respuesta.pk)
        if faltan < 0:
            vencidos.append(Aviso(
                f"cuestionario-vencido:respuesta-{respuesta.pk}:{_semana(hoy)}",
                ngettext("«%(nombre)s» (edición %(edicion)s): venció el %(fecha)s (%(dias)s día de atraso).",
                         "«%(nombre)s» (edición %(edicion)s): venció el %(fecha)s (%(dias)s días de atraso).",
                         -faltan) % datos, url))
            continue
        umbral = _umbral(faltan)
        if umbral is None:
            continue
        if faltan == 0:
            texto = _("«%(nombre)s» (edición %(edicion)s): vence hoy, %(fecha)s.") % datos
        else:
            texto = ngettext("«%(nombre)s» (edición %(edicion)s): vence el %(fecha)s (en %(dias)s día).",
                             "«%(nombre)s» (edición %(edicion)s): vence el %(fecha)s (en %(dias)s días).",
                             faltan) % datos
        proximos.append(Aviso(f"cuestionario-vence-{umbral}:respuesta-{respuesta.pk}:{plazo:%Y-%m-%d}", texto, url))
    return proximos, vencidos


def _avisos_de_enlace(usuario, hoy):
    # The inbox's rule (SeguimientoQuerySet.con_accion_pendiente), for every kind of commitment.
    seguimientos = (
        Seguimiento.objects.de_institucion(usuario.institucion_id).con_accion_pendiente()
        .filter(compromiso__plazo_fecha__isnull=False)
        .select_related("compromiso", *tipos.relacionados("compromiso__"))
    )
    proximos, vencidos = [], []
    for seguimiento in seguimientos:
        plazo = seguimiento.compromiso.plazo_fecha
        faltan = (plazo - hoy).days
        url = _url("compromisos:seguimiento", seguimiento.pk)
        compromiso = seguimiento.compromiso.etiqueta
        if faltan < 0:
            # Overdue: once a week, with the days late.
            vencidos.append(Aviso(
                f"vencido:seguimiento-{seguimiento.pk}:{_semana(hoy)}",
                ngettext("%(compromiso)s: venció el %(fecha)s (%(dias)s día de atraso).",
                         "%(compromiso)s: venció el %(fecha)s (%(dias)s días de atraso).", -faltan)
                % {"compromiso": compromiso, "fecha": f"{plazo:%d/%m/%Y}", "dias": -faltan}, url))
            continue
        # Within a threshold: once per threshold (15 days, then 3 days).
        umbral = _umbral(faltan)
        if umbral is not None:
            proximos.append(Aviso(
                f"vence-{umbral}:seguimiento-{seguimiento.pk}:{plazo:%Y-%m-%d}",
                _vence(compromiso, plazo, faltan), url))
    # The inbox's list of observations waiting for an answer, the same rule.
    observaciones = [
        Aviso(f"observacion-{o.pk}:{_semana(hoy)}",
              _("Observación del %(fecha)s (%(compromiso)s), en espera de respuesta: «%(texto)s»")
              % {"fecha": f"{timezone.localtime(o.creada):%d/%m/%Y}",
                 "compromiso": o.seguimiento.compromiso.etiqueta, "texto": o.texto[:160]},
              _url("compromisos:seguimiento", o.seguimiento_id))
        for o in observaciones_sin_respuesta(usuario.institucion_id)
    ]
    cuestionarios_proximos, cuestionarios_vencidos = _avisos_de_cuestionarios(usuario, hoy)
    return {
        _("Plazos por vencer"): proximos,
        _("Compromisos vencidos"): vencidos,
        _("Observaciones en espera de respuesta"): observaciones,
        _("Cuestionarios por responder"): cuestionarios_proximos,
        _("Cuestionarios con el plazo vencido"): cuestionarios_vencidos,
    }


def _resumen_de_coordinacion(hoy):
    """Weekly digest: what waits for review (the review queue's rule, ``por_revisar``), and
    overdue commitments by institution (``vencidos``)."""
    semana = _semana(hoy)
    pendientes = Evidencia.objects.por_revisar().count()
    reportes = Reporte.objects.por_revisar().count()
    vencidos = (
        Seguimiento.objects.vencidos(hoy)
        .values("institucion__siglas", "institucion__nombre").annotate(n=Count("pk")).order_by("-n", "institucion__nombre")
    )
    en_espera = _("%(evidencias)s y %(reportes)s esperan revisión.") % {
        "evidencias": ngettext("%(n)s evidencia", "%(n)s evidencias", pendientes) % {"n": pendientes},
        "reportes": ngettext("%(n)s reporte", "%(n)s reportes", reportes) % {"n": reportes},
    }
    avisos = [Aviso(f"resumen:{semana}", en_espera, _url("compromisos:revision"))]
    por_institucion = [
        Aviso(f"resumen:{semana}",
              ngettext("%(inst)s: %(n)s compromiso vencido.", "%(inst)s: %(n)s compromisos vencidos.", f["n"])
              % {"inst": f["institucion__siglas"] or f["institucion__nombre"], "n": f["n"]}, _url("acuerdos:lista"))
        for f in vencidos
    ]
    return {_("Revisión pendiente"): avisos, _("Compromisos vencidos por institución"): por_institucion}


def _enviar(correo):
    contexto = {"correo": correo, "usuario": correo.usuario, "coordinacion": Coordinacion.objects.en()}
    mensaje = EmailMultiAlternatives(
        subject=correo.asunto, body=render_to_string("avisos/correo.txt", contexto),
        to=[correo.usuario.email],
    )
    mensaje.attach_alternative(render_to_string("avisos/correo.html", contexto), "text/html")
    mensaje.send()


def enviar_recordatorios(hoy: datetime.date | None = None) -> int:
    """Send every reminder due on ``hoy``; return the number of e-mails sent."""
    hoy = hoy or timezone.localdate()
    Usuario = get_user_model()
    personas = Usuario.objects.filter(is_active=True, recibe_avisos=True).exclude(email="")
    enviados = 0
    for usuario in personas.filter(rol=RolUsuario.ENLACE, institucion__isnull=False):
        secciones = _avisos_de_enlace(usuario, hoy)
        enviados += _enviar_lo_nuevo(usuario, secciones, _("Seguimiento de acuerdos del SNIMH: pendientes de su institución"))
    if hoy.weekday() == settings.AVISOS_DIA_RESUMEN:
        for usuario in personas.filter(rol=RolUsuario.COORDINACION):
            enviados += _enviar_lo_nuevo(usuario, _resumen_de_coordinacion(hoy),
                                         _("Seguimiento de acuerdos del SNIMH: resumen semanal"))
    return enviados


@transaction.atomic
def _enviar_lo_nuevo(usuario, secciones, asunto):
    ya = set(RecordatorioEnviado.objects.filter(usuario=usuario).values_list("clave", flat=True))
    nuevas = {titulo: [a for a in avisos if a.clave not in ya] for titulo, avisos in secciones.items()}
    nuevas = {titulo: avisos for titulo, avisos in nuevas.items() if avisos}
    if not nuevas:
        return 0
    correo = Correo(usuario=usuario, asunto=asunto, secciones=nuevas)
    claves = {a.clave for a in correo.avisos}
    # Recorded before sending, in the same transaction: if sending fails, both roll back.
    RecordatorioEnviado.objects.bulk_create(RecordatorioEnviado(usuario=usuario, clave=c) for c in claves)
    _enviar(correo)
    return 1
