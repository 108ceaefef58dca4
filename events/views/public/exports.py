"""Open-data exports of published events: iCalendar, CSV, JSON, and the /donnees/ page.

The list exports take exactly the filters of the public list (same query string). Each client
may ask for EXPORT_RATE_LIMIT of them (CSV, iCalendar, JSON together); a page served from the
cache costs nothing and is not counted.
"""

import hashlib
from functools import wraps

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from semaine.throttle import throttle

from ...cache import public_cache_page, public_cache_query_string
from ...exports import api, ical, tabular
from ...exports.common import LICENCE_NAME, LICENCE_URL
from ...filters import PublicEventFilter, public_event_filter
from ...models import Event
from ...selectors import export_event_queryset, public_event_detail

CSV_CHUNK_SIZE = 2000  # rows per query batch (1 query + 4 prefetches per batch)
CSV_FILENAME = "evenements-semaine-industrie.csv"
ICS_FEED_FILENAME = "evenements-semaine-industrie.ics"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _open_data(response: HttpResponse) -> HttpResponse:
    """Open data: any site may read it from the browser."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def limit_exports(view):
    """Whole-edition exports cost about a second of CPU: a few clients must not hold every
    worker. Over EXPORT_RATE_LIMIT, a 429 that a browser script may read too."""
    limited = throttle(scope="exports", setting="EXPORT_RATE_LIMIT")(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _open_data(limited(request, *args, **kwargs))

    return wrapped


def _filtered_events(request):
    return export_event_queryset(public_event_filter(data=request.GET).qs)


def _calendar_response(calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open_data(response)


@require_safe
@public_cache_page()
def event_ics(request, pk: int, slug: str):
    """/evenements/<id>-<slug>.ics: the sessions of one published event."""
    try:
        event = public_event_detail(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None
    canonical = event.slug or "evenement"  # as in Event.get_absolute_url
    if slug != canonical:
        return redirect("events:detail_ics", pk=event.pk, slug=canonical, permanent=True)
    calendar = ical.event_to_calendar(event, base_url=_base_url(request))
    return _calendar_response(calendar, filename=f"{canonical[:80]}-{event.pk}.ics")


@require_safe
@public_cache_page()
@limit_exports
def event_list_ics(request):
    """/evenements.ics?<filters>: a calendar feed of the filtered list (capped)."""
    events = _filtered_events(request)[: ical.FEED_MAX_EVENTS]
    query = hashlib.sha256(public_cache_query_string(request.GET).encode()).hexdigest()[:16]
    calendar = ical.events_to_calendar(
        events,
        name=_("Semaine de l'industrie — événements"),
        base_url=_base_url(request),
        uid=f"events-{query}@{ical.UID_DOMAIN}",  # the same filters, the same calendar
    )
    return _calendar_response(calendar, filename=ICS_FEED_FILENAME)


@require_safe
@limit_exports
def event_list_csv(request):
    """/evenements.csv?<filters>: streamed, so the whole list never sits in memory."""
    events = _filtered_events(request).iterator(chunk_size=CSV_CHUNK_SIZE)
    response = StreamingHttpResponse(
        tabular.events_to_csv_lines(events, base_url=_base_url(request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{CSV_FILENAME}"'
    return _open_data(response)


def _per_page(raw: str | None) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return api.DEFAULT_PER_PAGE
    return min(max(value, 1), api.MAX_PER_PAGE)


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@require_safe
@public_cache_page()
@limit_exports
def event_list_json(request):
    """/api/evenements.json?<filters>&page=&par_page=: paginated, documented on /donnees/."""
    paginator = Paginator(_filtered_events(request), _per_page(request.GET.get("par_page")))
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return _open_data(
            JsonResponse(
                {"detail": _("Page introuvable."), "pages": paginator.num_pages}, status=404
            )
        )
    base_url = _base_url(request)
    data = {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "licence": LICENCE_NAME,
        "results": [api.event_to_dict(event, base_url=base_url) for event in page.object_list],
    }
    return _open_data(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))


def _filter_hints() -> dict[str, str]:
    return {
        "q": _("texte libre"),
        "edition": _("année (2025) ou « toutes » ; sans ce paramètre : l'édition en cours"),
        "theme": _("identifiant (slug) d'une thématique ; répétable"),
        "type": _("identifiant (slug) d'un type d'action ; répétable"),
        "public": _("identifiant (slug) d'un public ; répétable"),
        "region": _("identifiant (slug) d'une région académique"),
        "academie": _("identifiant (slug) d'une académie : grenoble, la-reunion…"),
        "departement": _("code du département : 38, 2A, 974…"),
        "ville": _("nom de la commune ou code postal"),
        "pres_de": _("code postal ou UAI d'un établissement"),
        "rayon": _("distance en km autour de « pres_de » (1 à 200, 30 par défaut)"),
        "du": _("date AAAA-MM-JJ : un créneau commence ce jour-là ou après"),
        "au": _("date AAAA-MM-JJ : un créneau commence ce jour-là ou avant"),
        "format": _("sur-place, en-ligne ou hybride"),
        "accessible": _("1 : accessibles seulement"),
        "classes": _("1 : qui accueillent des classes"),
        "ouvert": _("1 : avec un créneau encore ouvert aux inscriptions de classes"),
        "places": _("1 : avec des places disponibles"),
        "tri": _("date, recent, distance ou pertinence"),
    }


@method_decorator(public_cache_page(timeout=600), name="dispatch")
class OpenDataView(TemplateView):
    """/donnees/: formats, URLs, fields and licence of the open data."""

    template_name = "events/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "base_url": _base_url(self.request),
            "filters": [
                (name, filter_.label, _filter_hints().get(name, ""))
                for name, filter_ in PublicEventFilter.base_filters.items()
            ],
            "example_query": "?theme=transition-ecologique&academie=grenoble",
            "example_query_json": "?academie=la-reunion&classes=1&par_page=20",
            "example_query_feed": "?theme=industrie-du-futur",
            "csv_columns": tabular.COLUMNS,
            "csv_delimiter": tabular.DELIMITER,
            "csv_list_separator": tabular.LIST_SEPARATOR.strip(),
            "json_tables": [
                {
                    "id": "json-envelope",
                    "caption": _("Enveloppe de la réponse JSON"),
                    "fields": api.ENVELOPE_FIELDS,
                },
                {
                    "id": "json-results",
                    "caption": _("Champs de chaque événement (results)"),
                    "fields": api.RESULT_FIELDS,
                },
                {
                    "id": "json-sessions",
                    "caption": _("Champs de chaque créneau (sessions)"),
                    "fields": api.SESSION_FIELDS,
                },
            ],
            "json_default_per_page": api.DEFAULT_PER_PAGE,
            "json_max_per_page": api.MAX_PER_PAGE,
            "ics_max_events": ical.FEED_MAX_EVENTS,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "breadcrumb": [(_("Données ouvertes"), "")],
        }
