"""RSS and Atom feeds of newly labelled events."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from events.models import Event, Theme
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def labelled(title, *, days_ago, **kwargs):
    event = factories.PublishedEventFactory(
        title=title, published_at=timezone.now() - datetime.timedelta(days=days_ago), **kwargs
    )
    factories.SessionFactory(event=event)
    return event


def rss_items(client, url="/evenements/flux.rss"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return root.find("channel"), root.findall("channel/item")


def test_rss_lists_the_newly_labelled_events_newest_first(client):
    theme = Theme.objects.get(slug="economie-circulaire")
    older = labelled("Forum des métiers", days_ago=3)
    newer = labelled("Atelier de recyclage", days_ago=1, themes=[theme])
    factories.EventFactory(title="Brouillon secret", status=Event.Status.DRAFT)

    channel, items = rss_items(client)

    assert channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/evenements/"
    assert [item.findtext("title") for item in items] == [newer.title, older.title]
    first = items[0]
    assert first.findtext("link") == f"http://testserver{newer.get_absolute_url()}"
    assert first.findtext("guid") == f"http://testserver{newer.get_absolute_url()}"
    assert "Découvrez les métiers" in first.findtext("description")
    assert parsedate_to_datetime(first.findtext("pubDate")) == newer.published_at.replace(
        microsecond=0
    )
    assert [c.text for c in first.findall("category")] == [theme.name]


def test_rss_keeps_the_fifty_latest(client, published_events):
    published_events(55)
    _, items = rss_items(client)
    assert len(items) == 50


def test_rss_takes_the_list_filters(client):
    ecology = Theme.objects.get(slug="transition-ecologique")
    green = labelled("Usine verte", days_ago=1, themes=[ecology])
    labelled("Autre sujet", days_ago=1, themes=list(Theme.objects.exclude(pk=ecology.pk)[:1]))
    _, items = rss_items(client, "/evenements/flux.rss?theme=transition-ecologique")
    assert [item.findtext("title") for item in items] == [green.title]


def test_atom_feed_parses_with_entries(client):
    event = labelled("Portes ouvertes de la verrerie", days_ago=2)

    response = client.get("/evenements/flux.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == event.title
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{event.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}published")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        theme.name for theme in event.themes.all()
    ]


def test_feeds_query_budget(client, published_events, django_assert_max_num_queries):
    published_events(50, sessions=2, themes=3)
    for url in ("/evenements/flux.rss", "/evenements/flux.atom"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query", ["?theme=inconnu", "?edition=abc", "?academie=%00", "?x=" + "y" * 10_000]
)
def test_feeds_survive_bad_filters(client, query):
    labelled("Visite", days_ago=1)
    assert client.get("/evenements/flux.rss" + query).status_code < 500
    assert client.get("/evenements/flux.atom" + query).status_code < 500
