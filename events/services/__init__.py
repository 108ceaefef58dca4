"""Every write of the events domain; import services from here."""

from .moderation import (
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
)

__all__ = [
    "event_cancel",
    "event_publish",
    "event_reject",
    "event_request_changes",
    "event_submit",
    "event_transition_log",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_decline",
]
