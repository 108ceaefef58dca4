"""The public event finder: the published events, shaped for lists, cards and the map.

The filters themselves live in `events.filters` (query string → queryset); this module gives
the base queryset and the expressions they share, so every public list costs the same few
queries whatever its length.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from ..models import Event, EventStatusChange, Session
from ..rules.capacity import (
    confirmed_students_expression,
    session_has_places_q,
    session_offers_places,
    sessions_with_places,
)

# The relations a card shows; one JOIN each, no extra query. The organizer (company, school)
# is left out: the cards do not show it, and joining two large tables before sorting costs.
CARD_SELECT_RELATED = ("edition", "academy", "academy__region", "department")


def event_has_places_expression() -> Exists:
    """True when at least one session of the outer event, still to come, has places."""
    sessions = (
        Session.objects.filter(event=OuterRef("pk"))
        .order_by()
        .annotate(confirmed_students=confirmed_students_expression())
        .filter(session_has_places_q())
    )
    return Exists(sessions)


def event_first_start_expression() -> Subquery:
    """Start of the first session of the outer event (None without session); uses the
    (event, starts_at) index."""
    first = Session.objects.filter(event=OuterRef("pk")).order_by("starts_at").values("starts_at")
    return Subquery(first[:1])


def public_event_base() -> QuerySet[Event]:
    """Every published event, annotated with `first_start` (no ordering)."""
    return Event.objects.published().annotate(first_start=event_first_start_expression())


def public_event_optimize(events: QuerySet[Event]) -> QuerySet[Event]:
    """Attach what a card shows: 4 prefetch queries for the whole page, none per event.

    Sessions come with `confirmed_students` and `places_left` (see `rules.capacity`);
    `events_mark_places` turns them into the cards' `has_places` flag.
    """
    return events.select_related(*CARD_SELECT_RELATED).prefetch_related(
        "themes",
        "audiences",
        "action_types",
        Prefetch("sessions", sessions_with_places()),
    )


def events_mark_places(events) -> list[Event]:
    """Set `has_places` on events whose sessions were prefetched by `public_event_optimize`.

    Done in Python on the page's events rather than as an EXISTS in the list query: there,
    PostgreSQL may hash the subquery over every session of the table (~300 ms at 100,000
    events) to answer for twenty rows.
    """
    events = list(events)
    now = timezone.now()
    for event in events:
        sessions = event.sessions.all()
        event.is_over = bool(sessions) and all(session.starts_at <= now for session in sessions)
        # a card shows the next session to come, not one already past
        upcoming = [session.starts_at for session in sessions if session.starts_at > now]
        if upcoming and getattr(event, "first_start", None) is not None:
            event.first_start = min(upcoming)
        event.has_places = any(session_offers_places(session, now=now) for session in sessions)
    return events


def public_event_map_rows(events: QuerySet[Event], *, limit: int) -> tuple[list[dict], bool]:
    """Compact rows for map markers (events with coordinates only), at most `limit`.

    Returns (rows, truncated). One query: prefetches and JOINs of `events` are dropped.
    """
    rows = list(
        events.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .prefetch_related(None)
        .values(
            "id",
            "slug",
            "title",
            "city",
            "latitude",
            "longitude",
            "first_start",
            "academy__time_zone",
        )[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def public_event_detail(*, pk: int) -> Event:
    """A published or cancelled event with everything its public page shows, in five
    queries: a cancelled event's page stays, to say so (with `cancellation_reason`).

    Raises Event.DoesNotExist for unknown or never-published events (drafts, submitted…).
    """
    return (
        Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
        .select_related("edition", "academy", "academy__region", "department", "company", "school")
        .prefetch_related(
            "action_types",
            "themes",
            "audiences",
            Prefetch("sessions", queryset=sessions_with_places(with_waitlist=True)),
        )
        .get(pk=pk)
    )


def event_cancellation_reason(*, event: Event) -> str | None:
    """Why a cancelled event was cancelled (what its organizer or moderator wrote)."""
    if event.status != Event.Status.CANCELLED:
        return None
    return (
        EventStatusChange.objects.filter(event=event, to_status=Event.Status.CANCELLED)
        .order_by("-at", "-id")
        .values_list("reason", flat=True)
        .first()
    )


def export_event_queryset(events: QuerySet[Event]) -> QuerySet[Event]:
    """Re-shape a filtered event queryset for the exports: the relations every row needs.

    Previous prefetches are replaced (a Prefetch of "sessions" with another queryset would
    clash); the filtering and the ordering of `events` are kept.
    """
    return (
        events.select_related(
            "edition", "academy", "academy__region", "department", "company", "school"
        )
        .prefetch_related(None)
        .prefetch_related(
            "action_types",
            "themes",
            "audiences",
            Prefetch("sessions", queryset=sessions_with_places()),
        )
    )
