import zoneinfo

from academies.models import Academy, Department, RegionAcademique
from academies.reference_data import ACADEMIES


def test_thirty_academies_in_eighteen_regions(db):
    assert Academy.objects.count() == 30
    assert RegionAcademique.objects.count() == 18
    assert Academy.objects.get(code="25").name == "Versailles"
    assert Academy.objects.get(code="70").region.name == "Normandie"


def test_every_department_is_mapped_to_its_academy(db):
    assert Department.objects.count() == 101
    assert Department.objects.filter(code__in=["2A", "2B"]).count() == 2
    assert set(Department.objects.filter(code__startswith="97").values_list("code", flat=True)) == {
        "971",
        "972",
        "973",
        "974",
        "976",
    }
    for code, _name, _region, departments in ACADEMIES:
        assert set(
            Department.objects.filter(academy__code=code).values_list("code", flat=True)
        ) == set(departments)
    assert Department.objects.get(code="2A").name == "Corse-du-Sud"
    assert Department.objects.get(code="38").academy.name == "Grenoble"


def test_overseas_academies_have_their_own_time_zone(db):
    zones = dict(Academy.objects.values_list("name", "time_zone"))
    assert zones["Guadeloupe"] == "America/Guadeloupe"
    assert zones["Martinique"] == "America/Martinique"
    assert zones["Guyane"] == "America/Cayenne"
    assert zones["La Réunion"] == "Indian/Reunion"
    assert zones["Mayotte"] == "Indian/Mayotte"
    assert zones["Corse"] == "Europe/Paris"
    assert sum(zone == "Europe/Paris" for zone in zones.values()) == 25
    for zone in zones.values():
        zoneinfo.ZoneInfo(zone)
