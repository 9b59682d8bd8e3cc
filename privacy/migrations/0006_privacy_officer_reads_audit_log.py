from django.db import migrations

from ._staff_groups import GROUP_PERMISSIONS_2013, set_group_permissions


def sync_staff_groups(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_2013)


class Migration(migrations.Migration):
    """Privacy officers get the audit log's permissions."""

    dependencies = [("privacy", "0005_audit_log")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
