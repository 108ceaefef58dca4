"""An event's description (never its status: that is `moderation`): created and changed
through here, by its organizers or its académie's moderators, public pages refreshed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from academies.roles import user_handles_event, user_moderates_academy

from ..cache import public_cache_invalidate
from ..models import Event

M2M_FIELDS = ("action_types", "themes", "audiences")


@transaction.atomic
def event_save(*, event: Event, by, **relations) -> Event:
    """Save `event` (new, or changed in a form) with its types, themes and audiences.

    The status and the moderation fields are left as they are in the database: only the
    moderation services move them. A new event is declared by `by`, as a draft.
    """
    unknown = set(relations) - set(M2M_FIELDS)
    if unknown:
        raise ValueError(f"event_save: unknown relations {sorted(unknown)}")
    creating = event.pk is None
    if event.department_id:
        event.academy_id = event.department.academy_id
    if creating:
        if not user_moderates_academy(user=by, academy_id=event.academy_id):
            raise PermissionDenied(
                _("Vous ne pouvez pas déclarer d'événement dans cette académie.")
            )
        event.status = Event.Status.DRAFT
        event.created_by = event.created_by or by
    else:
        stored = Event.objects.select_for_update().get(pk=event.pk)
        if not user_handles_event(user=by, event=stored):
            raise PermissionDenied(_("Vous ne pouvez pas modifier cet événement."))
        if event.academy_id != stored.academy_id and not user_moderates_academy(
            user=by, academy_id=event.academy_id
        ):
            raise ValidationError(
                {"department": _("Vous ne pouvez pas déplacer l'événement hors de votre académie.")}
            )
        for field in ("status", "moderation_message", "submitted_at", "published_at"):
            setattr(event, field, getattr(stored, field))
    event.full_clean()
    event.save()
    for name, values in relations.items():
        getattr(event, name).set(values)
    transaction.on_commit(public_cache_invalidate)
    return event
