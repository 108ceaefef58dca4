"""CSV export of published events: UTF-8 with BOM, `;` separated, one row per event.

The columns below are the contract documented on /donnees/: add new ones at the end, never
rename or reorder them. Headers stay in French whatever the visitor's language.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from semaine.spreadsheets import cell_neutralise

from ..models import Event
from .common import event_location, event_url, local_iso, places_offered, sessions_of

BOM = "\ufeff"
DELIMITER = ";"
LIST_SEPARATOR = " | "

# Spreadsheet formulas neutralised (semaine/spreadsheets.py): text starting with = + - @ gets
# a leading apostrophe; numbers are written as they are (a negative longitude is no formula).
safe_cell = cell_neutralise


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _names(manager) -> str:
    return LIST_SEPARATOR.join(item.name for item in manager.all())


@dataclass(frozen=True)
class Column:
    header: str
    meaning: str
    type: str
    value: Callable[[Event, list, str], Any]


# value(event, sessions, base_url)
COLUMNS: list[Column] = [
    Column("id", _("Identifiant stable de l'événement"), _("entier"), lambda e, s, b: e.pk),
    Column("titre", _("Titre"), _("texte"), lambda e, s, b: e.title),
    Column(
        "url",
        _("Adresse de la page publique"),
        _("URL"),
        lambda e, s, b: event_url(e, base_url=b),
    ),
    Column("édition", _("Année de l'édition"), _("entier"), lambda e, s, b: e.edition.year),
    Column(
        "statut",
        _("Toujours « publié » : seuls les événements labellisés sont publiés"),
        _("texte"),
        lambda e, s, b: "publié",
    ),
    Column(
        "organisateur",
        _("Nom de l'entreprise, de l'établissement ou de la structure organisatrice"),
        _("texte"),
        lambda e, s, b: e.organizer_display,
    ),
    Column(
        "types",
        _("Types d'action, séparés par « | »"),
        _("liste"),
        lambda e, s, b: _names(e.action_types),
    ),
    Column(
        "thématiques",
        _("Thématiques, séparées par « | »"),
        _("liste"),
        lambda e, s, b: _names(e.themes),
    ),
    Column(
        "publics",
        _("Publics visés, séparés par « | »"),
        _("liste"),
        lambda e, s, b: _names(e.audiences),
    ),
    Column(
        "format",
        _("Sur place, En ligne ou Hybride"),
        _("texte"),
        lambda e, s, b: str(e.get_format_display()),
    ),
    Column(
        "adresse",
        _("Adresse (vide pour un événement en ligne)"),
        _("texte"),
        lambda e, s, b: e.address if event_location(e) else "",
    ),
    Column("code postal", _("Code postal"), _("texte"), lambda e, s, b: e.postcode),
    Column("commune", _("Commune"), _("texte"), lambda e, s, b: e.city),
    Column(
        "code département",
        _("Code INSEE du département (2A, 2B, 974…)"),
        _("texte"),
        lambda e, s, b: e.department.code,
    ),
    Column("département", _("Nom du département"), _("texte"), lambda e, s, b: e.department.name),
    Column(
        "code académie",
        _("Code ministériel de l'académie"),
        _("texte"),
        lambda e, s, b: e.academy.code,
    ),
    Column("académie", _("Nom de l'académie"), _("texte"), lambda e, s, b: e.academy.name),
    Column(
        "région académique",
        _("Nom de la région académique"),
        _("texte"),
        lambda e, s, b: e.academy.region.name,
    ),
    Column(
        "latitude",
        _("Latitude WGS 84 (vide si inconnue)"),
        _("décimal"),
        lambda e, s, b: e.latitude,
    ),
    Column(
        "longitude",
        _("Longitude WGS 84 (vide si inconnue)"),
        _("décimal"),
        lambda e, s, b: e.longitude,
    ),
    Column(
        "accessible",
        _("Accessible aux personnes en situation de handicap : oui ou non"),
        _("booléen"),
        lambda e, s, b: _yes_no(e.is_accessible),
    ),
    Column(
        "accueille des classes",
        _("Les enseignants peuvent y inscrire une classe : oui ou non"),
        _("booléen"),
        lambda e, s, b: _yes_no(e.accepts_class_registrations),
    ),
    Column(
        "premier créneau",
        _("Début du premier créneau, heure locale de l'académie avec son décalage"),
        _("date et heure ISO 8601"),
        lambda e, s, b: local_iso(s[0].starts_at, e) if s else None,
    ),
    Column(
        "dernier créneau",
        _("Fin du dernier créneau, heure locale de l'académie avec son décalage"),
        _("date et heure ISO 8601"),
        lambda e, s, b: local_iso(max(x.ends_at for x in s), e) if s else None,
    ),
    Column("nombre de créneaux", _("Nombre de créneaux"), _("entier"), lambda e, s, b: len(s)),
    Column(
        "places offertes",
        _(
            "Somme des capacités des créneaux, en élèves, passés compris : les places proposées,"
            " pas les places restantes ; vide si un créneau est sans limite"
        ),
        _("entier"),
        lambda e, s, b: places_offered(s),
    ),
    Column(
        "date de labellisation",
        _("Date et heure de publication après labellisation"),
        _("date et heure ISO 8601"),
        lambda e, s, b: local_iso(e.published_at, e),
    ),
]


def event_row(event: Event, *, base_url: str = "") -> list:
    sessions = sessions_of(event)
    return [safe_cell(column.value(event, sessions, base_url)) for column in COLUMNS]


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def events_to_csv_lines(events: Iterable[Event], *, base_url: str = "") -> Iterator[str]:
    """The CSV file line by line, starting with the BOM and the header row."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator="\r\n")
    yield BOM + writer.writerow([column.header for column in COLUMNS])
    for event in events:
        yield writer.writerow(event_row(event, base_url=base_url))
