"""The Finnish catalogue: one translation per message, so that none is lost when it is compiled."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fi" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^(?:msgctxt "(?P<context>.*)"\n)?msgid "(?P<id>.*)"\n', re.MULTILINE)


def test_every_message_is_translated_once_in_its_context():
    # The compiler keeps one of two entries with the same id and context, silently: the
    # other text would then read the wrong translation.
    seen = {}
    repeated = []
    for entry in ENTRY.finditer(CATALOGUE.read_text(encoding="utf-8")):
        key = (entry["context"], entry["id"])
        if key == (None, ""):  # the catalogue's header
            continue
        if key in seen:
            repeated.append(key)
        seen[key] = True
    assert repeated == []


def verbose_name(label: str, field: str) -> str:
    return str(apps.get_model(label)._meta.get_field(field).verbose_name)


def test_a_mailbox_upload_and_a_request_scan_name_their_upload_each_in_its_own_words():
    with translation.override("fi"):
        assert verbose_name("customers.MailImport", "created_at") == "ladattu"
        assert verbose_name("customers.MailImport", "uploaded_by") == "lataaja"
        assert verbose_name("privacy.AccessRequestScan", "uploaded_at") == "tallennettu"
        assert verbose_name("privacy.AccessRequestScan", "uploaded_by") == "tallentaja"
    with translation.override("en"):
        assert verbose_name("customers.MailImport", "created_at") == "uploaded"
        assert verbose_name("privacy.AccessRequestScan", "uploaded_by") == "uploaded by"
