"""What the lifecycle services refuse, with the code and the words the officer reads.

Each refusal changes nothing: no restriction is recorded, no row is corrected.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from privacy.inventory.subjects import Subject
from privacy.lifecycle.models import Restriction, RestrictionReason
from privacy.lifecycle.services import (
    Correction,
    rectification_apply,
    restrict_rows,
    retention_apply,
)
from tests.customers.factories import ContactFactory

pytestmark = pytest.mark.django_db


def refusal(function, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        function(*args, **kwargs)
    return exc.value


def words(error: ValidationError, language: str) -> list[str]:
    with translation.override(language):
        return [str(message) for message in error.messages]


@pytest.fixture
def aino_subject():
    aino = ContactFactory(email="aino@example.com")
    return aino, Subject(rows={"customers.contact": frozenset({aino.pk})})


@pytest.mark.parametrize("reason", [RestrictionReason.KEPT_BY_LAW, "anything"])
def test_rows_are_restricted_only_for_a_restriction_or_an_objection(aino_subject, reason):
    _aino, subject = aino_subject

    error = refusal(restrict_rows, subject, reason=reason)

    assert error.code == "reason"
    assert words(error, "en") == ["Choose restriction or objection."]
    assert words(error, "fi") == ["Valitse rajoittaminen tai vastustaminen."]
    assert not Restriction.objects.exists()


def test_restricting_marks_each_row_of_the_subject(aino_subject):
    aino, subject = aino_subject

    summary = restrict_rows(subject, reason=RestrictionReason.OBJECTION, until=date(2027, 1, 1))

    contact_rows = [entry for entry in summary if entry["data"] == "customers.contact"]
    assert contact_rows == [
        {
            "category": "contact_details",
            "data": "customers.contact",
            "name_fi": "yhteyshenkilö",
            "name_en": "contact",
            "restricted": 1,
            "until": "2027-01-01",
        }
    ]
    assert Restriction.objects.filter(
        data="customers.contact", object_id=str(aino.pk), reason=RestrictionReason.OBJECTION
    ).exists()


def test_a_retention_run_needs_a_batch_of_at_least_one_row():
    error = refusal(retention_apply, today=date(2026, 1, 1), batch_size=0)

    assert error.code == "batch_size"
    assert words(error, "en") == ["The batch size must be at least 1."]
    assert words(error, "fi") == ["Erän koon on oltava vähintään 1."]


def test_a_rectification_needs_a_correction(aino_subject):
    _aino, subject = aino_subject

    error = refusal(rectification_apply, subject, [])

    assert error.code == "empty"
    assert words(error, "en") == ["Record at least one correction."]
    assert words(error, "fi") == ["Kirjaa vähintään yksi korjaus."]


def test_only_the_subjects_own_records_can_be_corrected(aino_subject):
    aino, subject = aino_subject
    other = ContactFactory(email="muu@example.com")

    not_theirs = refusal(
        rectification_apply,
        subject,
        [Correction("customers.contact", str(other.pk), "email", "uusi@example.com")],
    )
    unknown_data = refusal(
        rectification_apply,
        subject,
        [Correction("auth.user", "1", "email", "uusi@example.com")],
    )

    assert not_theirs.code == unknown_data.code == "not_theirs"
    assert words(not_theirs, "en") == ["This record is not the requester's."]
    assert words(not_theirs, "fi") == ["Tämä tietue ei ole pyytäjän."]
    assert words(unknown_data, "en") == ["This data is not the requester's."]
    assert words(unknown_data, "fi") == ["Nämä tiedot eivät ole pyytäjän."]
    other.refresh_from_db()
    aino.refresh_from_db()
    assert (other.email, aino.email) == ("muu@example.com", "aino@example.com")
