"""Group permissions as the migrations that set them saw them.

The migration loader skips modules whose names start with an underscore, so this is a
helper of the migrations, not one itself. It is frozen with them: the live groups are in
`privacy.staff.groups`, and a later change there makes a new migration, not an edit here.
"""

VIEW = ("view",)
ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS_2013: dict[str, dict[str, tuple[str, ...]]] = {
    "Customer service": {
        "customers.contact": ALL,
        "customers.customer": ALL,
        "customers.customercontact": ALL,
        "customers.supportemail": ALL,
        "customers.analyticsevent": VIEW,
    },
    "Sales": {
        "orders.product": ALL,
        "orders.order": ALL,
        "orders.orderline": ALL,
        "customers.customer": VIEW,
    },
    "Privacy officer": {
        "privacy.*": ALL,
        "customers.*": VIEW,
        "orders.*": VIEW,
    },
}

VIEW_ADD_CHANGE = ("add", "change", "view")

# Customer service answers "where is my order" (reads orders and products); sales brings in
# new customers, so it creates customers and their contact persons and sees contact details,
# but deletes none and reads no support emails or analytics.
# 0013: added to what the groups have (other apps' migrations grant their own models).
ROLES_2026_ADDED: dict[str, dict[str, tuple[str, ...]]] = {
    "Customer service": {
        "orders.order": VIEW,
        "orders.orderline": VIEW,
        "orders.product": VIEW,
    },
    "Sales": {
        "customers.customer": VIEW_ADD_CHANGE,
        "customers.contact": VIEW_ADD_CHANGE,
        "customers.customercontact": VIEW_ADD_CHANGE,
    },
}
# What going back takes away: Sales viewed customers before.
ROLES_2026_REMOVED_ON_REVERSE: dict[str, dict[str, tuple[str, ...]]] = {
    "Customer service": ROLES_2026_ADDED["Customer service"],
    "Sales": {
        "customers.customer": ("add", "change"),
        "customers.contact": VIEW_ADD_CHANGE,
        "customers.customercontact": VIEW_ADD_CHANGE,
    },
}


def _create_permissions(apps) -> None:
    """Create the content types and permissions of the historical models (`apps`): on a
    fresh database they would otherwise appear only after all migrations ran."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _named_permissions(Permission, target: str, actions: tuple[str, ...]):
    """The permissions of `actions` on one model, "app_label.model"."""
    app_label, model = target.split(".")
    return Permission.objects.filter(
        content_type__app_label=app_label,
        codename__in=[f"{action}_{model}" for action in actions],
    )


def set_group_permissions(apps, grants: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Create the groups and set their permissions exactly to `grants`.

    Works on the historical models (`apps`), and creates the content types and permissions
    first: on a fresh database they would otherwise appear only after all migrations ran.
    A wildcard ("app.*") covers the app's models as they are at this migration.
    """
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, group_grants in grants.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = []
        for target, actions in group_grants.items():
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


# 0011: added to what the groups already have. Other apps' migrations grant their own models
# meanwhile, and setting every grant exactly here would take those away again.
RESTRICTIONS_ADDED: dict[str, dict[str, tuple[str, ...]]] = {
    "Privacy officer": {"privacy.restriction": ALL},
}


def add_group_permissions(apps, grants: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Add the permissions in `grants` to the groups, keeping what they have."""
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, group_grants in grants.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for target, actions in group_grants.items():
            group.permissions.add(*_named_permissions(Permission, target, actions))


def remove_group_permissions(apps, grants: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Take the permissions in `grants` away from the groups, keeping the rest."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=grants):
        for target, actions in grants[group.name].items():
            group.permissions.remove(*_named_permissions(Permission, target, actions))
