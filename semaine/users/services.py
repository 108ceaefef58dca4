"""Writes about accounts: the Site our e-mails name, verified addresses, account deletion."""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from .models import User

logger = logging.getLogger(__name__)


def site_sync(*, using: str = "default", apps=None) -> None:
    """Give the Site of settings.SITE_ID the domain and name of the settings (SITE_DOMAIN,
    SITE_NAME), so allauth's e-mails and links never name « example.com ». Idempotent."""
    from django.contrib.sites.models import Site

    model = Site
    if apps is not None:
        try:
            model = apps.get_model("sites", "Site")
        except LookupError:  # migrating back before the sites app
            return
    wanted = {"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    site = model.objects.using(using).filter(pk=settings.SITE_ID).first()
    if site is not None and all(getattr(site, key) == value for key, value in wanted.items()):
        return
    model.objects.using(using).update_or_create(pk=settings.SITE_ID, defaults=wanted)
    Site.objects.clear_cache()


def user_email_verify(*, user: User) -> EmailAddress:
    """Record `user`'s own address as verified and primary, as if they had followed the
    link (the demo accounts, staff created by hand). Idempotent."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    address.verified = True
    address.primary = True
    address.full_clean(validate_unique=False)  # the user's own address, unique by the model
    with transaction.atomic():
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
            primary=False
        )
        address.save()
    return address


def tombstone_email(*, user: User) -> str:
    """The address a deleted account keeps: unique, reserved (.invalid never delivers)."""
    return f"supprime-{user.pk}@compte.invalid"


@transaction.atomic
def user_delete(*, user: User) -> User:
    """Delete an account without losing the statistics: the row stays as a tombstone.

    Class registrations stay with their school, head counts and statuses (students, girls,
    adults count in the statistics) but lose their free-text needs; events' contact details
    that are the person's (their address) are blanked; the person's name, address, phone
    and password go; they can no longer sign in (inactive, unusable password: every session
    is invalidated with the password), their e-mail addresses, authenticators and
    memberships (schools, companies, académies) are removed. No foreign key changes: events
    declared, registrations and moderation history keep pointing to the tombstone.
    """
    from academies.models import AcademyStaff, CompanyMembership, SchoolMembership
    from events.models import ClassRegistration, Event

    user = User.objects.select_for_update().get(pk=user.pk)
    addresses = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    mine = Q()
    for address in addresses:
        mine |= Q(contact_email__iexact=address)
    Event.objects.filter(mine).update(contact_name="", contact_email="", contact_phone="")
    ClassRegistration.objects.filter(teacher=user).exclude(needs="").update(needs="")

    SchoolMembership.objects.filter(user=user).delete()
    CompanyMembership.objects.filter(user=user).delete()
    AcademyStaff.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()

    user.email = tombstone_email(user=user)
    user.first_name = user.last_name = user.phone = ""
    user.is_active = user.is_staff = user.is_superuser = user.is_national_staff = False
    user.last_login = None
    user.set_unusable_password()  # changes the session hash: every session is signed out
    user.full_clean()
    user.save()
    logger.info("account %s deleted (anonymised)", user.pk, extra={"user_id": user.pk})
    return user
