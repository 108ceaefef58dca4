"""Background tasks (Django tasks API): every e-mail leaves from here, never inside a request."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .exports.ical import session_to_calendar
from .models import ClassRegistration, EventStatusChange, RegistrationStatusChange, Session
from .rules.booking import waitlist_rank


@task
def event_status_notify(*, change_id: int) -> int:
    """Tell the organizer that their event changed status; returns the number of e-mails sent."""
    change = EventStatusChange.objects.select_related(
        "event__created_by", "event__edition", "event__academy", "by"
    ).get(pk=change_id)
    event = change.event
    sent = 0
    if change.to_status == "submitted":
        sent += event_submitted_moderators_notify(change=change)
    recipients = _organizer_addresses(event)
    if not recipients:
        return sent
    return sent + mail_send(
        template="events/emails/event_status",
        context={"event": event, "change": change, "space_url": _organizer_space_url(event)},
        to=recipients,
    )


def _organizer_space_url(event) -> str:
    return settings.SITE_URL + reverse("events:organizer_event", args=[event.pk])


def event_submitted_moderators_notify(*, change) -> int:
    """Tell the académie's moderators that an event waits for their decision."""
    from academies.roles import academy_moderator_addresses

    event = change.event
    recipients = academy_moderator_addresses(academy_id=event.academy_id)
    if not recipients:
        return 0
    return mail_send(
        template="events/emails/event_submitted_moderators",
        context={
            "event": event,
            "change": change,
            "admin_url": settings.SITE_URL + reverse("admin:events_event_change", args=[event.pk]),
        },
        to=recipients,
    )


def registration_organizer_notify(*, change) -> int:
    """Tell the event's organizer that a class registered, or that its teacher cancelled it."""
    registration = change.registration
    event = registration.session.event
    created = change.from_status == ""
    cancelled_by_teacher = (
        change.to_status == "cancelled" and change.by_id == registration.teacher_id
    )
    if not (created or cancelled_by_teacher):
        return 0
    recipients = _organizer_addresses(event)
    if not recipients:
        return 0
    return mail_send(
        template="events/emails/registration_organizer",
        context={
            "registration": registration,
            "session": registration.session,
            "event": event,
            "change": change,
            "created": created,
            "registrations_url": settings.SITE_URL
            + reverse("events:organizer_registrations", args=[event.pk]),
        },
        to=recipients,
    )


@task
def event_labelling_reminder_send(*, event_id: int) -> int:
    """Remind a draft's owners that the labelling deadline is near."""
    from .models import Event

    event = Event.objects.select_related("edition", "created_by", "academy").get(pk=event_id)
    if event.status not in ("draft", "changes_requested"):
        return 0
    recipients = _organizer_addresses(event)
    if not recipients:
        return 0
    return mail_send(
        template="events/emails/labelling_reminder",
        context={"event": event, "space_url": _organizer_space_url(event)},
        to=recipients,
    )


def _organizer_addresses(event) -> list[str]:
    """Who hears of an event on its organizer's side: its declarer and its contact."""
    addresses = (event.created_by.email if event.created_by_id else "", event.contact_email)
    return sorted({address for address in addresses if address})


def mail_send(*, template: str, context: dict, to: list[str], attachments=()) -> int:
    """Render `<template>_subject.txt`, `<template>.txt` and its HTML twin, then send.

    The HTML part is the plain text, escaped, with its links made clickable: one wording
    for both, so the two never disagree.
    """
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string("emails/base.html", {**context, "subject": subject, "body": body})
    message = EmailMultiAlternatives(subject, body, None, to)
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()


def _registration_context(registration) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "event": session.event,
        "space_url": settings.SITE_URL
        + reverse("events:registration_detail", args=[registration.pk]),
        "event_url": settings.SITE_URL + session.event.get_absolute_url(),
    }


def _calendar_attachment(session) -> tuple[str, bytes, str]:
    calendar = session_to_calendar(session, base_url=settings.SITE_URL)
    return ("semaine-industrie.ics", calendar.to_ical(), "text/calendar; charset=utf-8")


@task
def registration_status_notify(*, change_id: int) -> int:
    """Tell the teacher where their class stands; a confirmed class gets the session as a
    calendar file, a class promoted from the waiting list a link to give the place back."""
    from .services.registrations import registration_release_token

    change = RegistrationStatusChange.objects.select_related(
        "registration__teacher",
        "registration__school",
        "registration__session__event__academy",
        "registration__session__event__company",
        "registration__session__event__school",
        "registration__session__event__created_by",
    ).get(pk=change_id)
    registration = change.registration
    promoted = (change.from_status, change.to_status) == ("waitlisted", "confirmed")
    context = {
        **_registration_context(registration),
        "change": change,
        "is_edit": change.from_status == change.to_status,
        "promoted": promoted,
        "waitlist_rank": waitlist_rank(registration=registration),
    }
    if promoted:
        token = registration_release_token(registration=registration)
        context["release_url"] = settings.SITE_URL + reverse(
            "events:registration_release", args=[token]
        )
    attachments = []
    if change.to_status == "confirmed":
        attachments.append(_calendar_attachment(registration.session))
    sent = registration_organizer_notify(change=change)
    return sent + mail_send(
        template="events/emails/registration_status",
        context=context,
        to=[registration.teacher.email],
        attachments=attachments,
    )


@task
def registration_reminder_send(*, registration_id: int) -> int:
    """The reminder two days before the session, with the calendar file again."""
    registration = ClassRegistration.objects.select_related(
        "teacher",
        "school",
        "session__event__academy",
        "session__event__company",
        "session__event__school",
    ).get(pk=registration_id)
    if registration.status != "confirmed":
        return 0
    return mail_send(
        template="events/emails/registration_reminder",
        context=_registration_context(registration),
        to=[registration.teacher.email],
        attachments=[_calendar_attachment(registration.session)],
    )


@task
def session_seats_freed_notify(*, session_id: int) -> int:
    """Tell the organizer that places were freed too late to go to the waiting list."""
    session = Session.objects.select_related("event__academy", "event__created_by").get(
        pk=session_id
    )
    event = session.event
    recipients = _organizer_addresses(event)
    if not recipients:
        return 0
    waiting = session.registrations.filter(status="waitlisted").count()
    return mail_send(
        template="events/emails/seats_freed_too_late",
        context={"session": session, "event": event, "waiting": waiting},
        to=recipients,
    )
