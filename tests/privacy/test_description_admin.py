import datetime

import pytest
from django.contrib import messages

from privacy.description.selectors import description_current
from privacy.models import RegisterDescription

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/privacy/registerdescription/"


@pytest.fixture
def first_version(db) -> RegisterDescription:
    return RegisterDescription.objects.get(effective_date=datetime.date(2013, 10, 1))


def start_draft(client, first_version) -> RegisterDescription:
    response = client.post(f"{CHANGELIST}{first_version.pk}/new-draft/")
    assert response.status_code == 302
    return RegisterDescription.objects.get(status="draft")


def draft_form_data(draft: RegisterDescription, **changes) -> dict:
    data = {
        field.name: getattr(draft, field.name)
        for field in RegisterDescription._meta.concrete_fields
        if field.editable and field.name != "id"
    }
    data["effective_date"] = "2025-06-01"
    data.update(changes)
    return {key: ("" if value is None else value) for key, value in data.items()}


def test_a_privacy_officer_drafts_previews_and_publishes_a_new_version(
    privacy_officer_client, privacy_officer, first_version, client
):
    draft = start_draft(privacy_officer_client, first_version)
    assert draft.created_by == privacy_officer
    assert draft.register_name_fi == first_version.register_name_fi

    response = privacy_officer_client.post(
        f"{CHANGELIST}{draft.pk}/change/",
        draft_form_data(draft, purpose_fi="<p>Päivitetty käyttötarkoitus.</p><script>x</script>"),
    )
    assert response.status_code == 302, response.content
    draft.refresh_from_db()
    assert draft.purpose_fi == "<p>Päivitetty käyttötarkoitus.</p>"

    preview = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/preview/fi/")
    assert preview.status_code == 200
    assert "Päivitetty käyttötarkoitus." in preview.content.decode()
    assert "Päivitetty käyttötarkoitus." not in client.get("/").content.decode()

    confirm = privacy_officer_client.get(f"{CHANGELIST}{draft.pk}/publish/")
    assert confirm.status_code == 200
    published = privacy_officer_client.post(f"{CHANGELIST}{draft.pk}/publish/")
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == privacy_officer
    assert description_current() == draft
    assert "Päivitetty käyttötarkoitus." in client.get("/").content.decode()


def test_a_published_version_is_read_only_in_the_admin(privacy_officer_client, first_version):
    page = privacy_officer_client.get(f"{CHANGELIST}{first_version.pk}/change/")
    assert page.status_code == 200
    assert 'name="purpose_fi"' not in page.content.decode()
    response = privacy_officer_client.post(
        f"{CHANGELIST}{first_version.pk}/change/",
        draft_form_data(first_version, purpose_fi="<p>Muutos</p>"),
    )
    assert response.status_code == 403
    assert (
        privacy_officer_client.post(
            f"{CHANGELIST}{first_version.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    first_version.refresh_from_db()
    assert "Muutos" not in first_version.purpose_fi


def test_publishing_with_an_error_shows_it_and_keeps_the_draft(
    privacy_officer_client, first_version
):
    draft = start_draft(privacy_officer_client, first_version)
    draft.effective_date = datetime.date(2010, 1, 1)
    draft.save()
    response = privacy_officer_client.post(f"{CHANGELIST}{draft.pk}/publish/", follow=True)
    errors = [m for m in response.context["messages"] if m.level == messages.ERROR]
    assert len(errors) == 1
    assert "01.10.2013" in str(errors[0])
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.parametrize("client_fixture", ["customer_service_client", "sales_client"])
def test_other_staff_get_403_on_the_register_description(request, client_fixture, first_version):
    staff_client = request.getfixturevalue(client_fixture)
    assert staff_client.get(CHANGELIST).status_code == 403
    assert staff_client.get(f"{CHANGELIST}{first_version.pk}/preview/fi/").status_code == 403
    assert staff_client.post(f"{CHANGELIST}{first_version.pk}/new-draft/").status_code == 403
    assert staff_client.get(f"{CHANGELIST}{first_version.pk}/publish/").status_code == 403
    assert RegisterDescription.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, first_version):
    response = client.get(f"{CHANGELIST}{first_version.pk}/preview/fi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
