"""The académies: their landing pages and the list by région académique."""

from itertools import groupby

from academies.models import Academy, Department
from semaine.text import fold

from ..models import Event
from .editions import event_figures

# --- Académies -------------------------------------------------------------------------------


def academy_get(*, slug: str) -> Academy:
    """An académie with its région and `department_list` (in code order), in one query;
    raises Academy.DoesNotExist."""
    departments = list(
        Department.objects.filter(academy__slug=slug)
        .select_related("academy__region")
        .order_by("code")
    )
    if departments:
        academy = departments[0].academy
    else:  # an académie without département (not in the reference data)
        academy = Academy.objects.select_related("region").get(slug=slug)
    academy.department_list = departments
    return academy


def academy_figures(*, academy: Academy, year: int) -> dict:
    """Published events, sessions and places of one académie in the edition of `year`
    (one aggregate query)."""
    return event_figures(Event.objects.published().filter(edition__year=year, academy=academy))


def academies_by_region() -> list[tuple[str, list[Academy]]]:
    """(région académique, its académies) pairs, alphabetical, accents ignored; one query."""
    academies = sorted(
        Academy.objects.select_related("region"),
        key=lambda a: (fold(a.region.name), fold(a.name)),
    )
    return [
        (region, list(members))
        for region, members in groupby(academies, key=lambda a: a.region.name)
    ]
