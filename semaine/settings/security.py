"""The Content Security Policy and the logging configuration, built from a few settings.

    SECURE_CSP = content_security_policy(tile_url=MAP_TILES_URL)
    LOGGING = logging_config(level="INFO", json_lines=True)

Kept apart from base.py so that each rule is written once and tested on its own
(tests/semaine/test_security.py).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

# OpenStreetMap's own tile server: fine for a demonstration, subject to its usage policy
# (https://operations.osmfoundation.org/policies/tiles/); production sets its own.
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs OpenStreetMap</a>'
)


def tile_origin(url: str) -> str:
    """The img-src source of a Leaflet tile URL template: its scheme and host, with
    Leaflet's subdomain placeholder `{s}` read as any subdomain.

    "https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org"
    """
    parts = urlsplit(url.strip())
    placeholders = all(name in url for name in ("{z}", "{x}", "{y}"))
    if parts.scheme not in ("https", "http") or not parts.netloc or not placeholders:
        # Read by the operator at start-up, before translations can load: plain French.
        raise ImproperlyConfigured(
            f"MAP_TILES_URL invalide : {url!r} ; attendu une adresse http(s) avec {{z}}, {{x}} "
            "et {y}, par ex. https://tile.openstreetmap.org/{z}/{x}/{y}.png."
        )
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:
        raise ImproperlyConfigured(
            f"MAP_TILES_URL invalide : {url!r} ; seul {{s}} peut figurer dans le nom d'hôte."
        )
    return f"{parts.scheme}://{host}"


def content_security_policy(*, tile_url: str = DEFAULT_TILE_URL) -> dict[str, list[str]]:
    """Django's SECURE_CSP: only our own files run or style the page.

    - scripts: our static files, or a tag carrying the request's nonce; no inline script,
      no inline event handler, no eval;
    - styles: our static files, or a <style> carrying the nonce (Django's admin has one);
      no style="" attribute in the markup (scripts may still set element.style);
    - images: ours, data: URIs (the DSFR's icons) and the map's tile server;
    - nothing may frame the site, no plugin (object-src), no <base> elsewhere, no form
      posting to another site.
    """
    return {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF, CSP.NONCE],
        "img-src": [CSP.SELF, "data:", tile_origin(tile_url)],
        "font-src": [CSP.SELF, "data:"],
        "connect-src": [CSP.SELF],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.SELF],
        "form-action": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
    }


# Attributes of Django's log records that are objects, not data: never in a JSON line.
_NOT_LOGGED = ("request", "server_time")


def logging_config(*, level: str = "INFO", json_lines: bool = True) -> dict:
    """Django's LOGGING: every record on stdout, one JSON object a line (or plain text on a
    developer's machine), each with the id of the request it belongs to; errors (ERROR and
    above, whatever the logger) also e-mailed to settings.ADMINS when DEBUG is off, at most
    one mail per kind of error every few minutes (semaine.logs.ErrorMailThrottle)."""
    from pythonjsonlogger.core import RESERVED_ATTRS

    formatters = {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "reserved_attrs": [*RESERVED_ATTRS, *_NOT_LOGGED],
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "semaine.logs.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            "error_mail_throttle": {"()": "semaine.logs.ErrorMailThrottle"},
        },
        "formatters": formatters,
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": "json" if json_lines else "text",
            },
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false", "error_mail_throttle"],
            },
        },
        "root": {"handlers": ["stdout", "mail_admins"], "level": level},
        "loggers": {
            # Django's defaults print on the console in DEBUG and mail the admins themselves:
            # here every record goes up to the root's handlers, once.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            "django.db.backends": {"level": "INFO"},
            # A bot sending a foreign Host header is logged, not mailed.
            "django.security.DisallowedHost": {"handlers": ["stdout"], "propagate": False},
        },
    }
