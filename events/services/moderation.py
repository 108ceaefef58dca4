"""Moderation of events: status transitions, each one locked, logged and notified."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import user_moderates_event, user_organizes_event

from ..cache import public_cache_invalidate
from ..labelling import event_unmet_criteria
from ..models import Event, EventStatusChange
from ..tasks import event_status_notify

Status = Event.Status

# to_status: statuses it may be reached from
EVENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SUBMITTED: (Status.DRAFT, Status.CHANGES_REQUESTED),
    Status.PUBLISHED: (Status.SUBMITTED,),
    Status.CHANGES_REQUESTED: (Status.SUBMITTED,),
    Status.REJECTED: (Status.SUBMITTED,),
    Status.CANCELLED: (Status.PUBLISHED,),
}
REASON_REQUIRED = (Status.CHANGES_REQUESTED, Status.REJECTED, Status.CANCELLED)


def event_transition_log(
    *, event: Event, by, from_status: str, reason: str = ""
) -> EventStatusChange:
    """Append the transition to the history and notify the organizer once the commit is done."""
    change = EventStatusChange(
        event=event, by=by, from_status=from_status, to_status=event.status, reason=reason
    )
    change.full_clean()
    change.save()
    transaction.on_commit(lambda: event_status_notify.enqueue(change_id=change.pk))
    transaction.on_commit(public_cache_invalidate)
    return change


@transaction.atomic
def _event_transition(*, event: Event, by, to_status: str, reason: str = "") -> Event:
    event = Event.objects.select_for_update().select_related("edition", "academy").get(pk=event.pk)
    allowed_from = EVENT_TRANSITIONS[to_status]
    if event.status not in allowed_from:
        raise ValidationError(
            _("Impossible de passer un événement « %(current)s » à « %(target)s ».")
            % {"current": event.get_status_display(), "target": Status(to_status).label}
        )
    reason = (reason or "").strip()
    if to_status in REASON_REQUIRED and not reason:
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
    event.save(
        update_fields=["status", "submitted_at", "published_at", "moderation_message", "updated_at"]
    )
    event_transition_log(event=event, by=by, from_status=from_status, reason=reason)
    return event


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


def event_publish(*, event: Event, by, reason: str = "") -> Event:
    """Label the event: it becomes public."""
    _ensure_moderator(event=event, by=by)
    return _event_transition(event=event, by=by, to_status=Status.PUBLISHED, reason=reason)


def event_request_changes(*, event: Event, by, reason: str) -> Event:
    _ensure_moderator(event=event, by=by)
    return _event_transition(event=event, by=by, to_status=Status.CHANGES_REQUESTED, reason=reason)


def event_reject(*, event: Event, by, reason: str) -> Event:
    _ensure_moderator(event=event, by=by)
    return _event_transition(event=event, by=by, to_status=Status.REJECTED, reason=reason)


def event_cancel(*, event: Event, by, reason: str) -> Event:
    """Cancel a published event, by its organizer or a moderator."""
    if not (
        user_organizes_event(user=by, event=event) or user_moderates_event(user=by, event=event)
    ):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cet événement."))
    return _event_transition(event=event, by=by, to_status=Status.CANCELLED, reason=reason)
