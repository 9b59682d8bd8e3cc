from django.db import migrations

from privacy.access import sync_staff_groups


class Migration(migrations.Migration):
    """Privacy officers get the permissions of the access-request models."""

    dependencies = [("privacy", "0007_access_requests")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
