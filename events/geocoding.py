"""Address → coordinates for the events organizers declare.

A `Geocoder` answers `geocode(address=, postcode=, city=)` with a `GeoPoint` or None. The
default, `KnownPlacesGeocoder`, only reads what we know: the centroid of the schools and
companies of our tables with that postcode (events.geo), else with that commune. The
optional `BanGeocoder` asks the Base Adresse Nationale (api-adresse.data.gouv.fr) with a
short timeout and falls back to the default; it is chosen with the setting
`EVENT_GEOCODER = "ban"` and never called in tests (they use `geocoder_override`).
The organizer can always correct the coordinates by hand.
"""

import contextlib
import json
import logging
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db.models import Avg

from academies.models import Company, Department, School

from .geo import DatabaseGeocoder

logger = logging.getLogger(__name__)

BAN_URL = "https://api-adresse.data.gouv.fr/search/"
BAN_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float
    city_code: str = ""
    precise: bool = False  # the street address itself, not a commune's centroid


class Geocoder(Protocol):
    def geocode(self, *, address: str, postcode: str, city: str) -> GeoPoint | None: ...


class KnownPlacesGeocoder:
    """Our own tables: the postcode's centroid, else the commune's (no external call)."""

    def geocode(self, *, address: str, postcode: str, city: str) -> GeoPoint | None:
        postcode = (postcode or "").strip()
        if postcode:
            place = DatabaseGeocoder().locate_postcode(postcode)
            if place is not None:
                return GeoPoint(place.latitude, place.longitude)
        city = (city or "").strip()
        if not city:
            return None
        for model in (School, Company):
            centroid = (
                model.objects.filter(city__iexact=city, latitude__isnull=False)
                .exclude(longitude__isnull=True)
                .aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
            )
            if centroid["latitude"] is not None:
                return GeoPoint(centroid["latitude"], centroid["longitude"])
        return None


class BanGeocoder:
    """The Base Adresse Nationale, best match, short timeout; our tables when it fails."""

    def __init__(self, *, fallback: Geocoder | None = None, timeout: float = BAN_TIMEOUT_SECONDS):
        self.fallback = fallback or KnownPlacesGeocoder()
        self.timeout = timeout

    def geocode(self, *, address: str, postcode: str, city: str) -> GeoPoint | None:
        query = " ".join(part for part in (address, postcode, city) if part).strip()
        if len(query) >= 3:
            params = {"q": query[:200], "limit": "1"}
            if postcode:
                params["postcode"] = postcode
            url = f"{BAN_URL}?{urllib.parse.urlencode(params)}"
            try:
                with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310
                    data = json.load(response)
                feature = (data.get("features") or [None])[0]
                if feature:
                    longitude, latitude = feature["geometry"]["coordinates"]
                    properties = feature.get("properties", {})
                    return GeoPoint(
                        float(latitude),
                        float(longitude),
                        city_code=properties.get("citycode", ""),
                        precise=properties.get("type") == "housenumber",
                    )
            except (OSError, ValueError, KeyError, TypeError) as error:
                logger.warning("BAN geocoding failed: %s", error)
        return self.fallback.geocode(address=address, postcode=postcode, city=city)


_override: Geocoder | None = None


def geocoder_get() -> Geocoder:
    if _override is not None:
        return _override
    if getattr(settings, "EVENT_GEOCODER", "") == "ban":
        return BanGeocoder()
    return KnownPlacesGeocoder()


@contextlib.contextmanager
def geocoder_override(geocoder: Geocoder):
    """Use another geocoder for the duration of the block (tests)."""
    global _override
    previous, _override = _override, geocoder
    try:
        yield geocoder
    finally:
        _override = previous


def department_for_postcode(postcode: str) -> Department | None:
    """The département of a French postcode: two digits, three overseas (97x), Corsica's
    200–201 → 2A and 202–206 → 2B."""
    postcode = (postcode or "").strip()
    if len(postcode) != 5 or not postcode.isdigit():
        return None
    if postcode.startswith("97"):
        code = postcode[:3]
    elif postcode.startswith("20"):
        code = "2A" if int(postcode[:3]) < 202 else "2B"
    else:
        code = postcode[:2]
    return Department.objects.select_related("academy").filter(code=code).first()
