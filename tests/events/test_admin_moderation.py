"""Académie staff moderate from the event changelist; every action goes through the services."""

import pytest
from django.urls import reverse

from events.models import Event, EventStatusChange
from tests import factories

CHANGELIST = reverse("admin:events_event_changelist")


@pytest.fixture
def submitted_event(db):
    event = factories.EventFactory(status=Event.Status.SUBMITTED)
    factories.SessionFactory(event=event)
    return event


def post_action(client, action, events, **extra):
    data = {"action": action, "_selected_action": [e.pk for e in events], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_staff_publishes_from_the_changelist(
    client, academy_staff, submitted_event, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(academy_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client, "publish_events", [submitted_event])
    assert "1 événement labellisé et publié." in response.content.decode()
    submitted_event.refresh_from_db()
    assert submitted_event.status == Event.Status.PUBLISHED
    assert EventStatusChange.objects.get(event=submitted_event).by == academy_staff
    assert "labellisé et publié" in mailoutbox[-1].subject


def test_rejection_asks_for_a_reason_first(client, academy_staff, submitted_event):
    client.force_login(academy_staff)
    response = post_action(client, "reject_events", [submitted_event])
    assert 'name="reason"' in response.content.decode()
    submitted_event.refresh_from_db()
    assert submitted_event.status == Event.Status.SUBMITTED
    response = post_action(
        client,
        "reject_events",
        [submitted_event],
        apply="1",
        reason_code="not_free",
        reason="Entrée à 5 €",
    )
    submitted_event.refresh_from_db()
    assert submitted_event.status == Event.Status.REJECTED
    assert submitted_event.rejection_reason == "not_free"
    assert submitted_event.moderation_message == "Payant pour les participants : Entrée à 5 €"


def test_empty_reason_changes_nothing(client, academy_staff, submitted_event):
    client.force_login(academy_staff)
    response = post_action(client, "request_changes", [submitted_event], apply="1", reason="")
    assert response.status_code == 200
    submitted_event.refresh_from_db()
    assert submitted_event.status == Event.Status.SUBMITTED


def test_forbidden_transition_is_reported_not_applied(client, academy_staff):
    draft = factories.EventFactory()
    client.force_login(academy_staff)
    response = post_action(client, "publish_events", [draft])
    assert "ne peut pas passer à « Labellisé et publié »" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
