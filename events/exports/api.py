"""JSON export of published events (/api/evenements.json): the shape of one result.

The fields below are the contract documented on /donnees/: add, never rename or remove.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Event
from .common import event_location, event_url, local_iso, sessions_of

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100

# (field, meaning, type) for the documentation page.
ENVELOPE_FIELDS = [
    ("count", _("Nombre total d'événements correspondant aux filtres"), _("entier")),
    ("page", _("Numéro de la page renvoyée (à partir de 1)"), _("entier")),
    ("pages", _("Nombre de pages"), _("entier")),
    ("next", _("URL de la page suivante, ou null"), _("URL ou null")),
    ("previous", _("URL de la page précédente, ou null"), _("URL ou null")),
    ("licence", _("Licence des données : Licence Ouverte / Open Licence 2.0"), _("texte")),
    ("results", _("Les événements de la page, décrits ci-dessous"), _("liste")),
]

RESULT_FIELDS = [
    ("id", _("Identifiant stable de l'événement"), _("entier")),
    ("title", _("Titre"), _("texte")),
    ("summary", _("Résumé"), _("texte")),
    ("description", _("Description"), _("texte")),
    ("url", _("Adresse de la page publique"), _("URL")),
    ("edition", _("Année de l'édition"), _("entier")),
    ("status", _("Toujours « published » (événement labellisé)"), _("texte")),
    ("published_at", _("Date et heure de labellisation"), _("date et heure ISO 8601")),
    ("organizer", _("Nom de la structure organisatrice"), _("texte")),
    ("organizer_kind", _("company, school ou other"), _("texte")),
    ("format", _("onsite (sur place), online (en ligne) ou hybrid"), _("texte")),
    ("action_types", _("Types d'action : liste de {slug, name}"), _("liste d'objets")),
    ("themes", _("Thématiques : liste de {slug, name}"), _("liste d'objets")),
    ("audiences", _("Publics visés : liste de {slug, name}"), _("liste d'objets")),
    ("address", _("Adresse (vide pour un événement en ligne)"), _("texte")),
    ("postcode", _("Code postal"), _("texte")),
    ("city", _("Commune"), _("texte")),
    ("location", _("Adresse complète sur une ligne"), _("texte")),
    ("department", _("Département : {code, name}"), _("objet")),
    ("academy", _("Académie : {code, name, slug}"), _("objet")),
    ("region", _("Région académique : {name, slug}"), _("objet")),
    ("time_zone", _("Fuseau horaire de l'académie (Europe/Paris, Indian/Reunion…)"), _("texte")),
    ("coordinates", _("{latitude, longitude} en WGS 84, ou null"), _("objet ou null")),
    ("is_accessible", _("Accessible aux personnes en situation de handicap"), _("booléen")),
    ("accessibility_details", _("Précisions sur l'accessibilité"), _("texte")),
    ("is_free", _("Gratuit"), _("booléen")),
    ("accepts_class_registrations", _("Les enseignants peuvent inscrire une classe"), _("booléen")),
    ("sessions", _("Créneaux, dans l'ordre chronologique (voir ci-dessous)"), _("liste d'objets")),
]

SESSION_FIELDS = [
    ("sessions[].id", _("Identifiant stable du créneau"), _("entier")),
    ("sessions[].start", _("Début, heure locale de l'académie avec décalage"), _("ISO 8601")),
    ("sessions[].end", _("Fin, heure locale de l'académie avec décalage"), _("ISO 8601")),
    ("sessions[].capacity", _("Capacité en élèves, null si sans limite"), _("entier ou null")),
    (
        "sessions[].places_left",
        _("Places restantes en élèves ; null si sans limite ou si le créneau est passé"),
        _("entier ou null"),
    ),
    (
        "sessions[].is_past",
        _("Vrai quand le créneau a commencé ou est passé : il n'offre alors plus de places"),
        _("booléen"),
    ),
]


def _refs(manager) -> list[dict]:
    return [{"slug": item.slug, "name": item.name} for item in manager.all()]


def session_to_dict(session, event: Event, *, now: datetime.datetime | None = None) -> dict:
    """One session; a past one (started) never offers places: `places_left` is null and
    `is_past` true (see `rules.capacity.session_offers_places`)."""
    now = now or timezone.now()
    is_past = session.starts_at <= now
    places_left = getattr(session, "places_left", None)
    return {
        "id": session.pk,
        "start": local_iso(session.starts_at, event),
        "end": local_iso(session.ends_at, event),
        "capacity": session.capacity,
        "places_left": None if is_past or session.capacity is None else places_left,
        "is_past": is_past,
    }


def event_to_dict(
    event: Event, *, base_url: str = "", now: datetime.datetime | None = None
) -> dict:
    """One result of the JSON export (relations and sessions should be prefetched); `now`
    (the time of the request by default) says which sessions are past."""
    now = now or timezone.now()
    academy = event.academy
    onsite = event.format != Event.Format.ONLINE
    return {
        "id": event.pk,
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "url": event_url(event, base_url=base_url),
        "edition": event.edition.year,
        "status": event.status,
        "published_at": local_iso(event.published_at, event),
        "organizer": event.organizer_display,
        "organizer_kind": event.organizer_kind,
        "format": event.format,
        "action_types": _refs(event.action_types),
        "themes": _refs(event.themes),
        "audiences": _refs(event.audiences),
        "address": event.address if onsite else "",
        "postcode": event.postcode,
        "city": event.city,
        "location": event_location(event),
        "department": {"code": event.department.code, "name": event.department.name},
        "academy": {"code": academy.code, "name": academy.name, "slug": academy.slug},
        "region": {"name": academy.region.name, "slug": academy.region.slug},
        "time_zone": academy.time_zone,
        "coordinates": (
            {"latitude": event.latitude, "longitude": event.longitude}
            if event.has_coordinates
            else None
        ),
        "is_accessible": event.is_accessible,
        "accessibility_details": event.accessibility_details,
        "is_free": event.is_free,
        "accepts_class_registrations": event.accepts_class_registrations,
        "sessions": [session_to_dict(session, event, now=now) for session in sessions_of(event)],
    }
