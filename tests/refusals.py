"""Checking a refusal by what it is, not only that something was refused."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation


@contextmanager
def refused(code: str, message: str | None = None):
    """The block raises a ValidationError with `code` and, if given, `message` in English.

    The block runs in English, so parameters filled in when the error is raised (a status,
    a date) read as the message does. Yields what `pytest.raises` yields.
    """
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        yield caught
    error = caught.value
    assert error.code == code, f"{error.code!r} != {code!r}: {error.messages}"
    if message is not None:
        with translation.override("en"):
            assert error.messages == [message], error.messages
