"""`manage.py erase_personal_data`: daily, erase the free-text needs of class registrations
and the contact details of events once their edition's retention period is over
(PERSONAL_DATA_RETENTION_DAYS after its accepted window). Idempotent; counts stay."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.services.retention import personal_data_erase


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        message = _("Date invalide : %(value)s (attendu AAAA-MM-JJ).") % {"value": value}
        raise CommandError(message) from None


class Command(BaseCommand):
    help = _(
        "Efface les besoins particuliers des inscriptions et les contacts des événements des "
        "éditions dont la durée de conservation est écoulée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=_day, help=_("Jour de référence (AAAA-MM-JJ) ; aujourd'hui par défaut.")
        )

    def handle(self, *args, **options):
        report = personal_data_erase(today=options["date"])
        years = ", ".join(map(str, report.editions)) or _("aucune")
        self.stdout.write(
            _(
                "Éditions concernées : %(years)s. Besoins effacés : %(registrations)d "
                "inscription(s) ; contacts effacés : %(events)d événement(s)."
            )
            % {"years": years, "registrations": report.registrations, "events": report.events}
        )
