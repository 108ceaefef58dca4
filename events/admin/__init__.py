"""Back office of the events, one module per subject: `reference` (editions, themes…),
`events` (with their sessions and moderation), `queue` (the moderation queue), `sessions`,
`registrations`, `history`, `site` (the admin site itself).

Scoping and role permissions come from `academies.admin` (StaffScopedAdmin): académie
staff see the events of their académies only, and everything hanging from them. Every
write is a service call (`events.services`): checked, logged and notified.
"""

from django.contrib import admin

from . import events, history, reference, registrations, sessions
from .events import EventAdmin
from .site import SemaineAdminSite, install

# The moderation queue, French error pages, a scoped « voir sur le site » (see .site).
install(admin.site)

__all__ = [
    "EventAdmin",
    "SemaineAdminSite",
    "events",
    "history",
    "reference",
    "registrations",
    "sessions",
]
