"""Production settings an auditor checks first: the deploy check, HTTPS, the CSP."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from semaine.settings.security import content_security_policy, tile_origin

ROOT = Path(__file__).resolve().parent.parent.parent
STRONG_SECRET = "0Jp4wq-5fxkM8zLrY2tV6cHbN9sD3gE7uA1iO_KjWmQaZxCvBnRtYuPlSdFgHjKe"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "semaine.settings.production",
    "SECRET_KEY": STRONG_SECRET,
    "ALLOWED_HOSTS": "semaine-industrie.example.fr",
    "CACHE_URL": "redis://redis:6379/0",
    "CONTACT_EMAIL": "contact@semaine-industrie.example.fr",
    "LEGAL_HOSTING_PROVIDER": "Hébergeur Exemple SAS, 1 rue de l'Hébergement, 75001 Paris",
    "ADMINS": "exploitation@semaine-industrie.example.fr",
}


def run(*arguments: str, **variables) -> subprocess.CompletedProcess:
    """A fresh interpreter with only these variables, as the production container."""
    environment = {"PATH": os.environ.get("PATH", ""), **PRODUCTION, **variables}
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_passes_with_the_production_settings():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_asks_for_the_legal_contacts_and_the_error_recipients():
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CONTACT_EMAIL=None,
        LEGAL_HOSTING_PROVIDER=None,
        ADMINS=None,
    )
    assert result.returncode != 0
    for check in ("semaine.W001", "semaine.W002", "semaine.W003"):
        assert check in result.stderr
    assert "security.W" not in result.stderr  # HTTPS, cookies and HSTS stay right


PRINT_SECURITY = (
    "import json; from semaine.settings import production as s; print(json.dumps({"
    "name: getattr(s, name) for name in ('SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',"
    " 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER',"
    " 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_REDIRECT_EXEMPT', 'SECURE_CSP')}))"
)


def production_settings(**variables) -> dict:
    result = run("-c", PRINT_SECURITY, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_browsers_on_https_for_a_year():
    loaded = production_settings()
    assert loaded["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert loaded["SECURE_HSTS_PRELOAD"] is True
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["CSRF_COOKIE_SECURE"]
    assert loaded["SECURE_REDIRECT_EXEMPT"] == ["^healthz$", "^readyz$"]  # the probes
    assert loaded["SECURE_CSP"]["upgrade-insecure-requests"] is True


def test_hsts_and_https_are_configurable():
    loaded = production_settings(
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
        SECURE_SSL_REDIRECT="false",
    )
    assert loaded["SECURE_HSTS_SECONDS"] == 600
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert loaded["SECURE_HSTS_PRELOAD"] is False
    # docker compose serves plain HTTP on localhost: no upgrade of its own static files.
    assert loaded["SECURE_CSP"]["upgrade-insecure-requests"] is False


# --- Content Security Policy --------------------------------------------------------------


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_the_csp_lets_only_our_own_files_run_and_style_the_page(client):
    response = client.get("/mentions-legales/")
    policy = directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],  # the nonce appears only on pages that use it
        "style-src": ["'self'"],  # no 'unsafe-inline': no style="" attribute, no <style>
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    html = response.content.decode()
    assert " style=" not in html and "<style" not in html
    assert all('src="/static/' in tag for tag in re.findall(r"<script\b[^>]*>", html))


@pytest.mark.django_db
def test_a_page_with_nonced_scripts_gets_the_same_nonce_in_its_policy(client):
    cache.clear()  # rendered now, not served from the page cache
    response = client.get("/evenements/carte/")
    policy = directives(response["Content-Security-Policy"])
    nonce = re.fullmatch(r"'nonce-([\w+/=-]+)'", policy["script-src"][1])[1]
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        (
            "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
            "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
            "https://data.geopf.fr",
        ),
        ("http://tuiles.intranet:8080/{z}/{x}/{y}.png", "http://tuiles.intranet:8080"),
    ],
)
def test_the_tile_server_joins_img_src(url, origin):
    assert tile_origin(url) == origin
    assert content_security_policy(tile_url=url)["img-src"] == [CSP.SELF, "data:", origin]


@pytest.mark.parametrize(
    "url",
    [
        "tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://tile.openstreetmap.org/carte.png",
        "javascript:alert(1)//{z}{x}{y}",
        "https://{z}.example.org/{x}/{y}.png",
    ],
)
def test_a_malformed_tile_server_stops_the_start_up(url):
    with pytest.raises(ImproperlyConfigured, match="MAP_TILES_URL invalide"):
        tile_origin(url)


def test_a_tile_server_set_in_the_environment_reaches_the_csp_and_the_map_scripts():
    url = "https://{s}.tuiles.example.fr/{z}/{x}/{y}.png"
    script = (
        "import json; from semaine.settings import production as s; "
        "print(json.dumps([s.SECURE_CSP['img-src'], s.MAP_TILES_URL]))"
    )
    result = run("-c", script, MAP_TILES_URL=url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["'self'", "data:", "https://*.tuiles.example.fr"], url]


@pytest.mark.django_db
def test_pages_tell_the_map_scripts_which_tile_server_to_use(client, settings):
    settings.MAP_TILES_URL = "https://tuiles.example.fr/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "&copy; Exemple"
    html = client.get("/evenements/carte/").content.decode()
    assert (
        '<meta name="semaine-map-tiles" content="https://tuiles.example.fr/{z}/{x}/{y}.png">'
        in html
    )
    assert '<meta name="semaine-map-attribution" content="&amp;copy; Exemple">' in html
    for script in ("event-map.js", "event-detail-map.js"):
        source = (ROOT / "semaine" / "static" / "js" / script).read_text()
        assert 'meta("semaine-map-tiles")' in source
        assert "tile.openstreetmap.org/{z}" in source  # the fallback, never {s}.tile…


# Templates that still carry a style="" attribute, which the CSP blocks (the page still works:
# its map gets its height from semaine.css); to be removed by their owners.
STYLE_ATTRIBUTE_LEFT: set[str] = set()


def test_no_template_of_ours_relies_on_inline_styles():
    templates = ROOT / "templates"
    found = {
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        # E-mails style themselves inline: no CSP applies to them.
        if path.parts[len(templates.parts)] != "emails"
        and re.search(r"\sstyle=|<style\b", path.read_text())
    }
    assert found <= STYLE_ATTRIBUTE_LEFT
