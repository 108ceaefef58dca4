"""Reads of the events domain, one module per area; import from here."""

from .archive import edition_current, edition_figures, home_context
from .public import public_event_get, public_event_list

__all__ = [
    "edition_current",
    "edition_figures",
    "home_context",
    "public_event_get",
    "public_event_list",
]
