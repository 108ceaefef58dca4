"""`ClassRegistration.event` required, and on PostgreSQL held equal to the session's event by
a two-column foreign key (session, event) → session (id, event), whatever writes the row.
SQLite (the local demo) relies on `ClassRegistration.clean()`."""

import django.db.models.deletion
from django.db import migrations, models

CONSTRAINT = "registration_event_of_session"


def add_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE events_classregistration ADD CONSTRAINT {CONSTRAINT} "
            "FOREIGN KEY (session_id, event_id) REFERENCES events_session (id, event_id) "
            "DEFERRABLE INITIALLY DEFERRED"
        )


def drop_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE events_classregistration DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_registration_event"),
    ]

    operations = [
        migrations.AlterField(
            model_name="classregistration",
            name="event",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="class_registrations",
                to="events.event",
                verbose_name="événement",
            ),
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(
                fields=("id", "event"), name="session_id_event_unique"
            ),
        ),
        migrations.RunPython(add_foreign_key, drop_foreign_key),
    ]
