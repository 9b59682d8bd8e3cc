from django.db import migrations

from privacy.access import sync_staff_groups


class Migration(migrations.Migration):
    """Privacy officers get the audit log's permissions."""

    dependencies = [("privacy", "0005_audit_log")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
