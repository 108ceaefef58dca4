"""Open-data exports: iCalendar, CSV and JSON, parsed back as a reuser would."""

import csv
import datetime
import io
import json
import zoneinfo

import icalendar
import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from events.models import ClassRegistration, Edition, Event, Theme
from tests import factories
from tests.clock import before_edition_2025

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
REUNION = zoneinfo.ZoneInfo("Indian/Reunion")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def reunion_event(**kwargs):
    kwargs = {
        "department": factories.reference_department("974"),
        "address": "2 rue de la Sucrerie",
        "postcode": "97400",
        "city": "Saint-Denis",
        "latitude": -20.88,
        "longitude": 55.45,
    } | kwargs
    return factories.PublishedEventFactory(**kwargs)


def reunion_sessions(event, count=2):
    start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=REUNION)
    return [
        factories.SessionFactory(
            event=event,
            starts_at=start + datetime.timedelta(days=day),
            ends_at=start + datetime.timedelta(days=day, hours=2),
        )
        for day in range(count)
    ]


def parse_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def csv_records(response) -> list[dict]:
    header, *rows = parse_csv(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


# iCalendar, one event


def test_event_ics_has_one_vevent_per_session_in_the_academy_zone(client):
    event = reunion_event(title="Visite de la distillerie")
    sessions = reunion_sessions(event, count=3)

    response = client.get(f"/evenements/{event.pk}-{event.slug}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment; filename=" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.ics"')
    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    assert [str(vevent["UID"]) for vevent in vevents] == [
        f"session-{session.pk}@semaine-industrie.fr" for session in sessions
    ]
    first = vevents[0]
    assert first.start == datetime.datetime(2025, 11, 18, 9, 0, tzinfo=REUNION)
    assert first["DTSTART"].params["TZID"] == "Indian/Reunion"
    assert first.start.tzinfo.key == "Indian/Reunion"
    assert first.end == datetime.datetime(2025, 11, 18, 11, 0, tzinfo=REUNION)
    assert str(first["SUMMARY"]) == "Visite de la distillerie"
    assert str(first["URL"]) == f"http://testserver{event.get_absolute_url()}"
    assert event.get_absolute_url() in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == "2 rue de la Sucrerie, 97400 Saint-Denis"
    assert first["GEO"].latitude == pytest.approx(-20.88)
    assert event.themes.first().name in first.categories
    assert str(first["STATUS"]) == "CONFIRMED"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Indian/Reunion"]


def test_event_ics_uids_are_stable(client):
    event = factories.PublishedEventFactory()
    factories.SessionFactory(event=event)
    url = f"/evenements/{event.pk}-{event.slug}.ics"

    first = icalendar.Calendar.from_ical(client.get(url).content)
    cache.clear()
    event.title = "Nouveau titre"
    event.save()
    second = icalendar.Calendar.from_ical(
        client.get(f"/evenements/{event.pk}-{event.slug}.ics").content
    )

    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in second.walk("VEVENT")]


def test_event_ics_of_a_paris_event_uses_europe_paris(client):
    event = factories.PublishedEventFactory()
    factories.SessionFactory(event=event)
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/evenements/{event.pk}-{event.slug}.ics").content
    )
    vevent = calendar.walk("VEVENT")[0]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.start.hour == 10  # the factory's 10:00 local time
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_event_ics_of_an_unpublished_event_is_not_found(client):
    event = factories.EventFactory(status=Event.Status.SUBMITTED)
    assert client.get(f"/evenements/{event.pk}-{event.slug}.ics").status_code == 404


def test_event_ics_with_a_wrong_slug_redirects(client):
    event = factories.PublishedEventFactory(title="Atelier soudure")
    response = client.get(f"/evenements/{event.pk}-autre.ics")
    assert response.status_code == 301
    assert response["Location"] == f"/evenements/{event.pk}-atelier-soudure.ics"


def test_cancelled_events_are_marked_cancelled_in_the_calendar():
    from events.exports.ical import event_to_calendar

    event = factories.EventFactory(status=Event.Status.CANCELLED)
    factories.SessionFactory(event=event)
    calendar = icalendar.Calendar.from_ical(event_to_calendar(event).to_ical())
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


# iCalendar feed of the filtered list


def test_ics_feed_has_every_session_of_the_filtered_list(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    future = Theme.objects.get(slug="industrie-du-futur")
    green = factories.PublishedEventFactory(themes=[ecology])
    factories.SessionFactory.create_batch(2, event=green)
    other = factories.PublishedEventFactory(themes=[future])
    factories.SessionFactory(event=other)
    reunion = reunion_event(themes=[ecology])
    reunion_sessions(reunion, count=1)

    response = client.get("/evenements.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 4
    assert calendar["X-WR-CALNAME"]
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/Paris",
        "Indian/Reunion",
    }

    filtered = icalendar.Calendar.from_ical(
        client.get("/evenements.ics?theme=transition-ecologique").content
    )
    urls = {str(vevent["URL"]) for vevent in filtered.walk("VEVENT")}
    assert len(filtered.walk("VEVENT")) == 3
    assert urls == {
        f"http://testserver{green.get_absolute_url()}",
        f"http://testserver{reunion.get_absolute_url()}",
    }


def test_ics_feed_is_capped(client, published_events, monkeypatch):
    monkeypatch.setattr("events.exports.ical.FEED_MAX_EVENTS", 2)
    published_events(3, sessions=2)
    calendar = icalendar.Calendar.from_ical(client.get("/evenements.ics").content)
    assert len(calendar.walk("VEVENT")) == 4


def test_ics_feed_leaves_unpublished_events_and_other_editions_out(client):
    factories.SessionFactory(event=factories.EventFactory(status=Event.Status.SUBMITTED))
    old = factories.PublishedEventFactory(edition=Edition.objects.get(year=2024))
    factories.SessionFactory(event=old)
    calendar = icalendar.Calendar.from_ical(client.get("/evenements.ics").content)
    assert calendar.walk("VEVENT") == []


# CSV


def test_csv_is_utf8_with_bom_semicolon_separated_and_parses_back(client):
    event = reunion_event(title='Visite ; « usine » "test"')
    reunion_sessions(event, count=2)
    session = event.sessions.first()
    session.capacity = 25
    session.save()

    response = client.get("/evenements.csv")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="evenements-semaine-industrie.csv"' in response["Content-Disposition"]
    rows = parse_csv(response)
    header = rows[0]
    assert header[:4] == ["id", "titre", "url", "édition"]
    for column in ("organisateur", "thématiques", "académie", "région académique", "latitude"):
        assert column in header
    assert len(rows) == 2
    record = dict(zip(header, rows[1], strict=True))
    assert record["id"] == str(event.pk)
    assert record["titre"] == 'Visite ; « usine » "test"'
    assert record["url"] == f"http://testserver{event.get_absolute_url()}"
    assert record["édition"] == "2025"
    assert record["statut"] == "publié"
    assert record["commune"] == "Saint-Denis"
    assert record["code département"] == "974"
    assert record["académie"] == "La Réunion"
    assert record["latitude"] == "-20.88"
    assert record["premier créneau"] == "2025-11-18T09:00:00+04:00"
    assert record["dernier créneau"] == "2025-11-19T11:00:00+04:00"
    assert record["nombre de créneaux"] == "2"
    assert record["places offertes"] == "55"
    assert record["accessible"] == "oui"
    assert record["date de labellisation"].endswith("+04:00")


def test_csv_never_lists_contact_details(client):
    event = factories.PublishedEventFactory(
        contact_name="Paul Privé", contact_email="paul.prive@example.fr", contact_phone="0600000000"
    )
    factories.SessionFactory(event=event)
    body = b"".join(client.get("/evenements.csv").streaming_content).decode()
    assert "Privé" not in body and "paul.prive" not in body and "0600000000" not in body


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_cannot_start_a_formula(client, formula):
    event = factories.PublishedEventFactory(
        title=formula,
        organizer_kind=Event.OrganizerKind.OTHER,
        company=None,
        organizer_name=formula,
    )
    factories.SessionFactory(event=event)
    record = csv_records(client.get("/evenements.csv"))[0]
    assert record["titre"] == "'" + formula
    assert record["organisateur"] == "'" + formula


def test_csv_keeps_negative_coordinates_as_numbers(client):
    event = factories.PublishedEventFactory(latitude=48.11, longitude=-1.68)  # Rennes
    factories.SessionFactory(event=event)
    record = csv_records(client.get("/evenements.csv"))[0]
    assert record["longitude"] == "-1.68"


def test_csv_respects_the_filters(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    future = Theme.objects.get(slug="industrie-du-futur")
    green = factories.PublishedEventFactory(themes=[ecology])
    factories.PublishedEventFactory(themes=[future])
    factories.EventFactory(themes=[ecology], status=Event.Status.DRAFT)

    records = csv_records(client.get("/evenements.csv?theme=transition-ecologique"))

    assert [record["id"] for record in records] == [str(green.pk)]


def test_csv_rows_stay_right_across_query_batches(client, published_events, monkeypatch):
    monkeypatch.setattr("events.views.public.exports.CSV_CHUNK_SIZE", 3)
    events = published_events(7, sessions=2, themes=2)
    records = csv_records(client.get("/evenements.csv"))
    assert sorted(int(record["id"]) for record in records) == sorted(e.pk for e in events)
    assert all(record["nombre de créneaux"] == "2" for record in records)
    assert all(record["thématiques"].count(" | ") == 1 for record in records)


def test_csv_query_count_does_not_grow_with_rows(
    client, published_events, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            rows = parse_csv(client.get("/evenements.csv"))
        return len(captured), len(rows) - 1

    published_events(10, sessions=3, themes=3)
    small, rows = count_queries()
    assert rows == 10
    published_events(50, sessions=3, themes=3)
    large, rows = count_queries()
    assert rows == 60
    assert large == small
    with django_assert_max_num_queries(10):
        parse_csv(client.get("/evenements.csv"))


# JSON


@before_edition_2025()  # sessions still to come: past ones have no places left (null)
def test_json_shape(client):
    event = reunion_event(title="Visite du port")
    sessions = reunion_sessions(event, count=2)
    factories.ClassRegistrationFactory(session=sessions[0], students=12, girls=6)
    factories.ClassRegistrationFactory(
        session=sessions[0], students=8, girls=4, status=ClassRegistration.Status.WAITLISTED
    )

    response = client.get("/api/evenements.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["pages"] == 1
    assert data["next"] is None and data["previous"] is None
    assert data["licence"] == "Licence Ouverte / Open Licence 2.0"
    (result,) = data["results"]
    assert result["id"] == event.pk
    assert result["title"] == "Visite du port"
    assert result["url"] == f"http://testserver{event.get_absolute_url()}"
    assert result["edition"] == 2025
    assert result["status"] == "published"
    assert result["academy"] == {"code": "28", "name": "La Réunion", "slug": "la-reunion"}
    assert result["department"]["code"] == "974"
    assert result["time_zone"] == "Indian/Reunion"
    assert result["coordinates"] == {"latitude": -20.88, "longitude": 55.45}
    assert {"slug": "visite-entreprise", "name": "Visite d'entreprise"} in result["action_types"]
    assert all(set(item) == {"slug", "name"} for item in result["themes"] + result["audiences"])
    assert "contact_email" not in result and "contact_name" not in result
    first, second = result["sessions"]
    assert first == {
        "id": sessions[0].pk,
        "start": "2025-11-18T09:00:00+04:00",
        "end": "2025-11-18T11:00:00+04:00",
        "capacity": 30,
        "places_left": 18,
        "is_past": False,
    }
    assert second["places_left"] == 30
    assert datetime.datetime.fromisoformat(result["published_at"]).utcoffset()


def test_json_unlimited_sessions_have_no_places_left(client):
    event = factories.PublishedEventFactory()
    factories.SessionFactory(event=event, capacity=None)
    (session,) = client.get("/api/evenements.json").json()["results"][0]["sessions"]
    assert session["capacity"] is None and session["places_left"] is None


def test_json_pagination(client, published_events):
    published_events(5)
    data = client.get("/api/evenements.json?par_page=2").json()
    assert data["count"] == 5 and data["pages"] == 3 and len(data["results"]) == 2
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/evenements.json?par_page=2&page=2"

    second = client.get(data["next"]).json()
    assert second["page"] == 2
    assert second["previous"] == "http://testserver/api/evenements.json?par_page=2&page=1"
    last = client.get("/api/evenements.json?par_page=2&page=3").json()
    assert len(last["results"]) == 1 and last["next"] is None

    ids = [r["id"] for p in (data, second, last) for r in p["results"]]
    assert len(set(ids)) == 5


def test_json_page_size_is_clamped(client, published_events):
    published_events(3)
    data = client.get("/api/evenements.json?par_page=1000").json()
    assert len(data["results"]) == 3 and data["pages"] == 1
    assert client.get("/api/evenements.json?par_page=0").json()["pages"] == 3
    assert client.get("/api/evenements.json?par_page=abc").json()["pages"] == 1


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "9" * 40, ""])
def test_json_bad_pages_never_fail(client, published_events, page):
    published_events(2)
    response = client.get(f"/api/evenements.json?page={page}")
    assert response.status_code in (200, 404)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    if response.status_code == 404:
        assert "detail" in response.json()


def test_json_respects_the_filters(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    green = factories.PublishedEventFactory(themes=[ecology])
    factories.PublishedEventFactory(themes=list(Theme.objects.exclude(pk=ecology.pk)[:1]))
    data = client.get("/api/evenements.json?theme=transition-ecologique").json()
    assert [r["id"] for r in data["results"]] == [green.pk]


def test_json_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=3)
    with django_assert_max_num_queries(10):
        data = client.get("/api/evenements.json?par_page=100").json()
    assert len(data["results"]) == 60


def test_ics_feed_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=3)
    with django_assert_max_num_queries(10):
        response = client.get("/evenements.ics")
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 180


# Bad input, whatever it is


QUERY_KEYS = st.sampled_from(
    [
        "edition",
        "theme",
        "type",
        "public",
        "academie",
        "region",
        "departement",
        "commune",
        "du",
        "au",
        "format",
        "accessible",
        "classes",
        "places",
        "q",
        "tri",
        "pres_de",
        "rayon",
        "page",
        "par_page",
    ]
)
QUERY_VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["2025", "2019", "transition-ecologique", "oui", "true", "0040533H", "38000"]),
)


@override_settings(EXPORT_RATE_LIMIT="")  # fifty requests in a row: no 429 hiding a failure
class TestBadInput(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        event = factories.PublishedEventFactory()
        factories.SessionFactory(event=event)

    def setUp(self):
        cache.clear()

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        query=st.dictionaries(QUERY_KEYS | st.text(max_size=10), QUERY_VALUES, max_size=6),
        endpoint=st.sampled_from(["/evenements.csv", "/evenements.ics", "/api/evenements.json"]),
    )
    def test_exports_never_fail(self, query, endpoint):
        response = self.client.get(endpoint, query)
        assert response.status_code < 500
        if response.streaming:
            b"".join(response.streaming_content)
        elif endpoint.endswith(".json"):
            json.loads(response.content)


# Limits per client: whole-edition exports are costly


@pytest.fixture
def three_exports_per_minute(settings):
    settings.EXPORT_RATE_LIMIT = "3/m"


@pytest.mark.usefixtures("three_exports_per_minute")
@pytest.mark.parametrize("endpoint", ["/evenements.csv", "/evenements.ics", "/api/evenements.json"])
def test_exports_over_the_limit_answer_429_in_french(client, endpoint):
    # Frozen mid-window: a fixed window rolling over during the test would reset the count.
    with time_machine.travel(datetime.datetime(2025, 11, 17, 9, 0, 15, tzinfo=PARIS), tick=False):
        _exports_over_the_limit(client, endpoint)


def _exports_over_the_limit(client, endpoint):
    for number in range(3):
        response = client.get(f"{endpoint}?q=atelier{number}")
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)

    refused = client.get(f"{endpoint}?q=atelier3")

    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    assert "Trop de requêtes depuis votre adresse. Réessayez dans" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"  # a reuser's script can read it
    assert client.get(f"{endpoint}?q=atelier3", REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.usefixtures("three_exports_per_minute")
def test_export_limit_counts_every_format_and_resets_after_the_minute(client):
    with time_machine.travel(
        datetime.datetime(2025, 11, 17, 9, 0, tzinfo=PARIS), tick=False
    ) as clock:
        b"".join(client.get("/evenements.csv").streaming_content)
        assert client.get("/evenements.ics").status_code == 200
        assert client.get("/api/evenements.json").status_code == 200
        assert client.get("/api/evenements.json?theme=industrie-du-futur").status_code == 429
        clock.shift(60)
        assert client.get("/api/evenements.json?theme=industrie-du-futur").status_code == 200


@pytest.mark.usefixtures("three_exports_per_minute")
def test_exports_served_from_the_cache_are_not_counted(client, published_events):
    published_events(3)
    assert {client.get("/api/evenements.json").status_code for _ in range(10)} == {200}
    assert {client.get("/evenements.ics?utm_source=lettre").status_code for _ in range(10)} == {200}


# Documentation


def test_open_data_page_documents_formats_fields_and_licence(client):
    response = client.get("/donnees/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in (
        "/evenements.csv",
        "/api/evenements.json",
        "/evenements.ics",
        "/evenements/flux.rss",
        "/evenements/flux.atom",
    ):
        assert url in html
    assert "Licence Ouverte / Open Licence version 2.0" in html
    assert "etalab.gouv.fr" in html
    assert "<code>région académique</code>" in html  # a CSV column
    assert "<code>sessions[].places_left</code>" in html  # a JSON field
    assert "<code>theme</code>" in html and "<code>academie</code>" in html  # filters
    assert "?theme=transition-ecologique&amp;academie=grenoble" in html
