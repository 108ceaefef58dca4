"""Moderation of events: status transitions, each one locked, logged and notified."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import user_handles_event, user_moderates_event, user_organizes_event
from semaine.audit import change_record, lock

from ..cache import public_cache_invalidate
from ..labelling import event_unmet_criteria
from ..models import Event, EventStatusChange
from ..rules.transitions import EVENT_REASON_REQUIRED, event_may_move
from ..tasks import event_status_notify

Status = Event.Status


def event_transition_log(
    *, event: Event, by, from_status: str, reason: str = ""
) -> EventStatusChange:
    """Append the transition to the history; after the commit, notify the organizer and
    refresh the public pages."""
    change = EventStatusChange(
        event=event,
        by=by,
        from_status=from_status,
        to_status=event.status,
        reason=reason,
        # a decision answers the submission the event still carries
        submitted_at=event.submitted_at if from_status == Status.SUBMITTED else None,
    )
    return change_record(
        change=change, notify=event_status_notify, after_commit=[public_cache_invalidate]
    )


def _event_transition(
    *, event: Event, by, to_status: str, reason: str = "", fields: dict | None = None
) -> Event:
    """Lock, check the transition table and the reason, write (the status and `fields`),
    log; caller holds the atomic."""
    event = lock(Event.objects.select_related("edition", "academy"), event.pk)
    if not event_may_move(from_status=event.status, to_status=to_status):
        raise ValidationError(
            _("Impossible de passer un événement « %(current)s » à « %(target)s ».")
            % {"current": event.get_status_display(), "target": Status(to_status).label}
        )
    reason = (reason or "").strip()
    if to_status in EVENT_REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Indiquez un motif : l'organisateur le recevra.")})
    from_status = event.status
    event.status = to_status
    now = timezone.now()
    if to_status == Status.SUBMITTED:
        event.submitted_at = now
    elif to_status == Status.PUBLISHED:
        event.published_at = now
    if to_status in (Status.CHANGES_REQUESTED, Status.REJECTED):
        event.moderation_message = reason
    for name, value in (fields or {}).items():
        setattr(event, name, value)
    event.save(
        update_fields=[
            "status",
            "submitted_at",
            "published_at",
            "moderation_message",
            "updated_at",
            *(fields or {}),
        ]
    )
    event_transition_log(event=event, by=by, from_status=from_status, reason=reason)
    return event


@transaction.atomic
def event_submit(*, event: Event, by) -> Event:
    """The organizer submits the event for labelling; every labelling criterion must be met."""
    if not user_organizes_event(user=by, event=event):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))
    unmet = event_unmet_criteria(event=event)
    if unmet:
        raise ValidationError(
            [
                _("Critère de labellisation non rempli : %(label)s. %(detail)s")
                % {"label": c.label, "detail": c.detail}
                for c in unmet
            ]
        )
    return _event_transition(event=event, by=by, to_status=Status.SUBMITTED)


def _ensure_moderator(*, event: Event, by) -> None:
    if not user_moderates_event(user=by, event=event):
        raise PermissionDenied(_("Vous ne modérez pas les événements de cette académie."))


@transaction.atomic
def event_publish(*, event: Event, by, reason: str = "") -> Event:
    """Label the event: it becomes public."""
    _ensure_moderator(event=event, by=by)
    return _event_transition(event=event, by=by, to_status=Status.PUBLISHED, reason=reason)


@transaction.atomic
def event_request_changes(*, event: Event, by, reason: str) -> Event:
    """Send the event back to its organizer with the changes to make."""
    _ensure_moderator(event=event, by=by)
    return _event_transition(event=event, by=by, to_status=Status.CHANGES_REQUESTED, reason=reason)


def rejection_reason_text(*, reason_code: str, reason: str = "") -> str:
    """The history's and the organizer's wording of a refusal: « <motif> : <précisions> »."""
    label = str(Event.RejectionReason(reason_code).label)
    details = (reason or "").strip()
    return f"{label} : {details}" if details else label


@transaction.atomic
def event_reject(*, event: Event, by, reason: str = "", reason_code: str = "") -> Event:
    """Refuse the labelling, with the reason the organizer receives: a motive from
    `Event.RejectionReason` (stored on the event) and/or free text; one of them at least."""
    _ensure_moderator(event=event, by=by)
    if reason_code:
        if reason_code not in Event.RejectionReason.values:
            raise ValidationError({"reason_code": _("Choisissez un motif de refus de la liste.")})
        reason = rejection_reason_text(reason_code=reason_code, reason=reason)
    return _event_transition(
        event=event,
        by=by,
        to_status=Status.REJECTED,
        reason=reason,
        fields={"rejection_reason": reason_code},
    )


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str) -> Event:
    """Cancel a published event, by its organizer or a moderator: its classes are cancelled
    too and their teachers told why; nobody is promoted from a waiting list."""
    from .registrations import registrations_cancel_for_event

    if not user_handles_event(user=by, event=event):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cet événement."))
    event = _event_transition(event=event, by=by, to_status=Status.CANCELLED, reason=reason)
    registrations_cancel_for_event(
        event=event,
        by=by,
        reason=_("L'événement est annulé : %(reason)s") % {"reason": reason.strip()},
    )
    return event


# Statuses a moderator's action leads to, and the service that performs it.
MODERATION_SERVICES = {
    Status.PUBLISHED: event_publish,
    Status.CHANGES_REQUESTED: event_request_changes,
    Status.REJECTED: event_reject,
    Status.CANCELLED: event_cancel,
}
