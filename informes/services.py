"""Writes of the annual report: publishing a year's report, or a corrected version of it."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from snimh import permisos
from trabajos.models import TipoTrabajo, Trabajo
from trabajos.services import trabajo_iniciar

from . import anexo
from .models import VERSION_YA_PUBLICADA, ArchivoPublicado, FormatoPublicado, InformePublicado
from .pdf import GeneradorInformeAnual
from .selectors import clave_del_informe, datos_del_informe


def siguiente_version(*, anio: int) -> int:
    """The number the next publication of ``anio`` will carry: 1, then 2, 3…"""
    return (InformePublicado.objects.filter(anio=anio).aggregate(n=Max("version"))["n"] or 0) + 1


@transaction.atomic
def informe_publicar(*, anio: int, usuario, motivo: str = "") -> InformePublicado:
    """Publish the annual report of ``anio`` as it reads now: the PDF and the annex as CSV
    and XLSX are generated from one read of the record, stored through the configured
    storage under generated names with their SHA-256 and size, and never change again.

    Publishing a year already published is a correction: a new version numbered after the
    last, which must say what it corrects (``motivo``); earlier versions stay available.
    """
    if not permisos.puede_publicar_informe(usuario):
        raise PermissionDenied(_("Solo la coordinación publica el informe anual."))
    motivo = (motivo or "").strip()
    version = siguiente_version(anio=anio)
    if version > 1 and not motivo:
        raise ValidationError({"motivo": _("Indique qué corrige esta versión respecto de la anterior.")},
                              code="sin_motivo")
    if version == 1 and motivo:
        raise ValidationError({"motivo": _("La primera publicación no es una corrección: no lleva motivo.")},
                              code="motivo_sin_correccion")
    datos = datos_del_informe(anio)
    if not datos.sesiones and not datos.anexo:
        raise ValidationError(
            _("En %(anio)s no hay sesiones celebradas ni acuerdos en seguimiento: no hay informe que publicar.")
            % {"anio": anio}, code="sin_contenido",
        )
    informe = GeneradorInformeAnual(anio, datos=datos).generar()
    contenidos = {
        FormatoPublicado.PDF: informe.pdf,
        FormatoPublicado.CSV: anexo.como_csv(anio, acuerdos=datos.anexo),
        FormatoPublicado.XLSX: anexo.como_xlsx(anio, acuerdos=datos.anexo),
    }
    publicacion = InformePublicado(
        anio=anio, version=version, publicado_por=usuario, motivo=motivo,
        sesiones=len(datos.sesiones), acuerdos=len(datos.anexo), paginas=informe.paginas,
    )
    publicacion.full_clean()
    guardados = []
    try:
        # A savepoint: if someone published the same version a moment ago, the unique
        # constraint stops this one and the request can say so.
        with transaction.atomic():
            publicacion.save()
            for formato, contenido in contenidos.items():
                archivo = ArchivoPublicado(
                    publicacion=publicacion, formato=formato, tamano=len(contenido),
                    sha256=hashlib.sha256(contenido).hexdigest(),
                )
                # Stored first (under a generated name), so that a failure afterwards
                # knows which file to remove.
                archivo.archivo.save(f"informe.{formato}", ContentFile(contenido), save=False)
                guardados.append(archivo.archivo.name)
                archivo.full_clean()
                archivo.save()
    except IntegrityError as error:
        _borrar(guardados)
        raise ValidationError(VERSION_YA_PUBLICADA, code="publicacion_simultanea") from error
    except Exception:
        _borrar(guardados)
        raise
    return publicacion


def _borrar(nombres):
    from django.core.files.storage import default_storage

    for nombre in nombres:
        if default_storage.exists(nombre):
            default_storage.delete(nombre)


# The report's files as background jobs ----------------------------------------------------

FORMATOS_DEL_ANEXO = ("csv", "xlsx")


def informe_pdf_solicitar(*, anio: int, usuario) -> Trabajo:
    """The annual report of ``anio`` as a PDF, built off the request by a worker.

    If the PDF of the record as it is now was already built (same history fingerprint),
    that job is returned and its stored file is served at once; if one is being built,
    the request joins it. Otherwise a new job is queued and returned at once: the page
    follows its progress."""
    if not permisos.puede_generar_informe(usuario):
        raise PermissionDenied(_("Solo la coordinación y las cuentas de consulta generan el informe anual."))
    trabajo, _nuevo = trabajo_iniciar(
        tipo=TipoTrabajo.INFORME_PDF, usuario=usuario, parametros={"anio": anio},
        descripcion=_("Informe anual %(anio)s (PDF)") % {"anio": anio},
        clave=clave_del_informe(anio=anio, formato="pdf"),
    )
    return trabajo


def anexo_solicitar(*, anio: int, formato: str, usuario) -> Trabajo:
    """Anexo I of ``anio`` as CSV or XLSX, as a background job (reused like the PDF)."""
    if not permisos.puede_generar_informe(usuario):
        raise PermissionDenied(_("Solo la coordinación y las cuentas de consulta generan el informe anual."))
    if formato not in FORMATOS_DEL_ANEXO:
        raise ValidationError(_("Elija CSV o XLSX."), code="formato_invalido")
    trabajo, _nuevo = trabajo_iniciar(
        tipo=TipoTrabajo.ANEXO, usuario=usuario, parametros={"anio": anio, "formato": formato},
        descripcion=_("Anexo I del informe %(anio)s (%(formato)s)") % {"anio": anio, "formato": formato.upper()},
        clave=clave_del_informe(anio=anio, formato=formato),
    )
    return trabajo
