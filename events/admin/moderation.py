"""Moderation in the back office: the transitions an event's status allows, as changelist
actions and as buttons on the event's page, each one a call to the moderation services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from academies.roles import user_moderates_event

from ..models import ClassRegistration, Event
from ..rules.transitions import EVENT_REASON_REQUIRED, event_may_move, event_next_statuses
from ..services import MODERATION_SERVICES
from .common import error_text, reason_form_class, service_action_run, service_action_with_reason

Status = Event.Status

# What each moderation is called, as an action, a button and a page title, and what is said
# once it is done (singular or plural, by the number of events).
MODERATION_LABELS = {
    Status.PUBLISHED: (
        gettext_lazy("Labelliser et publier les événements sélectionnés"),
        gettext_lazy("Labelliser et publier"),
        ngettext_lazy(
            "%(count)s événement labellisé et publié.",
            "%(count)s événements labellisés et publiés.",
            "count",
        ),
    ),
    Status.CHANGES_REQUESTED: (
        gettext_lazy("Demander des modifications à l'organisateur"),
        gettext_lazy("Demander des modifications"),
        ngettext_lazy(
            "Modifications demandées pour %(count)s événement : son organisateur est prévenu.",
            "Modifications demandées pour %(count)s événements : leurs organisateurs sont "
            "prévenus.",
            "count",
        ),
    ),
    Status.REJECTED: (
        gettext_lazy("Refuser la labellisation"),
        gettext_lazy("Refuser la labellisation"),
        ngettext_lazy(
            "%(count)s événement refusé ; l'organisateur est prévenu.",
            "%(count)s événements refusés ; les organisateurs sont prévenus.",
            "count",
        ),
    ),
    Status.CANCELLED: (
        gettext_lazy("Annuler les événements publiés sélectionnés"),
        gettext_lazy("Annuler l'événement"),
        ngettext_lazy(
            "%(count)s événement annulé ; les enseignants inscrits sont prévenus.",
            "%(count)s événements annulés ; les enseignants inscrits sont prévenus.",
            "count",
        ),
    ),
}


ACTION_NAMES = {
    Status.PUBLISHED: "publish_events",
    Status.CHANGES_REQUESTED: "request_changes",
    Status.REJECTED: "reject_events",
    Status.CANCELLED: "cancel_events",
}


def _moderation_action(to_status: str):
    action_label, title, done = MODERATION_LABELS[to_status]

    def action(modeladmin, request, queryset):
        events = list(queryset.select_related("edition", "academy"))
        eligible = [e for e in events if event_may_move(from_status=e.status, to_status=to_status)]
        for event in events:
            if event not in eligible:
                modeladmin.message_user(
                    request,
                    _("« %(title)s » (%(status)s) ne peut pas passer à « %(target)s ».")
                    % {
                        "title": event.title,
                        "status": event.get_status_display(),
                        "target": Status(to_status).label,
                    },
                    messages.ERROR,
                )
        if not eligible:
            return None
        service = MODERATION_SERVICES[to_status]
        if to_status in EVENT_REASON_REQUIRED:
            return service_action_with_reason(
                modeladmin,
                request,
                eligible,
                service=service,
                title=str(title),
                done_message=done,
                reason_label=_("Motif transmis à l'organisateur"),
                form_class=reason_form_class(to_status),
                extra_context=getattr(request, "moderation_extra_context", None),
            )
        service_action_run(modeladmin, request, eligible, service=service, done_message=done)
        return None

    action.__name__ = ACTION_NAMES[to_status]
    return admin.action(description=action_label, permissions=["change"])(action)


MODERATION_ACTIONS = {to_status: _moderation_action(to_status) for to_status in MODERATION_LABELS}


def moderation_actions_for(status_filter: str | None) -> list[str]:
    """Names of the changelist actions worth offering: all of them, or, when the list is
    filtered on one status, only the transitions that status allows."""
    if not status_filter:
        return [action.__name__ for action in MODERATION_ACTIONS.values()]
    return [
        MODERATION_ACTIONS[to_status].__name__
        for to_status in event_next_statuses(status_filter)
        if to_status in MODERATION_ACTIONS
    ]


def moderation_buttons(*, event: Event, user, moderates: bool | None = None) -> list[dict]:
    """The buttons of an event's change page: the transitions its status allows, for its
    académie's moderators (the organizer's "submit" belongs to the organizer space).
    `moderates`, when the caller already knows, spares the question (a list of events)."""
    if moderates is None:
        moderates = user_moderates_event(user=user, event=event)
    if not moderates:
        return []
    return [
        {
            "label": MODERATION_LABELS[to_status][1],
            "url": reverse("admin:events_event_moderate", args=[event.pk, to_status]),
            "to_status": to_status,
        }
        for to_status in event_next_statuses(event.status)
        if to_status in MODERATION_LABELS
    ]


def _safe_next(request) -> str:
    """Where to go back after a moderation (the queue), when it is a page of this site."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def moderation_view(model_admin, request, object_id, to_status):
    """GET: the confirmation (and the reason when one is required); POST: the service."""
    event = model_admin.get_object(request, unquote(object_id))  # None for junk ids
    if event is None or to_status not in MODERATION_LABELS:
        raise Http404
    change_url = reverse("admin:events_event_change", args=[event.pk])
    if not event_may_move(from_status=event.status, to_status=to_status):
        model_admin.message_user(
            request,
            _("Cet événement est « %(status)s » : il ne peut pas passer à « %(target)s ».")
            % {"status": event.get_status_display(), "target": Status(to_status).label},
            messages.ERROR,
        )
        return HttpResponseRedirect(change_url)
    back_url = _safe_next(request) or change_url
    needs_reason = to_status in EVENT_REASON_REQUIRED
    form = reason_form_class(to_status)(request.POST if request.method == "POST" else None)
    form.fields["reason"].required = needs_reason
    if to_status != Status.REJECTED:
        form.fields["reason"].label = (
            _("Motif transmis à l'organisateur")
            if needs_reason
            else _("Message à l'organisateur (facultatif)")
        )
    if request.method == "POST" and form.is_valid():
        service = MODERATION_SERVICES[to_status]
        try:
            service(event=event, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            model_admin.message_user(request, error_text(error), messages.ERROR)
        else:
            done = MODERATION_LABELS[to_status][2]
            model_admin.message_user(request, done % {"count": 1}, messages.SUCCESS)
        return HttpResponseRedirect(back_url)
    booked = ClassRegistration.objects.filter(
        session__event=event, status__in=ClassRegistration.ACTIVE_STATUSES
    ).aggregate(classes=Count("pk"), students=Sum("students"))
    context = {
        **model_admin.admin_site.each_context(request),
        "booked": booked if to_status == Status.CANCELLED else None,
        "title": MODERATION_LABELS[to_status][1],
        "event": event,
        "form": form,
        "opts": model_admin.model._meta,
        "change_url": change_url,
        "back_url": back_url,
        "next": _safe_next(request),
        "to_status_label": Status(to_status).label,
    }
    return TemplateResponse(request, "admin/events/event/moderate.html", context)
