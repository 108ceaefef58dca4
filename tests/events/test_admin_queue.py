"""The moderation queue at /admin/moderation/ and who may do what in the moderation back
office: anonymous, organizer, teacher, moderator of A (Grenoble), moderator of B (Lyon),
manager of A, national staff × the queue, the event's change page, the actions, the export,
the statistics dashboard."""

import datetime
import html
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from academies.models import Academy
from events.models import Event, EventStatusChange
from tests import factories
from tests.admin_forms import admin_url
from tests.factories import reference_department

QUEUE = reverse("admin:moderation_queue")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def submitted(*, department="38", submitted_at=None, **kwargs):
    event = factories.EventFactory(
        status=Event.Status.SUBMITTED,
        department=reference_department(department),
        submitted_at=submitted_at or timezone.now(),
        **kwargs,
    )
    factories.SessionFactory(event=event)
    return event


@pytest.fixture
def grenoble_submitted(db):
    return submitted(title="Visite de la fonderie de Voreppe")


@pytest.fixture
def lyon_submitted(db):
    lyon = reference_department("69")
    company = factories.CompanyFactory(department=lyon, city="Lyon")
    return submitted(department="69", company=company, title="Atelier robotique à Vénissieux")


@pytest.fixture
def lyon_staff(db):
    """A moderator of académie B (Lyon, code 10)."""
    return factories.AcademyStaffFactory(academy=Academy.objects.get(code="10")).user


@pytest.fixture
def people(db, request):
    def get(who):
        if who == "anonymous":
            return None
        return request.getfixturevalue(who)

    return get


# --- the permission matrix ----------------------------------------------------------------

WHO = [
    "anonymous",
    "organizer",
    "teacher",
    "academy_staff",
    "lyon_staff",
    "academy_manager",
    "national_staff",
]
# what each one finds in the queue: the Grenoble event, the Lyon one
SEES = {
    "academy_staff": {"grenoble"},
    "lyon_staff": {"lyon"},
    "academy_manager": {"grenoble"},
    "national_staff": {"grenoble", "lyon"},
}
MODERATES_GRENOBLE = ("academy_staff", "academy_manager", "national_staff")


@pytest.mark.parametrize("who", WHO)
def test_queue_lists_the_events_of_my_academies_only(
    client, people, who, grenoble_submitted, lyon_submitted
):
    user = people(who)
    if user:
        client.force_login(user)
    response = client.get(QUEUE)
    if who not in SEES:
        # not back-office users: sent to the admin's login page, nothing listed
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
        return
    assert response.status_code == 200
    content = response.content.decode()
    titles = {"grenoble": grenoble_submitted.title, "lyon": lyon_submitted.title}
    for name, title in titles.items():
        assert (title in content) == (name in SEES[who]), (who, name)


@pytest.mark.parametrize("who", WHO)
def test_change_page_of_a_grenoble_event(client, people, who, grenoble_submitted):
    user = people(who)
    if user:
        client.force_login(user)
    response = client.get(admin_url(Event, "change", grenoble_submitted.pk))
    if who in MODERATES_GRENOBLE:
        assert response.status_code == 200
        content = html.unescape(response.content.decode())
        assert "Modifier l'événement" in content
        assert (
            reverse("admin:events_event_moderate", args=[grenoble_submitted.pk, "published"])
            in content
        )
    elif who == "lyon_staff":
        # another académie's event does not exist for them
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
    else:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("who", WHO)
def test_labelling_a_grenoble_event_from_the_queue(
    client, people, who, grenoble_submitted, django_capture_on_commit_callbacks
):
    user = people(who)
    if user:
        client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            QUEUE, {"action": "publish_events", "_selected_action": [grenoble_submitted.pk]}
        )
    grenoble_submitted.refresh_from_db()
    allowed = who in MODERATES_GRENOBLE
    assert (grenoble_submitted.status == Event.Status.PUBLISHED) == allowed, who
    if who in ("anonymous", "organizer", "teacher"):
        assert reverse("admin:login") in response["Location"]
    else:
        assert response.status_code == 302  # back to the queue


@pytest.mark.parametrize("who", WHO)
def test_moderation_page_of_a_grenoble_event(client, people, who, grenoble_submitted):
    user = people(who)
    if user:
        client.force_login(user)
    url = reverse("admin:events_event_moderate", args=[grenoble_submitted.pk, "rejected"])
    response = client.post(url, {"reason_code": "duplicate", "reason": "Déjà déclaré"})
    grenoble_submitted.refresh_from_db()
    allowed = who in MODERATES_GRENOBLE
    assert (grenoble_submitted.status == Event.Status.REJECTED) == allowed, who
    if who == "lyon_staff":
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("who", WHO)
def test_export_is_scoped(client, people, who, grenoble_submitted, lyon_submitted):
    user = people(who)
    if user:
        client.force_login(user)
    response = client.post(admin_url(Event, "export"), {"format": 0, "resource": 0})
    if who not in SEES:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert (grenoble_submitted.title in content) == ("grenoble" in SEES[who])
    assert (lyon_submitted.title in content) == ("lyon" in SEES[who])


@pytest.mark.parametrize("who", WHO)
def test_dashboard_counts_the_academies_i_may_see(
    client, people, who, grenoble_submitted, lyon_submitted
):
    user = people(who)
    if user:
        client.force_login(user)
    response = client.get(reverse("admin:statistics"))
    if who not in SEES:
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
        return
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard.events["awaiting"] == len(SEES[who])  # one submitted event per académie
    # the comparison by académie is national staff's only
    assert (dashboard.by_academy is not None) == (who == "national_staff")
    lyon = Academy.objects.get(code="10")
    other = client.get(reverse("admin:statistics"), {"academy": lyon.pk})
    if who == "national_staff":
        assert other.context["dashboard"].events["awaiting"] == 1
    elif who != "lyon_staff":  # Lyon is not among their choices: their own académie instead
        assert other.context["academy"].code == "08"


# --- what the queue shows ------------------------------------------------------------------


def test_oldest_first_with_working_days_and_the_overdue_flagged(client, academy_staff):
    # Today is Tuesday 1 Dec 2026. Submitted on Monday 23 Nov: 6 working days; on Friday
    # 27 Nov: 2 working days (Mon 30, Tue 1).
    late = submitted(
        title="Soumis il y a longtemps",
        submitted_at=datetime.datetime(2026, 11, 23, 9, tzinfo=PARIS),
    )
    recent = submitted(
        title="Soumis récemment", submitted_at=datetime.datetime(2026, 11, 27, 9, tzinfo=PARIS)
    )
    client.force_login(academy_staff)
    response = client.get(QUEUE)
    rows = response.context["rows"]
    assert [row.event for row in rows] == [late, recent]
    if timezone.localdate() == datetime.date(2026, 12, 1):
        assert [row.days_waited for row in rows] == [6, 2]
    assert [row.overdue for row in rows] == [
        rows[0].days_waited > 4,
        rows[1].days_waited > 4,
    ]
    assert rows[0].overdue
    content = response.content.decode()
    assert "jours ouvrés — en retard" in content


def test_the_labelling_checklist_and_its_result(client, academy_staff):
    paying = submitted(title="Stage payant", is_free=False)
    client.force_login(academy_staff)
    response = client.get(QUEUE)
    (row,) = [row for row in response.context["rows"] if row.event == paying]
    assert not row.criteria_met
    assert [c.code for c in row.criteria if not c.met] == ["free"]
    assert "Critère non rempli" in response.content.decode()


def test_filters(client, academy_staff, grenoble_submitted):
    savoie = reference_department("73")
    company = factories.CompanyFactory(department=savoie, name="Aciéries de Savoie")
    in_savoie = submitted(department="73", company=company, title="Aciérie ouverte")
    client.force_login(academy_staff)

    def listed(**query):
        return {row.event for row in client.get(QUEUE, query).context["rows"]}

    assert listed() == {grenoble_submitted, in_savoie}
    assert listed(department=savoie.pk) == {in_savoie}
    assert listed(organizer="Aciéries") == {in_savoie}
    theme = grenoble_submitted.themes.first()
    in_savoie.themes.clear()
    assert listed(theme=theme.pk) == {grenoble_submitted}
    action_type = grenoble_submitted.action_types.first()
    assert listed(action_type=action_type.pk) == {grenoble_submitted, in_savoie}
    other_edition = factories.EditionFactory()
    assert listed(edition=other_edition.pk) == set()
    assert listed(edition="") == {grenoble_submitted, in_savoie}


def test_queue_query_budget(client, academy_staff, django_assert_max_num_queries):
    for _ in range(3):
        submitted()
    client.force_login(academy_staff)
    with django_assert_max_num_queries(20) as few:
        assert client.get(QUEUE).status_code == 200
    for _ in range(20):
        submitted()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE)
    assert len(response.context["rows"]) == 23


def test_the_admin_index_links_to_the_queue(client, academy_staff):
    client.force_login(academy_staff)
    assert QUEUE in client.get(reverse("admin:index")).content.decode()


# --- moderating from the queue -------------------------------------------------------------


def test_bulk_rejection_asks_for_a_motive_from_the_list_then_tells_each_organizer(
    client, academy_staff, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = submitted(), submitted()
    client.force_login(academy_staff)
    data = {"action": "reject_events", "_selected_action": [first.pk, second.pk]}
    response = client.post(QUEUE, data)
    content = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'name="reason_code"' in content and "Doublon d'un autre événement" in content
    # no motive chosen: nothing changes
    response = client.post(QUEUE, {**data, "apply": "1", "reason": "Voir l'autre fiche"})
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == Event.Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            QUEUE,
            {**data, "apply": "1", "reason_code": "duplicate", "reason": "Voir l'autre fiche"},
        )
    assert response.status_code == 302 and response["Location"] == QUEUE
    for event in (first, second):
        event.refresh_from_db()
        assert event.status == Event.Status.REJECTED
        assert event.rejection_reason == Event.RejectionReason.DUPLICATE
        change = EventStatusChange.objects.filter(event=event).latest("at")
        assert change.reason == "Doublon d'un autre événement : Voir l'autre fiche"
        assert change.by == academy_staff
    bodies = [message.body for message in mailoutbox]
    assert len(bodies) == 2
    assert all("Doublon d'un autre événement : Voir l'autre fiche" in body for body in bodies)
    # each organizer gets the link to the event in their space
    for event in (first, second):
        assert any(reverse("events:organizer_event", args=[event.pk]) in body for body in bodies)


def test_ask_for_changes_needs_a_message(client, academy_staff, grenoble_submitted):
    client.force_login(academy_staff)
    url = reverse("admin:events_event_moderate", args=[grenoble_submitted.pk, "changes_requested"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    grenoble_submitted.refresh_from_db()
    assert grenoble_submitted.status == Event.Status.SUBMITTED
    response = client.post(url, {"reason": "Précisez l'adresse", "next": QUEUE})
    assert response["Location"] == QUEUE  # back to the queue
    grenoble_submitted.refresh_from_db()
    assert grenoble_submitted.status == Event.Status.CHANGES_REQUESTED


def test_an_unknown_motive_is_refused_by_the_service(academy_staff, grenoble_submitted):
    from django.core.exceptions import ValidationError

    from events.services import event_reject

    with pytest.raises(ValidationError):
        event_reject(event=grenoble_submitted, by=academy_staff, reason="x", reason_code="nope")
    grenoble_submitted.refresh_from_db()
    assert grenoble_submitted.status == Event.Status.SUBMITTED


def test_the_queue_points_to_the_attachment_requests_to_confirm(client, academy_staff):
    from academies.models import AttachmentRequest

    school = factories.SchoolFactory()
    AttachmentRequest.objects.create(
        user=factories.UserFactory(), school=school, role=AttachmentRequest.Role.TEACHER
    )
    lyon_school = factories.SchoolFactory(department=factories.reference_department("69"))
    AttachmentRequest.objects.create(
        user=factories.UserFactory(), school=lyon_school, role=AttachmentRequest.Role.TEACHER
    )
    client.force_login(academy_staff)
    page = client.get("/admin/moderation/").content.decode()
    assert "1 demande de rattachement à confirmer" in page  # Grenoble's only
    assert "/admin/academies/attachmentrequest/?status__exact=pending" in page
