"""`manage.py export_edition YEAR [--output FICHIER]`: one edition as a complete archive.

A JSON file (gzip-compressed when its name ends in .gz) with the edition, its events,
sessions, anonymous class registrations, histories, the schools and companies they involve,
and its figures; `import_edition` takes it back, into this database or a fresh one. See
events/selectors/archives.py for what it holds and what it leaves out (personal data).
"""

import gzip
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.models import Edition
from events.selectors.archives import edition_archive


class Command(BaseCommand):
    help = _("Exporte une édition complète dans une archive JSON réimportable.")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help=_("Année de l'édition"))
        parser.add_argument(
            "--output",
            "-o",
            help=_(
                "Fichier à écrire (.json ou .json.gz) ; « - » : la sortie standard. "
                "Par défaut : edition-ANNÉE.json.gz."
            ),
        )

    def handle(self, *args, year, output=None, **options):
        try:
            edition = Edition.objects.get(year=year)
        except Edition.DoesNotExist:
            raise CommandError(_("Aucune édition %(year)s.") % {"year": year}) from None
        archive = edition_archive(edition=edition)
        text = json.dumps(archive, ensure_ascii=False, indent=1, sort_keys=True)
        if output == "-":
            sys.stdout.write(text + "\n")
            return
        path = Path(output or f"edition-{year}.json.gz")
        data = (text + "\n").encode()
        path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
        figures = archive["statistics"]
        registrations = sum(
            row["registrations"] for row in figures["registrations_by_status"].values()
        )
        self.stdout.write(
            _(
                "Édition %(year)s exportée dans %(path)s : %(events)d événement(s), "
                "%(sessions)d créneau(x), %(registrations)d inscription(s) anonymisée(s)."
            )
            % {
                "year": year,
                "path": path,
                "events": figures["events"],
                "sessions": figures["sessions"],
                "registrations": registrations,
            }
        )
