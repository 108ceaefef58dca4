"""The editions' published facts, reference data in the page's language, and académies named
with French elision, on every page, feed and export."""

import csv
import datetime
import io
import re

import pytest
from django.utils import translation

from academies.display import academy_label
from academies.models import Academy, RegionAcademique
from events.models import ActionType, Audience, Edition, PublishedFigure, Theme
from events.selectors.editions import published_figure_label
from tests import factories

NNBSP = "\xa0"  # Django's French thousands separator


def in_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def card_of(html, year):
    start = html.index(f'href="/editions/{year}/"')
    return html[start : html.index("</li>", start)]


# --- the editions' published facts ----------------------------------------------------------


@pytest.mark.django_db
def test_after_migrate_the_editions_carry_the_published_facts():
    facts = {
        edition.year: edition
        for edition in Edition.objects.prefetch_related("published_figures").order_by("year")
    }
    assert facts[2025].accepted_window() == (datetime.date(2025, 11, 2), datetime.date(2025, 12, 7))
    assert facts[2018].labelling_deadline == datetime.date(2018, 3, 12)
    figures = {
        (figure.edition.year, figure.kind): (figure.value, figure.is_minimum)
        for figure in PublishedFigure.objects.select_related("edition")
    }
    assert figures == {
        (2018, "labelled_events"): (2_918, False),
        (2019, "labelled_events"): (4_763, False),
        (2019, "participants"): (800_000, True),
        (2022, "labelled_events"): (4_737, False),
        (2022, "participants"): (1_600_000, False),
        (2023, "labelled_events"): (5_500, False),
        (2023, "participants"): (2_200_000, False),
        (2024, "labelled_events"): (8_000, True),
        (2024, "participants"): (5_700_000, False),
    }
    assert all(figure.source for figure in PublishedFigure.objects.all())


@pytest.mark.django_db
def test_published_figures_in_words():
    def label(year, kind):
        return published_figure_label(PublishedFigure.objects.get(edition__year=year, kind=kind))

    with translation.override("fr"):
        assert label(2018, "labelled_events") == f"2{NNBSP}918 événements labellisés"
        assert label(2019, "participants") == f"plus de 800{NNBSP}000 participants"
        assert label(2022, "participants") == "1,6 million de participants"
        assert label(2024, "participants") == "5,7 millions de participants"
        assert label(2024, "labelled_events") == f"plus de 8{NNBSP}000 événements labellisés"


@pytest.mark.django_db
def test_an_edition_page_shows_its_published_figures_with_their_source(client):
    html = client.get("/editions/2024/").content.decode()

    section = html[html.index('id="published-figures"') :]
    section = section[: section.index("</section>")]
    assert "Chiffres publiés" in section
    assert f"Plus de 8{NNBSP}000 événements labellisés" in section
    assert "5,7 millions de participants" in section
    assert 'href="https://dijon-actualites.fr/?p=39424"' in section
    # Kept apart from what the platform itself counts.
    assert html.index('id="published-figures"') < html.index('id="figures-title"')

    assert 'id="published-figures"' not in client.get("/editions/2025/").content.decode()


@pytest.mark.django_db
def test_the_editions_list_shows_the_published_figures_and_their_source(client):
    html = client.get("/editions/").content.decode()

    card = card_of(html, 2019)
    assert "Chiffres publiés" in card
    assert f"4{NNBSP}763 événements labellisés" in card
    assert f"plus de 800{NNBSP}000 participants" in card
    assert "Global Industrie" in card
    assert "Chiffres publiés" not in card_of(html, 2026)


@pytest.mark.django_db
def test_the_editions_pages_stay_within_their_query_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get("/editions/").status_code == 200
    with django_assert_max_num_queries(11):
        assert client.get("/editions/2024/").status_code == 200


# --- reference lists ------------------------------------------------------------------------


@pytest.mark.django_db
def test_new_reference_rows_join_the_existing_ones_which_keep_their_slugs():
    assert {"exposition", "challenge-concours", "realite-virtuelle-visite-immersive"} <= set(
        ActionType.objects.values_list("slug", flat=True)
    )
    assert {"personnes-en-reconversion", "professionnels-orientation-emploi"} <= set(
        Audience.objects.values_list("slug", flat=True)
    )
    assert {"transformation-numerique", "decarbonation", "fabrication-francaise"} <= set(
        Theme.objects.values_list("slug", flat=True)
    )
    assert not Audience.objects.get(slug="personnes-en-reconversion").is_school_audience
    # The first rows of the first data migration are still first.
    assert list(ActionType.objects.order_by("position")[:2].values_list("slug", flat=True)) == [
        "visite-entreprise",
        "portes-ouvertes",
    ]


@pytest.mark.django_db
def test_reference_names_follow_the_active_language():
    theme = Theme.objects.get(slug="transition-ecologique")
    with translation.override("en"):
        assert theme.name == "Ecological transition"
        assert Academy.objects.get(code="27").name == "Corsica"
        assert RegionAcademique.objects.get(slug="bretagne").name == "Brittany"
        assert Audience.objects.get(slug="lyceens").name == "Upper secondary pupils"
    with translation.override("fr"):
        assert theme.name == "Transition écologique"
        assert Academy.objects.get(code="27").name == "Corse"


@pytest.mark.django_db
def test_a_theme_saved_from_an_english_page_keeps_its_french_name():
    theme = Theme.objects.get(slug="decarbonation")
    with translation.override("en"):
        theme.position = 40
        theme.save()
    with translation.override("fr"):
        assert Theme.objects.get(slug="decarbonation").name == "Décarbonation"
    assert Theme.objects.filter(slug="decarbonation").values_list("name_fr", "name_en")[0] == (
        "Décarbonation",
        "Decarbonisation",
    )


@pytest.mark.django_db
def test_a_new_theme_without_english_shows_its_french_name_in_english():
    Theme.objects.create(name="Hydrogène", slug="hydrogene", position=50)
    with translation.override("en"):
        assert Theme.objects.get(slug="hydrogene").name == "Hydrogène"


def event_in(department="38", **kwargs):
    return factories.PublishedEventFactory(
        department=factories.reference_department(department),
        themes=Theme.objects.filter(slug="transition-ecologique"),
        audiences=Audience.objects.filter(slug="lyceens"),
        action_types=ActionType.objects.filter(slug="visite-entreprise"),
        **kwargs,
    )


@pytest.mark.django_db
def test_english_pages_show_english_reference_names(client):
    event = event_in("2A")
    in_english(client)

    detail = client.get(event.get_absolute_url()).content.decode()
    assert "Ecological transition" in detail
    assert "Company visit" in detail
    assert "Transition écologique" not in detail

    listing = client.get("/evenements/").content.decode()
    assert "Upper secondary pupils" in listing  # the filter form's choices
    assert "Corsica" in listing
    assert "Lycéens" not in listing

    landing = client.get("/academies/corse/").content.decode()
    assert "Corsica" in landing


@pytest.mark.django_db
def test_exports_name_reference_data_in_the_page_language(client):
    event_in("2A")
    in_english(client)

    body = b"".join(client.get("/evenements.csv").streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body), delimiter=";"))
    cells = " | ".join(row.values())
    assert "Ecological transition" in cells
    assert "Corsica" in cells
    assert "Transition écologique" not in cells

    data = client.get("/api/evenements.json").json()
    event = data["results"][0] if "results" in data else data["events"][0]
    assert event["academy"]["name"] == "Corsica"
    assert {theme["name"] for theme in event["themes"]} == {"Ecological transition"}

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    data = client.get("/api/evenements.json").json()
    event = data["results"][0] if "results" in data else data["events"][0]
    assert event["academy"]["name"] == "Corse"


# --- elision --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Aix-Marseille", "académie d'Aix-Marseille"),
        ("Orléans-Tours", "académie d'Orléans-Tours"),
        ("Amiens", "académie d'Amiens"),
        ("Lyon", "académie de Lyon"),
        ("La Réunion", "académie de La Réunion"),
    ],
)
def test_academy_label_elides_before_a_vowel(name, label):
    with translation.override("fr"):
        assert academy_label(name) == label
        assert academy_label(name, capital=True) == label[0].upper() + label[1:]


@pytest.mark.django_db
def test_cards_feeds_and_the_detail_page_elide(client):
    event = event_in("13")

    listing = client.get("/evenements/").content.decode()
    assert "académie d&#x27;Aix-Marseille" in listing or "académie d'Aix-Marseille" in listing
    assert "académie de Aix" not in listing

    detail = client.get(event.get_absolute_url()).content.decode()
    assert re.search(r"académie d(&#x27;|')Aix-Marseille", detail)
    assert "académie de Aix" not in detail

    rss = client.get("/evenements/flux.rss").content.decode()
    assert "(académie d&#x27;Aix-Marseille)" in rss or "(académie d'Aix-Marseille)" in rss
    assert "académie de Aix" not in rss

    landing = client.get("/academies/aix-marseille/").content.decode()
    assert re.search(r"<h1>Académie d(&#x27;|')Aix-Marseille</h1>", landing)
