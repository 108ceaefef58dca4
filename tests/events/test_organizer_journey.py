"""The organizer's journey through the pages: declare with two sessions, submit (refused with
the checklist, then accepted), answer the moderator, get labelled, approve a class, move a
session (teachers told), cancel; every e-mail checked."""

import datetime
import html

import pytest
from django.urls import reverse

from events.models import ActionType, Audience, ClassRegistration, Edition, Event, Theme
from events.services import event_publish, event_request_changes
from tests import factories

from .organizer_helpers import event_form_data

Status = Event.Status
NEW = "/espace/evenements/nouveau/"


@pytest.fixture
def edition(db):
    """The current edition, in the future: 16–22 Nov 2030, accepted 1 Nov–7 Dec."""
    Edition.objects.update(is_current=False)
    return factories.EditionFactory(
        year=2030,
        is_current=True,
        labelling_deadline=datetime.date(2030, 11, 10),
    )


@pytest.fixture
def moderator(db):
    staff = factories.AcademyStaffFactory(user__email="moderation@ac-grenoble.fr")
    return staff.user


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_declare_submit_moderate_register_change_and_cancel(
    client,
    edition,
    organizer,
    moderator,
    teacher,
    register_class,
    commit,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(organizer)
    assert client.get("/espace/").url == "/espace/organisateur/"
    page = client.get(NEW)
    assert page.status_code == 200
    assert "Créneaux" in page.content.decode()

    # Declared with two sessions but no theme: saved as a draft, the checklist says why.
    data = event_form_data(
        edition,
        organizer=f"company:{organizer.company.pk}",
        themes=[],
        sessions=[("2030-11-18T09:00", "2030-11-18T11:00", 25), ("2030-11-19T14:00", "", "")],
    )
    data["sessions-1-ends_at"] = "2030-11-19T16:00"
    data["sessions-1-capacity"] = ""
    data["action"] = "submit"
    response = client.post(NEW, data, follow=True)
    event = Event.objects.get(title="Visite de l'atelier de chaudronnerie")
    assert event.status == Status.DRAFT
    assert event.company == organizer.company and event.created_by == organizer
    assert event.department.code == "38" and event.academy.code == "08"
    assert [s.capacity for s in event.sessions.order_by("starts_at")] == [25, None]
    first = event.sessions.order_by("starts_at").first()
    assert first.starts_at == datetime.datetime(2030, 11, 18, 8, 0, tzinfo=datetime.UTC)
    assert any("Critère de labellisation non rempli" in m for m in messages_of(response))
    assert 'data-criterion="industry" data-met="0"' in response.content.decode()
    assert event.latitude is not None  # the postcode's centroid (our own tables)

    # Completed and submitted: the académie's moderators are told, the organizer too.
    edit_url = reverse("events:organizer_event_update", args=[event.pk])
    data = event_form_data(
        edition,
        sessions=[(s.pk, s.starts_at, s.ends_at, s.capacity) for s in event.sessions.all()],
        version=event.version,
    )
    data["action"] = "submit"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data, follow=True)
    event.refresh_from_db()
    assert event.status == Status.SUBMITTED, messages_of(response)
    to_moderators = next(m for m in mailoutbox if moderator.email in m.to)
    assert "À labelliser" in to_moderators.subject
    assert f"/admin/events/event/{event.pk}/change/" in to_moderators.body
    # A second submission is harmless.
    response = client.post(reverse("events:organizer_event_submit", args=[event.pk]), follow=True)
    assert "déjà soumis" in " ".join(messages_of(response))
    assert Event.objects.get(pk=event.pk).status == Status.SUBMITTED

    # The moderator asks for changes: the organizer reads why, with a link to the space.
    mailoutbox.clear()
    commit(
        event_request_changes,
        event=event,
        by=moderator,
        reason="Précisez l'accueil des classes et les consignes de sécurité.",
    )
    (mail,) = mailoutbox
    assert organizer.email in mail.to
    assert "Précisez l'accueil des classes" in mail.body
    assert f"/espace/evenements/{event.pk}/" in mail.body
    page = client.get(reverse("events:organizer_event", args=[event.pk])).content.decode()
    assert 'id="moderator-message"' in page and "Précisez l&#x27;accueil" in page
    form_page = client.get(edit_url).content.decode()
    assert "Précisez l&#x27;accueil" in form_page

    # Edited and resubmitted, then labelled.
    event.refresh_from_db()
    data = event_form_data(
        edition,
        sessions=[(s.pk, s.starts_at, s.ends_at, s.capacity) for s in event.sessions.all()],
        version=event.version,
        description="Visite guidée en petits groupes, équipements de sécurité fournis.",
        registration_mode="approval",
    )
    data["action"] = "submit"
    client.post(edit_url, data)
    event.refresh_from_db()
    assert event.status == Status.SUBMITTED
    commit(event_publish, event=event, by=moderator)
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED

    # A class asks to come (approval mode): the organizer is told, approves it in the space.
    mailoutbox.clear()
    session = event.sessions.order_by("starts_at").first()
    registration = register_class(session, teacher, 22, "4e C")
    assert registration.status == ClassRegistration.Status.PENDING
    assert any(
        "Nouvelle classe inscrite" in m.subject and organizer.email in m.to for m in mailoutbox
    )
    dashboard = client.get("/espace/organisateur/")
    assert dashboard.context["pending"] == [registration]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:organizer_registrations", args=[event.pk]),
            {"registration": registration.pk, "decision": "approve", "reason": ""},
            follow=True,
        )
    registration.refresh_from_db()
    assert registration.status == ClassRegistration.Status.CONFIRMED
    assert "est confirmée" in " ".join(messages_of(response))
    assert any(teacher.email in m.to and "confirmée" in m.body for m in mailoutbox)

    # The organizer moves the first session: the teacher is told the new time.
    mailoutbox.clear()
    event.refresh_from_db()
    sessions = list(event.sessions.order_by("starts_at"))
    rows = [(s.pk, s.starts_at, s.ends_at, s.capacity) for s in sessions]
    rows[0] = (sessions[0].pk, "2030-11-18T13:30", "2030-11-18T15:30", 25)
    data = event_form_data(
        edition, sessions=rows, version=event.version, registration_mode="approval"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data)
    assert response.status_code == 302
    (mail,) = [m for m in mailoutbox if teacher.email in m.to]
    assert "Nouvel horaire du créneau : 18/11/2030 13:30 (au lieu de 18/11/2030 09:00)" in mail.body
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED  # Grenoble does not moderate changes again

    # Cancelled with a reason: the class is cancelled, its teacher e-mailed, the page says so.
    mailoutbox.clear()
    cancel_url = reverse("events:organizer_event_cancel", args=[event.pk])
    assert "1 classe inscrite sera annulée" in client.get(cancel_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url, {"reason": "Fermeture exceptionnelle de l'atelier."})
    event.refresh_from_db()
    registration.refresh_from_db()
    assert event.status == Status.CANCELLED
    assert registration.status == ClassRegistration.Status.CANCELLED
    assert any(teacher.email in m.to and "Fermeture exceptionnelle" in m.body for m in mailoutbox)
    client.logout()
    assert "Événement annulé" in client.get(event.get_absolute_url()).content.decode()


def test_declaring_with_errors_keeps_nothing_and_says_what_to_fix(client, edition, organizer):
    client.force_login(organizer)
    data = event_form_data(
        edition,
        postcode="1234",
        sessions=[("2031-01-10T09:00", "2031-01-10T08:00", 0)],
    )
    response = client.post(NEW, data)
    assert response.status_code == 200
    page = text_of(response)
    assert "L'événement n'a pas pu être enregistré" in page
    assert "Indiquez un code postal français à 5 chiffres" in page
    assert "La fin du créneau doit suivre son début." in page
    assert not Event.objects.exists()


def test_a_session_outside_the_window_is_refused_on_its_row(client, edition, organizer):
    client.force_login(organizer)
    data = event_form_data(edition, sessions=[("2031-01-10T09:00", "2031-01-10T11:00", 20)])
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert "Le créneau doit se tenir entre le 01/11/2030 et le 07/12/2030." in (
        response.content.decode()
    )
    assert not Event.objects.exists()


def test_no_session_at_all_is_refused(client, edition, organizer):
    client.force_login(organizer)
    response = client.post(NEW, event_form_data(edition, sessions=[]))
    assert "Indiquez au moins un créneau." in response.content.decode()
    assert not Event.objects.exists()


def test_two_members_editing_at_once_never_lose_an_edit(client, edition, organizer):
    colleague = factories.CompanyMembershipFactory(company=organizer.company).user
    event = factories.EventFactory(edition=edition, company=organizer.company)
    session = factories.SessionFactory(
        event=event,
        starts_at=datetime.datetime(2030, 11, 18, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 11, 18, 11, tzinfo=datetime.UTC),
    )
    url = reverse("events:organizer_event_update", args=[event.pk])
    row = [(session.pk, session.starts_at, session.ends_at, 30)]
    read_version = event.version
    client.force_login(colleague)
    first = client.post(
        url, event_form_data(edition, sessions=row, version=read_version, title="Version A")
    )
    assert first.status_code == 302
    client.force_login(organizer)
    second = client.post(
        url, event_form_data(edition, sessions=row, version=read_version, title="Version B")
    )
    assert second.status_code == 200
    assert "Quelqu'un d'autre a modifié cet événement" in text_of(second)
    assert Event.objects.get(pk=event.pk).title == "Version A"


def test_a_labelled_event_changed_goes_back_to_moderation_where_the_academie_asks(
    client, edition, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    event.academy.republish_requires_moderation = True
    event.academy.save()
    factories.AcademyStaffFactory(user__email="moderation@ac-grenoble.fr")
    session = factories.SessionFactory(
        event=event,
        starts_at=datetime.datetime(2030, 11, 18, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 11, 18, 11, tzinfo=datetime.UTC),
    )
    client.force_login(organizer)
    data = event_form_data(
        edition,
        sessions=[(session.pk, session.starts_at, session.ends_at, 30)],
        version=event.version,
        address="3 avenue de la Gare",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:organizer_event_update", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.SUBMITTED
    change = event.status_changes.latest("at")
    assert change.reason == "Modifié après labellisation : adresse."
    assert any("moderation@ac-grenoble.fr" in m.to for m in mailoutbox)


def test_only_active_topics_are_offered(client, edition, organizer):
    ActionType.objects.filter(slug="escape-game").update(is_active=False)
    client.force_login(organizer)
    form = client.get(NEW).context["form"]
    assert not form.fields["action_types"].queryset.filter(slug="escape-game").exists()
    assert form.fields["themes"].queryset.count() == Theme.objects.filter(is_active=True).count()
    assert form.fields["audiences"].queryset.count() == Audience.objects.count()
