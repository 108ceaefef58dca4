"""Our forms against floods and robots: a per-person limit, a honeypot; a French message
when limited, never a 500.

The tests taking `any_cache` run on the memory cache, then on Redis when REDIS_URL is set.
"""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from semaine.abuse import HONEYPOT_FIELD, delay_label
from semaine.accounts import AccountAdapter
from tests import factories, shared_cache
from tests.semaine import abuse_urls

any_cache = shared_cache.any_cache  # the fixture

pytestmark = [pytest.mark.urls("tests.semaine.abuse_urls"), pytest.mark.django_db]

START = datetime.datetime(2026, 12, 1, 10, 0, 15, tzinfo=datetime.UTC)
FORM = {"class_name": "3e B", "students": "24"}


@pytest.fixture(autouse=True)
def three_per_minute(settings):
    settings.FORM_RATE_LIMIT = "3/m"
    abuse_urls.SAVED.clear()


def submit(client, data=None, **extra):
    return client.post("/test/inscription/", data or FORM, **extra)


def test_the_submission_over_the_limit_comes_back_with_a_french_message(client, any_cache):
    with time_machine.travel(START, tick=False):
        assert [submit(client).status_code for _ in range(3)] == [201, 201, 201]
        refused = submit(client, {"class_name": "3e C", "students": "0"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    assert "no-store" in refused["Cache-Control"]
    html = unescape(refused.content.decode())
    assert (
        "Vous avez envoyé ce formulaire trop de fois en peu de temps. Rien n'a été "
        "enregistré : réessayez dans 45 secondes."
    ) in html
    assert 'value="3e C"' in html  # the form as it was sent
    assert "fr-input-group--error" in html  # and its own errors, to fix at the same time
    assert len(abuse_urls.SAVED) == 3


def test_the_limit_recovers_with_the_next_window(client, any_cache):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            submit(client)
        assert submit(client).status_code == 429
        clock.shift(44)
        assert submit(client).status_code == 429
        clock.shift(1)
        assert submit(client).status_code == 201


def test_signed_in_people_are_counted_by_account_visitors_by_address(client, any_cache):
    colleague = factories.UserFactory()
    with time_machine.travel(START, tick=False):
        client.force_login(factories.UserFactory())
        for _ in range(3):
            submit(client)
        assert submit(client).status_code == 429
        client.force_login(colleague)  # same school network, same address
        assert submit(client).status_code == 201
        client.logout()
        assert submit(client).status_code == 201
        assert submit(client, REMOTE_ADDR="198.51.100.7").status_code == 201


def test_showing_the_form_is_not_counted(client, any_cache):
    with time_machine.travel(START, tick=False):
        for _ in range(10):
            assert client.get("/test/inscription/").status_code == 200
        assert submit(client).status_code == 201


def test_a_blank_rate_turns_the_limit_off(client, settings):
    settings.FORM_RATE_LIMIT = ""
    assert {submit(client).status_code for _ in range(12)} == {201}


def test_an_unreachable_cache_lifts_the_limit_instead_of_failing(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    assert submit(client).status_code == 201


def test_a_function_view_over_the_limit_gets_the_dsfr_429_page(client, any_cache):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            assert client.post("/test/rattachement/").status_code == 200
        refused = client.post("/test/rattachement/")
        assert client.get("/test/rattachement/").status_code == 200  # reading is free
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    html = refused.content.decode()
    assert 'class="fr-header"' in html and "<h1>Trop de demandes</h1>" in html
    assert "réessayez dans 45 secondes" in html


def test_a_class_based_views_post_can_be_limited_the_same_way(client, any_cache):
    with time_machine.travel(START, tick=False):
        assert [client.post("/test/entreprise/").status_code for _ in range(4)] == [
            201,
            201,
            201,
            429,
        ]
        assert client.get("/test/entreprise/").status_code == 200


@pytest.mark.parametrize(
    ("seconds", "label"),
    [
        (1, "1 seconde"),
        (45, "45 secondes"),
        (90, "90 secondes"),
        (91, "2 minutes"),
        (3600, "60 minutes"),
    ],
)
def test_the_wait_in_words(seconds, label):
    assert delay_label(seconds) == label


# --- Honeypot -------------------------------------------------------------------------------


def test_the_honeypot_is_out_of_sight_and_out_of_reach(client):
    html = client.get("/test/inscription/").content.decode()
    block = re.search(r'<div class="semaine-honeypot" aria-hidden="true">.*?</div>', html, re.S)
    assert block, html
    assert f'name="{HONEYPOT_FIELD}"' in block[0]
    assert 'tabindex="-1"' in block[0] and 'autocomplete="off"' in block[0]
    assert "Ne remplissez pas ce champ" in block[0]
    assert " style=" not in html


def test_a_robot_filling_the_honeypot_saves_nothing(client):
    response = submit(client, FORM | {HONEYPOT_FIELD: "https://spam.example"})
    assert response.status_code == 200
    assert "Votre envoi n'a pas pu être accepté" in unescape(response.content.decode())
    assert abuse_urls.SAVED == []


def test_people_leave_the_honeypot_empty(client):
    assert submit(client, FORM | {HONEYPOT_FIELD: ""}).status_code == 201


SIGNUP = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@example.fr",
    "password1": "une phrase de passe solide",
    "password2": "une phrase de passe solide",
}


def test_the_signup_form_has_our_hidden_honeypot(client):
    html = client.get("/comptes/signup/").content.decode()
    assert '<div class="semaine-honeypot" aria-hidden="true">' in html
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert " style=" not in html  # allauth's own honeypot hides itself with one


def test_a_robot_signing_up_through_the_honeypot_creates_no_account(client):
    response = client.post("/comptes/signup/", SIGNUP | {HONEYPOT_FIELD: "http://spam"})
    assert response.status_code == 302  # told it worked, as allauth does
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
    client.post("/comptes/signup/", SIGNUP)
    assert get_user_model().objects.filter(email=SIGNUP["email"]).exists()


def test_a_robot_asking_for_password_resets_sends_no_mail(client, mailoutbox):
    user = factories.UserFactory(email="camille.martin@example.fr")
    data = {"email": user.email}
    response = client.post("/comptes/password/reset/", data | {HONEYPOT_FIELD: "x"})
    assert response.status_code == 200
    assert "Votre envoi n'a pas pu être accepté" in unescape(response.content.decode())
    assert mailoutbox == []
    assert client.post("/comptes/password/reset/", data).status_code == 302
    assert len(mailoutbox) == 1


def test_allauth_counts_clients_as_our_limiter_does(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    assert AccountAdapter().get_client_ip(request) == "203.0.113.5"
    # Fewer hops than proxies: allauth would raise ImproperlyConfigured (a 500), we do not.
    lone = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2")
    assert AccountAdapter().get_client_ip(lone) == "10.0.0.2"


# --- Our own forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/espace/evenements/nouveau/", {}),  # an event declaration
        ("/espace/rattachement/", {"action": "school", "uai": "0381778B"}),  # attachment
    ],
)
def test_declarations_and_attachment_requests_are_limited_per_person(
    client, settings, organizer, path, data, any_cache
):
    settings.FORM_RATE_LIMIT = "2/m"
    client.force_login(organizer)
    with time_machine.travel(START, tick=False):
        assert client.get(path).status_code == 200
        answers = [client.post(path, data).status_code for _ in range(3)]
    assert 429 not in answers[:2] and answers[2] == 429
    with time_machine.travel(START, tick=False):
        refused = client.post(path, data)
    assert "<h1>Trop de demandes</h1>" in refused.content.decode()
