"""`visit_record` returns the counts after the view it counted, and None for a view it did not.

Each test compares what it returned with what the database holds afterwards, on whichever
database the suite runs: one statement on PostgreSQL, one transaction on SQLite.
"""

from datetime import date

import pytest
import time_machine
from django.db import connection, transaction
from django.test import RequestFactory

from privacy.models import VisitCounterSettings, VisitDay
from privacy.visits.selectors import VisitCounts, visit_counts
from privacy.visits.services import visit_record

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CARRIED_OVER = 62588  # the old site's count, set by the counter's migration
EXISTS = ("SELECT 1", [])
FINDS_NOTHING = ("SELECT 1 WHERE 1 = 0", [])


def browser_view():
    return RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)


def days() -> dict[date, int]:
    return dict(VisitDay.objects.values_list("date", "count"))


@time_machine.travel("2026-11-30 10:00 +02:00", tick=False)
def test_a_browsers_views_return_the_counts_after_each_and_are_stored():
    first = visit_record(browser_view())
    second = visit_record(browser_view())

    assert first.counts == VisitCounts(today=1, total=CARRIED_OVER + 1)
    assert second.counts == VisitCounts(today=2, total=CARRIED_OVER + 2)
    assert second.read_along == ()
    assert days() == {date(2026, 11, 30): 2}
    assert VisitCounterSettings.objects.get().counted_total == 2
    assert visit_counts() == second.counts


def test_views_of_two_days_are_counted_on_their_own_days_and_in_one_total():
    with time_machine.travel("2026-11-30 23:59 +02:00", tick=False):
        visit_record(browser_view())
    with time_machine.travel("2026-12-01 00:01 +02:00", tick=False):
        counted = visit_record(browser_view())

    assert counted.counts == VisitCounts(today=1, total=CARRIED_OVER + 2)
    assert days() == {date(2026, 11, 30): 1, date(2026, 12, 1): 1}


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().get("/", HTTP_USER_AGENT="Googlebot/2.1"),
        RequestFactory().get("/"),
        RequestFactory().get("/", HTTP_USER_AGENT=""),
        RequestFactory().head("/", HTTP_USER_AGENT=BROWSER),
        RequestFactory().post("/", HTTP_USER_AGENT=BROWSER),
    ],
    ids=["bot", "no agent", "empty agent", "head", "post"],
)
def test_a_view_that_is_no_visit_is_not_counted_and_returns_none(request_):
    assert visit_record(request_) is None
    assert days() == {}
    assert VisitCounterSettings.objects.get().counted_total == 0


def test_a_view_whose_subject_is_found_is_counted_with_the_values_read_along():
    counted = visit_record(
        browser_view(),
        only_if=EXISTS,
        read_along=[("SELECT %s", ["v1"]), ("SELECT %s + 1", [41])],
    )

    assert counted.counts == VisitCounts(today=1, total=CARRIED_OVER + 1)
    assert counted.read_along == ("v1", 42)
    assert sum(days().values()) == 1


def test_a_view_whose_subject_is_not_found_is_not_counted():
    assert visit_record(browser_view(), only_if=FINDS_NOTHING, read_along=[EXISTS]) is None
    assert days() == {}
    assert VisitCounterSettings.objects.get().counted_total == 0


def test_without_the_counters_row_no_counts_are_returned():
    VisitCounterSettings.objects.all().delete()

    assert visit_record(browser_view()) is None


def test_the_subqueries_given_are_left_as_they_were_for_the_caller_to_read_again():
    # A page whose subject is not found reads the same subqueries itself, to answer 404.
    only_if = ("SELECT 1 WHERE %s = 1", [1])
    read_along = [("SELECT %s", ["v1"])]

    first = visit_record(browser_view(), only_if=only_if, read_along=read_along)
    second = visit_record(browser_view(), only_if=only_if, read_along=read_along)

    assert only_if == ("SELECT 1 WHERE %s = 1", [1])
    assert read_along == [("SELECT %s", ["v1"])]
    assert (first.counts.today, second.counts.today) == (1, 2)
    assert second.read_along == ("v1",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_the_counting_transaction_commits_without_waiting_for_the_disk():
    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = synchronous_commit()
    with transaction.atomic():
        visit_record(browser_view())
        assert synchronous_commit() == "off"

    assert before != "off"
    assert synchronous_commit() == before
