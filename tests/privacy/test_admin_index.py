"""The admin index names every app in words staff read, in the admin's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("fi", ["Kirjautumisten lukitus", "Todennussovellukset", "Varakoodit"]),
        ("en", ["Sign-in lockout", "Authenticator apps", "Recovery codes"]),
    ],
)
def test_third_party_apps_have_readable_names(superuser_client, language, names):
    page = superuser_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    for raw in ("OTP_STATIC", "OTP_TOTP", "AXES", "Otp_Static", "Axes"):
        assert raw not in text
    for name in names:
        assert name in text
