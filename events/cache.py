"""Short-lived cache of anonymous public pages, keyed by the full query string.

Every key embeds a version number; any change of an event's status bumps it, so no public
page outlives the publication, cancellation or withdrawal of an event. Pages cached here must
not carry inline scripts: the CSP nonce changes on every request (scripts live in static files).
"""

import hashlib
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
DEFAULT_TIMEOUT = 120


def public_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def public_cache_invalidate() -> None:
    """Called whenever what the public sees changes (an event's status, for one)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _cache_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-pages:{public_cache_version()}:{get_language()}:{path}"


def _is_personal(request) -> bool:
    """A signed-in user, or a visitor with flash messages waiting, gets their own page."""
    return request.user.is_authenticated or len(messages.get_messages(request)) > 0


def public_cache_page(timeout: int = DEFAULT_TIMEOUT):
    """Cache a GET view for anonymous visitors; signed-in users always get a fresh page.

    Never cached: responses that set cookies or carry flash messages, which belong to one
    visitor only.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _is_personal(request):
                return view(request, *args, **kwargs)
            key = _cache_key(request)
            cached = cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            if (
                response.status_code != 200
                or response.streaming
                or response.cookies
                or _is_personal(request)
            ):
                return response
            patch_cache_control(response, public=True, max_age=timeout)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
            return response

        return wrapped

    return decorator
