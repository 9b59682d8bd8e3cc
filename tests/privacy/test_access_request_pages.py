"""What the access-request pages show: counts, errors, dates, labels, filters, letters."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from privacy.models import AccessRequest
from privacy.requests.services import access_request_extend, access_request_refuse
from tests.orders.factories import OrderLineFactory
from tests.privacy.factories import AccessRequestFactory, package_texts, squeeze
from tests.privacy.pages import post_from_page
from tests.privacy.test_access_request_answer import answer, person_with_data

pytestmark = pytest.mark.django_db

BASE = "/admin/privacy/accessrequest/"


def page(client, url, language="fi", **params) -> str:
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("count", "language", "text"),
    [
        (3, "fi", "3 tarkastuspyyntöä"),
        (1, "fi", "1 tarkastuspyyntö"),
        (3, "en", "3 access requests"),
        (1, "en", "1 access request"),
    ],
)
def test_the_list_counts_in_real_plural_forms(privacy_officer_client, count, language, text):
    for _ in range(count):
        AccessRequestFactory()
    paginator = re.search(
        r'<p class="paginator">(.*?)</p>', page(privacy_officer_client, BASE, language), re.S
    )
    assert " ".join(paginator.group(1).split()) == text


@pytest.mark.parametrize(
    ("received_days_ago", "months", "reason", "message"),
    [
        (40, "1", "Laaja aineisto.", "ensimmäisen kuukauden kuluessa"),
        (3, "1", "", "Tämä kenttä vaaditaan."),
        (3, "5", "Laaja aineisto.", "5 ei ole vaihtoehtojen joukossa"),
    ],
)
def test_an_extension_error_is_shown_once(
    privacy_officer_client, received_days_ago, months, reason, message
):
    request = AccessRequestFactory(
        received_on=timezone.localdate() - timedelta(days=received_days_ago)
    )
    response = post_from_page(
        privacy_officer_client,
        f"{BASE}{request.pk}/extend/",
        {"months": months, "reason": reason},
        follow=True,
    )
    assert response.content.decode().count(message) == 1


def test_the_extensions_table_names_who_decided_and_has_no_stray_row_label(
    privacy_officer_client, privacy_officer
):
    privacy_officer.first_name, privacy_officer.last_name = "Päivi", "Tietosuoja"
    privacy_officer.save()
    request = AccessRequestFactory()
    access_request_extend(
        access_request=request, extended_by=privacy_officer, months=2, reason="Laaja aineisto."
    )
    html = page(privacy_officer_client, f"{BASE}{request.pk}/change/")
    extensions = html[html.index('id="extensions-group"') :]
    extensions = extensions[: extensions.index("</fieldset>")]
    assert "Päivi Tietosuoja" in extensions
    assert "/admin/auth/user/" not in extensions
    assert not re.search(r"<p>\s*\+2\s*</p>", extensions)


def test_the_signature_letter_and_find_data_show_only_where_they_apply(
    privacy_officer_client, privacy_officer
):
    letter = "signed-request-letter/"
    signed = AccessRequestFactory(is_signed=True)
    unsigned = AccessRequestFactory(is_signed=False)
    refused = AccessRequestFactory()
    access_request_refuse(
        access_request=refused, refused_by=privacy_officer, reason="Ei tunnistettu."
    )
    assert letter not in page(privacy_officer_client, f"{BASE}{signed.pk}/change/")
    assert letter in page(privacy_officer_client, f"{BASE}{unsigned.pk}/change/")
    assert f"{refused.pk}/find-data/" not in page(
        privacy_officer_client, f"{BASE}{refused.pk}/change/"
    )


def test_dates_follow_the_admin_language_in_one_format(privacy_officer_client):
    received = timezone.localdate() - timedelta(days=3)
    request = AccessRequestFactory(received_on=received)
    finnish = page(privacy_officer_client, f"{BASE}{request.pk}/change/")
    assert f'value="{received:%d.%m.%Y}"' in finnish
    assert request.due_on.strftime("%d.%m.%Y") in finnish
    assert 'type="date"' not in finnish
    assert 'placeholder="pp.kk.vvvv"' in finnish
    assert re.search(r"\d{1,2}\.\d{1,2}\.\d{4} klo", finnish) is None
    listing = page(privacy_officer_client, BASE)
    assert request.due_on.strftime("%d.%m.%Y") in listing


def test_a_date_typed_in_finnish_is_read(privacy_officer_client):
    request = AccessRequestFactory()
    answer_page = f"{BASE}{request.pk}/answer/"
    html = page(privacy_officer_client, answer_page)
    assert 'type="date"' not in html


def test_the_step_forms_point_at_their_help_and_group_the_radio_buttons(privacy_officer_client):
    request = AccessRequestFactory()
    html = page(privacy_officer_client, f"{BASE}{request.pk}/verify/")
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        assert f'id="{described}"' in html, described
    assert 'aria-describedby="id_notes_helptext"' in html
    group = re.search(r"<fieldset class=\"step-choices\"[^>]*>(.*?)</fieldset>", html, re.S)
    assert group is not None
    assert "<legend" in group.group(1)
    assert 'name="method"' in group.group(1)
    assert '<label for="id_method"' not in html


def test_the_list_filters_by_status_and_deadline_without_names_in_addresses(
    privacy_officer_client, privacy_officer
):
    today = timezone.localdate()
    overdue = AccessRequestFactory(
        received_on=today - timedelta(days=40), requester_name="Otto Laine"
    )
    fresh = AccessRequestFactory(requester_name="Sanna Mäkelä")
    html = page(privacy_officer_client, BASE)
    links = re.findall(r'href="(\?[^"]*)"', html)
    assert any("deadline=overdue" in link for link in links)
    assert any("status__exact=received" in link for link in links)
    for link in links:
        assert "Laine" not in link and "M%C3%A4kel%C3%A4" not in link and "Sanna" not in link
    overdue_only = page(privacy_officer_client, BASE, deadline="overdue")
    assert overdue.reference in overdue_only and fresh.reference not in overdue_only
    received = page(privacy_officer_client, BASE, status__exact=AccessRequest.Status.RECEIVED)
    assert fresh.reference in received


def test_the_finnish_letter_writes_vat_rates_with_a_decimal_comma(privacy_officer):
    contact, customer, order = person_with_data("alv", first_name="Aino", last_name="Alv")
    OrderLineFactory(order=order, vat_rate=Decimal("25.5"), quantity=Decimal("1"))
    request = answer(contact, privacy_officer)
    letter = package_texts(request)["letter"]
    assert squeeze("25,5 %") in letter
    assert squeeze("25.5 %") not in letter
