"""National reference data: editions, themes, action types, audiences (view only for
académie staff)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from academies.admin import VIEW, ReferenceDataAdmin, StaffRoleMixin
from semaine.queries import subquery_count

from ..models import ActionType, Audience, Edition, Event, PublishedFigure, Theme


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
