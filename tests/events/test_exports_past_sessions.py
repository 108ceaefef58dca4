"""The exports on a day after the sessions: capacity is what was offered, never places left."""

import csv
import datetime
import io
import zoneinfo

import icalendar
import pytest
import time_machine
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
AFTER_2025 = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def session_at(event, start, *, capacity, confirmed=0):
    session = factories.SessionFactory(
        event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=capacity
    )
    if confirmed:
        factories.ClassRegistrationFactory(session=session, students=confirmed, girls=0)
    return session


@pytest.fixture
def past_event():
    """A 2025 event, 17 places left on 40 when its session took place."""
    event = factories.PublishedEventFactory(title="Visite passée", accepts_class_registrations=True)
    start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=PARIS)
    session_at(event, start, capacity=40, confirmed=23)
    return event


def test_json_past_sessions_have_no_places_left_and_say_they_are_past(client, past_event):
    start = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)  # two days after "today"
    upcoming = session_at(past_event, start, capacity=30, confirmed=10)
    unlimited = session_at(past_event, start + datetime.timedelta(days=1), capacity=None)

    with time_machine.travel(AFTER_2025, tick=False):
        (result,) = client.get("/api/evenements.json").json()["results"]

    past, soon, open_ended = result["sessions"]
    assert (past["capacity"], past["places_left"], past["is_past"]) == (40, None, True)
    assert (soon["id"], soon["places_left"], soon["is_past"]) == (upcoming.pk, 20, False)
    assert (open_ended["id"], open_ended["places_left"]) == (unlimited.pk, None)
    assert open_ended["is_past"] is False


def test_json_a_session_under_way_offers_no_places(client):
    event = factories.PublishedEventFactory()
    start = AFTER_2025 - datetime.timedelta(hours=1)  # started an hour ago, ends in one
    session_at(event, start, capacity=30)
    with time_machine.travel(AFTER_2025, tick=False):
        (session,) = client.get("/api/evenements.json").json()["results"][0]["sessions"]
    assert session["is_past"] is True and session["places_left"] is None


def test_open_data_page_documents_is_past(client):
    html = client.get("/donnees/").content.decode()
    assert "<code>sessions[].is_past</code>" in html
    assert "null si sans limite ou si le créneau est passé" in html


def test_csv_keeps_the_places_offered_by_a_past_event(client, past_event):
    with time_machine.travel(AFTER_2025, tick=False):
        body = b"".join(client.get("/evenements.csv").streaming_content).decode("utf-8")
    header, row = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    record = dict(zip(header, row, strict=True))
    assert record["places offertes"] == "40"  # what was offered, not what is left
    assert not any("restant" in name or "disponible" in name for name in header)


def test_ics_states_no_places(client, past_event):
    with time_machine.travel(AFTER_2025, tick=False):
        response = client.get(f"/evenements/{past_event.pk}-{past_event.slug}.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    text = " ".join(str(vevent.get(name, "")) for name in ("SUMMARY", "DESCRIPTION"))
    assert "places" not in text.casefold()
