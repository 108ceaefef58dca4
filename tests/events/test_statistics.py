"""The statistics dashboard at /admin/statistiques/: figures against a small data set counted
by hand, who may see which académie, the CSV export, and the query budget."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from academies.models import Academy
from events.models import ActionType, ClassRegistration, Edition, Event, Theme
from events.rules.working_days import working_days_between
from tests import factories
from tests.factories import reference_department

URL = reverse("admin:statistics")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
Status = Event.Status
VISIT = "Visite d'entreprise"


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, 0, tzinfo=PARIS)


def decided(event, *, submitted_on: int, decided_on: int, to_status):
    factories.EventStatusChangeFactory(
        event=event, from_status=Status.DRAFT, to_status=Status.SUBMITTED, at=at(submitted_on)
    )
    factories.EventStatusChangeFactory(
        event=event, from_status=Status.SUBMITTED, to_status=to_status, at=at(decided_on, 15)
    )


@pytest.fixture
def dataset(db):
    """Grenoble, current edition: six events (one of each status but draft twice no),
    one session, three registrations (one cancelled); Lyon: one labelled event with one
    class; 2025: one Grenoble event by the same company, with the same school."""
    current = Edition.objects.get(is_current=True)
    previous = Edition.objects.get(year=current.year - 1)
    visit = ActionType.objects.get(slug="visite-entreprise")
    theme = Theme.objects.order_by("pk").first()
    theme.name = "=HYPERLINK(1)"
    theme.save()

    labelled = factories.PublishedEventFactory(themes=[theme])
    factories.EventFactory(status=Status.SUBMITTED, submitted_at=at(20))
    factories.EventFactory(status=Status.DRAFT)
    rejected = factories.EventFactory(status=Status.REJECTED, submitted_at=at(9))
    changes = factories.EventFactory(status=Status.CHANGES_REQUESTED, submitted_at=at(9))
    factories.EventFactory(status=Status.CANCELLED)
    # Mon 2 → Fri 6: 4 working days; Mon 9 → Mon 16 across the 11th (holiday): 4;
    # Mon 9 → Tue 17: 5. Median 4, two decisions out of three within the target.
    decided(labelled, submitted_on=2, decided_on=6, to_status=Status.PUBLISHED)
    decided(rejected, submitted_on=9, decided_on=16, to_status=Status.REJECTED)
    decided(changes, submitted_on=9, decided_on=17, to_status=Status.CHANGES_REQUESTED)

    session = factories.SessionFactory(
        event=labelled,
        capacity=30,
        participants=20,
        participants_girls=8,
        participants_boys=12,
        attendance_reported_at=at(20),
    )
    old_school, new_school = factories.SchoolFactory(), factories.SchoolFactory()
    level = ClassRegistration.Level
    factories.ClassRegistrationFactory(
        session=session, school=old_school, students=24, girls=11, class_level=level.TROISIEME
    )
    factories.ClassRegistrationFactory(
        session=session,
        school=new_school,
        students=10,
        girls=None,
        class_level=level.QUATRIEME,
        status=ClassRegistration.Status.WAITLISTED,
    )
    factories.ClassRegistrationFactory(
        session=session, students=15, girls=15, status=ClassRegistration.Status.CANCELLED
    )

    past = factories.PublishedEventFactory(edition=previous, company=labelled.company)
    factories.ClassRegistrationFactory(
        session=factories.SessionFactory(event=past), school=old_school, students=24, girls=12
    )

    lyon = reference_department("69")
    lyon_event = factories.PublishedEventFactory(
        department=lyon, company=factories.CompanyFactory(department=lyon), action_types=[visit]
    )
    factories.ClassRegistrationFactory(
        session=factories.SessionFactory(event=lyon_event), students=20, girls=10
    )
    return {"current": current, "previous": previous}


def tables_of(response) -> dict:
    """{caption: {first cell: the other cells}} read from the page's tables."""
    return {
        table.caption: {row[0]: row[1:] for row in table.rows}
        for table in response.context["tables"]
    }


def test_grenoble_figures_match_the_hand_count(client, academy_staff, dataset):
    client.force_login(academy_staff)
    response = client.get(URL)
    assert response.status_code == 200
    tables = tables_of(response)

    events = tables["Événements"]
    assert events["Déclarés (brouillons compris)"] == (6,)
    assert events["Soumis à labellisation au moins une fois"] == (4,)
    assert events["En attente de labellisation"] == (1,)
    assert events["Labellisés et publiés"] == (1,)
    assert events["Modifications demandées"] == (1,)
    assert events["Refusés"] == (1,)
    assert events["Annulés"] == (1,)

    delay = tables["Délai de labellisation"]
    assert delay["Décisions prises"] == (3,)
    assert delay["Délai médian (jours ouvrés)"] == ("4,0",)
    assert delay["Décisions en 4 jours ouvrés au plus"] == (2,)
    assert delay["Part des décisions dans l'objectif"] == ("66,7\u00a0%",)

    assert tables["Événements par type d'action"][VISIT] == (6, 1)
    assert tables["Événements par département"]["Isère"] == (6, 1)

    sessions = tables["Créneaux et participation"]
    assert sessions["Créneaux des événements labellisés"] == (1,)
    assert sessions["Places offertes (créneaux à capacité fixée)"] == (30,)
    assert sessions["Classes inscrites (en attente, confirmées, en liste d'attente)"] == (2,)
    assert sessions["Élèves inscrits"] == (34,)
    assert sessions["Classes confirmées"] == (1,)
    assert sessions["Élèves confirmés"] == (24,)
    assert sessions["Classes en liste d'attente"] == (1,)
    assert sessions["Élèves en liste d'attente"] == (10,)
    assert sessions["Élèves déclarés présents"] == (20,)

    mixite = tables["Mixité"]
    assert mixite["Part de filles parmi les élèves inscrits"] == ("45,8\u00a0%",)  # 11 / 24
    assert mixite["Part de filles parmi les élèves présents"] == ("40,0\u00a0%",)  # 8 / 20
    assert tables["Mixité par niveau (élèves inscrits)"] == {
        "4e": (1, 10, "—"),
        "3e": (1, 24, "45,8\u00a0%"),
    }
    (by_type,) = tables["Mixité par type d'action"].values()
    assert by_type == (34, "45,8\u00a0%", 20, "40,0\u00a0%")

    participants = tables["Participants"]
    assert participants["Établissements impliqués (inscrits ou organisateurs)"] == (2,)
    assert participants["dont nouveaux par rapport à l'édition précédente"] == ("1",)
    assert participants["Entreprises organisatrices"] == (5,)  # drafts aside
    assert participants["dont nouvelles par rapport à l'édition précédente"] == ("4",)

    evolution = tables["Évolution d'une édition à l'autre"]
    year, previous = dataset["current"].year, dataset["previous"].year
    # companies with a declared event, drafts aside: the participants' figure
    assert evolution[year] == (6, 1, 5, 2, 34, 2, "45,8\u00a0%")
    assert evolution[previous] == (1, 1, 1, 1, 24, 1, "50,0\u00a0%")
    assert evolution[2019] == (0, 0, 0, 0, 0, 0, "—")  # a year without any event says so
    assert max(evolution) == year  # nothing after the chosen edition
    assert "Comparaison par académie" not in tables  # national staff only
    content = response.content.decode()
    assert "Lyon" not in content


def test_national_staff_see_every_academy_and_the_comparison(client, national_staff, dataset):
    client.force_login(national_staff)
    response = client.get(URL)
    tables = tables_of(response)
    assert tables["Événements"]["Déclarés (brouillons compris)"] == (7,)
    assert tables["Créneaux et participation"]["Élèves inscrits"] == (54,)
    comparison = tables["Comparaison par académie"]
    assert comparison["Grenoble"] == (6, 1, 1, 1, 2, 34, "45,8\u00a0%")
    assert comparison["Lyon"] == (1, 0, 1, 0, 1, 20, "50,0\u00a0%")
    assert comparison["Corse"] == (0, 0, 0, 0, 0, 0, "—")  # no event: still listed

    lyon = Academy.objects.get(code="10")
    response = client.get(URL, {"academy": lyon.pk})
    tables = tables_of(response)
    assert tables["Événements"]["Déclarés (brouillons compris)"] == (1,)
    assert "Comparaison par académie" not in tables


def test_a_grenoble_moderator_cannot_read_lyon(client, academy_staff, dataset):
    client.force_login(academy_staff)
    lyon = Academy.objects.get(code="10")
    response = client.get(URL, {"academy": lyon.pk})
    assert response.status_code == 200
    assert response.context["academy"].code == "08"
    assert tables_of(response)["Événements"]["Déclarés (brouillons compris)"] == (6,)


@pytest.mark.parametrize("who", ["anonymous", "organizer", "teacher"])
def test_no_dashboard_outside_the_back_office(client, request, who, dataset):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_admin_index_links_to_the_dashboard(client, academy_staff):
    client.force_login(academy_staff)
    assert URL in client.get(reverse("admin:index")).content.decode()


def test_the_form_shows_the_edition_the_page_shows(client, academy_staff, dataset):
    client.force_login(academy_staff)
    response = client.get(URL)
    current = dataset["current"]
    assert response.context["edition"] == current
    assert f'<option value="{current.pk}" selected>' in response.content.decode()
    # also when the form is sent with only an académie, a next edition being prepared
    factories.EditionFactory()
    grenoble = Academy.objects.get(code="08")
    response = client.get(URL, {"academy": grenoble.pk})
    assert response.context["edition"] == current
    assert f'<option value="{current.pk}" selected>' in response.content.decode()


def test_another_edition_is_chosen_in_the_form(client, academy_staff, dataset):
    client.force_login(academy_staff)
    response = client.get(URL, {"edition": dataset["previous"].pk})
    tables = tables_of(response)
    assert tables["Événements"]["Déclarés (brouillons compris)"] == (1,)
    assert tables["Créneaux et participation"]["Élèves inscrits"] == (24,)


def test_csv_export_is_formula_safe(client, academy_staff, dataset):
    client.force_login(academy_staff)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Élèves inscrits", "34"] in rows
    assert any(row[:1] == ["'=HYPERLINK(1)"] for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_query_budget_does_not_grow_with_the_data(
    client, national_staff, dataset, django_assert_max_num_queries
):
    client.force_login(national_staff)
    with django_assert_max_num_queries(20):
        client.get(URL)
    for _ in range(5):
        event = factories.PublishedEventFactory(department=reference_department("73"))
        factories.ClassRegistrationFactory(session=factories.SessionFactory(event=event))
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert tables_of(response)["Événements"]["Déclarés (brouillons compris)"] == (12,)
    with django_assert_max_num_queries(20):
        client.get(URL, {"export": "csv"})


def test_charts_read_their_figures_from_attributes_no_inline_script(client, academy_staff, dataset):
    client.force_login(academy_staff)
    content = client.get(URL).content.decode()
    assert 'src="/static/vendor/dsfr-chart/BarChart.js"' in content
    # the level chart: 4e (girls unknown → 0) and 3e (11 / 24 → 45.8 %)
    assert 'x="[[&quot;4e&quot;, &quot;3e&quot;]]" y="[[0, 45.8]]"' in content
    assert "<script>" not in content


# --- moderation delay: the day in the académie's own zone, the submission on the decision ---


def test_an_overseas_delay_is_counted_in_the_academys_own_days(db):
    """Submitted Thursday 26 Nov at 21:00 in Guadeloupe (Friday 03:00 in Paris), labelled
    Friday at 10:00 there: one working day, not the zero a Paris calendar would give."""
    from events.selectors.statistics import statistics_moderation_delay

    guadeloupe = zoneinfo.ZoneInfo("America/Guadeloupe")
    department = reference_department("971")
    assert department.academy.time_zone == "America/Guadeloupe"
    event = factories.PublishedEventFactory(department=department)
    thursday_night = datetime.datetime(2026, 11, 26, 21, tzinfo=guadeloupe)
    factories.EventStatusChangeFactory(
        event=event, from_status=Status.DRAFT, to_status=Status.SUBMITTED, at=thursday_night
    )
    factories.EventStatusChangeFactory(
        event=event,
        from_status=Status.SUBMITTED,
        to_status=Status.PUBLISHED,
        at=datetime.datetime(2026, 11, 27, 10, tzinfo=guadeloupe),
    )
    delay = statistics_moderation_delay(edition=event.edition, academies=[event.academy_id])
    assert delay["decisions"] == 1
    assert delay["median"] == 1


def test_a_decision_records_the_submission_it_answers(db, academy_staff):
    """The moderation service writes the submission's time on the decision, which the
    statistics read first: a history that lost the submission row still counts it."""
    from events.models import EventStatusChange
    from events.selectors.statistics import statistics_moderation_delay
    from events.services.moderation import event_publish

    event = factories.EventFactory(status=Status.SUBMITTED, submitted_at=at(2))
    event_publish(event=event, by=academy_staff)
    decision = EventStatusChange.objects.get(event=event, to_status=Status.PUBLISHED)
    assert decision.submitted_at == at(2)
    decision_day = timezone.localtime(decision.at, PARIS).date()
    expected = working_days_between(at(2).date(), decision_day)
    delay = statistics_moderation_delay(edition=event.edition, academies=[event.academy_id])
    assert (delay["decisions"], delay["median"]) == (1, expected)
