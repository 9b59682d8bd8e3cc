from django.db import migrations

from ._staff_groups import (
    ROLES_2026_ADDED,
    ROLES_2026_REMOVED_ON_REVERSE,
    add_group_permissions,
    remove_group_permissions,
)


def grant(apps, schema_editor):
    add_group_permissions(apps, ROLES_2026_ADDED)


def revoke(apps, schema_editor):
    remove_group_permissions(apps, ROLES_2026_REMOVED_ON_REVERSE)


class Migration(migrations.Migration):
    """Customer service reads orders; sales creates customers and sees their contacts."""

    dependencies = [
        ("privacy", "0012_request_kinds"),
        ("orders", "0002_record_times_not_before_1990"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
