"""Short-lived cache of anonymous public pages, shared by every worker (Redis in production).

A page's key is made of what can change it, and nothing else: the scheme, the host, the
language, the path and the recognized query parameters (the public list's filters, `page`
and `par_page`), normalized by `public_cache_query`, in any order. Unknown parameters
(utm_source=…, fbclid=…) and blank values never make a new entry, and the view renders from
that same normalized query string, so a cached page never carries the first visitor's extra
parameters (language switch, feed links, JSON `next`), nor their host or scheme.

Every key embeds a version number; any change of an event's status bumps it, so no public
page outlives the publication, cancellation or withdrawal of an event. Pages cached here must
not carry inline scripts: the CSP nonce changes on every request (scripts live in static files).
"""

import hashlib
import time
from functools import cache as memoize
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.http import QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
DEFAULT_TIMEOUT = 120
# Read by cached views besides the filters: the list's and the archive's page, the JSON size.
# Any other parameter never reaches a cached view: one that needs a new one adds it here.
EXTRA_PARAMETERS = ("page", "par_page")


@memoize
def _recognized_parameters() -> tuple[frozenset[str], frozenset[str]]:
    """(every parameter a cached view reads, those of them that take several values)."""
    from django import forms

    from .filters import PublicEventFilter  # imported late: filters → selectors → services

    filters = PublicEventFilter.base_filters
    multiple = {
        name
        for name, filter_ in filters.items()
        if issubclass(filter_.field_class, forms.MultipleChoiceField)
    }
    return frozenset(filters) | frozenset(EXTRA_PARAMETERS), frozenset(multiple)


def public_cache_query(data: QueryDict) -> QueryDict:
    """The recognized parameters of `data`, in their order, blank values dropped.

    A repeatable filter keeps its distinct values, sorted; any other parameter keeps its last
    value, the one the views read. An unknown parameter changes nothing.
    """
    recognized, multiple = _recognized_parameters()
    query = QueryDict(mutable=True)
    for name in [name for name in data if name in recognized]:
        values = data.getlist(name)
        values = sorted(set(values)) if name in multiple else values[-1:]
        values = [value for value in values if value.strip()]
        if values:
            query.setlist(name, values)
    query._mutable = False
    return query


def _new_version() -> int:
    """A version larger than any handed out before, should the counter be lost (evicted,
    flushed): pages cached under an older number never come back."""
    return time.time_ns() // 1000


def public_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        fresh = _new_version()
        added = cache.add(VERSION_KEY, fresh, timeout=None)
        version = fresh if added else cache.get(VERSION_KEY, fresh)  # another worker's
    return version


def public_cache_invalidate() -> None:
    """Called whenever what the public sees changes (an event's status, for one)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet: a new one is already past every cached page
        cache.add(VERSION_KEY, _new_version(), timeout=None)


def public_cache_query_string(data: QueryDict) -> str:
    """The canonical form of a query string: recognized parameters, normalized, sorted.
    Two query strings that show the same page, in any order, give the same one."""
    return urlencode(sorted(public_cache_query(data).lists()), doseq=True)


def _cache_key(request, query: QueryDict) -> str:
    parameters = urlencode(sorted(query.lists()), doseq=True)
    parts = (request.scheme, request.get_host(), get_language(), request.path, parameters)
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"public-pages:{public_cache_version()}:{digest}"


def _use_query(request, query: QueryDict) -> None:
    """Let the view (and its template) see the normalized query string only."""
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def _is_personal(request) -> bool:
    """A signed-in user, or a visitor with flash messages waiting, gets their own page."""
    return request.user.is_authenticated or len(messages.get_messages(request)) > 0


def public_cache_page(timeout: int = DEFAULT_TIMEOUT):
    """Cache a GET view for anonymous visitors; signed-in users always get a fresh page.

    Never cached: responses that set cookies or carry flash messages, which belong to one
    visitor only, and any response but a 200.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _is_personal(request):
                return view(request, *args, **kwargs)
            query = public_cache_query(request.GET)
            key = _cache_key(request, query)
            cached = cache.get(key)
            if cached is not None:
                return cached
            _use_query(request, query)
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
