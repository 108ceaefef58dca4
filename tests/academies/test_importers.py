"""The Annuaire de l'éducation and Sirene importers, through their functions and commands."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from academies.importers import (
    ImportFileError,
    companies_import,
    company_address,
    schools_import,
)
from academies.models import Company, School

DATA = Path(__file__).resolve().parent.parent / "data"
ANNUAIRE = DATA / "annuaire_education_sample.csv"
SIRENE = DATA / "sirene_etablissements_sample.csv"


def import_file(importer, path, **options):
    with open(path, encoding="utf-8-sig", newline="") as lines:
        return importer(lines=lines, **options)


def read_rows(path, delimiter):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=delimiter))


def write_rows(path, rows, delimiter):
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def annuaire_lines(*changes):
    """An Annuaire file with the required columns only: a Grenoble school, changed per row."""
    base = {
        "Identifiant_de_l_etablissement": "0381778B",
        "Nom_etablissement": "Collège Champollion",
        "Type_etablissement": "Collège",
        "Statut_public_prive": "Public",
        "Adresse_1": "9 rue Général Ferrié",
        "Code_postal": "38000",
        "Code_commune": "38185",
        "Nom_commune": "Grenoble",
        "Code_departement": "038",
        "latitude": "45.1852",
        "longitude": "5.7333",
        "etat": "OUVERT",
        "SIREN_SIRET": "",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, list(base), delimiter=";", lineterminator="\n")
    writer.writeheader()
    for change in changes:
        writer.writerow(base | change)
    return out.getvalue().splitlines(keepends=True)


def run_command(name, *args, **options):
    out = io.StringIO()
    err = io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


# --- schools ------------------------------------------------------------------------------


def test_sample_annuaire_creates_schools_and_reports_the_bad_uai(db):
    report = import_file(schools_import, ANNUAIRE)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (14, 0, 0, 1)
    assert [str(rejection) for rejection in report.rejections] == [
        "ligne 7 : UAI « 0040533Z » invalide (lettre de contrôle)"
    ]
    assert School.objects.count() == 14
    assert not School.objects.filter(name="Ecole primaire du Pigeonnier").exists()


def test_annuaire_fields_are_mapped(db):
    import_file(schools_import, ANNUAIRE)

    lycee = School.objects.get(uai="0040533H")
    assert lycee.name == "Lycée polyvalent Alexandra David-Néel"
    assert lycee.kind == "Lycée"
    assert lycee.sector == School.Sector.PUBLIC
    assert lycee.address == "17 avenue du 8 Mai 1945"
    assert (lycee.postcode, lycee.city_code, lycee.city) == ("04000", "04070", "Digne-les-Bains")
    assert lycee.department.code == "04"  # "004" in the file
    assert lycee.academy.name == "Aix-Marseille"
    assert (lycee.latitude, lycee.longitude) == (44.0887, 6.2302)
    assert lycee.siret == "19040533200015"
    assert lycee.is_open

    ajaccio = School.objects.get(uai="6200004K")  # "02A" in the file
    assert ajaccio.department.code == "2A"
    assert ajaccio.academy.name == "Corse"
    assert School.objects.get(uai="7200012A").department.code == "2B"

    reunion = School.objects.get(uai="9740045F")
    assert reunion.department.code == "974"
    assert reunion.academy.time_zone == "Indian/Reunion"
    assert (reunion.latitude, reunion.longitude) == (-20.8907, 55.4791)  # decimal commas
    assert School.objects.get(uai="9760123E").academy.name == "Mayotte"

    assert School.objects.get(uai="0381780D").sector == School.Sector.PRIVATE
    assert not School.objects.get(uai="0382032C").is_open  # FERME: kept, marked closed
    assert School.objects.get(uai="0071156U").is_open  # A FERMER: still open
    assert not School.objects.get(uai="0692866R").is_open  # A OUVRIR: not open yet
    assert School.objects.get(uai="0692866R").siret == ""  # a 9-digit SIREN is no SIRET

    paris = School.objects.get(uai="0750680G")
    assert paris.latitude is None and paris.longitude is None
    assert not paris.has_coordinates


def test_reimporting_the_same_annuaire_changes_nothing(db):
    import_file(schools_import, ANNUAIRE)
    stamps = dict(School.objects.values_list("uai", "updated_at"))

    report = import_file(schools_import, ANNUAIRE)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 14, 1)
    assert School.objects.count() == 14
    assert dict(School.objects.values_list("uai", "updated_at")) == stamps


def test_a_changed_annuaire_updates_the_changed_schools_only(db, tmp_path):
    import_file(schools_import, ANNUAIRE)
    rows = read_rows(ANNUAIRE, ";")
    for row in rows:
        if row["Identifiant_de_l_etablissement"] == "0381778B":
            row["Nom_etablissement"] = "Collège Jean-François Champollion"
            row["etat"] = "FERME"
        if row["Identifiant_de_l_etablissement"] == "0750680G":
            row["latitude"], row["longitude"] = "48,8819", "2,3444"
    changed = write_rows(tmp_path / "annuaire.csv", rows, ";")

    report = import_file(schools_import, changed)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 2, 12, 1)
    champollion = School.objects.get(uai="0381778B")
    assert champollion.name == "Collège Jean-François Champollion"
    assert not champollion.is_open
    assert School.objects.get(uai="0750680G").has_coordinates
    assert School.objects.count() == 14


def test_batches_give_the_same_result_as_one_transaction(db):
    report = import_file(schools_import, ANNUAIRE, batch_size=4)
    assert (report.created, report.rejected) == (14, 1)
    report = import_file(schools_import, ANNUAIRE, batch_size=4)
    assert (report.created, report.unchanged) == (0, 14)


def test_import_cost_does_not_grow_with_the_rows(db, django_assert_max_num_queries):
    # Départements once, then per batch: one look-up, one upsert (plus the savepoint pair).
    with django_assert_max_num_queries(6):
        import_file(schools_import, ANNUAIRE)


def test_the_importer_reads_any_iterable_of_lines(db):
    lines = (line for line in annuaire_lines({}, {"Identifiant_de_l_etablissement": "0381780D"}))
    report = schools_import(lines=lines)
    assert report.created == 2


def test_headers_are_case_insensitive_and_a_comma_file_is_read(db):
    lines = annuaire_lines({})
    header = lines[0].upper().replace(";", ",")
    row = lines[1].replace(";", ",")
    report = schools_import(lines=[header, row])
    assert report.created == 1
    assert School.objects.get().department.code == "38"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"Identifiant_de_l_etablissement": ""}, "UAI manquant"),
        (
            {"Identifiant_de_l_etablissement": "038177B"},
            "UAI « 038177B » invalide (7 chiffres et une lettre attendus)",
        ),
        (
            {"Identifiant_de_l_etablissement": "0381778C"},
            "UAI « 0381778C » invalide (lettre de contrôle)",
        ),
        ({"Nom_etablissement": ""}, "nom de l'établissement manquant"),
        (
            {"Code_departement": "988", "Identifiant_de_l_etablissement": "9880001G"},
            "département « 988 » inconnu (UAI « 9880001G »)",
        ),
        (
            {"Code_departement": "004"},
            "le département « 004 » ne correspond pas à l'UAI « 0381778B » (département 38)",
        ),
        ({"Statut_public_prive": "Consulaire"}, "statut « Consulaire » inconnu"),
        ({"etat": "EN TRAVAUX"}, "état « EN TRAVAUX » inconnu"),
        ({"latitude": "quarante-cinq"}, "latitude « quarante-cinq » invalide"),
        ({"longitude": "200"}, "longitude : Assurez-vous que cette valeur est inférieure"),
        ({"Code_postal": "380000"}, "code postal : Assurez-vous"),
    ],
)
def test_bad_school_rows_are_reported_with_a_french_reason(db, change, reason):
    report = schools_import(
        lines=annuaire_lines({"Identifiant_de_l_etablissement": "0381780D"}, change)
    )

    assert (report.created, report.rejected) == (1, 1)
    rejection = report.rejections[0]
    assert rejection.line == 3
    assert rejection.reason.startswith(reason), rejection.reason
    assert School.objects.count() == 1


def test_department_falls_back_on_the_uai_prefix(db):
    report = schools_import(
        lines=annuaire_lines(
            {"Identifiant_de_l_etablissement": "6200004K", "Code_departement": ""},
            {"Identifiant_de_l_etablissement": "0040533H", "Code_departement": "4"},
        )
    )
    assert report.created == 2
    assert School.objects.get(uai="6200004K").department.code == "2A"
    assert School.objects.get(uai="0040533H").department.code == "04"


def test_a_uai_twice_in_a_batch_is_reported_as_a_duplicate(db):
    report = schools_import(
        lines=annuaire_lines({}, {"Identifiant_de_l_etablissement": "0381778b", "etat": "FERME"})
    )
    assert (report.created, report.rejected) == (1, 1)
    assert str(report.rejections[0]) == "ligne 3 : UAI « 0381778B » en double (déjà ligne 2)"
    assert School.objects.get().is_open


def test_a_row_with_a_stray_delimiter_is_rejected(db):
    lines = annuaire_lines({}, {"Identifiant_de_l_etablissement": "0381780D"})
    lines[2] = lines[2].replace("Collège Champollion", "Collège; Champollion")
    report = schools_import(lines=lines)
    assert (report.created, report.rejected) == (1, 1)
    assert str(report.rejections[0]) == (
        "ligne 3 : 14 colonnes au lieu de 13 (séparateur ou guillemets ?)"
    )


def test_line_numbers_count_quoted_line_breaks(db):
    lines = annuaire_lines(
        {"Adresse_1": "9 rue Général Ferrié\nBP 12"},
        {"Identifiant_de_l_etablissement": "0381780X"},
    )
    report = schools_import(lines=io.StringIO("".join(lines)))
    assert School.objects.get().address == "9 rue Général Ferrié\nBP 12"
    assert report.rejections[0].line == 4


def test_missing_columns_fail_before_anything_is_written(db, tmp_path):
    rows = read_rows(ANNUAIRE, ";")
    fields = [name for name in rows[0] if name not in ("etat", "Code_departement")]
    broken = write_rows(
        tmp_path / "annuaire.csv", [{k: row[k] for k in fields} for row in rows], ";"
    )

    with pytest.raises(CommandError) as error:
        run_command("import_schools", broken, batch_size=2)

    message = str(error.value)
    assert "Colonnes obligatoires absentes" in message
    assert "Code_departement, etat" in message
    assert "Rien n'a été importé" in message
    assert School.objects.count() == 0


def test_a_wrong_delimiter_is_explained(db):
    lines = [line.replace(";", "|") for line in annuaire_lines({})]
    with pytest.raises(ImportFileError) as error:
        schools_import(lines=lines)
    assert "séparateur" in error.value.messages[0]


def test_an_empty_file_is_refused(db, tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_text("")
    with pytest.raises(CommandError, match="Le fichier est vide"):
        run_command("import_schools", empty)


def test_a_nonexistent_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable : .*absent.csv"):
        run_command("import_schools", tmp_path / "absent.csv")


def test_a_file_not_in_utf8_is_refused_at_its_line_with_what_was_already_saved(db, tmp_path):
    lines = annuaire_lines(
        {}, {"Identifiant_de_l_etablissement": "0381780D", "Nom_commune": "Échirolles"}
    )
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("".join(lines[:2]).encode("utf-8") + lines[2].encode("latin-1"))

    with pytest.raises(CommandError) as error:
        run_command("import_schools", latin, batch_size=1)

    assert str(error.value) == (
        "Ligne 3 illisible en UTF-8 : enregistrez le fichier en UTF-8 ou indiquez son "
        "encodage. Déjà enregistré avant l'erreur (relancer l'import est sans risque) : "
        "créés : 1, mis à jour : 0."
    )
    assert School.objects.count() == 1

    out, _err = run_command("import_schools", latin, encoding="latin-1")
    assert "Créés : 1" in out.splitlines()
    assert School.objects.get(uai="0381780D").city == "Échirolles"


def test_an_unknown_encoding_is_refused(db):
    with pytest.raises(CommandError, match="Encodage inconnu : klingon"):
        run_command("import_schools", ANNUAIRE, encoding="klingon")


def test_dry_run_reports_without_writing(db):
    out, _err = run_command("import_schools", ANNUAIRE, dry_run=True)

    assert "Simulation (--dry-run) : rien n'a été enregistré." in out
    assert "Créés : 14" in out
    assert "ligne 7 : UAI « 0040533Z » invalide (lettre de contrôle)" in out
    assert School.objects.count() == 0


def test_import_schools_command_prints_a_french_summary(db):
    out, _err = run_command("import_schools", ANNUAIRE)
    assert "Import des établissements scolaires (Annuaire de l'éducation) :" in out
    for expected in (
        "Lignes lues : 15",
        "Créés : 14",
        "Mis à jour : 0",
        "Inchangés : 0",
        "Rejetés : 1",
        "Lignes rejetées :",
        "  ligne 7 : UAI « 0040533Z » invalide (lettre de contrôle)",
    ):
        assert expected in out.splitlines()

    out, _err = run_command("import_schools", ANNUAIRE)
    assert "Créés : 0" in out.splitlines()
    assert "Inchangés : 14" in out.splitlines()


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_goes_to_a_terminal_stderr_only(db):
    terminal = FakeTerminal()
    call_command("import_schools", str(ANNUAIRE), stdout=io.StringIO(), stderr=terminal)
    assert "Établissements scolaires" in terminal.getvalue()

    terminal = FakeTerminal()
    call_command(
        "import_schools", str(ANNUAIRE), stdout=io.StringIO(), stderr=terminal, no_progress=True
    )
    assert terminal.getvalue() == ""

    _out, err = run_command("import_schools", ANNUAIRE)  # not a terminal
    assert err == ""


# --- companies ------------------------------------------------------------------------------


def test_sample_sirene_creates_companies_and_reports_the_bad_siret(db):
    report = import_file(companies_import, SIRENE)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (19, 0, 0, 1)
    assert [str(rejection) for rejection in report.rejections] == [
        "ligne 9 : SIRET « 41285370700113 » invalide (14 chiffres et clé de contrôle)"
    ]
    assert Company.objects.count() == 19


def test_sirene_fields_are_mapped(db):
    import_file(companies_import, SIRENE)

    alpes = Company.objects.get(siret="38512467200242")
    assert alpes.name == "ALPES MICROTECHNIQUES"
    assert alpes.address == "12 RUE DES MARTYRS"
    assert (alpes.postcode, alpes.city, alpes.city_code) == ("38000", "GRENOBLE", "38185")
    assert alpes.naf_code == "26.11Z"
    assert alpes.size_band == Company.SizeBand.FROM_50
    assert alpes.department.code == "38"
    assert alpes.is_active

    assert Company.objects.get(siret="42316598400190").address == "145 AVENUE JEAN JAURES"
    assert Company.objects.get(siret="51234987900134").address == "85 BOULEVARD DIDEROT"
    assert Company.objects.get(siret="39876123900324").address == "4 CHEMIN DU MOULIN"
    assert Company.objects.get(siret="44455566800276").address == "1250 ROUTE DE LYON"
    assert Company.objects.get(siret="48765432900118").address == "7 ZONE INDUSTRIELLE DES BRUYERES"
    # Named by its enseigne when it has no denomination.
    assert Company.objects.get(siret="51234987900134").name == "BATIGNOLLES AERONAUTIQUE"

    la_poste = Company.objects.get(siret="35600000001005")  # no Luhn: La Poste's exception
    assert la_poste.name == "LA POSTE GRENOBLE GARE"

    assert not Company.objects.get(siret="33221144000406").is_active  # closed (F)
    assert Company.objects.get(siret="52741963400185").department.code == "2A"
    reunion = Company.objects.get(siret="80012345700155")
    assert reunion.department.code == "974"
    assert reunion.department.academy.name == "La Réunion"
    assert Company.objects.get(siret="39876123900324").size_band == Company.SizeBand.NONE

    nameless = Company.objects.get(siret="84512678800122")
    assert nameless.name == "Établissement 845 126 788 00122"
    assert nameless.size_band == ""
    assert nameless.address == "40 BIS ALLÉE DES TISSERANDS"


def test_reimporting_the_same_sirene_changes_nothing(db):
    import_file(companies_import, SIRENE)
    report = import_file(companies_import, SIRENE)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 19, 1)
    assert Company.objects.count() == 19


def test_a_name_given_by_hand_survives_a_nameless_sirene_row(db):
    import_file(companies_import, SIRENE)
    Company.objects.filter(siret="84512678800122").update(name="Tissages de Villeurbanne")

    report = import_file(companies_import, SIRENE)

    assert report.unchanged == 19
    assert Company.objects.get(siret="84512678800122").name == "Tissages de Villeurbanne"


def test_a_changed_sirene_updates_the_changed_companies(db, tmp_path):
    import_file(companies_import, SIRENE)
    rows = read_rows(SIRENE, ",")
    for row in rows:
        if row["siret"] == "38512467200242":
            row["etatAdministratifEtablissement"] = "F"
            row["trancheEffectifsEtablissement"] = "22"
        if row["siret"] == "42316598400190":
            row["numeroVoieEtablissement"] = "147"
    changed = write_rows(tmp_path / "sirene.csv", rows, ";")  # the `;` variant is read too

    out, _err = run_command("import_companies", changed)

    assert "Mis à jour : 2" in out.splitlines()
    assert "Inchangés : 17" in out.splitlines()
    alpes = Company.objects.get(siret="38512467200242")
    assert not alpes.is_active
    assert alpes.size_band == Company.SizeBand.FROM_100
    assert Company.objects.get(siret="42316598400190").address == "147 AVENUE JEAN JAURES"


def test_siret_is_rebuilt_from_siren_and_nic_and_bad_rows_are_reported(db, tmp_path):
    rows = read_rows(SIRENE, ",")[:3]
    rows[0]["siret"] = ""  # siren + nic still give it
    rows[1]["etatAdministratifEtablissement"] = "X"
    rows[2]["trancheEffectifsEtablissement"] = "99"
    path = write_rows(tmp_path / "sirene.csv", rows, ",")

    report = import_file(companies_import, path)

    assert report.created == 1
    assert Company.objects.filter(siret="38512467200242").exists()
    assert [str(rejection) for rejection in report.rejections] == [
        "ligne 3 : état administratif « X » inconnu (A ou F attendu)",
        "ligne 4 : tranche d'effectifs « 99 » inconnue",
    ]


def test_import_companies_dry_run_and_missing_columns(db, tmp_path):
    out, _err = run_command("import_companies", SIRENE, dry_run=True, no_progress=True)
    assert "Import des entreprises (Sirene) :" in out
    assert "Créés : 19" in out.splitlines()
    assert Company.objects.count() == 0

    rows = read_rows(SIRENE, ",")
    kept = [name for name in rows[0] if name != "siret"]
    broken = write_rows(tmp_path / "sirene.csv", [{k: row[k] for k in kept} for row in rows], ",")
    with pytest.raises(CommandError, match="Colonnes obligatoires absentes .*: siret"):
        run_command("import_companies", broken)
    assert Company.objects.count() == 0


def test_non_diffusible_sirene_fields_are_left_blank(db, tmp_path):
    rows = read_rows(SIRENE, ",")[:1]
    for name in ("numeroVoieEtablissement", "libelleVoieEtablissement", "typeVoieEtablissement"):
        rows[0][name] = "[ND]"
    rows[0]["denominationUsuelleEtablissement"] = "[ND]"
    rows[0]["statutDiffusionEtablissement"] = "P"
    path = write_rows(tmp_path / "sirene.csv", rows, ",")

    assert import_file(companies_import, path).created == 1
    company = Company.objects.get()
    assert company.address == ""
    assert company.name == "Établissement 385 124 672 00242"
    assert company.city == "GRENOBLE"


@pytest.mark.parametrize(
    ("pieces", "address"),
    [
        ({"number": "12", "street_type": "RUE", "street": "DES MARTYRS"}, "12 RUE DES MARTYRS"),
        ({"number": "3", "street_type": "AV", "street": "de la Gare"}, "3 avenue de la Gare"),
        ({"number": "", "street_type": "ZA", "street": "LES PLANS"}, "ZONE D'ACTIVITÉS LES PLANS"),
        ({"number": "5", "street_type": "XYZ", "street": "DU PORT"}, "5 XYZ DU PORT"),
        (
            {"number": "", "street_type": "", "street": "", "complement": "ZI DE CHESNES"},
            "ZI DE CHESNES",
        ),
        (
            {"number": "8", "repetition": "T", "street_type": "BD", "street": "GAMBETTA"},
            "8 TER BOULEVARD GAMBETTA",
        ),
    ],
)
def test_company_address_expands_street_types(pieces, address):
    assert company_address(**pieces) == address
