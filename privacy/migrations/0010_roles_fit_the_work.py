from django.db import migrations

from ._staff_groups import GROUP_PERMISSIONS_2013, GROUP_PERMISSIONS_2026, set_group_permissions


def grant(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_2026)


def revoke(apps, schema_editor):
    set_group_permissions(apps, GROUP_PERMISSIONS_2013)


class Migration(migrations.Migration):
    """Customer service reads orders; sales creates customers and sees their contacts."""

    dependencies = [("privacy", "0009_match_by_declaration")]

    operations = [migrations.RunPython(grant, revoke)]
