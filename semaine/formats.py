"""Formats every page shares (the same value always written the same way)."""

import datetime

from django.utils import timezone


def utc_offset_label(tz: datetime.tzinfo, *, at: datetime.datetime | None = None) -> str:
    """The offset of `tz` at the instant `at` (now by default): "UTC+4", "UTC−3" (a true
    minus sign), "UTC+5:30", "UTC+0"."""
    at = at or timezone.now()
    offset = timezone.localtime(at, tz).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
