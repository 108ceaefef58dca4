"""Onboarding through the pages: attach to a school (UAI, search) or a company (SIRET),
the decisions of the académie's staff (admin) and of a company's organizers (their space)."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied

from academies.directory import (
    CompanyRecord,
    RechercheEntreprisesDirectory,
    department_code_for_postcode,
    record_from_api,
)
from academies.models import (
    Academy,
    AttachmentRequest,
    Company,
    CompanyMembership,
    SchoolMembership,
)
from academies.services import attachment_request_approve, attachment_request_refuse
from tests import factories

ONBOARDING = "/espace/rattachement/"
REQUESTS = "/espace/rattachement/demandes/"
CREATE = "/espace/rattachement/entreprise/nouvelle/"
ADMIN_LIST = "/admin/academies/attachmentrequest/"

Status = AttachmentRequest.Status


def person(email, *, verified=True):
    user = factories.UserFactory(email=email)
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def ask_school(client, school, role="teacher"):
    return client.post(ONBOARDING, {"action": "school", "uai": school.uai, "role": role})


def ask_company(client, siret):
    return client.post(ONBOARDING, {"action": "company", "siret": siret})


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Pages whose services e-mail after the commit: run those callbacks."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


# --- the page ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(ONBOARDING)
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_both_paths_are_shown_in_french(client, user, django_assert_max_num_queries):
    signed_in(client, user)
    with django_assert_max_num_queries(8):
        response = client.get(ONBOARDING)
    page = response.content.decode()
    assert "Rattachez-vous à un établissement ou à une entreprise" in page
    assert "Enseignant ou personnel d'un établissement" in page
    assert "Organisateur pour une entreprise" in page
    assert 'name="uai"' in page and 'name="siret"' in page and 'name="q"' in page


def test_bad_uai_check_letter_is_refused_in_french(client, user, school):
    signed_in(client, user)
    wrong_letter = school.uai[:7] + ("A" if school.uai[7] != "A" else "B")
    response = client.post(ONBOARDING, {"action": "school", "uai": wrong_letter, "role": "teacher"})
    assert response.status_code == 400
    assert "n&#x27;est pas un UAI valide" in response.content.decode()
    assert not AttachmentRequest.objects.exists()


def test_unknown_or_closed_school_is_refused(client, user):
    closed = factories.SchoolFactory(is_open=False)
    signed_in(client, user)
    response = ask_school(client, closed)
    assert response.status_code == 400
    assert "est fermé" in response.content.decode()
    response = client.post(
        ONBOARDING, {"action": "school", "uai": factories.uai_for("38", 9999), "role": "teacher"}
    )
    assert "Aucun établissement" in response.content.decode()
    assert not AttachmentRequest.objects.exists()


# --- teachers ---------------------------------------------------------------------------


def test_academic_address_attaches_at_once_and_opens_the_teacher_pages(
    client, school, mailoutbox, run_on_commit
):
    user = person("claire.martin@ac-grenoble.fr")
    signed_in(client, user)
    assert client.get("/espace/inscriptions/").status_code == 403
    response = run_on_commit(ask_school, client, school)
    assert response.status_code == 302
    membership = SchoolMembership.objects.get(user=user, school=school)
    assert membership.role == SchoolMembership.Role.TEACHER
    assert AttachmentRequest.objects.get().status == Status.APPROVED
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "Vous êtes rattaché" in mailoutbox[0].subject
    assert client.get("/espace/inscriptions/").status_code == 200
    page = client.get(ONBOARDING).content.decode()
    assert "Ajouter un rattachement" in page and school.name in page


def test_ministry_address_attaches_at_once_anywhere(client, school, run_on_commit):
    user = person("paul.durand@education.gouv.fr")
    run_on_commit(ask_school, signed_in(client, user), school, role="staff")
    assert SchoolMembership.objects.get(user=user).role == SchoolMembership.Role.STAFF


@pytest.mark.parametrize(
    ("email", "verified"),
    [
        ("claire@ac-lyon.fr", True),  # another académie's domain
        ("claire@ac-grenoble.fr", False),  # typed, not verified
        ("claire@gmail.com", True),
    ],
)
def test_other_addresses_wait_for_the_academie(client, school, email, verified):
    user = person(email, verified=verified)
    response = ask_school(signed_in(client, user), school)
    assert response.status_code == 302
    assert AttachmentRequest.objects.get().status == Status.PENDING
    assert not SchoolMembership.objects.filter(user=user).exists()


def test_pending_teacher_confirmed_by_staff_in_the_admin(
    client, school, academy_staff, mailoutbox, run_on_commit, django_assert_max_num_queries
):
    user = person("claire@gmail.com")
    run_on_commit(ask_school, signed_in(client, user), school)
    attachment_request = AttachmentRequest.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([user.email, academy_staff.email])
    to_staff = next(m for m in mailoutbox if m.to == [academy_staff.email])
    assert "à valider" in to_staff.subject
    assert f"/admin/academies/attachmentrequest/{attachment_request.pk}/change/" in to_staff.body
    mailoutbox.clear()

    signed_in(client, academy_staff)
    factories.SchoolMembershipFactory.create_batch(3)  # not requests: the list stays flat
    for _ in range(3):
        other = factories.UserFactory()
        AttachmentRequest.objects.create(
            user=other, school=factories.SchoolFactory(), role="teacher"
        )
    with django_assert_max_num_queries(12):
        listing = client.get(ADMIN_LIST + "?status__exact=pending")
    assert listing.status_code == 200
    assert user.email in listing.content.decode() or str(user) in listing.content.decode()

    response = run_on_commit(
        client.post,
        ADMIN_LIST,
        {"action": "approve_selected", "_selected_action": [attachment_request.pk]},
    )
    assert response.status_code == 302
    attachment_request.refresh_from_db()
    assert attachment_request.status == Status.APPROVED
    assert attachment_request.decided_by == academy_staff
    assert SchoolMembership.objects.filter(user=user, school=school).exists()
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "Vous êtes rattaché" in mailoutbox[0].subject
    history = list(attachment_request.changes.values_list("from_status", "to_status", "by"))
    assert history == [("", "pending", user.pk), ("pending", "approved", academy_staff.pk)]


def test_staff_refuse_in_the_admin_asks_a_reason_and_emails_it(
    client, school, academy_staff, mailoutbox, run_on_commit
):
    user = person("claire@gmail.com")
    ask_school(signed_in(client, user), school)
    attachment_request = AttachmentRequest.objects.get()
    signed_in(client, academy_staff)
    data = {"action": "refuse_selected", "_selected_action": [attachment_request.pk]}
    asked = client.post(ADMIN_LIST, data)
    assert asked.status_code == 200
    assert "Motif du refus" in asked.content.decode()
    run_on_commit(
        client.post, ADMIN_LIST, {**data, "apply": "1", "reason": "Inconnue de l'établissement."}
    )
    attachment_request.refresh_from_db()
    assert attachment_request.status == Status.REFUSED
    assert not SchoolMembership.objects.filter(user=user).exists()
    assert "refusée" in mailoutbox[-1].subject
    assert "Inconnue de l'établissement." in mailoutbox[-1].body
    page = signed_in(client, user).get(ONBOARDING).content.decode()
    assert "Inconnue de l&#x27;établissement." in page


def test_other_academie_staff_neither_see_nor_decide(client, school, db):
    user = person("claire@gmail.com")
    ask_school(signed_in(client, user), school)
    attachment_request = AttachmentRequest.objects.get()
    lyon = factories.AcademyStaffFactory(academy=Academy.objects.get(code="10")).user
    signed_in(client, lyon)
    assert str(user) not in client.get(ADMIN_LIST).content.decode()
    client.post(
        ADMIN_LIST, {"action": "approve_selected", "_selected_action": [attachment_request.pk]}
    )
    assert AttachmentRequest.objects.get().status == Status.PENDING
    with pytest.raises(PermissionDenied):
        attachment_request_approve(attachment_request=attachment_request, by=lyon)


def test_permission_matrix(school, company, organizer, academy_staff, national_staff):
    teacher_request = AttachmentRequest.objects.create(
        user=person("a@gmail.com"), school=school, role="teacher"
    )
    company_request = AttachmentRequest.objects.create(
        user=person("b@gmail.com"), company=company, role="organizer"
    )
    lyon = factories.AcademyStaffFactory(academy=Academy.objects.get(code="10")).user
    stranger = factories.UserFactory()
    other_organizer = factories.CompanyMembershipFactory().user
    not_staff_any_more = factories.AcademyStaffFactory(user__is_staff=False).user
    from academies.roles import user_decides_attachment

    expected = {
        # decider: (school request, company request)
        academy_staff: (True, True),
        national_staff: (True, True),
        organizer: (False, True),
        lyon: (False, False),
        stranger: (False, False),
        other_organizer: (False, False),
        not_staff_any_more: (False, False),
        teacher_request.user: (False, False),  # nobody decides their own request
    }
    for decider, answers in expected.items():
        got = tuple(
            user_decides_attachment(user=decider, attachment_request=r)
            for r in (teacher_request, company_request)
        )
        assert got == answers, decider
    with pytest.raises(PermissionDenied):
        attachment_request_refuse(attachment_request=teacher_request, by=stranger, reason="Non")


# --- search ---------------------------------------------------------------------------


def test_search_by_name_or_commune_ignores_accents_and_closed_schools(
    client, user, django_assert_max_num_queries
):
    factories.SchoolFactory(name="Lycée Édouard Herriot", city="Saint-Égrève", postcode="38120")
    factories.SchoolFactory(name="Lycée Édouard Fermé", city="Saint-Égrève", is_open=False)
    factories.SchoolFactory(name="Collège Stendhal", city="Grenoble")
    signed_in(client, user)
    with django_assert_max_num_queries(8):
        page = client.get(ONBOARDING, {"q": "edouard egreve"}).content.decode()
    assert "Lycée Édouard Herriot" in page
    assert "Fermé" not in page and "Stendhal" not in page
    assert "Stendhal" in client.get(ONBOARDING, {"q": "STENDHAL"}).content.decode()
    assert "Herriot" in client.get(ONBOARDING, {"q": "3812"}).content.decode()
    assert "Aucun établissement ouvert" in client.get(ONBOARDING, {"q": "zzz"}).content.decode()


def test_search_results_are_bounded(client, user):
    factories.SchoolFactory.create_batch(
        25, name=factories.factory.Sequence(lambda n: f"École Jaurès {n}")
    )
    page = signed_in(client, user).get(ONBOARDING, {"q": "jaures"}).content.decode()
    assert page.count('name="uai" value=') == 20
    assert "précisez votre recherche" in page


def test_a_search_result_attaches(client, school, db):
    user = person("x@gmail.com")
    signed_in(client, user)
    page = client.get(ONBOARDING, {"q": school.name}).content.decode()
    assert f'value="{school.uai}"' in page
    ask_school(client, school)
    assert AttachmentRequest.objects.get().school == school


# --- companies --------------------------------------------------------------------------


def test_bad_siret_is_refused_in_french(client, user):
    response = ask_company(signed_in(client, user), "12345678901234")
    assert response.status_code == 400
    assert "n&#x27;est pas un numéro SIRET valide" in response.content.decode()


def test_la_poste_siret_passes(client, user):
    response = ask_company(signed_in(client, user), "356 000 000 00048")
    assert response.status_code == 302
    assert response["Location"].startswith(CREATE)


def test_unknown_siret_creates_the_company_and_its_first_organizer(
    client, user, mailoutbox, run_on_commit
):
    siret = factories.siret_for(7_777_0000_123)
    signed_in(client, user)
    response = ask_company(client, siret)
    assert response.status_code == 302 and response["Location"] == f"{CREATE}?siret={siret}"
    assert client.get(response["Location"]).status_code == 200
    bad = client.post(
        CREATE,
        {"siret": siret, "name": "Usine", "postcode": "99999", "city": "X", "naf_code": "abc"},
    )
    assert bad.status_code == 400
    assert "Code postal inconnu" in bad.content.decode()
    assert "Code NAF attendu" in bad.content.decode()
    assert not Company.objects.exists()
    run_on_commit(
        client.post,
        CREATE,
        {
            "siret": siret,
            "name": "Forges d'Ajaccio",
            "address": "1 cours Napoléon",
            "postcode": "20000",
            "city": "Ajaccio",
            "naf_code": "2562a",
        },
    )
    company = Company.objects.get(siret=siret)
    assert company.department.code == "2A" and company.department.academy.code == "27"
    assert company.naf_code == "25.62A"
    assert CompanyMembership.objects.filter(user=user, company=company).exists()
    assert "Vous êtes rattaché" in mailoutbox[-1].subject


def test_known_company_without_organizers_makes_a_first_organizer(client, company, user):
    ask_company(signed_in(client, user), company.siret)
    assert CompanyMembership.objects.filter(user=user, company=company).exists()


def test_known_company_with_organizers_waits_then_an_organizer_approves(
    client, organizer, mailoutbox, run_on_commit, django_assert_max_num_queries
):
    company = organizer.company
    newcomer = person("nouveau@exemple.fr")
    run_on_commit(ask_company, signed_in(client, newcomer), company.siret)
    attachment_request = AttachmentRequest.objects.get()
    assert attachment_request.status == Status.PENDING
    assert not CompanyMembership.objects.filter(user=newcomer).exists()
    to_organizer = next(m for m in mailoutbox if m.to == [organizer.email])
    assert REQUESTS in to_organizer.body
    mailoutbox.clear()

    signed_in(client, organizer)
    with django_assert_max_num_queries(8):
        page = client.get(REQUESTS).content.decode()
    assert newcomer.email in page
    run_on_commit(client.post, f"{REQUESTS}{attachment_request.pk}/accepter/")
    assert CompanyMembership.objects.filter(user=newcomer, company=company).exists()
    assert [m.to for m in mailoutbox] == [[newcomer.email]]
    assert "Aucune demande en attente" in client.get(REQUESTS).content.decode()


def test_organizer_refuses_with_a_reason_emailed(client, organizer, mailoutbox, run_on_commit):
    newcomer = person("nouveau@exemple.fr")
    ask_company(signed_in(client, newcomer), organizer.company.siret)
    attachment_request = AttachmentRequest.objects.get()
    signed_in(client, organizer)
    client.post(f"{REQUESTS}{attachment_request.pk}/refuser/", {"reason": ""})
    assert AttachmentRequest.objects.get().status == Status.PENDING  # a reason is required
    run_on_commit(
        client.post,
        f"{REQUESTS}{attachment_request.pk}/refuser/",
        {"reason": "Pas chez nous."},
    )
    assert AttachmentRequest.objects.get().status == Status.REFUSED
    assert "Pas chez nous." in mailoutbox[-1].body
    assert mailoutbox[-1].to == [newcomer.email]


def test_strangers_and_requesters_cannot_decide_from_the_space(client, organizer):
    newcomer = person("nouveau@exemple.fr")
    ask_company(signed_in(client, newcomer), organizer.company.siret)
    attachment_request = AttachmentRequest.objects.get()
    assert client.post(f"{REQUESTS}{attachment_request.pk}/accepter/").status_code == 403
    signed_in(client, factories.CompanyMembershipFactory().user)
    assert newcomer.email not in client.get(REQUESTS).content.decode()
    assert client.post(f"{REQUESTS}{attachment_request.pk}/accepter/").status_code == 403
    assert client.post(f"{REQUESTS}999999/accepter/").status_code == 404
    assert AttachmentRequest.objects.get().status == Status.PENDING


# --- duplicates, several roles ------------------------------------------------------------


def test_duplicates_are_refused_and_approving_twice_changes_nothing(
    client, school, academy_staff, mailoutbox, run_on_commit
):
    user = person("claire@gmail.com")
    signed_in(client, user)
    ask_school(client, school)
    again = ask_school(client, school)
    assert again.status_code == 400
    assert "déjà en attente" in again.content.decode()
    attachment_request = AttachmentRequest.objects.get()
    run_on_commit(
        attachment_request_approve, attachment_request=attachment_request, by=academy_staff
    )
    mailoutbox.clear()
    run_on_commit(
        attachment_request_approve, attachment_request=attachment_request, by=academy_staff
    )
    assert not mailoutbox
    assert SchoolMembership.objects.filter(user=user).count() == 1
    once_more = ask_school(client, school)
    assert "déjà rattaché" in once_more.content.decode()
    assert AttachmentRequest.objects.count() == 1


def test_a_teacher_adds_an_organizer_role_from_the_same_page(client, teacher, company):
    signed_in(client, teacher)
    page = client.get(ONBOARDING).content.decode()
    assert "Ajouter un rattachement" in page and teacher.school.name in page
    ask_company(client, company.siret)
    assert CompanyMembership.objects.filter(user=teacher, company=company).exists()
    assert SchoolMembership.objects.filter(user=teacher).exists()


# --- the directory --------------------------------------------------------------------------


class FakeDirectory:
    """Knows one partially diffused establishment we do not hold."""

    siret = factories.siret_for(5_555_0000_042)

    def lookup(self, *, siret):
        if siret != self.siret:
            return None
        return CompanyRecord(
            siret=siret,
            name="Atelier discret",
            postcode="38000",
            city="Grenoble",
            naf_code="25.62A",
            diffusion=Company.Diffusion.PARTIAL,
        )


def test_a_partially_diffused_company_never_shows_nor_stores_its_street(client, user, settings):
    settings.COMPANY_DIRECTORY = "tests.academies.test_onboarding.FakeDirectory"
    signed_in(client, user)
    page = client.get(CREATE, {"siret": FakeDirectory.siret}).content.decode()
    assert "Atelier discret" in page
    assert 'name="address"' not in page
    assert "diffusion partielle" in page
    client.post(
        CREATE,
        {
            "siret": FakeDirectory.siret,
            "name": "Atelier discret",
            "address": "3 rue Secrète",
            "postcode": "38000",
            "city": "Grenoble",
            "naf_code": "25.62A",
        },
    )
    company = Company.objects.get(siret=FakeDirectory.siret)
    assert company.address == "" and company.is_partially_diffused


def test_api_answers_are_read_without_the_street_of_a_partial_one():
    siret = "35600000000048"
    payload = {
        "results": [
            {
                "nom_complet": "LA POSTE",
                "statut_diffusion": "P",
                "siege": {
                    "siret": siret,
                    "adresse": "9 RUE DU COLONEL PIERRE AVIA 75015 PARIS",
                    "code_postal": "75015",
                    "libelle_commune": "PARIS",
                    "activite_principale": "53.10Z",
                },
            }
        ]
    }
    record = record_from_api(payload, siret=siret)
    assert record.name == "LA POSTE" and record.postcode == "75015"
    assert record.address == "" and record.is_partially_diffused
    assert record_from_api(payload, siret="12345678900011") is None


def test_api_directory_falls_back_quietly(db, monkeypatch):
    def unreachable(self, *, siret):
        raise TimeoutError("timed out")

    monkeypatch.setattr(RechercheEntreprisesDirectory, "fetch", unreachable)
    assert RechercheEntreprisesDirectory().lookup(siret="35600000000048") is None


@pytest.mark.parametrize(
    ("postcode", "code"),
    [
        ("38000", "38"),
        ("01000", "01"),
        ("20000", "2A"),
        ("20290", "2B"),
        ("97411", "974"),
        ("3800", None),
    ],
)
def test_postcode_gives_the_departement(postcode, code):
    assert department_code_for_postcode(postcode) == code


def test_a_request_page_shows_its_history_read_only(client, superuser, school):
    user = person("claire@gmail.com")
    ask_school(signed_in(client, user), school)
    attachment_request = AttachmentRequest.objects.get()
    signed_in(client, superuser)
    page = client.get(f"{ADMIN_LIST}{attachment_request.pk}/change/")
    assert page.status_code == 200
    assert "En attente" in page.content.decode()
    assert client.get("/admin/academies/attachmentrequestchange/").status_code == 200
