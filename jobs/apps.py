from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """The long jobs of the register as the task runner (django-tasks) runs them."""

    name = "jobs"
    verbose_name = _("Background jobs")
