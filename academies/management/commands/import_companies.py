"""`manage.py import_companies FICHIER.csv`: an INSEE Sirene StockEtablissement extract."""

from django.utils.translation import gettext as _

from academies.importers import companies_import

from ..csv_import import CsvImportCommand


class Command(CsvImportCommand):
    help = _(
        "Importe les entreprises d'un extrait CSV du stock des établissements Sirene de "
        "l'INSEE (séparateur « , » ou « ; »), en créant ou mettant à jour chaque "
        "établissement par son SIRET."
    )
    importer = staticmethod(companies_import)
    progress_label = _("Établissements Sirene")
    done_label = _("Import des entreprises (Sirene) :")
