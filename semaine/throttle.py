"""Per-client request limits, counted in the shared cache (fixed windows).

    @throttle(scope="exports", setting="EXPORT_RATE_LIMIT")       # every request counts
    def event_list_csv(request): ...

    @throttle(scope="signup", setting="SIGNUP_RATE_LIMIT", methods=("POST",))
    def signup(request): ...                                        # only submissions count

A rate is "<count>/<s|m|h|d>" ("20/m": twenty requests per minute); a blank one turns the
limit off. Each scope counts on its own. Over the limit, the client gets a 429 with a short
French text and Retry-After: the seconds until the window ends. A client is its address:
REMOTE_ADDR, or the address the last trusted proxy saw (settings.TRUSTED_PROXY_COUNT), and
IPv6 clients by their /64, the block one subscriber gets.
"""

import ipaddress
import math
import re
import time
from dataclasses import dataclass
from functools import cache as memoize
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"\s*(\d+)\s*/\s*([smhd])\s*")
IPV6_CLIENT_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    limit: int  # requests allowed in a window
    period: int  # length of a window, in seconds


@memoize
def rate_parse(value: str | None) -> Rate | None:
    """ "20/m" → Rate(20, 60); blank → None (no limit). Raises ImproperlyConfigured."""
    if value is None or not str(value).strip():
        return None
    match = RATE_PATTERN.fullmatch(str(value))
    if not match or int(match[1]) < 1:
        raise ImproperlyConfigured(
            f"Limite de débit invalide : {value!r} ; attendu <nombre>/<s|m|h|d>, par ex. 20/m."
        )
    return Rate(limit=int(match[1]), period=PERIODS[match[2]])


def _address(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)


def client_address(request) -> str:
    """Who a request counts for. X-Forwarded-For only counts with trusted proxies in front,
    and then only the entry the outermost of them added (a client writes the ones before)."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _address(hops[-proxies]) or remote


def throttle_hit(*, request, scope: str, rate: Rate, client: str | None = None) -> int | None:
    """Count this request in its client's current window: None while within the limit, else
    the seconds until the window ends. `client`: who is counted, the request's address by
    default (semaine.abuse counts signed-in users by their account)."""
    now = time.time()
    window = int(now // rate.period)
    remaining = max(1, math.ceil((window + 1) * rate.period - now))
    key = f"throttle:{scope}:{client or client_address(request)}:{window}"
    if cache.add(key, 1, timeout=remaining + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this request opens the window
            cache.add(key, 1, timeout=remaining + 1)
            count = 1
    return remaining if count > rate.limit else None


def throttle_response(*, retry_after: int) -> HttpResponse:
    """429 Too Many Requests, plain text, never stored by a cache."""
    message = ngettext(
        "Trop de requêtes depuis votre adresse. Réessayez dans %(seconds)d seconde.",
        "Trop de requêtes depuis votre adresse. Réessayez dans %(seconds)d secondes.",
        retry_after,
    ) % {"seconds": retry_after}
    response = HttpResponse(message + "\n", status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def throttle(*, scope: str, setting: str, methods: tuple[str, ...] | None = None):
    """Limit a view per client to the rate in `settings.<setting>` (read on each request);
    `methods`: the HTTP methods that count, all of them by default."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = rate_parse(getattr(settings, setting))
            if rate is not None and (methods is None or request.method in methods):
                retry_after = throttle_hit(request=request, scope=scope, rate=rate)
                if retry_after is not None:
                    return throttle_response(retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
