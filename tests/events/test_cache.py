"""Anonymous public pages are cached, but never with one visitor's personal content."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory

from events.cache import public_cache_invalidate, public_cache_page
from tests import factories


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
