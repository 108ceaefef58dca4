"""iCalendar (RFC 5545) export: one VEVENT per session, in the académie's time zone.

Times carry the TZID of the event's académie (Europe/Paris, Indian/Reunion, America/Cayenne…)
and the calendar embeds the matching VTIMEZONE components, so calendar applications show the
session at the right instant wherever the reader lives.
"""

import datetime
import functools
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..models import Event
from .common import event_location, event_url, sessions_of

PRODID = "-//Semaine de l'industrie//Evenements//FR"
UID_DOMAIN = "semaine-industrie.fr"
# A feed beyond this is better served by the CSV or JSON exports (about 1.5 ms per session to
# build and serialise with icalendar): ask for a narrower filter.
FEED_MAX_EVENTS = 1000


def session_uid(session) -> str:
    """Stable across exports and edits: calendar applications update rather than duplicate."""
    return f"session-{session.pk}@{UID_DOMAIN}"


def _description(event: Event, url: str) -> str:
    lines = [event.summary or Truncator(event.description).chars(300)]
    organizer = event.organizer_display
    if organizer:
        lines.append(_("Organisé par %(organizer)s") % {"organizer": organizer})
    if event.format == Event.Format.ONLINE:
        lines.append(_("Événement en ligne"))
    elif event.format == Event.Format.HYBRID:
        lines.append(_("Événement sur place et en ligne"))
    lines.append(url)
    return "\n\n".join(line for line in lines if line)


def session_vevent(event: Event, session, *, base_url: str = "") -> icalendar.Event:
    """One session as a VEVENT, at the académie's local time."""
    tz = event.academy.tzinfo
    url = event_url(event, base_url=base_url)
    location = event_location(event) or (
        _("En ligne") if event.format == Event.Format.ONLINE else ""
    )
    vevent = icalendar.Event.new(
        uid=session_uid(session),
        summary=event.title,
        start=timezone.localtime(session.starts_at, tz),
        end=timezone.localtime(session.ends_at, tz),
        description=_description(event, url),
        location=location or None,
        url=url or None,
        categories=[theme.name for theme in event.themes.all()],
        last_modified=event.updated_at,
    )
    vevent.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    if event.has_coordinates:
        vevent.add("geo", (event.latitude, event.longitude))
    return vevent


def event_vevents(event: Event, *, base_url: str = "") -> list[icalendar.Event]:
    """The VEVENTs of an event, one per session (sessions should be prefetched)."""
    return [session_vevent(event, session, base_url=base_url) for session in sessions_of(event)]


@functools.lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of a zone over whole years; built once per process (it is never mutated)."""
    return icalendar.Timezone.from_tzid(
        tzid,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def _vtimezones(vevents: list[icalendar.Event]) -> list[icalendar.Timezone]:
    """The VTIMEZONEs of the zones used, over the years used only (a wide range is slow and
    heavy); what `Calendar.add_missing_timezones` does, with a memo."""
    if not vevents:
        return []
    moments = [vevent.start for vevent in vevents] + [vevent.end for vevent in vevents]
    first_year = min(moment.year for moment in moments)
    last_year = max(moment.year for moment in moments)
    tzids = sorted({moment.tzinfo.key for moment in moments})
    return [_vtimezone(tzid, first_year, last_year) for tzid in tzids]


def events_to_calendar(
    events: Iterable[Event], *, name: str, base_url: str = "", uid: str | None = None
) -> icalendar.Calendar:
    """A calendar of many events (a filtered list); sessions and themes should be prefetched."""
    vevents = [vevent for event in events for vevent in event_vevents(event, base_url=base_url)]
    return icalendar.Calendar.new(
        prodid=PRODID, name=name, uid=uid, subcomponents=[*_vtimezones(vevents), *vevents]
    )


def session_to_calendar(session, *, base_url: str = "") -> icalendar.Calendar:
    """The calendar a registered class receives: its session, with the organizer named and,
    for the teacher only, the organizer's contact address."""
    event = session.event
    vevent = session_vevent(event, session, base_url=base_url)
    if event.contact_email:
        organizer = icalendar.vCalAddress(f"mailto:{event.contact_email}")
        organizer.params["cn"] = icalendar.vText(event.organizer_display or event.contact_name)
        vevent.add("organizer", organizer)
    return icalendar.Calendar.new(
        prodid=PRODID, name=event.title, subcomponents=[*_vtimezones([vevent]), vevent]
    )


def event_to_calendar(event: Event, *, base_url: str = "") -> icalendar.Calendar:
    """The calendar of one event: one VEVENT per session."""
    return events_to_calendar(
        [event], name=event.title, base_url=base_url, uid=f"event-{event.pk}@{UID_DOMAIN}"
    )
