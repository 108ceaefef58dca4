"""An event's description (never its status: that is `moderation`): created and changed
through here, by its organizers or its académie's moderators, public pages refreshed."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from academies.roles import user_handles_event, user_may_declare_for, user_moderates_academy

from ..cache import public_cache_invalidate
from ..models import ClassRegistration, Event, Session

M2M_FIELDS = ("action_types", "themes", "audiences")
# What teachers rely on besides the sessions' times: where, and how, the event happens.
PLACE_FIELDS = ("format", "address", "postcode", "city", "online_url")


@transaction.atomic
def event_save(*, event: Event, by, expected_version: int | None = None, **relations) -> Event:
    """Save `event` (new, or changed in a form) with its types, themes and audiences.

    The status and the moderation fields are left as they are in the database: only the
    moderation services move them. A new event is declared by `by`, as a draft, for a
    company or school they organize for (or in an académie they moderate). Every save bumps
    `version`; with `expected_version` (the version the form was read at), a save over
    somebody else's newer edit is refused instead of silently overwriting it.
    """
    unknown = set(relations) - set(M2M_FIELDS)
    if unknown:
        raise ValueError(f"event_save: unknown relations {sorted(unknown)}")
    creating = event.pk is None
    if event.department_id:
        event.academy_id = event.department.academy_id
    if creating:
        if not user_may_declare_for(
            user=by,
            company_id=event.company_id,
            school_id=event.school_id,
            academy_id=event.academy_id,
        ):
            raise PermissionDenied(
                _("Vous ne pouvez pas déclarer d'événement pour cette structure.")
            )
        event.status = Event.Status.DRAFT
        event.created_by = event.created_by or by
        event.version = 1
    else:
        stored = Event.objects.select_for_update().get(pk=event.pk)
        if not user_handles_event(user=by, event=stored):
            raise PermissionDenied(_("Vous ne pouvez pas modifier cet événement."))
        if expected_version is not None and stored.version != expected_version:
            raise ValidationError(
                _(
                    "Quelqu'un d'autre a modifié cet événement pendant que vous le modifiiez : "
                    "vos changements n'ont pas été enregistrés. Rechargez la page pour voir "
                    "la dernière version, puis refaites vos modifications."
                ),
                code="stale",
            )
        if event.academy_id != stored.academy_id and not user_moderates_academy(
            user=by, academy_id=event.academy_id
        ):
            raise ValidationError(
                {"department": _("Vous ne pouvez pas déplacer l'événement hors de votre académie.")}
            )
        for field in ("status", "moderation_message", "submitted_at", "published_at"):
            setattr(event, field, getattr(stored, field))
        if not user_moderates_academy(user=by, academy_id=stored.academy_id):
            for field in ("company_id", "school_id", "organizer_kind", "created_by_id"):
                setattr(event, field, getattr(stored, field))  # organizers keep their structure
        event.version = stored.version + 1
    event.full_clean()
    event.save()
    for name, values in relations.items():
        getattr(event, name).set(values)
    transaction.on_commit(public_cache_invalidate)
    return event


# --- the organizer space's form: the event and its sessions, in one transaction -----------


@dataclass
class SessionRow:
    """One row of the sessions formset: an existing session (or None for a new one)."""

    index: int
    session: Session | None
    starts_at: object = None
    ends_at: object = None
    capacity: int | None = None
    delete: bool = False


class SessionRowError(ValidationError):
    """A session service refused row `index` of the formset; nothing was written."""

    def __init__(self, error: ValidationError, *, index: int):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)
        self.index = index


def _place_changes(before: dict, event: Event) -> list[str]:
    labels = {
        "format": _("format"),
        "address": _("adresse"),
        "postcode": _("code postal"),
        "city": _("commune"),
        "online_url": _("lien de connexion"),
    }
    return [labels[field] for field in PLACE_FIELDS if before[field] != getattr(event, field)]


@transaction.atomic
def event_save_with_sessions(
    *,
    event: Event,
    by,
    sessions: list[SessionRow],
    expected_version: int | None = None,
    **relations,
) -> Event:
    """Save the event, then create, change and delete its sessions (at least one remains),
    all or nothing.

    On a labelled (published) event, a change of what teachers rely on — the place, the
    format, the times of a session, a capacity lowered — is told to every class booked
    (new times by `session_update`, the place here), and sends the event back to the
    moderators when its académie asks for it.
    """
    from .registrations import registration_log
    from .sessions import session_create, session_delete, session_update

    before = None
    if event.pk is not None:
        before = Event.objects.filter(pk=event.pk).values(*PLACE_FIELDS, "status").first()
    event = event_save(event=event, by=by, expected_version=expected_version, **relations)
    significant = []
    remaining = 0
    for row in sessions:
        try:
            if row.session is None:
                if row.delete or row.starts_at is None:
                    continue
                session_create(
                    event=event,
                    by=by,
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    capacity=row.capacity,
                )
                significant.append(_("nouveau créneau"))
                remaining += 1
            elif row.delete:
                session_delete(session=row.session, by=by)
                significant.append(_("créneau supprimé"))
            else:
                old = (row.session.starts_at, row.session.ends_at, row.session.capacity)
                session_update(
                    session=row.session,
                    by=by,
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    capacity=row.capacity,
                )
                if (old[0], old[1]) != (row.starts_at, row.ends_at):
                    significant.append(_("horaires"))
                if row.capacity is not None and (old[2] is None or row.capacity < old[2]):
                    significant.append(_("capacité réduite"))
                remaining += 1
        except ValidationError as error:
            raise SessionRowError(error, index=row.index) from error
    if not remaining:
        raise ValidationError(_("Indiquez au moins un créneau."))
    if before and before["status"] == Event.Status.PUBLISHED:
        place = _place_changes(before, event)
        if place:
            reason = _("L'organisateur a modifié l'événement : %(fields)s.") % {
                "fields": ", ".join(place)
            }
            if event.format != Event.Format.ONLINE and event.address:
                reason += " " + _("Nouveau lieu : %(place)s.") % {
                    "place": f"{event.address}, {event.postcode} {event.city}".strip(", ")
                }
            booked = ClassRegistration.objects.filter(
                session__event=event, status__in=ClassRegistration.ACTIVE_STATUSES
            ).select_for_update()
            for registration in booked.order_by("created_at", "id"):
                registration_log(
                    registration=registration,
                    by=by,
                    from_status=registration.status,
                    reason=reason,
                )
        significant = place + significant
        if significant and event.academy.republish_requires_moderation:
            event = event_back_to_moderation(event=event, by=by, changes=significant)
    return event


def event_back_to_moderation(*, event: Event, by, changes: list[str]) -> Event:
    """A labelled event changed in what teachers rely on, in an académie that asks for it:
    it goes back to the moderators (submitted), who are told what changed. The caller holds
    the atomic."""
    from django.utils import timezone

    from semaine.audit import lock

    from ..rules.transitions import EVENT_BACK_TO_MODERATION
    from .moderation import event_transition_log

    event = lock(Event.objects.select_related("edition", "academy"), event.pk)
    from_status, to_status = EVENT_BACK_TO_MODERATION
    if event.status != from_status:
        return event
    reason = _("Modifié après labellisation : %(changes)s.") % {
        "changes": ", ".join(dict.fromkeys(changes))
    }
    event.status = to_status
    event.submitted_at = timezone.now()
    event.save(update_fields=["status", "submitted_at", "updated_at"])
    event_transition_log(event=event, by=by, from_status=from_status, reason=reason)
    return event


# --- reminders ---------------------------------------------------------------------------

LABELLING_REMINDER_DAYS = 7


@transaction.atomic
def events_remind_labelling(*, today=None, days_before: int = LABELLING_REMINDER_DAYS) -> int:
    """E-mail the owners of every draft (or event with changes requested) of the current
    edition whose labelling deadline falls within `days_before` days, once: a second run
    sends nothing (`labelling_reminded_at`). Returns how many events were reminded."""
    import datetime
    from functools import partial

    from django.utils import timezone

    from ..rules.editions import edition_current
    from ..tasks import event_labelling_reminder_send

    today = today or timezone.localdate()
    edition = edition_current()
    deadline = edition.labelling_deadline if edition else None
    if deadline is None or not (today <= deadline <= today + datetime.timedelta(days=days_before)):
        return 0
    due = (
        Event.objects.select_for_update()
        .filter(
            edition=edition,
            status__in=(Event.Status.DRAFT, Event.Status.CHANGES_REQUESTED),
            labelling_reminded_at__isnull=True,
        )
        .order_by("pk")
    )
    now = timezone.now()
    count = 0
    for event in due:
        Event.objects.filter(pk=event.pk).update(labelling_reminded_at=now)
        transaction.on_commit(partial(event_labelling_reminder_send.enqueue, event_id=event.pk))
        count += 1
    return count
