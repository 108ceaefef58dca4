"""Distance search: pres_de (UAI or postcode) + rayon, haversine in SQL."""

import math

import pytest
from django.core.cache import cache

from academies.models import Department
from events import geo
from events.filters import public_event_filter
from events.models import Event
from tests import factories

GRENOBLE = (45.1885, 5.7245)  # SchoolFactory's default coordinates (postcode 38000)
VOIRON = (45.3640, 5.5890)  # ~22 km from Grenoble
LYON = (45.7640, 4.8357)  # ~95 km from Grenoble
PARIS = (48.8566, 2.3522)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def event_at(point, **kwargs):
    return factories.PublishedEventFactory(latitude=point[0], longitude=point[1], **kwargs)


class FakeGeocoder:
    """No database, no network: a fixed answer per query."""

    def __init__(self, places):
        self.places = places
        self.calls = []

    def locate_school(self, uai):
        self.calls.append(uai)
        return self.places.get(uai)

    def locate_postcode(self, postcode):
        self.calls.append(postcode)
        return self.places.get(postcode)


def python_haversine(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * geo.EARTH_RADIUS_KM * math.asin(math.sqrt(h))


# --- Resolving pres_de ------------------------------------------------------------------


@pytest.mark.django_db
def test_uai_resolves_to_the_school_coordinates():
    school = factories.SchoolFactory(name="Lycée Vaucanson", latitude=45.19, longitude=5.73)
    place = geo.place_resolve(query=school.uai.lower())
    assert (place.latitude, place.longitude) == (45.19, 5.73)
    assert "Lycée Vaucanson" in place.label


@pytest.mark.django_db
def test_postcode_resolves_to_the_mean_of_schools_and_companies():
    factories.SchoolFactory(postcode="38500", city="Voiron", latitude=45.0, longitude=5.0)
    factories.CompanyFactory(postcode="38500", city="Voiron", latitude=46.0, longitude=6.0)
    factories.SchoolFactory(postcode="38500", city="Voiron", latitude=None, longitude=None)
    place = geo.place_resolve(query=" 38500 ")
    assert place.latitude == pytest.approx(45.5)
    assert place.longitude == pytest.approx(5.5)
    assert place.label == "38500 Voiron"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["99999", "0381778B", "0381778A", "grenoble", "", "12"])
def test_unknown_or_malformed_places_raise_a_french_message(query):
    with pytest.raises(geo.PlaceNotFound) as error:
        geo.place_resolve(query=query)
    assert str(error.value)


def test_a_fake_backend_replaces_our_tables():
    fake = FakeGeocoder({"75001": geo.Place(48.86, 2.34, "75001 Paris")})
    with geo.geocoder_override(fake):
        assert geo.place_resolve(query="75001").label == "75001 Paris"
        with pytest.raises(geo.PlaceNotFound):
            geo.place_resolve(query="75002")
    assert fake.calls == ["75001", "75002"]
    assert isinstance(geo.geocoder_get(), geo.DatabaseGeocoder)


@pytest.mark.parametrize(
    ("value", "expected"), [(None, 30), (0, 1), (-5, 1), (1, 1), (50, 50), (10_000, 200)]
)
def test_radius_is_clamped(value, expected):
    assert geo.radius_clamp(value) == expected


# --- Distance in SQL ------------------------------------------------------------------------


@pytest.mark.django_db
def test_sql_haversine_matches_python():
    for point in (VOIRON, LYON, PARIS):
        event_at(point)
    place = geo.Place(*GRENOBLE, "Grenoble")
    rows = geo.events_near(Event.objects.all(), place=place, radius_km=1000).values_list(
        "latitude", "longitude", "distance_km"
    )
    assert len(rows) == 3
    for lat, lon, distance in rows:
        assert distance == pytest.approx(python_haversine(GRENOBLE, (lat, lon)), rel=1e-6)


@pytest.mark.django_db
def test_same_point_has_zero_distance():
    event_at(GRENOBLE)
    place = geo.Place(*GRENOBLE, "Grenoble")
    (distance,) = geo.events_near(Event.objects.all(), place=place, radius_km=1).values_list(
        "distance_km", flat=True
    )
    assert distance == pytest.approx(0, abs=1e-6)


def test_bounding_box_contains_the_circle():
    place = geo.Place(*GRENOBLE, "Grenoble")
    box = geo.bounding_box(place, 30)
    north = box["latitude__lte"]
    east = box["longitude__lte"]
    assert python_haversine(GRENOBLE, (north, GRENOBLE[1])) == pytest.approx(30)
    # The easternmost point of the circle lies on the box's edge, slightly north.
    widest = max(python_haversine(GRENOBLE, (GRENOBLE[0] + i / 1000, east)) for i in range(-50, 50))
    assert min(
        python_haversine(GRENOBLE, (GRENOBLE[0] + i / 10000, east)) for i in range(-500, 500)
    ) == pytest.approx(30, abs=1e-3)
    assert widest > 30
    # Near a pole the longitude is not restricted.
    assert "longitude__gte" not in geo.bounding_box(geo.Place(89.9, 0, "pôle"), 50)


@pytest.mark.django_db
def test_pres_de_filters_by_radius_and_sorts_nearest_first():
    school = factories.SchoolFactory(latitude=GRENOBLE[0], longitude=GRENOBLE[1])
    lyon = event_at(LYON, title="Lyon")
    voiron = event_at(VOIRON, title="Voiron")
    here = event_at(GRENOBLE, title="Grenoble")
    event_at(PARIS, title="Paris")
    online = factories.PublishedEventFactory(
        format=Event.Format.ONLINE,
        online_url="https://visio.example.fr",
        latitude=None,
        longitude=None,
    )
    filterset = public_event_filter(data={"pres_de": school.uai})
    assert filterset.sort == "distance"  # default when a place is given
    assert [e.pk for e in filterset.qs] == [here.pk, voiron.pk]
    events = list(public_event_filter(data={"pres_de": school.uai, "rayon": "100"}).qs)
    assert [e.pk for e in events] == [here.pk, voiron.pk, lyon.pk]
    assert events[1].distance_km == pytest.approx(python_haversine(GRENOBLE, VOIRON), rel=1e-6)
    assert online.pk not in {e.pk for e in events}  # no coordinates: no distance
    # Another sort can be asked for; the radius still applies.
    by_date = public_event_filter(data={"pres_de": school.uai, "rayon": "100", "tri": "recent"})
    assert {e.pk for e in by_date.qs} == {here.pk, voiron.pk, lyon.pk}


@pytest.mark.django_db
def test_pres_de_with_a_postcode_and_the_radius_bounds():
    factories.CompanyFactory(postcode="69001", latitude=LYON[0], longitude=LYON[1])
    lyon = event_at(LYON, department=Department.objects.get(code="69"))
    event_at(GRENOBLE)
    assert [e.pk for e in public_event_filter(data={"pres_de": "69001"}).qs] == [lyon.pk]
    # rayon is clamped to 200 km: Grenoble (~95 km) in, Paris (~390 km) never.
    event_at(PARIS)
    wide = public_event_filter(data={"pres_de": "69001", "rayon": "5000"})
    assert wide.radius_km == 200
    assert len(wide.qs) == 2


@pytest.mark.django_db
def test_unknown_place_is_ignored_with_a_message(client):
    event = event_at(PARIS)
    response = client.get("/evenements/?pres_de=0381778B")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le filtre « Près de » a été ignoré" in html
    assert "0381778B" in html
    assert event.get_absolute_url() in html


@pytest.mark.django_db
def test_distance_is_shown_on_the_cards(client):
    school = factories.SchoolFactory(latitude=GRENOBLE[0], longitude=GRENOBLE[1])
    event_at(VOIRON)
    html = client.get(f"/evenements/?pres_de={school.uai}").content.decode()
    assert "à 22 km" in html
    assert "à moins de 30 km de" in html
