"""The editions' published facts (dates, themes, labelling deadlines, figures with their
source), the new themes, action types and audiences, and every reference name in English.

Existing rows keep their ids and slugs; a date the public record does not give stays as it is
(empty unless staff filled it in); an English name already set is kept.
"""

from django.db import migrations
from django.db.models import F


def _plain(queryset):
    # Called with the current models too (tests/conftest.py): no language rewriting of "name".
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def load(apps, schema_editor):
    from events.reference_data import (
        ACTION_TYPES,
        AUDIENCES,
        EDITIONS,
        LABELLING_DEADLINES,
        NAMES_EN,
        PUBLISHED_FIGURES,
        THEMES,
    )

    references = {
        "theme": [(slug, name, {}) for slug, name in THEMES],
        "actiontype": [(slug, name, {}) for slug, name in ACTION_TYPES],
        "audience": [
            (slug, name, {"is_school_audience": is_school}) for slug, name, is_school in AUDIENCES
        ],
    }
    for model_name, rows in references.items():
        model = apps.get_model("events", model_name)
        objects = _plain(model.objects.all())
        objects.filter(name_fr__isnull=True).update(name_fr=F("name"))
        objects.filter(description_fr__isnull=True).update(description_fr=F("description"))
        existing = set(objects.values_list("slug", flat=True))
        for position, (slug, name, extra) in enumerate(rows):
            if slug not in existing:
                objects.create(
                    slug=slug, name=name, name_fr=name, position=position, **extra
                )
        for slug, english in NAMES_EN[model_name].items():
            objects.filter(slug=slug, name_en__isnull=True).update(name_en=english)
        # Any other row (added by staff): English falls back on French.
        objects.filter(name_en__isnull=True).update(name_en=F("name_fr"))

    Edition = apps.get_model("events", "Edition")
    PublishedFigure = apps.get_model("events", "PublishedFigure")
    for year, (starts, ends, window_starts, window_ends, headline) in EDITIONS.items():
        known = {
            "starts_on": starts,
            "ends_on": ends,
            "window_starts_on": window_starts,
            "window_ends_on": window_ends,
            "headline_theme": headline,
            "labelling_deadline": LABELLING_DEADLINES.get(year),
        }
        edition, _created = Edition.objects.get_or_create(year=year)
        for name, value in known.items():
            if value:
                setattr(edition, name, value)
        edition.save()
    for year, kind, value, is_minimum, source, source_url in PUBLISHED_FIGURES:
        PublishedFigure.objects.update_or_create(
            edition=Edition.objects.get(year=year),
            kind=kind,
            defaults={
                "value": value,
                "is_minimum": is_minimum,
                "source": source,
                "source_url": source_url,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0007_reference_names_in_english_and_published_figures")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
