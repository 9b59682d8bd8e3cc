from django.db import migrations

from ._staff_groups import RESTRICTIONS_ADDED, add_group_permissions


def sync_staff_groups(apps, schema_editor):
    add_group_permissions(apps, RESTRICTIONS_ADDED)


class Migration(migrations.Migration):
    """Privacy officers get the permissions of the restricted records."""

    dependencies = [("privacy", "0010_restricted_records")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
