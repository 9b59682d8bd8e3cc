"""`visit_record` returns the counts after the view it counted, and counts only those views."""

import pytest
from django.test import RequestFactory

from privacy.models import VisitCounterSettings, VisitDay
from privacy.visits.selectors import VisitCounts
from privacy.visits.services import visit_record

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def counted_on_days() -> int:
    return sum(VisitDay.objects.values_list("count", flat=True))


def test_a_browsers_view_is_counted_and_the_counts_after_it_returned():
    VisitCounterSettings.objects.update_or_create(pk=1, defaults={"carried_over_total": 500})
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)

    first = visit_record(request)
    second = visit_record(request)

    assert first.counts == VisitCounts(today=1, total=501)
    assert second.counts == VisitCounts(today=2, total=502)
    assert counted_on_days() == 2


def test_what_is_read_along_comes_back_in_its_order():
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)

    counted = visit_record(request, read_along=[("SELECT %s", [7]), ("SELECT %s", ["x"])])

    assert counted.read_along == (7, "x")


def test_a_view_of_a_page_that_is_not_there_is_not_counted():
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)

    assert visit_record(request, only_if=("SELECT 1 WHERE 1 = 0", [])) is None
    assert counted_on_days() == 0


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().get("/", HTTP_USER_AGENT="Googlebot/2.1"),
        RequestFactory().get("/"),
        RequestFactory().head("/", HTTP_USER_AGENT=BROWSER),
        RequestFactory().post("/", HTTP_USER_AGENT=BROWSER),
    ],
    ids=["bot", "no agent", "head", "post"],
)
def test_a_view_that_is_no_visit_is_not_counted(request_):
    assert visit_record(request_) is None
    assert counted_on_days() == 0
