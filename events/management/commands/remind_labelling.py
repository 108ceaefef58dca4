"""Daily: remind draft owners that the labelling deadline is near, once per event."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from events.services.events import LABELLING_REMINDER_DAYS, events_remind_labelling


class Command(BaseCommand):
    help = _(
        "Rappelle aux organisateurs d'un brouillon de l'édition en cours que la date limite "
        "de labellisation approche ; un événement ne reçoit jamais deux rappels (à lancer "
        "chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=LABELLING_REMINDER_DAYS,
            help=_("Nombre de jours avant la date limite (7 par défaut)."),
        )

    def handle(self, *args, **options):
        count = events_remind_labelling(days_before=options["jours"])
        self.stdout.write(_("%(count)s rappel(s) envoyé(s).") % {"count": count})
