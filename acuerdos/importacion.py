"""Import the historical record from a spreadsheet (XLSX or CSV): all or nothing.

Column layout, one row per agreement (a header row first; the order of the columns
does not matter; a downloadable template is at /importar/plantilla.xlsx):

| column | required | content |
| --- | --- | --- |
| sesion | yes | session number, e.g. 21 |
| tipo | no | ordinaria (default) or extraordinaria |
| fecha | yes | session date, DD/MM/AAAA or AAAA-MM-DD |
| numero | yes | agreement number, e.g. 46 |
| acuerdo | yes | agreement text |
| estatus | yes | CUMPLIDO, EN PROCESO, SIN INICIAR or SIN MATERIA |
| fecha_estatus | unless SIN INICIAR | the date the agreement reached that status |
| responsables | no | institutions, by siglas or name, separated by ";" |
| grupos | no | groups bound as a whole (integrantes, invitadas permanentes, invitadas, coadyuvantes, asistentes), separated by ";" |
| plazo | no | deadline date |

Institutions are matched by siglas or name ignoring case and accents. Each status is recorded
in the history at its ``fecha_estatus``, with the same rules as a change made by hand (between
the session and today). Groups expand into one follow-up record per institution, by the same
rule as the pages and the API. Any error aborts the whole import and every bad row is reported
with its line number; importing the same file again changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compromisos import services as motor
from compromisos.models import NOMBRE_DEL_GRUPO, Estatus, Grupo
from instituciones.models import Institucion
from sesiones.models import Sesion
from snimh import exportacion, uploads
from snimh.hojas import FilasDeMas
from snimh.hojas import clave_de_texto as _clave
from snimh.hojas import leer_filas as _leer_filas

from . import services
from .models import Acuerdo

COLUMNAS = ["sesion", "tipo", "fecha", "numero", "acuerdo", "estatus", "fecha_estatus", "responsables", "grupos",
            "plazo"]
OBLIGATORIAS = ["sesion", "fecha", "numero", "acuerdo", "estatus"]
ESTATUS = {"cumplido": Estatus.CUMPLIDO, "en proceso": Estatus.EN_PROCESO, "sin iniciar": Estatus.SIN_INICIAR,
           "sin materia": Estatus.SIN_MATERIA}


# Column headers as people write them.
ALIAS_DE_COLUMNAS = {"fecha de estatus": "fecha_estatus", "fecha estatus": "fecha_estatus",
                     "fecha del estatus": "fecha_estatus"}

# A group by its value, its short name or its label: «invitadas permanentes», «Todas las integrantes»…
GRUPOS = {
    **{_clave(valor.replace("_", " ")): valor for valor in Grupo.values},
    **{_clave(nombre): valor for valor, nombre in NOMBRE_DEL_GRUPO.items()},
    **{_clave(etiqueta): valor for valor, etiqueta in Grupo.choices},
}


@dataclass
class ResultadoImportacion:
    errores: list = field(default_factory=list)   # (line, Spanish reason)
    sesiones_nuevas: list = field(default_factory=list)
    acuerdos_nuevos: list = field(default_factory=list)
    sin_cambios: int = 0

    @property
    def valido(self):
        return not self.errores


class _Abortar(Exception):
    pass


def resumen_en_texto(resultado, *, nuevas):
    """«2 sesiones y 1 acuerdo nuevos; 3 filas sin cambios», every count in its number."""
    sesiones, acuerdos = len(resultado.sesiones_nuevas), len(resultado.acuerdos_nuevos)
    partes = [
        ngettext("%(n)s sesión", "%(n)s sesiones", sesiones) % {"n": sesiones},
        ngettext("%(n)s acuerdo", "%(n)s acuerdos", acuerdos) % {"n": acuerdos},
    ]
    texto = _("%(sesiones)s y %(acuerdos)s") % {"sesiones": partes[0], "acuerdos": partes[1]}
    if nuevas:
        texto += " " + ngettext("nuevo", "nuevos", sesiones + acuerdos)
    return texto + "; " + ngettext("%(n)s fila ya registrada, sin cambios", "%(n)s filas ya registradas, sin cambios",
                                   resultado.sin_cambios) % {"n": resultado.sin_cambios}


def leer_filas(nombre, contenido, *, maximo=None):
    """``snimh.hojas.leer_filas`` with the column names people write for this import."""
    return _leer_filas(nombre, contenido, maximo=maximo, alias=ALIAS_DE_COLUMNAS)


def _fecha(valor):
    if isinstance(valor, datetime.datetime):
        return valor.date()
    if isinstance(valor, datetime.date):
        return valor
    texto = str(valor or "").strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(texto, formato).date()
        except ValueError:
            continue
    raise ValueError(texto)


def importar(nombre, contenido, *, usuario=None, simular=False) -> ResultadoImportacion:
    """Import the file; with ``simular`` (dry run) report what would change and roll back."""
    resultado = ResultadoImportacion()
    try:
        uploads.inspeccionar(SimpleUploadedFile(nombre, contenido), formatos=uploads.FORMATOS_DE_IMPORTACION,
                             tamano_maximo=settings.IMPORTACION_TAMANO_MAXIMO)
        filas = leer_filas(nombre, contenido)
    except uploads.ArchivoRechazado as error:
        resultado.errores.append((1, error.messages[0]))
        return resultado
    except FilasDeMas as error:
        maximo = error.args[0]
        resultado.errores.append((1, ngettext(
            "El archivo tiene más de %(n)s fila de datos, el límite de una importación; divídalo en varios archivos.",
            "El archivo tiene más de %(n)s filas de datos, el límite de una importación; divídalo en varios archivos.",
            maximo) % {"n": f"{maximo:,}"}))
        return resultado
    except Exception:  # noqa: BLE001 - any unreadable file gets the same Spanish answer
        resultado.errores.append((1, _("No se pudo leer el archivo: use la plantilla en XLSX o CSV (UTF-8).")))
        return resultado
    if not filas:
        resultado.errores.append((1, _("El archivo no tiene filas de datos.")))
        return resultado
    faltantes = [c for c in OBLIGATORIAS if c not in filas[0][1]]
    if faltantes:
        resultado.errores.append((1, _("Faltan columnas: %(c)s.") % {"c": ", ".join(faltantes)}))
        return resultado
    instituciones = {}
    for inst in Institucion.objects.all():
        for clave in (inst.siglas, inst.nombre):
            if clave:
                instituciones[_clave(clave)] = inst
    try:
        with transaction.atomic():
            _importar_filas(filas, instituciones, resultado, usuario, nombre)
            if resultado.errores or simular:
                raise _Abortar
    except _Abortar:
        pass
    return resultado


def _importar_filas(filas, instituciones, resultado, usuario, nombre):
    vistos = {}
    for linea, fila in filas:
        errores = []
        try:
            numero = int(str(fila.get("numero")).strip())
            numero_sesion = int(str(fila.get("sesion")).strip())
        except (TypeError, ValueError):
            resultado.errores.append((linea, _("El número de sesión o de acuerdo no es un número entero.")))
            continue
        try:
            fecha = _fecha(fila.get("fecha"))
        except ValueError:
            errores.append(_("Fecha de sesión no reconocida: «%(v)s» (use DD/MM/AAAA).") % {"v": fila.get("fecha")})
        try:
            plazo = _fecha(fila["plazo"]) if fila.get("plazo") not in (None, "") else None
        except ValueError:
            errores.append(_("Fecha de plazo no reconocida: «%(v)s».") % {"v": fila.get("plazo")})
        estatus = ESTATUS.get(_clave(fila.get("estatus")))
        if estatus is None:
            errores.append(_("Estatus desconocido: «%(v)s».") % {"v": fila.get("estatus")})
        fecha_estatus = None
        if fila.get("fecha_estatus") not in (None, ""):
            try:
                fecha_estatus = _fecha(fila["fecha_estatus"])
            except ValueError:
                errores.append(_("Fecha de estatus no reconocida: «%(v)s».") % {"v": fila.get("fecha_estatus")})
        elif estatus not in (None, Estatus.SIN_INICIAR):
            errores.append(_("Falta la fecha de estatus: indique en «fecha_estatus» cuándo el acuerdo quedó «%(e)s».")
                           % {"e": Estatus(estatus).label})
        grupos = []
        for nombre_grupo in str(fila.get("grupos") or "").split(";"):
            if nombre_grupo.strip():
                grupo = GRUPOS.get(_clave(nombre_grupo))
                if grupo is None:
                    errores.append(_("Grupo desconocido: «%(v)s» (use integrantes, invitadas permanentes, invitadas, "
                                     "coadyuvantes o asistentes).") % {"v": nombre_grupo.strip()})
                elif grupo not in grupos:
                    grupos.append(grupo)
        responsables = []
        for nombre_inst in str(fila.get("responsables") or "").split(";"):
            if nombre_inst.strip():
                inst = instituciones.get(_clave(nombre_inst))
                if inst is None:
                    errores.append(_("Institución desconocida: «%(v)s».") % {"v": nombre_inst.strip()})
                else:
                    responsables.append(inst)
        if numero in vistos:
            errores.append(_("Número de acuerdo repetido (también en la línea %(l)s).") % {"l": vistos[numero]})
        vistos.setdefault(numero, linea)
        texto = str(fila.get("acuerdo") or "").strip()
        if errores:
            resultado.errores.extend((linea, e) for e in errores)
            continue
        tipo = _clave(fila.get("tipo")) or Sesion.Tipo.ORDINARIA
        sesion = Sesion.objects.filter(numero=numero_sesion, tipo=tipo).first()
        if sesion is None:
            sesion = Sesion(numero=numero_sesion, tipo=tipo, fecha=fecha, estado=Sesion.Estado.CELEBRADA)
            try:
                sesion.full_clean()
            except Exception as error:  # noqa: BLE001
                resultado.errores.append((linea, "; ".join(getattr(error, "messages", [str(error)]))))
                continue
            sesion.save()
            resultado.sesiones_nuevas.append(sesion.titulo)
        elif sesion.fecha != fecha:
            resultado.errores.append((linea, _("La sesión %(n)s ya existe con fecha %(f)s.")
                                      % {"n": numero_sesion, "f": f"{sesion.fecha:%d/%m/%Y}"}))
            continue
        existente = Acuerdo.objects.filter(numero=numero).select_related("sesion").first()
        if existente is not None:
            if existente.sesion_id == sesion.pk and _clave(existente.texto) == _clave(texto):
                resultado.sin_cambios += 1
            else:
                resultado.errores.append((linea, _("El acuerdo %(n)s ya existe con otra sesión u otro texto.")
                                          % {"n": numero}))
            continue
        try:
            acuerdo = services.acuerdo_crear(
                sesion=sesion, numero=numero, texto=texto, plazo_fecha=plazo, instituciones=responsables,
                motivo_estatus=_("Importado de %(archivo)s.") % {"archivo": nombre}, usuario=usuario,
            )
            if estatus != Estatus.SIN_INICIAR:
                # At its own date, with the rules of a change made by hand; the groups bound
                # afterwards then inherit a closing status with the right date.
                motor.compromiso_cambiar_estatus(
                    compromiso=acuerdo, estatus=estatus, fecha=fecha_estatus, usuario=usuario,
                    motivo=_("Estatus importado de %(archivo)s.") % {"archivo": nombre},
                )
            for grupo in grupos:
                motor.grupo_agregar(compromiso=acuerdo, grupo=grupo, usuario=usuario)
        except Exception as error:  # noqa: BLE001 - model validation: report, do not crash
            resultado.errores.append((linea, "; ".join(getattr(error, "messages", [str(error)]))))
            continue
        resultado.acuerdos_nuevos.append(acuerdo.cita)


def plantilla_xlsx():
    """The template, written by the one spreadsheet writer like every other export."""
    ejemplo = [21, "ordinaria", "30/09/2020", 46,
               "Las instituciones participantes en el Sistema acuerdan la incorporación de …",
               "CUMPLIDO", "31/12/2020", "INMUJERES", "integrantes; invitadas permanentes", ""]
    return exportacion.como_xlsx("Acuerdos", COLUMNAS, [ejemplo], anchos=(8, 14, 12, 9, 60, 14, 12, 30, 30, 12))
