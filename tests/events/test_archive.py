"""The archive: /editions/ and /editions/<year>/ (dates, figures, breakdowns, events)."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from events.models import ActionType, ClassRegistration, Edition, Event, Theme
from events.selectors.editions import edition_archive_list, edition_breakdown
from tests import factories
from tests.clock import before_edition_2025

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def on(*day):
    """Noon in Paris on `day` (year, month, day), clock stopped."""
    return time_machine.travel(datetime.datetime(*day, 12, 0, tzinfo=PARIS), tick=False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def types(*slugs):
    return list(ActionType.objects.filter(slug__in=slugs))


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


def card_of(html: str, year: int) -> str:
    """The archive card of one edition."""
    start = html.index(f'href="/editions/{year}/"')
    end = html.find('href="/editions/', start + 1)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def edition_2024_events(db):
    """2024: 3 events in Grenoble, 1 in Lille, 1 in Paris; plus noise that must not count."""
    edition = Edition.objects.get(year=2024)
    grenoble, lille, paris = (factories.reference_department(code) for code in ("38", "59", "75"))
    make = factories.PublishedEventFactory
    make(
        edition=edition,
        department=grenoble,
        action_types=types("visite-entreprise"),
        themes=themes("industrie-du-futur"),
    )
    make(
        edition=edition,
        department=grenoble,
        action_types=types("visite-entreprise", "portes-ouvertes"),
        themes=themes("industrie-du-futur", "transition-ecologique"),
    )
    make(
        edition=edition,
        department=grenoble,
        action_types=types("portes-ouvertes", "visite-entreprise"),
        themes=themes("industrie-du-futur"),
    )
    make(
        edition=edition,
        department=lille,
        action_types=types("job-dating"),
        themes=themes("mixite-des-metiers"),
    )
    make(
        edition=edition,
        department=paris,
        action_types=types("visite-entreprise"),
        themes=themes("transition-ecologique"),
    )
    # Noise: a draft and a rejected event of 2024, a published event of 2025.
    factories.EventFactory(edition=edition, department=paris, action_types=types("escape-game"))
    make(edition=edition, status=Event.Status.REJECTED, action_types=types("escape-game"))
    make(action_types=types("escape-game"))
    return edition


# --- /editions/ -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_archive_lists_every_edition_with_known_dates_only(client):
    response = client.get("/editions/")
    assert response.status_code == 200
    html = response.content.decode()
    years = [int(year) for year in re.findall(r'href="/editions/(\d{4})/"', html)]
    assert years == list(range(2026, 2017, -1))  # 9 editions, newest first
    assert "Dates non renseignées" in card_of(html, 2026)
    assert "Du 22 au 28 novembre 2021" in card_of(html, 2021)
    assert "Du 17 au 23 novembre 2025" in card_of(html, 2025)
    assert "Du 27 novembre au 3 décembre 2023" in card_of(html, 2023)
    assert "Du 26 mars au 1er avril 2018" in card_of(html, 2018)
    assert "« Inventer un avenir durable »" in card_of(html, 2021)
    assert html.count("Dates non renseignées") == 1


BADGES = ("Édition en cours", "Prochaine édition", "À venir", "Dernière édition")


def badges_of(html: str, year: int) -> list[str]:
    card = card_of(html, year)
    return [badge for badge in BADGES if badge in card]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "badges_2025", "badges_2026"),
    [
        ((2025, 10, 1), ["Prochaine édition"], []),
        ((2025, 11, 18), ["Édition en cours"], ["Prochaine édition"]),
        ((2026, 12, 1), ["Dernière édition"], ["Prochaine édition"]),
    ],
)
def test_archive_says_where_each_edition_stands_today(client, day, badges_2025, badges_2026):
    with on(*day):
        html = client.get("/editions/").content.decode()
    assert badges_of(html, 2025) == badges_2025
    assert badges_of(html, 2026) == badges_2026
    for year in range(2018, 2025):
        assert badges_of(html, year) == [], year


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "year", "badge"),
    [
        ((2025, 10, 1), 2025, "Édition à venir"),
        ((2025, 11, 18), 2025, "Édition en cours"),
        ((2026, 12, 1), 2025, "Édition terminée"),
        ((2026, 12, 1), 2024, "Édition terminée"),
    ],
)
def test_edition_page_says_where_it_stands_today(client, day, year, badge):
    with on(*day):
        html = client.get(f"/editions/{year}/").content.decode()
    top = html[html.index("<h1>") : html.index('id="figures-title"')]
    assert badge in top
    for other in {"Édition à venir", "Édition en cours", "Édition terminée"} - {badge}:
        assert other not in top


@pytest.mark.django_db
def test_a_finished_editions_events_say_termine_not_places(client, session_factory):
    event = factories.PublishedEventFactory(title="Visite passée")
    factories.ClassRegistrationFactory(session=session_factory(event=event, capacity=40))
    with on(2026, 12, 1):
        html = client.get("/editions/2025/").content.decode()
    events = html[html.index('id="events-title"') :]
    assert "Visite passée" in events
    assert "Terminé" in events
    assert "Places disponibles" not in events and "Complet" not in events


@pytest.mark.django_db
def test_archive_counts_published_events_per_edition(client, edition_2024_events):
    editions = {edition.year: edition for edition in edition_archive_list()}
    assert (editions[2024].event_count, editions[2024].academy_count) == (5, 3)
    assert (editions[2025].event_count, editions[2025].academy_count) == (1, 1)
    assert editions[2019].event_count == 0
    html = client.get("/editions/").content.decode()
    assert "5 événements labellisés" in card_of(html, 2024)
    assert "3 académies" in card_of(html, 2024)
    assert "Aucun événement labellisé" in card_of(html, 2019)


# --- /editions/<year>/ -----------------------------------------------------------------------


@pytest.mark.django_db
def test_edition_figures_by_type_theme_and_academy(edition_2024_events):
    figures = edition_breakdown(edition=edition_2024_events)
    assert figures["events"] == 5
    assert figures["academies"] == 3
    assert [(row.slug, row.event_count) for row in figures["by_type"]] == [
        ("visite-entreprise", 4),
        ("portes-ouvertes", 2),
        ("job-dating", 1),
    ]
    assert [(row.slug, row.event_count) for row in figures["by_theme"]] == [
        ("industrie-du-futur", 3),
        ("transition-ecologique", 2),
        ("mixite-des-metiers", 1),
    ]
    assert [(row.name, row.event_count, row.share) for row in figures["by_academy"]] == [
        ("Grenoble", 3, 60),
        ("Lille", 1, 20),
        ("Paris", 1, 20),
    ]


@pytest.mark.django_db
def test_edition_sessions_and_places_per_academy(edition_2024_events, session_factory):
    grenoble_events = Event.objects.filter(
        edition=edition_2024_events, academy__slug="grenoble", status=Event.Status.PUBLISHED
    )
    first, second, _third = grenoble_events
    session_factory(event=first, capacity=30)
    session_factory(event=first, capacity=None)
    session_factory(event=second, capacity=12)
    lille = Event.objects.get(edition=edition_2024_events, academy__slug="lille")
    session_factory(event=lille, capacity=8)
    draft = Event.objects.get(edition=edition_2024_events, status=Event.Status.DRAFT)
    session_factory(event=draft, capacity=1000)

    figures = edition_breakdown(edition=edition_2024_events)

    rows = {row.slug: row for row in figures["by_academy"]}
    assert (rows["grenoble"].event_count, rows["grenoble"].session_count) == (3, 3)
    assert rows["grenoble"].place_count == 42
    assert (rows["lille"].session_count, rows["lille"].place_count) == (1, 8)
    assert (rows["paris"].session_count, rows["paris"].place_count) == (0, 0)
    assert (figures["events"], figures["sessions"], figures["places"]) == (5, 4, 50)
    assert figures["unlimited"] == 1


@pytest.mark.django_db
def test_edition_page_shows_tables_with_captions(client, edition_2024_events):
    response = client.get("/editions/2024/")
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert "Semaine officielle : du 18 au 24 novembre 2024" in html
    for caption in (
        "Événements labellisés par type d'action (2024)",
        "Événements labellisés par thématique (2024)",
        "Événements labellisés par académie (2024)",
    ):
        assert f"<caption>{caption}</caption>" in html
    academy_table = html[html.index('id="table-by-academy"') :]
    academy_table = academy_table[: academy_table.index("</table>")]
    assert academy_table.index("Grenoble") < academy_table.index("Lille")
    assert '<td class="fr-cell--right">3</td><td class="fr-cell--right">60 %</td>' in academy_table
    assert 'href="/academies/grenoble/?edition=2024"' in academy_table
    type_table = html[html.index('id="table-by-type"') : html.index('id="table-by-theme"')]
    assert type_table.index("Visite d") < type_table.index("Portes ouvertes")
    assert "Escape game" not in html


@pytest.mark.django_db
def test_edition_page_lists_its_published_events_only(client, edition_2024_events):
    response = client.get("/editions/2024/")
    events = list(response.context["events"])
    assert len(events) == 5
    assert {event.edition.year for event in events} == {2024}
    assert all(event.status == Event.Status.PUBLISHED for event in events)
    html = response.content.decode()
    assert 'href="/evenements/?edition=2024"' in html
    assert html.count('class="fr-card fr-enlarge-link fr-card--sm"') == 5


@pytest.mark.django_db
def test_edition_page_paginates_events(client, published_events):
    published_events(30, edition=Edition.objects.get(year=2019))
    first = client.get("/editions/2019/")
    assert len(first.context["events"]) == 12
    assert "fr-pagination" in first.content.decode()
    last = client.get("/editions/2019/?page=3")
    assert len(last.context["events"]) == 6
    for junk in ("999999", "abc", "-1", "1" * 5000):
        assert client.get(f"/editions/2019/?page={junk}").status_code == 200


@pytest.mark.django_db
def test_past_edition_and_edition_without_dates_or_events_are_browsable(client):
    response = client.get("/editions/2026/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dates non renseignées" in html
    assert "Aucun événement labellisé" in html
    assert client.get("/editions/2018/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["2017", "2031", "0", "99999999999999999999999"])
def test_unknown_year_is_404(client, year):
    assert client.get(f"/editions/{year}/").status_code == 404


@pytest.mark.django_db
def test_edition_page_shows_focus_themes_and_window(client):
    edition = Edition.objects.get(year=2025)
    edition.focus_themes.set(themes("economie-circulaire"))
    html = client.get("/editions/2025/").content.decode()
    assert "Période acceptée pour les événements : du 2 novembre au 7 décembre 2025" in html
    assert 'href="/themes/economie-circulaire/?edition=2025"' in html


@pytest.mark.django_db
def test_archive_query_budgets(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=2)
    with django_assert_max_num_queries(10):
        assert client.get("/editions/").status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get("/editions/2025/")
    assert response.status_code == 200
    assert response.context["figures"]["sessions"] == 180
    assert len(response.context["events"]) == 12
    cache.clear()
    with django_assert_max_num_queries(10):
        assert client.get("/editions/2025/?page=5").status_code == 200


@pytest.mark.django_db
@before_edition_2025()
def test_edition_landing_and_home_cards_say_full_or_places_left(client, session_factory):
    full = factories.PublishedEventFactory(title="Complet partout")
    factories.ClassRegistrationFactory(session=session_factory(event=full, capacity=24))
    open_event = factories.PublishedEventFactory(title="Encore de la place")
    session_factory(event=open_event, capacity=30)
    for path, key in (
        ("/editions/2025/", "events"),
        ("/academies/grenoble/", "events"),
        ("/", "featured_events"),
    ):
        response = client.get(path)
        places = {event.title: event.has_places for event in response.context[key]}
        assert places == {"Complet partout": False, "Encore de la place": True}, path
        html = response.content.decode()
        assert "Complet" in html and "Places disponibles" in html, path


def test_an_editions_page_sums_up_its_participation_with_the_dashboards_figures(client, db):
    event = factories.PublishedEventFactory(edition=Edition.objects.get(year=2024))
    session = factories.SessionFactory(event=event)
    factories.ClassRegistrationFactory(session=session, students=20, girls=8)
    factories.ClassRegistrationFactory(session=session, students=10, girls=None)
    factories.ClassRegistrationFactory(
        session=session, students=15, girls=15, status=ClassRegistration.Status.CANCELLED
    )
    page = client.get("/editions/2024/").content.decode()
    assert "30" in page and "élèves inscrits avec leur classe" in page
    assert "40 %" in page  # 8 girls among the 20 students whose count of girls is known
