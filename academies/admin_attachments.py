"""Back office of the onboarding: attachment requests, scoped to the staff's académies,
confirmed or refused through `academies.services` (never a bare save).

Imported at the end of academies/admin.py. The moderation queue links here:
`admin:academies_attachmentrequest_changelist?status__exact=pending`.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from events.admin.common import service_action_run, service_action_with_reason

from .admin import VIEW, ScopedRelatedFieldListFilter, StaffRoleMixin, StaffScopedAdmin
from .models import AttachmentRequest, AttachmentRequestChange
from .services import attachment_request_approve, attachment_request_refuse


class AttachmentRequestChangeInline(StaffRoleMixin, admin.TabularInline):
    model = AttachmentRequestChange
    fields = ["created_at", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    read_only = True
    academy_staff_actions = frozenset({VIEW})

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(AttachmentRequest)
class AttachmentRequestAdmin(StaffScopedAdmin):
    """Requests of the staff's académies: a school's, or a company's by its département."""

    academy_lookups = ("school__department__academy", "company__department__academy")
    academy_staff_actions = frozenset({VIEW})
    service_argument = "attachment_request"
    list_display = ["user", "target_label", "role", "status", "academy_label", "created_at"]
    list_filter = [
        "status",
        "role",
        ("school__department__academy", ScopedRelatedFieldListFilter),
    ]
    list_select_related = [
        "user",
        "school__department__academy",
        "company__department__academy",
    ]
    search_fields = [
        "user__email",
        "user__last_name",
        "^school__uai",
        "school__name",
        "^company__siret",
        "company__name",
    ]
    search_help_text = _("Adresse ou nom de la personne, UAI, SIRET ou nom de la cible")
    fields = [
        "user",
        "school",
        "company",
        "role",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "reason",
    ]
    readonly_fields = fields
    inlines = [AttachmentRequestChangeInline]
    actions = ["approve_selected", "refuse_selected"]
    ordering = ["created_at", "pk"]  # oldest first: the queue filters on « En attente »
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decisions are actions, through the services

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("établissement ou entreprise"))
    def target_label(self, obj):
        return obj.target

    @admin.display(description=_("académie"))
    def academy_label(self, obj):
        department = obj.school.department if obj.school_id else obj.company.department
        return department.academy if department else "—"

    @admin.action(description=_("Confirmer les demandes sélectionnées"))
    def approve_selected(self, request, queryset):
        service_action_run(
            self,
            request,
            queryset,
            service=attachment_request_approve,
            done_message=ngettext_lazy(
                "%(count)d demande confirmée ; la personne est prévenue.",
                "%(count)d demandes confirmées ; les personnes sont prévenues.",
                "count",
            ),
        )

    @admin.action(description=_("Refuser les demandes sélectionnées (avec un motif)"))
    def refuse_selected(self, request, queryset):
        return service_action_with_reason(
            self,
            request,
            list(queryset),
            service=attachment_request_refuse,
            title=_("Refuser des demandes de rattachement"),
            done_message=ngettext_lazy(
                "%(count)d demande refusée ; la personne est prévenue.",
                "%(count)d demandes refusées ; les personnes sont prévenues.",
                "count",
            ),
            reason_label=_("Motif du refus, transmis à la personne"),
            eligible=lambda row: row.status == AttachmentRequest.Status.PENDING,
            ineligible_message=_("cette demande n'est plus en attente."),
        )


@admin.register(AttachmentRequestChange)
class AttachmentRequestChangeAdmin(StaffScopedAdmin):
    """The append-only history of the requests, searchable; nobody changes it."""

    academy_lookups = (
        "request__school__department__academy",
        "request__company__department__academy",
    )
    academy_staff_actions = frozenset({VIEW})
    read_only = True
    list_display = ["created_at", "request", "from_status", "to_status", "by"]
    list_filter = ["to_status"]
    list_select_related = ["request__user", "request__school", "request__company", "by"]
    search_fields = ["request__user__email", "by__email"]
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False

    def has_add_permission(self, request):
        return False
