"""Class registrations: seats counted in students, never overbooked, waiting list in order."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.models import School, SchoolMembership
from academies.roles import user_moderates_event, user_organizes_event

from ..models import ClassRegistration, Event, RegistrationStatusChange, Session
from ..tasks import registration_status_notify

Status = ClassRegistration.Status


def session_confirmed_students(*, session: Session) -> int:
    confirmed = session.registrations.filter(status=Status.CONFIRMED)
    return confirmed.aggregate(total=Sum("students"))["total"] or 0


def _fits(*, session: Session, students: int) -> bool:
    if session.capacity is None:
        return True
    return session_confirmed_students(session=session) + students <= session.capacity


def _lock_session(session_id: int) -> Session:
    """Seat changes on one session are serialised by a row lock on that session."""
    return Session.objects.select_for_update().select_related("event").get(pk=session_id)


def _log(*, registration: ClassRegistration, by, from_status: str, reason: str = "") -> None:
    change = RegistrationStatusChange(
        registration=registration,
        by=by,
        from_status=from_status,
        to_status=registration.status,
        reason=reason,
    )
    change.full_clean()
    change.save()
    transaction.on_commit(lambda: registration_status_notify.enqueue(change_id=change.pk))


def _set_status(*, registration: ClassRegistration, status: str, by, reason: str = "") -> None:
    from_status = registration.status
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    _log(registration=registration, by=by, from_status=from_status, reason=reason)


def _ensure_teacher_of(*, teacher, school: School) -> None:
    is_teacher = SchoolMembership.objects.filter(
        user=teacher, school=school, role=SchoolMembership.Role.TEACHER
    ).exists()
    if not is_teacher:
        raise PermissionDenied(_("Vous n'enseignez pas dans cet établissement."))


def _ensure_open(*, session: Session, students: int) -> None:
    event = session.event
    if event.status != Event.Status.PUBLISHED or not event.accepts_class_registrations:
        raise ValidationError(_("Cet événement n'accueille pas d'inscriptions de classes."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("Les inscriptions sont fermées pour ce créneau."))
    if session.capacity is not None and students > session.capacity:
        raise ValidationError(
            {
                "students": _("Ce créneau accueille au plus %(capacity)s élèves.")
                % {"capacity": session.capacity}
            }
        )


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
    session = _lock_session(session.pk)
    _ensure_teacher_of(teacher=teacher, school=school)
    _ensure_open(session=session, students=students)
    if session.event.registration_mode == Event.RegistrationMode.APPROVAL:
        status = Status.PENDING
    elif _fits(session=session, students=students):
        status = Status.CONFIRMED
    else:
        status = Status.WAITLISTED
    registration = ClassRegistration(
        session=session,
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
    _log(registration=registration, by=teacher, from_status="")
    return registration


def waitlist_promote(*, session: Session, by=None) -> list[ClassRegistration]:
    """Confirm waiting classes in order of request while they fit; caller holds the lock."""
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


def _lock_registration(registration: ClassRegistration) -> tuple[Session, ClassRegistration]:
    session = _lock_session(registration.session_id)
    registration = ClassRegistration.objects.select_for_update().get(pk=registration.pk)
    return session, registration


def _can_handle(*, user, session: Session) -> bool:
    return user_organizes_event(user=user, event=session.event) or user_moderates_event(
        user=user, event=session.event
    )


@transaction.atomic
def registration_cancel(
    *, registration: ClassRegistration, by, reason: str = ""
) -> ClassRegistration:
    """The teacher (or the organizer) cancels; freed seats go to the waiting list in order."""
    session, registration = _lock_registration(registration)
    if registration.teacher_id != by.pk and not _can_handle(user=by, session=session):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette inscription."))
    if not registration.is_active:
        raise ValidationError(_("Cette inscription est déjà annulée ou refusée."))
    _set_status(registration=registration, status=Status.CANCELLED, by=by, reason=reason)
    waitlist_promote(session=session, by=by)
    return registration


@transaction.atomic
def registration_approve(*, registration: ClassRegistration, by) -> ClassRegistration:
    """The organizer accepts a pending class: confirmed if seats remain, else waiting list."""
    session, registration = _lock_registration(registration)
    if not _can_handle(user=by, session=session):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))
    if registration.status != Status.PENDING:
        raise ValidationError(_("Seule une demande en attente peut être validée."))
    fits = _fits(session=session, students=registration.students)
    _set_status(
        registration=registration,
        status=Status.CONFIRMED if fits else Status.WAITLISTED,
        by=by,
    )
    return registration


@transaction.atomic
def registration_decline(*, registration: ClassRegistration, by, reason: str) -> ClassRegistration:
    session, registration = _lock_registration(registration)
    if not _can_handle(user=by, session=session):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))
    if registration.status not in (Status.PENDING, Status.WAITLISTED):
        raise ValidationError(_("Seule une demande en attente peut être refusée."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Indiquez un motif : l'enseignant le recevra.")})
    _set_status(registration=registration, status=Status.DECLINED, by=by, reason=reason.strip())
    return registration
