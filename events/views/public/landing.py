"""Landing pages: the event list with one filter preset and an introduction.

    /themes/<slug>/      = /evenements/?theme=<slug>     + the theme's description
    /academies/<slug>/   = /evenements/?academie=<slug>  + région, départements, figures

Every other filter of the list still works in the query string (/themes/<slug>/?type=…); the
preset wins over a conflicting value. The filter form and the tags lead to /evenements/ with
the preset kept as an ordinary filter, so refining a landing page is refining the list.
"""

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from academies.display import academy_label
from academies.models import Academy
from semaine.formats import utc_offset_label

from ...models import Theme
from ...selectors.academies import academy_figures, academy_get
from .listing import EventListView

PARIS = "Europe/Paris"


class LandingListView(EventListView):
    """The list of EventListView with `preset_name` forced to the page's object slug."""

    preset_name = ""

    def get_object(self):
        raise NotImplementedError

    def get_filter_data(self) -> QueryDict:
        data = self.request.GET.copy()
        data.setlist(self.preset_name, [self.object.slug])
        return data

    def get_intro_context(self, filterset) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        self.object = self.get_object()
        context = super().get_context_data(**kwargs)
        # The sort form stays on this page, where the preset goes without saying.
        context["sort_hidden"] = [
            (name, value) for name, value in context["sort_hidden"] if name != self.preset_name
        ]
        context["object"] = self.object
        context.update(self.get_intro_context(context["filter"]))
        return context


class ThemeLandingView(LandingListView):
    """/themes/<slug>/: the events of one theme. Unknown slug: 404."""

    template_name = "events/theme_detail.html"
    preset_name = "theme"

    def get_object(self):
        try:
            return Theme.objects.get(slug=self.kwargs["slug"])
        except Theme.DoesNotExist:
            raise Http404(_("Thématique inconnue.")) from None

    def get_intro_context(self, filterset):
        return {
            "theme": self.object,
            "breadcrumb": [
                (_("Événements"), reverse("events:list")),
                (self.object.name, None),
            ],
        }


class AcademyLandingView(LandingListView):
    """/academies/<slug>/: the events of one académie, with its territory and figures for
    the edition shown (the current one by default). Unknown slug: 404."""

    template_name = "events/academy_detail.html"
    preset_name = "academie"

    def get_object(self):
        try:
            return academy_get(slug=self.kwargs["slug"])
        except Academy.DoesNotExist:
            raise Http404(_("Académie inconnue.")) from None

    def get_intro_context(self, filterset):
        year = filterset.edition_year or filterset.choices.current_year
        academy = self.object
        title = academy_label(academy, capital=True)
        return {
            "academy": academy,
            "academy_title": title,
            "academy_phrase": academy_label(academy),  # "académie de Grenoble"
            "departments": academy.department_list,
            "figures_year": year,
            "figures": academy_figures(academy=academy, year=year) if year else None,
            "time_zone_offset": (
                utc_offset_label(academy.tzinfo) if academy.time_zone != PARIS else None
            ),
            "breadcrumb": [(_("Événements"), reverse("events:list")), (title, None)],
        }
