"""Per-client request limits: the request over the limit waits, nobody else does.

The tests taking `any_cache` run on the memory cache, then on Redis when REDIS_URL is set.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from semaine.throttle import Rate, client_address, rate_parse, throttle
from tests import shared_cache

any_cache = shared_cache.any_cache  # the fixture

START = datetime.datetime(2025, 11, 17, 10, 0, 0, tzinfo=datetime.UTC)


@throttle(scope="test-form", setting="TEST_FORM_RATE_LIMIT", methods=("POST",))
def form_view(request):
    return HttpResponse("merci")


def submit(*, method="post", address="192.0.2.10", **headers):
    request = getattr(RequestFactory(), method)("/formulaire/", REMOTE_ADDR=address, **headers)
    return form_view(request)


@pytest.fixture
def three_per_minute(settings):
    settings.TEST_FORM_RATE_LIMIT = "3/m"


@pytest.mark.parametrize(
    ("value", "rate"),
    [("20/m", Rate(20, 60)), (" 5 / s ", Rate(5, 1)), ("100/h", Rate(100, 3600)), ("", None)],
)
def test_rates_read_as_count_per_period(value, rate):
    assert rate_parse(value) == rate


@pytest.mark.parametrize("value", ["20", "20/min", "0/m", "-1/m", "vingt/m"])
def test_a_malformed_rate_is_a_configuration_error(value):
    with pytest.raises(ImproperlyConfigured, match="attendu <nombre>/<s|m|h|d>"):
        rate_parse(value)


@pytest.mark.usefixtures("three_per_minute")
def test_the_request_over_the_limit_waits_with_a_french_message(any_cache):
    with time_machine.travel(START + datetime.timedelta(seconds=15), tick=False):
        assert [submit().status_code for _ in range(3)] == [200, 200, 200]
        refused = submit()
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    assert refused.content.decode() == (
        "Trop de requêtes depuis votre adresse. Réessayez dans 45 secondes.\n"
    )
    assert refused["Retry-After"] == "45"
    assert "no-store" in refused["Cache-Control"]


@pytest.mark.usefixtures("three_per_minute")
def test_other_clients_and_the_next_window_are_unaffected(any_cache):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(4):
            submit(address="192.0.2.10")
        assert submit(address="192.0.2.10").status_code == 429
        assert submit(address="198.51.100.7").status_code == 200
        assert submit(method="get").status_code == 200  # only submissions count here
        clock.shift(59)
        assert submit(address="192.0.2.10").status_code == 429
        clock.shift(1)
        assert submit(address="192.0.2.10").status_code == 200


def test_a_blank_rate_turns_the_limit_off(settings, any_cache):
    settings.TEST_FORM_RATE_LIMIT = ""
    assert {submit().status_code for _ in range(50)} == {200}


@pytest.mark.usefixtures("three_per_minute")
def test_forwarded_addresses_are_ignored_without_a_trusted_proxy(settings, any_cache):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        submit(HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.usefixtures("three_per_minute")
def test_behind_a_trusted_proxy_clients_are_told_apart(settings, any_cache):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(3):  # a client writes its own first entries: only the last one counts
        forged = f"198.51.100.{number}, 203.0.113.5"
        assert submit(address=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 200
    assert submit(address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert submit(address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "address"),
    [
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),
        (1, "10.0.0.2", "1.1.1.1, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.2", "203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "10.0.0.2", "10.0.0.9", "10.0.0.2"),  # fewer hops than proxies
        (1, "10.0.0.2", "n'importe quoi", "10.0.0.2"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (0, "2001:db8:1:2:aaaa::1", None, "2001:db8:1:2::/64"),  # one subscriber's block
        (0, "2001:db8:1:2:bbbb::7", None, "2001:db8:1:2::/64"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(request) == address
