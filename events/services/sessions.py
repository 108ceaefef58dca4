"""Sessions (créneaux) of an event: created, changed and deleted through here only, so that
capacity never falls below the confirmed students, a raised capacity serves the waiting
list, teachers hear of new times, and public pages refresh."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import user_handles_event

from ..cache import public_cache_invalidate
from ..models import ClassRegistration, Event, Session
from ..rules.capacity import session_confirmed_students
from .registrations import registration_log, sessions_lock, waitlist_promote

SESSION_FIELDS = ("starts_at", "ends_at", "capacity", "note")


def _ensure_handler(*, user, event: Event) -> None:
    if not user_handles_event(user=user, event=event):
        raise PermissionDenied(_("Vous ne pouvez pas modifier les créneaux de cet événement."))


@transaction.atomic
def session_create(
    *, event: Event, by, starts_at, ends_at, capacity: int | None = None, note: str = ""
) -> Session:
    """Add a session inside the edition's accepted window."""
    _ensure_handler(user=by, event=event)
    session = Session(
        event=event, starts_at=starts_at, ends_at=ends_at, capacity=capacity, note=note or ""
    )
    session.full_clean()
    session.save()
    transaction.on_commit(public_cache_invalidate)
    return session


def _local(moment, session: Session) -> str:
    return f"{timezone.localtime(moment, session.event.tzinfo):%d/%m/%Y %H:%M}"


@transaction.atomic
def session_update(*, session: Session, by, **changes) -> Session:
    """Change a session's times, capacity or note.

    A capacity below the students already confirmed is refused; a raised (or removed)
    capacity confirms waiting classes first-fit; new times are told to every class booked.
    """
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"session_update: unknown fields {sorted(unknown)}")
    session = sessions_lock(session.pk)[session.pk]
    _ensure_handler(user=by, event=session.event)
    before = {field: getattr(session, field) for field in SESSION_FIELDS}
    for field, value in changes.items():
        setattr(session, field, value)
    if session.capacity is not None:
        confirmed = session_confirmed_students(session=session)
        if session.capacity < confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(confirmed)s élèves sont déjà confirmés sur ce créneau : la capacité "
                        "ne peut pas descendre en dessous."
                    )
                    % {"confirmed": confirmed}
                }
            )
    session.full_clean()
    if all(getattr(session, field) == before[field] for field in SESSION_FIELDS):
        return session
    session.save()
    transaction.on_commit(public_cache_invalidate)
    if (before["starts_at"], before["ends_at"]) != (session.starts_at, session.ends_at):
        reason = _("Nouvel horaire du créneau : %(start)s (au lieu de %(old)s).") % {
            "start": _local(session.starts_at, session),
            "old": _local(before["starts_at"], session),
        }
        booked = session.registrations.filter(status__in=ClassRegistration.ACTIVE_STATUSES)
        for registration in booked.select_for_update().order_by("created_at", "id"):
            registration_log(
                registration=registration, by=by, from_status=registration.status, reason=reason
            )
    raised = session.capacity is None or (
        before["capacity"] is not None and session.capacity > before["capacity"]
    )
    if raised:
        waitlist_promote(session=session, by=by)
    return session


@transaction.atomic
def session_delete(*, session: Session, by) -> None:
    """Delete a session that never had a class: a session with registrations keeps them
    (and their history), so it must be kept."""
    session = sessions_lock(session.pk)[session.pk]
    _ensure_handler(user=by, event=session.event)
    if session.registrations.exists():
        raise ValidationError(
            _(
                "Ce créneau a des inscriptions de classes : il ne peut pas être supprimé. "
                "Annulez l'événement ou changez le créneau de ces classes."
            )
        )
    session.delete()
    transaction.on_commit(public_cache_invalidate)
