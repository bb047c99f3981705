import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from sinteticos import generador as sinteticos


def _fecha(valor):
    try:
        return datetime.date.fromisoformat(valor)
    except ValueError as error:
        raise CommandError(f"Fecha no válida «{valor}»: use AAAA-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Generate a deterministic, realistic synthetic record (sessions, institutions, agreements, follow-up, "
        "reports, evidence files, observations, accounts of every role) for scale tests and the benchmark. "
        f"Every synthetic account ({sinteticos.PREFIJO_USUARIO}coordinacion1, {sinteticos.PREFIJO_USUARIO}"
        f"consulta1, {sinteticos.PREFIJO_USUARIO}enlace0001…) signs in with the password "
        f"«{sinteticos.CONTRASENA}». Never run it on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=20, help="Years of sessions, ending at the cut-off's year.")
        parser.add_argument("--acuerdos", type=int, default=3000, help="Agreements.")
        parser.add_argument("--institutions", type=int, default=300, help="Institutions.")
        parser.add_argument("--evidence", type=int, default=60000, help="Evidence files.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--hasta", type=_fecha, default=None,
                            help="Cut-off date AAAA-MM-DD: nothing is dated after it (default: today).")
        parser.add_argument(
            "--reuse", action="store_true",
            help="Succeed without changes when the database already holds a record generated with the same "
                 "seed and sizes (default: refuse any existing synthetic record).",
        )

    def handle(self, *args, years, acuerdos, institutions, evidence, seed, hasta, reuse, verbosity, **options):
        parametros = sinteticos.Parametros(
            hasta=hasta or timezone.localdate(), anios=years, acuerdos=acuerdos, instituciones=institutions,
            evidencias=evidence, semilla=seed,
        )
        inicio = time.perf_counter()
        try:
            resumen = sinteticos.generar(
                parametros, reutilizar=reuse, avisar=self.stdout.write if verbosity > 1 else None,
            )
        except sinteticos.ParametrosInvalidos as error:
            raise CommandError(str(error)) from error
        except sinteticos.DatosSinteticosExistentes as error:
            raise CommandError(
                f"La base de datos ya tiene datos sintéticos: {error.descripcion}. "
                + ("Use --reuse para conservarlos. " if error.mismos else "")
                + "Para generar otros, use una base de datos nueva (createdb y migrate)."
            ) from error
        except DatabaseError as error:
            raise CommandError(f"No se generaron los datos sintéticos (no se guardó nada): {error}") from error
        if resumen.reutilizado:
            self.stdout.write(f"Se conservan los datos sintéticos existentes: {resumen.descripcion}.")
            return
        self.stdout.write(f"{resumen.descripcion}: generados en {time.perf_counter() - inicio:.1f} s.")
        for nombre, cuantos in resumen.conteos.items():
            self.stdout.write(f"  {cuantos:>7} {nombre}")
        numero, cuantas = resumen.acuerdo_mas_responsables
        self.stdout.write(f"  Acuerdo con más instituciones responsables: {numero} ({cuantas}).")
        self.stdout.write(f"  Contraseña de las cuentas {sinteticos.PREFIJO_USUARIO}*: {sinteticos.CONTRASENA}")
