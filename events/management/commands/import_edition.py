"""`manage.py import_edition FICHIER`: take an edition back from its archive, all or nothing
(see export_edition and events/services/archives.py)."""

import gzip
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.services.archives import edition_import

GZIP_MAGIC = b"\x1f\x8b"


def archive_read(path: Path) -> dict:
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    return json.loads(data.decode("utf-8"))


class Command(BaseCommand):
    help = _("Importe l'archive d'une édition (écrite par export_edition).")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Archive .json ou .json.gz"))

    def handle(self, *args, path, **options):
        try:
            archive = archive_read(Path(path))
        except OSError as error:
            raise CommandError(_("Lecture impossible : %(error)s") % {"error": error}) from error
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Ce fichier n'est pas une archive JSON : %(error)s") % {"error": error}
            ) from error
        try:
            report = edition_import(archive=archive)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            _(
                "Édition %(year)s importée : %(events)d événement(s), %(sessions)d créneau(x), "
                "%(registrations)d inscription(s) ; %(schools)d établissement(s) et "
                "%(companies)d entreprise(s) ajoutés."
            )
            % {
                "year": report.year,
                "events": report.events,
                "sessions": report.sessions,
                "registrations": report.registrations,
                "schools": report.schools_created,
                "companies": report.companies_created,
            }
        )
        if not report.kept_event_ids and report.events:
            self.stdout.write(
                _("Les identifiants des événements étaient pris : ils ont été renumérotés.")
            )
        if report.ignored_columns:
            self.stdout.write(
                _("Colonnes inconnues ici, ignorées : %(columns)s.")
                % {"columns": ", ".join(sorted(report.ignored_columns))}
            )
