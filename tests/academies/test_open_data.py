"""Open data read as published: Sirene's partial diffusion and legal names, the industry
filter, the Annuaire's complete exports, blanks and duplicates."""

import csv
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from academies.importers import (
    ImportFileError,
    companies_import,
    naf_is_industrial,
    schools_import,
)
from academies.models import Company, School
from academies.selectors import companies_to_contact
from tests import factories

DATA = Path(__file__).resolve().parent.parent / "data"
ANNUAIRE = DATA / "annuaire_education_sample.csv"
SIRENE = DATA / "sirene_etablissements_sample.csv"
UNITES = DATA / "sirene_unites_legales_sample.csv"

PARTIAL_FILLED = "51487263900018"  # P, street cells filled all the same
PARTIAL_ND = "44781230600010"  # P, street cells "[ND]" as INSEE publishes them
PARTIAL_SOLE_TRADER = "81234567600017"  # P establishment and legal unit, a person
SOLE_TRADER = "90276543700014"  # fully diffusible person, no usual name
NOT_INDUSTRY = {"35600000001005", "38912345600011", "79345612000013"}  # 53.10Z 56.10A 62.01Z


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return file.read().splitlines(keepends=True)


def header(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return next(csv.reader(file))


def import_sirene(**options):
    return companies_import(lines=read(SIRENE), legal_unit_lines=read(UNITES), **options)


def run_command(name, *args, **options):
    out = io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue().splitlines()


# --- the samples ----------------------------------------------------------------------------


def test_samples_carry_the_published_headers():
    etablissements = header(SIRENE)
    assert len(etablissements) == 54
    assert etablissements[0] == "siren"
    assert etablissements[-1] == "activitePrincipaleNAF25Etablissement"
    # The published file's Lambert columns end with a space; the importer reads them anyway.
    assert "coordonneeLambertAbscisseEtablissement " in etablissements
    assert "coordonneeLambertOrdonneeEtablissement " in etablissements

    unites = header(UNITES)
    assert len(unites) == 35
    assert unites[:2] == ["siren", "statutDiffusionUniteLegale"]
    assert unites[-1] == "activitePrincipaleNAF25UniteLegale"


# --- Sirene: names from the legal units -----------------------------------------------------


def test_legal_units_name_the_establishments_without_a_usual_name(db):
    report = import_sirene()

    assert (report.created, report.rejected) == (19, 1)
    # The 19 SIREN of valid SIRET are looked for; 10 are in the legal units sample.
    assert (report.legal_units_needed, report.legal_units_found) == (19, 10)
    tissages = Company.objects.get(siret="84512678800122")
    assert tissages.name == "TISSAGES DE VILLEURBANNE"
    assert tissages.legal_name == "TISSAGES DE VILLEURBANNE"
    # Blanks squashed as everywhere else.
    assert Company.objects.get(siret="52208876400017").name == "ATELIERS DE CHARTREUSE"
    # The establishment's own name (its enseigne) comes first; the legal name is kept beside.
    batignolles = Company.objects.get(siret="51234987900134")
    assert batignolles.name == "BATIGNOLLES AERONAUTIQUE"
    assert batignolles.legal_name == "SOCIETE DES ATELIERS DES BATIGNOLLES"
    # No legal unit in the file: the establishment's name or the fallback, as before.
    assert Company.objects.get(siret="39876123900324").name == "MENUISERIE DU GRESIVAUDAN"


def test_a_sole_trader_is_named_after_the_person(db):
    import_sirene()

    sole_trader = Company.objects.get(siret=SOLE_TRADER)
    assert sole_trader.name == "PIERRE DURAND"  # usual first name, then name
    assert sole_trader.legal_name == "PIERRE DURAND"
    assert sole_trader.diffusion == Company.Diffusion.FULL
    assert sole_trader.address == "27 AVENUE DE L'EUROPE"


def test_reimporting_with_the_legal_units_changes_nothing(db):
    import_sirene()
    report = import_sirene()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 19)

    # Without the legal units' file, the names it gave stay.
    report = companies_import(lines=read(SIRENE))
    assert report.updated == 0
    assert Company.objects.get(siret="84512678800122").name == "TISSAGES DE VILLEURBANNE"
    assert Company.objects.get(siret=SOLE_TRADER).legal_name == "PIERRE DURAND"


def test_the_legal_units_file_needs_its_columns(db, tmp_path):
    rows = read(UNITES)
    rows[0] = rows[0].replace("denominationUniteLegale", "raisonSociale")
    with pytest.raises(ImportFileError, match="unités légales.*denominationUniteLegale"):
        companies_import(lines=read(SIRENE), legal_unit_lines=rows)
    assert not Company.objects.exists()


def test_reading_the_establishments_twice_needs_more_than_a_one_shot_iterator(db):
    with pytest.raises(TypeError, match="twice"):
        companies_import(lines=iter(read(SIRENE)), legal_unit_lines=read(UNITES))


def test_the_legal_units_are_read_from_files_too(db):
    with (
        open(SIRENE, encoding="utf-8", newline="") as etablissements,
        open(UNITES, encoding="utf-8", newline="") as unites,
    ):
        report = companies_import(lines=etablissements, legal_unit_lines=unites)
    assert report.created == 19
    assert Company.objects.get(siret="84512678800122").name == "TISSAGES DE VILLEURBANNE"


# --- Sirene: partial diffusion --------------------------------------------------------------


def test_partial_diffusion_never_stores_the_street_even_when_the_cells_are_filled(db):
    import_sirene()

    filled = Company.objects.get(siret=PARTIAL_FILLED)
    assert filled.diffusion == Company.Diffusion.PARTIAL
    assert (filled.address, filled.postcode) == ("", "")
    assert (filled.city, filled.city_code, filled.department.code) == (
        "VILLARD-DE-LANS",
        "38548",
        "38",
    )
    assert (filled.latitude, filled.longitude) == (None, None)
    assert filled.name == "MICROMECANIQUE DU VERCORS"  # a legal person's name is published

    published = Company.objects.get(siret=PARTIAL_ND)
    assert published.is_partially_diffused
    assert published.address == ""
    assert published.city == "CROLLES"


def test_a_sole_trader_in_partial_diffusion_keeps_neither_street_nor_name(db):
    import_sirene()

    person = Company.objects.get(siret=PARTIAL_SOLE_TRADER)
    assert person.is_partially_diffused
    assert person.name == "Établissement 812 345 676 00017"
    assert person.legal_name == ""
    assert person.address == ""
    stored = " ".join(str(value) for row in Company.objects.values_list() for value in row if value)
    for word in ("SOPHIE", "MARTIN SOPHIE", "FORGES"):
        assert word not in stored


def test_partial_diffusion_is_read_without_the_legal_units_too(db):
    companies_import(lines=read(SIRENE))
    assert Company.objects.get(siret=PARTIAL_FILLED).address == ""
    assert Company.objects.filter(diffusion=Company.Diffusion.PARTIAL).count() == 3


def test_a_company_turning_partial_loses_its_stored_address_and_point(db, tmp_path):
    rows = read(SIRENE)
    full = [rows[0]] + [
        line.replace(",P,", ",O,", 1) for line in rows[1:] if PARTIAL_FILLED in line
    ]
    companies_import(lines=full)
    company = Company.objects.get(siret=PARTIAL_FILLED)
    assert company.address == "8 RUE DES ARTISANS"
    Company.objects.filter(pk=company.pk).update(latitude=45.07, longitude=5.55)  # by hand

    report = companies_import(lines=[rows[0]] + [line for line in rows if PARTIAL_FILLED in line])

    assert report.updated == 1
    company.refresh_from_db()
    assert (company.diffusion, company.address, company.postcode) == ("P", "", "")
    assert (company.latitude, company.longitude) == (None, None)


def test_the_database_refuses_a_street_address_for_a_partial_company(db):
    company = factories.CompanyFactory(
        diffusion=Company.Diffusion.PARTIAL, address="", latitude=None, longitude=None
    )

    company.address = "8 rue des Artisans"
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "diffusion partielle" in error.value.message_dict["address"][0]

    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.filter(pk=company.pk).update(address="8 rue des Artisans")


def test_partial_companies_are_never_suggested_for_contact(db):
    import_sirene()

    suggested = set(companies_to_contact().values_list("siret", flat=True))

    assert PARTIAL_FILLED not in suggested
    assert PARTIAL_ND not in suggested
    assert PARTIAL_SOLE_TRADER not in suggested
    assert SOLE_TRADER in suggested
    assert "38512467200242" in suggested
    assert not suggested & NOT_INDUSTRY  # industry only
    assert "33221144000406" not in suggested  # closed


def test_partial_companies_are_not_offered_in_the_admin_filter(client, national_staff):
    import_sirene()
    client.force_login(national_staff)

    html = client.get("/admin/academies/company/", {"a_solliciter": "oui"}).content.decode()

    assert "PIERRE DURAND" in html
    assert "MICROMECANIQUE DU VERCORS" not in html


# --- Sirene: industry only ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "industrial"),
    [
        ("05.10Z", True),
        ("10.71C", True),  # bakery-pastry making is manufacturing (section C)
        ("26.11Z", True),
        ("35.11Z", True),
        ("39.00Z", True),
        ("04.00Z", False),
        ("40.00Z", False),
        ("47.24Z", False),  # a bread shop is retail
        ("53.10Z", False),
        ("", False),
    ],
)
def test_naf_sections_b_to_e(code, industrial):
    assert naf_is_industrial(code) is industrial


def test_industry_only_keeps_divisions_05_to_39(db):
    report = import_sirene(industry_only=True)

    assert (report.created, report.rejected, report.skipped) == (16, 1, 3)
    assert report.rows == 20
    stored = set(Company.objects.values_list("siret", flat=True))
    assert not stored & NOT_INDUSTRY
    # Names are only looked for where needed: the three left aside are not.
    assert report.legal_units_needed == 16


def test_import_companies_command_with_legal_units_and_industry_only(db):
    out = run_command("import_companies", SIRENE, unites_legales=UNITES, industrie=True)

    for line in (
        "Créés : 16",
        "Rejetés : 1",
        "Écartés (hors industrie, NAF 05 à 39) : 3",
        "Unités légales trouvées : 8 sur 16 SIREN",
    ):
        assert line in out
    assert Company.objects.get(siret="84512678800122").name == "TISSAGES DE VILLEURBANNE"


def test_import_companies_refuses_a_missing_legal_units_file(db, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Fichier introuvable"):
        run_command("import_companies", SIRENE, unites_legales=tmp_path / "absent.csv")


# --- Annuaire: complete exports, blanks, duplicates ------------------------------------------


def annuaire_without(*uais, keep=lambda line: True):
    lines = read(ANNUAIRE)
    return [lines[0]] + [
        line for line in lines[1:] if line.split(";", 1)[0] not in uais and keep(line)
    ]


def open_uais():
    return set(School.objects.filter(is_open=True).values_list("uai", flat=True))


def test_a_complete_export_closes_the_schools_it_no_longer_lists(db):
    schools_import(lines=read(ANNUAIRE))
    before = open_uais()

    report = schools_import(lines=annuaire_without("0381778B", "0384412P"), complete=True)

    assert report.closed == 2
    assert before - open_uais() == {"0381778B", "0384412P"}
    assert School.objects.count() == 14  # closed, never deleted
    assert not School.objects.get(uai="0381778B").is_open


def test_without_the_complete_flag_nothing_is_closed(db):
    schools_import(lines=read(ANNUAIRE))
    before = open_uais()

    report = schools_import(lines=annuaire_without("0381778B", "0384412P"))

    assert report.closed is None
    assert open_uais() == before


def test_an_academie_export_closes_nothing_in_the_other_academies(db):
    schools_import(lines=read(ANNUAIRE))
    before = open_uais()
    grenoble = ";038;08;", ";007;08;"  # the académie de Grenoble's rows (Isère, Ardèche)

    report = schools_import(
        lines=annuaire_without("0383069E", keep=lambda line: any(g in line for g in grenoble)),
        complete=True,
    )

    assert report.closed == 1
    assert before - open_uais() == {"0383069E"}


def test_a_listed_school_whose_row_is_rejected_is_not_closed(db):
    schools_import(lines=read(ANNUAIRE))
    lines = [
        line.replace(";45.1852;5.7333;", ";quarante-cinq;5.7333;") if "0381778B" in line else line
        for line in read(ANNUAIRE)
    ]

    report = schools_import(lines=lines, complete=True)

    assert report.closed == 0
    assert School.objects.get(uai="0381778B").is_open
    assert report.rejected == 2  # the bad UAI of the sample, the bad latitude


def test_a_complete_dry_run_counts_without_closing(db):
    schools_import(lines=read(ANNUAIRE))
    before = open_uais()

    report = schools_import(lines=annuaire_without("0381778B"), complete=True, dry_run=True)

    assert report.closed == 1
    assert open_uais() == before


def test_import_schools_command_reports_the_closed_schools(db, tmp_path):
    run_command("import_schools", ANNUAIRE)
    partial = tmp_path / "annuaire.csv"
    partial.write_text("".join(annuaire_without("0381778B", "0384412P")), encoding="utf-8")

    out = run_command("import_schools", partial, complet=True)

    assert "Fermés (absents de l'export complet) : 2" in out
    out = run_command("import_schools", partial)
    assert not any(line.startswith("Fermés") for line in out)


def test_blanks_in_names_and_communes_are_squashed(db):
    schools_import(lines=read(ANNUAIRE))

    paris = School.objects.get(uai="0750680G")
    assert paris.name == "Lycée Jacques Decour"
    assert paris.city == "Paris 9e Arrondissement"


def test_a_uai_listed_twice_keeps_its_first_row_whatever_the_batch(db):
    lines = read(ANNUAIRE)
    first = next(line for line in lines if line.startswith("0381778B"))
    again = first.replace("Collège Champollion", "Collège Jean-François Champollion")

    report = schools_import(lines=[*lines, again], batch_size=2)

    assert School.objects.get(uai="0381778B").name == "Collège Champollion"
    assert report.rejected == 2
    assert str(report.rejections[-1]) == "ligne 17 : UAI « 0381778B » en double (déjà ligne 3)"
