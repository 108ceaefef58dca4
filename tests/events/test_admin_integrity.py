"""Seats and statuses hold in the back office too: every admin edit goes through a service.

Each test drives the real admin pages with the test client, as académie staff would.
"""

import pytest

from events.cache import public_cache_version
from events.models import ClassRegistration, Event, RegistrationStatusChange, Session
from tests import factories
from tests.admin_forms import admin_url, changeform_data

Status = ClassRegistration.Status


@pytest.fixture
def event(db):
    """A published event of a future edition in Grenoble, accepting classes."""
    return factories.PublishedEventFactory(edition=factories.EditionFactory())


def book(session, students, status=Status.CONFIRMED, **kwargs):
    return factories.ClassRegistrationFactory(
        session=session, students=students, girls=None, status=status, **kwargs
    )


def post_change(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = changeform_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


# --- registrations ---------------------------------------------------------------------------


def test_staff_cannot_overbook_by_raising_a_head_count(client, academy_staff, event):
    session = factories.SessionFactory(event=event, capacity=30)
    registration = book(session, 24)
    client.force_login(academy_staff)
    response = post_change(client, registration, students=500)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "au plus 30 élèves" in str(errors["students"])
    registration.refresh_from_db()
    assert registration.students == 24
    assert not RegistrationStatusChange.objects.filter(registration=registration).exists()


def test_staff_raise_within_free_places_is_logged_and_told(
    client, academy_staff, event, mailoutbox, django_capture_on_commit_callbacks
):
    session = factories.SessionFactory(event=event, capacity=30)
    registration = book(session, 24)
    book(session, 4)
    client.force_login(academy_staff)
    response = post_change(client, registration, students=27)
    error = response.context["adminform"].form.errors["students"][0]
    assert "n'a plus que 2 place(s) libre(s)" in error and "au plus 26 élèves" in error
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(client, registration, students=26)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.students == 26
    log = RegistrationStatusChange.objects.get(registration=registration)
    assert log.by == academy_staff and "élèves : 24 → 26" in log.reason
    assert mailoutbox[-1].subject.startswith("Inscription modifiée")
    assert "24 → 26" in mailoutbox[-1].body


def test_moving_a_class_frees_its_seats_for_the_waiting_list(
    client, academy_staff, event, mailoutbox, django_capture_on_commit_callbacks
):
    first = factories.SessionFactory(event=event, capacity=30)
    second = factories.SessionFactory(
        event=event,
        starts_at=first.starts_at.replace(hour=14),
        ends_at=first.ends_at.replace(hour=16),
    )
    moved = book(first, 25)
    waiting = book(first, 20, status=Status.WAITLISTED)
    client.force_login(academy_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(client, moved, session=second.pk)
    assert response.status_code == 302
    moved.refresh_from_db()
    waiting.refresh_from_db()
    assert moved.session == second and moved.status == Status.CONFIRMED
    assert waiting.status == Status.CONFIRMED
    assert {m.to[0] for m in mailoutbox} == {moved.teacher.email, waiting.teacher.email}


def test_a_class_cannot_be_moved_onto_a_full_session(client, academy_staff, event):
    first = factories.SessionFactory(event=event, capacity=30)
    full = factories.SessionFactory(
        event=event,
        capacity=30,
        starts_at=first.starts_at.replace(hour=14),
        ends_at=first.ends_at.replace(hour=16),
    )
    book(full, 20)
    moved = book(first, 25)
    client.force_login(academy_staff)
    response = post_change(client, moved, session=full.pk)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["students"][0]
    assert "n'a plus que 10 place(s) libre(s)" in error
    moved.refresh_from_db()
    assert moved.session == first


def test_only_sessions_of_the_same_event_are_offered(client, academy_staff, event):
    session = factories.SessionFactory(event=event)
    other = factories.SessionFactory()  # another event of the académie
    registration = book(session, 10)
    client.force_login(academy_staff)
    response = client.get(admin_url(ClassRegistration, "change", registration.pk))
    choices = response.context["adminform"].form.fields["session"].queryset
    assert session in choices and other not in choices


def test_staff_approve_a_pending_class_from_the_list(
    client, academy_staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(), registration_mode=Event.RegistrationMode.APPROVAL
    )
    session = factories.SessionFactory(event=event, capacity=30)
    pending = book(session, 20, status=Status.PENDING)
    late = book(session, 20, status=Status.PENDING)
    client.force_login(academy_staff)
    data = {"action": "approve_registrations", "_selected_action": [pending.pk, late.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url(ClassRegistration, "changelist"), data, follow=True)
    assert "2 demandes validées." in response.content.decode()
    pending.refresh_from_db()
    late.refresh_from_db()
    assert (pending.status, late.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert "rang 1" in mailoutbox[-1].body


def test_a_pending_class_is_approved_or_declined_from_its_own_page(
    client, academy_staff, django_capture_on_commit_callbacks
):
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(), registration_mode=Event.RegistrationMode.APPROVAL
    )
    session = factories.SessionFactory(event=event, capacity=30)
    pending, other = (
        book(session, 20, status=Status.PENDING),
        book(session, 5, status=Status.PENDING),
    )
    client.force_login(academy_staff)
    page = client.get(admin_url(ClassRegistration, "change", pending.pk))
    assert [action for action, _label in page.context["registration_actions"]] == [
        "approve_registrations",
        "decline_registrations",
        "cancel_registrations",
    ]
    content = page.content.decode()
    assert "Valider la demande" in content and f'value="{pending.pk}"' in content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(ClassRegistration, "changelist"),
            {"action": "approve_registrations", "_selected_action": pending.pk, "index": 0},
            follow=True,
        )
    assert "1 demande validée." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED
    other.refresh_from_db()
    assert other.status == Status.PENDING  # only the one of the page
    # declining asks for the reason first
    reason_page = client.post(
        admin_url(ClassRegistration, "changelist"),
        {"action": "decline_registrations", "_selected_action": other.pk, "index": 0},
    )
    assert reason_page.status_code == 200
    assert reason_page.context["form"].fields["reason"].label == "Motif transmis à l'enseignant"
    confirmed_page = client.get(admin_url(ClassRegistration, "change", pending.pk))
    assert [a for a, _label in confirmed_page.context["registration_actions"]] == [
        "cancel_registrations"
    ]


def test_declining_asks_a_reason_only_for_classes_that_can_be_declined(
    client, academy_staff, event
):
    session = factories.SessionFactory(event=event)
    pending = book(session, 10, status=Status.PENDING)
    confirmed = book(session, 10)
    client.force_login(academy_staff)
    url = admin_url(ClassRegistration, "changelist")
    data = {"action": "decline_registrations", "_selected_action": [pending.pk, confirmed.pk]}
    response = client.post(url, data)
    page = response.content.decode()
    assert 'name="reason"' in page
    assert "seule une demande en attente peut être refusée" in page
    assert f'value="{confirmed.pk}"' not in page.split('name="reason"')[0].split("<form")[-1]
    client.post(url, {**data, "_selected_action": [pending.pk], "apply": "1", "reason": "Complet"})
    pending.refresh_from_db()
    confirmed.refresh_from_db()
    assert (pending.status, confirmed.status) == (Status.DECLINED, Status.CONFIRMED)


# --- sessions --------------------------------------------------------------------------------


def test_raising_a_capacity_serves_the_waiting_list_before_newcomers(
    client, academy_staff, event, commit
):
    session = factories.SessionFactory(event=event, capacity=30)
    book(session, 25)
    waiting = book(session, 10, status=Status.WAITLISTED)
    client.force_login(academy_staff)
    response = post_change(client, session, capacity=35)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    session.refresh_from_db()
    assert session.capacity == 35


def test_lowering_a_capacity_below_the_confirmed_students_is_refused(client, academy_staff, event):
    session = factories.SessionFactory(event=event, capacity=30)
    book(session, 25)
    client.force_login(academy_staff)
    response = post_change(client, session, capacity=20)
    assert response.status_code == 200
    assert "25 élèves sont déjà confirmés" in str(response.context["adminform"].form.errors)
    session.refresh_from_db()
    assert session.capacity == 30


def event_page_data(client, event, **row_changes):
    url = admin_url(Event, "change", event.pk)
    data = changeform_data(client.get(url))
    prefix = next(
        key[: -len("-TOTAL_FORMS")]
        for key in data
        if key.startswith("sessions") and key.endswith("-TOTAL_FORMS")
    )
    for key, value in row_changes.items():
        data[f"{prefix}-0-{key}"] = value
    return url, data


def test_the_event_pages_session_table_goes_through_the_services(
    client, academy_staff, event, django_capture_on_commit_callbacks
):
    session = factories.SessionFactory(event=event, capacity=30)
    book(session, 25)
    waiting = book(session, 10, status=Status.WAITLISTED)
    client.force_login(academy_staff)
    url, data = event_page_data(client, event, capacity=20)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "25 élèves sont déjà confirmés" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 30
    version = public_cache_version()
    url, data = event_page_data(client, event, capacity=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert public_cache_version() > version  # public pages show the new places


def test_a_session_with_classes_cannot_be_deleted_from_the_event_page(client, academy_staff, event):
    session = factories.SessionFactory(event=event, capacity=30)
    book(session, 25)
    client.force_login(academy_staff)
    url, data = event_page_data(client, event, DELETE="on")
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "provoquerait la suppression des objets liés et protégés" in page
    assert Session.objects.filter(pk=session.pk).exists()


def test_session_edits_clear_the_public_cache(
    client, academy_staff, event, django_capture_on_commit_callbacks
):
    session = factories.SessionFactory(event=event, capacity=30)
    client.force_login(academy_staff)
    version = public_cache_version()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_change(client, session, note="Accueil à l'entrée B").status_code == 302
    assert public_cache_version() > version


# --- moderation ------------------------------------------------------------------------------


def moderation_labels(client, event) -> list[str]:
    response = client.get(admin_url(Event, "change", event.pk))
    return [button["to_status"] for button in response.context["moderation_buttons"]]


def test_the_event_page_offers_only_the_transitions_its_status_allows(client, academy_staff):
    client.force_login(academy_staff)
    assert moderation_labels(client, factories.EventFactory()) == []
    submitted = factories.EventFactory(status=Event.Status.SUBMITTED)
    assert moderation_labels(client, submitted) == ["published", "changes_requested", "rejected"]
    assert moderation_labels(client, factories.PublishedEventFactory()) == ["cancelled"]
    assert moderation_labels(client, factories.EventFactory(status=Event.Status.REJECTED)) == []


def test_a_moderation_button_publishes_through_the_service(
    client, academy_staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(status=Event.Status.SUBMITTED)
    client.force_login(academy_staff)
    url = admin_url(Event, "moderate", event.pk, "published")
    assert "Confirmer" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""}, follow=True)
    assert "1 événement labellisé et publié." in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert "labellisé et publié" in mailoutbox[-1].subject


def test_a_moderation_button_for_a_forbidden_transition_changes_nothing(client, academy_staff):
    event = factories.EventFactory()  # a draft
    client.force_login(academy_staff)
    response = client.post(
        admin_url(Event, "moderate", event.pk, "rejected"), {"reason": "Payant"}, follow=True
    )
    assert "ne peut pas passer" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_the_changelist_filtered_on_a_status_offers_its_transitions_only(client, academy_staff):
    client.force_login(academy_staff)
    url = admin_url(Event, "changelist")
    actions = client.get(url, {"status__exact": "published"}).context["action_form"]
    names = {value for value, _label in actions.fields["action"].choices}
    assert "cancel_events" in names and "publish_events" not in names
    actions = client.get(url, {"status__exact": "submitted"}).context["action_form"]
    names = {value for value, _label in actions.fields["action"].choices}
    assert {"publish_events", "request_changes", "reject_events"} <= names
    assert "cancel_events" not in names


def test_rejecting_a_published_event_is_refused_before_any_reason_is_typed(client, academy_staff):
    published = factories.PublishedEventFactory()
    client.force_login(academy_staff)
    data = {"action": "reject_events", "_selected_action": [published.pk]}
    response = client.post(admin_url(Event, "changelist"), data, follow=True)
    page = response.content.decode()
    assert 'name="reason"' not in page
    assert "ne peut pas passer à « Refusé »" in page


def test_academy_staff_export_the_registrations_they_see(client, academy_staff, event):
    session = factories.SessionFactory(event=event)
    book(session, 12, class_name="=HYPERLINK(1)")
    lyon = factories.PublishedEventFactory(department=factories.reference_department("69"))
    book(factories.SessionFactory(event=lyon), 9, class_name="Lyon 3e")
    client.force_login(academy_staff)
    url = admin_url(ClassRegistration, "export")
    form = client.get(url).context["form"]
    columns = {name: "on" for name in form.fields if name.startswith("classregistrationresource_")}
    resource = form.fields["resource"].choices[0][0]
    response = client.post(url, {**columns, "resource": resource, "format": "0"})
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "text/csv" in response["Content-Type"]
    assert "'=HYPERLINK(1)" in body  # a formula is never executed by a spreadsheet
    assert "Lyon 3e" not in body  # another académie's classes stay out
