"""`manage.py import_schools FICHIER.csv`: the Annuaire de l'éducation open-data export."""

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
