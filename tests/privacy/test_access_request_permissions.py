"""Only privacy officers (and superusers) reach access requests, scans and packages."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory, compiled_access_request

pytestmark = pytest.mark.django_db

REQUEST_PAGES = [
    "",
    "add/",
    "{request}/change/",
    "{request}/history/",
    "{request}/scan/",
    "{request}/signed-request-letter/",
    "{request}/find-data/",
    "{request}/verify/",
    "{request}/extend/",
    "{request}/answer/",
    "{request}/refuse/",
]
PACKAGE_PAGES = [
    "",
    "{package}/change/",
    "{package}/download/letter/",
    "{package}/download/export/",
]
GET_PAGES = [f"/admin/privacy/accessrequest/{p}" for p in REQUEST_PAGES] + [
    f"/admin/privacy/accessrequestpackage/{p}" for p in PACKAGE_PAGES
]
POST_PAGES = [
    "/admin/privacy/accessrequest/{request}/compile/",
    "/admin/privacy/accessrequest/{request}/review/",
    "/admin/privacy/accessrequest/{request}/find-data/",
    "/admin/privacy/accessrequest/{request}/verify/",
    "/admin/privacy/accessrequest/{request}/refuse/",
]


@pytest.fixture
def urls():
    """An open request for the pages of one, and a compiled one for its package."""
    open_request = AccessRequestFactory()
    package = compiled_access_request().package

    def fill(template: str) -> str:
        return template.format(request=open_request.pk, package=package.pk)

    return fill


def page_ids(pages):
    return [
        p.split("/admin/privacy/")[1].replace("{", "").replace("}", "") or "list" for p in pages
    ]


get_pages = pytest.mark.parametrize("page", GET_PAGES, ids=page_ids(GET_PAGES))
post_pages = pytest.mark.parametrize("page", POST_PAGES, ids=page_ids(POST_PAGES))
other_staff = pytest.mark.parametrize(
    "client_name", ["customer_service_client", "sales_client", "staff_without_group_client"]
)


@other_staff
@get_pages
def test_other_staff_get_403_on_every_page_and_download(request, urls, client_name, page):
    client: Client = request.getfixturevalue(client_name)
    assert client.get(urls(page)).status_code == 403


@other_staff
@post_pages
def test_other_staff_get_403_on_every_step(request, urls, client_name, page):
    client: Client = request.getfixturevalue(client_name)
    assert client.post(urls(page), {}).status_code == 403


@get_pages
def test_anonymous_visitors_are_sent_to_the_login(client, urls, page):
    response = client.get(urls(page))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@post_pages
def test_anonymous_steps_are_sent_to_the_login(client, urls, page):
    response = client.post(urls(page), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@get_pages
def test_privacy_officer_gets_every_page_and_download(privacy_officer_client, urls, page):
    assert privacy_officer_client.get(urls(page)).status_code == 200


@get_pages
def test_superuser_gets_every_page_and_download(superuser_client, urls, page):
    assert superuser_client.get(urls(page)).status_code == 200


@get_pages
def test_staff_given_the_permissions_outside_the_group_still_get_403(client, urls, page):
    user = StaffUserFactory()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="privacy"))
    client.force_login(user)
    assert client.get(urls(page)).status_code == 403


def test_the_admin_index_lists_access_requests_only_to_privacy_officers(
    privacy_officer_client, customer_service_client
):
    assert "/admin/privacy/accessrequest/" in privacy_officer_client.get("/admin/").content.decode()
    assert (
        "/admin/privacy/accessrequest/"
        not in customer_service_client.get("/admin/").content.decode()
    )
