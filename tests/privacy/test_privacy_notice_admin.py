"""A privacy officer drafts, previews and publishes the privacy notice in the admin."""

import datetime

import pytest
from django.contrib import messages

from privacy.description.selectors import description_current
from privacy.models import RegisterDescription

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/privacy/registerdescription/"
DRAFT_NOTICE = f"{CHANGELIST}draft-notice/"


def _draft_notice(client) -> RegisterDescription:
    response = client.post(DRAFT_NOTICE)
    assert response.status_code == 302
    draft = RegisterDescription.objects.get(status="draft")
    assert response["Location"] == f"{CHANGELIST}{draft.pk}/change/"
    return draft


def test_one_button_drafts_a_notice_which_is_previewed_and_published_with_its_date(
    privacy_officer_client, privacy_officer, client
):
    changelist = privacy_officer_client.get(CHANGELIST).content.decode()
    assert f'action="{DRAFT_NOTICE}"' in changelist

    draft = _draft_notice(privacy_officer_client)
    assert draft.is_privacy_notice and draft.created_by == privacy_officer
    change = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/change/").content.decode()
    assert 'name="protection_fi"' in change
    assert "Tietojen suojaus (fi)" in change and "6 Suojaus" not in change
    assert 'name="access_fi"' not in change, "the 2013 sections give way to generated ones"
    assert "Ei mitään: kaikki tietosuoja-asetuksen 13 ja 14 artiklan" in change

    for language, title in (("fi", "Tietosuojaseloste"), ("en", "Privacy notice")):
        preview = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/preview/{language}/")
        assert preview.status_code == 200
        assert f"<h1>{title}</h1>" in preview.content.decode()
    assert "Tietosuojaseloste" not in client.get("/").content.decode(), "a draft is not shown"

    confirm = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/publish/")
    assert 'name="effective_date"' in confirm.content.decode()
    published = privacy_officer_client.post(
        f"{CHANGELIST}{draft.pk}/publish/", {"effective_date": "2025-09-01"}
    )
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == privacy_officer
    assert draft.effective_date == datetime.date(2025, 9, 1)
    assert description_current() == draft
    assert "<h1>Tietosuojaseloste</h1>" in client.get("/").content.decode()


def test_publishing_an_incomplete_notice_shows_what_is_missing_and_keeps_the_draft(
    privacy_officer_client,
):
    draft = _draft_notice(privacy_officer_client)
    draft.protection_fi = ""
    draft.save()
    change = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/change/").content.decode()
    assert "tietojen suojaus (suomeksi)" in change

    response = privacy_officer_client.post(
        f"{CHANGELIST}{draft.pk}/publish/", {"effective_date": "2025-09-01"}, follow=True
    )
    errors = [str(m) for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1
    assert "tietojen suojaus (suomeksi)" in errors[0]
    draft.refresh_from_db()
    assert not draft.is_published
    assert description_current().effective_date == datetime.date(2013, 10, 1)


def test_a_bad_date_is_refused_on_the_publish_page_and_nothing_is_published(
    privacy_officer_client,
):
    draft = _draft_notice(privacy_officer_client)
    response = privacy_officer_client.post(
        f"{CHANGELIST}{draft.pk}/publish/", {"effective_date": "2025-02-30"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["effective_date"]
    assert 'value="2025-02-30"' in response.content.decode(), "what was typed stays"
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.parametrize(
    "client_fixture", ["customer_service_client", "sales_client", "staff_without_group_client"]
)
def test_other_staff_can_neither_draft_nor_publish_a_notice(
    request, client_fixture, privacy_officer_client
):
    draft = _draft_notice(privacy_officer_client)
    staff_client = request.getfixturevalue(client_fixture)
    assert staff_client.post(DRAFT_NOTICE).status_code == 403
    assert staff_client.post(f"{CHANGELIST}{draft.pk}/publish/").status_code == 403
    assert RegisterDescription.objects.filter(status="draft").count() == 1
    assert not RegisterDescription.objects.get(pk=draft.pk).is_published


def test_anonymous_visitors_cannot_draft_a_notice(client, db):
    response = client.post(DRAFT_NOTICE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not RegisterDescription.objects.filter(status="draft").exists()


def test_drafting_a_notice_is_only_by_post(privacy_officer_client):
    assert privacy_officer_client.get(DRAFT_NOTICE).status_code == 405
    assert not RegisterDescription.objects.filter(status="draft").exists()
