"""The site's URLs plus a page that fails, to see the error page a visitor would get."""

import psycopg
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from webstrella.urls import handler404, handler500
from webstrella.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def broken_page(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the page failed")


def database_away_page(request: HttpRequest) -> HttpResponse:
    """Fails as a view does whose database has stopped: the server ended the connection."""
    raise OperationalError("terminating connection") from psycopg.errors.AdminShutdown(
        "terminating connection due to administrator command"
    )


def deadlocked_page(request: HttpRequest) -> HttpResponse:
    raise OperationalError("deadlock detected") from psycopg.errors.DeadlockDetected(
        "deadlock detected"
    )


urlpatterns = [
    path("rikki/", broken_page),
    path("en/broken/", broken_page),
    path("tietokanta-poissa/", database_away_page),
    path("en/database-away/", database_away_page),
    path("umpikuja/", deadlocked_page),
    *site_urlpatterns,
]
