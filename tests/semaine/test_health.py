"""/healthz says the process answers; /readyz that it reaches the database and the cache."""

import http.server
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from semaine import probe


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_and_the_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def database_down(monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed')

    monkeypatch.setattr(connection, "ensure_connection", refused)


@pytest.fixture
def cache_down(settings):
    # A real Redis client on a port where nothing listens: refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("database_down")
def test_readyz_fails_when_the_database_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database: OperationalError\n"  # no address, no detail


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_down")
def test_readyz_fails_when_the_cache_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode().startswith("cache: ")


@pytest.mark.django_db
@pytest.mark.usefixtures("database_down")
def test_healthz_does_not_depend_on_the_database(client):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_the_workers_readiness_command(capsys):
    call_command("readiness")
    assert capsys.readouterr().out.strip() == "ok"


@pytest.mark.django_db
@pytest.mark.usefixtures("database_down")
def test_the_workers_readiness_command_fails_when_the_database_is_down():
    with pytest.raises(CommandError, match=r"Indisponible : database \(OperationalError\)"):
        call_command("readiness")


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("semaine.example.fr,www.semaine.example.fr", "semaine.example.fr"),
        (" .semaine.example.fr", "semaine.example.fr"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_probe_sends_a_host_django_accepts(allowed, host):
    assert probe.probe_host(allowed) == host


@pytest.fixture
def gunicorn_stub():
    """A server standing for gunicorn: answers 200 on /readyz, 404 elsewhere, and keeps
    the headers it received."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            received.append(dict(self.headers))
            self.send_response(200 if self.path == "/readyz" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()


def test_the_probe_of_docker_compose_reads_readyz(gunicorn_stub, monkeypatch, capsys):
    port, received = gunicorn_stub
    monkeypatch.setenv("ALLOWED_HOSTS", "semaine.example.fr,localhost")
    assert probe.main(["--port", str(port), "/readyz"]) == 0
    assert capsys.readouterr().out.strip() == "/readyz: 200"
    assert received[0]["Host"] == "semaine.example.fr"
    assert received[0]["X-Forwarded-Proto"] == "https"  # no redirection to HTTPS
    assert probe.main(["--port", str(port), "/page-inconnue"]) == 1


def test_the_probe_fails_when_nothing_listens():
    assert probe.main(["--port", "9", "/readyz"]) == 1
