"""Class registrations in the back office: academy staff change, approve, decline or cancel
them, always through `events.services.registrations` (seats, waiting list, history, e-mail).
A class is never added here: teachers register their classes themselves."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from import_export.admin import ExportMixin

from academies.admin import (
    CHANGE,
    VIEW,
    ScopedRelatedFieldListFilter,
    StaffScopedAdmin,
)
from academies.resources import EXPORT_FORMATS

from ..models import ClassRegistration, Session
from ..resources import ClassRegistrationResource
from ..rules.transitions import registration_may_move
from ..services.registrations import (
    EDITABLE_FIELDS,
    registration_approve,
    registration_cancel,
    registration_decline,
    registration_update,
)
from .common import ServiceSaveAdminMixin, service_action_run, service_action_with_reason
from .history import RegistrationStatusChangeInline

Status = ClassRegistration.Status


def registration_actions(registration: ClassRegistration) -> list[tuple[str, str]]:
    """The list's actions this registration's status allows, as (action name, button label):
    its change page offers them as buttons, which run the same actions."""
    status = registration.status
    buttons = []
    if status == Status.PENDING:
        buttons.append(("approve_registrations", _("Valider la demande")))
    if registration_may_move(from_status=status, to_status=Status.DECLINED):
        buttons.append(("decline_registrations", _("Refuser la demande")))
    if registration_may_move(from_status=status, to_status=Status.CANCELLED):
        buttons.append(("cancel_registrations", _("Annuler l'inscription")))
    return buttons


@admin.action(
    description=gettext_lazy("Valider les demandes sélectionnées"), permissions=["change"]
)
def approve_registrations(modeladmin, request, queryset):
    # in the order the classes asked, whatever the list's order: seats are first-come
    rows = list(queryset.order_by("created_at", "pk"))
    done = service_action_run(
        modeladmin,
        request,
        rows,
        service=registration_approve,
        done_message=ngettext_lazy(
            "%(count)s demande validée.", "%(count)s demandes validées.", "count"
        ),
    )
    if done:
        # Approving does not make seats: say which classes had to wait.
        waiting = ClassRegistration.objects.filter(
            pk__in=[row.pk for row in rows], status=Status.WAITLISTED
        ).select_related("school")
        for registration in waiting:
            modeladmin.message_user(
                request,
                _(
                    "« %(name)s » (%(students)s élèves) ne tient pas dans les places restantes : "
                    "elle est sur liste d'attente, et son enseignant en est informé."
                )
                % {"name": registration, "students": registration.students},
                messages.WARNING,
            )


@admin.action(
    description=gettext_lazy("Refuser les demandes sélectionnées"), permissions=["change"]
)
def decline_registrations(modeladmin, request, queryset):
    return service_action_with_reason(
        modeladmin,
        request,
        list(queryset),
        eligible=lambda registration: registration.status in (Status.PENDING, Status.WAITLISTED),
        ineligible_message=_("seule une demande en attente peut être refusée."),
        service=registration_decline,
        title=_("Refuser des demandes d'inscription"),
        done_message=ngettext_lazy(
            "%(count)s demande refusée ; l'enseignant est prévenu.",
            "%(count)s demandes refusées ; les enseignants sont prévenus.",
            "count",
        ),
        reason_label=_("Motif transmis à l'enseignant"),
    )


@admin.action(
    description=gettext_lazy("Annuler les inscriptions sélectionnées"), permissions=["change"]
)
def cancel_registrations(modeladmin, request, queryset):
    # the waiting and pending classes first: a seat freed by a confirmed class then never
    # goes, for an instant, to a class of the same selection
    rows = sorted(queryset, key=lambda registration: registration.status == Status.CONFIRMED)
    return service_action_with_reason(
        modeladmin,
        request,
        rows,
        eligible=lambda registration: registration.is_active,
        ineligible_message=_("cette inscription est déjà annulée ou refusée."),
        service=registration_cancel,
        title=_("Annuler des inscriptions"),
        done_message=ngettext_lazy(
            "%(count)s inscription annulée ; l'enseignant est prévenu.",
            "%(count)s inscriptions annulées ; les enseignants sont prévenus.",
            "count",
        ),
        reason_label=_("Motif transmis à l'enseignant"),
    )


@admin.register(ClassRegistration)
class ClassRegistrationAdmin(ServiceSaveAdminMixin, ExportMixin, StaffScopedAdmin):
    resource_classes = [ClassRegistrationResource]
    export_formats = EXPORT_FORMATS
    to_encoding = "utf-8-sig"
    academy_lookups = ("event__academy",)
    academy_staff_actions = frozenset({VIEW, CHANGE})
    national_staff_actions = frozenset({VIEW, CHANGE})  # classes are registered by teachers
    service_argument = "registration"
    actions = [approve_registrations, decline_registrations, cancel_registrations]

    list_display = [
        "class_name",
        "school",
        "event",
        "session_start",
        "class_level",
        "students",
        "girls",
        "status",
    ]  # the request date: the date drill-down and the default order
    list_select_related = ["school", "teacher", "session", "event__academy"]
    list_filter = [
        "status",
        "class_level",
        "event__edition",
        ("event__academy", ScopedRelatedFieldListFilter),
    ]
    search_fields = [
        "class_name",
        "^school__uai",
        "school__name",
        "teacher__email",
        "teacher__last_name",
        "event__title",
    ]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]  # the latest requests first
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    inlines = [RegistrationStatusChangeInline]
    readonly_fields = ["school", "teacher", "status", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["session", "school", "teacher", ("class_level", "class_name")]}),
        (_("Effectifs"), {"fields": [("students", "girls", "accompanying_adults"), "needs"]}),
        (
            _("Suivi"),
            {
                "description": _(
                    "Le statut change par les boutons en haut de cette page ou les actions de "
                    "la liste (valider, refuser, annuler), ou par l'enseignant ; un effectif ou "
                    "un créneau modifié ici est vérifié contre les places restantes, et les "
                    "places libérées vont à la liste d'attente."
                ),
                "fields": ["status", ("created_at", "updated_at")],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("school", "teacher", "session", "event__academy")
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)  # the rows they see, scoped to their académies

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a registration is cancelled, never deleted: statistics keep it

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "session" and field is not None:
            # moving a class to another session, yes; adding, editing or deleting a
            # session from a registration's page, no (the icons beside the list)
            for attribute in ("can_add_related", "can_change_related", "can_delete_related"):
                setattr(field.widget, attribute, False)
        return field

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if db_field.name == "session" and (
            object_id := request.resolver_match.kwargs.get("object_id")
        ):
            # another session of the same event only
            event_id = ClassRegistration.objects.filter(pk=object_id).values("session__event_id")
            queryset = (
                (queryset if queryset is not None else Session.objects.all())
                .filter(event_id__in=event_id)
                .select_related("event__academy")
            )
        return queryset

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.is_active:
            readonly += [field for field in EDITABLE_FIELDS if field not in readonly]
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, unquote(object_id))  # None for junk ids
        actions = []
        if registration is not None and self.has_change_permission(request, registration):
            actions = registration_actions(registration)
        extra_context = {**(extra_context or {}), "registration_actions": actions}
        return super().change_view(request, object_id, form_url, extra_context)

    def service_save(self, request, form, change):
        changes = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in EDITABLE_FIELDS
        }
        original = ClassRegistration.objects.get(pk=form.instance.pk)
        return registration_update(registration=original, by=request.user, **changes)

    @admin.display(
        description=gettext_lazy("créneau (heure locale)"), ordering="session__starts_at"
    )
    def session_start(self, obj):
        return f"{timezone.localtime(obj.session.starts_at, obj.event.tzinfo):%d/%m/%Y %H:%M}"
