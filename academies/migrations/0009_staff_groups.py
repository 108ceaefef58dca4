"""The back office's three groups and their permissions (see academies/groups.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = "Modération académique"
ACADEMY_MANAGER = "Responsable académique"
NATIONAL_STAFF = "Équipe nationale"

CRUD = ("view", "add", "change", "delete")

MODERATOR_PERMISSIONS = {
    "events": {
        "event": ("view", "add", "change"),
        "session": CRUD,
        "classregistration": ("view", "add", "change"),
        "eventstatuschange": ("view",),
        "registrationstatuschange": ("view",),
        "edition": ("view",),
        "theme": ("view",),
        "actiontype": ("view",),
        "audience": ("view",),
    },
    "academies": {
        "school": ("view", "add", "change"),
        "company": ("view", "add", "change"),
        "schoolmembership": CRUD,
        "companymembership": CRUD,
        "partnership": CRUD,
        "attachmentrequest": ("view", "change"),
        "attachmentrequestchange": ("view",),
        "academy": ("view",),
        "department": ("view",),
        "regionacademique": ("view",),
    },
}

MANAGER_EXTRA = {
    "academies": {
        "academystaff": CRUD,
        "academy": ("view", "change"),
    },
    "users": {"user": ("view",)},
}


def _merge(*tables):
    merged = {}
    for table in tables:
        for app, models in table.items():
            for model, actions in models.items():
                merged.setdefault(app, {}).setdefault(model, set()).update(actions)
    return merged


def _permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        f"{action}_{model}"
        for models in table.values()
        for model, actions in models.items()
        for action in actions
    ]
    return Permission.objects.filter(content_type__app_label__in=list(table), codename__in=wanted)


def create_groups(apps, schema_editor):
    # Permissions are normally created after the migrations: make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderator, _ = Group.objects.get_or_create(name=MODERATOR)
    moderator.permissions.set(_permissions(apps, MODERATOR_PERMISSIONS))
    manager, _ = Group.objects.get_or_create(name=ACADEMY_MANAGER)
    manager.permissions.set(_permissions(apps, _merge(MODERATOR_PERMISSIONS, MANAGER_EXTRA)))
    national, _ = Group.objects.get_or_create(name=NATIONAL_STAFF)
    national.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["events", "academies", "users"])
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[MODERATOR, ACADEMY_MANAGER, NATIONAL_STAFF]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("academies", "0008_academy_republish_requires_moderation"),
        ("events", "0010_moderation_reasons_and_filter_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("users", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
