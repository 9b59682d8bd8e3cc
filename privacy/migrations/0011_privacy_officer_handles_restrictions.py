from django.db import migrations

from ._staff_groups import GROUP_PERMISSIONS_RESTRICTIONS, set_group_permissions


def sync_staff_groups(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_RESTRICTIONS)


class Migration(migrations.Migration):
    """Privacy officers get the permissions of the restricted records."""

    dependencies = [("privacy", "0010_restricted_records")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
