"""Reads of the events domain, one module per area: `public` (lists, event page, exports,
map), `editions` (archive, figures), `academies` (landing pages), `home`, `teachers`."""

from .home import home_context
from .public import export_event_queryset, public_event_detail

__all__ = [
    "export_event_queryset",
    "home_context",
    "public_event_detail",
]
