"""The home page /: current edition, figures, search, featured events, entry points, language."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from events.models import Edition, Event, Theme
from events.selectors import home_context
from events.selectors.editions import date_range_label, edition_figures
from tests import factories

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# The 2025 edition (flagged current) accepts events from 2 November to 7 December 2025.
BEFORE_2025 = (2025, 10, 1)
DURING_2025 = (2025, 11, 18)
AFTER_2025 = (2026, 12, 1)


def on(day):
    """Noon in Paris on `day` (year, month, day), clock stopped."""
    return time_machine.travel(datetime.datetime(*day, 12, 0, tzinfo=PARIS), tick=False)


def hero(html: str) -> str:
    """The top of the home page: the edition, where it stands, what comes next."""
    return html[html.index('aria-labelledby="home-title"') : html.index('role="search"')]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def add_sessions(event, *capacities, start=None):
    start = start or datetime.datetime(2025, 11, 18, 9, 0, tzinfo=PARIS)
    for index, capacity in enumerate(capacities):
        starts_at = start + datetime.timedelta(days=index)
        factories.SessionFactory(
            event=event,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            capacity=capacity,
        )


@pytest.mark.django_db
def test_home_shows_the_current_edition_dates_theme_and_figures(client):
    edition = Edition.objects.get(year=2025)
    ecology = Theme.objects.get(slug="transition-ecologique")
    edition.focus_themes.set([ecology])
    grenoble = factories.PublishedEventFactory()  # académie de Grenoble (38)
    add_sessions(grenoble, 30, 20)
    lille = factories.PublishedEventFactory(department=factories.reference_department("59"))
    add_sessions(lille, 12, None)  # one session without a limit
    factories.PublishedEventFactory(department=factories.reference_department("38"))
    # Not counted: a draft, a cancelled event, an event of another edition.
    add_sessions(factories.EventFactory(), 500)
    add_sessions(factories.PublishedEventFactory(status=Event.Status.CANCELLED), 500)
    add_sessions(factories.PublishedEventFactory(edition=Edition.objects.get(year=2024)), 500)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Semaine de l'industrie 2025" in html
    assert "Du 17 au 23 novembre 2025" in html
    assert "du 2 novembre au 7 décembre 2025" in html
    assert "« Avec l&#x27;industrie, fabrique ton avenir »" in html
    assert 'href="/themes/transition-ecologique/"' in html
    assert response.context["figures"] == {
        "events": 3,
        "academies": 2,
        "sessions": 4,
        "places": 62,
        "unlimited": 1,
    }
    figures_html = html[html.index('id="figures-title"') : html.index('id="featured-title"')]
    for text in ("3</p>", "2</p>", "4</p>", "62</p>", "événements labellisés", "1 créneau sans"):
        assert text in figures_html


@pytest.mark.django_db
def test_home_search_form_goes_to_the_list_with_q_and_pres_de(client):
    html = client.get("/").content.decode()
    search = html.index('role="search"')
    form = html[html.rindex("<form", 0, search) : html.index("</form>", search)]
    assert 'action="/evenements/"' in form
    assert 'method="get"' in form
    assert 'name="q"' in form and 'name="pres_de"' in form
    assert '<label class="fr-label" for="home-q">' in form
    assert '<label class="fr-label" for="home-pres-de">' in form


@pytest.mark.django_db
def test_featured_events_are_published_and_upcoming_first(client):
    soon = timezone.now() + datetime.timedelta(days=3)
    later = factories.PublishedEventFactory(title="Visite plus tard")
    add_sessions(later, 10, start=soon + datetime.timedelta(days=5))
    next_one = factories.PublishedEventFactory(title="Visite bientôt")
    add_sessions(next_one, 10, start=soon)
    past = factories.PublishedEventFactory(title="Visite passée")
    add_sessions(past, 10)
    draft = factories.EventFactory(title="Brouillon à venir")
    add_sessions(draft, 10, start=soon)

    response = client.get("/")

    assert response.context["featured_upcoming"] is True
    assert [e.title for e in response.context["featured_events"]] == [
        "Visite bientôt",
        "Visite plus tard",
    ]
    html = response.content.decode()
    assert "Prochains événements" in html
    assert "Brouillon à venir" not in html
    assert "Visite passée" not in html


@pytest.mark.django_db
def test_without_upcoming_events_the_latest_labelled_are_featured(client):
    old = factories.PublishedEventFactory(
        title="Labellisé en premier", published_at=timezone.now() - datetime.timedelta(days=9)
    )
    add_sessions(old, 10)
    new = factories.PublishedEventFactory(title="Labellisé en dernier")
    add_sessions(new, 10)
    factories.EventFactory(title="Brouillon")
    for index in range(7):
        factories.PublishedEventFactory(
            title=f"Ancien {index}", published_at=timezone.now() - datetime.timedelta(days=30)
        )

    response = client.get("/")

    featured = response.context["featured_events"]
    assert response.context["featured_upcoming"] is False
    assert len(featured) == 6
    assert [e.title for e in featured[:2]] == ["Labellisé en dernier", "Labellisé en premier"]
    assert all(e.status == Event.Status.PUBLISHED for e in featured)
    assert "Derniers événements labellisés" in response.content.decode()


@pytest.mark.django_db
def test_home_links_to_every_theme_and_academy_grouped_by_region(client):
    factories.PublishedEventFactory(themes=[Theme.objects.get(slug="industrie-du-futur")])
    response = client.get("/")
    html = response.content.decode()
    for theme in Theme.objects.filter(is_active=True):
        assert f'href="/themes/{theme.slug}/"' in html
    assert 'href="/academies/grenoble/"' in html
    assert 'href="/academies/la-reunion/"' in html
    regions = dict(response.context["academy_regions"])
    assert [a.name for a in regions["Auvergne-Rhône-Alpes"]] == [
        "Clermont-Ferrand",
        "Grenoble",
        "Lyon",
    ]
    assert sum(len(academies) for academies in regions.values()) == 30
    futur = next(t for t in response.context["themes"] if t.slug == "industrie-du-futur")
    assert futur.event_count == 1


@pytest.mark.django_db
def test_home_explains_what_each_visitor_can_do(client):
    html = client.get("/").content.decode()
    for text in ("Vous êtes…", "Enseignant", "Entreprise", "Service académique"):
        assert text in html
    assert 'href="/comptes/signup/"' in html
    assert 'href="/comptes/login/"' in html


@pytest.mark.django_db
def test_home_without_current_edition_says_so(client):
    factories.PublishedEventFactory()
    Edition.objects.update(is_current=False)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "fr-alert" in html
    assert "Aucune édition en cours" in html
    assert 'href="/editions/"' in html
    assert 'role="search"' in html
    assert "featured_events" not in response.context


# --- Where today stands --------------------------------------------------------------------


@pytest.mark.django_db
def test_inside_the_window_the_edition_is_en_cours(client):
    with on(DURING_2025):
        response = client.get("/")
    html = hero(response.content.decode())
    assert response.context["edition"].phase == "running"
    assert "Édition en cours" in html
    assert "Les événements peuvent se tenir du 2 novembre au 7 décembre 2025." in html
    assert "terminée" not in html and "Dernière édition" not in html
    assert "Prochaine édition" not in html


@pytest.mark.django_db
def test_before_the_window_the_edition_is_the_next_one(client):
    with on(BEFORE_2025):
        response = client.get("/")
    html = hero(response.content.decode())
    assert response.context["edition"].phase == "upcoming"
    assert "Prochaine édition" in html
    assert "Les événements pourront se tenir du 2 novembre au 7 décembre 2025." in html
    assert "en cours" not in html and "terminée" not in html


@pytest.mark.django_db
def test_after_the_window_it_is_the_last_edition_and_the_next_is_announced(client):
    """1 December 2026, the day of the defect: 2025 is still flagged, 2026 has no dates."""
    with on(AFTER_2025):
        response = client.get("/")
    html = response.content.decode()
    top = hero(html).replace("&#x27;", "'")
    assert response.context["edition"].phase == "over"
    assert response.context["next_edition"].year == 2026
    assert "en cours" not in html
    assert "Dernière édition" in top
    assert "L'édition 2025 est terminée" in top
    assert "Les événements se sont tenus du 2 novembre au 7 décembre 2025." in top
    assert "Prochaine édition : la Semaine de l'industrie 2026, dates bientôt annoncées." in top
    assert 'href="/editions/"' in top and "Revoir l'édition 2025 et les précédentes" in top


@pytest.mark.django_db
def test_after_the_window_the_next_editions_dates_are_given_when_known(client):
    Edition.objects.filter(year=2026).update(
        starts_on=datetime.date(2026, 11, 16), ends_on=datetime.date(2026, 11, 22)
    )
    with on(AFTER_2025):
        top = hero(client.get("/").content.decode()).replace("&#x27;", "'")
    assert "L'édition 2025 est terminée" in top
    assert (
        "Prochaine édition : la Semaine de l'industrie 2026 se tiendra du 16 au 22 novembre 2026."
        in top
    )
    assert "bientôt annoncées" not in top


@pytest.mark.django_db
def test_after_the_window_without_a_next_edition_on_record(client):
    Edition.objects.filter(year__gt=2025).delete()
    with on(AFTER_2025):
        response = client.get("/")
    top = hero(response.content.decode()).replace("&#x27;", "'")
    assert response.context["next_edition"] is None
    assert "L'édition 2025 est terminée" in top
    assert "Prochaine édition : dates bientôt annoncées." in top


@pytest.mark.django_db
def test_after_the_window_featured_events_say_termine_not_places(client):
    event = factories.PublishedEventFactory(title="Visite d'hier", accepts_class_registrations=True)
    add_sessions(event, 40)
    factories.ClassRegistrationFactory(session=event.sessions.get(), students=23)
    with on(AFTER_2025):
        response = client.get("/")
    html = response.content.decode()
    featured = html[html.index('id="featured-title"') : html.index('id="themes-title"')]
    assert "Visite d&#x27;hier" in featured
    assert "Terminé" in featured
    assert "Places disponibles" not in featured and "Complet" not in featured


@pytest.mark.django_db
@pytest.mark.parametrize("day", [BEFORE_2025, DURING_2025, AFTER_2025])
def test_home_query_budget(client, published_events, django_assert_max_num_queries, day):
    published_events(60, sessions=3, themes=2)
    Edition.objects.get(year=2025).focus_themes.set(Theme.objects.all()[:2])
    with on(day), django_assert_max_num_queries(10):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["featured_events"]) == 6
    assert response.context["figures"]["sessions"] == 180


@pytest.mark.django_db
def test_anonymous_home_is_cached(client, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_edition_figures_selector():
    event = factories.PublishedEventFactory()
    add_sessions(event, 25, None, 5)
    figures = edition_figures(edition=Edition.objects.get(year=2025))
    assert figures == {"events": 1, "academies": 1, "sessions": 3, "places": 30, "unlimited": 1}
    assert home_context()["edition"].year == 2025


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        ((2025, 11, 17), (2025, 11, 23), "du 17 au 23 novembre 2025"),
        ((2023, 11, 27), (2023, 12, 3), "du 27 novembre au 3 décembre 2023"),
        ((2025, 12, 29), (2026, 1, 4), "du 29 décembre 2025 au 4 janvier 2026"),
        ((2025, 12, 1), (2025, 12, 7), "du 1er au 7 décembre 2025"),
    ],
)
def test_date_range_label(first, last, label):
    assert date_range_label(first=datetime.date(*first), last=datetime.date(*last)) == label


# --- Language switcher -------------------------------------------------------------------------


def test_language_switcher_posts_to_set_language():
    request = RequestFactory().get("/editions/?page=2")
    switcher = render_to_string("partials/language_switcher.html", request=request)
    assert 'action="/i18n/setlang/"' in switcher
    assert 'method="post"' in switcher
    # No CSRF token: the header is part of cached public pages; set_language is exempt.
    assert 'name="csrfmiddlewaretoken"' not in switcher
    assert 'name="next" value="/editions/?page=2"' in switcher
    assert 'name="language" value="fr"' in switcher
    assert 'name="language" value="en"' in switcher
    assert 'lang="en"' in switcher and "English" in switcher
    assert "Français" in switcher
    assert 'class="fr-translate fr-nav"' in switcher


@pytest.mark.django_db
def test_switching_to_english_changes_the_html_lang(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert '<html lang="fr"' in client.get("/").content.decode()
