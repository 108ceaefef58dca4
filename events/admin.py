"""Back office of the events: reference data, events, sessions, registrations, history.

Scoping and role permissions come from `academies.admin` (StaffScopedAdmin): académie
staff see the events of their académies only, and everything hanging from them.

Statuses are read-only here: every transition is a service call (`events.services`)
that is checked, logged in the append-only history and notified by e-mail.
"""

import zoneinfo
from contextlib import nullcontext

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from academies.admin import (
    ADD,
    ALL_ACTIONS,
    CHANGE,
    ROLE_NATIONAL,
    VIEW,
    ReferenceDataAdmin,
    ScopedRelatedFieldListFilter,
    StaffRoleMixin,
    StaffScopedAdmin,
    staff_role,
)
from academies.resources import TolerantCSV
from semaine.queries import subquery_count, subquery_sum

from .admin_moderation import MODERATION_ACTIONS
from .cache import public_cache_invalidate
from .labelling import event_labelling_criteria
from .models import (
    ActionType,
    Audience,
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
    Theme,
)
from .resources import EventResource

Status = ClassRegistration.Status


def _status_label(choices, value: str) -> str:
    if not value:
        return "—"
    try:
        return choices(value).label
    except ValueError:
        return value


def _confirmed_students():
    return subquery_sum(
        ClassRegistration.objects.filter(status=Status.CONFIRMED), to="session", field="students"
    )


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


# --- reference data -----------------------------------------------------------------------


@admin.register(Edition)
class EditionAdmin(ReferenceDataAdmin):
    list_display = [
        "year",
        "headline_theme",
        "starts_on",
        "ends_on",
        "window_starts_on",
        "window_ends_on",
        "labelling_deadline",
        "is_current",
        "events_count",
    ]
    list_filter = ["is_current"]
    search_fields = ["year__exact", "headline_theme"]
    filter_horizontal = ["focus_themes"]
    fieldsets = [
        (None, {"fields": ["year", "headline_theme", "is_current"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("starts_on", "ends_on"),
                    ("window_starts_on", "window_ends_on"),
                    "labelling_deadline",
                ]
            },
        ),
        (_("Thématiques"), {"fields": ["focus_themes"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(events_count=subquery_count(Event.objects.all(), to="edition"))
        )

    @admin.display(description=_("événements"), ordering="events_count")
    def events_count(self, obj):
        return obj.events_count


class OrderedReferenceAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_display_links = ["name"]
    list_editable = ["position"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(OrderedReferenceAdmin):
    pass


@admin.register(ActionType)
class ActionTypeAdmin(OrderedReferenceAdmin):
    pass


@admin.register(Audience)
class AudienceAdmin(OrderedReferenceAdmin):
    list_display = ["name", "slug", "position", "is_active", "is_school_audience"]
    list_filter = ["is_active", "is_school_audience"]


# --- events -------------------------------------------------------------------------------


class SessionInline(StaffRoleMixin, admin.TabularInline):
    model = Session
    verbose_name_plural = _("créneaux (heure locale de l'académie)")
    fields = ["starts_at", "ends_at", "capacity", "note", "confirmed_students"]
    readonly_fields = ["confirmed_students"]
    extra = 0
    show_change_link = True
    academy_staff_actions = ALL_ACTIONS

    def get_queryset(self, request):
        # str(session), shown on each row, reads the event's académie for its time zone
        return (
            super()
            .get_queryset(request)
            .select_related("event__academy")
            .annotate(confirmed_students=_confirmed_students())
        )

    @admin.display(description=_("élèves confirmés"))
    def confirmed_students(self, obj):
        return getattr(obj, "confirmed_students", None) if obj.pk else "—"


class StatusLabelsMixin:
    """The old and new statuses of a history row, with their French labels."""

    status_choices = Event.Status

    @admin.display(description=_("ancien statut"), ordering="from_status")
    def from_status_label(self, obj):
        return _status_label(self.status_choices, obj.from_status)

    @admin.display(description=_("nouveau statut"), ordering="to_status")
    def to_status_label(self, obj):
        return _status_label(self.status_choices, obj.to_status)


class StatusChangeInline(StatusLabelsMixin, StaffRoleMixin, admin.TabularInline):
    """A history as the services wrote it: read-only."""

    verbose_name_plural = _("historique des statuts")
    fields = ["at", "from_status_label", "to_status_label", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    read_only = True
    academy_staff_actions = frozenset({VIEW})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class EventStatusChangeInline(StatusChangeInline):
    model = EventStatusChange


@admin.register(Event)
class EventAdmin(LocalTimeMixin, ExportMixin, StaffScopedAdmin):
    resource_classes = [EventResource]
    formats = [TolerantCSV]
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
        "theme_names",
        "created_at",
    ]
    list_select_related = ["edition", "academy", "department", "company", "school"]
    list_filter = [
        "edition",
        "status",
        ("academy", ScopedRelatedFieldListFilter),
        "format",
        "organizer_kind",
        "accepts_class_registrations",
        "themes",
        "action_types",
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
    actions = MODERATION_ACTIONS
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
            .prefetch_related("themes")
            .annotate(
                sessions_count=subquery_count(Session.objects.all(), to="event"),
                confirmed_students=subquery_sum(
                    ClassRegistration.objects.filter(status=Status.CONFIRMED),
                    to="session__event",
                    field="students",
                ),
            )
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

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
            current = Edition.objects.filter(is_current=True).values_list("pk", flat=True)
            initial["edition"] = current.first()
        return initial

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # A published event edited here (title, sessions…) must not stay stale on public pages.
        transaction.on_commit(public_cache_invalidate)

    @admin.display(description=_("organisateur"))
    def organizer(self, obj):
        return obj.organizer_display

    @admin.display(description=_("créneaux"), ordering="sessions_count")
    def sessions_count(self, obj):
        return obj.sessions_count

    @admin.display(description=_("élèves inscrits"), ordering="confirmed_students")
    def confirmed_students(self, obj):
        return obj.confirmed_students

    @admin.display(description=_("thématiques"))
    def theme_names(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

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


# --- sessions and registrations ---------------------------------------------------------


class ClassRegistrationInline(StaffRoleMixin, admin.TabularInline):
    """The classes of a session, read-only: each registration changes on its own page."""

    model = ClassRegistration
    fields = ["class_name", "school", "teacher", "class_level", "students", "girls", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    read_only = True
    academy_staff_actions = frozenset({VIEW})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("school", "teacher")


@admin.register(Session)
class SessionAdmin(LocalTimeMixin, StaffScopedAdmin):
    academy_lookups = ("event__academy",)
    academy_staff_actions = ALL_ACTIONS
    time_zone_lookup = "event__academy__time_zone"

    list_display = [
        "starts_local",
        "event",
        "event_status",
        "capacity",
        "confirmed_students",
        "fill",
        "active_registrations",
    ]
    list_select_related = ["event__academy"]
    list_filter = [
        "event__edition",
        ("event__academy", ScopedRelatedFieldListFilter),
        "event__status",
    ]
    search_fields = ["event__title", "event__city", "^event__postcode"]
    date_hierarchy = "starts_at"
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    autocomplete_fields = ["event"]
    inlines = [ClassRegistrationInline]
    readonly_fields = [
        "confirmed_students",
        "pending_students",
        "waitlisted_students",
        "places_left",
    ]
    fieldsets = [
        (
            _("Créneau (heure locale de l'académie)"),
            {"fields": ["event", ("starts_at", "ends_at"), "capacity", "note"]},
        ),
        (
            _("Remplissage"),
            {
                "fields": [
                    ("confirmed_students", "places_left"),
                    ("pending_students", "waitlisted_students"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        registrations = ClassRegistration.objects.all()
        return (
            super()
            .get_queryset(request)
            .select_related("event__academy")
            .annotate(
                confirmed_students=_confirmed_students(),
                pending_students=subquery_sum(
                    registrations.filter(status=Status.PENDING), to="session", field="students"
                ),
                waitlisted_students=subquery_sum(
                    registrations.filter(status=Status.WAITLISTED),
                    to="session",
                    field="students",
                ),
                active_registrations=subquery_count(
                    registrations.filter(status__in=ClassRegistration.ACTIVE_STATUSES),
                    to="session",
                ),
            )
        )

    @admin.display(description=_("début (heure locale)"), ordering="starts_at")
    def starts_local(self, obj):
        return f"{timezone.localtime(obj.starts_at, obj.event.tzinfo):%d/%m/%Y %H:%M}"

    @admin.display(description=_("statut de l'événement"), ordering="event__status")
    def event_status(self, obj):
        return obj.event.get_status_display()

    @admin.display(description=_("élèves confirmés"), ordering="confirmed_students")
    def confirmed_students(self, obj):
        return getattr(obj, "confirmed_students", None)

    @admin.display(description=_("élèves en attente de validation"))
    def pending_students(self, obj):
        return getattr(obj, "pending_students", None)

    @admin.display(description=_("élèves sur liste d'attente"))
    def waitlisted_students(self, obj):
        return getattr(obj, "waitlisted_students", None)

    @admin.display(description=_("places restantes"))
    def places_left(self, obj):
        confirmed = getattr(obj, "confirmed_students", None)
        if obj.capacity is None or confirmed is None:
            return _("sans limite") if obj.pk and obj.capacity is None else "—"
        return max(obj.capacity - confirmed, 0)

    @admin.display(description=_("remplissage"))
    def fill(self, obj):
        capacity = obj.capacity if obj.capacity is not None else "∞"
        return f"{obj.confirmed_students} / {capacity}"

    @admin.display(description=_("inscriptions actives"), ordering="active_registrations")
    def active_registrations(self, obj):
        return obj.active_registrations


class RegistrationStatusChangeInline(StatusChangeInline):
    model = RegistrationStatusChange
    status_choices = Status


@admin.register(ClassRegistration)
class ClassRegistrationAdmin(StaffScopedAdmin):
    academy_lookups = ("session__event__academy",)
    academy_staff_actions = frozenset({VIEW, CHANGE})

    list_display = [
        "class_name",
        "school",
        "event",
        "session_start",
        "class_level",
        "students",
        "girls",
        "status",
        "created_at",
    ]
    list_select_related = ["school", "teacher", "session__event__academy"]
    list_filter = [
        "status",
        "class_level",
        "session__event__edition",
        ("session__event__academy", ScopedRelatedFieldListFilter),
    ]
    search_fields = [
        "class_name",
        "^school__uai",
        "school__name",
        "teacher__email",
        "teacher__last_name",
        "session__event__title",
    ]
    date_hierarchy = "created_at"
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    autocomplete_fields = ["session", "school", "teacher"]
    inlines = [RegistrationStatusChangeInline]
    readonly_fields = ["status", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["session", "school", "teacher", ("class_level", "class_name")]}),
        (_("Effectifs"), {"fields": [("students", "girls", "accompanying_adults"), "needs"]}),
        (
            _("Suivi"),
            {
                "description": _(
                    "Le statut change par les actions de l'enseignant ou de l'organisateur, "
                    "qui tiennent compte des places et de la liste d'attente."
                ),
                "fields": ["status", ("created_at", "updated_at")],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("school", "teacher", "session__event__academy")
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if staff_role(request) != ROLE_NATIONAL:
            readonly.append("teacher")
        return readonly

    @admin.display(description=_("événement"), ordering="session__event__title")
    def event(self, obj):
        return obj.session.event

    @admin.display(description=_("créneau (heure locale)"), ordering="session__starts_at")
    def session_start(self, obj):
        session = obj.session
        return f"{timezone.localtime(session.starts_at, session.event.tzinfo):%d/%m/%Y %H:%M}"


# --- the append-only logs -----------------------------------------------------------------


class StatusChangeFilter(admin.SimpleListFilter):
    title = _("nouveau statut")
    parameter_name = "to_status"
    status_choices: list[tuple[str, str]] = []

    def lookups(self, request, model_admin):
        return self.status_choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(to_status=value) if value else queryset


class EventStatusFilter(StatusChangeFilter):
    status_choices = Event.Status.choices


class RegistrationStatusFilter(StatusChangeFilter):
    status_choices = Status.choices


class StatusChangeAdmin(StatusLabelsMixin, StaffScopedAdmin):
    """Append-only: visible to whoever sees the parent, changeable by nobody."""

    read_only = True
    academy_staff_actions = frozenset({VIEW})
    date_hierarchy = "at"
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table


@admin.register(EventStatusChange)
class EventStatusChangeAdmin(StatusChangeAdmin):
    academy_lookups = ("event__academy",)
    list_display = ["at", "event", "from_status_label", "to_status_label", "by", "reason"]
    list_select_related = ["event", "by"]
    list_filter = [EventStatusFilter, ("event__academy", ScopedRelatedFieldListFilter)]
    search_fields = ["event__title", "by__email", "reason"]
    fields = ["event", "at", "by", "from_status_label", "to_status_label", "reason"]
    readonly_fields = fields


@admin.register(RegistrationStatusChange)
class RegistrationStatusChangeAdmin(StatusChangeAdmin):
    academy_lookups = ("registration__session__event__academy",)
    status_choices = Status
    list_display = [
        "at",
        "registration",
        "event",
        "from_status_label",
        "to_status_label",
        "by",
        "reason",
    ]
    list_select_related = ["registration__school", "registration__session__event", "by"]
    list_filter = [
        RegistrationStatusFilter,
        ("registration__session__event__academy", ScopedRelatedFieldListFilter),
    ]
    search_fields = [
        "registration__class_name",
        "^registration__school__uai",
        "registration__session__event__title",
        "by__email",
    ]
    fields = ["registration", "at", "by", "from_status_label", "to_status_label", "reason"]
    readonly_fields = fields

    @admin.display(description=_("événement"), ordering="registration__session__event__title")
    def event(self, obj):
        return obj.registration.session.event
