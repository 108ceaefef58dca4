"""Full-text search: French, accents ignored, ranked on PostgreSQL; folded LIKE elsewhere.

The PostgreSQL tests run with DATABASE_URL pointing to a PostgreSQL database.
"""

import pytest
from django.core.cache import cache
from django.db import connection

from events import search
from events.filters import public_event_filter
from events.models import Event
from tests import factories

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def found(q, **data) -> list[int]:
    return [event.pk for event in public_event_filter(data={"q": q, **data}).qs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Électricité", "electricite"),
        ("ŒUVRE cœur", "oeuvre coeur"),
        ("Besançon", "besancon"),
        ("Straße", "strasse"),
    ],
)
def test_fold(text, expected):
    assert search.fold(text) == expected


def test_search_words_drop_punctuation_and_cap_the_count():
    assert search.search_words("  l'Électricité, (verte) !! ") == ["l", "electricite", "verte"]
    assert len(search.search_words("mot " * 100)) == search.MAX_WORDS


@pytest.mark.django_db
def test_accents_and_case_are_ignored():
    event = factories.PublishedEventFactory(
        title="Les métiers de l'électricité", description="Visite."
    )
    factories.PublishedEventFactory(title="Forum", description="Rencontres.")
    assert found("electricite") == [event.pk]
    assert found("ÉLECTRICITÉ") == [event.pk]


@pytest.mark.django_db
def test_every_field_is_searched():
    by_summary = factories.PublishedEventFactory(title="A", summary="robotique collaborative")
    by_description = factories.PublishedEventFactory(title="B", description="Soudure laser.")
    by_city = factories.PublishedEventFactory(title="C", city="Chambéry")
    assert found("robotique") == [by_summary.pk]
    assert found("soudure") == [by_description.pk]
    assert found("chambery") == [by_city.pk]


@pytest.mark.django_db
def test_unpublished_events_are_never_found():
    factories.EventFactory(title="Atelier hydrogène", status=Event.Status.DRAFT)
    assert found("hydrogène") == []


NO_RESULT = "Aucun événement ne correspond à votre recherche"


def search_page(client, q: str) -> tuple[int, str, list]:
    response = client.get("/evenements/", {"q": q})
    return response.status_code, response.content.decode(), list(response.context["events"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "junk",
    [
        "SELECT * FROM events; --",
        "a" * 200,
        "_",
        "<script>alert(1)</script>",
        "%' OR '1'='1",
        "'",
        '"',
        "&|!():*",
        "\\",
        "%",
        "-",
        "😀",
    ],
)
def test_junk_queries_find_nothing_and_say_so(client, junk):
    factories.PublishedEventFactory(title="Visite de la fonderie", city="Grenoble")

    status, html, events = search_page(client, junk)

    assert status == 200
    assert events == []  # never the whole list
    assert NO_RESULT in html
    assert "<script>alert(1)" not in html  # the query is echoed escaped


@pytest.mark.django_db
def test_an_overlong_query_is_ignored_and_the_visitor_told(client):
    factories.PublishedEventFactory(title="Visite de la fonderie")

    status, html, events = search_page(client, "soudure " * 40)

    assert status == 200
    assert "Le filtre « Rechercher » a été ignoré" in html.replace("&#x27;", "'")
    assert [event.title for event in events] == ["Visite de la fonderie"]


@pytest.mark.django_db
def test_search_results_sort_by_relevance_by_default():
    weak = factories.PublishedEventFactory(
        title="Portes ouvertes", description="On y parle aussi de soudure."
    )
    strong = factories.PublishedEventFactory(
        title="Atelier soudure", summary="La soudure", description="Soudure et soudure."
    )
    filterset = public_event_filter(data={"q": "soudure"})
    assert filterset.sort == "pertinence"
    assert [e.pk for e in filterset.qs] == [strong.pk, weak.pk]
    # Another sort on request.
    assert public_event_filter(data={"q": "soudure", "tri": "date"}).sort == "date"


# --- PostgreSQL ---------------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db
def test_postgresql_stems_french_words():
    event = factories.PublishedEventFactory(
        title="Découvrir les industries", description="Les électriciens travaillent."
    )
    assert found("industrie") == [event.pk]
    assert found("electricien") == [event.pk]
    assert found("découvrez") == [event.pk]  # same stem as "découvrir"? both → "découvr"


@postgresql_only
@pytest.mark.django_db
def test_postgresql_websearch_syntax():
    both = factories.PublishedEventFactory(title="Soudure et chaudronnerie")
    only = factories.PublishedEventFactory(title="Soudure laser")
    assert set(found("soudure")) == {both.pk, only.pk}
    assert found("soudure -chaudronnerie") == [only.pk]
    assert set(found("chaudronnerie OR laser")) == {both.pk, only.pk}
    assert found('"soudure laser"') == [only.pk]


@postgresql_only
@pytest.mark.django_db
def test_postgresql_ranking_puts_the_densest_match_first():
    weak = factories.PublishedEventFactory(
        title="Portes ouvertes", description="Un mot sur la maintenance industrielle."
    )
    strong = factories.PublishedEventFactory(
        title="Maintenance industrielle",
        summary="Les métiers de la maintenance",
        description="Maintenance préventive, maintenance corrective.",
    )
    assert found("maintenance") == [strong.pk, weak.pk]


@postgresql_only
@pytest.mark.django_db
def test_postgresql_city_filter_ignores_accents():
    event = factories.PublishedEventFactory(city="Besançon", postcode="25000")
    assert [e.pk for e in public_event_filter(data={"ville": "BESANCON"}).qs] == [event.pk]


@postgresql_only
@pytest.mark.django_db
def test_postgresql_queries_match_the_indexed_expressions():
    """With sequential and plain index scans off, only a bitmap scan of an index whose
    expression is exactly the one in the WHERE clause can serve the query."""
    factories.PublishedEventFactory.create_batch(5)
    filterset = public_event_filter(data={})
    events = Event.objects.order_by()
    cases = (
        (
            search.event_search(events, query="électricité", connection_vendor="postgresql"),
            "event_search_fr_idx",
        ),
        (filterset.filter_ville(events, "ville", "Besançon"), "event_city_folded_idx"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for queryset, index in cases:
            sql, params = queryset.values("id").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Bitmap Index Scan on {index}" in plan, plan
