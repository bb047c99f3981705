import datetime

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from avisos.services import enviar_recordatorios


class Command(BaseCommand):
    help = "E-mail the deadline reminders and the weekly coordination digest (the worker runs it daily at 7:00)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                            help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date, **options):
        enviados = enviar_recordatorios(date)
        self.stdout.write(ngettext("%(n)s correo enviado.", "%(n)s correos enviados.", enviados) % {"n": enviados})
