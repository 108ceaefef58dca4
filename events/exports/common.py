"""What every export says the same way: URLs, places, organizer, dates."""

import datetime

from django.utils import timezone

from ..models import Event

LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def event_url(event: Event, *, base_url: str = "") -> str:
    """The absolute URL of the event's public page when `base_url` ("https://host") is given."""
    return base_url.rstrip("/") + event.get_absolute_url()


def event_location(event: Event) -> str:
    """ "12 rue des Usines, 38100 Grenoble"; empty for an event only online."""
    if event.format == Event.Format.ONLINE:
        return ""
    town = " ".join(part for part in (event.postcode, event.city) if part)
    return ", ".join(part for part in (event.address, town) if part)


def local_iso(value: datetime.datetime | None, event: Event) -> str | None:
    """ISO 8601 with the offset of the event's académie: "2025-11-17T09:00:00+04:00"."""
    if value is None:
        return None
    return timezone.localtime(value, event.academy.tzinfo).replace(microsecond=0).isoformat()


def sessions_of(event: Event) -> list:
    """The prefetched sessions, in time order (the exports' querysets prefetch them)."""
    return list(event.sessions.all())


def places_offered(sessions) -> int | None:
    """Sum of the sessions' capacities; None when one session has no limit."""
    if any(session.capacity is None for session in sessions):
        return None
    return sum(session.capacity for session in sessions)
