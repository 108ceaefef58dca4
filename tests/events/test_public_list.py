"""The public event list /evenements/: every filter, sorting, pagination, bad input, cost."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.http import QueryDict
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academies.models import Department
from events.filters import PublicEventFilter, public_event_filter
from events.models import ActionType, Audience, ClassRegistration, Edition, Event, Theme
from events.selectors.public import events_mark_places
from tests import factories
from tests.clock import before_edition_2025

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def make_event(*, sessions=(), themes=None, audiences=None, action_types=None, **kwargs):
    """A published event of the current edition; `sessions` are (start, capacity) pairs."""
    if "department" in kwargs:
        kwargs.setdefault("academy", kwargs["department"].academy)
    event = factories.PublishedEventFactory(
        themes=themes, audiences=audiences, action_types=action_types, **kwargs
    )
    for starts_at, capacity in sessions:
        factories.SessionFactory(
            event=event,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            capacity=capacity,
        )
    return event


def ids(data) -> set[int]:
    return {event.pk for event in public_event_filter(data=data).qs}


def at(day: int, hour: int = 10, tz=PARIS) -> datetime.datetime:
    return datetime.datetime(2025, 11, day, hour, 0, tzinfo=tz)


# --- Defaults and publication ------------------------------------------------------------


@pytest.mark.django_db
def test_only_published_events_are_listed():
    shown = make_event()
    for status in (
        Event.Status.DRAFT,
        Event.Status.SUBMITTED,
        Event.Status.CHANGES_REQUESTED,
        Event.Status.REJECTED,
        Event.Status.CANCELLED,
    ):
        factories.EventFactory(status=status)
    assert ids({}) == {shown.pk}
    assert ids({"edition": "toutes"}) == {shown.pk}


@pytest.mark.django_db
def test_default_is_the_current_edition():
    current = make_event()
    old = make_event(edition=Edition.objects.get(year=2024))
    assert ids({}) == {current.pk}
    assert ids({"edition": "2024"}) == {old.pk}
    assert ids({"edition": "toutes"}) == {current.pk, old.pk}


@pytest.mark.django_db
def test_without_current_edition_every_edition_is_listed():
    event = make_event()
    Edition.objects.update(is_current=False)
    assert ids({}) == {event.pk}


# --- One filter at a time ----------------------------------------------------------------


@pytest.mark.django_db
def test_theme_filter_keeps_events_with_any_chosen_theme():
    ecology = Theme.objects.get(slug="transition-ecologique")
    future = Theme.objects.get(slug="industrie-du-futur")
    other = Theme.objects.get(slug="economie-circulaire")
    a = make_event(themes=[ecology])
    b = make_event(themes=[future, ecology])
    c = make_event(themes=[other])
    assert ids({"theme": "transition-ecologique"}) == {a.pk, b.pk}
    assert ids({"theme": ["industrie-du-futur", "economie-circulaire"]}) == {b.pk, c.pk}
    # No duplicates when an event matches several chosen themes.
    qs = public_event_filter(data={"theme": ["industrie-du-futur", "transition-ecologique"]}).qs
    assert sorted(e.pk for e in qs) == sorted({a.pk, b.pk})


@pytest.mark.django_db
def test_type_and_audience_filters():
    visit = ActionType.objects.get(slug="visite-entreprise")
    forum = ActionType.objects.get(slug="forum-des-metiers")
    pupils = Audience.objects.get(slug="lyceens")
    parents = Audience.objects.get(slug="parents")
    a = make_event(action_types=[visit], audiences=[pupils])
    b = make_event(action_types=[forum], audiences=[parents])
    assert ids({"type": "forum-des-metiers"}) == {b.pk}
    assert ids({"type": ["forum-des-metiers", "visite-entreprise"]}) == {a.pk, b.pk}
    assert ids({"public": "lyceens"}) == {a.pk}


@pytest.mark.django_db
def test_territory_filters():
    grenoble = make_event(department=Department.objects.get(code="38"))
    lyon = make_event(department=Department.objects.get(code="69"), city="Lyon")
    paris = make_event(department=Department.objects.get(code="75"), city="Paris")
    assert ids({"academie": "grenoble"}) == {grenoble.pk}
    assert ids({"region": "auvergne-rhone-alpes"}) == {grenoble.pk, lyon.pk}
    assert ids({"region": "ile-de-france"}) == {paris.pk}
    assert ids({"departement": "69"}) == {lyon.pk}


@pytest.mark.django_db
def test_city_or_postcode_filter_ignores_case_and_accents():
    etienne = make_event(city="Saint-Étienne", postcode="42000")
    grenoble = make_event(city="Grenoble", postcode="38100")
    assert ids({"ville": "saint-etienne"}) == {etienne.pk}
    assert ids({"ville": "SAINT-ÉTIENNE"}) == {etienne.pk}
    assert ids({"ville": "38100"}) == {grenoble.pk}
    assert ids({"ville": "42"}) == {etienne.pk}  # département prefix of the postcode
    assert ids({"ville": "Lyon"}) == set()


@pytest.mark.django_db
def test_date_range_uses_each_academy_local_day():
    early = make_event(sessions=[(at(17), 30)])
    late = make_event(sessions=[(at(21), 30)])
    # 01:00 on 18 November in La Réunion is 21:00 UTC on the 17th.
    reunion_tz = zoneinfo.ZoneInfo("Indian/Reunion")
    reunion = make_event(
        department=Department.objects.get(code="974"),
        city="Saint-Denis",
        sessions=[(datetime.datetime(2025, 11, 18, 1, 0, tzinfo=reunion_tz), 30)],
    )
    assert ids({"du": "2025-11-18"}) == {late.pk, reunion.pk}
    assert ids({"au": "2025-11-17"}) == {early.pk}
    assert ids({"du": "2025-11-17", "au": "2025-11-18"}) == {early.pk, reunion.pk}
    assert ids({"du": "2025-11-21", "au": "2025-11-21"}) == {late.pk}


@pytest.mark.django_db
def test_format_filter_counts_hybrid_events_as_both():
    onsite = make_event(format=Event.Format.ONSITE)
    online = make_event(format=Event.Format.ONLINE, online_url="https://visio.example.fr/a")
    hybrid = make_event(format=Event.Format.HYBRID, online_url="https://visio.example.fr/b")
    assert ids({"format": "sur-place"}) == {onsite.pk, hybrid.pk}
    assert ids({"format": "en-ligne"}) == {online.pk, hybrid.pk}
    assert ids({"format": "hybride"}) == {hybrid.pk}


@pytest.mark.django_db
def test_accessible_and_classes_flags():
    accessible = make_event(is_accessible=True, accepts_class_registrations=False)
    classes = make_event(is_accessible=False, accepts_class_registrations=True)
    assert ids({"accessible": "1"}) == {accessible.pk}
    assert ids({"classes": "oui"}) == {classes.pk}
    assert ids({"classes": "0"}) == {accessible.pk, classes.pk}  # unchecked: no filter


@pytest.mark.django_db
@before_edition_2025()
def test_places_filter_counts_confirmed_students_only():
    full = make_event(sessions=[(at(18), 30)])
    session = full.sessions.get()
    factories.ClassRegistrationFactory(session=session, students=30)
    factories.ClassRegistrationFactory(
        session=session, students=20, status=ClassRegistration.Status.WAITLISTED
    )
    partly = make_event(sessions=[(at(18), 30), (at(19), 30)])
    factories.ClassRegistrationFactory(session=partly.sessions.first(), students=30)
    pending_only = make_event(sessions=[(at(18), 10)])
    factories.ClassRegistrationFactory(
        session=pending_only.sessions.get(),
        students=10,
        girls=5,
        status=ClassRegistration.Status.PENDING,
    )
    unlimited = make_event(sessions=[(at(18), None)])
    make_event()  # no session: no place to offer
    assert ids({"places": "1"}) == {partly.pk, pending_only.pk, unlimited.pk}
    flags = {e.pk: e.has_places for e in events_mark_places(public_event_filter(data={}).qs)}
    assert flags[full.pk] is False and flags[unlimited.pk] is True


@pytest.mark.django_db
def test_search_filter_on_any_database():
    match = make_event(title="Visite de l'atelier électricité", description="Câblage.")
    by_city = make_event(title="Portes ouvertes", description="Usinage.", city="Besançon")
    make_event(title="Forum des métiers", description="Rencontres.")
    assert ids({"q": "électricité"}) == {match.pk}
    assert ids({"q": "besancon"}) == {by_city.pk}
    assert ids({"q": "ELECTRICITE atelier"}) == {match.pk}


@pytest.mark.django_db
@before_edition_2025()
def test_filters_combine():
    ecology = Theme.objects.get(slug="transition-ecologique")
    future = Theme.objects.get(slug="industrie-du-futur")
    wanted = make_event(themes=[ecology], is_accessible=True, sessions=[(at(18), 30)])
    make_event(themes=[ecology], is_accessible=False, sessions=[(at(18), 30)])
    make_event(themes=[future], is_accessible=True, sessions=[(at(18), 30)])
    make_event(
        themes=[ecology],
        is_accessible=True,
        department=Department.objects.get(code="75"),
        sessions=[(at(18), 30)],
    )
    make_event(themes=[ecology], is_accessible=True, sessions=[(at(25), 30)])
    data = {
        "theme": "transition-ecologique",
        "accessible": "1",
        "academie": "grenoble",
        "du": "2025-11-17",
        "au": "2025-11-23",
        "places": "1",
        "classes": "1",
        "format": "sur-place",
        "ville": "Grenoble",
        "edition": "2025",
    }
    assert ids(data) == {wanted.pk}


# --- Sorting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sort_by_first_session_date_by_default_and_by_publication_on_request():
    now = datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC)
    later = make_event(sessions=[(at(20), 30)], published_at=now)
    sooner = make_event(sessions=[(at(18), 30), (at(22), 30)], published_at=now)
    undated = make_event(published_at=now + datetime.timedelta(days=2))
    assert [e.pk for e in public_event_filter(data={}).qs] == [sooner.pk, later.pk, undated.pk]
    recent = public_event_filter(data={"tri": "recent"}).qs
    assert [e.pk for e in recent][0] == undated.pk


@pytest.mark.django_db
def test_distance_sort_needs_a_place():
    make_event()
    filterset = public_event_filter(data={"tri": "distance"})
    assert filterset.sort == "date"
    assert filterset.ignored_filters[0][0] == "Trier par"


# --- The page ---------------------------------------------------------------------------


def cards(html: str) -> str:
    """The result cards of a list page (the filter form also says « Places disponibles »)."""
    start = html.index('aria-labelledby="results-title"')
    return html[start : html.index("</main>", start)]


@pytest.mark.django_db
@before_edition_2025()
def test_list_page_shows_cards_count_tags_and_links(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    event = make_event(title="Atelier hydrogène", themes=[ecology], sessions=[(at(18), 30)])
    response = client.get("/evenements/?theme=transition-ecologique&accessible=1&page=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Atelier hydrogène" in html
    assert event.get_absolute_url() in html
    assert 'aria-live="polite"' in html and "1 événement" in html
    assert "mardi 18 novembre 2025, 10h00" in html  # local time of the académie
    # Each active filter is a tag linking to the page without it.
    assert 'href="/evenements/?accessible=1"' in html
    assert 'href="/evenements/?theme=transition-ecologique"' in html
    # Map and exports keep the filters (without the page number).
    assert 'href="/evenements/carte/?theme=transition-ecologique&amp;accessible=1"' in html
    assert "/evenements.ics?theme=transition-ecologique&amp;accessible=1" in html
    assert "/evenements.csv?theme=" in html and "/api/evenements.json?theme=" in html
    assert "Places disponibles" in cards(html)


@pytest.mark.django_db
def test_overseas_event_is_dated_in_its_own_time_zone(client):
    reunion_tz = zoneinfo.ZoneInfo("Indian/Reunion")
    make_event(
        department=Department.objects.get(code="974"),
        city="Saint-Denis",
        sessions=[(datetime.datetime(2025, 11, 18, 8, 30, tzinfo=reunion_tz), 30)],
    )
    html = client.get("/evenements/").content.decode()
    assert "mardi 18 novembre 2025, 08h30" in html


@pytest.mark.django_db
@before_edition_2025()
def test_full_event_card_says_complet(client):
    event = make_event(sessions=[(at(18), 24)])
    factories.ClassRegistrationFactory(session=event.sessions.get(), students=24)
    html = client.get("/evenements/").content.decode()
    assert "Complet" in cards(html)
    assert "Terminé" not in cards(html)


@pytest.mark.django_db
def test_an_event_whose_sessions_are_all_past_says_termine_not_places(client):
    """1 December 2026: the 2025 sessions are past, whatever their places left."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=PARIS), tick=False):
        open_event = make_event(title="Encore 17 places", sessions=[(at(18), 40)])
        factories.ClassRegistrationFactory(session=open_event.sessions.get(), students=23)
        full = make_event(title="Rempli", sessions=[(at(19), 24)])
        factories.ClassRegistrationFactory(session=full.sessions.get(), students=24)
        make_event(title="Sans classes", accepts_class_registrations=False, sessions=[(at(20), 5)])

        response = client.get("/evenements/")

    html = cards(response.content.decode())
    assert html.count("Terminé") == 3
    assert "Places disponibles" not in html
    assert "Complet" not in html
    flags = {event.title: (event.is_over, event.has_places) for event in response.context["events"]}
    assert flags == {
        "Encore 17 places": (True, False),
        "Rempli": (True, False),
        "Sans classes": (True, False),
    }


@pytest.mark.django_db
@before_edition_2025()
def test_an_event_without_sessions_is_neither_full_nor_over(client):
    make_event(title="Créneaux à venir", accepts_class_registrations=True)
    html = cards(client.get("/evenements/").content.decode())
    assert "Créneaux à venir" in html
    for badge in ("Complet", "Places disponibles", "Terminé"):
        assert badge not in html


@pytest.mark.django_db
def test_empty_results_suggest_ways_out(client):
    make_event(is_accessible=False)
    html = client.get("/evenements/?accessible=1").content.decode()
    assert "Aucun événement ne correspond" in html
    assert "Chercher dans toutes les éditions" in html
    assert "?accessible=1&amp;edition=toutes" in html
    assert "Voir tous les événements de l'édition 2025" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("theme=inconnue", "Thématiques"),
        ("du=2025-13-45", "Du"),
        ("rayon=abc", "Rayon (km)"),
        ("accessible=peut-etre", "Accessible aux personnes en situation de handicap"),
        ("edition=1789", "Édition"),
        ("academie=atlantide", "Académie"),
        ("format=papier", "Format"),
        ("tri=hasard", "Trier par"),
        ("pres_de=0000000A", "Près de"),
        ("pres_de=99999", "Près de"),
        ("du=2025-11-20&au=2025-11-10", "Au"),
        ("du=1000-01-01", "Du"),
        ("q=" + "x" * 10_000, "Rechercher"),
    ],
)
def test_bad_values_are_ignored_with_a_message(client, query, label):
    event = make_event()
    response = client.get(f"/evenements/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Le filtre « {label} » a été ignoré" in html
    assert escape(event.title) in html  # the other filters (none here) still apply


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["999999", "0", "-3", "abc", "1e9", "99999999999999999999999"])
def test_any_page_number_gives_a_page(client, page):
    factories.PublishedEventFactory.create_batch(3)
    response = client.get(f"/evenements/?page={page}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_pagination_twenty_per_page_keeps_filters(client, published_events):
    published_events(45)
    response = client.get("/evenements/?accessible=1&page=3")
    assert response.status_code == 200
    assert len(response.context["events"]) == 5
    assert response.context["paginator"].count == 45
    html = response.content.decode()
    assert "accessible=1&amp;page=2" in html or "page=2&amp;accessible=1" in html
    assert "fr-pagination" in html


@pytest.mark.django_db
def test_list_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=2)
    with django_assert_max_num_queries(10):
        response = client.get("/evenements/")
    assert response.status_code == 200
    assert len(response.context["events"]) == 20
    cache.clear()
    with django_assert_max_num_queries(10):
        response = client.get(
            "/evenements/?theme=transition-ecologique&theme=mixite-des-metiers&places=1"
            "&classes=1&du=2025-11-01&au=2025-12-31&q=usinage&pres_de=38000&tri=recent"
        )
    assert response.status_code == 200


@pytest.mark.django_db
def test_anonymous_list_is_cached(client, published_events, django_assert_num_queries):
    published_events(2)
    client.get("/evenements/?theme=transition-ecologique")
    with django_assert_num_queries(0):
        assert client.get("/evenements/?theme=transition-ecologique").status_code == 200


# --- The filterset interface (used by the exports and the landing pages) --------------------


@pytest.mark.django_db
def test_public_event_filter_accepts_plain_dicts_and_querydicts():
    ecology = Theme.objects.get(slug="transition-ecologique")
    event = make_event(themes=[ecology])
    assert isinstance(public_event_filter(data={"theme": "x"}), PublicEventFilter)
    assert ids({"theme": "transition-ecologique"}) == {event.pk}
    assert ids({"theme": ["transition-ecologique"]}) == {event.pk}
    assert ids(QueryDict("theme=transition-ecologique")) == {event.pk}
    assert ids(None) == {event.pk}


@pytest.mark.django_db
def test_active_filters_remove_one_value_at_a_time():
    query = QueryDict("theme=transition-ecologique&theme=industrie-du-futur&page=2&accessible=1")
    tags = public_event_filter(data=query).active_filters(query)
    by_label = {tag["label"]: tag["query"] for tag in tags}
    assert by_label["Transition écologique"] == "theme=industrie-du-futur&accessible=1"
    assert by_label["Accessible aux personnes en situation de handicap"] == (
        "theme=transition-ecologique&theme=industrie-du-futur"
    )


# --- Property test ------------------------------------------------------------------------------

FILTER_NAMES = list(PublicEventFilter.base_filters) + ["page", "par_page", "junk"]
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "1",
            "0",
            "toutes",
            "2025",
            "transition-ecologique",
            "38000",
            "0381778B",
            "2025-11-18",
            "2025-13-45",
            "distance",
            "-1",
            "9" * 30,
            "\x00",
            "NaN",
            "1e400",
        ]
    ),
)
QUERIES = st.lists(st.tuples(st.sampled_from(FILTER_NAMES), VALUES), max_size=8)


@pytest.mark.django_db
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=QUERIES)
def test_list_never_fails_on_arbitrary_queries(client, pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    response = client.get("/evenements/", data=query)
    assert response.status_code == 200
