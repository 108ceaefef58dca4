"""`CsvImportCommand`: the shell both import commands share.

Open the file, draw a progress bar on stderr, call the importer, print the French report.
"""

import codecs
import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from tqdm import tqdm

from academies.importers import (
    DEFAULT_BATCH_SIZE,
    ImportFileError,
    decoded_lines,
)


class FileLines:
    """The decoded lines of a file, opened again on each iteration (an importer may read
    a file twice); `handle` is the file being read, for the progress bar."""

    def __init__(self, path: str, *, encoding: str):
        self.path = path
        self.encoding = encoding
        self.handle = None

    def __iter__(self):
        with open(self.path, "rb") as handle:
            self.handle = handle
            yield from decoded_lines(handle, encoding=self.encoding)


def open_check(path: str) -> int:
    """The size of a readable file; a CommandError in French otherwise."""
    if not os.path.isfile(path):
        raise CommandError(_("Fichier introuvable : %(path)s") % {"path": path})
    try:
        with open(path, "rb"):
            return os.path.getsize(path)
    except OSError as error:
        raise CommandError(
            _("Impossible d'ouvrir %(path)s : %(error)s") % {"path": path, "error": error.strerror}
        ) from None


class CsvImportCommand(BaseCommand):
    """Run one importer of `academies.importers` on a CSV file; subclasses set the three below
    and may add options, passed on by `importer_options`."""

    importer = None  # staticmethod(schools_import) or staticmethod(companies_import)
    progress_label = ""
    done_label = ""

    def importer_options(self, *, encoding: str, **options) -> dict:
        """Keyword arguments of the importer for the subclass's own options."""
        return {}

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Fichier CSV à importer."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Lit et contrôle le fichier, compte ce qui changerait, n'enregistre rien."),
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help=_("Sans barre de progression (elle est aussi masquée hors terminal)."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=_("Lignes écrites par transaction (%(default)s par défaut)."),
        )
        parser.add_argument(
            "--encoding",
            default="utf-8-sig",
            help=_("Encodage du fichier (UTF-8, avec ou sans BOM, par défaut)."),
        )

    def handle(self, *args, file, dry_run, no_progress, batch_size, encoding, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size doit être un entier positif."))
        if not os.path.isfile(file):
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": file})
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CommandError(
                _("Encodage inconnu : %(encoding)s") % {"encoding": encoding}
            ) from None
        size = open_check(file)
        extra = self.importer_options(encoding=encoding, **options)
        lines = FileLines(file, encoding=encoding)

        stream = getattr(self.stderr, "_out", sys.stderr)
        show_progress = not no_progress and hasattr(stream, "isatty") and stream.isatty()
        started = time.monotonic()
        with tqdm(
            total=size,
            desc=self.progress_label,
            unit="o",
            unit_scale=True,
            unit_divisor=1024,
            file=stream,
            disable=not show_progress,
            leave=False,
        ) as bar:

            def advance(report):
                # With DEBUG on, Django keeps every query's SQL: drop it batch after batch.
                reset_queries()
                if lines.handle is not None and not lines.handle.closed:
                    bar.update(lines.handle.tell() - bar.n)

            try:
                report = self.importer(
                    lines=lines,
                    dry_run=dry_run,
                    batch_size=batch_size,
                    on_batch=advance,
                    **extra,
                )
            except ImportFileError as error:
                message = " ".join(error.messages)
                if error.report is not None and error.report.rows and not dry_run:
                    message += " " + _(
                        "Déjà enregistré avant l'erreur (relancer l'import est sans risque) : "
                        "créés : %(created)d, mis à jour : %(updated)d."
                    ) % {"created": error.report.created, "updated": error.report.updated}
                raise CommandError(message) from None
        elapsed = time.monotonic() - started

        self.stdout.write(self.done_label)
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(
            _("Durée : %(seconds)s s (%(rate)s lignes/s)")
            % {
                "seconds": number_format(elapsed, 1),
                "rate": number_format(report.rows / elapsed if elapsed else 0, 0),
            }
        )
