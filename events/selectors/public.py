"""The public event finder: list, search, distance, map data. No N+1."""

from django.db.models import Prefetch, QuerySet

from ..models import Edition, Event, Session


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
