"""How long personal free text is kept: registrations' needs and events' contact details are
erased `settings.PERSONAL_DATA_RETENTION_DAYS` days after the last day of the edition's
accepted window (services/retention.py does it, daily; the privacy page says it)."""

import datetime

from django.conf import settings


def personal_data_erasure_date(*, edition, days: int | None = None) -> datetime.date | None:
    """The day from which `edition`'s needs and contacts are erased; None while the edition
    has no dates (it then has no session either)."""
    window = edition.accepted_window()
    if window is None:
        return None
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    return window[1] + datetime.timedelta(days=days)
