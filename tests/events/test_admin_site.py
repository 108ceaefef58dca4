"""The admin site itself: junk query strings give a French 400 (not a 500), « voir sur le
site » hides what the staff member may not see, French titles and error pages, the DSFR
header, the history as sentences."""

import datetime
import html
import json
import re
import zoneinfo

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from academies.models import Academy, School
from events.models import Edition, Event, EventStatusChange, Session
from tests import factories
from tests.admin_forms import admin_url, changeform_data
from tests.factories import reference_department


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- junk that used to give a 500 ----------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"q": "usinage\x00"},
        {"status__exact": "\x00"},
        {"edition__id__exact": "1\x00"},
        {"created_at__year": "99999999999999999999"},
        {"created_at__year": "2026", "created_at__month": "999999999999"},
        {"created_at__year": "-1"},
    ],
)
def test_junk_in_the_changelist_query_is_a_400(client, academy_staff, query):
    client.force_login(academy_staff)
    response = client.get(admin_url(Event, "changelist"), query)
    assert response.status_code == 400
    assert "Requête incorrecte" in text(response)


def test_nul_in_the_autocomplete_term_is_a_400(client, academy_staff):
    client.force_login(academy_staff)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "lyc\x00", "app_label": "events", "model_name": "event", "field_name": "school"},
    )
    assert response.status_code == 400


def test_a_sane_date_drill_down_still_works(client, academy_staff, published_event):
    client.force_login(academy_staff)
    year = published_event.created_at.year
    response = client.get(admin_url(Event, "changelist"), {"created_at__year": str(year)})
    assert response.status_code == 200


# --- view on site --------------------------------------------------------------------------


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


def test_view_on_site_of_another_academys_draft_is_a_404(client, academy_staff):
    lyon = reference_department("69")
    draft = factories.EventFactory(
        department=lyon,
        company=factories.CompanyFactory(department=lyon),
        title="Projet confidentiel lyonnais",
    )
    client.force_login(academy_staff)
    response = client.get(view_on_site(draft))
    assert response.status_code == 404
    assert "Projet confidentiel" not in text(response)
    assert "Page introuvable" in text(response)


def test_view_on_site_of_my_event_redirects_to_its_page(client, academy_staff, published_event):
    client.force_login(academy_staff)
    response = client.get(view_on_site(published_event))
    assert response.status_code == 302
    assert published_event.get_absolute_url() in response["Location"]


def test_view_on_site_with_junk_ids_is_a_404(client, academy_staff):
    client.force_login(academy_staff)
    assert client.get("/admin/r/abc/1/").status_code == 404
    content_type = ContentType.objects.get_for_model(Event)
    assert client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404


# --- French pages -------------------------------------------------------------------------


def test_unknown_admin_page_is_a_french_404_in_the_admin(client, academy_staff):
    client.force_login(academy_staff)
    response = client.get("/admin/nulle-part/")
    assert response.status_code == 404
    content = text(response)
    assert "Page introuvable" in content
    assert "Semaine de l'industrie — administration" in content


def test_header_carries_the_dsfr_identity(client, academy_staff):
    client.force_login(academy_staff)
    content = text(client.get(reverse("admin:index")))
    assert "Semaine de l'industrie — administration" in content
    assert "css/admin.css" in content
    assert "République" in content


EVENTS_TITLES = [
    (Event, "Choisir l'événement à modifier", "Ajouter un événement", "Modifier l'événement"),
    (Session, "Choisir le créneau à modifier", "Ajouter un créneau", "Modifier le créneau"),
    (Edition, "Choisir l'édition à modifier", "Ajouter une édition", "Modifier l'édition"),
    (School, None, "Ajouter un établissement scolaire", "Modifier l'établissement scolaire"),
    (Academy, "Choisir l'académie à modifier", "Ajouter une académie", "Modifier l'académie"),
]


@pytest.mark.parametrize(("model", "listing", "add", "change"), EVENTS_TITLES)
def test_titles_read_right(client, superuser, published_event, model, listing, add, change):
    objects = {
        Event: published_event,
        Session: factories.SessionFactory(event=published_event),
        Edition: Edition.objects.get(is_current=True),
        School: factories.SchoolFactory(),
        Academy: Academy.objects.get(code="08"),
    }
    client.force_login(superuser)
    changelist = client.get(admin_url(model, "changelist"))
    if listing:
        assert changelist.context["title"] == listing
    assert add in text(changelist)  # the « Ajouter … » button
    assert client.get(admin_url(model, "add")).context["title"] == add
    obj = objects[model]
    assert client.get(admin_url(model, "change", obj.pk)).context["title"] == change


def test_an_addition_ends_its_breadcrumb_with_the_page_title(client, superuser):
    client.force_login(superuser)
    content = text(client.get(admin_url(Session, "add")))
    assert '<li aria-current="page">Ajouter un créneau</li>' in content


def test_a_registrations_page_cannot_add_change_or_delete_its_session(client, academy_staff):
    from events.models import ClassRegistration

    registration = factories.ClassRegistrationFactory()
    client.force_login(academy_staff)
    content = text(client.get(admin_url(ClassRegistration, "change", registration.pk)))
    assert 'name="session"' in content  # the class can still move to another session
    for icon in ("add_id_session", "change_id_session", "delete_id_session"):
        assert icon not in content


def test_delete_action_and_inline_button_agree_in_french(client, superuser, published_event):
    client.force_login(superuser)
    content = text(client.get(admin_url(Edition, "changelist")))
    assert "Supprimer les éditions sélectionnées" in content
    response = client.get(admin_url(Event, "change", published_event.pk))
    sessions = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Session
    )
    assert json.loads(sessions.inline_formset_data())["options"]["addText"] == (
        "Ajouter un créneau"
    )
    assert "objet créneau" not in text(response)


def test_history_search_says_where_it_searches(client, superuser):
    client.force_login(superuser)
    content = text(client.get(admin_url(EventStatusChange, "changelist")))
    assert "Rechercher dans l'historique des événements" in content


def test_every_events_and_academies_page_has_a_french_title(client, superuser):
    """No page keeps Django's « Modification de … », « Ajout de … » or « l'objet … »."""
    factories.PublishedEventFactory()
    factories.EventStatusChangeFactory()
    factories.PartnershipFactory()
    factories.AcademyStaffFactory()
    client.force_login(superuser)
    seen = 0
    for model in admin.site._registry:
        if model._meta.app_label not in ("events", "academies"):
            continue
        obj = model._default_manager.order_by("pk").first()
        pages = [admin_url(model, "changelist"), admin_url(model, "add")]
        if obj is not None:
            pages += [admin_url(model, "change", obj.pk), admin_url(model, "delete", obj.pk)]
        for url in pages:
            response = client.get(url)
            if response.status_code != 200:
                continue
            seen += 1
            title = str(response.context["title"])
            assert "objet" not in title, (url, title)
            assert not title.startswith(("Ajout de", "Modification de", "Affichage de")), (
                url,
                title,
            )
    assert seen > 40


def test_delete_confirmation_names_the_edition_in_french(client, superuser):
    edition = factories.EditionFactory()
    client.force_login(superuser)
    content = text(client.get(admin_url(Edition, "delete", edition.pk)))
    assert f"Voulez-vous vraiment supprimer l'édition « {edition} » ?" in content
    assert "objet" not in content.lower()
    assert "Oui, supprimer" in content
    assert "Éditions\u00a0: 1" in content  # the French (non-breaking) space before the colon
    assert "Édition\u00a0: <a" in content


def test_an_edition_with_events_cannot_be_deleted_and_the_page_says_so(
    client, superuser, published_event
):
    client.force_login(superuser)
    edition = published_event.edition
    response = client.get(admin_url(Edition, "delete", edition.pk))
    content = text(response)
    assert "<h1>Impossible de supprimer l'édition</h1>" in content
    assert "Rien n'a été supprimé." in content and "Revenir à la fiche" in content
    assert "Voulez-vous vraiment" not in content


def test_success_messages_say_what_was_saved_without_l_objet(client, superuser):
    edition = factories.EditionFactory()
    client.force_login(superuser)
    url = admin_url(Edition, "change", edition.pk)
    data = changeform_data(client.get(url))
    response = client.post(url, {**data, "_continue": "1"}, follow=True)
    messages = [re.sub(r"<[^>]+>", "", str(m)) for m in response.context["messages"]]
    assert messages == [
        f"Modification enregistrée : édition « {edition} ». Vous pouvez poursuivre ci-dessous."
    ], messages


def test_delete_selected_confirmation_agrees_in_french(client, superuser):
    editions = factories.EditionFactory.create_batch(2)
    client.force_login(superuser)
    response = client.post(
        admin_url(Edition, "changelist"),
        {"action": "delete_selected", "_selected_action": [e.pk for e in editions]},
    )
    content = text(response)
    assert "Voulez-vous vraiment supprimer les éditions sélectionnées ?" in content
    assert "objets" not in content
    assert Edition.objects.filter(pk__in=[e.pk for e in editions]).count() == 2  # asked only


def test_the_english_admin_keeps_djangos_english_titles(client, superuser, published_event):
    client.force_login(superuser)
    client.post(reverse("set_language"), {"language": "en", "next": "/admin/"})
    add = client.get(admin_url(Session, "add"))
    assert add.context["title"] == "Add session"
    change = client.get(admin_url(Event, "change", published_event.pk))
    assert change.context["title"] == "Change event"
    edition = factories.EditionFactory()
    content = text(client.get(admin_url(Edition, "delete", edition.pk)))
    assert "Are you sure you want to delete the edition" in content
    assert "l'édition" not in content


# --- history in French ----------------------------------------------------------------------


def test_history_reads_as_a_sentence(client, superuser):
    moderator = factories.UserFactory(first_name="Claire", last_name="Martin", is_staff=True)
    event = factories.PublishedEventFactory()
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    factories.EventStatusChangeFactory(
        event=event,
        from_status="submitted",
        to_status="published",
        by=moderator,
        reason="Conforme",
        at=datetime.datetime(2026, 11, 3, 10, 12, tzinfo=paris),
    )
    client.force_login(superuser)
    expected = (
        "Soumis à labellisation → Labellisé et publié, par Claire M., le 3 nov. à 10 h 12 : "
        "Conforme"
    )
    assert expected in text(client.get(admin_url(Event, "change", event.pk)))
    assert expected in text(client.get(admin_url(EventStatusChange, "changelist")))


def test_history_in_the_zone_of_the_academy(client, superuser):
    reunion = reference_department("974")
    event = factories.PublishedEventFactory(
        department=reunion, company=factories.CompanyFactory(department=reunion)
    )
    factories.EventStatusChangeFactory(
        event=event,
        by=None,
        at=datetime.datetime(2026, 11, 3, 9, 0, tzinfo=datetime.UTC),  # 13 h in Saint-Denis
    )
    client.force_login(superuser)
    assert "le 3 nov. à 13 h 00" in text(client.get(admin_url(Event, "change", event.pk)))


def test_save_and_add_another_agrees_in_gender(client, superuser):
    client.force_login(superuser)
    assert "Enregistrer et en ajouter une autre" in text(client.get(admin_url(Edition, "add")))
    assert "Enregistrer et en ajouter un autre" in text(client.get(admin_url(Session, "add")))


def test_history_moments_read_in_each_language():
    from django.utils import timezone, translation

    from events.admin.history import moment_french

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    this_year = timezone.localtime(timezone.now(), paris).year
    moment = datetime.datetime(this_year, 1, 3, 10, 12, tzinfo=paris)
    with translation.override("fr"):
        assert moment_french(moment, paris) == "3 jan. à 10 h 12"
        assert moment_french(moment.replace(year=2019), paris) == "3 jan. 2019 à 10 h 12"
    with translation.override("en"):
        assert moment_french(moment, paris) == "Jan. 3 at 10:12 a.m."


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/classregistration/abc/change/",
        "/admin/events/event/abc/moderation/published/",
        "/admin/events/event/abc/change/",
    ],
)
def test_junk_ids_never_give_a_500(client, academy_staff, url):
    client.force_login(academy_staff)
    assert client.get(url).status_code in (302, 404)


def test_view_only_staff_get_neither_buttons_nor_actions(client, academy_staff, monkeypatch):
    """A role that may only look cannot approve, from the page or from the list."""
    from academies.admin import VIEW
    from events.admin.registrations import ClassRegistrationAdmin
    from events.models import ClassRegistration

    monkeypatch.setattr(ClassRegistrationAdmin, "academy_staff_actions", frozenset({VIEW}))
    event = factories.PublishedEventFactory(registration_mode=Event.RegistrationMode.APPROVAL)
    registration = factories.ClassRegistrationFactory(
        session=factories.SessionFactory(event=event),
        status=ClassRegistration.Status.PENDING,
    )
    client.force_login(academy_staff)
    page = client.get(admin_url(ClassRegistration, "change", registration.pk))
    assert page.context["registration_actions"] == []
    client.post(
        admin_url(ClassRegistration, "changelist"),
        {"action": "approve_registrations", "_selected_action": registration.pk, "index": 0},
    )
    registration.refresh_from_db()
    assert registration.status == ClassRegistration.Status.PENDING
