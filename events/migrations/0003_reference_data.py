from django.db import migrations


def load(apps, schema_editor):
    from events.reference_data import (
        ACTION_TYPES,
        AUDIENCES,
        CURRENT_EDITION_YEAR,
        EDITIONS,
        THEMES,
    )

    Theme = apps.get_model("events", "Theme")
    ActionType = apps.get_model("events", "ActionType")
    Audience = apps.get_model("events", "Audience")
    Edition = apps.get_model("events", "Edition")
    for position, (slug, name) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
    for position, (slug, name) in enumerate(ACTION_TYPES):
        ActionType.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (slug, name, is_school) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "is_school_audience": is_school},
        )
    for year, (starts, ends, window_starts, window_ends, headline) in EDITIONS.items():
        Edition.objects.update_or_create(
            year=year,
            defaults={
                "starts_on": starts,
                "ends_on": ends,
                "window_starts_on": window_starts,
                "window_ends_on": window_ends,
                "headline_theme": headline,
                "is_current": False,
            },
        )
    Edition.objects.filter(year=CURRENT_EDITION_YEAR).update(is_current=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
