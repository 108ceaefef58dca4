"""National reference data: editions, themes, action types, audiences (view only for
académie staff)."""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from academies.admin import ROLE_NATIONAL, VIEW, ReferenceDataAdmin, StaffRoleMixin, staff_role
from semaine.queries import subquery_count

from ..models import ActionType, Audience, Edition, Event, PublishedFigure, Theme
from ..services.editions import edition_make_current, edition_prepare_next
from .common import error_text


def _period(first, last) -> str:
    if not (first and last):
        return "—"
    return f"{first:%d/%m} – {last:%d/%m/%Y}"


class PublishedFigureInline(StaffRoleMixin, admin.TabularInline):
    model = PublishedFigure
    fields = ["kind", "value", "is_minimum", "source", "source_url"]
    extra = 0
    reference_data = True
    academy_staff_actions = frozenset({VIEW})


@admin.register(PublishedFigure)
class PublishedFigureAdmin(ReferenceDataAdmin):
    list_display = ["edition", "kind", "value", "is_minimum", "source"]
    list_filter = ["kind"]
    list_select_related = ["edition"]
    search_fields = ["edition__year", "source"]


@admin.register(Edition)
class EditionAdmin(ReferenceDataAdmin):
    inlines = [PublishedFigureInline]
    list_display = [
        "year",
        "headline_theme",
        "week",
        "window",
        "labelling_deadline",
        "is_current",
        "events_count",
    ]
    list_filter = ["is_current"]
    search_fields = ["year__exact", "headline_theme"]
    filter_horizontal = ["focus_themes"]
    # the flag moves with the action, which clears the previous one in the same transaction
    readonly_fields = ["is_current"]
    actions = ["make_current", "prepare_next"]
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

    @admin.display(description=_("semaine officielle"), ordering="starts_on")
    def week(self, obj):
        return _period(obj.starts_on, obj.ends_on)

    @admin.display(description=_("période acceptée"), ordering="window_starts_on")
    def window(self, obj):
        window = obj.accepted_window()
        return _period(*window) if window else "—"

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if staff_role(request) != ROLE_NATIONAL:
            for name in self.actions:
                actions.pop(name, None)
        return actions

    @admin.action(description=_("Faire de cette édition l'édition en cours"))
    def make_current(self, request, queryset):
        editions = list(queryset[:2])
        if len(editions) != 1:
            self.message_user(
                request,
                gettext("Cochez une seule édition : la nouvelle édition en cours."),
                messages.ERROR,
            )
            return
        try:
            edition = edition_make_current(edition=editions[0], by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return
        self.message_user(
            request,
            gettext("L'édition %(year)s est désormais l'édition en cours.")
            % {"year": edition.year},
            messages.SUCCESS,
        )

    @admin.action(description=_("Préparer l'édition suivante (d'après l'édition en cours)"))
    def prepare_next(self, request, queryset):
        try:
            edition = edition_prepare_next(by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return None
        self.message_user(
            request,
            gettext(
                "L'édition %(year)s est prête, avec le thème, les thématiques et les dates de "
                "l'édition en cours décalées de 52 semaines : vérifiez-les."
            )
            % {"year": edition.year},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:events_edition_change", args=[edition.pk]))


class OrderedReferenceAdmin(ReferenceDataAdmin, TranslationAdmin):
    """Names and descriptions in French and English (django-modeltranslation)."""

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
