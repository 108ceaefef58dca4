"""Background tasks (Django tasks API): every e-mail leaves from here, never inside a request."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from .models import EventStatusChange, RegistrationStatusChange
from .rules.booking import waitlist_rank


@task
def event_status_notify(*, change_id: int) -> int:
    """Tell the organizer that their event changed status; returns the number of e-mails sent."""
    change = EventStatusChange.objects.select_related(
        "event__created_by", "event__edition", "by"
    ).get(pk=change_id)
    event = change.event
    recipients = sorted(
        {
            address
            for address in (
                event.created_by.email if event.created_by_id else "",
                event.contact_email,
            )
            if address
        }
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "change": change, "site_name": settings.SITE_NAME}
        subject = render_to_string("events/emails/event_status_subject.txt", context).strip()
        body = render_to_string("events/emails/event_status.txt", context)
    return send_mail(subject, body, None, recipients)


@task
def registration_status_notify(*, change_id: int) -> int:
    """Tell the teacher where their class stands; returns the number of e-mails sent."""
    change = RegistrationStatusChange.objects.select_related(
        "registration__teacher",
        "registration__school",
        "registration__session__event__academy",
    ).get(pk=change_id)
    registration = change.registration
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "waitlist_rank": waitlist_rank(registration=registration),
            "is_edit": change.from_status == change.to_status,
            "session": registration.session,
            "event": registration.session.event,
            "change": change,
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("events/emails/registration_status_subject.txt", context)
        body = render_to_string("events/emails/registration_status.txt", context)
    return send_mail(subject.strip(), body, None, [registration.teacher.email])
