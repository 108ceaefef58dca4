"""The public event finder: the filtered list, the map page and the map data (GeoJSON).

The three take the same query string, parsed by `events.filters.public_event_filter`.
"""

from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from ...cache import public_cache_page
from ...filters import PublicEventFilter, public_event_filter
from ...selectors.public import events_mark_places, public_event_map_rows

PAGE_SIZE = 20
MAP_MAX_MARKERS = 5000
MAP_LIST_SIZE = 20
# Query-string names kept when switching between the list, the map and the exports.
FILTER_NAMES = tuple(PublicEventFilter.base_filters)


def _known_filters(data: QueryDict, *, drop=("page",)) -> QueryDict:
    """A copy of `data` with only the filters' names, without `drop`."""
    query = data.copy()
    for name in list(query):
        if name not in FILTER_NAMES or name in drop:
            del query[name]
    return query


def filter_context(data: QueryDict, filterset: PublicEventFilter) -> dict:
    """What the list, the map and the landing pages show around the results: the form, the
    tags, the ignored filters, the export links; `data` is the query string they filter on."""
    query = _known_filters(data).urlencode()
    all_editions = _known_filters(data)
    all_editions["edition"] = "toutes"
    return {
        "filter": filterset,
        "form": filterset.form,
        "ignored_filters": filterset.ignored_filters,
        "active_filters": filterset.active_filters(data),
        "edition_year": filterset.edition_year,
        "place": filterset.place,
        "radius_km": filterset.radius_km,
        "sort": filterset.sort,
        "filter_query": query,
        "query_suffix": f"?{query}" if query else "",
        "all_editions_query": all_editions.urlencode(),
        "sort_hidden": [
            (name, value)
            for name, values in data.lists()
            if name in FILTER_NAMES and name not in ("tri", "page")
            for value in values
        ],
    }


@method_decorator(public_cache_page(), name="dispatch")
class EventListView(TemplateView):
    """/evenements/: the filtered, sorted, paginated list of published events."""

    template_name = "events/event_list.html"
    http_method_names = ["get", "head"]

    def get_filter_data(self) -> QueryDict:
        """The query string the list filters on; landing pages add their preset."""
        return self.request.GET

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.get_filter_data()
        filterset = public_event_filter(data=data)
        paginator = Paginator(filterset.qs, PAGE_SIZE)
        # Non-numbers give the first page, numbers past the end the last one: never a 500.
        page_obj = paginator.get_page(self.request.GET.get("page"))
        page_obj.pages_list = list(
            paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
        )
        context.update(filter_context(data, filterset))
        context.update(
            {
                "page_obj": page_obj,
                "paginator": paginator,
                "is_paginated": page_obj.has_other_pages(),
                "events": events_mark_places(page_obj.object_list),
                "breadcrumb": [(_("Événements"), None)],
            }
        )
        return context


@method_decorator(public_cache_page(), name="dispatch")
class EventMapView(TemplateView):
    """/evenements/carte/: the same filters on a map; the first results are also listed as
    plain HTML, so the page is useful without JavaScript or map tiles."""

    template_name = "events/event_map.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = public_event_filter(data=self.request.GET)
        events = filterset.qs.prefetch_related(None)
        context.update(filter_context(self.request.GET, filterset))
        context.update(
            {
                "count": events.count(),
                "events": list(events[:MAP_LIST_SIZE]),
                "list_size": MAP_LIST_SIZE,
                "breadcrumb": [(_("Événements"), reverse("events:list")), (_("Carte"), None)],
            }
        )
        return context


def _detail_path_template() -> str:
    """ "/evenements/{pk}-{slug}/" from the URLconf, reversed once for all markers."""
    sample = reverse("events:detail", kwargs={"pk": 987654321, "slug": "slug-placeholder"})
    return sample.replace("987654321", "{pk}").replace("slug-placeholder", "{slug}")


@require_safe
@gzip_page  # ~1.5 MB of JSON for 5,000 markers, a fifth of it compressed; nothing secret in it
@public_cache_page()
def event_map_data(request):
    """/api/evenements/carte.json: a compact GeoJSON FeatureCollection of the filtered events
    that have coordinates, capped at MAP_MAX_MARKERS (`truncated` says when)."""
    filterset = public_event_filter(data=request.GET)
    rows, truncated = public_event_map_rows(filterset.qs, limit=MAP_MAX_MARKERS)
    path = _detail_path_template()
    zones = {}
    features = []
    for row in rows:
        first = row["first_start"]
        zone_name = row["academy__time_zone"]
        if first is not None:
            zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
            first = timezone.localtime(first, zone).isoformat()
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row["longitude"], 6), round(row["latitude"], 6)],
                },
                "properties": {
                    "title": row["title"],
                    "date": first,
                    "city": row["city"],
                    "url": path.format(pk=row["id"], slug=row["slug"] or "evenement"),
                },
            }
        )
    payload = {
        "type": "FeatureCollection",
        "features": features,
        "truncated": truncated,
        "ignored_filters": [
            {"filter": label, "message": message} for label, message in filterset.ignored_filters
        ],
    }
    response = JsonResponse(
        payload, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
