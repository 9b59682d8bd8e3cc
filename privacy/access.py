"""Who may see what: the staff groups and the login-attempt identity used by django-axes."""

from django.utils.translation import gettext_lazy as _

CUSTOMER_SERVICE = "Customer service"
SALES = "Sales"
PRIVACY_OFFICER = "Privacy officer"

# Display names of the groups, for the admin; the stored names stay in English so that
# code and migrations can refer to them.
GROUP_LABELS = {
    CUSTOMER_SERVICE: _("Customer service"),
    SALES: _("Sales"),
    PRIVACY_OFFICER: _("Privacy officer"),
}


def axes_username(request, credentials) -> str | None:
    """The username django-axes counts failures for.

    Usernames are compared case-insensitively and without surrounding spaces, so that
    "Admin " and "admin" share one failure counter and one lockout.
    """
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if username is None:
        return None
    return str(username).strip().casefold()


VIEW = ("view",)
ALL = ("add", "change", "delete", "view")

# Group → {"app_label.model" or "app_label.*": actions}. A wildcard covers every model of
# the app that exists when the groups are synchronised, so a new privacy model reaches the
# privacy officers by re-running `sync_staff_groups` in the migration that creates it.
GROUP_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CUSTOMER_SERVICE: {
        "customers.contact": ALL,
        "customers.customer": ALL,
        "customers.customercontact": ALL,
        "customers.supportemail": ALL,
        "customers.analyticsevent": VIEW,
    },
    SALES: {
        "orders.product": ALL,
        "orders.order": ALL,
        "orders.orderline": ALL,
        # Sales picks the customer of an order, so it may look customers up, not edit them.
        "customers.customer": VIEW,
    },
    PRIVACY_OFFICER: {
        "privacy.*": ALL,
        "customers.*": VIEW,
        "orders.*": VIEW,
    },
}


def sync_staff_groups(apps, schema_editor=None) -> None:
    """Create the staff groups and set their permissions exactly to GROUP_PERMISSIONS.

    Works on the historical models of a migration (`apps`), and creates the content types
    and permissions first: on a fresh database they would otherwise appear only after all
    migrations have run.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = []
        for target, actions in grants.items():
            app_label, model = target.split(".")
            perms = Permission.objects.filter(content_type__app_label=app_label)
            if model != "*":
                perms = perms.filter(content_type__model=model)
            permissions.extend(
                perm
                for perm in perms.select_related("content_type")
                if perm.codename in {f"{action}_{perm.content_type.model}" for action in actions}
            )
        group.permissions.set(permissions)


def remove_staff_groups(apps, schema_editor=None) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()
