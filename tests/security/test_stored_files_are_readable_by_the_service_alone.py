"""Scans of access-request letters, answer packages and the SQLite database hold personal
data: they are created readable by the service's own user alone (files 0600, folders 0700),
whatever umask the service was started with."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import override_settings
from django.urls import reverse

from privacy.models import AccessRequest
from privacy.requests.uploads import access_request_storage
from tests.privacy.factories import compiled_access_request, pdf_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def folders_between(media_root: Path, path: Path) -> list[Path]:
    folders = []
    for folder in path.parents:
        if folder == media_root:
            break
        folders.append(folder)
    return folders


@pytest.fixture
def media_root(tmp_path):
    root = tmp_path / "private"
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture
def loose_umask():
    # As a service started from a shell usually is: new files 0644, folders 0755.
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def assert_private(media_root: Path, name: str) -> None:
    path = Path(access_request_storage().path(name))
    assert mode(path) == 0o600, name
    folders = folders_between(media_root, path)
    assert folders, name
    for folder in folders:
        assert mode(folder) == 0o700, folder


@pytest.mark.usefixtures("loose_umask")
def test_a_scan_uploaded_in_the_admin_is_private(privacy_officer_client, media_root):
    response = privacy_officer_client.post(
        reverse("admin:privacy_accessrequest_add"),
        {
            "kind": "access",
            "requester_name": "Kaisa Heikkinen",
            "street_address": "Rantakatu 4",
            "postal_code": "90100",
            "city": "Oulu",
            "country": "FI",
            "email": "kaisa.heikkinen@example.fi",
            "letter_date": "2026-11-20",
            "received_on": "2026-11-23",
            "scan": SimpleUploadedFile("kirje.pdf", pdf_bytes()),
            "is_signed": "on",
            "language": "fi",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert_private(media_root, AccessRequest.objects.get().scan.name)


@pytest.mark.usefixtures("loose_umask")
def test_the_files_of_an_answer_package_are_private(media_root):
    access_request = compiled_access_request()
    assert_private(media_root, access_request.scan.name)
    assert_private(media_root, access_request.package.letter.name)
    assert_private(media_root, access_request.package.export.name)


@pytest.mark.usefixtures("loose_umask")
def test_a_large_upload_moved_from_the_temporary_folder_is_private(media_root):
    upload = TemporaryUploadedFile("kirje.pdf", "application/pdf", 0, None)
    upload.write(pdf_bytes())
    upload.flush()
    name = access_request_storage().save("access-requests/scans/iso.pdf", upload)
    upload.close()
    assert_private(media_root, name)


@pytest.mark.usefixtures("loose_umask")
def test_content_written_by_the_service_itself_is_private(media_root):
    name = access_request_storage().save("access-requests/packages/x.zip", ContentFile(b"PK"))
    assert_private(media_root, name)


@pytest.mark.usefixtures("loose_umask")
def test_the_sqlite_database_and_its_folder_are_private(tmp_path):
    var = tmp_path / "var"
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    environment.update(DEBUG="true", VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="webstrella.settings")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    database = var / "db.sqlite3"
    assert database.stat().st_size > 0
    assert mode(database) == 0o600
    assert mode(var) == 0o700
    for sidecar in var.glob("db.sqlite3-*"):
        assert mode(sidecar) == 0o600, sidecar
