from django.db import migrations
from django.utils.text import slugify


def load(apps, schema_editor):
    from academies.reference_data import ACADEMIES, DEPARTMENTS, OVERSEAS_TIME_ZONES

    RegionAcademique = apps.get_model("academies", "RegionAcademique")
    Academy = apps.get_model("academies", "Academy")
    Department = apps.get_model("academies", "Department")
    for code, name, region_name, department_codes in ACADEMIES:
        region, _ = RegionAcademique.objects.update_or_create(
            slug=slugify(region_name), defaults={"name": region_name}
        )
        academy, _ = Academy.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "slug": slugify(name),
                "region": region,
                "time_zone": OVERSEAS_TIME_ZONES.get(name, "Europe/Paris"),
            },
        )
        for department_code in department_codes:
            Department.objects.update_or_create(
                code=department_code,
                defaults={"name": DEPARTMENTS[department_code], "academy": academy},
            )


class Migration(migrations.Migration):
    dependencies = [("academies", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
