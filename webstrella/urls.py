from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Webstrella customer register")
admin.site.site_title = "Webstrella"
admin.site.index_title = _("Customer register")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("privacy.urls")),
]
