"""The back office's groups (a data migration) and the académie manager's settings page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from academies import groups
from academies.models import Academy
from tests import factories
from tests.admin_forms import admin_url, changeform_data


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_the_three_groups_exist_with_their_permissions(db):
    moderator = codenames(groups.MODERATOR)
    manager = codenames(groups.ACADEMY_MANAGER)
    national = codenames(groups.NATIONAL_STAFF)
    assert {"change_event", "view_classregistration", "change_school", "add_company"} <= moderator
    assert "change_academystaff" not in moderator and "change_edition" not in moderator
    assert moderator < manager
    assert {"add_academystaff", "change_academy"} <= manager
    assert "change_edition" not in manager
    assert {"change_edition", "change_theme", "add_actiontype", "change_audience"} <= national


@pytest.fixture
def manager(academy_manager):
    return academy_manager  # Grenoble


def test_the_manager_edits_the_moderation_setting_of_their_academy_only(client, manager):
    grenoble = Academy.objects.get(code="08")
    client.force_login(manager)
    page = client.get(admin_url(Academy, "change", grenoble.pk))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert list(form.fields) == ["republish_requires_moderation"]
    data = changeform_data(page)
    data["republish_requires_moderation"] = "on"
    data["name"] = "Académie renommée"
    response = client.post(admin_url(Academy, "change", grenoble.pk), data)
    assert response.status_code == 302
    grenoble.refresh_from_db()
    assert grenoble.republish_requires_moderation
    assert grenoble.name == "Grenoble"
    lyon = Academy.objects.get(code="10")
    response = client.get(admin_url(Academy, "change", lyon.pk))
    assert response.status_code == 302  # not one of theirs: it does not exist for them
    assert response["Location"] == reverse("admin:index")


def test_a_moderator_only_reads_the_academy(client, academy_staff):
    grenoble = Academy.objects.get(code="08")
    academy_staff.groups.add(Group.objects.get(name=groups.MODERATOR))
    client.force_login(academy_staff)
    page = client.get(admin_url(Academy, "change", grenoble.pk))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    client.post(admin_url(Academy, "change", grenoble.pk), {"republish_requires_moderation": "on"})
    grenoble.refresh_from_db()
    assert not grenoble.republish_requires_moderation


def test_the_manager_sees_their_academys_staff(client, manager):
    from academies.models import AcademyStaff

    lyon_staff = factories.AcademyStaffFactory(academy=Academy.objects.get(code="10"))
    client.force_login(manager)
    response = client.get(admin_url(AcademyStaff, "changelist"))
    assert response.status_code == 200
    listed = {row.pk for row in response.context["cl"].result_list}
    assert lyon_staff.pk not in listed
    assert AcademyStaff.objects.get(user=manager).pk in listed
