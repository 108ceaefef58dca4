"""Admin of the territory: pages, query budgets, search, académie scoping, CSV import/export."""

import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from academies.models import Academy, AcademyStaff, Company, Department, School
from academies.resources import CompanyResource, SchoolResource, TolerantCSV
from academies.roles import academies_for_staff, staff_scope_queryset
from tests import factories
from tests.factories import reference_department, siret_for, uai_for

GRENOBLE_DEPARTMENTS = {"07", "26", "38", "73", "74"}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def changelist_pks(response) -> set[int]:
    return {obj.pk for obj in response.context["cl"].result_list}


@pytest.fixture
def lyon_school(db):
    return factories.SchoolFactory(
        department=reference_department("69"), postcode="69007", city="Lyon"
    )


@pytest.fixture
def lyon_company(db):
    return factories.CompanyFactory(department=reference_department("69"), city="Lyon")


# --- selectors -----------------------------------------------------------------------------


def test_national_staff_and_superusers_administer_every_academy(superuser, national_staff):
    assert academies_for_staff(user=superuser) is None
    assert academies_for_staff(user=national_staff) is None


def test_academy_staff_administer_their_academies_only(academy_staff):
    assert list(academies_for_staff(user=academy_staff)) == [Academy.objects.get(code="08")]
    factories.AcademyStaffFactory(user=academy_staff, academy=Academy.objects.get(code="10"))
    assert {a.code for a in academies_for_staff(user=academy_staff)} == {"08", "10"}


def test_users_without_role_administer_nothing(user):
    assert not academies_for_staff(user=user).exists()
    assert not academies_for_staff(user=AnonymousUser()).exists()
    inactive = factories.UserFactory(is_national_staff=True, is_active=False)
    assert not academies_for_staff(user=inactive).exists()


def test_scope_keeps_rows_reached_through_any_lookup(academy_staff, school, lyon_company):
    grenoble_school_partnership = factories.PartnershipFactory(school=school, company=lyon_company)
    lyon_only = factories.PartnershipFactory(
        school=factories.SchoolFactory(department=reference_department("69")),
        company=lyon_company,
    )
    scoped = staff_scope_queryset(
        user=academy_staff,
        queryset=lyon_only._meta.model.objects.all(),
        academy_lookups=["school__department__academy", "company__department__academy"],
    )
    assert list(scoped) == [grenoble_school_partnership]


# --- every page answers ------------------------------------------------------------------


ACADEMIES_ADMINS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label == "academies"
]


@pytest.mark.parametrize(
    ("model", "model_admin"), ACADEMIES_ADMINS, ids=lambda v: getattr(v, "__name__", "")
)
def test_superuser_opens_changelist_and_add_page(client, superuser, model, model_admin):
    client.force_login(superuser)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "grenoble"}).status_code == 200
    # Attachment requests are made by the people themselves, and decided by actions.
    expected = 403 if model.__name__.startswith("AttachmentRequest") else 200
    assert client.get(admin_url(model, "add")).status_code == expected


def test_superuser_opens_change_pages(client, superuser, school, company):
    staff = factories.AcademyStaffFactory()
    objects = [
        Academy.objects.get(code="08"),
        Academy.objects.get(code="08").region,
        reference_department("38"),
        school,
        company,
        factories.SchoolMembershipFactory(school=school),
        factories.CompanyMembershipFactory(company=company),
        staff,
        factories.PartnershipFactory(school=school, company=company),
    ]
    client.force_login(superuser)
    for obj in objects:
        assert client.get(admin_url(type(obj), "change", obj.pk)).status_code == 200, obj


def test_anonymous_is_sent_to_the_login_page(client, school):
    for url in [admin_url(School, "changelist"), admin_url(School, "change", school.pk)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_academy_code_and_department_codes_are_read_only(client, superuser):
    grenoble = Academy.objects.get(code="08")
    client.force_login(superuser)
    response = client.get(admin_url(Academy, "change", grenoble.pk))
    assert "code" not in response.context["adminform"].form.fields
    inline = response.context["inline_admin_formsets"][0]
    assert "code" not in inline.formset.forms[0].fields
    assert {form.instance.code for form in inline.formset.forms} == GRENOBLE_DEPARTMENTS


# --- query budgets -----------------------------------------------------------------------


def test_school_changelist_query_budget(client, superuser, django_assert_max_num_queries):
    for number in range(40):
        factories.SchoolFactory(department=reference_department(["38", "69", "13"][number % 3]))
    client.force_login(superuser)
    with django_assert_max_num_queries(10):
        response = client.get(admin_url(School, "changelist"))
    assert response.context["cl"].result_count == 40


def test_company_changelist_query_budget(client, superuser, django_assert_max_num_queries):
    factories.CompanyFactory.create_batch(40)
    factories.CompanyFactory(department=None)
    client.force_login(superuser)
    with django_assert_max_num_queries(10):
        response = client.get(admin_url(Company, "changelist"))
    assert response.context["cl"].result_count == 41


def test_school_changelist_query_budget_for_academy_staff(
    client, academy_staff, django_assert_max_num_queries
):
    factories.SchoolFactory.create_batch(30)
    client.force_login(academy_staff)
    with django_assert_max_num_queries(11):
        response = client.get(admin_url(School, "changelist"))
    assert response.context["cl"].result_count == 30


# --- search ------------------------------------------------------------------------------


def test_search_schools_by_uai(client, superuser):
    target = factories.SchoolFactory(uai="0381778B", name="Lycée Vaucanson")
    factories.SchoolFactory.create_batch(3)
    client.force_login(superuser)
    for term in ["0381778B", "0381778b", "038177"]:
        response = client.get(admin_url(School, "changelist"), {"q": term})
        assert changelist_pks(response) == {target.pk}, term


def test_search_companies_by_siret_or_siren(client, superuser):
    target = factories.CompanyFactory(siret=siret_for(7_5555_4444_0001))
    sibling = factories.CompanyFactory(siret=target.siret[:9] + "00028")  # same SIREN
    factories.CompanyFactory.create_batch(3)
    client.force_login(superuser)
    spaced = f"{target.siret[:3]} {target.siret[3:6]} {target.siret[6:9]} {target.siret[9:]}"
    for term, expected in [
        (target.siret, {target.pk}),
        (spaced, {target.pk}),
        (target.siret[:9], {target.pk, sibling.pk}),
    ]:
        response = client.get(admin_url(Company, "changelist"), {"q": term})
        assert changelist_pks(response) == expected, term


def test_search_companies_by_name(client, superuser):
    target = factories.CompanyFactory(name="Aciéries du Dauphiné")
    factories.CompanyFactory(name="Tissages de Voiron")
    client.force_login(superuser)
    response = client.get(admin_url(Company, "changelist"), {"q": "dauphiné"})
    assert changelist_pks(response) == {target.pk}


# --- académie scoping --------------------------------------------------------------------


def test_academy_staff_see_the_schools_and_companies_of_their_academy(
    client, academy_staff, school, company, lyon_school, lyon_company
):
    client.force_login(academy_staff)
    assert changelist_pks(client.get(admin_url(School, "changelist"))) == {school.pk}
    assert changelist_pks(client.get(admin_url(Company, "changelist"))) == {company.pk}
    assert client.get(admin_url(School, "change", school.pk)).status_code == 200

    for model, obj in [(School, lyon_school), (Company, lyon_company)]:
        response = client.get(admin_url(model, "change", obj.pk))
        assert response.status_code == 302  # "does not exist", back to the admin index
        assert response["Location"] == reverse("admin:index")


def test_national_staff_see_every_school(client, national_staff, school, lyon_school):
    client.force_login(national_staff)
    response = client.get(admin_url(School, "changelist"))
    assert changelist_pks(response) == {school.pk, lyon_school.pk}


def test_staff_without_academy_see_nothing(client, school):
    stranger = factories.UserFactory(is_staff=True)
    client.force_login(stranger)
    assert client.get(admin_url(School, "changelist")).status_code == 403


def test_academy_staff_choose_among_their_departments(client, academy_staff):
    client.force_login(academy_staff)
    response = client.get(admin_url(School, "add"))
    choices = response.context["adminform"].form.fields["department"].queryset
    assert {d.code for d in choices} == GRENOBLE_DEPARTMENTS


def test_academy_staff_cannot_move_a_company_out_of_their_academy(client, academy_staff, company):
    client.force_login(academy_staff)
    data = {
        "siret": company.siret,
        "name": company.name,
        "naf_code": "",
        "size_band": "",
        "is_active": "on",
        "diffusion": "O",
        "address": "",
        "postcode": "",
        "city": "",
        "city_code": "",
        "department": reference_department("69").pk,
    }
    response = client.post(admin_url(Company, "change", company.pk), data)
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    data["department"] = reference_department("73").pk
    response = client.post(admin_url(Company, "change", company.pk), data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.department.code == "73"


def test_academy_staff_read_reference_data_without_changing_it(client, academy_staff):
    grenoble = Academy.objects.get(code="08")
    lyon = Academy.objects.get(code="10")
    client.force_login(academy_staff)
    response = client.get(admin_url(Academy, "changelist"))
    assert changelist_pks(response) == {grenoble.pk}
    assert client.get(admin_url(Academy, "change", grenoble.pk)).status_code == 200
    assert client.get(admin_url(Academy, "change", lyon.pk)).status_code == 302
    assert client.post(admin_url(Academy, "change", grenoble.pk), {"name": "X"}).status_code == 403
    assert client.get(admin_url(Academy, "add")).status_code == 403
    assert client.get(admin_url(Department, "add")).status_code == 403
    assert client.get(admin_url(type(grenoble.region), "changelist")).status_code == 200


def test_academy_staff_do_not_grant_roles(client, academy_staff):
    client.force_login(academy_staff)
    assert client.get(admin_url(AcademyStaff, "changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert admin_url(School, "changelist") in index
    assert admin_url(AcademyStaff, "changelist") not in index


def test_national_staff_grant_roles(client, national_staff):
    client.force_login(national_staff)
    assert client.get(admin_url(AcademyStaff, "add")).status_code == 200


# --- CSV import / export -----------------------------------------------------------------


SCHOOL_HEADER = "uai;name;kind;sector;department;postcode;city;is_open\n"


def _import(client, model, content: str):
    """Upload a CSV to the import page (the dry run that reports errors)."""
    upload = SimpleUploadedFile("import.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(admin_url(model, "import"), {"format": 0, "import_file": upload})


def test_school_import_reports_bad_rows_and_writes_nothing(client, superuser):
    client.force_login(superuser)
    content = SCHOOL_HEADER + (
        "0381778b;Lycée Vaucanson;Lycée;public;;38000;Grenoble;1\n"
        "0381778A;Mauvaise lettre;Lycée;public;38;38000;Grenoble;1\n"
        "0071156U;Mauvais département;Collège;public;38;07000;Privas;1\n"
        "0381780D;Département inconnu;Collège;public;99;38000;Grenoble;1\n"
    )
    response = _import(client, School, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row for row in result.invalid_rows}
    assert set(invalid) == {2, 3, 4}
    assert "uai" in invalid[2].field_specific_errors
    assert "department" in invalid[3].field_specific_errors
    assert "inconnu" in str(invalid[4].field_specific_errors["department"])
    assert "confirm_form" not in response.context
    assert not School.objects.exists()


def test_school_import_creates_and_updates_valid_rows(client, superuser):
    existing = factories.SchoolFactory(uai="0382032C", name="Ancien nom")
    client.force_login(superuser)
    content = SCHOOL_HEADER + (
        "0381778B;Lycée Vaucanson;Lycée;public;;38000;Grenoble;1\n"
        "0382032c;Collège Champollion;Collège;public;38;38000;Grenoble;0\n"
    )
    response = _import(client, School, content)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    confirm = response.context["confirm_form"]
    response = client.post(
        admin_url(School, "process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )
    assert response.status_code == 302
    created = School.objects.get(uai="0381778B")
    assert created.department.code == "38"  # deduced from the UAI
    existing.refresh_from_db()
    assert (existing.name, existing.is_open) == ("Collège Champollion", False)


def test_academy_staff_import_only_their_academy(client, academy_staff, lyon_school):
    client.force_login(academy_staff)
    content = SCHOOL_HEADER + (
        "0381778B;Lycée Vaucanson;Lycée;public;38;38000;Grenoble;1\n"
        f"{uai_for('69', 4242)};Lycée lyonnais;Lycée;public;69;69007;Lyon;1\n"
        f"{lyon_school.uai};Renommage;Lycée;public;69;69007;Lyon;1\n"
    )
    result = _import(client, School, content).context["result"]
    assert {row.number for row in result.invalid_rows} == {2, 3}
    assert not School.objects.filter(uai="0381778B").exists()


def test_company_import_reports_bad_siret(superuser):
    dataset = tablib.Dataset(headers=["siret", "name", "department", "size_band"])
    good = siret_for(1_2345_6789_0001)
    dataset.append([good, "Forges de Vienne", "38", "21"])
    dataset.append(["12345678901234", "Siret faux", "38", ""])
    dataset.append(["356 000 000 00048", "La Poste", "", ""])  # Luhn exception, valid
    result = CompanyResource().import_data(dataset, dry_run=True, user=superuser)
    assert [row.number for row in result.invalid_rows] == [2]
    assert "siret" in result.invalid_rows[0].field_specific_errors
    assert "SIRET valide" in str(result.invalid_rows[0].field_specific_errors["siret"])


def test_company_import_writes_valid_rows(superuser):
    dataset = tablib.Dataset(headers=["siret", "name", "department", "size_band", "is_active"])
    dataset.append([siret_for(1_2345_6789_0001), "Forges de Vienne", "38", "21", "1"])
    result = CompanyResource().import_data(dataset, user=superuser)
    assert not result.has_errors() and not result.has_validation_errors()
    company = Company.objects.get()
    assert (company.name, company.department.code, company.size_band) == (
        "Forges de Vienne",
        "38",
        "21",
    )


def test_school_export_is_a_semicolon_csv_of_the_visible_schools(
    client, academy_staff, school, lyon_school, django_assert_max_num_queries
):
    factories.SchoolFactory.create_batch(20)
    client.force_login(academy_staff)
    with django_assert_max_num_queries(12):
        response = client.post(
            admin_url(School, "export"),
            {"format": 0, "resource": 0, **{f"schoolresource_{f}": "on" for f in ["uai", "name"]}},
        )
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("uai;name")
    assert len(lines) == 22
    assert school.uai in body and lyon_school.uai not in body


def test_school_resource_round_trip(superuser, school):
    dataset = SchoolResource().export()
    assert dataset.headers[:2] == ["uai", "name"]
    assert dataset.dict[0]["department"] == "38"
    result = SchoolResource().import_data(dataset, dry_run=True, user=superuser)
    assert not result.has_errors() and not result.has_validation_errors()


@pytest.mark.parametrize(
    "content",
    [
        "uai,name\n0381778B,Lycée Vaucanson\n",
        "\ufeffuai;name\n0381778B;Lycée Vaucanson\n",
        "uai;name\r\n0381778B;Lycée, général et technologique\r\n",
    ],
)
def test_csv_reads_commas_semicolons_and_byte_order_marks(content):
    dataset = TolerantCSV(encoding="utf-8-sig").create_dataset(content)
    assert dataset.headers == ["uai", "name"]
    assert dataset[0][0] == "0381778B"
