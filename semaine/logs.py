"""Logs a reader can follow across processes: one request id on every line.

    RequestIdMiddleware   gives each request an id (or keeps the one the trusted reverse proxy
                          sent in X-Request-ID), returns it in the X-Request-ID response
                          header and writes one access line per request (logger
                          "semaine.requests": method, path, status, duration, client, user).
    RequestIdFilter       puts that id on every record logged while the request runs
                          (`request_id`, "-" outside a request: task workers, commands).
    ErrorMailThrottle     lets one e-mail per kind of error through every few minutes, so a
                          failing database does not send the admins a mail per request.

The configuration itself (JSON lines on stdout, the admins' mail handler) is
semaine.settings.security.logging_config.
"""

import contextvars
import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.views import debug

from .throttle import client_address

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from the proxy: the ids nginx ($request_id), HAProxy or a load balancer
# write; anything else is replaced, so a client cannot write into the logs.
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
NO_REQUEST = "-"

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)

access_logger = logging.getLogger("semaine.requests")
# Probes of the orchestrator, every few seconds: below the default level.
QUIET_PATHS = frozenset({"/healthz", "/readyz"})


def current_request_id() -> str:
    """The id of the request being served, "-" outside a request."""
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _incoming_request_id(request) -> str | None:
    if settings.TRUSTED_PROXY_COUNT <= 0:
        return None
    value = request.META.get("HTTP_X_REQUEST_ID", "").strip()
    return value if INCOMING_REQUEST_ID.fullmatch(value) else None


class RequestIdMiddleware:
    """First in MIDDLEWARE: every line logged while a request runs carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_request_id(request) or uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self.log(request, response, duration=time.monotonic() - started)
        finally:
            _request_id.reset(token)
        return response

    def log(self, request, response, *, duration: float) -> None:
        # The user only when some part of the request already loaded it: asking for it here
        # would cost a query on pages that never look at the session (/healthz).
        user = getattr(request, "_cached_user", None)
        level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
        access_logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 1),
                "client": client_address(request),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )


class ErrorMailThrottle(logging.Filter):
    """One mail per kind of error (logger, message, exception type, place) every
    `interval` seconds, counted in the shared cache; in the process's memory when the cache
    itself is what fails."""

    def __init__(self, interval: int = 300):
        super().__init__()
        self.interval = interval
        self._sent: dict[str, float] = {}

    @staticmethod
    def kind(record: logging.LogRecord) -> str:
        error = record.exc_info[1] if record.exc_info else None
        parts = (
            record.name,
            str(record.msg),
            type(error).__qualname__ if error else "",
            f"{record.pathname}:{record.lineno}",
        )
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]

    def filter(self, record: logging.LogRecord) -> bool:
        kind = self.kind(record)
        try:
            from django.core.cache import cache

            return bool(cache.add(f"error-mail:{kind}", 1, timeout=self.interval))
        except Exception:  # the cache is down: never lose the report because of it
            now = time.monotonic()
            if now - self._sent.get(kind, -self.interval) < self.interval:
                return False
            self._sent[kind] = now
            return True


# Credentials inside a URL: redis://:secret@host, postgres://user:secret@host.
URL_PASSWORD = re.compile(r"(?P<start>\w[\w+.-]*://[^/@:\s]*:)(?P<password>[^/@\s]+)(?=@)")


class SafeExceptionReporterFilter(debug.SafeExceptionReporterFilter):
    """The error reports mailed to the admins (and DEBUG pages) hide passwords written inside
    URLs too (CACHE_URL's Redis password ends up in CACHES' LOCATION, whose name Django's
    filter does not find sensitive)."""

    def cleanse_setting(self, key, value):
        cleansed = super().cleanse_setting(key, value)
        if isinstance(cleansed, str):
            cleansed = URL_PASSWORD.sub(rf"\g<start>{self.cleansed_substitute}", cleansed)
        return cleansed
