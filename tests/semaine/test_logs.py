"""Logs: JSON lines on stdout, each with the id of its request; errors mailed to the admins."""

import io
import json
import logging
import re

import pytest
from django.core.cache import cache
from pythonjsonlogger.json import JsonFormatter

from semaine.logs import ErrorMailThrottle, RequestIdFilter
from semaine.settings.security import logging_config

pytestmark = pytest.mark.urls("tests.semaine.log_urls")


@pytest.fixture
def json_lines():
    """What the production handler writes, for the loggers of the request."""
    options = dict(logging_config()["formatters"]["json"])
    options.pop("()")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter(**options))
    loggers = [logging.getLogger(name) for name in ("semaine.requests", "semaine.test")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_every_line_of_a_request_carries_its_id(client, json_lines):
    response = client.get("/test/journal/")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    view_line, access_line = json_lines()
    assert view_line["message"] == "something worth knowing"
    assert view_line["level"] == "WARNING" and view_line["logger"] == "semaine.test"
    assert view_line["request_id"] == request_id
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", view_line["time"])
    assert access_line | {"duration_ms": 0} == {
        "time": access_line["time"],
        "level": "INFO",
        "logger": "semaine.requests",
        "message": "GET /test/journal/ 200",
        "request_id": request_id,
        "method": "GET",
        "path": "/test/journal/",
        "status": 200,
        "duration_ms": 0,
        "client": "127.0.0.1",
        "user_id": None,
    }


@pytest.mark.django_db
def test_two_requests_have_two_ids(client):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_only_behind_a_trusted_proxy(client, settings):
    proxy_id = "f1e2d3c4b5a6978812345678"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client.get("/healthz", HTTP_X_REQUEST_ID=proxy_id)["X-Request-ID"] != proxy_id
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/healthz", HTTP_X_REQUEST_ID=proxy_id)["X-Request-ID"] == proxy_id
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "ERROR"}')
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


@pytest.mark.django_db
def test_a_signed_in_users_account_is_in_the_access_line(client, json_lines, user):
    client.force_login(user)
    client.get("/mentions-legales/")  # a page that reads the user (the header)
    assert json_lines()[-1]["user_id"] == user.pk


@pytest.mark.django_db
def test_server_errors_are_mailed_to_the_admins_once_per_kind(client, settings, mailoutbox):
    cache.clear()
    settings.ADMINS = ["exploitation@example.fr"]
    client.raise_request_exception = False
    assert client.get("/test/erreur/").status_code == 500
    assert client.get("/test/erreur/").status_code == 500
    assert len(mailoutbox) == 1  # the second one is the same error: not mailed again
    mail = mailoutbox[0]
    assert mail.to == ["exploitation@example.fr"]
    assert "Internal Server Error: /test/erreur/" in mail.subject
    assert "RuntimeError at /test/erreur/\nboom" in mail.body


@pytest.mark.django_db
def test_no_admins_no_mail(client, settings, mailoutbox):
    cache.clear()
    settings.ADMINS = []
    client.raise_request_exception = False
    client.get("/test/erreur/")
    assert mailoutbox == []


def error_record(message="boom %s", line=10) -> logging.LogRecord:
    return logging.LogRecord("django.request", logging.ERROR, "/app/x.py", line, message, (), None)


def test_the_error_mail_throttle_counts_per_kind(settings):
    cache.clear()
    throttle = ErrorMailThrottle(interval=300)
    assert throttle.filter(error_record()) is True
    assert throttle.filter(error_record()) is False
    assert throttle.filter(error_record(line=11)) is True  # another place, another kind


def test_the_error_mail_throttle_still_mails_when_the_cache_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    throttle = ErrorMailThrottle(interval=300)
    assert throttle.filter(error_record()) is True
    assert throttle.filter(error_record()) is False  # counted in the process instead


def test_local_runs_log_readable_lines_and_production_json():
    assert logging_config(json_lines=False)["handlers"]["stdout"]["formatter"] == "text"
    config = logging_config()
    assert config["handlers"]["stdout"]["formatter"] == "json"
    assert config["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    assert config["root"]["handlers"] == ["stdout", "mail_admins"]


@pytest.mark.django_db
def test_error_mails_hide_the_passwords_inside_urls(client, settings, mailoutbox):
    cache.clear()
    settings.ADMINS = ["exploitation@example.fr"]
    settings.SEMAINE_TEST_URL = "rediss://:motdepasse-redis@cache.example:6380/0"
    client.raise_request_exception = False
    client.get("/test/erreur/")
    body = mailoutbox[0].body
    assert "motdepasse-redis" not in body
    assert "rediss://:********************@cache.example:6380/0" in body
