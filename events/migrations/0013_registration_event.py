"""Each class registration stores its session's event (`ClassRegistration.event`): the
column, filled from the sessions. Migration 0014 makes it required and ties it to the
session's event. Two migrations, because PostgreSQL refuses to alter a table whose rows were
just updated under deferred foreign keys in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_events(apps, schema_editor):
    ClassRegistration = apps.get_model("events", "ClassRegistration")
    Session = apps.get_model("events", "Session")
    ClassRegistration.objects.update(
        event_id=Subquery(Session.objects.filter(pk=OuterRef("session_id")).values("event_id"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_statistics_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="classregistration",
            name="event",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="class_registrations",
                to="events.event",
                verbose_name="événement",
            ),
        ),
        migrations.RunPython(fill_events, migrations.RunPython.noop),
    ]
