"""The state machines: which status may follow which. Services enforce them, the admin
offers only what they allow, the demo builds its histories from them."""

# Events (DESIGN.md): draft → submitted → published, submitted → changes_requested →
# submitted, submitted → rejected, published → cancelled.
EVENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("submitted",),
    "submitted": ("published", "changes_requested", "rejected"),
    "changes_requested": ("submitted",),
    "published": ("cancelled",),
    "rejected": (),
    "cancelled": (),
}
# Not a move anybody chooses: a labelled event whose organizer changes what teachers rely on
# goes back to the moderators when its académie asks for it (events.services.events).
EVENT_BACK_TO_MODERATION = ("published", "submitted")
# The organizer must be told why.
EVENT_REASON_REQUIRED = frozenset({"changes_requested", "rejected", "cancelled"})

# Class registrations: the first status is chosen by the seats and the event's mode.
REGISTRATION_INITIAL = ("pending", "confirmed", "waitlisted")
REGISTRATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("confirmed", "waitlisted", "declined", "cancelled"),
    "waitlisted": ("confirmed", "declined", "cancelled"),
    "confirmed": ("cancelled",),
    "declined": (),
    "cancelled": (),
}
REGISTRATION_REASON_REQUIRED = frozenset({"declined"})


def event_next_statuses(status: str) -> tuple[str, ...]:
    return EVENT_TRANSITIONS.get(status, ())


def event_may_move(*, from_status: str, to_status: str) -> bool:
    return to_status in event_next_statuses(from_status)


def registration_may_move(*, from_status: str, to_status: str) -> bool:
    return to_status in REGISTRATION_TRANSITIONS.get(from_status, ())
