"""Events in the back office: académie staff see their académie's events, edit their
description (`event_save`), their sessions (the session services) and moderate them (the
transitions their status allows, `moderation`)."""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from academies.admin import (
    ADD,
    CHANGE,
    ROLE_NATIONAL,
    VIEW,
    ScopedRelatedFieldListFilter,
    StaffScopedAdmin,
    staff_role,
)
from academies.resources import EXPORT_FORMATS
from semaine.queries import subquery_count, subquery_sum

from ..labelling import event_labelling_criteria
from ..models import ClassRegistration, Event, Session
from ..resources import EventResource
from ..rules.capacity import SEAT_HOLDING_STATUS
from ..rules.editions import edition_current
from ..services.events import M2M_FIELDS, event_save
from .common import LocalTimeMixin, ServiceErrorsAdminMixin
from .history import EventStatusChangeInline
from .moderation import (
    ACTION_NAMES,
    MODERATION_ACTIONS,
    moderation_actions_for,
    moderation_buttons,
    moderation_view,
)
from .sessions import SessionInline


class ClassesFilter(admin.BooleanFieldListFilter):
    """« Par accueille des classes sur inscription » reads badly: a noun instead."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("inscription des classes")


class EmptyNamedRelatedFilter(admin.RelatedFieldListFilter):
    """The choice « none of them » named (« Sans thématique ») rather than Django's « - »."""

    empty_label = ""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = self.empty_label


class ThemeFilter(EmptyNamedRelatedFilter):
    empty_label = _("Sans thématique")


class ActionTypeFilter(EmptyNamedRelatedFilter):
    empty_label = _("Sans type d'action")


@admin.register(Event)
class EventAdmin(ServiceErrorsAdminMixin, LocalTimeMixin, ExportMixin, StaffScopedAdmin):
    service_argument = "event"
    resource_classes = [EventResource]
    export_formats = EXPORT_FORMATS
    to_encoding = "utf-8-sig"
    academy_lookups = ("academy",)
    academy_staff_actions = frozenset({VIEW, ADD, CHANGE})
    time_zone_lookup = "academy__time_zone"

    list_display = [
        "title",
        "edition",
        "status",
        "academy",
        "organizer",
        "sessions_count",
        "confirmed_students",
    ]  # the creation date: the date drill-down above the list, and the default order
    list_select_related = ["edition", "academy", "department", "company", "school"]
    list_filter = [
        "edition",
        "status",
        ("academy", ScopedRelatedFieldListFilter),
        "format",
        "organizer_kind",
        ("accepts_class_registrations", ClassesFilter),
        ("themes", ThemeFilter),
        ("action_types", ActionTypeFilter),
    ]
    search_fields = [
        "title",
        "organizer_name",
        "company__name",
        "^company__siret",
        "school__name",
        "^school__uai",
        "city",
        "^postcode",
    ]
    search_help_text = _("Titre, organisateur, SIRET, UAI, commune ou code postal")
    date_hierarchy = "created_at"
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    autocomplete_fields = ["company", "school", "department", "created_by"]
    filter_horizontal = ["action_types", "themes", "audiences"]
    inlines = [SessionInline, EventStatusChangeInline]
    actions = list(MODERATION_ACTIONS.values())
    readonly_fields = [
        "academy",
        "status",
        "moderation_message",
        "labelling_criteria",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
    ]
    fieldsets = [
        (None, {"fields": ["edition", "title", "slug", "summary", "description"]}),
        (
            _("Organisateur"),
            {
                "fields": [
                    "organizer_kind",
                    "company",
                    "school",
                    "organizer_name",
                    "created_by",
                    ("contact_name", "contact_email", "contact_phone"),
                ]
            },
        ),
        (
            _("Lieu"),
            {
                "fields": [
                    "format",
                    "department",
                    "academy",
                    "address",
                    ("postcode", "city", "city_code"),
                    ("latitude", "longitude"),
                    "online_url",
                ]
            },
        ),
        (_("Contenu"), {"fields": ["action_types", "themes", "audiences"]}),
        (
            _("Accueil"),
            {
                "fields": [
                    "is_free",
                    "is_accessible",
                    "accessibility_details",
                    "accepts_class_registrations",
                    "registration_mode",
                ]
            },
        ),
        (
            _("Labellisation"),
            {
                "description": _(
                    "Le statut change par les actions de modération, qui l'inscrivent "
                    "dans l'historique et préviennent l'organisateur."
                ),
                "fields": [
                    "status",
                    "moderation_message",
                    "labelling_criteria",
                    ("created_at", "updated_at"),
                    ("submitted_at", "published_at"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("edition", "academy", "department", "company", "school")
            .annotate(
                sessions_count=subquery_count(Session.objects.all(), to="event"),
                confirmed_students=subquery_sum(
                    ClassRegistration.objects.filter(status=SEAT_HOLDING_STATUS),
                    to="session__event",
                    field="students",
                ),
            )
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if staff_role(request) != ROLE_NATIONAL and "academy" in list_display:
            # one académie or two: the département says more, in the same width
            list_display[list_display.index("academy")] = "department"
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if staff_role(request) != ROLE_NATIONAL:
            # a handful of départements: worth a filter for académie staff
            list_filter.insert(3, ("department", ScopedRelatedFieldListFilter))
        return list_filter

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if staff_role(request) != ROLE_NATIONAL:
            readonly.append("created_by")  # picking any user is national staff's business
        return readonly

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "edition" not in initial:
            current = edition_current()
            initial["edition"] = current.pk if current else None
        return initial

    def save_model(self, request, obj, form, change):
        relations = {
            name: form.cleaned_data[name] for name in M2M_FIELDS if name in form.cleaned_data
        }
        event_save(event=obj, by=request.user, **relations)

    def save_related(self, request, form, formsets, change):
        # the relations were saved by event_save; the sessions by their services
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        wanted = set(moderation_actions_for(request.GET.get("status__exact")))
        for name in [name for name in actions if name in ACTION_NAMES.values()]:
            if name not in wanted:
                del actions[name]
        return actions

    def get_urls(self):
        moderate = self.admin_site.admin_view(
            lambda request, object_id, to_status: moderation_view(
                self, request, object_id, to_status
            )
        )
        return [
            path(
                "<path:object_id>/moderation/<str:to_status>/",
                moderate,
                name="events_event_moderate",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # what the buttons need, without the changelist's annotations and prefetches
        event = (
            self.scope_queryset(request, Event.objects.filter(pk=object_id))
            .only("pk", "status", "academy_id")
            .first()
            if object_id.isdigit()
            else None
        )
        buttons = moderation_buttons(event=event, user=request.user) if event else []
        extra_context = {**(extra_context or {}), "moderation_buttons": buttons}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("organisateur"))
    def organizer(self, obj):
        return obj.organizer_display

    @admin.display(description=_("créneaux"), ordering="sessions_count")
    def sessions_count(self, obj):
        return obj.sessions_count

    @admin.display(description=_("élèves inscrits"), ordering="confirmed_students")
    def confirmed_students(self, obj):
        return obj.confirmed_students

    @admin.display(description=_("critères de labellisation"))
    def labelling_criteria(self, obj):
        if obj.pk is None:
            return "—"
        met, unmet = _("Rempli"), _("Non rempli")
        return format_html_join(
            "",
            '<div><strong>{}</strong> : {} <span class="help">{}</span></div>',
            (
                (met if criterion.met else unmet, criterion.label, criterion.detail)
                for criterion in event_labelling_criteria(event=obj)
            ),
        )
