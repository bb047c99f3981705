from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from acuerdos import services
from sesiones.models import Sesion


class Command(BaseCommand):
    help = "Add the 'Seguimiento de acuerdos' item, with every open agreement, to a session's agenda."

    def add_arguments(self, parser):
        parser.add_argument("numero", type=int, help="Session number (e.g. 23)")
        parser.add_argument("--tipo", default="ordinaria", choices=[t for t, _ in Sesion.Tipo.choices])
        parser.add_argument("--revisados", type=int, nargs="*", default=None,
                            help="From the minutes: numbers of the agreements the session reviewed.")

    def handle(self, *args, numero, tipo, revisados, **options):
        try:
            sesion = Sesion.objects.get(numero=numero, tipo=tipo)
        except Sesion.DoesNotExist as error:
            raise CommandError(f"No existe la sesión {tipo} número {numero}.") from error
        revisiones = services.sesion_preparar_seguimiento(sesion=sesion)
        if revisados is not None:
            services.sesion_registrar_revisados(sesion=sesion, numeros=revisados)
        self.stdout.write(ngettext("%(sesion)s: %(n)s acuerdo en seguimiento.",
                                   "%(sesion)s: %(n)s acuerdos en seguimiento.", len(revisiones))
                          % {"sesion": sesion, "n": len(revisiones)})
