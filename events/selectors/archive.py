"""Editions, key figures and the home page."""

from django.db.models import Count, Sum
from django.utils import timezone

from academies.models import Academy

from ..models import Edition, Event, Session
from .public import public_event_list


def edition_current() -> Edition | None:
    return Edition.objects.filter(is_current=True).prefetch_related("focus_themes").first()


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
