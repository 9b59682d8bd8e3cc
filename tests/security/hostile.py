"""The pool of garbage the hostile-input tests draw from, and what they share to run it.

Oversized text, NUL bytes, emoji, right-to-left marks, SQL- and HTML-looking text, NaN and
Infinity for decimals, impossible dates and numbers far out of range: what a careless paste,
a broken client or an attacker may send to a form, a search box, a command or a function.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import hypothesis
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import strategies as st

# Examples that each make a request are bounded so that a file runs in well under a minute.
REQUEST_EXAMPLES = hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PURE_EXAMPLES = hypothesis.settings(max_examples=200, deadline=None)

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "nul\x00byte",
    "\r\n",
    "\t\t",
    "\u202eevil.exe\u202c",
    "\u200f\u200e\u061c",
    "\ufeff",
    "😀🇫🇮👩‍👩‍👧",
    "Z̸̢͈a̴͓l̵̟g̶͚o̷̱",
    "' OR '1'='1",
    "1; DROP TABLE customers_contact; --",
    "%",
    "_",
    "\\",
    "%00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request }}{% debug %}",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e999999",
    "1E+999999999",
    "-1",
    "-0.01",
    "0",
    "1e-999999",
    "0x10",
    "1_000",
    "١٢٣",
    "9" * 40,
    "-" + "9" * 40,
    "9.999999999999999999999",
    "2025-02-30",
    "0001-01-01",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "24:00:00",
    "23:59:60",
    "on",
    "true",
    "null",
    "[]",
    "{}",
]
# Strings that can travel in a form: an HTTP body is UTF-8, which has no lone surrogates.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
OVERSIZED = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["x", "ä", "😀", "9", "<>", "\u202e", "\x00", "a b"]),
    st.sampled_from([201, 301, 10_000]),
)
# What may be typed into a text field.
HOSTILE_TEXT = st.one_of(ANY_TEXT, OVERSIZED, st.sampled_from(HOSTILE_STRINGS))
# What may arrive in any field of a form or a query string, numbers written out included.
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    ANY_TEXT,
    OVERSIZED,
    st.integers().map(str),
    st.decimals().map(str),
    st.floats().map(str),
)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Undo everything the block writes, so the next example starts from the same rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
