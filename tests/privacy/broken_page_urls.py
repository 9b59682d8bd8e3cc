"""The site's URLs plus a page that fails, to see the error page a visitor would get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from webstrella.urls import handler404, handler500
from webstrella.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def broken_page(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the page failed")


urlpatterns = [
    path("rikki/", broken_page),
    path("en/broken/", broken_page),
    *site_urlpatterns,
]
