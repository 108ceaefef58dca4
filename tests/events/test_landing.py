"""Landing pages /themes/<slug>/ and /academies/<slug>/: the list with a preset and an intro."""

import pytest
from django.core.cache import cache

from events.models import ActionType, Edition, Event, Theme
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def titles(response) -> set[str]:
    return {event.title for event in response.context["events"]}


@pytest.fixture
def ecology():
    return Theme.objects.get(slug="transition-ecologique")


@pytest.fixture
def future():
    return Theme.objects.get(slug="industrie-du-futur")


# --- Themes ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_theme_page_lists_only_that_themes_published_events(client, ecology, future):
    make = factories.PublishedEventFactory
    make(title="Recyclage", themes=[ecology])
    make(title="Recyclage et robots", themes=[ecology, future])
    make(title="Robots", themes=[future])
    factories.EventFactory(title="Brouillon vert", themes=[ecology])
    make(title="Annulé vert", themes=[ecology], status=Event.Status.CANCELLED)
    make(title="Vert 2024", themes=[ecology], edition=Edition.objects.get(year=2024))

    response = client.get("/themes/transition-ecologique/")

    assert response.status_code == 200
    assert titles(response) == {"Recyclage", "Recyclage et robots"}
    html = response.content.decode()
    assert "<h1>Transition écologique</h1>" in html
    # No description: a generated sentence names the theme.
    assert "sur la thématique « Transition écologique »" in html
    assert "2 événements" in html
    # The preset shows as a checked filter, kept when the form leads to /evenements/.
    assert 'value="transition-ecologique"' in html
    assert 'action="/evenements/"' in html
    # Sorting stays on the landing page.
    assert '<form method="get" action="/themes/transition-ecologique/"' in html


@pytest.mark.django_db
def test_theme_page_shows_the_theme_description(client, ecology):
    ecology.description = "Sobriété, énergies renouvelables et recyclage."
    ecology.save()
    html = client.get("/themes/transition-ecologique/").content.decode()
    assert "Sobriété, énergies renouvelables et recyclage." in html


@pytest.mark.django_db
def test_other_filters_still_work_on_a_theme_page(client, ecology, future):
    visit = list(ActionType.objects.filter(slug="visite-entreprise"))
    forum = list(ActionType.objects.filter(slug="forum-des-metiers"))
    make = factories.PublishedEventFactory
    make(title="Visite verte", themes=[ecology], action_types=visit)
    make(title="Forum vert", themes=[ecology], action_types=forum)
    make(title="Forum du futur", themes=[future], action_types=forum)
    make(title="Vert 2024", themes=[ecology], edition=Edition.objects.get(year=2024))

    response = client.get("/themes/transition-ecologique/?type=forum-des-metiers")
    assert titles(response) == {"Forum vert"}
    # The preset wins over another theme in the query string.
    assert titles(client.get("/themes/transition-ecologique/?theme=industrie-du-futur")) == {
        "Visite verte",
        "Forum vert",
    }
    assert titles(client.get("/themes/transition-ecologique/?edition=2024")) == {"Vert 2024"}
    # Bad values are ignored with a message, never a 500.
    response = client.get("/themes/transition-ecologique/?type=nope&page=zz&du=31/02")
    assert response.status_code == 200
    assert "a été ignoré" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/themes/inconnue/", "/academies/atlantide/"])
def test_unknown_slug_is_404(client, path):
    assert client.get(path).status_code == 404


# --- Académies --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_academy_page_lists_only_that_academys_published_events(client):
    make = factories.PublishedEventFactory
    make(title="À Grenoble", department=factories.reference_department("38"))
    make(title="À Annecy", department=factories.reference_department("74"))
    make(title="À Lyon", department=factories.reference_department("69"))
    factories.EventFactory(title="Brouillon grenoblois")

    response = client.get("/academies/grenoble/")

    assert response.status_code == 200
    assert titles(response) == {"À Grenoble", "À Annecy"}
    html = response.content.decode()
    assert "<h1>Académie de Grenoble</h1>" in html
    assert "Région académique Auvergne-Rhône-Alpes" in html
    for department in ("Ardèche (07)", "Drôme (26)", "Isère (38)", "Savoie (73)"):
        assert department in html
    assert "Les horaires sont indiqués" not in html  # Europe/Paris: no time zone notice


@pytest.mark.django_db
def test_academy_page_figures_for_the_current_edition(client, session_factory):
    grenoble = factories.reference_department("38")
    first = factories.PublishedEventFactory(department=grenoble)
    session_factory(event=first, capacity=30)
    session_factory(event=first, capacity=20)
    factories.PublishedEventFactory(department=grenoble)
    other_edition = factories.PublishedEventFactory(
        department=grenoble, edition=Edition.objects.get(year=2024)
    )
    session_factory(event=other_edition, capacity=500)

    response = client.get("/academies/grenoble/")

    assert response.context["figures_year"] == 2025
    assert response.context["figures"] == {
        "events": 2,
        "academies": 1,
        "sessions": 2,
        "places": 50,
        "unlimited": 0,
    }
    html = response.content.decode()
    assert "2 événements labellisés" in html
    assert "50 places offertes aux élèves" in html
    response = client.get("/academies/grenoble/?edition=2024")
    assert response.context["figures"]["places"] == 500


@pytest.mark.django_db
def test_overseas_academy_page_gives_its_time_zone(client):
    cayenne = factories.reference_department("973")
    factories.PublishedEventFactory(title="En Guyane", department=cayenne, postcode="97300")
    response = client.get("/academies/guyane/")
    html = response.content.decode()
    assert titles(response) == {"En Guyane"}
    assert "America/Cayenne, UTC−3)" in html  # the same label as the event pages
    assert "<h1>Académie de Guyane</h1>" in html
    assert "Les horaires sont indiqués à l'heure locale de l'académie" in html
    aix = client.get("/academies/aix-marseille/").content.decode().replace("&#x27;", "'")
    assert "<h1>Académie d'Aix-Marseille</h1>" in aix


@pytest.mark.django_db
def test_landing_query_budgets(client, published_events, django_assert_max_num_queries):
    published_events(60, sessions=3, themes=2)
    theme = Theme.objects.all()[0]
    with django_assert_max_num_queries(10):
        response = client.get(f"/themes/{theme.slug}/")
    assert response.status_code == 200
    assert len(response.context["events"]) == 20
    with django_assert_max_num_queries(10):
        response = client.get("/academies/grenoble/")
    assert len(response.context["events"]) == 20
    assert response.context["figures"]["sessions"] == 180
    with django_assert_max_num_queries(10):
        response = client.get(f"/themes/{theme.slug}/?places=1&classes=1&q=usinage&page=2")
    assert response.status_code == 200


@pytest.mark.django_db
def test_anonymous_landing_pages_are_cached(client, django_assert_num_queries):
    for path in ("/themes/transition-ecologique/", "/academies/grenoble/", "/editions/"):
        client.get(path)
        with django_assert_num_queries(0):
            assert client.get(path).status_code == 200
