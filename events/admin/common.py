"""What every admin of the events app shares: local times, French status labels, forms
whose save is a service call, and actions that run a service on each selected row."""

import zoneinfo
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from semaine.forms import form_add_service_error

from ..models.log import status_label


def error_text(error: Exception) -> str:
    return " ".join(getattr(error, "messages", [str(error)])) or _("Action non autorisée.")


class LocalTimeMixin:
    """An event's times are typed and read in its académie's time zone (Cayenne, Réunion…)."""

    time_zone_lookup = ""  # path from the model to Academy.time_zone

    def object_time_zone(self, object_id) -> zoneinfo.ZoneInfo | None:
        try:
            name = (
                self.model._default_manager.filter(pk=object_id)
                .values_list(self.time_zone_lookup, flat=True)
                .first()
            )
        except (ValueError, ValidationError):
            return None
        return zoneinfo.ZoneInfo(name) if name else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        tz = self.object_time_zone(object_id) if object_id else None
        with timezone.override(tz) if tz else nullcontext():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # inside the time zone, like the form parsing
        return response


class StatusLabelsMixin:
    """The old and new statuses of a history row, with their French labels."""

    status_choices = None  # a TextChoices class

    @admin.display(description=gettext_lazy("ancien statut"), ordering="from_status")
    def from_status_label(self, obj):
        return status_label(self.status_choices, obj.from_status)

    @admin.display(description=gettext_lazy("nouveau statut"), ordering="to_status")
    def to_status_label(self, obj):
        return status_label(self.status_choices, obj.to_status)


class _DryRun(Exception):
    """Raised to roll back a service call made only to validate a form."""


def service_validate(form, call) -> None:
    """Validate `form` by running its service call in a savepoint rolled back at once.

    The rule is checked by the service itself (never copied into the form), its French
    errors land on the form's fields, nothing is written and no e-mail leaves (callbacks
    registered in a rolled-back savepoint are dropped). The admin's change view runs in one
    transaction, so the rows the service locked stay locked until the real call.
    """
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        pass
    except ValidationError as error:
        form_add_service_error(form, error)
    except PermissionDenied as error:
        form.add_error(None, error_text(error))


class ServiceErrorsAdminMixin:
    """A service refusing the real save (a concurrent change beat the form's validation)
    shows its French message on the page again; the change view's transaction rolls back."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ServiceSaveAdminMixin(ServiceErrorsAdminMixin):
    """A ModelAdmin whose change form is saved by a service, never by `obj.save()`.

    Subclasses implement `service_save(request, form, change)`, returning the saved object;
    the form is validated by a dry run of the same call. Should the real call still fail
    (a concurrent change), the error is shown and nothing is saved.
    """

    def service_save(self, request, form, change):
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if not self.errors:
                    service_validate(self, lambda: model_admin.service_save(request, self, change))

        return ServiceForm

    def save_model(self, request, obj, form, change):
        saved = self.service_save(request, form, change)
        obj.pk = saved.pk  # the redirect after "add" needs it
        form.instance = saved

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


# --- actions that call a service on each selected row ---------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif transmis"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=4000,
    )


class RejectionForm(ReasonForm):
    """A refusal: a motive from the list (stored on the event) plus the text sent."""

    field_order = ["reason_code", "reason"]

    def __init__(self, *args, **kwargs):
        from ..models import Event

        super().__init__(*args, **kwargs)
        self.fields["reason_code"] = forms.ChoiceField(
            label=gettext_lazy("Motif du refus"),
            choices=[("", "—"), *Event.RejectionReason.choices],
        )
        self.order_fields(self.field_order)
        self.fields["reason"].label = gettext_lazy("Précisions transmises à l'organisateur")


def reason_form_class(to_status: str) -> type[ReasonForm]:
    from ..models import Event

    return RejectionForm if to_status == Event.Status.REJECTED else ReasonForm


def service_action_run(modeladmin, request, rows, *, service, done_message, **kwargs) -> int:
    """Call `service(<row name>=row, by=user, **kwargs)` on each row; report successes
    (`done_message % {"count": number done}`: an `ngettext_lazy(…, "count")` picks its
    singular or plural) and each failure with its reason.
    Returns the number done."""
    done, failures = 0, []
    for row in rows:
        try:
            service(**{modeladmin.service_argument: row}, by=request.user, **kwargs)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            failures.append(f"« {row} » : {error_text(error)}")
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)
    for failure in failures:
        modeladmin.message_user(request, failure, messages.ERROR)
    return done


def service_action_with_reason(
    modeladmin,
    request,
    rows,
    *,
    service,
    title,
    done_message,
    reason_label=None,
    eligible=None,
    ineligible_message="",
    form_class=ReasonForm,
    template="admin/events/service_reason.html",
    extra_context=None,
):
    """First call asks for the reason; the POST back runs the service on each row.

    Rows the action cannot apply to (`eligible` says no) are reported at once and left
    out, so that nobody types a reason only to be refused.
    """
    if eligible is not None:
        refused = [row for row in rows if not eligible(row)]
        rows = [row for row in rows if eligible(row)]
        for row in refused:
            modeladmin.message_user(request, f"« {row} » : {ineligible_message}", messages.ERROR)
        if not rows:
            return None
    form = form_class(request.POST if "apply" in request.POST else None)
    if reason_label and form_class is ReasonForm:
        form.fields["reason"].label = reason_label
    if form.is_bound and form.is_valid():
        service_action_run(
            modeladmin,
            request,
            rows,
            service=service,
            done_message=done_message,
            **form.cleaned_data,
        )
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "rows": rows,
        "opts": opts,
        "changelist_url": f"admin:{opts.app_label}_{opts.model_name}_changelist",
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        **(extra_context or {}),
    }
    return TemplateResponse(request, template, context)
