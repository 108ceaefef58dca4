"""Back office of the territory: reference data, schools, companies, roles, partnerships.

Also home of the mixins every admin of the project shares (`events.admin` uses them):

- `StaffRoleMixin`: what a back-office user may do comes from Django permissions *and*
  from their role. National staff (and superusers) may do everything; académie staff
  get the actions listed in `academy_staff_actions` without needing a group; reference
  data is view-only for anyone who is not national staff; `read_only` admins (the
  append-only logs) refuse every change, even to superusers.
- `StaffScopedAdmin`: rows are limited to the user's académies through
  `academy_lookups` (see `academies.roles.staff_scope_queryset`), and so are the
  choices of foreign keys pointing to scoped models.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin

from semaine.queries import subquery_count

from .admin_wording import FrenchWordingMixin
from .models import (
    Academy,
    AcademyStaff,
    Company,
    CompanyMembership,
    Department,
    Partnership,
    RegionAcademique,
    School,
    SchoolMembership,
)
from .resources import EXPORT_FORMATS, CompanyResource, SchoolResource, TolerantCSV
from .roles import academies_for_staff, staff_is_national, staff_scope_queryset
from .selectors import companies_to_contact
from .validators import siret_normalize

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL_ACTIONS = frozenset({VIEW, ADD, CHANGE, DELETE})
ROLE_NATIONAL, ROLE_ACADEMY, ROLE_NONE = "national", "academy", "none"


# --- roles and scoping ------------------------------------------------------------------


def staff_role(request) -> str:
    """The back-office role of the request's user, computed once per request."""
    role = getattr(request, "_semaine_staff_role", None)
    if role is None:
        user = request.user
        if not (user.is_active and user.is_staff):
            role = ROLE_NONE
        elif staff_is_national(user=user):
            role = ROLE_NATIONAL
        elif academies_for_staff(user=user).exists():
            role = ROLE_ACADEMY
        else:
            role = ROLE_NONE
        request._semaine_staff_role = role
    return role


class StaffRoleMixin:
    """Permissions from roles, on top of Django's; for ModelAdmin and InlineModelAdmin."""

    #: actions national staff may take without a Django permission
    national_staff_actions: frozenset[str] = ALL_ACTIONS
    #: actions académie staff may take without a Django permission
    academy_staff_actions: frozenset[str] = frozenset()
    #: national reference data: view only for anyone but national staff
    reference_data = False
    #: append-only data: nobody adds, changes or deletes, not even a superuser
    read_only = False

    def role_allows(self, request, action: str) -> bool:
        role = staff_role(request)
        if role == ROLE_NATIONAL:
            return action in self.national_staff_actions
        if role == ROLE_ACADEMY:
            return action in self.academy_staff_actions
        return False

    def _permitted(self, request, action: str, granted: bool) -> bool:
        if action != VIEW:
            if self.read_only:
                return False
            if self.reference_data and staff_role(request) != ROLE_NATIONAL:
                return False
        return granted or self.role_allows(request, action)

    def has_view_permission(self, request, obj=None):
        return self._permitted(request, VIEW, super().has_view_permission(request, obj))

    def has_add_permission(self, request, *args, **kwargs):
        granted = super().has_add_permission(request, *args, **kwargs)
        return self._permitted(request, ADD, granted)

    def has_change_permission(self, request, obj=None):
        return self._permitted(request, CHANGE, super().has_change_permission(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self._permitted(request, DELETE, super().has_delete_permission(request, obj))

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self.role_allows(request, VIEW)

    def get_field_queryset(self, db, db_field, request):
        """Choices of a relation to a scoped model: only the rows the user may see."""
        queryset = super().get_field_queryset(db, db_field, request)
        related_model = db_field.remote_field.model
        related_admin = self.admin_site._registry.get(related_model)
        if isinstance(related_admin, StaffScopedAdmin) and related_admin.academy_lookups:
            if queryset is None:
                queryset = related_model._default_manager.using(db)
            queryset = related_admin.scope_queryset(request, queryset)
        return queryset


class StaffScopedAdmin(FrenchWordingMixin, StaffRoleMixin, admin.ModelAdmin):
    """A ModelAdmin whose rows are limited to the user's académies.

    `academy_lookups` are the ORM paths from the model to `Academy`; empty means the
    model is not scoped (national reference data such as editions or themes).
    """

    academy_lookups: tuple[str, ...] = ()

    def scope_queryset(self, request, queryset: QuerySet) -> QuerySet:
        if not self.academy_lookups:
            return queryset
        return staff_scope_queryset(
            user=request.user, queryset=queryset, academy_lookups=self.academy_lookups
        )

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and academies_for_staff(user=request.user) is not None:
            _keep_current_choices(form, obj)
        return form


def _keep_current_choices(form, obj) -> None:
    """Scoped choices still offer the saved value (a school of another académie
    registered on one of ours), so that editing the other fields does not fail."""
    for name, form_field in form.base_fields.items():
        if not isinstance(form_field, ModelChoiceField) or isinstance(
            form_field, ModelMultipleChoiceField
        ):
            continue
        try:
            model_field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        current = getattr(obj, model_field.attname, None) if model_field.many_to_one else None
        if current is not None:
            model = form_field.queryset.model
            form_field.queryset = form_field.queryset | model._default_manager.filter(pk=current)


class ReferenceDataAdmin(StaffScopedAdmin):
    """National reference data: everyone in the back office reads it, national staff edit it."""

    reference_data = True
    academy_staff_actions = frozenset({VIEW})


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-object filter offering only the objects the user may see (their académies)."""

    def field_choices(self, field, request, model_admin):
        related_model = field.remote_field.model
        queryset = related_model._default_manager.all()
        related_admin = model_admin.admin_site._registry.get(related_model)
        if isinstance(related_admin, StaffScopedAdmin):
            queryset = related_admin.scope_queryset(request, queryset)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


# --- the territory (reference data) -----------------------------------------------------


@admin.register(RegionAcademique)
class RegionAcademiqueAdmin(ReferenceDataAdmin, TranslationAdmin):
    list_display = ["name", "slug", "academies_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(academies_count=subquery_count(Academy.objects.all(), to="region"))
        )

    @admin.display(description=_("académies"), ordering="academies_count")
    def academies_count(self, obj):
        return obj.academies_count


class DepartmentInline(StaffRoleMixin, admin.TabularInline):
    model = Department
    fields = ["code", "name"]
    readonly_fields = ["code"]
    extra = 0
    can_delete = False
    show_change_link = True
    reference_data = True
    academy_staff_actions = frozenset({VIEW})

    def has_add_permission(self, request, obj=None):
        # A département joins an académie from its own page, with its INSEE code.
        return False


@admin.register(Academy)
class AcademyAdmin(ReferenceDataAdmin, TranslationAdmin):
    academy_lookups = ("pk",)
    list_display = ["name", "code", "region", "time_zone", "departments_count"]
    list_filter = ["region", "time_zone"]
    list_select_related = ["region"]
    search_fields = ["name", "=code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DepartmentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(departments_count=subquery_count(Department.objects.all(), to="academy"))
        )

    #: what an académie manager (group « Responsable académique ») changes on their académie
    manager_fields = ("republish_requires_moderation",)

    def _is_manager(self, request) -> bool:
        return staff_role(request) == ROLE_ACADEMY and request.user.has_perm(
            "academies.change_academy"
        )

    def _permitted(self, request, action: str, granted: bool) -> bool:
        if action == CHANGE and self._is_manager(request):
            return True  # their académies only: the queryset is scoped
        return super()._permitted(request, action, granted)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and staff_role(request) != ROLE_NATIONAL:
            return [
                field.name
                for field in obj._meta.fields
                if field.editable and field.name not in ("id", *self.manager_fields)
            ]
        # The Ministry's code identifies the académie in every import.
        return ["code"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return (
            super().get_prepopulated_fields(request, obj)
            if staff_role(request) == ROLE_NATIONAL
            else {}
        )

    @admin.display(description=_("départements"), ordering="departments_count")
    def departments_count(self, obj):
        return obj.departments_count


@admin.register(Department)
class DepartmentAdmin(ReferenceDataAdmin):
    academy_lookups = ("academy",)
    list_display = ["code", "name", "academy", "region"]
    list_filter = ["academy__region", ("academy", ScopedRelatedFieldListFilter)]
    list_select_related = ["academy__region"]
    search_fields = ["=code", "name"]
    ordering = ["code"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    @admin.display(description=_("région académique"), ordering="academy__region__name")
    def region(self, obj):
        return obj.academy.region


# --- schools and companies --------------------------------------------------------------


class ImportExportScopedAdmin(ImportExportMixin, StaffScopedAdmin):
    """CSV import, CSV or XLSX export; importing needs the add and change rights, exporting
    the view one."""

    import_formats = [TolerantCSV]
    export_formats = EXPORT_FORMATS
    to_encoding = "utf-8-sig"  # a BOM, so that spreadsheet software reads accents right

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


@admin.register(School)
class SchoolAdmin(ImportExportScopedAdmin):
    resource_classes = [SchoolResource]
    academy_lookups = ("department__academy",)
    academy_staff_actions = frozenset({VIEW, ADD, CHANGE})
    list_display = ["name", "uai", "kind", "sector", "city", "department", "academy", "is_open"]
    list_filter = [
        "is_open",
        "sector",
        ("department__academy", ScopedRelatedFieldListFilter),
        "kind",
    ]
    list_select_related = ["department__academy"]
    search_fields = ["^uai", "name", "city", "^postcode"]
    search_help_text = _("UAI, nom, commune ou code postal")
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["uai", "name", "kind", "sector", "siret", "is_open"]}),
        (
            _("Adresse"),
            {
                "fields": [
                    "address",
                    ("postcode", "city", "city_code"),
                    "department",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (_("Suivi"), {"fields": ["updated_at"]}),
    ]

    @admin.display(description=_("académie"), ordering="department__academy__name")
    def academy(self, obj):
        return obj.department.academy


class CompaniesToContactFilter(admin.SimpleListFilter):
    """The companies staff may solicit for the current edition (academies.selectors)."""

    title = _("à solliciter")
    parameter_name = "a_solliciter"

    def lookups(self, request, model_admin):
        return [("oui", _("À solliciter pour l'édition en cours"))]

    def queryset(self, request, queryset):
        if self.value() != "oui":
            return queryset
        from events.models import Edition

        edition = Edition.objects.filter(is_current=True).first()
        return queryset.filter(pk__in=companies_to_contact(edition=edition).values("pk"))


@admin.register(Company)
class CompanyAdmin(ImportExportScopedAdmin):
    resource_classes = [CompanyResource]
    academy_lookups = ("department__academy",)
    academy_staff_actions = frozenset({VIEW, ADD, CHANGE})
    list_display = [
        "name",
        "siret",
        "naf_code",
        "city",
        "department",
        "is_active",
    ]  # the académie: the département says it, and a filter gives it
    list_filter = [
        CompaniesToContactFilter,
        "is_active",
        "diffusion",
        ("department__academy", ScopedRelatedFieldListFilter),
        "size_band",
    ]
    list_select_related = ["department__academy"]
    search_fields = ["^siret", "name", "legal_name", "city", "^postcode", "^naf_code"]
    search_help_text = _("SIRET ou SIREN, raison sociale, commune, code postal ou code NAF")
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "siret",
                    "name",
                    "legal_name",
                    "naf_code",
                    "size_band",
                    "is_active",
                    "diffusion",
                ]
            },
        ),
        (
            _("Adresse"),
            {
                "fields": [
                    "address",
                    ("postcode", "city", "city_code"),
                    "department",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (_("Suivi"), {"fields": ["updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # "412 345 678 00012" or a bare SIREN: every establishment it starts.
        digits = siret_normalize(search_term)
        if digits.isdigit() and len(digits) >= 9:
            return queryset.filter(siret__startswith=digits), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("académie"), ordering="department__academy__name")
    def academy(self, obj):
        return obj.department.academy if obj.department else None


# --- roles ------------------------------------------------------------------------------


@admin.register(SchoolMembership)
class SchoolMembershipAdmin(StaffScopedAdmin):
    academy_lookups = ("school__department__academy",)
    list_display = ["user", "school", "role", "created_at"]
    list_filter = ["role", ("school__department__academy", ScopedRelatedFieldListFilter)]
    list_select_related = ["user", "school"]
    search_fields = ["user__email", "user__last_name", "^school__uai", "school__name"]
    autocomplete_fields = ["user", "school"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "school")


@admin.register(CompanyMembership)
class CompanyMembershipAdmin(StaffScopedAdmin):
    academy_lookups = ("company__department__academy",)
    list_display = ["user", "company", "role", "created_at"]
    list_filter = ["role", ("company__department__academy", ScopedRelatedFieldListFilter)]
    list_select_related = ["user", "company"]
    search_fields = ["user__email", "user__last_name", "^company__siret", "company__name"]
    autocomplete_fields = ["user", "company"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "company")


@admin.register(AcademyStaff)
class AcademyStaffAdmin(StaffScopedAdmin):
    """Who moderates which académie: granted by the national team only."""

    academy_lookups = ("academy",)
    list_display = ["user", "academy", "created_at"]
    list_filter = [("academy", ScopedRelatedFieldListFilter)]
    list_select_related = ["user", "academy"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "academy__name"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "academy")


@admin.register(Partnership)
class PartnershipAdmin(StaffScopedAdmin):
    academy_lookups = ("school__department__academy", "company__department__academy")
    academy_staff_actions = ALL_ACTIONS
    list_display = ["school", "company", "since"]
    list_filter = [("school__department__academy", ScopedRelatedFieldListFilter)]
    list_select_related = ["school", "company"]
    search_fields = ["^school__uai", "school__name", "^company__siret", "company__name"]
    autocomplete_fields = ["school", "company"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False  # one COUNT(*) less on a big table

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("school", "company")


from . import admin_attachments  # noqa: E402, F401  (attachment requests, onboarding)
from .admin_imports import import_form_view  # noqa: E402, F401  (Annuaire, Sirene: national)
