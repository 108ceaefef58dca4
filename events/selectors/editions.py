"""Editions, their dates in words, key figures and breakdowns: the archive pages.

Every figure is an aggregate (COUNT / SUM … GROUP BY), never a loop over events, so these
pages cost the same few queries whatever the size of an edition.
"""

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from academies.models import Academy

from ..models import ActionType, Edition, Event, PublishedFigure, Theme
from ..rules.editions import Phase, edition_phase

PUBLISHED = Event.Status.PUBLISHED


# --- Dates -----------------------------------------------------------------------------------


def _day_month(day: datetime.date) -> str:
    number = "1er" if day.day == 1 and (get_language() or "fr").startswith("fr") else day.day
    return f"{number} {date_format(day, 'F')}"


def date_range_label(*, first: datetime.date, last: datetime.date) -> str:
    """A date range in words, in the active language: "du 17 au 23 novembre 2025",
    "du 27 novembre au 3 décembre 2023" (no month or year for `first` when `last` has it)."""
    if first == last:
        return _("le %(day)s") % {"day": f"{_day_month(first)} {first.year}"}
    if first.year != last.year:
        start = f"{_day_month(first)} {first.year}"
    elif first.month != last.month:
        start = _day_month(first)
    else:
        start = _day_month(first).split(" ", 1)[0]
    return _("du %(first)s au %(last)s") % {
        "first": start,
        "last": f"{_day_month(last)} {last.year}",
    }


def edition_dates(*, edition: Edition) -> dict:
    """The labels of an edition's official week and, when it differs, its accepted window;
    None when unknown (never guessed)."""
    week = (
        date_range_label(first=edition.starts_on, last=edition.ends_on)
        if edition.has_dates
        else None
    )
    window = edition.accepted_window()
    window_label = None
    if window and window != (edition.starts_on, edition.ends_on):
        window_label = date_range_label(first=window[0], last=window[1])
    return {"week": week, "window": window_label}


def edition_with_dates(edition: Edition, *, today: datetime.date | None = None) -> Edition:
    """Label `edition` for the pages: `week_label`, `window_label` (see `edition_dates`) and
    `phase`, where `today` (the site's today by default) stands in its accepted window
    (`rules.editions.Phase`: undated, upcoming, running, over)."""
    dates = edition_dates(edition=edition)
    edition.week_label = dates["week"]
    edition.window_label = dates["window"]
    edition.phase = edition_phase(edition=edition, today=today)
    return edition


# --- Editions --------------------------------------------------------------------------------


def edition_get(*, year: int, today: datetime.date | None = None) -> Edition:
    """One edition, labelled by `edition_with_dates`; raises Edition.DoesNotExist."""
    return edition_with_dates(Edition.objects.get(year=year), today=today)


def edition_next(*, edition: Edition, today: datetime.date | None = None) -> Edition | None:
    """The edition that follows `edition` (the next year on record), labelled by
    `edition_with_dates`, or None when none is recorded yet; one query."""
    following = Edition.objects.filter(year__gt=edition.year).order_by("year").first()
    return edition_with_dates(following, today=today) if following else None


NOT_HELD_YET = (Phase.UNDATED, Phase.UPCOMING)


def edition_archive_list(*, today: datetime.date | None = None) -> list[Edition]:
    """Every edition, newest first, annotated with `event_count` and `academy_count` (published
    events), labelled by `edition_with_dates`, and `is_next`: true for the edition still to be
    held that comes next (the current one when it has not started, else the one after it),
    and `published`, its published figures (`published_figures_of`), with
    `published_sources`, their sources once each. Two queries."""
    published = Q(events__status=PUBLISHED)
    editions = [
        edition_with_dates(edition, today=today)
        for edition in Edition.objects.annotate(
            event_count=Count("events", filter=published),
            academy_count=Count("events__academy", filter=published, distinct=True),
        )
        .prefetch_related(Prefetch("published_figures", PublishedFigure.objects.order_by("kind")))
        .order_by("-year")
    ]
    for edition in editions:
        edition.published = published_figures_of(edition.published_figures.all())
        edition.published_sources = list(
            dict.fromkeys(figure["source"] for figure in edition.published)
        )
    current = next((edition for edition in editions if edition.is_current), None)
    candidates = [
        edition
        for edition in reversed(editions)  # oldest first
        if current is not None and edition.year >= current.year
    ]
    upcoming = next((e for e in candidates if e.phase in NOT_HELD_YET), None)
    for edition in editions:
        edition.is_next = edition is upcoming
    return editions


# --- Published figures ------------------------------------------------------------------------


def published_figure_label(figure: PublishedFigure) -> str:
    """A published figure in words, in the active language: "2 918 événements labellisés",
    "plus de 800 000 participants", "1,6 million de participants"."""
    value = figure.value
    Kind = PublishedFigure.Kind
    if figure.kind == Kind.PARTICIPANTS and value >= 1_000_000 and value % 100_000 == 0:
        millions = value / 1_000_000
        number = number_format(millions, decimal_pos=0 if millions.is_integer() else 1)
        # French: « 1,6 million », « 2,2 millions » (the plural from 2 on).
        label = ngettext(
            "%(number)s million de participants",
            "%(number)s millions de participants",
            int(millions),
        ) % {"number": number}
    elif figure.kind == Kind.PARTICIPANTS:
        label = ngettext("%(number)s participant", "%(number)s participants", value) % {
            "number": intcomma(value)
        }
    elif figure.kind == Kind.LABELLED_EVENTS:
        label = ngettext(
            "%(number)s événement labellisé", "%(number)s événements labellisés", value
        ) % {"number": intcomma(value)}
    else:
        label = ngettext("%(number)s événement", "%(number)s événements", value) % {
            "number": intcomma(value)
        }
    if figure.is_minimum:
        label = _("plus de %(figure)s") % {"figure": label}
    return label


def published_figures_of(figures) -> list[dict]:
    """Published figures (of one edition, in their order) as `label`, `source`, `source_url`."""
    return [
        {
            "label": published_figure_label(figure),
            "source": figure.source,
            "source_url": figure.source_url,
        }
        for figure in figures
    ]


def edition_published_figures(*, edition: Edition) -> list[dict]:
    """The figures published about `edition`, with their source (`published_figures_of`):
    « chiffres publiés », never mixed with what the platform counts. One query."""
    return published_figures_of(edition.published_figures.order_by("kind"))


def edition_figures(*, edition: Edition) -> dict:
    """Key figures of an edition's published events, in one aggregate query: events,
    académies, sessions, places offered (sessions with a capacity) and unlimited sessions."""
    return event_figures(Event.objects.published().filter(edition=edition))


def event_figures(events: QuerySet[Event]) -> dict:
    """One aggregate over `events` LEFT JOIN their sessions."""
    has_session = Q(sessions__id__isnull=False)
    figures = events.order_by().aggregate(
        n_events=Count("id", distinct=True),
        n_academies=Count("academy", distinct=True),
        n_sessions=Count("sessions__id"),
        n_places=Sum("sessions__capacity"),
        n_unlimited=Count("sessions__id", filter=has_session & Q(sessions__capacity__isnull=True)),
    )
    return {
        "events": figures["n_events"],
        "academies": figures["n_academies"],
        "sessions": figures["n_sessions"],
        "places": figures["n_places"] or 0,
        "unlimited": figures["n_unlimited"],
    }


def theme_list_with_counts(*, edition: Edition | None) -> list[Theme]:
    """Themes in display order with `event_count` (published events of `edition`) and
    `is_focus` (a focus theme of `edition`); active themes plus any that has events or is a
    focus theme. One query."""
    themes = Theme.objects.all()
    if edition is None:
        return list(themes.filter(is_active=True))
    focus = Edition.focus_themes.through.objects.filter(edition=edition, theme=OuterRef("pk"))
    themes = themes.annotate(
        event_count=Count("events", filter=Q(events__status=PUBLISHED, events__edition=edition)),
        is_focus=Exists(focus),
    )
    # GROUP BY queries ignore Meta.ordering: order explicitly.
    themes = themes.filter(Q(is_active=True) | Q(event_count__gt=0) | Q(is_focus=True))
    return list(themes.order_by("position", "name"))


def edition_breakdown(*, edition: Edition) -> dict:
    """Figures of one edition for its archive page, in three aggregate queries.

    Returns `events`, `academies`, `sessions`, `places`, `unlimited`, and the tables
    `by_academy` (rows also carry `session_count` and `place_count`), `by_type`, `by_theme`
    (rows with `event_count`, most events first, only rows with events; `share` is the
    percentage of the edition's events) and `focus_themes`.
    """
    published = Q(events__status=PUBLISHED, events__edition=edition)
    by_academy = list(
        Academy.objects.select_related("region")
        .annotate(
            event_count=Count("events", filter=published, distinct=True),
            session_count=Count("events__sessions", filter=published),
            place_count=Sum("events__sessions__capacity", filter=published),
            unlimited_count=Count(
                "events__sessions",
                filter=published & Q(events__sessions__capacity__isnull=True),
            ),
        )
        .filter(event_count__gt=0)
        .order_by("-event_count", "name")
    )
    by_type = list(
        ActionType.objects.annotate(event_count=Count("events", filter=published))
        .filter(event_count__gt=0)
        .order_by("-event_count", "position", "name")
    )
    focus = Edition.focus_themes.through.objects.filter(edition=edition, theme=OuterRef("pk"))
    themes = list(
        Theme.objects.annotate(
            event_count=Count("events", filter=published), is_focus=Exists(focus)
        )
        .filter(Q(event_count__gt=0) | Q(is_focus=True))
        .order_by("-event_count", "position", "name")
    )
    # Each event has exactly one académie: the académie table adds up to the edition.
    total = sum(row.event_count for row in by_academy)
    for row in (*by_academy, *by_type, *themes):
        row.share = round(100 * row.event_count / total) if total else 0
    for row in by_academy:
        row.place_count = row.place_count or 0
    return {
        "events": total,
        "academies": len(by_academy),
        "sessions": sum(row.session_count for row in by_academy),
        "places": sum(row.place_count for row in by_academy),
        "unlimited": sum(row.unlimited_count for row in by_academy),
        "by_academy": by_academy,
        "by_type": by_type,
        "by_theme": [theme for theme in themes if theme.event_count],
        "focus_themes": sorted(
            (theme for theme in themes if theme.is_focus), key=lambda t: (t.position, t.name)
        ),
    }
