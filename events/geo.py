"""Distance search: "près de mon établissement / de ma commune".

`pres_de` is a school's UAI (its coordinates) or a 5-digit postcode (the mean of the
coordinates of the schools and companies of our tables with that postcode). Resolution goes
through a `GeocoderBackend`; the default one only reads our tables (no external call), tests
swap in a fake with `geocoder_override`.

The distance itself is computed in SQL (haversine, no PostGIS) after a bounding-box prefilter
on Event.latitude/longitude, which the `event_coordinates_idx` index serves.
"""

import contextlib
import math
import re
from dataclasses import dataclass
from typing import Protocol

from django.db.models import QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils.translation import gettext as _

from academies.models import Company, School
from academies.validators import uai_is_valid, uai_normalize

EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 30
MIN_RADIUS_KM = 1
MAX_RADIUS_KM = 200

POSTCODE_RE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Place:
    """A point to measure distances from, with what to call it on the page."""

    latitude: float
    longitude: float
    label: str


class GeocoderBackend(Protocol):
    def locate_school(self, uai: str) -> Place | None: ...

    def locate_postcode(self, postcode: str) -> Place | None: ...


class DatabaseGeocoder:
    """Our own tables only: schools by UAI, mean of schools and companies by postcode."""

    def locate_school(self, uai: str) -> Place | None:
        school = (
            School.objects.filter(uai=uai, latitude__isnull=False, longitude__isnull=False)
            .only("name", "city", "latitude", "longitude")
            .first()
        )
        if school is None:
            return None
        label = f"{school.name} ({school.city})" if school.city else school.name
        return Place(school.latitude, school.longitude, label)

    def locate_postcode(self, postcode: str) -> Place | None:
        points = (
            School.objects.filter(postcode=postcode, latitude__isnull=False)
            .exclude(longitude__isnull=True)
            .values_list("latitude", "longitude", "city")
            .order_by()
            .union(
                Company.objects.filter(postcode=postcode, latitude__isnull=False)
                .exclude(longitude__isnull=True)
                .values_list("latitude", "longitude", "city")
                .order_by(),
                all=True,
            )
            .order_by()
        )
        rows = list(points[:2000])
        if not rows:
            return None
        latitude = sum(row[0] for row in rows) / len(rows)
        longitude = sum(row[1] for row in rows) / len(rows)
        cities = sorted({row[2] for row in rows if row[2]})
        label = f"{postcode} {cities[0]}" if len(cities) == 1 else postcode
        return Place(latitude, longitude, label)


_backend: GeocoderBackend = DatabaseGeocoder()


def geocoder_get() -> GeocoderBackend:
    return _backend


@contextlib.contextmanager
def geocoder_override(backend: GeocoderBackend):
    """Use another backend for the duration of the block (tests)."""
    global _backend
    previous, _backend = _backend, backend
    try:
        yield backend
    finally:
        _backend = previous


class PlaceNotFound(ValueError):
    """`pres_de` is malformed or unknown; the message is for the user."""


def place_resolve(*, query: str, backend: GeocoderBackend | None = None) -> Place:
    """A UAI or a postcode → a Place; raises PlaceNotFound with a French message otherwise."""
    backend = backend or geocoder_get()
    value = (query or "").strip().upper()
    if POSTCODE_RE.match(value):
        place = backend.locate_postcode(value)
        if place is None:
            raise PlaceNotFound(
                _("Aucun établissement ni aucune entreprise connus au code postal %(code)s.")
                % {"code": value}
            )
        return place
    uai = uai_normalize(value)
    if len(uai) == 8 and uai_is_valid(uai):
        place = backend.locate_school(uai)
        if place is None:
            raise PlaceNotFound(
                _("L'établissement %(uai)s est inconnu ou n'a pas de coordonnées.") % {"uai": uai}
            )
        return place
    raise PlaceNotFound(
        _("Indiquez un code postal (5 chiffres) ou l'identifiant UAI d'un établissement.")
    )


def radius_clamp(value: int | float | None) -> int:
    if value is None:
        return DEFAULT_RADIUS_KM
    return int(max(MIN_RADIUS_KM, min(MAX_RADIUS_KM, value)))


def bounding_box(place: Place, radius_km: float) -> dict:
    """Lookups keeping the events in the smallest latitude/longitude box around the circle
    (a cheap, indexed prefilter; the exact distance is checked afterwards)."""
    angle = radius_km / EARTH_RADIUS_KM  # radians on a great circle
    dlat = math.degrees(angle)
    lookups = {
        "latitude__gte": place.latitude - dlat,
        "latitude__lte": place.latitude + dlat,
    }
    # The circle's widest longitude offset (not angle / cos φ, which is slightly narrower).
    ratio = math.sin(angle) / max(math.cos(math.radians(place.latitude)), 1e-12)
    if ratio < 1:
        dlon = math.degrees(math.asin(ratio))
        west, east = place.longitude - dlon, place.longitude + dlon
        if west >= -180 and east <= 180:  # else the box crosses the antimeridian: no bound
            lookups["longitude__gte"] = west
            lookups["longitude__lte"] = east
    return lookups


def haversine_km_expression(place: Place):
    """Great-circle distance in km from `place` to the row's (latitude, longitude), in SQL."""
    lat0 = math.radians(place.latitude)
    lon0 = math.radians(place.longitude)
    lat = Radians("latitude")
    lon = Radians("longitude")
    half_dlat = Sin((lat - Value(lat0)) / Value(2.0))
    half_dlon = Sin((lon - Value(lon0)) / Value(2.0))
    a = Power(half_dlat, 2) + Value(math.cos(lat0)) * Cos(lat) * Power(half_dlon, 2)
    # Rounding can push `a` just above 1, out of ASIN's domain.
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(a, Value(1.0))))


def events_near(events: QuerySet, *, place: Place, radius_km: float) -> QuerySet:
    """Events within `radius_km` of `place`, annotated with `distance_km`."""
    return (
        events.filter(**bounding_box(place, radius_km))
        .annotate(distance_km=haversine_km_expression(place))
        .filter(distance_km__lte=radius_km)
    )
