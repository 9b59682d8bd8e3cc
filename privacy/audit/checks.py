"""System check: every admin of declared personal data writes audit entries."""

from django.contrib import admin
from django.core.checks import Error

from privacy.inventory import registry as default_registry

from .mixins import AuditedAdminMixin

UNAUDITED_ADMIN = "privacy.E008"


def check_personal_data_admins_are_audited(app_configs=None, site=None, registry=None, **kwargs):
    site = site or admin.site
    registry = registry or default_registry
    labels = {app_config.label for app_config in app_configs} if app_configs else None
    errors = []
    for model, model_admin in site._registry.items():
        if labels is not None and model._meta.app_label not in labels:
            continue
        if registry.for_model(model) is None or isinstance(model_admin, AuditedAdminMixin):
            continue
        errors.append(
            Error(
                f"The admin of {model._meta.label} shows personal data but writes no audit "
                "entries.",
                hint="Add privacy.audit.mixins.AuditedAdminMixin to its ModelAdmin.",
                obj=type(model_admin),
                id=UNAUDITED_ADMIN,
            )
        )
    return errors
