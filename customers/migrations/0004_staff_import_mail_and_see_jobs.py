from django.db import migrations

# Added to what earlier migrations granted (privacy/migrations/_staff_groups.py).
GRANTS = {
    "Customer service": {
        "customers.mailimport": ("add", "view"),
        "customers.supportemailattachment": ("view",),
        # Seeing whether an import or a fetch ran, and running a failed one again.
        "jobs.job": ("view", "change"),
    },
    "Privacy officer": {
        "customers.mailimport": ("view",),
        "customers.supportemailattachment": ("view",),
        # Compiling a long answer runs as a job.
        "jobs.job": ("view", "change"),
    },
}


def _permissions(apps):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for target, actions in grants.items():
            app_label, model = target.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            yield (
                group,
                Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                ),
            )


def grant(apps, schema_editor):
    for group, permissions in _permissions(apps):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    for group, permissions in _permissions(apps):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    """Customer service uploads mailbox files; both groups follow and retry their jobs."""

    dependencies = [
        ("customers", "0003_support_email_import"),
        ("jobs", "0001_job"),
        ("privacy", "0009_match_by_declaration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
