"""Counting the views of the public pages."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import VisitCounterSettings, VisitDay
from .selectors import VisitCounts

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


def _statements(*, day_values: str = "VALUES (%s, 1)") -> tuple[str, str]:
    """The day's insert-or-increment and the running total's increment."""
    quote = connection.ops.quote_name
    day = quote(VisitDay._meta.db_table)
    counter = quote(VisitCounterSettings._meta.db_table)
    date_col, count_col = quote("date"), quote("count")
    count_day = (
        f"INSERT INTO {day} ({date_col}, {count_col}) {day_values} "  # noqa: S608
        f"ON CONFLICT ({date_col}) DO UPDATE SET {count_col} = {day}.{count_col} + 1"
    )
    count_total = f"UPDATE {counter} SET counted_total = {counter}.counted_total + 1"  # noqa: S608
    return count_day, count_total


@dataclass(frozen=True)
class CountedView:
    counts: VisitCounts
    # The values of the querysets read along with the count, in their order.
    read_along: tuple


# The SQL of a subquery that gives one value, and its parameters.
Read = tuple[str, list]


def _count_in_one_statement(
    today, only_if: Read | None, read_along: Sequence[Read]
) -> tuple | None:
    """PostgreSQL: both increments, and the reads along, in one statement.

    The total's UPDATE joins the day's row, so the day's row is always locked first and two
    views can never wait on each other in opposite order.

    The statement commits without waiting for its WAL record to reach the disk
    (synchronous_commit off, for this transaction only): that wait took most of a view's
    time. A crash of the database server can lose the last fraction of a second of counts,
    never part of one (the day and the total stay equal) and never other data; a stop or
    restart of the server loses nothing (PostgreSQL manual, "Asynchronous Commit").
    """
    params: list = []
    condition = ""
    if only_if is not None:
        condition = f" WHERE EXISTS ({only_if[0]})"
        params += only_if[1]
    reads = []
    for read, read_params in read_along:
        reads.append(f"({read})")
        params += read_params
    # The day's row is inserted from the setting's row, so that the setting is made first.
    count_day, count_total = _statements(
        day_values=f"SELECT %s, 1 FROM asynchronous_commit{condition}"  # noqa: S608
    )
    quote = connection.ops.quote_name
    returning = ", ".join(["day.today", "carried_over_total + counted_total", *reads])
    # Only table and column names and the callers' subqueries are formatted in.
    setting = "SELECT set_config('synchronous_commit', 'off', true)"
    day = f"{count_day} RETURNING {quote('count')} AS today"
    sql = f"WITH asynchronous_commit AS ({setting}), day AS ({day}) {count_total} FROM day WHERE id = 1 RETURNING {returning}"  # noqa: E501, S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [today, *params])
        return cursor.fetchone()


def _count_in_one_transaction(
    today, only_if: Read | None, read_along: Sequence[Read]
) -> tuple | None:
    """Databases without writes inside WITH (SQLite): two writes in one transaction.

    The site's SQLite transactions begin IMMEDIATE, taking the write lock at once, so no
    other view counts between the two. The reads come first, outside it, to hold the
    database's single write lock for no longer than the writes.
    """
    count_day, count_total = _statements()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if only_if is not None:
            cursor.execute(f"SELECT EXISTS ({only_if[0]})", only_if[1])  # noqa: S608
            if not cursor.fetchone()[0]:
                return None
        values = []
        for read, read_params in read_along:
            cursor.execute(f"SELECT ({read})", read_params)  # noqa: S608
            values.append(cursor.fetchone()[0])
        with transaction.atomic():
            cursor.execute(f"{count_day} RETURNING {quote('count')}", [today])
            (views_today,) = cursor.fetchone()
            cursor.execute(
                f"{count_total} WHERE id = 1 RETURNING carried_over_total + counted_total"
            )
            row = cursor.fetchone()
    return None if row is None else (views_today, row[0], *values)


def visit_record(
    request: HttpRequest,
    *,
    only_if: Read | None = None,
    read_along: Sequence[Read] = (),
) -> CountedView | None:
    """Count one view of a public page; returns the counts after it, or None if not counted
    (a bot, a HEAD request, or `only_if`, a subquery for the page's subject, found nothing).

    The increments happen in the database, so simultaneous views never lose a count and no
    row is read into Python first; the same statement returns today's count and the total
    to show. `read_along` are subqueries of one value each that the page needs besides: on
    PostgreSQL they are read in the same statement, so a view costs one round trip to the
    database. Nothing about the visitor is stored.
    """
    if not is_countable_visit(request):
        return None
    today = timezone.localdate()
    if connection.vendor == "postgresql":
        row = _count_in_one_statement(today, only_if, read_along)
    else:
        row = _count_in_one_transaction(today, only_if, read_along)
    if row is None:
        return None
    return CountedView(VisitCounts(today=row[0], total=row[1]), tuple(row[2:]))
