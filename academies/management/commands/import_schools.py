"""`manage.py import_schools FICHIER.csv [--complet]`: the Annuaire de l'éducation export."""

from django.utils.translation import gettext as _

from academies.importers import schools_import

from ..csv_import import CsvImportCommand


class Command(CsvImportCommand):
    help = _(
        "Importe les établissements scolaires d'un export CSV de l'Annuaire de l'éducation "
        "(séparateur « ; »), en créant ou mettant à jour chaque établissement par son UAI."
    )
    importer = staticmethod(schools_import)
    progress_label = _("Établissements scolaires")
    done_label = _("Import des établissements scolaires (Annuaire de l'éducation) :")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--complet",
            dest="complete",
            action="store_true",
            help=_(
                "Le fichier est un export complet (national ou d'une académie) : les "
                "établissements ouverts des académies qu'il couvre et qu'il ne liste plus sont "
                "marqués fermés (jamais supprimés)."
            ),
        )

    def importer_options(self, *, encoding, complete=False, **options):
        return {"complete": complete}
