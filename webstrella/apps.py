from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class RegisterAdminConfig(AdminConfig):
    default_site = "webstrella.admin.RegisterAdminSite"


class WebstrellaConfig(AppConfig):
    """The project shell as an app of its own, so that its management commands are found.

    RegisterAdminConfig above stands in for django.contrib.admin and carries that app's
    name; Django looks for commands under an app's name, so it cannot carry these.
    """

    name = "webstrella"
