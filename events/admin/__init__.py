"""Back office of the events, one module per subject: `reference` (editions, themes…),
`events` (with their sessions and moderation), `sessions`, `registrations`, `history`.

Scoping and role permissions come from `academies.admin` (StaffScopedAdmin): académie
staff see the events of their académies only, and everything hanging from them. Every
write is a service call (`events.services`): checked, logged and notified.
"""

from . import events, history, reference, registrations, sessions
from .events import EventAdmin

__all__ = ["EventAdmin", "events", "history", "reference", "registrations", "sessions"]
