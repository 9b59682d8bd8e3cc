from django.contrib.admin.apps import AdminConfig


class RegisterAdminConfig(AdminConfig):
    default_site = "webstrella.admin.RegisterAdminSite"
