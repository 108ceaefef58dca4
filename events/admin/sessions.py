"""Sessions in the back office: every change goes through `events.services.sessions`, so a
capacity never falls below the confirmed students and a raised one serves the waiting list."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from academies.admin import (
    ALL_ACTIONS,
    VIEW,
    ScopedRelatedFieldListFilter,
    StaffRoleMixin,
    StaffScopedAdmin,
)
from academies.resources import EXPORT_FORMATS
from semaine.queries import subquery_count, subquery_sum

from ..models import ClassRegistration, Session
from ..resources import SessionResource
from ..rules.capacity import confirmed_students_expression, places_left
from ..services.sessions import SESSION_FIELDS, session_create, session_delete, session_update
from .common import LocalTimeMixin, ServiceSaveAdminMixin, service_validate

Status = ClassRegistration.Status


def session_save(*, request, form, event=None):
    """Create or update the session of `form` through the services (admin page or inline)."""
    if form.instance.pk is None:
        data = {field: form.cleaned_data.get(field) for field in SESSION_FIELDS}
        return session_create(event=event or form.cleaned_data["event"], by=request.user, **data)
    changes = {
        field: form.cleaned_data[field] for field in form.changed_data if field in SESSION_FIELDS
    }
    original = Session.objects.get(pk=form.instance.pk)
    return session_update(session=original, by=request.user, **changes)


class SessionInlineFormSet(BaseInlineFormSet):
    """The event page's session table, validated and saved by the session services."""

    def clean(self):
        super().clean()
        request = self.request
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            if self._should_delete_form(form):
                if form.instance.pk:
                    service_validate(
                        form,
                        lambda form=form: session_delete(session=form.instance, by=request.user),
                    )
                    if form.errors:
                        # a deleted form's errors are ignored by the formset: raise them
                        raise ValidationError(form.non_field_errors())
            elif form.has_changed() and not form.errors and self.instance.pk:
                service_validate(
                    form,
                    lambda form=form: session_save(request=request, form=form, event=self.instance),
                )

    def save(self, commit=True):
        # What the admin's change message reads (Django's BaseModelFormSet.save sets them).
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self._should_delete_form(form):
                if form.instance.pk:
                    session_delete(session=form.instance, by=self.request.user)
                    self.deleted_objects.append(form.instance)
            elif form.has_changed():
                created = form.instance.pk is None
                session = session_save(request=self.request, form=form, event=self.instance)
                if created:
                    self.new_objects.append(session)
                else:
                    self.changed_objects.append((session, form.changed_data))
        return self.new_objects + [session for session, _fields in self.changed_objects]


class SessionInline(StaffRoleMixin, admin.TabularInline):
    model = Session
    formset = SessionInlineFormSet
    verbose_name_plural = _("créneaux (heure locale de l'académie)")
    fields = ["starts_at", "ends_at", "capacity", "note", "confirmed_students"]
    readonly_fields = ["confirmed_students"]
    extra = 0
    show_change_link = True
    academy_staff_actions = ALL_ACTIONS

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def get_queryset(self, request):
        # str(session), shown on each row, reads the event's académie for its time zone
        return (
            super()
            .get_queryset(request)
            .select_related("event__academy")
            .annotate(confirmed_students=confirmed_students_expression())
        )

    @admin.display(description=_("élèves confirmés"))
    def confirmed_students(self, obj):
        return getattr(obj, "confirmed_students", None) if obj.pk else "—"


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
class SessionAdmin(ServiceSaveAdminMixin, LocalTimeMixin, ExportMixin, StaffScopedAdmin):
    resource_classes = [SessionResource]
    export_formats = EXPORT_FORMATS
    to_encoding = "utf-8-sig"
    academy_lookups = ("event__academy",)
    academy_staff_actions = ALL_ACTIONS
    time_zone_lookup = "event__academy__time_zone"

    list_display = [
        "starts_local",
        "event",
        "event_status",
        "fill",  # confirmed students / capacity, in one column
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
    ordering = ["-starts_at", "-pk"]  # the latest sessions first
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
                stored_capacity=F("capacity"),  # the saved value, whatever a refused form typed
                confirmed_students=confirmed_students_expression(),
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

    def has_export_permission(self, request):
        return self.has_view_permission(request)  # the rows they see, scoped to their académies

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("event")  # a session belongs to its event for good
        return readonly

    def service_save(self, request, form, change):
        return session_save(request=request, form=form)

    def delete_model(self, request, obj):
        session_delete(session=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for session in queryset:
            session_delete(session=session, by=request.user)

    @admin.display(description=_("début (heure locale)"), ordering="starts_at")
    def starts_local(self, obj):
        return f"{timezone.localtime(obj.starts_at, obj.event.tzinfo):%d/%m/%Y %H:%M}"

    @admin.display(description=_("statut de l'événement"), ordering="event__status")
    def event_status(self, obj):
        return obj.event.get_status_display()

    @admin.display(description=_("élèves confirmés"), ordering="confirmed_students")
    def confirmed_students(self, obj):
        return getattr(obj, "confirmed_students", None) if obj.pk else "—"

    @admin.display(description=_("élèves en attente de validation"))
    def pending_students(self, obj):
        return getattr(obj, "pending_students", None) if obj.pk else "—"

    @admin.display(description=_("élèves sur liste d'attente"))
    def waitlisted_students(self, obj):
        return getattr(obj, "waitlisted_students", None) if obj.pk else "—"

    @admin.display(description=_("places restantes"))
    def places_left(self, obj):
        confirmed = getattr(obj, "confirmed_students", None)
        capacity = getattr(obj, "stored_capacity", obj.capacity)
        if obj.pk and capacity is None:
            return _("sans limite")
        if confirmed is None:
            return "—"
        return places_left(capacity=capacity, confirmed=confirmed)

    @admin.display(description=_("remplissage"))
    def fill(self, obj):
        capacity = obj.capacity if obj.capacity is not None else "∞"
        return f"{obj.confirmed_students} / {capacity}"

    @admin.display(description=_("inscriptions actives"), ordering="active_registrations")
    def active_registrations(self, obj):
        return obj.active_registrations
