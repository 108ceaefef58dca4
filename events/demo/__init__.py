"""Realistic demo data, alive on whatever day it is seeded (`manage.py seed_demo`).

`demo_seed(events=N, seed=S)`, in one transaction:

1. `editions`: chooses the edition the demo lives in (dating it around today when its dates
   are unknown) and makes it the current one;
2. `builder`: the bulk volume, N events over every edition that has dates, with their
   schools, companies, people, sessions and registrations, written by `loader` (COPY on
   PostgreSQL); the static pools are in `data` and `texts`;
3. `living`: the demo accounts' own events and registrations in the current edition, made
   through the real services (their e-mails dropped).

Every status history follows `events.rules.transitions` and no session holds more confirmed
students than its capacity (`events.rules.capacity`). The same seed on the same day gives the
same events; the demo accounts are described in `accounts`.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from semaine.users.models import User
from semaine.users.services import user_email_verify

from ..cache import public_cache_invalidate
from ..models import Edition, Event
from .accounts import (
    DEMO_ACADEMY_STAFF_EMAIL,
    DEMO_ACCOUNTS,
    DEMO_ADMIN_EMAIL,
    DEMO_ORGANIZER_EMAIL,
    DEMO_PASSWORD,
    DEMO_SCHOOL,
    DEMO_TEACHER_EMAIL,
)
from .builder import LOADED_MODELS, DemoBuilder
from .editions import demo_edition_prepare
from .errors import DemoSeedError
from .identifiers import siret_build, uai_build
from .living import LIVING_EVENTS, living_seed
from .loader import tables_analyze

__all__ = [
    "DEMO_ACADEMY_STAFF_EMAIL",
    "DEMO_ACCOUNTS",
    "DEMO_ADMIN_EMAIL",
    "DEMO_ORGANIZER_EMAIL",
    "DEMO_PASSWORD",
    "DEMO_SCHOOL",
    "DEMO_TEACHER_EMAIL",
    "DemoSeedError",
    "DemoSeedResult",
    "demo_accounts_exist",
    "demo_data_exists",
    "demo_seed",
    "siret_build",
    "uai_build",
]

# The notifications the services enqueue while seeding go nowhere: the demo addresses are
# not real (@semaine.test), and every e-mail leaves through a task (DESIGN.md).
SILENT_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@dataclass
class DemoSeedResult:
    edition: Edition  # the current edition, where the demo lives
    notes: list[str] = field(default_factory=list)  # what was done to editions, in French
    counts: dict[str, int] = field(default_factory=dict)  # rows written per model label


@contextmanager
def notifications_dropped():
    """Tasks enqueued inside the block, or by on-commit callbacks run inside it, go nowhere.

    The seeding's commit happens inside the block; a caller wrapping `demo_seed` in its own
    transaction commits later, outside it, and would send them.
    """
    with override_settings(TASKS=SILENT_TASKS):
        yield


def demo_accounts_exist() -> bool:
    return User.objects.filter(email=DEMO_ADMIN_EMAIL).exists()


def demo_accounts_verify() -> None:
    """The demo accounts' addresses are confirmed: they sign in where verification is
    mandatory. Idempotent (`seed_demo --if-empty` runs it on an existing demo too)."""
    for user in User.objects.filter(email__in=[email for email, _role in DEMO_ACCOUNTS]):
        user_email_verify(user=user)


def demo_data_exists() -> bool:
    """The demo accounts are there, or the database already holds events."""
    return demo_accounts_exist() or Event.objects.exists()


def demo_seed(*, events: int, seed: int, progress: bool = False) -> DemoSeedResult:
    """Create `events` events and everything around them, alive today, in one transaction.

    Deterministic for a given seed, day and database content.
    """
    if events < 1:
        raise DemoSeedError(_("Le nombre d'événements doit être au moins 1."))
    if demo_accounts_exist():
        raise DemoSeedError(
            _(
                "Les données de démonstration existent déjà (compte %(email)s). Utilisez une "
                "base vide, ou --if-empty pour ne rien faire dans ce cas."
            )
            % {"email": DEMO_ADMIN_EMAIL}
        )
    with notifications_dropped(), transaction.atomic():
        chosen = demo_edition_prepare(today=timezone.localdate())
        # `events` in all: the living set's and the bulk volume's.
        bulk = max(1, events - len(LIVING_EVENTS))
        builder = DemoBuilder(
            events=bulk, seed=seed, current_edition=chosen.edition, progress=progress
        )
        counts = builder.run()
        for label, rows in living_seed(edition=chosen.edition, seed=seed).items():
            counts[label] = counts.get(label, 0) + rows
        demo_accounts_verify()
        transaction.on_commit(public_cache_invalidate)
    tables_analyze(LOADED_MODELS)
    return DemoSeedResult(edition=chosen.edition, notes=chosen.notes(), counts=counts)
