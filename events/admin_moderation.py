"""Moderation from the event changelist: admin actions that call the moderation services.

Each selected event goes through the service (permission, allowed transition, history,
e-mail); the admin only reports what succeeded and why the rest did not.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import event_cancel, event_publish, event_reject, event_request_changes


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif transmis à l'organisateur"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=4000,
    )


def _run(modeladmin, request, queryset, *, service, done_message, **kwargs) -> None:
    done, failures = 0, []
    for event in queryset.select_related("edition", "academy"):
        try:
            service(event=event, by=request.user, **kwargs)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            reasons = " ".join(getattr(error, "messages", [str(error)]))
            failures.append(f"« {event.title} » : {reasons}")
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)
    for failure in failures:
        modeladmin.message_user(request, failure, messages.ERROR)


def _with_reason(modeladmin, request, queryset, *, service, title, done_message):
    """First call shows a form asking for the reason; the POST back applies the service."""
    form = ModerationReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        _run(
            modeladmin,
            request,
            queryset,
            service=service,
            done_message=done_message,
            reason=form.cleaned_data["reason"],
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/events/event/moderation_reason.html", context)


@admin.action(description=gettext_lazy("Labelliser et publier les événements sélectionnés"))
def publish_events(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        service=event_publish,
        done_message=_("%(count)s événement(s) labellisé(s) et publié(s)."),
    )


@admin.action(description=gettext_lazy("Demander des modifications à l'organisateur"))
def request_changes(modeladmin, request, queryset):
    return _with_reason(
        modeladmin,
        request,
        queryset,
        service=event_request_changes,
        title=_("Demander des modifications"),
        done_message=_("Modifications demandées pour %(count)s événement(s)."),
    )


@admin.action(description=gettext_lazy("Refuser la labellisation"))
def reject_events(modeladmin, request, queryset):
    return _with_reason(
        modeladmin,
        request,
        queryset,
        service=event_reject,
        title=_("Refuser la labellisation"),
        done_message=_("%(count)s événement(s) refusé(s)."),
    )


@admin.action(description=gettext_lazy("Annuler les événements publiés sélectionnés"))
def cancel_events(modeladmin, request, queryset):
    return _with_reason(
        modeladmin,
        request,
        queryset,
        service=event_cancel,
        title=_("Annuler des événements"),
        done_message=_("%(count)s événement(s) annulé(s)."),
    )


MODERATION_ACTIONS = [publish_events, request_changes, reject_events, cancel_events]
