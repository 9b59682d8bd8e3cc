from django.db import migrations

from ._staff_groups import GROUP_PERMISSIONS_2013, set_group_permissions


def sync_staff_groups(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_2013)


def remove_staff_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS_2013).delete()


class Migration(migrations.Migration):
    """The staff groups "Customer service", "Sales" and "Privacy officer"."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0001_initial"),
        ("orders", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_staff_groups, remove_staff_groups)]
