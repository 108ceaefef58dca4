"""Accounts through allauth: sign-up with names, verified addresses before declaring or
registering, the Site our e-mails name, the admin's throttled sign-in and two-factor
authentication."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from semaine.users.models import User
from semaine.users.services import site_sync, user_email_verify
from tests import factories

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "mot-de-passe-solide-42"  # tests.factories.UserFactory's
SIGNUP = {
    "first_name": "Inès",
    "last_name": "Benali",
    "email": "ines.benali@exemple.fr",
    "password1": "Ouvrir-les-portes-2026",
    "password2": "Ouvrir-les-portes-2026",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    return settings


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


def reauthenticate(client, password=PASSWORD):
    """allauth asks for the password again before touching two-factor settings."""
    page = client.get(reverse("account_reauthenticate"))
    assert page.status_code == 200
    assert 'class="fr-header"' in page.content.decode()
    assert client.post(reverse("account_reauthenticate"), {"password": password}).status_code == 302


def link_in(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


# --- Sign-up ------------------------------------------------------------------------------


def test_signup_asks_first_name_and_last_name_before_the_email(client):
    html = client.get(reverse("account_signup")).content.decode()
    names = re.findall(r'<input[^>]*name="(first_name|last_name|email|password1|password2)"', html)
    assert names == ["first_name", "last_name", "email", "password1", "password2"]
    assert '<label class="fr-label" for="id_first_name">Prénom' in html
    assert '<label class="fr-label" for="id_last_name">Nom' in html


def test_signup_without_names_is_refused_in_french(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "first_name": "", "last_name": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_signup_sends_a_verification_link_naming_the_site_then_signs_in(
    client, mandatory, mailoutbox
):
    mandatory.SITE_DOMAIN = "semaine-industrie.example.gouv.fr"
    site_sync()
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email=SIGNUP["email"])
    assert (user.first_name, user.last_name) == ("Inès", "Benali")
    assert "_auth_user_id" not in client.session  # not signed in before confirming

    (message,) = mailoutbox
    text = message.subject + message.body
    assert "semaine-industrie.example.gouv.fr" in text
    assert "Semaine de l'industrie" in message.subject
    assert "example.com" not in text
    page = client.get(response.url).content.decode()
    assert "Vérifiez votre adresse" in page or "vérification" in page.lower()

    # Following the link confirms the address; then signing in works.
    path = link_in(message).split("://", 1)[1].split("/", 1)[1]
    confirm = client.post("/" + path)
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    assert sign_in(client, SIGNUP["email"], SIGNUP["password1"]).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_unverified_account_cannot_sign_in_when_verification_is_mandatory(
    client, mandatory, mailoutbox
):
    user = factories.UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1 and user.email in mailoutbox[0].to


# --- Settings and the Site ----------------------------------------------------------------


def settings_of(module: str, names: str, **variables) -> str:
    code = f"from semaine.settings import {module} as s; print({names})"
    environment = {"PATH": os.environ.get("PATH", ""), "SECRET_KEY": "x", "ALLOWED_HOSTS": "a"}
    environment |= {"CACHE_URL": "redis://127.0.0.1:6379/0"} | variables
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_verification_is_mandatory_locally_and_in_production():
    names = "s.ACCOUNT_EMAIL_VERIFICATION, s.SITE_DOMAIN, s.ACCOUNT_DEFAULT_HTTP_PROTOCOL"
    assert settings_of("local", names) == "mandatory 127.0.0.1:8000 http"
    assert (
        settings_of("production", names, SITE_URL="https://semaine-industrie.fr")
        == "mandatory semaine-industrie.fr https"
    )
    assert (
        settings_of("production", "s.SITE_DOMAIN", SITE_DOMAIN="www.exemple.fr") == "www.exemple.fr"
    )


def test_the_site_is_named_from_the_settings_after_migrate_and_sync_is_idempotent(
    settings, django_assert_max_num_queries
):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Semaine de l'industrie")
    with django_assert_max_num_queries(1):
        site_sync()  # nothing to change: one read
    settings.SITE_DOMAIN = "semaine.exemple.fr"
    site_sync()
    assert Site.objects.get_current().domain == "semaine.exemple.fr"
    assert Site.objects.count() == 1


def test_no_template_of_ours_names_example_com():
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt"}:
            assert "example.com" not in path.read_text(encoding="utf-8"), path


# --- Verified before registering a class --------------------------------------------------


@pytest.fixture
def future_session(db):
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    return factories.SessionFactory(event=event, capacity=30)


def test_an_unverified_teacher_is_asked_to_confirm_before_registering_a_class(
    client, mandatory, teacher, future_session, mailoutbox
):
    EmailAddress.objects.create(user=teacher, email=teacher.email, primary=True, verified=False)
    client.force_login(teacher)
    url = f"{reverse('events:registration_create')}?creneau={future_session.pk}"
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Pour déclarer un événement ou inscrire une classe, confirmez d'abord" in html
    assert teacher.email in html
    assert 'name="action_send"' in html and f'action="{reverse("account_email")}"' in html
    assert client.post(url, {"students": "20"}).status_code == 403

    # The button sends the link again.
    client.post(reverse("account_email"), {"email": teacher.email, "action_send": ""})
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [teacher.email]

    user_email_verify(user=teacher)
    assert client.get(url).status_code == 200


def test_verification_is_not_asked_where_the_settings_make_it_optional(
    client, teacher, future_session
):
    client.force_login(teacher)
    url = f"{reverse('events:registration_create')}?creneau={future_session.pk}"
    assert client.get(url).status_code == 200


def test_user_email_verify_is_idempotent(user):
    user_email_verify(user=user)
    user_email_verify(user=user)
    (address,) = EmailAddress.objects.filter(user=user)
    assert address.verified and address.primary and address.email == user.email


# --- The admin signs in through allauth ---------------------------------------------------


def test_admin_login_is_allauths_login_with_next(client):
    response = client.get("/admin/events/event/")
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2Fevents%2Fevent%2F"


def test_admin_login_ignores_a_foreign_next(client):
    response = client.get("/admin/login/?next=https://pirate.example.org/")
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_staff_signing_in_land_on_the_admin_page_they_asked_for(client, academy_staff):
    response = sign_in(client, academy_staff.email, next="/admin/events/event/")
    assert response.status_code == 302 and response.url == "/admin/events/event/"
    assert client.get("/admin/").status_code == 200


def test_admin_login_posts_check_no_password(client, superuser):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_without_back_office_access_gets_a_403_not_a_loop(client, user):
    client.force_login(user)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_repeated_wrong_passwords_are_stopped_by_allauth_in_french(client, superuser):
    for _attempt in range(5):
        response = sign_in(client, superuser.email, "pas-le-bon")
        assert response.status_code == 200
    response = sign_in(client, superuser.email, PASSWORD)  # even the right one, for now
    assert response.status_code in (200, 429)
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_flood_of_logins_from_one_address_gets_a_429_not_a_500(client, settings, user):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for attempt in range(3):
        sign_in(client, f"inconnu{attempt}@exemple.fr", "pas-le-bon")
    assert sign_in(client, user.email).status_code == 429
    assert "_auth_user_id" not in client.session
    # The admin's sign-in is the same page: no way around the limit.
    assert client.get("/admin/login/", follow=True).status_code == 200
    assert sign_in(client, user.email, next="/admin/").status_code == 429


# --- Two-factor authentication --------------------------------------------------------------


def totp_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


def test_staff_activate_totp_then_the_admin_sign_in_asks_for_a_code(client, academy_staff):
    assert sign_in(client, academy_staff.email).status_code == 302
    assert client.get(reverse("mfa_activate_totp")).url.startswith(
        reverse("account_reauthenticate")
    )
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="fr-header"' in html and "fr-input" in html
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=academy_staff, type="totp").exists()

    client.logout()
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=2), tick=False):
        response = sign_in(client, academy_staff.email, next="/admin/")
        assert response.status_code == 302 and response.url.startswith(reverse("mfa_authenticate"))
        assert "_auth_user_id" not in client.session
        page = client.get(response.url)
        assert 'class="fr-header"' in page.content.decode()
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200 and "_auth_user_id" not in client.session
        done = client.post(reverse("mfa_authenticate"), {"code": totp_now(secret)})
        assert done.status_code == 302 and done.url == "/admin/"
        assert client.get("/admin/").status_code == 200


# --- Every allauth page in the DSFR layout and in French ----------------------------------

ANONYMOUS_PAGES = {
    "account_login": "Connexion",
    "account_signup": "Création de compte",
    "account_reset_password": "Réinitialisation du mot de passe",
    "account_reset_password_done": "Réinitialisation du mot de passe",
    "account_email_verification_sent": "Vérifiez votre adresse",
}
SIGNED_IN_PAGES = {
    "account_email": "Adresse e-mail",
    "account_change_password": "Modifier le mot de passe",
    "account_logout": "Se déconnecter",
    "mfa_index": "Authentification à deux facteurs",
    "users:my_data": "Mes données",
}


def h1_of(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, html[:2000]
    return re.sub(r"\s+", " ", match.group(1)).strip()


def assert_dsfr_french(html: str, heading: str):
    assert 'class="fr-header"' in html and 'class="fr-footer"' in html
    assert '<html lang="fr"' in html
    assert heading.lower() in h1_of(html).lower(), h1_of(html)


@pytest.mark.parametrize(("name", "heading"), ANONYMOUS_PAGES.items())
def test_allauth_entrance_pages_are_dsfr_and_french(client, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_dsfr_french(response.content.decode(), heading)


@pytest.mark.parametrize(("name", "heading"), SIGNED_IN_PAGES.items())
def test_account_management_pages_are_dsfr_and_french(client, user, name, heading):
    assert sign_in(client, user.email).status_code == 302  # a fresh sign-in: no reauth step
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert_dsfr_french(html, heading)
    assert 'class="fr-sidemenu"' in html


def test_bad_keys_of_the_e_mail_links_answer_in_french(client):
    confirm = client.get(reverse("account_confirm_email", args=["pas-une-cle"]))
    assert confirm.status_code == 200
    assert_dsfr_french(confirm.content.decode(), "Confirmer")
    reset = client.get(reverse("account_reset_password_from_key", args=["1", "pas-une-cle"]))
    assert reset.status_code == 200
    assert_dsfr_french(reset.content.decode(), "Mauvais jeton")


def test_password_reset_e_mail_names_the_site_and_its_link_works(client, user, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "127.0.0.1:8000" in message.body and "example.com" not in message.body
    link = link_in(message)
    assert "://testserver/" in link or "://127.0.0.1:8000/" in link
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert page.status_code == 200
    assert_dsfr_french(page.content.decode(), "mot de passe")


def test_totp_and_recovery_pages_are_dsfr(client, academy_staff):
    assert sign_in(client, academy_staff.email).status_code == 302
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    assert_dsfr_french(html, "")
    assert re.search(r'<img[^>]+src="data:image/svg', html)
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    for name in ("mfa_view_recovery_codes", "mfa_deactivate_totp", "mfa_index"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert 'class="fr-header"' in response.content.decode()


def test_changing_my_address_takes_effect_once_the_new_one_is_confirmed(client, user, mailoutbox):
    user_email_verify(user=user)
    old = user.email
    assert sign_in(client, user.email).status_code == 302
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "nouvelle.adresse@exemple.fr"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == old  # not before it is confirmed
    (message,) = mailoutbox
    assert message.to == ["nouvelle.adresse@exemple.fr"]
    page = client.get(reverse("account_email")).content.decode()
    assert "nouvelle.adresse@exemple.fr" in page and 'class="fr-sidemenu"' in page

    path = link_in(message).split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 302
    user.refresh_from_db()
    assert user.email == "nouvelle.adresse@exemple.fr"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "nouvelle.adresse@exemple.fr"
    ]


def test_the_admins_password_change_is_allauths(client, academy_staff):
    client.force_login(academy_staff)
    response = client.get("/admin/password_change/")
    assert response.status_code == 302 and response.url == reverse("account_change_password")
