"""Settings read from the environment: the shared cache production requires, the local stack
of docker-compose.yml, and .env.example, which documents every variable."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import environ
import pytest

from semaine.settings.caches import REDIS_BACKEND, cache_from_url

ROOT = Path(__file__).resolve().parent.parent.parent
PRINT_SETTINGS = (
    "import json; from semaine.settings import production as s; "
    "print(json.dumps({'CACHES': s.CACHES, 'SESSION_ENGINE': getattr(s, 'SESSION_ENGINE', None),"
    " 'TRUSTED_PROXY_COUNT': s.TRUSTED_PROXY_COUNT}))"
)


def production(**variables) -> subprocess.CompletedProcess:
    """Load the production settings in a fresh interpreter, as gunicorn would."""
    environment = {"PATH": os.environ.get("PATH", ""), "SECRET_KEY": "x", "ALLOWED_HOSTS": "a"}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- The cache ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "locmemcache://semaine", "dummycache://"])
def test_production_refuses_to_start_without_a_shared_cache(url):
    result = production(CACHE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured: La production exige un cache partagé" in result.stderr
    assert "CACHE_URL=redis://" in result.stderr


def test_production_starts_on_redis_with_sessions_in_the_database():
    result = production(CACHE_URL="redis://redis:6379/0?key_prefix=semaine")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis:6379/0",
        "KEY_PREFIX": "semaine",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    assert loaded["SESSION_ENGINE"] in (None, "django.contrib.sessions.backends.db")
    assert loaded["TRUSTED_PROXY_COUNT"] == 1  # behind the reverse proxy by default


def test_redis_urls_mean_djangos_own_backend_even_with_django_redis_installed(monkeypatch):
    schemes = environ.Env.CACHE_SCHEMES | {"redis": "django_redis.cache.RedisCache"}
    monkeypatch.setattr(environ.Env, "CACHE_SCHEMES", schemes)
    assert cache_from_url("redis://127.0.0.1:6379/1")["BACKEND"] == REDIS_BACKEND
    secure = cache_from_url("rediss://:motdepasse@cache.example:6380/2?socket_timeout=5")
    assert secure["LOCATION"] == "rediss://:motdepasse@cache.example:6380/2"
    assert secure["OPTIONS"]["socket_timeout"] == 5


@pytest.mark.parametrize("url", [None, "", "  "])
def test_local_runs_default_to_the_memory_cache(url):
    assert cache_from_url(url)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


# --- docker-compose.yml and .env.example ---------------------------------------------------


def compose_services(text: str) -> dict[str, dict]:
    """The services of a compose file as {name: {"block": text, "environment": {k: v}}}.

    A minimal reader for this repository's file (PyYAML is not a dependency): two-space
    indentation, `environment` as a mapping, anchors (&name) and aliases (*name) of whole
    mappings."""
    services, anchors = {}, {}
    lines = text.splitlines()
    start = lines.index("services:") + 1
    current = None
    for line in lines[start:]:
        if line and not line.startswith(" ") and not line.startswith("#"):
            break  # the next top-level key
        match = re.fullmatch(r"  ([\w-]+):\s*", line)
        if match:
            current = services.setdefault(match[1], {"block": "", "environment": {}})
            continue
        if current is not None:
            current["block"] += line + "\n"
    for service in services.values():
        block = service["block"].splitlines()
        for number, line in enumerate(block):
            match = re.fullmatch(r"    environment:\s*(?:([&*])([\w-]+))?\s*", line)
            if not match:
                continue
            if match[1] == "*":
                service["environment"] = anchors[match[2]]
                continue
            for entry in block[number + 1 :]:
                pair = re.fullmatch(r"      ([A-Z_]+):\s*(.*?)\s*(?:#.*)?", entry)
                if not pair:
                    break
                service["environment"][pair[1]] = pair[2].strip("\"'")
            if match[1] == "&":
                anchors[match[2]] = service["environment"]
    return services


@pytest.fixture(scope="module")
def services():
    return compose_services((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_app_on_a_shared_redis_cache(services):
    assert {"db", "redis", "web", "worker", "scheduler"} <= set(services)
    for name in ("db", "redis", "web", "worker", "scheduler"):
        assert "    healthcheck:\n" in services[name]["block"], name
    for name in ("web", "worker", "scheduler"):
        assert services[name]["environment"]["CACHE_URL"].startswith("redis://redis:6379/")
        assert "redis:\n        condition: service_healthy" in services[name]["block"]


SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY$")
INTERPOLATED = re.compile(r"\$\{[A-Z_]+(?::?[-?][^}]*)?\}")


def test_compose_writes_no_secret(services):
    for name, service in services.items():
        for variable, value in service["environment"].items():
            if SECRET_NAME.search(variable):
                assert INTERPOLATED.fullmatch(value), f"{name}: {variable} written in the file"
            # A password inside a URL (postgres://user:password@host) must come from .env too.
            credentials = re.match(r"\w+://[^:/@]+:([^@]*)@", value)
            if credentials:
                assert INTERPOLATED.fullmatch(credentials[1]), f"{name}: {variable} password"


def settings_variables() -> set[str]:
    """Every environment variable the settings modules read through django-environ."""
    pattern = re.compile(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"")
    return {
        name
        for module in (ROOT / "semaine" / "settings").glob("*.py")
        for name in pattern.findall(module.read_text())
    }


def test_env_example_lists_every_variable_the_settings_read():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    variables = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "CACHE_URL", "EXPORT_RATE_LIMIT"} <= variables
    assert variables - listed == set()
    assert "POSTGRES_PASSWORD" in listed  # read by docker-compose.yml
    assert not re.search(r"^(SECRET_KEY|POSTGRES_PASSWORD)=\S", example, flags=re.MULTILINE)


def test_compose_health_checks_ask_whether_the_database_and_the_cache_answer(services):
    web = services["web"]["block"]
    assert 'test: ["CMD", "python", "-m", "semaine.probe", "/readyz"]' in web
    for name in ("worker", "scheduler"):
        assert 'test: ["CMD", "python", "manage.py", "readiness"]' in services[name]["block"]
        assert services[name]["environment"] == services["web"]["environment"]


def test_compose_runs_the_daily_commands(services):
    """Erasure of personal data, class reminders, labelling reminders: once a day each."""
    scheduler = services["scheduler"]["block"]
    daily = scheduler.split("while true; do", 1)[1].split("done", 1)[0]
    for command in ("erase_personal_data", "send_reminders", "remind_labelling"):
        assert f"python manage.py {command};" in daily
    assert "sleep 86400;" in daily
    assert "web:  # which has run the migrations\n        condition: service_healthy" in scheduler


def test_gunicorn_writes_json_lines_and_no_access_log_of_its_own():
    config: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)
    assert config["accesslog"] is None  # Django writes one line per request, with its id
    formatter = config["logconfig_dict"]["formatters"]["json"]
    assert formatter["()"] == "pythonjsonlogger.json.JsonFormatter"
    assert (ROOT / "Dockerfile").read_text().rstrip().endswith('CMD ["gunicorn", "semaine.wsgi"]')
