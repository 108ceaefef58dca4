"""The statistics dashboard of the back office (/admin/statistiques/): events, moderation
delays, sessions, registrations, mixité and participants, for one edition and a scope of
académies (None: all of them).

Every figure is counted by the database (COUNT / SUM with GROUP BY and conditional
aggregation); Python only reads the grouped rows, whose number depends on the reference
data (editions, action types, levels, académies…), never on the number of events. The
moderation delay is grouped by (submission day, decision day, académie) in the database,
then each distinct pair of days is turned into working days (public holidays come from the
`holidays` library, not from a table).
"""

import zoneinfo
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from academies.models import TIME_ZONE_CHOICES, Company, School
from semaine.queries import analytic_queries

from ..models import ClassRegistration, Edition, Event, EventStatusChange, Session
from ..rules.working_days import (
    MODERATION_TARGET_DAYS,
    OVERSEAS_SUBDIVISIONS,
    working_days_between,
)

Status = Event.Status
ACTIVE = ClassRegistration.ACTIVE_STATUSES
DECISIONS = (Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.REJECTED)


def _share(part, whole) -> float | None:
    """part / whole, None when nothing is known (no division by zero, no invented 0 %)."""
    if not whole or part is None:
        return None
    return part / whole


def _scoped(queryset: QuerySet, *, academies, lookup: str) -> QuerySet:
    if academies is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": academies})


# --- events ---------------------------------------------------------------------------------


def _event_counts(prefix: str = "") -> dict:
    """Conditional counts of events by status; `prefix` is the path to the event."""

    def status(*values):
        return Q(**{f"{prefix}status__in": values})

    pk = f"{prefix}pk" if prefix else "pk"
    return {
        "declared": Count(pk, distinct=bool(prefix)),
        "submitted": Count(
            pk, filter=Q(**{f"{prefix}submitted_at__isnull": False}), distinct=bool(prefix)
        ),
        "awaiting": Count(pk, filter=status(Status.SUBMITTED), distinct=bool(prefix)),
        "labelled": Count(pk, filter=status(Status.PUBLISHED), distinct=bool(prefix)),
        "changes_requested": Count(
            pk, filter=status(Status.CHANGES_REQUESTED), distinct=bool(prefix)
        ),
        "rejected": Count(pk, filter=status(Status.REJECTED), distinct=bool(prefix)),
        "cancelled": Count(pk, filter=status(Status.CANCELLED), distinct=bool(prefix)),
    }


def statistics_events_by_edition(*, academies=None) -> list[dict]:
    """Events by status and organizing companies (of a declared event, drafts aside, as in
    the participants), one row per edition (newest first): the evolution table, and the
    selected edition's status counts. One query."""
    events = _scoped(Event.objects.all(), academies=academies, lookup="academy")
    return list(
        events.values(year=F("edition__year"))
        .annotate(
            **_event_counts(),
            companies=Count("company", distinct=True, filter=~Q(status=Status.DRAFT)),
        )
        .order_by("-year")
    )


def statistics_events_by(*, edition: Edition, academies=None, dimension: str) -> list[dict]:
    """Declared and labelled events of `edition` by action type, theme or département (each
    event counts once in each of its types or themes). One query."""
    paths = {
        "action_type": ("action_types__pk", "action_types__name"),
        "theme": ("themes__pk", "themes__name"),
        "department": ("department__code", "department__name"),
    }
    key, name = paths[dimension]
    events = _scoped(
        Event.objects.filter(edition=edition), academies=academies, lookup="academy"
    ).filter(**{f"{key}__isnull": False})
    return list(
        events.values(key=F(key), name=F(name))
        .annotate(
            declared=Count("pk"),
            labelled=Count("pk", filter=Q(status=Status.PUBLISHED)),
        )
        .order_by("-declared", "name")
    )


def _local_date(field: str, *, zone_field: str):
    """The calendar day of the datetime `field` in the académie's own zone (`zone_field`:
    the path to its `time_zone`), the way the queue counts days: a CASE over the few zones
    the académies can have."""
    return Case(
        *(
            When(**{zone_field: zone}, then=TruncDate(field, tzinfo=zoneinfo.ZoneInfo(zone)))
            for zone, _label in TIME_ZONE_CHOICES
        ),
        default=TruncDate(field),
    )


def statistics_moderation_delay(*, edition: Edition, academies=None) -> dict:
    """Decisions (labelled, changes requested, rejected) taken on a submission of `edition`,
    their median delay in working days and the share taken within the target. One query,
    grouped by (submission day, decision day, holiday calendar): metropolitan académies
    share one calendar, so the groups are a few thousand whatever the number of events, and
    each is counted in constant time (`working_days_between`)."""
    submission = (
        EventStatusChange.objects.filter(
            event=OuterRef("event"), to_status=Status.SUBMITTED, at__lte=OuterRef("at")
        )
        .order_by("-at")
        .values("at")[:1]
    )
    decisions = _scoped(
        EventStatusChange.objects.filter(
            event__edition=edition, from_status=Status.SUBMITTED, to_status__in=DECISIONS
        ),
        academies=academies,
        lookup="event__academy",
    )
    zone = "event__academy__time_zone"
    calendar = Case(
        *(When(event__academy__code=code, then=Value(code)) for code in OVERSEAS_SUBDIVISIONS),
        default=Value(""),
    )
    groups = (
        decisions.annotate(
            submitted=Coalesce(
                F("submitted_at"),  # recorded with the decision since migration 0015
                Subquery(submission, output_field=DateTimeField()),
                F("event__submitted_at"),
            )
        )
        .values(
            start=_local_date("submitted", zone_field=zone),
            end=_local_date("at", zone_field=zone),
            calendar=calendar,
        )
        .annotate(count=Count("pk"))
        .order_by()
    )
    delays: dict[int, int] = {}
    for group in groups:  # distinct (day, day, calendar) triples, not rows
        if group["start"] is None:  # imported without its submission: no delay known
            continue
        days = working_days_between(
            group["start"], group["end"], academy_code=group["calendar"] or None
        )
        delays[days] = delays.get(days, 0) + group["count"]
    total = sum(delays.values())
    within = sum(count for days, count in delays.items() if days <= MODERATION_TARGET_DAYS)
    return {
        "decisions": total,
        "median": _weighted_median(delays),
        "within_target": within,
        "within_target_share": _share(within, total),
        "target_days": MODERATION_TARGET_DAYS,
    }


def _weighted_median(counts: dict[int, int]) -> float | None:
    """The median of a distribution given as {value: how many times}."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def value_at(rank):  # 0-based rank in the sorted values
        seen = 0
        for value, count in ordered:
            seen += count
            if rank < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return float(value_at(total // 2))
    return (value_at(total // 2 - 1) + value_at(total // 2)) / 2


# --- sessions, registrations, mixité -------------------------------------------------------


def statistics_sessions(*, edition: Edition, academies=None) -> dict:
    """Sessions of the labelled events, places offered, attendance reported. One query."""
    sessions = _scoped(
        Session.objects.filter(event__edition=edition, event__status=Status.PUBLISHED),
        academies=academies,
        lookup="event__academy",
    )
    reported = Q(attendance_reported_at__isnull=False)
    girls_known = reported & Q(participants_girls__isnull=False)
    row = sessions.aggregate(
        sessions=Count("pk"),
        places=Sum("capacity"),
        unlimited=Count("pk", filter=Q(capacity__isnull=True)),
        reported=Count("pk", filter=reported),
        present=Sum("participants", filter=reported),
        present_girls=Sum("participants_girls", filter=girls_known),
        present_girls_known=Sum("participants", filter=girls_known),
    )
    row["places"] = row["places"] or 0
    row["present"] = row["present"] or 0
    row["present_girls_share"] = _share(row["present_girls"], row["present_girls_known"])
    return row


def _registration_sums() -> dict:
    active = Q(status__in=ACTIVE)
    confirmed = Q(status=ClassRegistration.Status.CONFIRMED)
    waitlisted = Q(status=ClassRegistration.Status.WAITLISTED)
    girls_known = active & Q(girls__isnull=False)
    return {
        "classes": Count("pk", filter=active),
        "pupils": Sum("students", filter=active),
        "confirmed_classes": Count("pk", filter=confirmed),
        "confirmed_pupils": Sum("students", filter=confirmed),
        "waitlisted_classes": Count("pk", filter=waitlisted),
        "waitlisted_pupils": Sum("students", filter=waitlisted),
        "girls_registered": Sum("girls", filter=girls_known),
        "girls_known": Sum("students", filter=girls_known),
    }


#: figures that add up from one group to a larger one (unlike a count of distinct schools)
REGISTRATION_SUMS = tuple(_registration_sums())


def _registration_figures() -> dict:
    return {
        **_registration_sums(),
        "schools_registering": Count("school", filter=Q(status__in=ACTIVE), distinct=True),
    }


def _with_shares(row: dict) -> dict:
    for key in ("pupils", "confirmed_pupils", "waitlisted_pupils"):
        if key in row:
            row[key] = row[key] or 0
    row["girls_share"] = _share(row.get("girls_registered"), row.get("girls_known"))
    return row


def _added_up(rows) -> dict:
    """The sums of several groups (a sum of girls stays unknown if every group's is)."""
    total = {}
    for key in REGISTRATION_SUMS:
        values = [row[key] for row in rows if row[key] is not None]
        total[key] = sum(values) if values else (None if key.startswith("girls") else 0)
    return total


def statistics_registrations(*, academies=None) -> list[dict]:
    """Registrations summed by (edition year, académie of the event, class level), every
    edition: the one pass over the registrations from which the dashboard adds up the
    evolution by edition, the edition's totals, its mixité by level and its comparison by
    académie. One query; its rows are at most editions × académies × levels."""
    registrations = _scoped(
        ClassRegistration.objects.all(), academies=academies, lookup="event__academy"
    )
    return list(
        registrations.values(
            "class_level",
            year=F("event__edition__year"),
            academy_key=F("event__academy_id"),
        )
        .annotate(**_registration_sums())
        .order_by()
    )


def statistics_schools_registering(*, academies=None) -> dict[int, int]:
    """Schools with at least one class registered (pending, confirmed or waitlisted), by
    edition year: distinct schools do not add up, hence a query of their own."""
    registrations = _scoped(
        ClassRegistration.objects.filter(status__in=ACTIVE),
        academies=academies,
        lookup="event__academy",
    )
    rows = registrations.values(year=F("event__edition__year")).annotate(
        schools=Count("school", distinct=True)
    )
    return {row["year"]: row["schools"] for row in rows.order_by()}


def _registrations_by_year(cube, schools: dict[int, int]) -> dict[int, dict]:
    years: dict[int, list] = {}
    for row in cube:
        years.setdefault(row["year"], []).append(row)
    return {
        year: _with_shares(
            {"year": year, **_added_up(rows), "schools_registering": schools.get(year, 0)}
        )
        for year, rows in years.items()
    }


def statistics_edition_summary(*, edition: Edition) -> dict:
    """The public summary of an edition's participation (its archive page): students of the
    classes registered and the share of girls among them — the dashboard's figures, one
    aggregate query."""
    row = ClassRegistration.objects.filter(event__edition=edition).aggregate(
        **_registration_figures()
    )
    return _with_shares(row)


def _mixite_by_level(cube, *, year: int) -> list[dict]:
    """Registered students and the share of girls by class level, added up from the
    registrations' groups (attendance is reported per session, not per class: present
    students have no level)."""
    labels = dict(ClassRegistration.Level.choices)
    order = list(labels)
    levels: dict[str, list] = {}
    for row in cube:
        if row["year"] == year:
            levels.setdefault(row["class_level"], []).append(row)
    result = [
        _with_shares({"class_level": level, "name": labels.get(level, level), **_added_up(rows)})
        for level, rows in levels.items()
    ]
    result = [row for row in result if row["classes"]]  # cancelled classes only: no row
    result.sort(
        key=lambda row: order.index(row["class_level"]) if row["class_level"] in order else 99
    )
    return result


def statistics_mixite_by_action_type(*, edition: Edition, academies=None) -> list[dict]:
    """By action type: registered students and girls among them, present students and girls
    among them. Two queries (registrations and attendance are summed apart, so that no
    join multiplies the other's rows)."""
    registrations = _scoped(
        ClassRegistration.objects.filter(
            event__edition=edition,
            status__in=ACTIVE,
            event__action_types__isnull=False,
        ),
        academies=academies,
        lookup="event__academy",
    )
    registered = registrations.values(
        key=F("event__action_types__pk"), name=F("event__action_types__name")
    ).annotate(
        pupils=Sum("students"),
        girls_registered=Sum("girls", filter=Q(girls__isnull=False)),
        girls_known=Sum("students", filter=Q(girls__isnull=False)),
    )
    sessions = _scoped(
        Session.objects.filter(
            event__edition=edition,
            attendance_reported_at__isnull=False,
            event__action_types__isnull=False,
        ),
        academies=academies,
        lookup="event__academy",
    )
    known = Q(participants_girls__isnull=False)
    present = sessions.values(
        key=F("event__action_types__pk"), name=F("event__action_types__name")
    ).annotate(
        present=Sum("participants"),
        present_girls=Sum("participants_girls", filter=known),
        present_girls_known=Sum("participants", filter=known),
    )
    rows: dict = {}
    for row in list(registered) + list(present):
        rows.setdefault(row["key"], {"name": row["name"]}).update(row)
    result = []
    for row in rows.values():
        row.setdefault("pupils", 0)
        row.setdefault("present", 0)
        row["girls_share"] = _share(row.get("girls_registered"), row.get("girls_known"))
        row["present_girls_share"] = _share(
            row.get("present_girls"), row.get("present_girls_known")
        )
        result.append(row)
    return sorted(result, key=lambda row: (-(row["pupils"] or 0), row["name"]))


# --- participants --------------------------------------------------------------------------


def _schools_involved(*, edition: Edition, academies) -> Q:
    """Schools registering a class on, or organizing, an event of `edition` in scope.

    `pk IN (…)` rather than correlated EXISTS: PostgreSQL hashes each subquery once
    (an OR of EXISTS would be re-run for every school: 1.8 s at 100,000 events)."""
    registering = _scoped(
        ClassRegistration.objects.filter(event__edition=edition, status__in=ACTIVE),
        academies=academies,
        lookup="event__academy",
    ).values("school_id")
    organizing = _scoped(
        Event.objects.filter(edition=edition, school__isnull=False).exclude(status=Status.DRAFT),
        academies=academies,
        lookup="academy",
    ).values("school_id")
    return Q(pk__in=registering) | Q(pk__in=organizing)


def _companies_involved(*, edition: Edition, academies) -> Q:
    organizing = _scoped(
        Event.objects.filter(edition=edition, company__isnull=False).exclude(status=Status.DRAFT),
        academies=academies,
        lookup="academy",
    ).values("company_id")
    return Q(pk__in=organizing)


def statistics_participants(*, edition: Edition, previous: Edition | None, academies=None) -> dict:
    """Schools (registering a class or organizing) and companies (organizing a declared
    event, drafts aside) involved in `edition`, and how many of them were not involved in
    `previous`. Two queries."""
    figures = {}
    for key, model, involved in (
        ("schools", School, _schools_involved),
        ("companies", Company, _companies_involved),
    ):
        now = involved(edition=edition, academies=academies)
        before = None if previous is None else involved(edition=previous, academies=academies)
        # rows already filtered by `now`: the FILTER only tests `before` (each subquery
        # is hashed once; repeating `now` in it would compute it twice)
        row = model.objects.filter(now).aggregate(
            involved=Count("pk"),
            first_time=Count("pk", filter=None if before is None else ~before),
        )
        figures[key] = row["involved"]
        figures[f"{key}_first_time"] = row["first_time"] if previous else None
    return figures


# --- comparison by académie ----------------------------------------------------------------


def statistics_by_academy(*, edition: Edition, cube, every_academy=()) -> list[dict]:
    """For national staff: every académie's events, registrations and share of girls in
    `edition`; the registrations are added up from `cube` (`statistics_registrations`
    over all académies); the académies of `every_academy` without any event get their row of
    zeros. One query."""
    events = (
        Event.objects.filter(edition=edition)
        .values(key=F("academy__pk"), name=F("academy__name"))
        .annotate(**_event_counts())
    )
    rows: dict = {
        academy.pk: {
            "key": academy.pk,
            "name": academy.name,
            **dict.fromkeys(_event_counts(), 0),
            **_added_up([]),
        }
        for academy in every_academy
    }
    rows.update({row["key"]: {**row, **_added_up([])} for row in events})
    academies: dict[int, list] = {}
    for row in cube:
        if row["year"] == edition.year:
            academies.setdefault(row["academy_key"], []).append(row)
    for key, groups in academies.items():
        if key in rows:  # a class registers on an event: its académie has a row above
            rows[key].update(_added_up(groups))
    return sorted((_with_shares(row) for row in rows.values()), key=lambda row: row["name"])


# --- the dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    edition: Edition
    previous: Edition | None
    events: dict
    by_action_type: list
    by_theme: list
    by_department: list
    moderation: dict
    sessions: dict
    registrations: dict
    mixite_by_level: list
    mixite_by_action_type: list
    participants: dict
    evolution: list
    by_academy: list | None


def statistics_dashboard(
    *,
    edition: Edition,
    editions: list[Edition],
    academies=None,
    compare: bool = False,
    every_academy=(),
) -> Dashboard:
    """Every figure of the dashboard for `edition` and `academies` (a list of académie ids,
    None for all); `editions` (all of them, newest first) give the previous edition and the
    years of the evolution table (every edition up to `edition`); `compare` adds the table
    by académie, for all académies only, with a row for each of `every_academy`. At most 14
    queries, in one transaction (`analytic_queries`)."""
    if compare and academies is not None:
        raise ValueError("the comparison by académie is computed over all académies")
    with analytic_queries():
        return _dashboard(
            edition=edition,
            editions=editions,
            academies=academies,
            compare=compare,
            every_academy=every_academy,
        )


def _dashboard(*, edition, editions, academies, compare, every_academy) -> Dashboard:
    previous = next((e for e in editions if e.year < edition.year), None)
    events_by_year = {row["year"]: row for row in statistics_events_by_edition(academies=academies)}
    cube = statistics_registrations(academies=academies)
    registrations_by_year = _registrations_by_year(
        cube, statistics_schools_registering(academies=academies)
    )
    empty_events = dict.fromkeys([*_event_counts(), "companies"], 0)
    empty_registrations = _with_shares(dict.fromkeys(_registration_figures(), 0))
    evolution = [
        {
            "year": e.year,
            **events_by_year.get(e.year, empty_events),
            **registrations_by_year.get(e.year, empty_registrations),
        }
        for e in editions
        if e.year <= edition.year  # a year without any event says so with its zeros
    ]
    return Dashboard(
        edition=edition,
        previous=previous,
        events=events_by_year.get(edition.year, {**empty_events, "year": edition.year}),
        by_action_type=statistics_events_by(
            edition=edition, academies=academies, dimension="action_type"
        ),
        by_theme=statistics_events_by(edition=edition, academies=academies, dimension="theme"),
        by_department=statistics_events_by(
            edition=edition, academies=academies, dimension="department"
        ),
        moderation=statistics_moderation_delay(edition=edition, academies=academies),
        sessions=statistics_sessions(edition=edition, academies=academies),
        registrations=registrations_by_year.get(edition.year, empty_registrations),
        mixite_by_level=_mixite_by_level(cube, year=edition.year),
        mixite_by_action_type=statistics_mixite_by_action_type(
            edition=edition, academies=academies
        ),
        participants=statistics_participants(
            edition=edition, previous=previous, academies=academies
        ),
        evolution=evolution,
        # the comparison is offered for all académies only (academies=None): the cube is theirs
        by_academy=(
            statistics_by_academy(edition=edition, cube=cube, every_academy=every_academy)
            if compare
            else None
        ),
    )
