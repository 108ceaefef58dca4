"""Where a SIRET is looked up when someone attaches to a company: the `CompanyDirectory`.

The default, `DatabaseCompanyDirectory`, answers from the companies we imported (Sirene).
`RechercheEntreprisesDirectory` also asks the public « API Recherche d'entreprises »
(https://recherche-entreprises.api.gouv.fr) for a SIRET we do not know, with a short timeout,
to prefill the creation form; it is chosen by the `COMPANY_DIRECTORY` setting (a dotted
path) and never called in tests, which use a fake.

Whatever the source, a partially diffused establishment (Sirene status `P`) comes back
without its street address: the commune only.
"""

import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from semaine.text import fold

from .models import Company, Department, School
from .validators import siret_normalize, uai_is_valid, uai_normalize

logger = logging.getLogger(__name__)

DEFAULT_DIRECTORY = "academies.directory.DatabaseCompanyDirectory"
API_URL = "https://recherche-entreprises.api.gouv.fr/search"
API_TIMEOUT_SECONDS = 3


@dataclass(frozen=True)
class CompanyRecord:
    """What a directory knows of an establishment; `company` is ours when we hold it."""

    siret: str
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    naf_code: str = ""
    diffusion: str = Company.Diffusion.FULL
    company: Company | None = None

    @property
    def is_partially_diffused(self) -> bool:
        return self.diffusion == Company.Diffusion.PARTIAL


class CompanyDirectory(Protocol):
    def lookup(self, *, siret: str) -> CompanyRecord | None:
        """The establishment `siret` (normalized, valid), or None when unknown."""


def _record_from_company(company: Company) -> CompanyRecord:
    return CompanyRecord(
        siret=company.siret,
        name=company.name,
        address="" if company.is_partially_diffused else company.address,
        postcode=company.postcode,
        city=company.city,
        naf_code=company.naf_code,
        diffusion=company.diffusion,
        company=company,
    )


class DatabaseCompanyDirectory:
    """The companies we hold (imported from Sirene or created at onboarding)."""

    def lookup(self, *, siret: str) -> CompanyRecord | None:
        company = (
            Company.objects.select_related("department")
            .filter(siret=siret_normalize(siret))
            .first()
        )
        return _record_from_company(company) if company else None


class RechercheEntreprisesDirectory(DatabaseCompanyDirectory):
    """Ours first; else the public API, whose answer only prefills the creation form."""

    timeout = API_TIMEOUT_SECONDS

    def lookup(self, *, siret: str) -> CompanyRecord | None:
        record = super().lookup(siret=siret)
        if record is not None:
            return record
        siret = siret_normalize(siret)
        try:
            payload = self.fetch(siret=siret)
        except (OSError, ValueError) as error:  # timeouts, HTTP errors, bad JSON
            logger.warning("API Recherche d'entreprises unavailable for %s: %s", siret, error)
            return None
        return record_from_api(payload, siret=siret)

    def fetch(self, *, siret: str) -> dict:
        url = f"{API_URL}?{urllib.parse.urlencode({'q': siret})}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))


def _partial(*statuses) -> bool:
    return any(str(status or "").upper() == "P" for status in statuses)


def record_from_api(payload: dict, *, siret: str) -> CompanyRecord | None:
    """The establishment `siret` in an « API Recherche d'entreprises » answer, if any."""
    for result in payload.get("results") or []:
        establishments = [result.get("siege") or {}, *(result.get("matching_etablissements") or [])]
        for establishment in establishments:
            if establishment.get("siret") != siret:
                continue
            partial = (
                _partial(
                    result.get("statut_diffusion"),
                    establishment.get("statut_diffusion_etablissement"),
                    establishment.get("statut_diffusion"),
                )
                or "NON-DIFFUSIBLE" in str(establishment.get("adresse") or "").upper()
            )
            name = result.get("nom_raison_sociale") or result.get("nom_complet") or ""
            return CompanyRecord(
                siret=siret,
                name=name[:255],
                address="" if partial else str(establishment.get("adresse") or "")[:255],
                postcode=str(establishment.get("code_postal") or "")[:5],
                city=str(establishment.get("libelle_commune") or "")[:100],
                naf_code=str(
                    establishment.get("activite_principale")
                    or result.get("activite_principale")
                    or ""
                )[:6],
                diffusion=Company.Diffusion.PARTIAL if partial else Company.Diffusion.FULL,
            )
    return None


def company_directory() -> CompanyDirectory:
    """The directory chosen by settings.COMPANY_DIRECTORY (default: our database)."""
    return import_string(getattr(settings, "COMPANY_DIRECTORY", DEFAULT_DIRECTORY))()


def department_code_for_postcode(postcode: str) -> str | None:
    """The département of a French postcode: its first two digits; Corsica 200xx–201xx is
    2A and 202xx–206xx 2B; overseas (97x) three digits. None when it is no postcode."""
    postcode = (postcode or "").strip()
    if len(postcode) != 5 or not postcode.isdigit():
        return None
    if postcode.startswith("20"):
        return "2A" if postcode < "20200" else "2B"
    if postcode.startswith("97"):
        return postcode[:3]
    return postcode[:2]


def department_for_postcode(postcode: str) -> Department | None:
    code = department_code_for_postcode(postcode)
    if code is None:
        return None
    return Department.objects.select_related("academy").filter(code=code).first()


# --- schools ------------------------------------------------------------------------------

SCHOOL_SEARCH_LIMIT = 20
SCHOOL_SEARCH_MAX_WORDS = 5


def school_search(*, query: str) -> list[School]:
    """Open schools matching a UAI, a postcode's first digits, or every word of `query` in
    their name or commune (accents and case ignored), by name; at most
    SCHOOL_SEARCH_LIMIT + 1 rows, so that the page can say there are more.

    On PostgreSQL the folded name and commune have trigram indexes (migration 0008)."""
    from events.search import Fold

    query = (query or "").strip()[:100]
    schools = School.objects.filter(is_open=True).select_related("department__academy")
    compact = uai_normalize(query)
    if uai_is_valid(compact):
        return list(schools.filter(uai=compact)[:1])
    if compact.isdigit():
        if not 2 <= len(compact) <= 5:
            return []
        schools = schools.filter(postcode__startswith=compact)
    else:
        words = [w for w in re.split(r"[^\w]+", fold(query)) if len(w) >= 2]
        if not words:
            return []
        schools = schools.alias(name_folded=Fold("name"), city_folded=Fold("city"))
        for word in words[:SCHOOL_SEARCH_MAX_WORDS]:
            schools = schools.filter(Q(name_folded__contains=word) | Q(city_folded__contains=word))
    return list(schools.order_by("name", "pk")[: SCHOOL_SEARCH_LIMIT + 1])
