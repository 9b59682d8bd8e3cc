"""The site's URLs and a minimal view to compare the public page with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from webstrella.urls import handler404, handler500, urlpatterns

# 16 KB of HTML, about the size of the register description page.
MINIMAL_PAGE = (
    "<!DOCTYPE html><html lang=en><title>Minimal</title><p>"
    + "x" * (16 * 1024 - 60)
    + "</p></html>"
)


def minimal_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(MINIMAL_PAGE)


urlpatterns = [path("bench/minimal/", minimal_page), *urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
