"""The moderation queue at /admin/moderation/: the submitted events of my académies, oldest
first, with their wait in working days, their labelling checklist and the moderation
actions (one event from its buttons, several at once with the checkboxes) — each one the
changelist action of `moderation`, hence a call to the moderation services."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academies.admin import ROLE_NONE, staff_role
from academies.models import Department
from academies.roles import staff_scope_queryset

from ..models import ActionType, Edition, Event, Theme
from ..rules.editions import edition_current
from ..rules.working_days import MODERATION_TARGET_DAYS
from ..selectors.moderation import (
    QueueFilters,
    moderated_academy_ids,
    moderation_queue,
    moderation_queue_rows,
)
from .moderation import MODERATION_ACTIONS, MODERATION_LABELS, moderation_buttons

Status = Event.Status
QUEUE_ACTIONS = [Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.REJECTED]
PAGE_SIZE = 50


class QueueFilterForm(forms.Form):
    edition = forms.ModelChoiceField(
        Edition.objects.all(), required=False, label=gettext_lazy("Édition")
    )
    action_type = forms.ModelChoiceField(
        ActionType.objects.all(), required=False, label=gettext_lazy("Type d'action")
    )
    theme = forms.ModelChoiceField(
        Theme.objects.all(), required=False, label=gettext_lazy("Thématique")
    )
    department = forms.ModelChoiceField(
        Department.objects.none(), required=False, label=gettext_lazy("Département")
    )
    organizer = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Organisateur"),
        help_text=gettext_lazy("Nom, SIRET ou UAI"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = staff_scope_queryset(
            user=user,
            queryset=Department.objects.order_by("code"),
            academy_lookups=("academy",),
        )
        # « Toutes » for the feminine nouns (édition, thématique), « Tous » for the others
        for name, empty in (
            ("edition", _("Toutes")),
            ("action_type", _("Tous")),
            ("theme", _("Toutes")),
            ("department", _("Tous")),
        ):
            self.fields[name].empty_label = empty

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        return QueueFilters(
            edition_id=data["edition"].pk if data["edition"] else None,
            action_type_id=data["action_type"].pk if data["action_type"] else None,
            theme_id=data["theme"].pk if data["theme"] else None,
            department_id=data["department"].pk if data["department"] else None,
            organizer=data["organizer"] or "",
        )


def moderation_queue_view(request, *, admin_site):
    """GET: the queue; POST: a moderation action on the checked events."""
    event_admin = admin_site._registry[Event]
    if staff_role(request) == ROLE_NONE or not event_admin.has_view_permission(request):
        raise PermissionDenied
    queue_url = request.get_full_path()
    if request.method == "POST":
        return _run_action(request, event_admin, queue_url)

    data = request.GET.copy()
    if "edition" not in data:
        current = edition_current()
        data["edition"] = str(current.pk) if current else ""
    form = QueueFilterForm(data, user=request.user)
    events = moderation_queue(user=request.user, filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    moderated = moderated_academy_ids(user=request.user)
    rows = moderation_queue_rows(page.object_list)
    for row in rows:
        row.buttons = moderation_buttons(
            event=row.event,
            user=request.user,
            moderates=moderated is None or row.event.academy_id in moderated,
        )
    context = {
        **admin_site.each_context(request),
        "title": _("File de modération"),
        "subtitle": None,
        "opts": Event._meta,
        "form": form,
        "page": page,
        "rows": rows,
        "target_days": MODERATION_TARGET_DAYS,
        "overdue_count": sum(row.overdue for row in rows),
        "actions": [
            (MODERATION_ACTIONS[s].__name__, MODERATION_LABELS[s][0]) for s in QUEUE_ACTIONS
        ],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "queue_path": queue_url,
        "query_without_page": _query_without_page(request),
        "attachments_pending": _attachment_requests_pending(request, admin_site),
    }
    return TemplateResponse(request, "admin/events/moderation_queue.html", context)


def _attachment_requests_pending(request, admin_site) -> int | None:
    """Attachment requests the staff member may confirm (teachers without an academic
    address, organizers joining a company), counted in their scope; None without access."""
    from academies.models import AttachmentRequest

    attachment_admin = admin_site._registry.get(AttachmentRequest)
    if attachment_admin is None or not attachment_admin.has_view_permission(request):
        return None
    pending = attachment_admin.get_queryset(request).filter(status=AttachmentRequest.Status.PENDING)
    return pending.count()


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _run_action(request, event_admin, queue_url):
    """The changelist's moderation action, on the checked events of the user's queue."""
    names = {MODERATION_ACTIONS[s].__name__: MODERATION_ACTIONS[s] for s in QUEUE_ACTIONS}
    action = names.get(request.POST.get("action", ""))
    selected = [pk for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME) if pk.isdigit()]
    if action is None or not selected:
        event_admin.message_user(
            request,
            _("Cochez au moins un événement et choisissez une action."),
            messages.WARNING,
        )
        return HttpResponseRedirect(queue_url)
    queryset = event_admin.get_queryset(request).filter(pk__in=selected)
    request.moderation_extra_context = {"cancel_url": queue_url}
    response = action(event_admin, request, queryset)
    return response or HttpResponseRedirect(queue_url)


def moderation_queue_url() -> str:
    return reverse("admin:moderation_queue")
