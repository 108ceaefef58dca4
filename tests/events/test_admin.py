"""Admin of the events: pages, query budgets, search, académie scoping, read-only history."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from academies.models import Academy
from events.admin import EventAdmin
from events.models import (
    ActionType,
    Audience,
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
    Theme,
)
from tests import factories
from tests.admin_forms import admin_url, changeform_data, changelist_pks
from tests.factories import reference_department


@pytest.fixture
def lyon_event(db):
    lyon = reference_department("69")
    company = factories.CompanyFactory(department=lyon, city="Lyon")
    return factories.PublishedEventFactory(
        company=company, department=lyon, title="Journée portes ouvertes à Vénissieux"
    )


@pytest.fixture
def grenoble_event(db):
    return factories.PublishedEventFactory(title="Visite de l'atelier de microtechnique")


def make_events(count, *, department="38", sessions=3, themes=2, registrations=1):
    chosen_themes = list(Theme.objects.all()[:themes])
    events = []
    for _ in range(count):
        event = factories.PublishedEventFactory(
            department=reference_department(department), themes=chosen_themes
        )
        for session in factories.SessionFactory.create_batch(sessions, event=event):
            factories.ClassRegistrationFactory.create_batch(registrations, session=session)
        events.append(event)
    return events


# --- every page answers ------------------------------------------------------------------


EVENTS_ADMINS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label == "events"
]
READ_ONLY_MODELS = {EventStatusChange, RegistrationStatusChange}


@pytest.mark.parametrize(
    ("model", "model_admin"), EVENTS_ADMINS, ids=lambda v: getattr(v, "__name__", "")
)
def test_superuser_opens_changelist_and_add_page(client, superuser, model, model_admin):
    client.force_login(superuser)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "usinage"}).status_code == 200
    # histories are append-only; classes are registered by their teachers, never here
    expected = 403 if model in READ_ONLY_MODELS | {ClassRegistration} else 200
    assert client.get(admin_url(model, "add")).status_code == expected


def test_every_model_of_both_apps_is_registered():
    from django.apps import apps

    for app_label in ["academies", "events"]:
        for model in apps.get_app_config(app_label).get_models():
            assert admin.site.is_registered(model), model


def test_superuser_opens_change_pages(client, superuser):
    registration = factories.ClassRegistrationFactory()
    event = registration.session.event
    objects = [
        Edition.objects.get(is_current=True),
        Theme.objects.first(),
        event,
        registration.session,
        registration,
        factories.EventStatusChangeFactory(event=event, by=superuser, reason="Complet"),
        factories.RegistrationStatusChangeFactory(registration=registration),
    ]
    client.force_login(superuser)
    for obj in objects:
        assert client.get(admin_url(type(obj), "change", obj.pk)).status_code == 200, obj


def test_event_add_form_starts_on_the_current_edition(client, superuser):
    client.force_login(superuser)
    response = client.get(admin_url(Event, "add"))
    assert response.context["adminform"].form.initial["edition"] == (
        Edition.objects.get(is_current=True).pk
    )


# --- query budgets -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["superuser", "academy_staff"])
def test_event_changelist_query_budget(db, client, request, who, django_assert_max_num_queries):
    make_events(30)
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(15):
        response = client.get(admin_url(Event, "changelist"))
    rows = response.context["cl"].result_list
    assert len(rows) == 30
    assert {row.sessions_count for row in rows} == {3}
    assert {row.confirmed_students for row in rows} == {3 * 24}


def test_session_changelist_query_budget(client, superuser, django_assert_max_num_queries):
    make_events(10, sessions=3, registrations=2)
    client.force_login(superuser)
    with django_assert_max_num_queries(15):
        response = client.get(admin_url(Session, "changelist"))
    rows = response.context["cl"].result_list
    assert len(rows) == 30
    assert {row.confirmed_students for row in rows} == {48}
    assert "48 / 30" in response.content.decode()  # capacity 30, factories overbook on purpose


@pytest.mark.parametrize("who", ["superuser", "academy_staff"])
def test_registration_changelist_query_budget(
    db, client, request, who, django_assert_max_num_queries
):
    make_events(10, sessions=2, registrations=2)
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(15):
        response = client.get(admin_url(ClassRegistration, "changelist"))
    assert len(response.context["cl"].result_list) == 40


def test_history_changelists_query_budget(client, superuser, django_assert_max_num_queries):
    for event in make_events(10, sessions=1, registrations=1):
        factories.EventStatusChangeFactory.create_batch(3, event=event, by=superuser)
    for registration in ClassRegistration.objects.all():
        factories.RegistrationStatusChangeFactory(registration=registration, by=superuser)
    client.force_login(superuser)
    for model, count in [(EventStatusChange, 30), (RegistrationStatusChange, 10)]:
        with django_assert_max_num_queries(12):
            response = client.get(admin_url(model, "changelist"))
        assert len(response.context["cl"].result_list) == count


def test_event_change_page_query_budget(client, superuser, django_assert_max_num_queries):
    event = make_events(1, sessions=5)[0]
    factories.EventStatusChangeFactory.create_batch(4, event=event, by=superuser)
    client.force_login(superuser)
    with django_assert_max_num_queries(20):  # independent of the number of sessions
        assert client.get(admin_url(Event, "change", event.pk)).status_code == 200


def test_event_export_query_budget(client, superuser, django_assert_max_num_queries):
    make_events(30)
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        response = client.post(admin_url(Event, "export"), {"format": 0, "resource": 0})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 31


# --- search ------------------------------------------------------------------------------


def test_search_events_by_title(client, superuser, grenoble_event, lyon_event):
    client.force_login(superuser)
    response = client.get(admin_url(Event, "changelist"), {"q": "vénissieux"})
    assert changelist_pks(response) == {lyon_event.pk}
    response = client.get(admin_url(Event, "changelist"), {"q": "microtechnique"})
    assert changelist_pks(response) == {grenoble_event.pk}


def test_search_events_by_organizer_siret(client, superuser, grenoble_event, lyon_event):
    client.force_login(superuser)
    response = client.get(admin_url(Event, "changelist"), {"q": lyon_event.company.siret})
    assert changelist_pks(response) == {lyon_event.pk}


def test_search_registrations_by_school_uai(client, superuser):
    registration = factories.ClassRegistrationFactory()
    factories.ClassRegistrationFactory()
    client.force_login(superuser)
    response = client.get(
        admin_url(ClassRegistration, "changelist"), {"q": registration.school.uai.lower()}
    )
    assert changelist_pks(response) == {registration.pk}


# --- the permission matrix ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["superuser", "national_staff"])
def test_national_roles_see_every_event(client, request, who, grenoble_event, lyon_event):
    client.force_login(request.getfixturevalue(who))
    response = client.get(admin_url(Event, "changelist"))
    assert changelist_pks(response) == {grenoble_event.pk, lyon_event.pk}
    assert client.get(admin_url(Event, "change", lyon_event.pk)).status_code == 200


def test_academy_staff_see_their_academy_events_only(
    client, academy_staff, grenoble_event, lyon_event
):
    lyon_session = factories.SessionFactory(event=lyon_event)
    lyon_registration = factories.ClassRegistrationFactory(session=lyon_session)
    lyon_change = factories.EventStatusChangeFactory(event=lyon_event)
    grenoble_session = factories.SessionFactory(event=grenoble_event)
    grenoble_registration = factories.ClassRegistrationFactory(session=grenoble_session)
    grenoble_change = factories.EventStatusChangeFactory(event=grenoble_event)
    client.force_login(academy_staff)

    for model, mine, theirs in [
        (Event, grenoble_event, lyon_event),
        (Session, grenoble_session, lyon_session),
        (ClassRegistration, grenoble_registration, lyon_registration),
        (EventStatusChange, grenoble_change, lyon_change),
    ]:
        assert changelist_pks(client.get(admin_url(model, "changelist"))) == {mine.pk}
        assert client.get(admin_url(model, "change", mine.pk)).status_code == 200
        response = client.get(admin_url(model, "change", theirs.pk))
        assert response.status_code == 302, model
        assert response["Location"] == reverse("admin:index")


def test_academy_filter_offers_only_their_academies(client, academy_staff, grenoble_event):
    factories.AcademyStaffFactory(user=academy_staff, academy=Academy.objects.get(code="10"))
    client.force_login(academy_staff)
    response = client.get(admin_url(Event, "changelist"))
    filters = {str(spec.title): spec for spec in response.context["cl"].filter_specs}
    academy_filter = filters[str(Event._meta.get_field("academy").verbose_name)]
    assert [label for _, label in academy_filter.lookup_choices] == ["Grenoble", "Lyon"]
    department_filter = filters[str(Event._meta.get_field("department").verbose_name)]
    assert len(department_filter.lookup_choices) == 5 + 3  # Grenoble's and Lyon's


def test_anonymous_is_sent_to_the_login_page(client, grenoble_event):
    for url in [admin_url(Event, "changelist"), admin_url(Event, "change", grenoble_event.pk)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_role_or_permission_is_refused(client, grenoble_event):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(admin_url(Event, "changelist")).status_code == 403


def test_academy_staff_read_reference_data_only(client, academy_staff):
    theme = Theme.objects.first()
    client.force_login(academy_staff)
    assert client.get(admin_url(Theme, "changelist")).status_code == 200
    assert client.get(admin_url(Theme, "change", theme.pk)).status_code == 200
    response = client.post(admin_url(Theme, "change", theme.pk), {"name": "Autre"})
    assert response.status_code == 403
    assert client.get(admin_url(Edition, "add")).status_code == 403


def test_national_staff_edit_reference_data(client, national_staff):
    client.force_login(national_staff)
    assert client.get(admin_url(Edition, "add")).status_code == 200
    assert client.get(admin_url(Theme, "add")).status_code == 200


def test_academy_staff_edit_an_event_of_their_academy(client, academy_staff):
    lyon_company = factories.CompanyFactory(department=reference_department("69"))
    event = factories.PublishedEventFactory(company=lyon_company, summary="Avant")
    client.force_login(academy_staff)
    data = changeform_data(client.get(admin_url(Event, "change", event.pk)))
    data.update(summary="Après", status=Event.Status.CANCELLED)
    response = client.post(admin_url(Event, "change", event.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.summary == "Après"
    assert event.company == lyon_company  # kept, though outside their académie
    assert event.status == Event.Status.PUBLISHED  # statuses change through the services


def test_academy_staff_cannot_move_an_event_to_another_academy(client, academy_staff):
    event = factories.PublishedEventFactory()
    client.force_login(academy_staff)
    data = changeform_data(client.get(admin_url(Event, "change", event.pk)))
    data["department"] = reference_department("69").pk
    response = client.post(admin_url(Event, "change", event.pk), data)
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.department.code == "38"


def test_academy_staff_declare_an_event_of_their_academy(client, academy_staff, company):
    client.force_login(academy_staff)
    data = changeform_data(client.get(admin_url(Event, "add")))
    data.update(
        title="Forum des métiers de la chimie",
        description="Rencontres avec des techniciens de laboratoire.",
        organizer_kind=Event.OrganizerKind.COMPANY,
        company=company.pk,
        department=reference_department("73").pk,
        format=Event.Format.ONSITE,
        address="1 avenue du Lac",
        postcode="73100",
        city="Aix-les-Bains",
        registration_mode=Event.RegistrationMode.AUTOMATIC,
        themes=[Theme.objects.first().pk],
        action_types=[ActionType.objects.first().pk],
        audiences=[Audience.objects.first().pk],
    )
    response = client.post(admin_url(Event, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(title="Forum des métiers de la chimie")
    assert event.academy == Academy.objects.get(code="08")  # from the département
    assert event.created_by == academy_staff
    assert event.status == Event.Status.DRAFT


def test_session_times_are_shown_in_the_academy_time_zone(client, superuser):
    cayenne = zoneinfo.ZoneInfo("America/Cayenne")
    event = factories.PublishedEventFactory(department=reference_department("973"))
    starts = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=cayenne)
    session = factories.SessionFactory(
        event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    client.force_login(superuser)
    assert "18/11/2025 09:00" in client.get(admin_url(Session, "changelist")).content.decode()
    response = client.get(admin_url(Session, "change", session.pk))
    assert 'value="09:00:00"' in response.content.decode()
    with timezone.override(cayenne):  # what the browser got back
        data = changeform_data(response)
    data["note"] = "Prévoir des chaussures de sécurité"
    assert client.post(admin_url(Session, "change", session.pk), data).status_code == 302
    session.refresh_from_db()
    assert session.starts_at == starts  # not shifted by the server's time zone


# --- the append-only history -------------------------------------------------------------


@pytest.mark.parametrize("who", ["superuser", "national_staff", "academy_staff"])
def test_history_is_read_only(db, client, request, who):
    user = request.getfixturevalue(who)
    registration = factories.ClassRegistrationFactory()
    logs = [
        factories.EventStatusChangeFactory(event=registration.session.event, reason="Motif"),
        factories.RegistrationStatusChangeFactory(registration=registration),
    ]
    client.force_login(user)
    for log in logs:
        model = type(log)
        changelist = client.get(admin_url(model, "changelist"))
        assert changelist.status_code == 200
        assert admin_url(model, "add") not in changelist.content.decode()
        assert "delete_selected" not in changelist.content.decode()
        change = client.get(admin_url(model, "change", log.pk))
        assert change.status_code == 200
        assert admin_url(model, "delete", log.pk) not in change.content.decode()
        assert client.post(admin_url(model, "change", log.pk), {"reason": "x"}).status_code == 403
        assert client.get(admin_url(model, "add")).status_code == 403
        assert client.post(admin_url(model, "delete", log.pk), {"post": "yes"}).status_code == 403
        log.refresh_from_db()


def test_event_page_shows_its_history_read_only(client, superuser, grenoble_event):
    factories.EventStatusChangeFactory(
        event=grenoble_event, from_status="submitted", to_status="published", by=superuser
    )
    client.force_login(superuser)
    response = client.get(admin_url(Event, "change", grenoble_event.pk))
    history = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is EventStatusChange
    )
    assert not history.has_add_permission
    assert not history.has_change_permission
    assert not history.has_delete_permission
    assert "Labellisé et publié" in response.content.decode()


def test_session_page_lists_its_registrations_read_only(client, superuser):
    registration = factories.ClassRegistrationFactory(class_name="4e Curie")
    client.force_login(superuser)
    response = client.get(admin_url(Session, "change", registration.session.pk))
    inline = response.context["inline_admin_formsets"][0]
    assert inline.formset.model is ClassRegistration
    assert not inline.has_change_permission and not inline.has_add_permission
    assert "4e Curie" in response.content.decode()


# --- export ------------------------------------------------------------------------------


def test_event_export_has_readable_columns(client, academy_staff, grenoble_event, lyon_event):
    themes = list(Theme.objects.order_by("position", "name")[:2])
    grenoble_event.themes.set(themes)
    client.force_login(academy_staff)
    response = client.post(admin_url(Event, "export"), {"format": 0, "resource": 0})
    assert response.status_code == 200
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    assert header[:5] == ["Identifiant", "Titre", "Édition", "Statut", "Académie"]
    assert len(rows) == 1  # Lyon's event is not theirs
    row = dict(zip(header, rows[0], strict=True))
    assert row["Titre"] == grenoble_event.title
    assert row["Édition"] == "2025"
    assert row["Statut"] == "Labellisé et publié"
    assert row["Académie"] == "Grenoble"
    assert row["Département"] == "38"
    assert row["Organisateur"] == grenoble_event.company.name
    assert row["Thématiques"] == "; ".join(theme.name for theme in themes)
    assert row["Gratuit"] == "Oui"


def test_event_export_in_xlsx_is_scoped_and_runs_no_formula(
    client, academy_staff, grenoble_event, lyon_event
):
    grenoble_event.title = '=HYPERLINK("http://exemple.test","Cliquez")'
    grenoble_event.save(update_fields=["title"])
    client.force_login(academy_staff)
    form = client.get(admin_url(Event, "export")).context["form"]
    assert [label for _, label in form.fields["format"].choices][-2:] == ["csv", "xlsx"]
    response = client.post(admin_url(Event, "export"), {"format": 1, "resource": 0})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("Identifiant", "Titre", "Édition")
    assert len(rows) == 1  # Lyon's event is not theirs
    title = sheet.cell(row=2, column=2)
    assert title.data_type == "s"  # text, not a formula
    assert title.value == "'" + grenoble_event.title


def test_xlsx_export_survives_a_control_character(client, academy_staff, grenoble_event):
    grenoble_event.title = "Visite\x0bde l'usine"  # a vertical tab pasted from a word processor
    grenoble_event.save(update_fields=["title"])
    client.force_login(academy_staff)
    response = client.post(admin_url(Event, "export"), {"format": 1, "resource": 0})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "Visite\ufffdde l'usine"


def test_events_cannot_be_imported():
    with pytest.raises(NoReverseMatch):
        reverse("admin:events_event_import")


# --- autocomplete ------------------------------------------------------------------------


def autocomplete(client, model, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    return response


def test_autocomplete_offers_academy_staff_their_companies_only(
    client, academy_staff, company, lyon_event
):
    client.force_login(academy_staff)
    response = autocomplete(client, Event, "company")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(company.pk)]


def test_autocomplete_of_sessions_is_scoped_and_cheap(
    client, academy_staff, lyon_event, django_assert_max_num_queries
):
    mine = [session for event in make_events(5) for session in event.sessions.all()]
    factories.SessionFactory(event=lyon_event)
    client.force_login(academy_staff)
    with django_assert_max_num_queries(8):
        response = autocomplete(client, ClassRegistration, "session")
    assert {row["id"] for row in response.json()["results"]} == {str(s.pk) for s in mine}


# --- other admin behaviours --------------------------------------------------------------


def test_event_changelist_sorts_on_computed_columns(client, superuser):
    few, many = make_events(2, sessions=1)
    factories.SessionFactory.create_batch(3, event=many)
    client.force_login(superuser)
    column = EventAdmin.list_display.index("sessions_count") + 1
    response = client.get(admin_url(Event, "changelist"), {"o": f"-{column}"})
    assert [row.pk for row in response.context["cl"].result_list] == [many.pk, few.pk]


def test_national_staff_reorder_themes_in_the_list(client, national_staff):
    themes = list(Theme.objects.order_by("pk")[:2])
    client.force_login(national_staff)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "_save": "Enregistrer",
    }
    for index, theme in enumerate(themes):
        data[f"form-{index}-id"] = theme.pk
        data[f"form-{index}-position"] = 50 - index
    response = client.post(admin_url(Theme, "changelist"), data)
    assert response.status_code == 302
    for theme in themes:
        theme.refresh_from_db()
    assert [theme.position for theme in themes] == [50, 49]


def test_history_keeps_its_event_from_deletion(client, superuser, grenoble_event):
    factories.EventStatusChangeFactory(event=grenoble_event)
    client.force_login(superuser)
    response = client.get(admin_url(Event, "delete", grenoble_event.pk))
    assert response.context["perms_lacking"]  # cancel or reject it instead
    response = client.post(admin_url(Event, "delete", grenoble_event.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=grenoble_event.pk).exists()


def test_academy_staff_index_lists_what_they_may_see(client, academy_staff):
    client.force_login(academy_staff)
    index = client.get(reverse("admin:index")).content.decode()
    for model in [Event, Session, ClassRegistration, EventStatusChange, Theme, Edition]:
        assert admin_url(model, "changelist") in index, model
    assert admin_url(Event, "add") in index
    assert admin_url(Theme, "add") not in index


def test_the_current_flag_is_not_a_form_field(client, national_staff):
    """It moves with the « Faire de cette édition l'édition en cours » action
    (tests/events/test_admin_editions.py), never through the form."""
    edition = Edition.objects.get(year=2024)
    current = Edition.objects.get(is_current=True)
    client.force_login(national_staff)
    data = changeform_data(client.get(admin_url(Edition, "change", edition.pk)))
    data["is_current"] = "on"
    response = client.post(admin_url(Edition, "change", edition.pk), data)
    assert response.status_code == 302
    assert Edition.objects.get(is_current=True) == current


def test_staff_without_view_right_cannot_export(db, client):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(admin_url(Event, "export")).status_code == 403


def test_event_page_shows_the_labelling_criteria(client, academy_staff):
    event = factories.EventFactory(status=Event.Status.SUBMITTED, is_free=False)
    client.force_login(academy_staff)
    content = client.get(admin_url(Event, "change", event.pk)).content.decode()
    assert content.count("Non rempli") == 2  # not free, no session
    assert "Ajoutez au moins un créneau." in content


def test_search_editions_by_year_or_theme(client, superuser):
    client.force_login(superuser)
    response = client.get(admin_url(Edition, "changelist"), {"q": "2023"})
    assert [edition.year for edition in response.context["cl"].result_list] == [2023]
    response = client.get(admin_url(Edition, "changelist"), {"q": "fabrique"})
    assert 2023 in {edition.year for edition in response.context["cl"].result_list}
