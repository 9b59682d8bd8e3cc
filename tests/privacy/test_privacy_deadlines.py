"""`manage.py privacy_deadlines`: what is due, emailed without personal data, status for cron."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command

from privacy.requests.services import access_request_refuse
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import ContactFactory, StaffUserFactory
from tests.privacy.factories import AccessRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(date(2025, 3, 10), tick=False)]


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("privacy_deadlines", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def officers():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER], email="tietosuoja@webstrella.fi")
    StaffUserFactory(groups=[PRIVACY_OFFICER], email="")
    StaffUserFactory(groups=[PRIVACY_OFFICER], email="entinen@webstrella.fi", is_active=False)
    StaffUserFactory(email="myynti@webstrella.fi")
    return officer


@pytest.fixture
def requests():
    contact = ContactFactory(first_name="Kaisa", last_name="Nieminen", email="kaisa@example.com")
    return {
        # received 31 January: due 28 February, so 10 days overdue
        "overdue": AccessRequestFactory(contact=contact, received_on=date(2025, 1, 31)),
        # due 15 March: within the week
        "soon": AccessRequestFactory(received_on=date(2025, 2, 15), requester_name="Otto Laine"),
        # due 8 April: later
        "later": AccessRequestFactory(received_on=date(2025, 3, 8)),
    }


def test_it_lists_due_and_overdue_requests_emails_the_officers_and_fails(officers, requests):
    with pytest.raises(CommandError, match="1 access requests are overdue"):
        out, _err = run()
    overdue, soon, later = requests["overdue"], requests["soon"], requests["later"]

    [message] = mail.outbox
    assert message.to == ["tietosuoja@webstrella.fi"]
    assert "1 overdue, 1 due within 7 days" in message.subject
    assert f"{overdue.reference}  due 28.02.2025  OVERDUE by 10 days" in message.body
    assert f"/admin/privacy/accessrequest/{overdue.pk}/change/" in message.body
    assert f"{soon.reference}  due 15.03.2025  5 days left" in message.body
    assert later.reference not in message.body


def test_the_email_names_no_requester(officers, requests):
    with pytest.raises(CommandError):
        run()
    [message] = mail.outbox
    text = message.subject + message.body
    for request in requests.values():
        for value in [
            request.requester_name,
            request.street_address,
            request.postal_code,
            request.city,
        ]:
            assert value not in text
    for value in ["Kaisa", "Nieminen", "kaisa@example.com", "Otto", "Laine"]:
        assert value not in text


def test_the_output_lists_the_requests_and_a_summary(officers, requests):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("privacy_deadlines", stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{requests['overdue'].reference}  due 28.02.2025  OVERDUE")
    assert lines[1].startswith(f"{requests['soon'].reference}  due 15.03.2025")
    assert lines[-1] == (
        "2 access requests due within 7 days, 1 of them overdue; emailed 1 privacy officers."
    )


def test_days_widens_the_window(officers, requests):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("privacy_deadlines", "--days", "30", stdout=out, stderr=StringIO())
    assert requests["later"].reference in out.getvalue()


def test_it_succeeds_quietly_when_nothing_is_overdue(officers, requests):
    access_request_refuse(
        access_request=requests["overdue"], refused_by=officers, reason="Peruttu."
    )
    out, _err = run()
    assert requests["soon"].reference in out
    assert requests["overdue"].reference not in out
    assert "0 of them overdue" in out
    assert len(mail.outbox) == 1


def test_answered_or_refused_requests_are_not_listed(officers):
    request = AccessRequestFactory(received_on=date(2025, 1, 31))
    access_request_refuse(access_request=request, refused_by=officers, reason="Peruttu.")
    out, _err = run()
    assert out == "No open access requests due within 7 days.\n"
    assert mail.outbox == []


def test_nothing_due_sends_no_email(officers):
    AccessRequestFactory(received_on=date(2025, 3, 8))
    out, _err = run()
    assert "No open access requests due within 7 days." in out
    assert mail.outbox == []


def test_it_warns_when_no_officer_can_be_emailed(requests):
    Group.objects.get(name=PRIVACY_OFFICER).user_set.clear()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("privacy_deadlines", stdout=StringIO(), stderr=err)
    assert "nobody was told" in err.getvalue()
    assert mail.outbox == []


@pytest.mark.parametrize("days", ["-1", "367", "739946"])
def test_a_number_of_days_out_of_range_is_refused(days):
    with pytest.raises(CommandError, match="between 0 and 366"):
        run("--days", days)


def test_the_exit_status_is_1_when_something_is_overdue(officers, requests):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "privacy_deadlines"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def change_path(access_request) -> str:
    return f"/admin/privacy/accessrequest/{access_request.pk}/change/"


def test_a_request_due_today_is_not_overdue_and_one_due_yesterday_is(officers):
    # Today is 10 March 2025: received 10 February is due today, 9 February yesterday.
    today = AccessRequestFactory(received_on=date(2025, 2, 10))
    yesterday = AccessRequestFactory(received_on=date(2025, 2, 9))
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("privacy_deadlines", stdout=out, stderr=StringIO())
    assert str(failed.value) == "1 access requests are overdue."

    assert out.getvalue().splitlines() == [
        f"{yesterday.reference}  due 09.03.2025  OVERDUE by 1 day  (Received)  "
        f"{change_path(yesterday)}",
        f"{today.reference}  due 10.03.2025  due today  (Received)  {change_path(today)}",
        "2 access requests due within 7 days, 1 of them overdue; emailed 1 privacy officers.",
    ]
    [message] = mail.outbox
    assert message.subject == "Access requests: 1 overdue, 1 due within 7 days"


def test_a_request_due_today_alone_is_no_failure(officers):
    today = AccessRequestFactory(received_on=date(2025, 2, 10))
    out, _err = run()
    assert f"{today.reference}  due 10.03.2025  due today  (Received)" in out
    assert "1 access requests due within 7 days, 0 of them overdue" in out
    [message] = mail.outbox
    assert message.subject == "Access requests: 0 overdue, 1 due within 7 days"


def test_one_day_is_singular_and_more_are_plural(officers):
    requests = [
        AccessRequestFactory(received_on=date(2025, 2, 8)),  # due 8 March
        AccessRequestFactory(received_on=date(2025, 2, 11)),  # due 11 March
        AccessRequestFactory(received_on=date(2025, 2, 12)),  # due 12 March
    ]
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("privacy_deadlines", stdout=out, stderr=StringIO())
    whens = [line.split("  ")[2] for line in out.getvalue().splitlines()[:-1]]
    assert whens == ["OVERDUE by 2 days", "1 day left", "2 days left"]
    [message] = mail.outbox
    for request, when in zip(requests, whens, strict=True):
        assert f"{request.reference}  due {request.due_on:%d.%m.%Y}  {when}  " in message.body


def test_the_lines_name_the_status_in_english_whatever_the_language(officers):
    from django.utils import translation

    from privacy.requests.services import access_request_verify_identity

    verified = AccessRequestFactory(received_on=date(2025, 2, 12))
    access_request_verify_identity(
        access_request=verified, verified_by=officers, method="register_details"
    )
    received = AccessRequestFactory(received_on=date(2025, 2, 13))
    with translation.override("fi"):
        out, _err = run()
    assert f"2 days left  (Identity verified)  {change_path(verified)}" in out
    assert f"3 days left  (Received)  {change_path(received)}" in out
    [message] = mail.outbox
    assert "(Identity verified)" in message.body and "(Received)" in message.body
    assert "Vastaanotettu" not in message.body + out
