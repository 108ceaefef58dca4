import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events.models import Event, EventStatusChange
from events.services import (
    event_cancel,
    event_publish,
    event_reject,
    event_request_changes,
    event_submit,
)
from tests import factories

Status = Event.Status


@pytest.fixture
def draft_event(organizer):
    event = factories.EventFactory(company=organizer.company, created_by=organizer)
    factories.SessionFactory(event=event)
    return event


def test_organizer_submits_a_complete_event(commit, draft_event, organizer, mailoutbox):
    event = commit(event_submit, event=draft_event, by=organizer)
    assert event.status == Status.SUBMITTED
    assert event.submitted_at is not None
    change = EventStatusChange.objects.get(event=event)
    assert (change.by, change.from_status, change.to_status) == (organizer, "draft", "submitted")
    assert len(mailoutbox) == 1
    assert "soumis à labellisation" in mailoutbox[0].subject
    assert set(mailoutbox[0].to) == {organizer.email, event.contact_email}


def test_submission_lists_unmet_labelling_criteria(commit, organizer, mailoutbox):
    event = factories.EventFactory(company=organizer.company, is_free=False, audiences=[])
    with pytest.raises(ValidationError) as error:
        commit(event_submit, event=event, by=organizer)
    messages = " ".join(error.value.messages)
    assert "Gratuit" in messages and "public cible" in messages and "créneau" in messages
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    assert not EventStatusChange.objects.exists()
    assert mailoutbox == []


def test_stranger_cannot_submit(commit, draft_event, user):
    with pytest.raises(PermissionDenied):
        commit(event_submit, event=draft_event, by=user)


def test_academy_staff_labels_an_event_of_their_academy(
    commit, draft_event, organizer, academy_staff, mailoutbox
):
    commit(event_submit, event=draft_event, by=organizer)
    event = commit(event_publish, event=draft_event, by=academy_staff)
    assert event.status == Status.PUBLISHED and event.published_at is not None
    assert "labellisé et publié" in mailoutbox[-1].subject
    assert [c.to_status for c in event.status_changes.all()] == ["submitted", "published"]


def test_staff_of_another_academy_cannot_moderate(commit, draft_event, organizer):
    commit(event_submit, event=draft_event, by=organizer)
    lyon_staff = factories.AcademyStaffFactory(
        academy=factories.reference_department("69").academy
    ).user
    with pytest.raises(PermissionDenied):
        commit(event_publish, event=draft_event, by=lyon_staff)
    draft_event.refresh_from_db()
    assert draft_event.status == Status.SUBMITTED


def test_national_staff_moderates_everywhere(commit, draft_event, organizer, national_staff):
    commit(event_submit, event=draft_event, by=organizer)
    assert commit(event_publish, event=draft_event, by=national_staff).status == Status.PUBLISHED


def test_changes_requested_then_resubmitted(
    commit, draft_event, organizer, academy_staff, mailoutbox
):
    commit(event_submit, event=draft_event, by=organizer)
    event = commit(
        event_request_changes, event=draft_event, by=academy_staff, reason="Précisez l'accès PMR."
    )
    assert event.status == Status.CHANGES_REQUESTED
    assert event.moderation_message == "Précisez l'accès PMR."
    assert "Précisez l'accès PMR." in mailoutbox[-1].body
    assert commit(event_submit, event=event, by=organizer).status == Status.SUBMITTED


def test_rejection_needs_a_reason(commit, draft_event, organizer, academy_staff):
    commit(event_submit, event=draft_event, by=organizer)
    with pytest.raises(ValidationError) as error:
        commit(event_reject, event=draft_event, by=academy_staff, reason="  ")
    assert "motif" in error.value.message_dict["reason"][0]
    event = commit(event_reject, event=draft_event, by=academy_staff, reason="Événement payant.")
    assert event.status == Status.REJECTED
    assert EventStatusChange.objects.filter(
        event=event, to_status="rejected", reason="Événement payant."
    ).exists()


def test_forbidden_transitions_change_nothing(commit, draft_event, academy_staff, organizer):
    with pytest.raises(ValidationError) as error:
        commit(event_publish, event=draft_event, by=academy_staff)
    assert "Impossible" in error.value.messages[0]
    with pytest.raises(ValidationError):
        commit(event_cancel, event=draft_event, by=organizer, reason="Plus de salle")
    draft_event.refresh_from_db()
    assert draft_event.status == Status.DRAFT
    assert not EventStatusChange.objects.exists()


def test_organizer_cancels_a_published_event(commit, organizer, mailoutbox):
    event = factories.PublishedEventFactory(company=organizer.company)
    event = commit(event_cancel, event=event, by=organizer, reason="Atelier en travaux.")
    assert event.status == Status.CANCELLED
    assert "annulé" in mailoutbox[-1].subject
