"""Editions in the admin: switching the current edition in one step, preparing the next."""

import datetime
import html

import pytest
from django.core.exceptions import PermissionDenied

from events.models import Edition, Theme
from events.services.editions import edition_make_current, edition_prepare_next
from tests import factories
from tests.admin_forms import admin_url

CHANGELIST = admin_url(Edition, "changelist")


def test_national_staff_make_another_edition_current(client, national_staff):
    before = Edition.objects.get(is_current=True)
    target = Edition.objects.get(year=2024)
    client.force_login(national_staff)
    response = client.post(
        CHANGELIST, {"action": "make_current", "_selected_action": [target.pk]}, follow=True
    )
    content = html.unescape(response.content.decode())
    assert "L'édition 2024 est désormais l'édition en cours." in content
    assert list(Edition.objects.filter(is_current=True)) == [target]
    before.refresh_from_db()
    assert not before.is_current


def test_one_edition_at_a_time(client, national_staff):
    current = Edition.objects.get(is_current=True)
    two = list(Edition.objects.filter(year__in=[2023, 2024]).values_list("pk", flat=True))
    client.force_login(national_staff)
    response = client.post(
        CHANGELIST, {"action": "make_current", "_selected_action": two}, follow=True
    )
    assert "Cochez une seule édition" in response.content.decode()
    assert Edition.objects.get(is_current=True) == current


def test_the_switch_never_leaves_zero_or_two_current_editions(national_staff):
    for year in (2023, 2025, 2023):
        edition_make_current(edition=Edition.objects.get(year=year), by=national_staff)
        assert list(Edition.objects.filter(is_current=True).values_list("year", flat=True)) == [
            year
        ]


def test_academy_staff_neither_see_nor_run_the_actions(client, academy_staff):
    target = Edition.objects.get(year=2024)
    current = Edition.objects.get(is_current=True)
    client.force_login(academy_staff)
    content = client.get(CHANGELIST).content.decode()
    assert "make_current" not in content
    client.post(CHANGELIST, {"action": "make_current", "_selected_action": [target.pk]})
    assert Edition.objects.get(is_current=True) == current
    with pytest.raises(PermissionDenied):
        edition_make_current(edition=target, by=academy_staff)


def test_prepare_the_next_edition_from_the_current_one(client, national_staff):
    current = factories.EditionFactory(year=2040)
    edition_make_current(edition=current, by=national_staff)
    themes = list(Theme.objects.all()[:2])
    current.focus_themes.set(themes)
    client.force_login(national_staff)
    response = client.post(CHANGELIST, {"action": "prepare_next", "_selected_action": [current.pk]})
    following = Edition.objects.get(year=2041)
    assert response["Location"] == admin_url(Edition, "change", following.pk)
    assert not following.is_current
    assert following.headline_theme == current.headline_theme
    assert set(following.focus_themes.all()) == set(themes)
    assert following.starts_on == current.starts_on + datetime.timedelta(weeks=52)
    assert following.starts_on.weekday() == current.starts_on.weekday()
    assert following.window_ends_on == current.window_ends_on + datetime.timedelta(weeks=52)
    # twice: a clear French refusal, no second row
    response = client.post(
        CHANGELIST, {"action": "prepare_next", "_selected_action": [current.pk]}, follow=True
    )
    assert "L'édition 2041 existe déjà" in html.unescape(response.content.decode())
    assert Edition.objects.filter(year=2041).count() == 1


def test_prepare_next_is_national_staff_business(academy_staff):
    with pytest.raises(PermissionDenied):
        edition_prepare_next(by=academy_staff)
