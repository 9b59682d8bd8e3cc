"""Counting the views of the public pages."""

import re

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import VisitCounterSettings, VisitDay
from .selectors import VisitCounts, visit_counts

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


def _statements() -> tuple[str, str]:
    """The day's insert-or-increment and the running total's increment, both returning."""
    quote = connection.ops.quote_name
    day = quote(VisitDay._meta.db_table)
    counter = quote(VisitCounterSettings._meta.db_table)
    date_col, count_col = quote("date"), quote("count")
    count_day = (
        f"INSERT INTO {day} ({date_col}, {count_col}) VALUES (%s, 1) "  # noqa: S608
        f"ON CONFLICT ({date_col}) DO UPDATE SET {count_col} = {day}.{count_col} + 1"
    )
    count_total = f"UPDATE {counter} SET counted_total = {counter}.counted_total + 1"  # noqa: S608
    return count_day, count_total


def _count_in_one_statement(today) -> tuple | None:
    """PostgreSQL: both increments in one statement.

    The total's UPDATE joins the day's row, so the day's row is always locked first and two
    views can never wait on each other in opposite order.
    """
    count_day, count_total = _statements()
    sql = (
        f"WITH day AS ({count_day} RETURNING {connection.ops.quote_name('count')} AS today) "
        f"{count_total} FROM day WHERE id = 1 "
        "RETURNING day.today, carried_over_total + counted_total"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [today])
        return cursor.fetchone()


def _count_in_one_transaction(today) -> tuple | None:
    """Databases without writes inside WITH (SQLite): two statements in one transaction.

    The site's SQLite transactions begin IMMEDIATE, taking the write lock at once, so no
    other view counts between the two.
    """
    count_day, count_total = _statements()
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"{count_day} RETURNING {quote('count')}", [today])
        (views_today,) = cursor.fetchone()
        cursor.execute(f"{count_total} WHERE id = 1 RETURNING carried_over_total + counted_total")
        row = cursor.fetchone()
    return None if row is None else (views_today, row[0])


def visit_record(request: HttpRequest) -> VisitCounts | None:
    """Count one view of a public page; returns the counts after it, or None if not counted.

    The increments happen in the database, so simultaneous views never lose a count and no
    row is read into Python first; the same statement returns today's count and the total
    to show. Nothing about the visitor is stored.
    """
    if not is_countable_visit(request):
        return None
    today = timezone.localdate()
    if connection.vendor == "postgresql":
        row = _count_in_one_statement(today)
    else:
        row = _count_in_one_transaction(today)
    if row is None:
        # The counter's row is missing (it comes from a migration): the day is counted all
        # the same; the total shows what the database holds.
        return visit_counts(today=today)
    return VisitCounts(today=row[0], total=row[1])
