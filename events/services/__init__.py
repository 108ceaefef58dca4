"""Every write of the events domain; import services from here."""

from .events import event_save
from .moderation import (
    MODERATION_SERVICES,
    event_cancel,
    event_publish,
    event_reject,
    event_request_changes,
    event_submit,
    event_transition_log,
)
from .registrations import (
    registration_approve,
    registration_cancel,
    registration_create,
    registration_decline,
    registration_update,
    waitlist_promote,
)
from .sessions import session_create, session_delete, session_update

__all__ = [
    "MODERATION_SERVICES",
    "event_cancel",
    "event_publish",
    "event_reject",
    "event_save",
    "event_request_changes",
    "event_submit",
    "event_transition_log",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_decline",
    "registration_update",
    "session_create",
    "session_delete",
    "session_update",
    "waitlist_promote",
]
