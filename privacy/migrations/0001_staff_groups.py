from django.db import migrations

from privacy.access import remove_staff_groups, sync_staff_groups


class Migration(migrations.Migration):
    """The staff groups "Customer service", "Sales" and "Privacy officer"."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0001_initial"),
        ("orders", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_staff_groups, remove_staff_groups)]
