"""Reads of the events domain, one module per area; import from here."""

from .archive import edition_current, edition_figures, home_context
from .detail import export_event_queryset, public_event_detail, session_with_places
from .public import public_event_get, public_event_list

__all__ = [
    "edition_current",
    "edition_figures",
    "export_event_queryset",
    "home_context",
    "public_event_detail",
    "public_event_get",
    "public_event_list",
    "session_with_places",
]
