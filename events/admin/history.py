"""The append-only histories: visible to whoever sees the parent, changeable by nobody."""

from django.contrib import admin
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from academies.admin import VIEW, ScopedRelatedFieldListFilter, StaffRoleMixin, StaffScopedAdmin

from ..models import ClassRegistration, Event, EventStatusChange, RegistrationStatusChange
from .common import StatusLabelsMixin


def person_short_name(user) -> str:
    """« Claire M. »; the e-mail address when the account has no name; « le système »."""
    if user is None:
        return gettext("le système")
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last:
        return f"{first} {last[0].upper()}."
    return first or last or user.email


def moment_french(moment, tz=None) -> str:
    """« 3 nov. à 10 h 12 » (« Nov. 3 at 10:12 a.m. » in English), the year added when it is
    not this year's. The formats are Django date formats, translated."""
    local = timezone.localtime(moment, tz)
    same_year = local.year == timezone.localtime(timezone.now(), tz).year
    if same_year:
        pattern = pgettext("date format: day and time", r"j N à G \h i")
    else:
        pattern = pgettext("date format: day, year and time", r"j N Y à G \h i")
    return dateformat.format(local, pattern)


def status_change_sentence(change, tz=None) -> str:
    """« Soumis à labellisation → Labellisé et publié, par Claire M., le 3 nov. à 10 h 12 :
    motif », in the active language and the given zone (the event's académie's)."""
    sentence = gettext("%(change)s, par %(person)s, le %(moment)s") % {
        "change": str(change),
        "person": person_short_name(change.by),
        "moment": moment_french(change.at, tz),
    }
    reason = (change.reason or "").strip()
    return f"{sentence} : {reason}" if reason else sentence


class StatusChangeInline(StatusLabelsMixin, StaffRoleMixin, admin.TabularInline):
    """A history as the services wrote it: read-only, one French sentence a row."""

    verbose_name_plural = _("historique des statuts")
    template = "admin/events/history_inline.html"
    fields = ["sentence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    read_only = True
    academy_staff_actions = frozenset({VIEW})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=_("changement"))
    def sentence(self, obj):
        # the change page runs in the académie's zone (LocalTimeMixin)
        return status_change_sentence(obj)


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
    ordering = ["-at", "-pk"]  # the latest changes first
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table


@admin.register(EventStatusChange)
class EventStatusChangeAdmin(StatusChangeAdmin):
    status_choices = Event.Status
    academy_lookups = ("event__academy",)
    list_display = ["sentence", "event"]
    list_select_related = ["event__academy", "by"]
    list_filter = [EventStatusFilter, ("event__academy", ScopedRelatedFieldListFilter)]
    search_fields = ["event__title", "by__email", "reason"]
    fields = ["event", "sentence", "at", "by", "from_status_label", "to_status_label", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event__academy", "by")

    @admin.display(description=_("changement"), ordering="at")
    def sentence(self, obj):
        return status_change_sentence(obj, obj.event.academy.tzinfo)


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
