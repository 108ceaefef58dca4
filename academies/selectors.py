"""Reads of the territory's participants that more than one page needs."""

from django.db.models import Q, QuerySet

from .models import Academy, Company

# NAF codes of sections B to E (divisions 05 to 39) sort between these two strings.
INDUSTRY_NAF = Q(naf_code__gte="05", naf_code__lt="40")


def companies_to_contact(*, academy: Academy | None = None, edition=None) -> QuerySet[Company]:
    """Companies worth suggesting to académie staff looking for organizers: active,
    industrial (NAF 05–39), of `academy` when given, without an event in `edition` when
    given. Never a company in Sirene partial diffusion: it asked not to be redistributed,
    so no list proposes it for contact."""
    companies = Company.objects.filter(
        INDUSTRY_NAF, is_active=True, diffusion=Company.Diffusion.FULL
    )
    if academy is not None:
        companies = companies.filter(department__academy=academy)
    if edition is not None:
        companies = companies.exclude(events__edition=edition)
    return companies
