"""Shared by the organizer space's tests: the POST data of the event form."""

import datetime
import zoneinfo

from events.models import ActionType, Audience, Theme


def _local(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).strftime("%Y-%m-%dT%H:%M")
    return value or ""


def event_form_data(edition, *, sessions, organizer=None, themes=None, version=None, **fields):
    """The event form as a browser posts it. `sessions`: (start, end, capacity) for new rows
    or (pk, start, end, capacity) for existing ones; starts are local (Europe/Paris)."""
    data = {
        "title": "Visite de l'atelier de chaudronnerie",
        "summary": "Découvrez la chaudronnerie et ses métiers.",
        "description": "Une visite de l'atelier, puis un échange avec les apprentis.",
        "action_types": [ActionType.objects.get(slug="visite-entreprise").pk],
        "themes": [t.pk for t in Theme.objects.all()[:1]] if themes is None else themes,
        "audiences": [Audience.objects.get(slug="collegiens").pk],
        "format": "onsite",
        "address": "12 rue des Usines",
        "postcode": "38100",
        "city": "Grenoble",
        "online_url": "",
        "latitude": "",
        "longitude": "",
        "is_accessible": "on",
        "accessibility_details": "",
        "is_free": "on",
        "accepts_class_registrations": "on",
        "registration_mode": "automatic",
        "cancellation_notice_hours": "48",
        "contact_name": "Claire Martin",
        "contact_email": "claire.martin@atelier.example.fr",
        "contact_phone": "04 76 00 00 00",
        "version": "" if version is None else str(version),
        "action": "save",
    }
    if organizer:
        data["organizer"] = organizer
    data.update(fields)
    data["sessions-TOTAL_FORMS"] = str(len(sessions))
    data["sessions-INITIAL_FORMS"] = "0"
    data["sessions-MIN_NUM_FORMS"] = "0"
    data["sessions-MAX_NUM_FORMS"] = "50"
    for index, row in enumerate(sessions):
        pk, start, end, capacity = row if len(row) == 4 else ("", *row)
        data[f"sessions-{index}-id"] = str(pk or "")
        data[f"sessions-{index}-starts_at"] = _local(start)
        data[f"sessions-{index}-ends_at"] = _local(end)
        data[f"sessions-{index}-capacity"] = "" if capacity in (None, "") else str(capacity)
    return data
