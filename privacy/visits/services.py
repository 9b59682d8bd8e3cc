"""Counting the views of the public pages."""

import re

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from .models import VisitDay

# Crawlers, link checkers, command-line clients, and automated browsers that say what they
# are (headless Chrome, Lighthouse, WebPageTest's PTST, GTmetrix, PhantomJS): their page
# views are not visits.
_NON_VISITOR_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|check|"
    r"curl|wget|httpie|python-requests|python-urllib|httpx|aiohttp|go-http-client|"
    r"java/|okhttp|libwww|scrapy|feedfetcher|"
    r"headless|lighthouse|ptst/|gtmetrix|phantomjs|pagespeed|speed insights",
    re.IGNORECASE,
)


def is_countable_visit(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not _NON_VISITOR_AGENT.search(agent)


def visit_record(request: HttpRequest) -> bool:
    """Count one view of a public page; returns whether it was counted.

    A single insert-or-increment statement, so simultaneous views never lose a count and
    no row is read into Python first. Nothing about the visitor is stored.
    """
    if not is_countable_visit(request):
        return False
    quote = connection.ops.quote_name
    table = quote(VisitDay._meta.db_table)
    date_col, count_col = quote("date"), quote("count")
    sql = (
        f"INSERT INTO {table} ({date_col}, {count_col}) VALUES (%s, 1) "  # noqa: S608
        f"ON CONFLICT ({date_col}) DO UPDATE SET {count_col} = {table}.{count_col} + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.localdate()])
    return True
