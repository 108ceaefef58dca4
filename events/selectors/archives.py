"""An edition as a self-contained archive (`manage.py export_edition YEAR`), and its figures.

The archive is one JSON document that a fresh database (migrated: académies, départements,
themes, action types and audiences come with the migrations) can take back with
`import_edition` (services/archives.py):

    {"format": "semaine.edition-archive", "version": 1, "exported_at": …,
     "edition": {…, "focus_themes": [slug…], "published_figures": [{"kind": …, "value": …}]},
     "schools": [{"uai": …, "department": "38", …}], "companies": [{"siret": …}],
     "events": [{"id": …, "academy": "08", "department": "38", "company": siret, "school": uai,
                 "themes": [slug…], "action_types": […], "audiences": […],
                 "status_changes": [{"at": …, "from_status": …, "to_status": …, "reason": …}],
                 "sessions": [{…, "registrations": [{…, "school": uai, "status_changes": […]}]}]}],
     "statistics": edition_statistics(…)}

Every column of these models is written (new columns follow by themselves), foreign keys as
natural keys, except personal data: the teacher who registered a class, its free-text needs,
the events' contact details, who declared an event and who made each change. Registrations
are therefore anonymous; their head counts and statuses are all there.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Model, Prefetch, Sum
from django.utils import timezone

from academies.models import Company, School

from ..models import (
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    PublishedFigure,
    RegistrationStatusChange,
    Session,
)

ARCHIVE_FORMAT = "semaine.edition-archive"
ARCHIVE_VERSION = 1

# Personal data never written into an archive (and so never imported back).
PERSONAL_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Event: ("created_by", "contact_name", "contact_email", "contact_phone"),
    ClassRegistration: ("teacher", "needs"),
    EventStatusChange: ("by",),
    RegistrationStatusChange: ("by",),
}
# Columns an archive leaves out because the importing database sets them.
LOCAL_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Edition: ("is_current",),  # the edition staff put forward is the target's choice
    School: ("updated_at",),
    Company: ("updated_at",),
}
# The parent a nested row hangs under: implied by where it is in the archive.
PARENT_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Event: ("edition",),
    PublishedFigure: ("edition",),
    Session: ("event",),
    ClassRegistration: ("session", "event"),
    EventStatusChange: ("event",),
    RegistrationStatusChange: ("registration",),
}
EVENT_MANY_TO_MANY = ("action_types", "themes", "audiences")

SEAT_STATUSES = [status for status, _label in ClassRegistration.Status.choices]


def archive_value(value: Any) -> Any:
    """A column's value as JSON: dates and times in ISO 8601 (full precision, with offset)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def archive_fields(model: type[Model]) -> list:
    """The concrete columns an archive writes for `model` (not the primary key)."""
    skipped = set(PERSONAL_FIELDS.get(model, ())) | set(LOCAL_FIELDS.get(model, ()))
    skipped |= set(PARENT_FIELDS.get(model, ()))
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in skipped
    ]


def archive_row(instance: Model, *, keys: dict[str, Callable[[Model], Any]] | None = None):
    """One row: every archived column, each foreign key through `keys` (its natural key).
    A foreign key without a natural key is a programming error, caught by the tests."""
    keys = keys or {}
    row = {}
    for field in archive_fields(type(instance)):
        if field.is_relation:
            if field.name not in keys:
                raise ImproperlyConfigured(
                    f"{type(instance).__name__}.{field.name}: no natural key in the archive"
                )
            row[field.name] = keys[field.name](instance)
        else:
            row[field.name] = archive_value(field.value_from_object(instance))
    return row


def _history(changes) -> list[dict]:
    return [archive_row(change) for change in changes]


# --- Figures ---------------------------------------------------------------------------------


def edition_statistics(*, edition: Edition) -> dict:
    """What an edition counts: events by status, sessions, class registrations by status with
    their students, girls and adults, schools and companies taking part. A few aggregate
    queries, whatever the size of the edition; the import checks it gets the same."""
    events = Event.objects.filter(edition=edition)
    by_status = dict(events.order_by().values_list("status").annotate(count=Count("id")))
    registrations = ClassRegistration.objects.filter(session__event__edition=edition)
    per_status = {
        row["status"]: {
            "registrations": row["count"],
            "students": row["students"] or 0,
            "girls": row["girls"] or 0,
            "adults": row["adults"] or 0,
        }
        for row in registrations.order_by()
        .values("status")
        .annotate(
            count=Count("id"),
            students=Sum("students"),
            girls=Sum("girls"),
            adults=Sum("accompanying_adults"),
        )
    }
    participants = events.aggregate(
        companies=Count("company", distinct=True),
        organizing_schools=Count("school", distinct=True),
    )
    return {
        "events": sum(by_status.values()),
        "events_by_status": {status: by_status.get(status, 0) for status in Event.Status.values},
        "sessions": Session.objects.filter(event__edition=edition).count(),
        "registrations_by_status": {
            status: per_status.get(
                status, {"registrations": 0, "students": 0, "girls": 0, "adults": 0}
            )
            for status in SEAT_STATUSES
        },
        "registering_schools": registrations.aggregate(n=Count("school", distinct=True))["n"],
        "companies": participants["companies"],
        "organizing_schools": participants["organizing_schools"],
    }


# --- The archive -----------------------------------------------------------------------------


def _archive_events(edition: Edition):
    registrations = ClassRegistration.objects.select_related("school").prefetch_related(
        Prefetch("status_changes", RegistrationStatusChange.objects.order_by("at", "id"))
    )
    return (
        Event.objects.filter(edition=edition)
        .select_related("academy", "department", "company", "school")
        .prefetch_related(
            *EVENT_MANY_TO_MANY,
            Prefetch("status_changes", EventStatusChange.objects.order_by("at", "id")),
            Prefetch("sessions", Session.objects.order_by("starts_at", "id")),
            Prefetch("sessions__registrations", registrations.order_by("created_at", "id")),
        )
        .order_by("id")
    )


def edition_archive(*, edition: Edition) -> dict:
    """The whole edition as one JSON-ready dict (see the module's docstring)."""
    events = list(_archive_events(edition))
    school_ids = {event.school_id for event in events if event.school_id}
    company_ids = {event.company_id for event in events if event.company_id}
    event_rows = []
    for event in events:
        row = {"id": event.pk} | archive_row(
            event,
            keys={
                "academy": lambda e: e.academy.code,
                "department": lambda e: e.department.code,
                "company": lambda e: e.company.siret if e.company_id else None,
                "school": lambda e: e.school.uai if e.school_id else None,
                # The event of an earlier edition this one renews: its id, linked back on
                # import when that event is there too.
                "renewed_from": lambda e: e.renewed_from_id,
            },
        )
        for name in EVENT_MANY_TO_MANY:
            row[name] = sorted(item.slug for item in getattr(event, name).all())
        row["status_changes"] = _history(event.status_changes.all())
        row["sessions"] = []
        for session in event.sessions.all():
            session_row = archive_row(session)
            session_row["registrations"] = []
            for registration in session.registrations.all():
                school_ids.add(registration.school_id)
                registration_row = archive_row(
                    registration, keys={"school": lambda r: r.school.uai}
                )
                registration_row["status_changes"] = _history(registration.status_changes.all())
                session_row["registrations"].append(registration_row)
            row["sessions"].append(session_row)
        event_rows.append(row)

    department_code = {"department": lambda place: place.department.code}
    schools = School.objects.filter(pk__in=school_ids).select_related("department")
    companies = Company.objects.filter(pk__in=company_ids).select_related("department")
    edition_row = archive_row(edition)
    edition_row["focus_themes"] = sorted(theme.slug for theme in edition.focus_themes.all())
    # The figures the organizers or the press published, with their sources.
    edition_row["published_figures"] = [
        archive_row(figure) for figure in edition.published_figures.order_by("kind")
    ]
    return {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "exported_at": timezone.now().isoformat(),
        "edition": edition_row,
        "schools": [archive_row(s, keys=department_code) for s in schools.order_by("uai")],
        "companies": [archive_row(c, keys=department_code) for c in companies.order_by("siret")],
        "events": event_rows,
        "statistics": edition_statistics(edition=edition),
    }
