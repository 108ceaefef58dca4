"""Daily: remind each confirmed class of its session two days ahead, once."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from events.services.registrations import registrations_remind


class Command(BaseCommand):
    help = _(
        "Envoie le rappel des créneaux qui commencent dans les 48 heures aux classes "
        "confirmées ; une classe ne reçoit jamais deux rappels (à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        count = registrations_remind()
        self.stdout.write(_("%(count)s rappel(s) envoyé(s).") % {"count": count})
