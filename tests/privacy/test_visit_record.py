"""`visit_record` says whether it counted the view, and counts only the views it says."""

import pytest
from django.test import RequestFactory

from privacy.models import VisitDay
from privacy.visits.services import visit_record

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def counted_today() -> int:
    return sum(VisitDay.objects.values_list("count", flat=True))


def test_a_browsers_view_is_counted_and_said_to_be():
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)

    assert visit_record(request) is True
    assert visit_record(request) is True
    assert counted_today() == 2


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
def test_a_view_that_is_no_visit_is_not_counted_and_said_not_to_be(request_):
    assert visit_record(request_) is False
    assert counted_today() == 0
