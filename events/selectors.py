"""Reads of the events domain: one query shape per page, no N+1."""

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from academies.models import Academy

from .models import Edition, Event, Session


def edition_current() -> Edition | None:
    return Edition.objects.filter(is_current=True).prefetch_related("focus_themes").first()


def public_event_list(*, edition: Edition | None = None) -> QuerySet[Event]:
    events = Event.objects.published()
    if edition is not None:
        events = events.filter(edition=edition)
    return (
        events.select_related("edition", "department", "academy", "company", "school")
        .prefetch_related(
            "themes",
            "audiences",
            "action_types",
            Prefetch("sessions", Session.objects.order_by("starts_at")),
        )
        .order_by("-published_at", "-id")
    )


def public_event_get(*, pk: int) -> Event:
    return public_event_list().get(pk=pk)


def edition_figures(*, edition: Edition) -> dict:
    events = Event.objects.published().filter(edition=edition)
    sessions = Session.objects.filter(event__in=events)
    session_figures = sessions.aggregate(count=Count("id"), places=Sum("capacity"))
    return {
        "events": events.count(),
        "academies": events.values("academy").distinct().count(),
        "sessions": session_figures["count"] or 0,
        "places": session_figures["places"] or 0,
    }


def home_context() -> dict:
    edition = edition_current()
    if edition is None:
        return {"edition": None}
    featured = (
        public_event_list(edition=edition)
        .filter(sessions__starts_at__gte=timezone.now())
        .distinct()[:6]
    )
    return {
        "edition": edition,
        "figures": edition_figures(edition=edition),
        "featured_events": list(featured) or list(public_event_list(edition=edition)[:6]),
        "academies": Academy.objects.order_by("name"),
    }
