"""The append-only histories: visible to whoever sees the parent, changeable by nobody."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from academies.admin import VIEW, ScopedRelatedFieldListFilter, StaffRoleMixin, StaffScopedAdmin

from ..models import ClassRegistration, Event, EventStatusChange, RegistrationStatusChange
from .common import StatusLabelsMixin


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
    status_choices = Event.Status


class RegistrationStatusChangeInline(StatusChangeInline):
    model = RegistrationStatusChange
    status_choices = ClassRegistration.Status


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
    status_choices = ClassRegistration.Status.choices


class StatusChangeAdmin(StatusLabelsMixin, StaffScopedAdmin):
    """Append-only: visible to whoever sees the parent, changeable by nobody."""

    read_only = True
    academy_staff_actions = frozenset({VIEW})
    date_hierarchy = "at"
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table


@admin.register(EventStatusChange)
class EventStatusChangeAdmin(StatusChangeAdmin):
    status_choices = Event.Status
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
    status_choices = ClassRegistration.Status
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
