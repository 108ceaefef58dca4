"""The map page /evenements/carte/ and its data /api/evenements/carte.json."""

import datetime
import json
import zoneinfo

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academies.models import Department
from events.filters import PublicEventFilter
from events.models import Edition, Event, Theme
from events.views.public import listing
from tests import factories
from tests.clock import before_edition_2025


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def map_data(client, query=""):
    response = client.get(f"/api/evenements/carte.json{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.mark.django_db
def test_map_data_is_a_compact_geojson_feature_collection(client):
    event = factories.PublishedEventFactory(
        title="Visite de l'usine", city="Grenoble", latitude=45.1712345678, longitude=5.7234567891
    )
    factories.SessionFactory(
        event=event,
        starts_at=datetime.datetime(2025, 11, 19, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
    )
    data = map_data(client)
    assert data["type"] == "FeatureCollection"
    assert data["truncated"] is False
    assert data["ignored_filters"] == []
    assert data["features"] == [
        {
            "type": "Feature",
            "id": event.pk,
            "geometry": {"type": "Point", "coordinates": [5.723457, 45.171235]},
            "properties": {
                "title": "Visite de l'usine",
                "date": "2025-11-19T14:00:00+01:00",
                "city": "Grenoble",
                "url": event.get_absolute_url(),
            },
        }
    ]


@pytest.mark.django_db
def test_map_data_dates_are_in_the_academy_time_zone(client):
    event = factories.PublishedEventFactory(
        department=Department.objects.get(code="971"),
        academy=Department.objects.get(code="971").academy,
        city="Pointe-à-Pitre",
        latitude=16.24,
        longitude=-61.53,
    )
    tz = zoneinfo.ZoneInfo("America/Guadeloupe")
    factories.SessionFactory(
        event=event, starts_at=datetime.datetime(2025, 11, 18, 9, 0, tzinfo=tz)
    )
    (feature,) = map_data(client)["features"]
    assert feature["properties"]["date"] == "2025-11-18T09:00:00-04:00"


@pytest.mark.django_db
def test_map_data_only_has_published_events_with_coordinates_and_takes_the_filters(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    future = Theme.objects.get(slug="industrie-du-futur")
    shown = factories.PublishedEventFactory(themes=[ecology])
    factories.PublishedEventFactory(themes=[future])
    factories.PublishedEventFactory(
        themes=[ecology],
        format=Event.Format.ONLINE,
        online_url="https://visio.example.fr",
        latitude=None,
        longitude=None,
    )
    factories.EventFactory(themes=[ecology], status=Event.Status.SUBMITTED)
    factories.PublishedEventFactory(themes=[ecology], edition=Edition.objects.get(year=2024))
    data = map_data(client, "?theme=transition-ecologique")
    assert [feature["id"] for feature in data["features"]] == [shown.pk]
    undated = data["features"][0]["properties"]["date"]
    assert undated is None


@pytest.mark.django_db
def test_map_data_is_capped(client, monkeypatch, published_events):
    monkeypatch.setattr(listing, "MAP_MAX_MARKERS", 3)
    published_events(5)
    data = map_data(client)
    assert len(data["features"]) == 3
    assert data["truncated"] is True


@pytest.mark.django_db
def test_map_data_reports_ignored_filters(client):
    data = map_data(client, "?theme=inconnue&rayon=abc")
    assert [item["filter"] for item in data["ignored_filters"]] == ["Thématiques", "Rayon (km)"]


@pytest.mark.django_db
@before_edition_2025()
def test_map_data_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=2)
    factories.SchoolFactory(postcode="38000")
    with django_assert_max_num_queries(4):
        data = map_data(client, "?theme=transition-ecologique&places=1&pres_de=38000&rayon=50")
    assert len(data["features"]) == 60
    cache.clear()
    with django_assert_max_num_queries(4):
        assert len(map_data(client)["features"]) == 60


@pytest.mark.django_db
def test_map_page_lists_the_first_results_without_javascript(client, published_events):
    events = published_events(25)
    response = client.get("/evenements/carte/?accessible=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="event-map"' in html
    assert 'data-url="/api/evenements/carte.json?accessible=1"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "js/event-map.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert len(response.context["events"]) == listing.MAP_LIST_SIZE
    assert escape(events[0].title) in html
    assert "Voir les 25 résultats dans la liste" in html
    assert 'href="/evenements/?accessible=1"' in html


@pytest.mark.django_db
def test_map_page_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=2)
    with django_assert_max_num_queries(10):
        assert client.get("/evenements/carte/").status_code == 200


@pytest.mark.django_db
def test_map_page_bad_input(client):
    response = client.get("/evenements/carte/?du=2025-13-45&pres_de=xyz&q=" + "é" * 5000)
    assert response.status_code == 200
    assert "a été ignoré" in response.content.decode()


def test_vendored_leaflet_files_exist():
    from django.contrib.staticfiles import finders

    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet/LICENSE",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "js/event-map.js",
        "css/event-map.css",
    ):
        assert finders.find(path), path


FILTER_NAMES = list(PublicEventFilter.base_filters) + ["page", "callback", "format"]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "1",
            "toutes",
            "2025",
            "2024",
            "38000",
            "0381778B",
            "distance",
            "2025-11-18",
            "31/12/2025",
            "-0",
            "1" * 40,
            "\x00",
            "inf",
            "lyceens",
            "grenoble",
            "en-ligne",
        ]
    ),
)


@pytest.mark.django_db
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(st.sampled_from(FILTER_NAMES), VALUES), max_size=8))
def test_map_data_never_fails_on_arbitrary_queries(client, pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    response = client.get("/api/evenements/carte.json", data=query)
    assert response.status_code == 200
    assert json.loads(response.content)["type"] == "FeatureCollection"
