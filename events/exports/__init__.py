"""Open-data exports of published events: iCalendar, CSV and JSON, plus their documentation."""
