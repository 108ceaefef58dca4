"""E-mails of the onboarding (Django tasks API), sent after the commit by academies.services."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from .models import AttachmentRequestChange, CompanyMembership


@task
def attachment_request_notify(*, change_id: int) -> int:
    """Tell the person where their attachment request stands; a pending one also goes to
    those who decide it (the académie's staff in the admin, the company's organizers in
    their space). Returns the number of e-mails sent."""
    from events.tasks import mail_send

    from .roles import attachment_deciders

    change = AttachmentRequestChange.objects.select_related(
        "by",
        "request__user",
        "request__school__department__academy",
        "request__company__department__academy",
    ).get(pk=change_id)
    attachment_request = change.request
    context = {
        "change": change,
        "attachment_request": attachment_request,
        "target": attachment_request.target,
        "person": attachment_request.user,
        "space_url": settings.SITE_URL + reverse("academies:onboarding"),
    }
    sent = mail_send(
        template=f"academies/emails/attachment_{change.to_status}",
        context=context,
        to=[attachment_request.user.email],
    )
    if change.to_status != attachment_request.Status.PENDING:
        return sent
    deciders = attachment_deciders(attachment_request=attachment_request)
    organizer_ids = set(
        CompanyMembership.objects.filter(company_id=attachment_request.company_id).values_list(
            "user_id", flat=True
        )
        if attachment_request.company_id
        else ()
    )
    organizers = [u.email for u in deciders if u.pk in organizer_ids]
    staff = [u.email for u in deciders if u.email not in organizers]
    for addresses, url in (
        (organizers, reverse("academies:attachment_requests")),
        (
            staff,
            reverse("admin:academies_attachmentrequest_change", args=[attachment_request.pk]),
        ),
    ):
        if addresses:
            sent += mail_send(
                template="academies/emails/attachment_to_decide",
                context={**context, "decide_url": settings.SITE_URL + url},
                to=addresses,
            )
    return sent


@task
def directory_import_run(*, token: str, dry_run: bool) -> str:
    """Run an Annuaire or Sirene import uploaded through the admin (academies.admin_imports)
    on its stored files; the report goes to the cache under the token. Returns the status."""
    from .admin_imports import import_execute

    return import_execute(token=token, dry_run=dry_run)
