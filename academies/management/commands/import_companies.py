"""`manage.py import_companies ETABLISSEMENTS.csv [--unites-legales UNITES.csv] [--industrie]`:
an INSEE Sirene StockEtablissement extract, named from StockUniteLegale."""

from django.utils.translation import gettext as _

from academies.importers import companies_import

from ..csv_import import CsvImportCommand, FileLines, open_check


class Command(CsvImportCommand):
    help = _(
        "Importe les entreprises d'un extrait CSV du stock des établissements Sirene de "
        "l'INSEE (séparateur « , » ou « ; »), en créant ou mettant à jour chaque "
        "établissement par son SIRET. Les établissements en diffusion partielle sont "
        "enregistrés sans leur adresse (la commune seulement)."
    )
    importer = staticmethod(companies_import)
    progress_label = _("Établissements Sirene")
    done_label = _("Import des entreprises (Sirene) :")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--unites-legales",
            dest="legal_units",
            metavar="UNITES.csv",
            help=_(
                "Stock des unités légales Sirene (StockUniteLegale) : le nom de l'entreprise "
                "quand l'établissement n'a ni enseigne ni nom d'usage. Les deux fichiers sont "
                "lus en flux, sans être chargés en mémoire."
            ),
        )
        parser.add_argument(
            "--industrie",
            dest="industry_only",
            action="store_true",
            help=_(
                "Ne garde que les établissements industriels (NAF sections B à E, divisions "
                "05 à 39) ; les autres sont comptés comme écartés."
            ),
        )

    def importer_options(self, *, encoding, legal_units=None, industry_only=False, **options):
        extra = {"industry_only": industry_only}
        if legal_units:
            open_check(legal_units)
            extra["legal_unit_lines"] = FileLines(legal_units, encoding=encoding)
        return extra
