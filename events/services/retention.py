"""Erase the personal free text of past editions; counts stay for the statistics."""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import ClassRegistration, Edition, Event
from ..rules.retention import personal_data_erasure_date

logger = logging.getLogger(__name__)

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


@dataclass(frozen=True)
class ErasureReport:
    editions: tuple[int, ...]  # years whose retention period is over
    registrations: int  # registrations whose needs were erased by this run
    events: int  # events whose contact details were erased by this run


@transaction.atomic
def personal_data_erase(*, today: datetime.date | None = None) -> ErasureReport:
    """Erase the free-text needs of the class registrations and the contact details of the
    events of every edition whose retention period ended by `today` (the site's today).

    Idempotent: a second run the same day erases nothing more. Registrations and events stay,
    with their statuses and head counts (students, girls, adults): the statistics are intact.
    Bulk updates: no model rule reads these fields, and no status changes.
    """
    today = today or timezone.localdate()
    expired = [
        edition
        for edition in Edition.objects.all()
        if (day := personal_data_erasure_date(edition=edition)) is not None and day <= today
    ]
    registrations = (
        ClassRegistration.objects.filter(session__event__edition__in=expired)
        .exclude(needs="")
        .update(needs="")
    )
    events = (
        Event.objects.filter(edition__in=expired)
        .exclude(**dict.fromkeys(CONTACT_FIELDS, ""))
        .update(**dict.fromkeys(CONTACT_FIELDS, ""))
    )
    report = ErasureReport(
        editions=tuple(sorted(edition.year for edition in expired)),
        registrations=registrations,
        events=events,
    )
    logger.info(
        "personal data erased: %s registrations' needs, %s events' contacts (editions %s)",
        registrations,
        events,
        ", ".join(map(str, report.editions)) or "none",
        extra={"registrations": registrations, "events": events},
    )
    return report
