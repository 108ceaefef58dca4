"""Class registrations: seats counted in students, never overbooked, waiting list first-fit.

Every function here locks the sessions it touches (in primary-key order, so two services
never deadlock), checks the rules of `events.rules`, writes, logs the change and e-mails
the teacher after the commit.
"""

from functools import partial

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.models import School
from academies.roles import user_handles_event, user_teaches_at
from semaine.audit import change_record, lock

from ..models import ClassRegistration, Event, RegistrationStatusChange, Session
from ..rules.booking import (
    CANCELLATION_NOTICE,
    session_registration_closed_reason,
    teacher_may_cancel,
    teacher_may_change,
    waitlist_may_be_served,
)
from ..rules.capacity import seats_fit, session_confirmed_students
from ..rules.transitions import registration_may_move
from ..tasks import (
    registration_reminder_send,
    registration_status_notify,
    session_seats_freed_notify,
)

Status = ClassRegistration.Status

# The fields a change of registration may touch, and how the history names them.
EDITABLE_FIELDS = {
    "session": _("créneau"),
    "students": _("élèves"),
    "girls": _("dont filles"),
    "class_level": _("niveau"),
    "class_name": _("classe"),
    "accompanying_adults": _("adultes accompagnateurs"),
    "needs": _("besoins particuliers"),
}


# --- locks and history ------------------------------------------------------------------


def sessions_lock(*session_ids: int) -> dict[int, Session]:
    """Lock sessions in primary-key order: seat changes on a session are serialised by it."""
    locked = {}
    for pk in sorted(set(session_ids)):
        locked[pk] = lock(Session.objects.select_related("event__academy"), pk)
    return locked


def registration_log(
    *, registration: ClassRegistration, by, from_status: str, reason: str = ""
) -> None:
    change = RegistrationStatusChange(
        registration=registration,
        by=by,
        from_status=from_status,
        to_status=registration.status,
        reason=reason,
    )
    change_record(change=change, notify=registration_status_notify)


def _set_status(*, registration: ClassRegistration, status: str, by, reason: str = "") -> None:
    from_status = registration.status
    if not registration_may_move(from_status=from_status, to_status=status):
        raise ValidationError(
            _("Impossible de passer une inscription « %(current)s » à « %(target)s ».")
            % {"current": registration.get_status_display(), "target": Status(status).label}
        )
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    registration_log(registration=registration, by=by, from_status=from_status, reason=reason)


def _fits(*, session: Session, students: int, excluding=None) -> bool:
    confirmed = session_confirmed_students(session=session, excluding=excluding)
    return seats_fit(capacity=session.capacity, confirmed=confirmed, students=students)


def _ensure_capacity(*, session: Session, students: int) -> None:
    if session.capacity is not None and students > session.capacity:
        raise ValidationError(
            {
                "students": _("Ce créneau accueille au plus %(capacity)s élèves.")
                % {"capacity": session.capacity}
            }
        )


def _ensure_open(*, session: Session) -> None:
    reason = session_registration_closed_reason(session=session)
    if reason:
        raise ValidationError(reason)


def _ensure_handler(*, user, session: Session) -> None:
    if not user_handles_event(user=user, event=session.event):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))


# --- the waiting list ---------------------------------------------------------------------


def waitlist_promote(*, session: Session, by=None) -> list[ClassRegistration]:
    """Serve the waiting list first-fit in order of request: the earliest waiting class that
    fits the free seats is confirmed, then the next one that still fits. Never on a
    session that no longer takes classes (cancelled event, session started). The caller
    holds the session's lock."""
    if not waitlist_may_be_served(session=session):
        _tell_organizer_seats_freed_too_late(session=session)
        return []
    promoted = []
    waiting = session.registrations.filter(status=Status.WAITLISTED).order_by("created_at", "id")
    for registration in waiting:
        if _fits(session=session, students=registration.students):
            _set_status(
                registration=registration,
                status=Status.CONFIRMED,
                by=by,
                reason=_("Une place s'est libérée."),
            )
            promoted.append(registration)
    return promoted


def _tell_organizer_seats_freed_too_late(*, session: Session) -> None:
    """Seats freed after the cancellation deadline of a published event's session that has
    not started, with classes still waiting: the organizer decides, we do not promote."""
    if session.event.status != Event.Status.PUBLISHED or session.starts_at <= timezone.now():
        return
    if not session.registrations.filter(status=Status.WAITLISTED).exists():
        return
    transaction.on_commit(partial(session_seats_freed_notify.enqueue, session_id=session.pk))


# --- teachers' requests -------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *,
    session: Session,
    teacher,
    school: School,
    class_level: str,
    class_name: str,
    students: int,
    girls: int | None = None,
    accompanying_adults: int = 1,
    needs: str = "",
) -> ClassRegistration:
    """Register a class on a session: confirmed, pending or waitlisted, never overbooked."""
    session = sessions_lock(session.pk)[session.pk]
    if not user_teaches_at(user=teacher, school=school):
        raise PermissionDenied(_("Vous n'enseignez pas dans cet établissement."))
    _ensure_open(session=session)
    _ensure_capacity(session=session, students=students)
    if session.event.registration_mode == Event.RegistrationMode.APPROVAL:
        status = Status.PENDING
    elif _fits(session=session, students=students):
        status = Status.CONFIRMED
    else:
        status = Status.WAITLISTED
    registration = ClassRegistration(
        session=session,
        event_id=session.event_id,
        teacher=teacher,
        school=school,
        class_level=class_level,
        class_name=class_name,
        students=students,
        girls=girls,
        accompanying_adults=accompanying_adults,
        needs=needs,
        status=status,
    )
    registration.full_clean()
    registration.save()
    registration_log(registration=registration, by=teacher, from_status="")
    return registration


def _lock_registration(registration: ClassRegistration, *, also_session_id=None):
    sessions = sessions_lock(registration.session_id, *filter(None, [also_session_id]))
    registration = lock(ClassRegistration.objects.all(), registration.pk)
    if registration.session_id not in sessions:  # moved meanwhile: lock its new session too
        sessions.update(sessions_lock(registration.session_id))
    return sessions, registration


@transaction.atomic
def registration_cancel(
    *, registration: ClassRegistration, by, reason: str = ""
) -> ClassRegistration:
    """The teacher (until the cancellation deadline) or the event's organizers and moderators
    cancel a class; freed seats go to the waiting list."""
    sessions, registration = _lock_registration(registration)
    session = sessions[registration.session_id]
    handler = user_handles_event(user=by, event=session.event)
    if registration.teacher_id != by.pk and not handler:
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette inscription."))
    if not registration.is_active:
        raise ValidationError(_("Cette inscription est déjà annulée ou refusée."))
    if not handler and not teacher_may_cancel(registration=registration):
        raise ValidationError(
            _(
                "Le délai d'annulation est dépassé : contactez l'organisateur de l'événement "
                "pour le prévenir."
            )
        )
    _set_status(registration=registration, status=Status.CANCELLED, by=by, reason=reason)
    waitlist_promote(session=session, by=by)
    return registration


# --- organizers' and moderators' decisions ------------------------------------------------


@transaction.atomic
def registration_approve(*, registration: ClassRegistration, by) -> ClassRegistration:
    """The organizer accepts a pending class: confirmed if seats remain, else waiting list."""
    sessions, registration = _lock_registration(registration)
    session = sessions[registration.session_id]
    _ensure_handler(user=by, session=session)
    if registration.status != Status.PENDING:
        raise ValidationError(_("Seule une demande en attente de validation peut être validée."))
    fits = _fits(session=session, students=registration.students)
    _set_status(
        registration=registration,
        status=Status.CONFIRMED if fits else Status.WAITLISTED,
        by=by,
    )
    return registration


@transaction.atomic
def registration_decline(*, registration: ClassRegistration, by, reason: str) -> ClassRegistration:
    """The organizer turns down a pending or waiting class, with the reason the teacher gets."""
    sessions, registration = _lock_registration(registration)
    _ensure_handler(user=by, session=sessions[registration.session_id])
    if registration.status not in (Status.PENDING, Status.WAITLISTED):
        raise ValidationError(_("Seule une demande en attente peut être refusée."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Indiquez un motif : l'enseignant le recevra.")})
    _set_status(registration=registration, status=Status.DECLINED, by=by, reason=reason.strip())
    return registration


def _describe_changes(registration: ClassRegistration, before: dict) -> str:
    parts = []
    for field, label in EDITABLE_FIELDS.items():
        old, new = before[field], getattr(registration, field)
        if field == "session":
            old, new = before["session_label"], str(registration.session)
        if old != new:
            if field == "needs":
                parts.append(_("%(field)s modifiés") % {"field": label})
            else:
                parts.append(
                    _("%(field)s : %(old)s → %(new)s")
                    % {"field": label, "old": old if old not in (None, "") else "—", "new": new}
                )
    return " ; ".join(parts)


@transaction.atomic
def registration_update(
    *, registration: ClassRegistration, by, reason: str = "", **changes
) -> ClassRegistration:
    """Change a registration (head count, class, session of the same event…) without ever
    overbooking: a confirmed class keeps its seats only if the new head count fits, seats
    freed go to the waiting list of the session that lost them, the change is logged and the
    teacher told.

    `changes` take the names of `EDITABLE_FIELDS`; `session` is a Session.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"registration_update: unknown fields {sorted(unknown)}")
    target = changes.get("session")
    sessions, registration = _lock_registration(
        registration, also_session_id=target.pk if target else None
    )
    old_session = sessions[registration.session_id]
    new_session = sessions[target.pk] if target else old_session
    handler = user_handles_event(user=by, event=old_session.event)
    if registration.teacher_id != by.pk and not handler:
        raise PermissionDenied(_("Vous ne pouvez pas modifier cette inscription."))
    if not registration.is_active:
        raise ValidationError(_("Une inscription annulée ou refusée ne peut plus être modifiée."))
    if not handler and not teacher_may_change(registration=registration):
        raise ValidationError(
            _("Cette inscription ne peut plus être modifiée en ligne : contactez l'organisateur.")
        )
    moved = new_session.pk != old_session.pk
    if moved and (new_session.event_id != old_session.event_id or not handler):
        raise ValidationError(
            {"session": _("Une classe ne change de créneau qu'au sein du même événement.")}
        )
    before = {field: getattr(registration, field) for field in EDITABLE_FIELDS}
    before["session_label"] = str(old_session)
    for field, value in changes.items():
        setattr(registration, field, value)
    registration.session = new_session
    students = registration.students
    if moved or students > before["students"]:
        _ensure_open(session=new_session)
    _ensure_capacity(session=new_session, students=students)
    if registration.status == Status.CONFIRMED and not _fits(
        session=new_session, students=students, excluding=registration
    ):
        others = session_confirmed_students(session=new_session, excluding=registration)
        held = 0 if moved else before["students"]
        raise ValidationError(
            {
                "students": _(
                    "Ce créneau n'a plus que %(free)s place(s) libre(s) : cette classe confirmée "
                    "peut compter au plus %(most)s élèves."
                )
                % {
                    "free": max(new_session.capacity - others - held, 0),
                    "most": max(new_session.capacity - others, 0),
                }
            }
        )
    registration.full_clean()
    description = _describe_changes(registration, before)
    if not description:
        return registration
    registration.save()
    registration_log(
        registration=registration,
        by=by,
        from_status=registration.status,
        reason=" — ".join(filter(None, [description, (reason or "").strip()])),
    )
    if moved or students < before["students"]:
        waitlist_promote(session=old_session, by=by)
    if moved:
        waitlist_promote(session=new_session, by=by)
    return registration


def registrations_cancel_for_event(*, event: Event, by, reason: str) -> int:
    """Cancel every active class of a cancelled event and tell its teachers; no promotion.
    The caller holds the event's lock inside its transaction."""
    session_ids = list(event.sessions.values_list("pk", flat=True))
    sessions_lock(*session_ids)
    active = ClassRegistration.objects.select_for_update().filter(
        session_id__in=session_ids, status__in=ClassRegistration.ACTIVE_STATUSES
    )
    count = 0
    for registration in active.order_by("created_at", "id"):
        _set_status(registration=registration, status=Status.CANCELLED, by=by, reason=reason)
        count += 1
    return count


# --- reminders and the one-click release ------------------------------------------------


@transaction.atomic
def registrations_remind(*, now=None) -> int:
    """E-mail a reminder to every confirmed class whose session starts within the
    cancellation notice (48 h), once: a second run the same day sends nothing."""
    now = now or timezone.now()
    due = ClassRegistration.objects.select_for_update(skip_locked=True).filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + CANCELLATION_NOTICE,
        session__event__status=Event.Status.PUBLISHED,
    )
    ids = list(due.values_list("pk", flat=True))
    ClassRegistration.objects.filter(pk__in=ids).update(reminded_at=now)
    for pk in ids:
        transaction.on_commit(partial(registration_reminder_send.enqueue, registration_id=pk))
    return len(ids)


RELEASE_SALT = "events.registration-release"


def registration_release_token(*, registration: ClassRegistration) -> str:
    """The signed token of the one-click « libérer la place » link sent to the teacher."""
    return signing.dumps({"registration": registration.pk}, salt=RELEASE_SALT)


def registration_from_release_token(*, token: str) -> ClassRegistration:
    """The registration a release link names; raises ValidationError for a forged or
    mangled link (the link stays valid while the class may be cancelled)."""
    try:
        data = signing.loads(token, salt=RELEASE_SALT)
        return ClassRegistration.objects.select_related("session__event__academy", "school").get(
            pk=data["registration"]
        )
    except (signing.BadSignature, KeyError, TypeError, ClassRegistration.DoesNotExist):
        raise ValidationError(_("Ce lien n'est pas valide.")) from None


def registration_release(*, token: str) -> ClassRegistration:
    """The teacher of a promoted class gives the place back from the e-mail's link: the
    class is cancelled and the place goes to the next class waiting."""
    registration = registration_from_release_token(token=token)
    return registration_cancel(
        registration=registration,
        by=registration.teacher,
        reason=_("Place libérée par l'enseignant depuis le courriel."),
    )
