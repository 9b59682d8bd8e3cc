"""The letters about a request's handling: the extension (Art. 12(3)) and the refusal (12(4))."""

import datetime
import io

import pytest
from pypdf import PdfReader

from privacy.models import AuditEntry
from privacy.requests.services import access_request_extend, access_request_refuse
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory, pdf_text, squeeze

pytestmark = pytest.mark.django_db

BASE = "/admin/privacy/accessrequest/"
# A4 in PostScript points, as WeasyPrint writes it.
A4 = (595, 842)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False)


def extended(privacy_officer, *, language="fi", reasons=("Pyyntöjä on tavallista enemmän.",)):
    request = AccessRequestFactory(language=language, received_on=datetime.date(2026, 3, 2))
    for reason in reasons:
        access_request_extend(
            access_request=request, extended_by=privacy_officer, months=1, reason=reason
        )
    request.refresh_from_db()
    return request


def refused(privacy_officer, *, language="fi", reason="Pyyntö on ilmeisen perusteeton."):
    request = AccessRequestFactory(language=language, received_on=datetime.date(2026, 3, 2))
    access_request_refuse(access_request=request, refused_by=privacy_officer, reason=reason)
    request.refresh_from_db()
    return request


def download(client, request, letter: str) -> bytes:
    response = client.get(f"{BASE}{request.pk}/{letter}-letter/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{request.reference}-{letter}.pdf" in response["Content-Disposition"]
    return response.content


def assert_a4(pdf: bytes) -> None:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4


def test_the_extension_letter_says_by_how_much_until_when_and_why(
    privacy_officer_client, privacy_officer
):
    request = extended(privacy_officer)
    pdf = download(privacy_officer_client, request, "extension")
    assert_a4(pdf)
    text = squeeze(pdf_text(pdf))
    for expected in [
        "Tarkastuspyyntönne käsittelyaikaa pidennetään",
        "Olemme vastaanottaneet tarkastuspyyntönne 2.3.2026",
        "12 artiklan 3 kohdan",
        "Pidennämme vastausaikaa yhdellä kuukaudella",
        "Saatte vastauksen viimeistään 2.5.2026",
        "Pidennyksen syy:",
        "Pyyntöjä on tavallista enemmän.",
        "tietosuojavaltuutetun toimistolle",
        "tietosuoja.fi",
        request.requester_name,
        request.reference,
        "Päiväys: 10.3.2026",
        "Jyri Tähtelä",
    ]:
        assert squeeze(expected) in text, expected


def test_two_extensions_are_told_together_with_both_reasons(
    privacy_officer_client, privacy_officer
):
    request = extended(
        privacy_officer, language="en", reasons=("Many requests at once.", "The data is large.")
    )
    pdf = download(privacy_officer_client, request, "extension")
    text = squeeze(pdf_text(pdf))
    for expected in [
        "The time to answer your access request is extended",
        "We received your access request on 2026-03-02",
        "Article 12(3)",
        "We extend the time to answer by two months",
        "You will receive the answer by 2026-06-02 at the latest",
        "The reasons for the extensions:",
        "Many requests at once.",
        "The data is large.",
        "Office of the Data Protection Ombudsman",
        "tietosuoja.fi",
        "judicial remedy",
        "Kind regards",
    ]:
        assert squeeze(expected) in text, expected
    assert squeeze("Pidennämme") not in text


def test_the_refusal_letter_gives_the_reason_and_the_remedies(
    privacy_officer_client, privacy_officer
):
    request = refused(privacy_officer)
    pdf = download(privacy_officer_client, request, "refusal")
    assert_a4(pdf)
    text = squeeze(pdf_text(pdf))
    for expected in [
        "Päätös tarkastuspyyntöönne",
        "Olemme vastaanottaneet tarkastuspyyntönne 2.3.2026",
        "12 artiklan 4 kohta",
        "Pyyntö on ilmeisen perusteeton.",
        "Oikeusturvakeinot",
        "valitus valvontaviranomaiselle, tietosuojavaltuutetun toimistolle",
        "tietosuoja.fi",
        "tuomioistuimen käsiteltäväksi",
        "79 artikla",
        "käräjäoikeudessa",
        request.reference,
    ]:
        assert squeeze(expected) in text, expected


def test_the_refusal_letter_in_english(privacy_officer_client, privacy_officer):
    request = refused(privacy_officer, language="en", reason="The request is manifestly unfounded.")
    text = squeeze(pdf_text(download(privacy_officer_client, request, "refusal")))
    for expected in [
        "Decision on your access request",
        "Article 12(4)",
        "The request is manifestly unfounded.",
        "Your remedies",
        "lodge a complaint with the supervisory authority",
        "Data Protection Ombudsman",
        "tietosuoja.fi",
        "effective judicial remedy",
        "Article 79",
    ]:
        assert squeeze(expected) in text, expected


def test_the_request_page_offers_each_letter_once_there_is_something_to_tell(
    privacy_officer_client, privacy_officer
):
    def links(request) -> tuple[bool, bool]:
        html = privacy_officer_client.get(f"{BASE}{request.pk}/change/").content.decode()
        return (
            f"{BASE}{request.pk}/extension-letter/" in html,
            f"{BASE}{request.pk}/refusal-letter/" in html,
        )

    assert links(AccessRequestFactory()) == (False, False)
    assert links(extended(privacy_officer)) == (True, False)
    assert links(refused(privacy_officer)) == (False, True)


def test_a_letter_with_nothing_to_tell_is_refused_with_a_message(privacy_officer_client):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    request = AccessRequestFactory()
    for letter, message in [
        ("extension", "has not been extended"),
        ("refusal", "has not been refused"),
    ]:
        response = privacy_officer_client.get(f"{BASE}{request.pk}/{letter}-letter/", follow=True)
        assert response.redirect_chain[-1][0] == f"{BASE}{request.pk}/change/"
        assert any(message in str(m) for m in response.context["messages"])


def test_each_download_is_in_the_audit_log(privacy_officer_client, privacy_officer):
    request = extended(privacy_officer)
    download(privacy_officer_client, request, "extension")
    entry = AuditEntry.objects.filter(target_id=str(request.pk)).latest("pk")
    assert (entry.action, entry.detail) == ("export", "extension letter")


@pytest.mark.parametrize("letter", ["extension", "refusal"])
def test_other_staff_get_403_on_the_letters(client, privacy_officer, letter):
    from privacy.staff.groups import CUSTOMER_SERVICE, SALES

    request = refused(privacy_officer) if letter == "refusal" else extended(privacy_officer)
    for groups in ([CUSTOMER_SERVICE], [SALES], []):
        client.force_login(StaffUserFactory(groups=groups))
        assert client.get(f"{BASE}{request.pk}/{letter}-letter/").status_code == 403
