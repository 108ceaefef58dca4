"""Anonymous public pages are cached, but never with one visitor's personal content, and
once per page whatever the query string adds; every worker sees the same pages.

The tests taking `any_cache` run on the memory cache, then on Redis when REDIS_URL is set."""

import re
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse, QueryDict
from django.test import Client, RequestFactory

from events import cache as events_cache
from events.cache import (
    VERSION_KEY,
    public_cache_invalidate,
    public_cache_page,
    public_cache_query,
)
from tests import factories, shared_cache

ROOT = Path(__file__).resolve().parent.parent.parent
any_cache = shared_cache.any_cache  # fixtures: in memory then on Redis, on Redis only
redis_cache = shared_cache.redis_cache


def test_anonymous_visitors_share_a_cached_page(client, db, django_assert_num_queries):
    factories.PublishedEventFactory(title="Atelier robotique")
    assert "Atelier robotique" in client.get("/evenements/").content.decode()
    with django_assert_num_queries(0):
        assert client.get("/evenements/").status_code == 200


def test_a_status_change_invalidates_cached_pages(client, db):
    client.get("/evenements/")
    factories.PublishedEventFactory(title="Portes ouvertes fonderie")
    public_cache_invalidate()
    assert "Portes ouvertes fonderie" in client.get("/evenements/").content.decode()


def _anonymous_request(*, path="/evenements/", with_message: str = ""):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    if with_message:
        messages.info(request, with_message)
    return request


def test_pages_with_flash_messages_or_cookies_are_never_cached():
    calls = []

    @public_cache_page()
    def page(request):
        calls.append(request)
        body = " ".join(str(m) for m in messages.get_messages(request))
        return HttpResponse(body)

    personal = page(_anonymous_request(with_message="Vous êtes déconnecté."))
    assert "Vous êtes déconnecté." in personal.content.decode()
    stranger = page(_anonymous_request())
    assert "Vous êtes déconnecté." not in stranger.content.decode()
    assert len(calls) == 2

    @public_cache_page()
    def page_setting_a_cookie(request):
        calls.append(request)
        response = HttpResponse("ok")
        response.set_cookie("preference", "x")
        return response

    page_setting_a_cookie(_anonymous_request(path="/donnees/"))
    page_setting_a_cookie(_anonymous_request(path="/donnees/"))
    assert len(calls) == 4  # the second visitor did not get the first one's cookie


def test_language_switch_works_with_csrf_checks_on_cached_pages(db):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/")  # a cached page carries no CSRF token
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in visitor.get("/").content.decode()
    assert '<html lang="fr"' in Client().get("/").content.decode()


# --- The key: recognized filters, language, host and scheme; a cache shared by workers ------


def cached_pages(backend) -> int:
    """How many public pages `backend` holds (the version counter left out)."""
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        keys = client.scan_iter(match=f"{backend.key_prefix}:*public-pages:*", count=500)
        return sum(1 for key in keys if not key.endswith(b"public-pages:version"))
    return sum(1 for key in backend._cache if "public-pages:" in key and "version" not in key)


def test_every_parameter_a_cached_view_reads_is_part_of_the_key():
    """Cached views get the recognized parameters only: none they read may be missing."""
    sources = [
        *(ROOT / "events" / "views" / "public").glob("*.py"),
        ROOT / "events" / "feeds.py",
        ROOT / "semaine" / "views.py",
    ]
    pattern = re.compile(r'GET\.get(?:list)?\(\s*"(\w+)"')
    read = {name for source in sources for name in pattern.findall(source.read_text())}
    assert {"page", "par_page"} <= read
    kept = public_cache_query(QueryDict(urlencode(dict.fromkeys(read, "1"))))
    assert set(kept) == read
    assert set(public_cache_query(QueryDict("theme=a&utm_source=b&q=&du=%20"))) == {"theme"}


def test_tracking_parameters_never_add_cache_entries(
    any_cache, client, db, django_assert_num_queries
):
    factories.PublishedEventFactory(title="Atelier robotique")
    assert "Atelier robotique" in client.get("/evenements/?utm_source=0").content.decode()
    with django_assert_num_queries(0):
        for number in range(1, 400):
            assert client.get(f"/evenements/?utm_source={number}&fbclid=x").status_code == 200
        assert client.get("/evenements/").status_code == 200
    assert cached_pages(any_cache) == 1


def test_the_same_filters_in_any_order_share_one_page(
    any_cache, client, db, django_assert_num_queries
):
    client.get("/evenements/?theme=industrie-du-futur&theme=economie-circulaire&classes=1")
    with django_assert_num_queries(0):
        for query in (
            "classes=1&theme=economie-circulaire&theme=industrie-du-futur",
            "theme=economie-circulaire&q=&classes=1&theme=industrie-du-futur&ville=",
            "theme=industrie-du-futur&theme=economie-circulaire&theme=industrie-du-futur"
            "&classes=1&utm_medium=email",
        ):
            assert client.get(f"/evenements/?{query}").status_code == 200
    client.get("/evenements/?theme=industrie-du-futur&classes=1")  # another page
    assert cached_pages(any_cache) == 2


def test_a_cached_page_never_carries_another_visitors_parameters(any_cache, client, db):
    first = client.get("/evenements/?utm_source=lettre-rectorat&theme=industrie-du-futur")
    assert "lettre-rectorat" not in first.content.decode()
    second = client.get("/evenements/?utm_source=reseau-social&theme=industrie-du-futur")
    assert second.content == first.content  # served from the cache
    # The language switch sends the visitor back to the page with its filters only.
    assert 'name="next" value="/evenements/?theme=industrie-du-futur"' in second.content.decode()


def test_links_in_feeds_and_json_are_the_requesters_own(any_cache, client, settings, db):
    settings.ALLOWED_HOSTS = ["semaine-industrie.fr", "preprod.semaine-industrie.fr"]
    factories.PublishedEventFactory.create_batch(2)

    def next_link(host, *, secure=False):
        response = client.get("/api/evenements.json?par_page=1", HTTP_HOST=host, secure=secure)
        return response.json()["next"]

    assert next_link("semaine-industrie.fr") == (
        "http://semaine-industrie.fr/api/evenements.json?par_page=1&page=2"
    )
    assert next_link("preprod.semaine-industrie.fr").startswith(
        "http://preprod.semaine-industrie.fr/"
    )
    assert next_link("semaine-industrie.fr", secure=True).startswith(
        "https://semaine-industrie.fr/"
    )
    feed = client.get("/evenements/flux.rss", HTTP_HOST="preprod.semaine-industrie.fr")
    assert b"<link>http://preprod.semaine-industrie.fr/evenements/</link>" in feed.content
    assert cached_pages(any_cache) == 4


def test_a_lost_version_counter_never_brings_old_pages_back(any_cache, client, db):
    client.get("/evenements/")
    public_cache_invalidate()
    client.get("/evenements/")  # cached under the new version
    any_cache.delete(VERSION_KEY)  # evicted, or Redis restarted with the pages kept
    factories.PublishedEventFactory(title="Visite de la verrerie")
    assert "Visite de la verrerie" in client.get("/evenements/").content.decode()


def test_two_workers_share_pages_and_invalidations(
    redis_cache, client, db, django_assert_num_queries
):
    """Two gunicorn workers: two processes, each with its own connection to Redis."""
    worker_a, worker_b = caches.create_connection("default"), caches.create_connection("default")
    assert worker_a is not worker_b
    factories.PublishedEventFactory(title="Atelier robotique")
    with mock.patch.object(events_cache, "cache", worker_a):
        assert "Atelier robotique" in client.get("/evenements/").content.decode()
    with mock.patch.object(events_cache, "cache", worker_b), django_assert_num_queries(0):
        assert "Atelier robotique" in client.get("/evenements/").content.decode()

    factories.PublishedEventFactory(title="Portes ouvertes fonderie")
    with mock.patch.object(events_cache, "cache", worker_a):
        public_cache_invalidate()  # the status change happened in worker A
    with mock.patch.object(events_cache, "cache", worker_b):
        assert "Portes ouvertes fonderie" in client.get("/evenements/").content.decode()
