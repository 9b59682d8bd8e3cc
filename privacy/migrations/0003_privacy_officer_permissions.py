from django.db import migrations

from privacy.access import sync_staff_groups


class Migration(migrations.Migration):
    """Privacy officers get the permissions of the register description and visit counter."""

    dependencies = [("privacy", "0002_register_description_and_visits")]

    operations = [migrations.RunPython(sync_staff_groups, migrations.RunPython.noop)]
