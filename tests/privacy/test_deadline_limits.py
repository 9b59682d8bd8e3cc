"""An extension outside GDPR Art. 12(3)'s two months is refused with what was asked."""

from datetime import date

import pytest

from privacy.requests.deadlines import MAX_EXTENSION_MONTHS, due_date


@pytest.mark.parametrize("months", [-1, MAX_EXTENSION_MONTHS + 1])
def test_an_extension_outside_zero_to_two_months_is_refused_with_its_months(months):
    with pytest.raises(ValueError, match=rf"^An extension is 0 to 2 months: {months}$"):
        due_date(date(2025, 1, 31), months)


def test_the_longest_extension_is_allowed():
    assert due_date(date(2025, 1, 31), MAX_EXTENSION_MONTHS) == date(2025, 4, 30)
