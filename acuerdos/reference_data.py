"""Load the official record (data/reference/*.yaml) into the database.

The data file is the human-readable source of truth for the record published in
the SNIMH annual reports; this module only maps it onto the models, through the
same validation and services as any other write.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compromisos import services as motor
from compromisos.models import Estatus, GrupoResponsable, Seguimiento
from instituciones.models import Coordinacion, Institucion, Participacion
from sesiones.models import AsistenciaReportada, PersonaPresidium, PuntoOrdenDia, Sesion

from . import services
from .dias_habiles import sumar_dias_habiles
from .models import Acuerdo, Objetivo, Programa

DEFAULT_FILE = Path(settings.BASE_DIR) / "data" / "reference" / "snimh-2020.yaml"
# The texts of the 2020 report (sections I and II), in their own file.
TEXTS_FILE = Path(settings.BASE_DIR) / "data" / "reference" / "informe-2020-textos.yaml"
# Which institution coordinated the SNIMH in each period.
COORDINATION_FILE = Path(settings.BASE_DIR) / "data" / "reference" / "coordinacion.yaml"
DEFAULT_FILES = (DEFAULT_FILE, TEXTS_FILE, COORDINATION_FILE)


@dataclass
class LoadReport:
    """What a load created and updated, by model."""

    creados: Counter = field(default_factory=Counter)
    actualizados: Counter = field(default_factory=Counter)

    @property
    def sin_cambios(self):
        return not self.creados and not self.actualizados

    def lines(self):
        for titulo, contador in ((_("creados"), self.creados), (_("actualizados"), self.actualizados)):
            for modelo, numero in sorted(contador.items()):
                yield f"{titulo}: {numero} {modelo}"


class _Loader:
    def __init__(self, data, *, update):
        self.data = data
        self.update = update
        self.report = LoadReport()
        self.fecha_corte = data.get("fecha_corte")

    def upsert(self, model, lookup, values):
        obj = model._default_manager.filter(**lookup).first()
        name = str(model._meta.verbose_name_plural)
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.report.creados[name] += 1
            return obj
        if self.update:
            changed = [key for key, value in values.items() if getattr(obj, key) != value]
            if changed:
                for key in changed:
                    setattr(obj, key, values[key])
                obj.full_clean()
                obj.save()
                self.report.actualizados[name] += 1
        return obj

    def institucion(self, clave):
        try:
            return Institucion.objects.get(siglas__iexact=clave)
        except Institucion.DoesNotExist:
            return Institucion.objects.get(nombre=clave)

    def run(self):
        self.programas()
        self.instituciones()
        self.sesiones()
        self.acuerdos()
        self.participaciones()
        self.grupos()
        self.coordinacion()
        self.informes()
        return self.report

    def coordinacion(self):
        for item in self.data.get("coordinacion", []):
            self.upsert(
                Coordinacion, {"institucion": self.institucion(item["institucion"]), "desde": item["desde"]},
                {"hasta": item.get("hasta"), "fundamento": item["fundamento"]},
            )

    def grupos(self):
        """Groups bind their institutions by the same rule as any agreement recorded now
        (``compromisos.services.grupo_expandir``): those holding the role on the session's date, or the
        session's named attendees. Groups whose members are not on record stay without
        institutions; records derived for a closed agreement take its final status."""
        numeros = [item["numero"] for item in self.data.get("acuerdos", [])]
        registros = GrupoResponsable.objects.filter(compromiso__acuerdo__numero__in=numeros)
        for registro in registros.select_related("compromiso__acuerdo__sesion"):
            nuevos = motor.grupo_expandir(registro=registro)
            if nuevos:
                self.report.creados[str(Seguimiento._meta.verbose_name_plural)] += len(nuevos)

    def informes(self):
        from informes.models import TextoInforme, sanear

        for item in self.data.get("informes", []):
            self.upsert(
                TextoInforme, {"anio": item["anio"]},
                {"introduccion": sanear(item.get("introduccion")), "resumen_ejecutivo": sanear(item.get("resumen_ejecutivo"))},
            )

    def programas(self):
        for programa_data in self.data.get("programas", []):
            programa = self.upsert(
                Programa, {"clave": programa_data["clave"]}, {"nombre": programa_data["nombre"]},
            )
            for objetivo in programa_data.get("objetivos", []):
                self.upsert(
                    Objetivo, {"programa": programa, "numero": objetivo["numero"]},
                    {"texto": objetivo["texto"].strip()},
                )

    def instituciones(self):
        for item in self.data.get("instituciones", []):
            siglas = item.get("siglas") or ""
            lookup = {"siglas__iexact": siglas} if siglas else {"nombre": item["nombre"]}
            obj = Institucion.objects.filter(**lookup).first()
            values = {
                "siglas": siglas, "nombre": item["nombre"], "naturaleza": item["naturaleza"],
                "sector": item.get("sector") or "",
            }
            if obj is None:
                self.upsert(Institucion, {"nombre": item["nombre"]}, {k: v for k, v in values.items() if k != "nombre"})
            else:
                self.upsert(Institucion, {"pk": obj.pk}, values)

    def sesiones(self):
        for item in self.data.get("sesiones", []):
            sesion = self.upsert(
                Sesion, {"tipo": item["tipo"], "numero": item["numero"]},
                {
                    "fecha": item["fecha"], "modalidad": item.get("modalidad") or "",
                    "estado": Sesion.Estado.CELEBRADA, "resumen": (item.get("resumen") or "").strip(),
                    "total_integrantes": item.get("total_integrantes"),
                },
            )
            for orden, persona in enumerate(item.get("presidium") or [], start=1):
                self.upsert(
                    PersonaPresidium, {"sesion": sesion, "orden": orden},
                    {"tratamiento": persona.get("tratamiento") or "", "nombre": persona["nombre"],
                     "cargo": persona["cargo"]},
                )
            for punto in item.get("orden_del_dia") or []:
                self.upsert(
                    PuntoOrdenDia, {"sesion": sesion, "numero": punto["numero"]},
                    {"titulo": punto["titulo"].strip(), "resumen": (punto.get("resumen") or "").strip()},
                )
            for rol, total in (item.get("asistencia_totales") or {}).items():
                self.upsert(AsistenciaReportada, {"sesion": sesion, "rol": rol}, {"total": total})

    def acuerdos(self):
        for item in self.data.get("acuerdos", []):
            sesion = Sesion.objects.get(tipo=item.get("sesion_tipo", "ordinaria"), numero=item["sesion"])
            estatus = item["estatus"]
            if item.get("plazo_dias_habiles") and not item.get("plazo_fecha"):
                item["plazo_fecha"] = sumar_dias_habiles(sesion.fecha, item["plazo_dias_habiles"])
            valores = {
                "sesion": sesion, "texto": item["texto"].strip(),
                "plazo_fecha": item.get("plazo_fecha"), "plazo_texto": item.get("plazo_texto") or "",
                "meta": item.get("meta") or "", "responsables_texto": item.get("responsables_texto") or "",
            }
            acuerdo = Acuerdo.objects.filter(numero=item["numero"]).first()
            nuevo = acuerdo is None
            if nuevo:
                # Recorded as adopted "sin iniciar" on the session date, then moved
                # to the reported status at the report's cut-off, so that the history
                # never claims an agreement was fulfilled the day it was adopted.
                acuerdo = services.acuerdo_crear(
                    numero=item["numero"], estatus=Estatus.SIN_INICIAR,
                    motivo_estatus=_("Adoptado en la sesión."), **valores,
                )
                self.report.creados[str(Acuerdo._meta.verbose_name_plural)] += 1
                self.cambiar_estatus(acuerdo, estatus)
            else:
                acuerdo = self.upsert(Acuerdo, {"pk": acuerdo.pk}, valores)
                if self.update and acuerdo.estatus != estatus:
                    # A correction made now, not a change at the report's cut-off.
                    motor.compromiso_cambiar_estatus(
                        compromiso=acuerdo, estatus=estatus, fecha=timezone.localdate(),
                        motivo=_("Restablecido al estatus del registro de referencia."),
                    )
                    self.report.actualizados[str(Acuerdo._meta.verbose_name_plural)] += 1
            for grupo in item.get("grupos_responsables") or []:
                if not acuerdo.grupos_responsables.filter(grupo=grupo).exists():
                    motor.grupo_agregar(compromiso=acuerdo, grupo=grupo)
                    self.report.creados[str(GrupoResponsable._meta.verbose_name_plural)] += 1
            for clave in item.get("instituciones_responsables") or []:
                institucion = self.institucion(clave)
                if not acuerdo.seguimientos.filter(institucion=institucion).exists():
                    motor.responsable_agregar(compromiso=acuerdo, institucion=institucion)
                    self.report.creados[str(Seguimiento._meta.verbose_name_plural)] += 1
            for ref in item.get("objetivos") or []:
                objetivo = Objetivo.objects.get(programa__clave=ref["programa"], numero=ref["numero"])
                if not acuerdo.objetivos.filter(pk=objetivo.pk).exists():
                    acuerdo.objetivos.add(objetivo)
                    if not nuevo:
                        self.report.actualizados[str(Acuerdo._meta.verbose_name_plural)] += 1

    def cambiar_estatus(self, acuerdo, estatus):
        if acuerdo.estatus == estatus:
            return
        fecha = self.fecha_corte or acuerdo.sesion.fecha
        if isinstance(fecha, str):
            fecha = datetime.date.fromisoformat(fecha)
        motor.compromiso_cambiar_estatus(
            compromiso=acuerdo, estatus=estatus, fecha=max(fecha, acuerdo.sesion.fecha),
            motivo=self.data.get("motivo_estatus") or _("Estatus según el registro oficial."),
        )

    def participaciones(self):
        for item in self.data.get("participaciones", []):
            institucion = self.institucion(item["institucion"])
            acuerdo = Acuerdo.objects.get(numero=item["acuerdo"]) if item.get("acuerdo") else None
            self.upsert(
                Participacion, {"institucion": institucion, "rol": item["rol"], "desde": item["desde"]},
                {"hasta": item.get("hasta"), "acuerdo": acuerdo, "fundamento": item.get("fundamento") or ""},
            )


@transaction.atomic
def load_reference_data(path: Path | None = None, *, update: bool = False) -> LoadReport:
    """Load the record in ``path`` (by default every file of data/reference); all or nothing.

    Records that already exist are left as they are (coordination may have moved
    them on since), so running it twice changes nothing; ``update=True`` brings
    existing records back in line with the file, status changes going through the
    history like any other.
    """
    rutas = [path] if path is not None else [p for p in DEFAULT_FILES if p.exists()]
    report = LoadReport()
    for ruta in rutas:
        with open(ruta, encoding="utf-8") as handle:
            parcial = _Loader(yaml.safe_load(handle), update=update).run()
        report.creados.update(parcial.creados)
        report.actualizados.update(parcial.actualizados)
    return report
