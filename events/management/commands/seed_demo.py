"""`manage.py seed_demo --events N --seed S [--if-empty]`: realistic demo data, in bulk, alive
on the day it is seeded (see `events.demo`)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Rows reported in the summary, in this order: (model label, label).
SUMMARY_ROWS = (
    ("events.Event", gettext_lazy("événements")),
    ("events.Session", gettext_lazy("créneaux")),
    ("events.ClassRegistration", gettext_lazy("inscriptions de classes")),
    ("events.EventStatusChange", gettext_lazy("changements de statut d'événements")),
    ("events.RegistrationStatusChange", gettext_lazy("changements de statut d'inscriptions")),
    ("academies.School", gettext_lazy("établissements scolaires")),
    ("academies.Company", gettext_lazy("entreprises")),
    ("users.User", gettext_lazy("utilisateurs")),
    ("academies.SchoolMembership", gettext_lazy("membres d'établissements")),
    ("academies.CompanyMembership", gettext_lazy("membres d'entreprises")),
    ("academies.AcademyStaff", gettext_lazy("personnels académiques")),
    ("academies.Partnership", gettext_lazy("partenariats école-entreprise")),
)
LINK_LABELS = ("events.Event_themes", "events.Event_audiences", "events.Event_action_types")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = _(
        "Crée des données de démonstration réalistes (établissements, entreprises, comptes, "
        "événements, créneaux, inscriptions) ; la même graine donne les mêmes données."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--events",
            type=_positive,
            default=500,
            help=_("Nombre d'événements à créer (500 par défaut)."),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2025,
            help=_("Graine du générateur (2025 par défaut)."),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Ne rien faire si des données de démonstration ou des événements existent."),
        )

    def handle(self, *args, events, seed, if_empty, **options):
        try:
            from events import demo
        except ImportError as error:  # Faker ships with the development dependencies
            raise CommandError(
                _(
                    "Dépendance manquante (%(name)s) : installez le projet avec « pip install -e "
                    "'.[dev]' »."
                )
                % {"name": error.name}
            ) from error

        if if_empty and demo.demo_data_exists():
            self.stdout.write(
                _("Des données existent déjà : aucune donnée de démonstration créée.")
            )
            if demo.demo_accounts_exist():
                demo.demo_accounts_verify()  # a demo seeded before verification was required
                self._write_accounts(demo)
            return
        progress = options["verbosity"] >= 1 and sys.stderr.isatty()
        started = time.perf_counter()
        try:
            result = demo.demo_seed(events=events, seed=seed, progress=progress)
        except demo.DemoSeedError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        counts = result.counts

        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Données de démonstration créées (graine %(seed)s) : %(rows)s lignes en "
                    "%(seconds)s s."
                )
                % {
                    "seed": seed,
                    "rows": number_format(total, force_grouping=True),
                    "seconds": number_format(elapsed, decimal_pos=1),
                }
            )
        )
        for label, name in SUMMARY_ROWS:
            self.stdout.write(
                f"  {number_format(counts.get(label, 0), force_grouping=True):>10}  {name}"
            )
        links = sum(counts.get(label, 0) for label in LINK_LABELS)
        self.stdout.write(
            f"  {number_format(links, force_grouping=True):>10}  "
            + _("liens thématiques, publics et types d'action")
        )
        for note in result.notes:
            self.stdout.write(note)
        self._write_accounts(demo)

    def _write_accounts(self, demo):
        self.stdout.write(
            _("Comptes de démonstration (mot de passe « %(password)s ») :")
            % {"password": demo.DEMO_PASSWORD}
        )
        for email, role in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {email} — {role}")
