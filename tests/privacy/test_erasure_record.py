"""What an erasure records of one declared model (`ErasureEntry.as_dict`), key by key."""

from datetime import date

from django.utils import translation

from orders.models import Order
from privacy.inventory import registry
from privacy.lifecycle.services import ErasureEntry


def test_an_erasure_entry_records_counts_the_days_kept_until_and_names_in_both_languages():
    entry = ErasureEntry(
        declaration=registry.for_model(Order),
        deleted=[1, 2, 3],
        anonymised=[4],
        kept={5: date(2031, 12, 31), 6: date(2030, 12, 31), 7: date(2030, 12, 31)},
        law="Kirjanpitolaki 2:10",
        law_en="Accounting Act 2:10",
        already_kept=2,
    )

    expected = {
        "category": "orders",
        "data": "orders.order",
        "name_fi": "tilaus",
        "name_en": "order",
        "deleted": 3,
        "anonymised": 1,
        "kept": [
            {"until": "2030-12-31", "records": 2},
            {"until": "2031-12-31", "records": 1},
        ],
        "law_fi": "Kirjanpitolaki 2:10",
        "law_en": "Accounting Act 2:10",
        "already_kept": 2,
    }
    # The record is the same whichever language the officer's session has.
    for language in ("fi", "en"):
        with translation.override(language):
            assert entry.as_dict() == expected
