from django.apps import AppConfig
from django.core import checks
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from .audit.checks import check_personal_data_admins_are_audited
        from .description.checks import check_published_notice_is_current
        from .inventory.checks import check_personal_data_inventory

        # Each app declares its models in a `personal_data` module.
        autodiscover_modules("personal_data")
        checks.register(check_personal_data_inventory, checks.Tags.models)
        checks.register(check_personal_data_admins_are_audited, checks.Tags.admin)
        checks.register(check_published_notice_is_current, checks.Tags.database)
