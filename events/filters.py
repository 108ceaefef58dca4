"""The filters of the public event finder, all in the query string, with French names.

    /evenements/?edition=2025&theme=transition-ecologique&theme=industrie-du-futur
        &type=visite-d-entreprise&public=lyceens&academie=grenoble&region=…&departement=38
        &ville=Grenoble&du=2025-11-17&au=2025-11-23&format=sur-place&accessible=1&classes=1
        &places=1&q=électricité&pres_de=0381778B&rayon=30&tri=distance

Entry point for every public list (the page, the map, the exports, the landing pages):

    filterset = public_event_filter(data=request.GET)
    filterset.qs                  # published events, filtered, ordered, card-ready
    filterset.ignored_filters     # [(label, message)] for the "filter ignored" alert
    filterset.active_filters(…)   # removable tags

Nothing here raises on bad input: a value that does not validate leaves its filter out and
is reported in `ignored_filters`. Reference data (editions, themes, types, audiences,
académies, régions, départements) is read in one query per filterset.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

import django_filters
from django import forms
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academies.models import TIME_ZONE_CHOICES, Academy, Department, RegionAcademique
from semaine.forms import DsfrFormHelper
from semaine.text import fold
from semaine.translated import translated_column

from . import geo, search
from .models import ActionType, Audience, Edition, Event, Session, Theme
from .rules.booking import session_registrations_open_q
from .selectors.public import event_has_places_expression, public_event_base, public_event_optimize

ALL_EDITIONS = "toutes"
FORMAT_CHOICES = [
    ("sur-place", gettext_lazy("Sur place")),
    ("en-ligne", gettext_lazy("En ligne")),
    ("hybride", gettext_lazy("Hybride")),
]
# "sur place" and "en ligne" include the hybrid events, which are both.
FORMAT_VALUES = {
    "sur-place": (Event.Format.ONSITE, Event.Format.HYBRID),
    "en-ligne": (Event.Format.ONLINE, Event.Format.HYBRID),
    "hybride": (Event.Format.HYBRID,),
}
SORT_DATE, SORT_RECENT, SORT_DISTANCE, SORT_RELEVANCE = "date", "recent", "distance", "pertinence"
SORT_CHOICES = [
    (SORT_DATE, gettext_lazy("Date (les plus proches d'abord)")),
    (SORT_RECENT, gettext_lazy("Derniers labellisés")),
    (SORT_DISTANCE, gettext_lazy("Distance (avec « Près de »)")),
    (SORT_RELEVANCE, gettext_lazy("Pertinence (avec une recherche)")),
]
Q_MAX_LENGTH = 200
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
TRUE_VALUES = {"1", "on", "oui", "true", "vrai", "yes"}
FALSE_VALUES = {"", "0", "off", "non", "false", "faux", "no"}


@dataclass
class ReferenceChoices:
    """The choices of the filter form, read in a single UNION query."""

    editions: list = field(default_factory=list)
    current_year: int | None = None
    themes: list = field(default_factory=list)
    action_types: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    academies: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    departments: list = field(default_factory=list)

    @classmethod
    def load(cls) -> "ReferenceChoices":
        def part(queryset, kind, key, label, position, flag=None):
            return (
                queryset.order_by()
                .annotate(
                    r_kind=Value(kind, output_field=CharField()),
                    r_key=key,
                    r_label=label,
                    r_position=position,
                    r_flag=Value(False) if flag is None else flag,
                )
                .values_list("r_kind", "r_key", "r_label", "r_position", "r_flag")
            )

        text = CharField()
        parts = [
            part(
                Edition.objects.all(),
                "edition",
                Cast("year", text),
                Cast("year", text),
                F("year"),
                F("is_current"),
            ),
            # Translated names (modeltranslation) in the page's language, read as plain SQL.
            *(
                part(model.objects.rewrite(False), kind, F("slug"), translated_column(), order)
                for model, kind, order in (
                    (Theme, "theme", F("position")),
                    (ActionType, "type", F("position")),
                    (Audience, "public", F("position")),
                    (Academy, "academie", Value(0)),
                    (RegionAcademique, "region", Value(0)),
                )
            ),
            part(
                Department.objects.all(),
                "departement",
                F("code"),
                Concat("code", Value(" — "), "name", output_field=text),
                Value(0),
            ),
        ]
        rows = list(parts[0].union(*parts[1:], all=True).order_by())
        choices = cls()
        buckets = {
            "theme": choices.themes,
            "type": choices.action_types,
            "public": choices.audiences,
            "academie": choices.academies,
            "region": choices.regions,
            "departement": choices.departments,
        }
        rows.sort(key=lambda row: (row[3], fold(row[2]), row[1]))
        for kind, key, label, _position, flag in rows:
            if kind == "edition":
                choices.editions.append((key, label))
                if flag:
                    choices.current_year = int(key)
            else:
                buckets[kind].append((key, label))
        choices.editions.reverse()  # newest first
        return choices


# --- Form fields -----------------------------------------------------------------------------


class FlagInput(forms.CheckboxInput):
    """A checkbox whose raw value is kept, so that "abc" is an error rather than True."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: str(value).lower() in TRUE_VALUES)

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return "1"


class FlagField(forms.Field):
    widget = FlagInput

    def to_python(self, value):
        if value is True or value is False:
            return value
        text = "" if value is None else str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(_("Valeur attendue : 1 (oui) ou 0 (non)."), code="invalid")


class FlagFilter(django_filters.Filter):
    field_class = FlagField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PublicEventFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every filter is optional: no "(facultatif)" markers; the template draws the <form>.
        self.helper = DsfrFormHelper(self, mark_optional_fields=False, form_tag=False)

    def clean(self):
        cleaned = super().clean()
        for name in ("du", "au"):
            day = cleaned.get(name)
            if day and not (FIRST_DAY <= day <= LAST_DAY):
                self.add_error(
                    name,
                    _("Indiquez une date entre %(first)s et %(last)s.")
                    % {"first": f"{FIRST_DAY:%d/%m/%Y}", "last": f"{LAST_DAY:%d/%m/%Y}"},
                )
        first, last = cleaned.get("du"), cleaned.get("au")
        if first and last and first > last:
            # Both ignored: which one is wrong cannot be told.
            self.add_error("au", _("La date de fin précède la date de début."))
            cleaned.pop("du", None)
        sort = cleaned.get("tri")
        if sort == SORT_DISTANCE and not cleaned.get("pres_de"):
            self.add_error("tri", _("Indiquez un lieu dans « Près de » pour trier par distance."))
        if sort == SORT_RELEVANCE and not cleaned.get("q"):
            self.add_error("tri", _("Saisissez une recherche pour trier par pertinence."))
        return cleaned


# --- The filterset ---------------------------------------------------------------------------


class PublicEventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Rechercher"),
        method="filter_q",
        max_length=Q_MAX_LENGTH,
        help_text=gettext_lazy("Mots du titre, de la description ou de la commune"),
    )
    edition = django_filters.ChoiceFilter(
        label=gettext_lazy("Édition"), method="filter_noop", empty_label=None
    )
    theme = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Thématiques"),
        method="filter_theme",
        widget=forms.CheckboxSelectMultiple,
    )
    type = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Types d'action"),
        method="filter_type",
        widget=forms.CheckboxSelectMultiple,
    )
    public = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Publics"),
        method="filter_public",
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.ChoiceFilter(
        label=gettext_lazy("Région académique"),
        field_name="academy__region__slug",
        empty_label=gettext_lazy("Toutes les régions académiques"),
    )
    academie = django_filters.ChoiceFilter(
        label=gettext_lazy("Académie"),
        field_name="academy__slug",
        empty_label=gettext_lazy("Toutes les académies"),
    )
    departement = django_filters.ChoiceFilter(
        label=gettext_lazy("Département"),
        field_name="department__code",
        empty_label=gettext_lazy("Tous les départements"),
    )
    ville = django_filters.CharFilter(
        label=gettext_lazy("Commune ou code postal"), method="filter_ville", max_length=100
    )
    pres_de = django_filters.CharFilter(
        label=gettext_lazy("Près de"),
        method="filter_noop",
        max_length=20,
        help_text=gettext_lazy("Code postal (5 chiffres) ou UAI de l'établissement"),
    )
    rayon = IntegerFilter(
        label=gettext_lazy("Rayon (km)"),
        method="filter_noop",
        help_text=gettext_lazy("De 1 à 200 km, 30 km par défaut"),
    )
    du = django_filters.DateFilter(label=gettext_lazy("Du"), method="filter_noop", widget=DateInput)
    au = django_filters.DateFilter(label=gettext_lazy("Au"), method="filter_noop", widget=DateInput)
    format = django_filters.ChoiceFilter(
        label=gettext_lazy("Format"),
        method="filter_format",
        choices=FORMAT_CHOICES,
        empty_label=gettext_lazy("Tous les formats"),
    )
    accessible = FlagFilter(
        label=gettext_lazy("Accessible aux personnes en situation de handicap"),
        field_name="is_accessible",
        method="filter_flag",
    )
    classes = FlagFilter(
        label=gettext_lazy("Accueille des classes"),
        field_name="accepts_class_registrations",
        method="filter_flag",
    )
    places = FlagFilter(label=gettext_lazy("Places disponibles"), method="filter_places")
    ouvert = FlagFilter(
        label=gettext_lazy("Inscriptions de classes ouvertes"), method="filter_open"
    )
    tri = django_filters.ChoiceFilter(
        label=gettext_lazy("Trier par"),
        method="filter_noop",
        choices=SORT_CHOICES,
        empty_label=gettext_lazy("Par défaut"),
    )

    class Meta:
        model = Event
        fields = []
        form = PublicEventFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, choices=None):
        if queryset is None:
            queryset = public_event_base()
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)
        self.choices = choices or ReferenceChoices.load()
        current = self.choices.current_year
        self.filters["edition"].extra.update(
            choices=[*self.choices.editions, (ALL_EDITIONS, _("Toutes les éditions"))],
            empty_label=(
                _("Édition %(year)s") % {"year": current} if current else _("Toutes les éditions")
            ),
        )
        for name, values in (
            ("theme", self.choices.themes),
            ("type", self.choices.action_types),
            ("public", self.choices.audiences),
            ("academie", self.choices.academies),
            ("region", self.choices.regions),
            ("departement", self.choices.departments),
        ):
            self.filters[name].extra["choices"] = values

    # -- Validated values --

    @cached_property
    def cleaned(self) -> dict:
        """The values that validated (an invalid one is simply absent)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - runs the validation
        return getattr(self.form, "cleaned_data", {})

    @cached_property
    def edition_year(self) -> int | None:
        """The edition shown: the one asked for, else the current one; None for all."""
        value = self.cleaned.get("edition")
        if value == ALL_EDITIONS:
            return None
        if value:
            return int(value)
        return self.choices.current_year

    @cached_property
    def place(self) -> geo.Place | None:
        query = self.cleaned.get("pres_de")
        if not query:
            return None
        try:
            return geo.place_resolve(query=query)
        except geo.PlaceNotFound as error:
            self._place_error = str(error)
            return None

    @property
    def radius_km(self) -> int:
        return geo.radius_clamp(self.cleaned.get("rayon"))

    @property
    def sort(self) -> str:
        value = self.cleaned.get("tri")
        if value == SORT_DISTANCE and self.place is None:
            value = None
        if value:
            return value
        if self.place is not None:
            return SORT_DISTANCE
        if self.cleaned.get("q"):
            return SORT_RELEVANCE
        return SORT_DATE

    @property
    def ignored_filters(self) -> list[tuple[str, str]]:
        """(label, message) of each filter left out because its value did not validate."""
        ignored = []
        if self.is_bound:
            for name, errors in self.form.errors.items():
                label = self.form.fields[name].label if name in self.form.fields else name
                ignored.append((str(label), " ".join(str(error) for error in errors)))
        self.place  # noqa: B018 - resolves pres_de, which may fail
        if getattr(self, "_place_error", None):
            ignored.append((str(self.form.fields["pres_de"].label), self._place_error))
        return ignored

    # -- Filtering --

    def filter_noop(self, queryset, name, value):
        return queryset

    def _related_slug_filter(self, queryset, through_field: str, model, values):
        through = Event._meta.get_field(through_field).remote_field.through
        target = f"{model._meta.model_name}__slug__in"
        return queryset.filter(
            Exists(through.objects.filter(event=OuterRef("pk"), **{target: values}))
        )

    def filter_theme(self, queryset, name, value):
        return self._related_slug_filter(queryset, "themes", Theme, value)

    def filter_type(self, queryset, name, value):
        return self._related_slug_filter(queryset, "action_types", ActionType, value)

    def filter_public(self, queryset, name, value):
        return self._related_slug_filter(queryset, "audiences", Audience, value)

    def filter_ville(self, queryset, name, value):
        value = value.strip()
        if value.isdigit() and len(value) == 5:
            return queryset.filter(postcode=value)
        if value.isdigit() and 2 <= len(value) < 5:
            return queryset.filter(postcode__startswith=value)
        return queryset.alias(city_folded=search.Fold("city")).filter(
            city_folded=search.fold(value)
        )

    def filter_format(self, queryset, name, value):
        return queryset.filter(format__in=FORMAT_VALUES[value])

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def filter_places(self, queryset, name, value):
        return queryset.filter(event_has_places_expression()) if value else queryset

    def filter_open(self, queryset, name, value):
        if not value:
            return queryset
        sessions = Session.objects.filter(event=OuterRef("pk")).filter(
            session_registrations_open_q()
        )
        return queryset.filter(Exists(sessions))

    def filter_q(self, queryset, name, value):
        return search.event_search(queryset, query=value, connection_vendor=connection.vendor)

    def filter_dates(self, queryset) -> QuerySet:
        """Events with a session starting between `du` and `au` (inclusive), both read as
        days of the event's own académie time zone."""
        first, last = self.cleaned.get("du"), self.cleaned.get("au")
        if not (first or last):
            return queryset
        branches = []
        for zone_name, _label in TIME_ZONE_CHOICES:
            zone = zoneinfo.ZoneInfo(zone_name)
            lookups = {}
            if first:
                lookups["starts_at__gte"] = datetime.datetime.combine(first, datetime.time(), zone)
            if last:
                next_day = last + datetime.timedelta(days=1)
                lookups["starts_at__lt"] = datetime.datetime.combine(
                    next_day, datetime.time(), zone
                )
            sessions = Session.objects.filter(event=OuterRef("pk"), **lookups)
            branches.append(Q(academy__time_zone=zone_name) & Q(Exists(sessions)))
        return queryset.filter(reduce(or_, branches))

    def filter_queryset(self, queryset):
        if self.is_bound:
            self.errors  # noqa: B018 - runs the validation; invalid values are left out
            queryset = super().filter_queryset(queryset)
        if self.edition_year is not None:
            queryset = queryset.filter(edition__year=self.edition_year)
        queryset = self.filter_dates(queryset)
        if self.place is not None:
            queryset = geo.events_near(queryset, place=self.place, radius_km=self.radius_km)
        return public_event_optimize(queryset).order_by(*self.ordering())

    def ordering(self) -> list:
        sort = self.sort
        by_date = [F("first_start").asc(nulls_last=True), "id"]
        if sort == SORT_DISTANCE and self.place is not None:
            return ["distance_km", *by_date]
        if sort == SORT_RECENT:
            # Matches the (status, -published_at) index; published events all have the date.
            return ["-published_at", "-id"]
        if sort == SORT_RELEVANCE and self.cleaned.get("q"):
            rank = search.event_search_rank_ordering(
                query=self.cleaned["q"], connection_vendor=connection.vendor
            )
            return [*rank, *by_date]
        return by_date

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs

    # -- Presentation helpers --

    def active_filters(self, query) -> list[dict]:
        """The filters in use, each with the query string that removes it (one tag each).

        `query` is the current query string (QueryDict or dict); tags carry `label` and
        `query` (the query string without that value, no page number)."""
        labels = {
            "theme": dict(self.choices.themes),
            "type": dict(self.choices.action_types),
            "public": dict(self.choices.audiences),
            "academie": dict(self.choices.academies),
            "region": dict(self.choices.regions),
            "departement": dict(self.choices.departments),
            "format": dict(FORMAT_CHOICES),
        }
        tags = []

        source = _as_multivalue(query)

        def without(name, value=None) -> str:
            remaining = QueryDict(mutable=True)
            for key, values in source.lists():
                if key in self.base_filters:  # drops "page" and unknown parameters
                    remaining.setlist(key, values)
            if value is None:
                remaining.pop(name, None)
                if name == "pres_de":
                    remaining.pop("rayon", None)
            else:
                remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
            return remaining.urlencode()

        cleaned = self.cleaned
        for name in ("theme", "type", "public"):
            for value in cleaned.get(name) or []:
                tags.append(
                    {"label": labels[name].get(value, value), "query": without(name, value)}
                )
        for name in ("region", "academie", "departement", "format"):
            if cleaned.get(name):
                value = cleaned[name]
                tags.append({"label": str(labels[name].get(value, value)), "query": without(name)})
        if cleaned.get("edition"):
            label = (
                _("Toutes les éditions")
                if cleaned["edition"] == ALL_EDITIONS
                else _("Édition %(year)s") % {"year": cleaned["edition"]}
            )
            tags.append({"label": label, "query": without("edition")})
        if cleaned.get("ville"):
            tags.append({"label": cleaned["ville"], "query": without("ville")})
        if cleaned.get("du"):
            tags.append(
                {
                    "label": _("À partir du %(date)s") % {"date": f"{cleaned['du']:%d/%m/%Y}"},
                    "query": without("du"),
                }
            )
        if cleaned.get("au"):
            tags.append(
                {
                    "label": _("Jusqu'au %(date)s") % {"date": f"{cleaned['au']:%d/%m/%Y}"},
                    "query": without("au"),
                }
            )
        for name in ("accessible", "classes", "ouvert", "places"):
            if cleaned.get(name):
                tags.append({"label": str(self.form.fields[name].label), "query": without(name)})
        if cleaned.get("q"):
            tags.append(
                {"label": _("Recherche : %(q)s") % {"q": cleaned["q"]}, "query": without("q")}
            )
        if self.place is not None:
            tags.append(
                {
                    "label": _("À %(km)s km de %(place)s")
                    % {"km": self.radius_km, "place": self.place.label},
                    "query": without("pres_de"),
                }
            )
        return tags


def _as_multivalue(data) -> MultiValueDict:
    if data is None:
        return QueryDict()
    if isinstance(data, MultiValueDict):
        return data
    result = MultiValueDict()
    for key, value in dict(data).items():
        if isinstance(value, (list, tuple)):
            result.setlist(key, [str(v) for v in value])
        elif value is not None:
            result.setlist(key, [str(value)])
    return result


def public_event_filter(*, data, queryset: QuerySet | None = None) -> PublicEventFilter:
    """The filterset of the public lists for a query string (a QueryDict, or a plain dict whose
    values are strings or lists of strings). Never raises on bad values; see module doc."""
    return PublicEventFilter(data=_as_multivalue(data), queryset=queryset)
