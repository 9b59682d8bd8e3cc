from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("privacy.urls")),
]

# Not-found and server-error pages in the public pages' layout and in the language of the
# address (Finnish, or English under /en/).
handler404 = "privacy.description.views.page_not_found"
handler500 = "privacy.description.views.server_error"
