from django.db import migrations

from ._staff_groups import GROUP_PERMISSIONS_2013, set_group_permissions


def sync_staff_groups(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_2013)


class Migration(migrations.Migration):
    """Privacy officers get the permissions of the register description and visit counter."""

    dependencies = [("privacy", "0002_register_description_and_visits")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
