"""The régions académiques and académies named in English too (name_fr from name, name_en from
academies.reference_data); a name already translated is kept."""

from django.db import migrations
from django.db.models import F


def _plain(queryset):
    # Called with the current models too (tests/conftest.py): no language rewriting of "name".
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def load(apps, schema_editor):
    from academies.reference_data import ACADEMY_NAMES_EN, REGION_NAMES_EN

    for model_name, english in (
        ("RegionAcademique", REGION_NAMES_EN),
        ("Academy", ACADEMY_NAMES_EN),
    ):
        model = apps.get_model("academies", model_name)
        rows = _plain(model.objects.all())
        rows.filter(name_fr__isnull=True).update(name_fr=F("name"))
        for pk, name_fr in rows.filter(name_en__isnull=True).values_list("pk", "name_fr"):
            rows.filter(pk=pk).update(name_en=english.get(name_fr, name_fr))


class Migration(migrations.Migration):
    dependencies = [("academies", "0005_reference_names_in_english")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
