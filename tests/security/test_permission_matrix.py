"""Every admin page and download, for every role, generated from the URL configuration.

The expected answer comes from the policy below, written independently of the groups'
data migration; a URL the policy does not classify fails the test, so a new page cannot be
left out.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tasks_db.models import DBTaskResult, get_date_max

from customers.models import MailImport
from jobs.models import Job
from privacy.lifecycle.models import Restriction
from privacy.models import (
    AccessRequestPackage,
    AccessRequestScan,
    AuditEntry,
    RegisterDescription,
    VisitCounterSettings,
    VisitDay,
)
from privacy.requests.workflow import stamp
from privacy.staff.groups import CUSTOMER_SERVICE, PRIVACY_OFFICER, SALES
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, ProductFactory
from tests.privacy.factories import AccessRequestFactory, compiled_access_request

ANONYMOUS, NO_GROUP, SUPERUSER = "anonymous", "staff without group", "superuser"
ROLES = [ANONYMOUS, NO_GROUP, CUSTOMER_SERVICE, SALES, PRIVACY_OFFICER, SUPERUSER]

VIEW = {"view"}
ALL = {"view", "add", "change", "delete"}

# What each group may do, by model: the register's access policy.
POLICY: dict[str, dict[str, set[str]]] = {
    CUSTOMER_SERVICE: {
        "customers.contact": ALL,
        "customers.customer": ALL,
        "customers.supportemail": ALL,
        "customers.analyticsevent": VIEW,
        "customers.mailimport": {"view", "add"},
        "jobs.job": {"view", "change"},
        # "Where is my order?"
        "orders.order": VIEW,
        "orders.product": VIEW,
    },
    SALES: {
        "orders.product": ALL,
        "orders.order": ALL,
        # A new customer is brought in by sales; removing one is customer service's work.
        "customers.customer": VIEW | {"add", "change"},
        "customers.contact": VIEW | {"add", "change"},
    },
    PRIVACY_OFFICER: {
        "customers.contact": VIEW,
        "customers.customer": VIEW,
        "customers.supportemail": VIEW,
        "customers.analyticsevent": VIEW,
        "orders.product": VIEW,
        "orders.order": VIEW,
        "privacy.registerdescription": ALL,
        "privacy.visitcountersettings": ALL,
        "privacy.visitday": ALL,
        "privacy.auditentry": ALL,
        "privacy.accessrequest": ALL,
        "privacy.accessrequestpackage": ALL,
        "customers.mailimport": VIEW,
        "jobs.job": {"view", "change"},
        "privacy.restriction": ALL,
    },
}

# What the admin refuses to everybody, superusers included, whatever the permissions.
NEVER: dict[str, set[str]] = {
    "axes.accessattempt": {"add"},
    "axes.accesslog": {"add"},
    "axes.accessfailurelog": {"add"},
    # The row the matrix opens is the published version: read-only for good.
    "privacy.registerdescription": {"change", "delete"},
    "privacy.auditentry": {"add", "change", "delete"},
    "privacy.visitday": {"add", "change", "delete"},
    "privacy.visitcountersettings": {"add", "delete"},
    # A request is kept once logged; an answer package is written once and never changed.
    "privacy.accessrequest": {"delete"},
    "privacy.accessrequestpackage": {"add", "change", "delete"},
    # An upload is imported as it was; a job is queued by the register, never by hand.
    "customers.mailimport": {"change", "delete"},
    "jobs.job": {"add", "delete"},
    # Restrictions are set by the steps of requests and lifted by apply_retention only.
    "privacy.restriction": {"add", "change", "delete"},
}

# Pages of the admin site itself: what each signed-in staff role gets.
SITE_PAGES = {
    "admin:index": 200,
    "admin:password_change": 200,
    "admin:password_change_done": 200,
    "admin:jsi18n": 200,
}
# Not pages to look at: the login and logout forms, and redirects that need arguments.
NOT_CHECKED = {"admin:login", "admin:logout", "admin:view_on_site", "admin:app_list"}


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def admin_url_names() -> set[str]:
    return {name for name in walk(get_resolver().url_patterns) if name.startswith("admin:")}


def model_views() -> dict[str, tuple[str, str]]:
    """{"admin:<app>_<model>_<view>": (model label, view)} of every registered ModelAdmin."""
    views = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for view in ("changelist", "add", "change", "delete", "history"):
            views[f"{prefix}_{view}"] = (label, view)
    return views


def custom_views(objects) -> dict[str, tuple[str, dict, dict[str, int]]]:
    """Admin views beyond the standard ones: (method, URL kwargs, {role: status})."""
    description = objects["privacy.registerdescription"].pk
    device = objects["otp_totp.totpdevice"].pk
    access_request = objects["privacy.accessrequest"].pk
    package = objects["privacy.accessrequestpackage"].pk
    scan = objects["privacy.accessrequestscan"].pk
    officer_only = {CUSTOMER_SERVICE: 403, SALES: 403, NO_GROUP: 403}
    # The pages of one access request's workflow, open to privacy officers only.
    request_pages = [
        "scan",
        "signed_request_letter",
        "find_data",
        "verify",
        "extend",
        "answer",
        "refuse",
        "erase",
        "rectify",
        "restrict",
    ]
    return {
        **{
            f"admin:privacy_accessrequest_{name}": (
                "get",
                {"pk": access_request},
                {**officer_only, PRIVACY_OFFICER: 200, SUPERUSER: 200},
            )
            for name in request_pages
        },
        # The matrix's request is neither extended, refused nor carried out: the letter page
        # says so.
        **{
            f"admin:privacy_accessrequest_{name}": (
                "get",
                {"pk": access_request},
                {**officer_only, PRIVACY_OFFICER: 302, SUPERUSER: 302},
            )
            for name in ("extension_letter", "refusal_letter", "outcome_letter")
        },
        "admin:privacy_accessrequest_scan_file": (
            "get",
            {"pk": access_request, "scan_pk": scan},
            {**officer_only, PRIVACY_OFFICER: 200, SUPERUSER: 200},
        ),
        # The matrix's request is not ready for either: refused back to the request's page,
        # as test_steps_on_a_request_not_ready_are_refused_and_change_nothing shows.
        "admin:privacy_accessrequest_compile": (
            "post",
            {"pk": access_request},
            {**officer_only, PRIVACY_OFFICER: 302, SUPERUSER: 302},
        ),
        "admin:privacy_accessrequest_review": (
            "post",
            {"pk": access_request},
            {**officer_only, PRIVACY_OFFICER: 302, SUPERUSER: 302},
        ),
        "admin:privacy_accessrequestpackage_download": (
            "get",
            {"pk": package, "part": "letter"},
            {**officer_only, PRIVACY_OFFICER: 200, SUPERUSER: 200},
        ),
        "admin:privacy_registerdescription_preview": (
            "get",
            {"pk": description, "language": "fi"},
            {**officer_only, PRIVACY_OFFICER: 200, SUPERUSER: 200},
        ),
        "admin:privacy_registerdescription_publish": (
            "get",
            {"pk": description},
            # The migration's version is published already: nobody may publish it again.
            {**officer_only, PRIVACY_OFFICER: 403, SUPERUSER: 403},
        ),
        "admin:privacy_registerdescription_new_draft": (
            "post",
            {"pk": description},
            {**officer_only, PRIVACY_OFFICER: 302, SUPERUSER: 302},
        ),
        "admin:privacy_registerdescription_draft_notice": (
            "post",
            {},
            {**officer_only, PRIVACY_OFFICER: 302, SUPERUSER: 302},
        ),
        "admin:auth_user_password_change": (
            "get",
            {"id": objects["auth.user"].pk},
            {**officer_only, PRIVACY_OFFICER: 403, SUPERUSER: 200},
        ),
        "admin:otp_totp_totpdevice_config": (
            "get",
            {"pk": device},
            {**officer_only, PRIVACY_OFFICER: 403, SUPERUSER: 200},
        ),
        "admin:otp_totp_totpdevice_qrcode": (
            "get",
            {"pk": device},
            {**officer_only, PRIVACY_OFFICER: 403, SUPERUSER: 200},
        ),
        "admin:customers_mailimport_fetch_mailbox": (
            "post",
            {},
            {
                CUSTOMER_SERVICE: 302,
                SALES: 403,
                PRIVACY_OFFICER: 403,
                SUPERUSER: 302,
                NO_GROUP: 403,
            },
        ),
        "admin:autocomplete": (
            "get",
            {},
            # Asked as the order form asks for a customer: needs view on customers.
            {
                CUSTOMER_SERVICE: 200,
                SALES: 200,
                PRIVACY_OFFICER: 200,
                SUPERUSER: 200,
                NO_GROUP: 403,
            },
        ),
    }


AUTOCOMPLETE_QUERY = "?app_label=orders&model_name=order&field_name=customer&term=a"


def build_objects() -> dict:
    """One row of every registered model, for the pages that show one."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    staff = StaffUserFactory(username="matrix.target")
    access_request = AccessRequestFactory()
    return {
        "customers.contact": ContactFactory(),
        "customers.customer": CustomerFactory(),
        "customers.supportemail": SupportEmailFactory(),
        "customers.analyticsevent": AnalyticsEventFactory(),
        "orders.product": ProductFactory(),
        "orders.order": OrderFactory(),
        "privacy.registerdescription": RegisterDescription.objects.get(
            effective_date=datetime.date(2013, 10, 1)
        ),
        "privacy.visitcountersettings": VisitCounterSettings.objects.get(),
        "privacy.visitday": VisitDay.objects.create(date=datetime.date(2026, 1, 1), count=3),
        "privacy.auditentry": AuditEntry.objects.create(username="x", action="view"),
        "auth.user": staff,
        "auth.group": Group.objects.get(name=SALES),
        "axes.accessattempt": AccessAttempt.objects.create(
            username="x", ip_address="192.0.2.1", user_agent="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(
            username="x", ip_address="192.0.2.1", user_agent=""
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="x", ip_address="192.0.2.1", user_agent=""
        ),
        "otp_totp.totpdevice": TOTPDevice.objects.create(user=staff, name="phone"),
        "otp_static.staticdevice": StaticDevice.objects.create(user=staff, name="codes"),
        "privacy.accessrequest": access_request,
        "privacy.accessrequestscan": AccessRequestScan.objects.create(
            access_request=access_request, file=access_request.scan.name
        ),
        "privacy.accessrequestpackage": compiled_access_request().package,
        "customers.mailimport": MailImport.objects.create(original_name="postia.mbox"),
        "jobs.job": Job.objects.get(
            pk=DBTaskResult.objects.create(
                args_kwargs={"args": [], "kwargs": {}},
                task_path="customers.mail.tasks.mailbox_fetch_task",
                backend_name="default",
                run_after=get_date_max(),
            ).pk
        ),
        "privacy.restriction": Restriction.objects.create(
            data="customers.contact", object_id="999999", reason="restriction"
        ),
    }


def expected_for_model_view(role: str, label: str, view: str) -> int:
    if role == ANONYMOUS:
        return 302
    allowed = ALL if role == SUPERUSER else POLICY.get(role, {}).get(label, set())
    allowed = allowed - NEVER.get(label, set())
    if view in ("changelist", "change", "history"):
        # The change page shows the record read-only to those who may only view it.
        return 200 if allowed & {"view", "change"} else 403
    return 200 if view in allowed else 403


@pytest.fixture
def role_clients(client):
    users = {
        NO_GROUP: StaffUserFactory(),
        CUSTOMER_SERVICE: StaffUserFactory(groups=[CUSTOMER_SERVICE]),
        SALES: StaffUserFactory(groups=[SALES]),
        PRIVACY_OFFICER: StaffUserFactory(groups=[PRIVACY_OFFICER]),
        SUPERUSER: StaffUserFactory(is_superuser=True),
    }
    clients = {ANONYMOUS: client}
    for role, user in users.items():
        from django.test import Client

        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def test_every_admin_url_is_classified(db):
    objects = build_objects()
    classified = set(model_views()) | set(custom_views(objects)) | set(SITE_PAGES) | NOT_CHECKED
    unclassified = admin_url_names() - classified
    assert not unclassified, f"add these admin URLs to the permission matrix: {unclassified}"


@pytest.mark.django_db
def test_each_role_gets_exactly_what_the_policy_allows(role_clients):
    objects = build_objects()
    failures = []

    def check(role, url, expected, method="get", data=None):
        response = getattr(role_clients[role], method)(url, data)
        if response.status_code != expected:
            failures.append(f"{role} {method.upper()} {url}: {response.status_code} != {expected}")
        if role == ANONYMOUS and response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), url

    for name, (label, view) in model_views().items():
        kwargs = {} if view in ("changelist", "add") else {"object_id": objects[label].pk}
        url = reverse(name, kwargs=kwargs)
        for role in ROLES:
            check(role, url, expected_for_model_view(role, label, view))

    for name, (method, kwargs, expected) in custom_views(objects).items():
        url = reverse(name, kwargs=kwargs)
        if name == "admin:autocomplete":
            url += AUTOCOMPLETE_QUERY
        # A step is posted as its page posts it, with the stamp of the request shown.
        data = {"seen": stamp(objects["privacy.accessrequest"])} if method == "post" else None
        for role in ROLES:
            status = 302 if role == ANONYMOUS else expected[role]
            check(role, url, status, method, data)

    for name, status in SITE_PAGES.items():
        url = reverse(name)
        for role in ROLES:
            check(role, url, 302 if role == ANONYMOUS else status)

    assert not failures, "\n".join(failures)


def test_public_pages_are_open_to_everybody(client, db):
    for name in ("description", "description_en", "contact", "contact_en", "access_form"):
        assert client.get(reverse(name)).status_code == 200


# Saving: a role that may only view a record is shown it, and cannot change it.

# The field each view-only POST changes, with a value the form accepts.
EDITS: dict[str, tuple[str, str]] = {
    "customers.contact": ("first_name", "Muutettu"),
    "customers.customer": ("notes", "Muutettu."),
    "customers.supportemail": ("subject", "Muutettu"),
    "customers.analyticsevent": ("path", "/muutettu/"),
    "orders.product": ("name", "Muutettu"),
    "orders.order": ("billing_city", "Muutettu"),
    "customers.mailimport": ("original_name", "muutettu.mbox"),
    "privacy.registerdescription": ("purpose_fi", "<p>Muutettu</p>"),
    "privacy.auditentry": ("username", "muutettu"),
    "privacy.visitday": ("count", "999"),
    "privacy.accessrequestpackage": ("letter_sha256", "0" * 64),
    "privacy.restriction": ("law", "Muutettu"),
}


class _FormValues(HTMLParser):
    """What a browser posts from the form with id `form_id`: name-value pairs in order."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.values: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form":
            self.in_form = attributes.get("id") == self.form_id
        elif not self.in_form or not name and tag != "option" or "disabled" in attributes:
            return
        elif tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.values.append((name, attributes.get("value") or "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.values.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select = {"name": name, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attributes.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attributes:
                self._select["chosen"].append(value)
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            self.values.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            chosen = select["chosen"] or ([] if select["first"] is None else [select["first"]])
            self.values.extend((select["name"], value) for value in chosen)
            self._select = None


def change_form_data(client, url: str, model_name: str) -> dict[str, list[str]]:
    """The change form of the page at `url` as a browser would post it back."""
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _FormValues(f"{model_name}_form")
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


def stored_row(obj) -> dict:
    return type(obj)._default_manager.filter(pk=obj.pk).values().get()


def allowed_for(role: str, label: str) -> set[str]:
    allowed = ALL if role == SUPERUSER else POLICY.get(role, {}).get(label, set())
    return allowed - NEVER.get(label, set())


def view_only_pages() -> list[tuple[str, str]]:
    """(role, model label) of every change page a role is shown without the right to save."""
    labels = sorted({label for label, _view in model_views().values()})
    return [
        (role, label)
        for role in (CUSTOMER_SERVICE, SALES, PRIVACY_OFFICER, SUPERUSER)
        for label in labels
        if "view" in allowed_for(role, label) and "change" not in allowed_for(role, label)
    ]


def test_every_view_only_page_has_an_edit_to_try():
    missing = {label for _role, label in view_only_pages()} - set(EDITS)
    assert not missing, f"add a field to EDITS for {missing}"


@pytest.mark.django_db
def test_a_role_that_may_only_view_a_record_cannot_save_it(role_clients):
    objects = build_objects()
    failures = []
    for role, label in view_only_pages():
        obj = objects[label]
        field, value = EDITS[label]
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        before = stored_row(obj)
        data = change_form_data(role_clients[SUPERUSER], url, obj._meta.model_name)
        data.update({field: [value], "_save": ["Save"]})
        response = role_clients[role].post(url, data)
        if response.status_code != 403:
            failures.append(f"{role} POST {url}: {response.status_code} != 403")
        if stored_row(obj) != before:
            failures.append(f"{role} POST {url}: the {label} row changed")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_same_save_by_a_role_that_may_change_the_record_is_stored(role_clients):
    # The POST the view-only roles are refused is a real save: whoever may change the
    # record saves the edit with it, so the refusal above is the permission's doing.
    objects = build_objects()
    savers = {
        "customers.contact": CUSTOMER_SERVICE,
        "customers.customer": SALES,
        "customers.supportemail": CUSTOMER_SERVICE,
        "customers.analyticsevent": SUPERUSER,
        "orders.product": SALES,
        "orders.order": SALES,
    }
    for label, role in savers.items():
        obj = objects[label]
        field, value = EDITS[label]
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        data = change_form_data(role_clients[role], url, obj._meta.model_name)
        data.update({field: [value], "_save": ["Save"]})
        response = role_clients[role].post(url, data)
        assert response.status_code == 302, (
            label,
            response.context and [form.errors for form in response.context.get("errors", [])],
        )
        assert str(stored_row(obj)[field]) == value, label


# Steps: compile and review posted on a request that is not ready for them.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "needed"), [("compile", "Henkilöllisyys todennettu"), ("review", "Tiedot koottu")]
)
def test_steps_on_a_request_not_ready_are_refused_and_change_nothing(role_clients, step, needed):
    access_request = AccessRequestFactory()
    url = reverse(f"admin:privacy_accessrequest_{step}", kwargs={"pk": access_request.pk})
    change_url = reverse("admin:privacy_accessrequest_change", args=[access_request.pk])
    before = stored_row(access_request)
    seen = stamp(access_request)

    for role in (CUSTOMER_SERVICE, SALES, NO_GROUP):
        assert role_clients[role].post(url, {"seen": seen}).status_code == 403, role
    officers = []
    for role in (PRIVACY_OFFICER, SUPERUSER):
        response = role_clients[role].post(url, {"seen": seen}, follow=True)
        officers.append(response.wsgi_request.user.get_username())
        assert response.redirect_chain == [(change_url, 302)], role
        assert [str(message) for message in response.context["messages"]] == [
            f"Pyynnön {access_request.reference} tila on ”Vastaanotettu”; tämä vaihe "
            f"edellyttää tilaa ”{needed}”."
        ], role

    assert stored_row(access_request) == before
    assert not AccessRequestPackage.objects.filter(access_request=access_request).exists()
    # The admin's history records a step taken; a refused one leaves no entry. The request's
    # page each officer was sent back to shows its personal data, and that read is audited.
    assert not LogEntry.objects.filter(object_id=str(access_request.pk)).exists()
    viewed = AuditEntry.objects.filter(
        action="view", target_model="privacy.AccessRequest", target_id=str(access_request.pk)
    )
    assert sorted(viewed.values_list("username", flat=True)) == sorted(officers)
