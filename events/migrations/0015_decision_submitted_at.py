"""A moderation decision records when the submission it answers was made
(`EventStatusChange.submitted_at`); filled here from each event's history: the latest
submission before the decision."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

DECISIONS = ("published", "changes_requested", "rejected")


def fill_submissions(apps, schema_editor):
    EventStatusChange = apps.get_model("events", "EventStatusChange")
    latest_submission = (
        EventStatusChange.objects.filter(
            event=OuterRef("event"), to_status="submitted", at__lte=OuterRef("at")
        )
        .order_by("-at")
        .values("at")[:1]
    )
    EventStatusChange.objects.filter(from_status="submitted", to_status__in=DECISIONS).update(
        submitted_at=Subquery(latest_submission)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_registration_event_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventstatuschange",
            name="submitted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="soumission examinée le"
            ),
        ),
        migrations.RunPython(fill_submissions, migrations.RunPython.noop),
    ]
