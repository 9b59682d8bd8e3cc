"""Hostile and garbage input: form errors or a clean save, never a server error or half a save.

Property-based with Hypothesis. Every admin add and change form of the register is posted by
a superuser with values drawn from a pool of garbage: oversized text, NUL bytes, emoji,
right-to-left marks, SQL- and HTML-looking text, NaN and Infinity for decimals, impossible
dates, numbers far out of range, missing fields and broken inline management forms. The
admin must answer with the form and its errors (200) or save and redirect (302); after a
200 the rows of the model and of its inlines are exactly as before.

Each example runs in a savepoint that is rolled back, so every example starts from the same
register. Examples are bounded so that the file runs in well under a minute.

Inputs that once crashed a page are also pinned by explicit tests below, each naming the
cause, so that the case is tried on every run and not only when Hypothesis draws it.
"""

import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal

import hypothesis
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, assume, given
from hypothesis import strategies as st

from customers.demo import MAX_CONTACTS
from customers.models import AnalyticsEvent, Contact, Customer, CustomerContact, SupportEmail
from customers.validators import normalize_business_id, normalize_phone
from orders.models import Order, OrderLine, Product
from orders.vat import VAT_RATES, compute_totals, line_net, round_cents
from privacy.description.services import description_create_draft
from privacy.models import AccessRequest, AccessRequestExtension, AuditEntry, RegisterDescription
from privacy.requests.services import access_request_review
from privacy.requests.workflow import stamp
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    compiled_access_request,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
)

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"

FORM_EXAMPLES = hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PURE_EXAMPLES = hypothesis.settings(max_examples=200, deadline=None)
COMMAND_EXAMPLES = hypothesis.settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# The pool of garbage

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "nul\x00byte",
    "\r\n",
    "\t\t",
    "\u202eevil.exe\u202c",
    "\u200f\u200e\u061c",
    "\ufeff",
    "😀🇫🇮👩‍👩‍👧",
    "Z̸̢͈a̴͓l̵̟g̶͚o̷̱",
    "' OR '1'='1",
    "1; DROP TABLE customers_contact; --",
    "%",
    "_",
    "\\",
    "%00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request }}{% debug %}",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e999999",
    "1E+999999999",
    "-1",
    "-0.01",
    "0",
    "1e-999999",
    "0x10",
    "1_000",
    "١٢٣",
    "9" * 40,
    "-" + "9" * 40,
    "9.999999999999999999999",
    "2025-02-30",
    "0001-01-01",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "24:00:00",
    "23:59:60",
    "on",
    "true",
    "null",
    "[]",
    "{}",
]
# Strings that can travel in a form: an HTTP body is UTF-8, which has no lone surrogates.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
OVERSIZED = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["x", "ä", "😀", "9", "<>", "\u202e", "\x00", "a b"]),
    st.sampled_from([201, 301, 10_000]),
)
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    ANY_TEXT,
    OVERSIZED,
    st.integers().map(str),
    st.decimals().map(str),
    st.floats().map(str),
)
# Ids of autocomplete fields: numbers in and far beyond the database's range, and garbage.
IDS = st.one_of(st.just(""), st.integers().map(str), HOSTILE)
# Any JSON object Python can write, NaN, Infinity, NUL and lone surrogates included.
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
JSON_KEYS = st.text(max_size=8)
JSON_OBJECTS = st.dictionaries(
    JSON_KEYS,
    st.recursive(
        JSON_SCALARS,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(JSON_KEYS, children, max_size=4)
        ),
        max_leaves=20,
    ),
    max_size=6,
)
MISSING = object()


@contextmanager
def rolled_back() -> Iterator[None]:
    """Undo everything the block writes, so the next example starts from the same rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def rows(admin_models: tuple[type[Model], ...]) -> dict[str, list[dict]]:
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in admin_models}


# The forms


@dataclass(frozen=True)
class AdminForm:
    """One admin add or change form: a valid submission, and what may be corrupted in it."""

    url: str
    valid: dict[str, str] = field(repr=False)
    models: tuple[type[Model], ...] = field(repr=False)
    # Fields that take any garbage, autocomplete fields that take ids, and fields with a
    # strategy of their own.
    free: list[str] = field(repr=False)
    ids: list[str] = field(default_factory=list, repr=False)
    special: dict[str, st.SearchStrategy] = field(default_factory=dict, repr=False)

    def corruptions(self) -> st.SearchStrategy[list[tuple[str, object]]]:
        """One to four fields changed to garbage, or left out of the submission."""
        fields = {name: HOSTILE | st.just(MISSING) for name in self.free}
        fields.update({name: IDS | st.just(MISSING) for name in self.ids})
        fields.update(self.special)
        change = st.sampled_from(sorted(fields)).flatmap(
            lambda name: st.tuples(st.just(name), fields[name])
        )
        return st.lists(change, min_size=1, max_size=4)

    def post(self, client: Client, changes: list[tuple[str, object]]):
        data = dict(self.valid)
        for name, value in changes:
            if value is MISSING:
                data.pop(name, None)
            else:
                data[name] = value
        # Bytes are posted as an uploaded file; a new one each time, as a file is read once.
        data = {
            name: SimpleUploadedFile(f"{name}.bin", value) if isinstance(value, bytes) else value
            for name, value in data.items()
        }
        return client.post(self.url, data)


def management(prefix: str, total: int = 0, initial: int = 0, max_num: int = 1000) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(max_num),
    }


def management_fields(*prefixes: str) -> list[str]:
    return [f"{p}-{n}" for p in prefixes for n in ("TOTAL_FORMS", "INITIAL_FORMS")]


CONTACT_FIELDS = [
    "first_name",
    "last_name",
    "preferred_language",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "city",
    "country",
    "source",
]


def contact_values() -> dict[str, str]:
    return {
        "first_name": "Kaisa",
        "last_name": "Heikkinen",
        "preferred_language": "fi",
        "email": "kaisa.heikkinen@example.com",
        "phone": "040 765 4321",
        "street_address": "Puijonkatu 7",
        "postal_code": "70100",
        "city": "Kuopio",
        "country": "FI",
        "source": "customer_service",
    }


def contact_add() -> AdminForm:
    customer = CustomerFactory()
    return AdminForm(
        url=reverse("admin:customers_contact_add"),
        valid={
            **contact_values(),
            **management("customer_roles", total=1),
            "customer_roles-0-customer": str(customer.pk),
            "customer_roles-0-role": "billing",
        },
        free=[*CONTACT_FIELDS, "customer_roles-0-role", *management_fields("customer_roles")],
        ids=["customer_roles-0-customer"],
        models=(Contact, CustomerContact),
    )


def contact_change() -> AdminForm:
    role = CustomerContactFactory()
    return AdminForm(
        url=reverse("admin:customers_contact_change", args=[role.contact.pk]),
        valid={
            **contact_values(),
            **management("customer_roles", total=1, initial=1),
            "customer_roles-0-id": str(role.pk),
            "customer_roles-0-contact": str(role.contact.pk),
            "customer_roles-0-customer": str(role.customer.pk),
            "customer_roles-0-role": "technical",
        },
        free=[
            *CONTACT_FIELDS,
            "customer_roles-0-id",
            "customer_roles-0-contact",
            "customer_roles-0-role",
            "customer_roles-0-DELETE",
            "customer_roles-TOTAL_FORMS",
            "customer_roles-INITIAL_FORMS",
        ],
        ids=["customer_roles-0-customer"],
        models=(Contact, CustomerContact),
    )


CUSTOMER_FIELDS = [
    "customer_number",
    "kind",
    "company_name",
    "business_id",
    "status",
    "started_on",
    "ended_on",
    "notes",
]
CUSTOMER_MODELS = (Customer, CustomerContact, Order, SupportEmail)


def customer_values(primary_contact: Contact) -> dict[str, str]:
    return {
        "customer_number": "AS-40001",
        "kind": "company",
        "company_name": "Saariston Veneveistämö Ay",
        "business_id": "0737546-2",
        "primary_contact": str(primary_contact.pk),
        "status": "active",
        "started_on": "2025-03-04",
        "ended_on": "",
        "notes": "Soittaa mieluiten aamupäivisin.",
    }


def customer_add() -> AdminForm:
    primary, other = ContactFactory.create_batch(2)
    return AdminForm(
        url=reverse("admin:customers_customer_add"),
        valid={
            **customer_values(primary),
            **management("contact_roles", total=1),
            **management("orders", max_num=0),
            **management("support_emails", max_num=0),
            "contact_roles-0-contact": str(other.pk),
            "contact_roles-0-role": "billing",
        },
        free=[
            *CUSTOMER_FIELDS,
            "contact_roles-0-role",
            *management_fields("contact_roles", "orders", "support_emails"),
        ],
        ids=["primary_contact", "contact_roles-0-contact"],
        models=CUSTOMER_MODELS,
    )


def customer_change() -> AdminForm:
    role = CustomerContactFactory(customer=CustomerFactory(company=True))
    customer = role.customer
    OrderFactory(customer=customer)
    SupportEmailFactory(customer=customer)
    return AdminForm(
        url=reverse("admin:customers_customer_change", args=[customer.pk]),
        valid={
            **customer_values(customer.primary_contact),
            "customer_number": customer.customer_number,
            **management("contact_roles", total=1, initial=1),
            **management("orders", total=1, initial=1, max_num=0),
            **management("support_emails", total=1, initial=1, max_num=0),
            "contact_roles-0-id": str(role.pk),
            "contact_roles-0-customer": str(customer.pk),
            "contact_roles-0-contact": str(role.contact.pk),
            "contact_roles-0-role": "technical",
        },
        free=[
            *CUSTOMER_FIELDS,
            "contact_roles-0-id",
            "contact_roles-0-customer",
            "contact_roles-0-role",
            "contact_roles-0-DELETE",
            "orders-0-DELETE",
            "support_emails-0-DELETE",
            "contact_roles-TOTAL_FORMS",
            "contact_roles-INITIAL_FORMS",
            *management_fields("orders", "support_emails"),
        ],
        ids=["primary_contact", "contact_roles-0-contact"],
        models=CUSTOMER_MODELS,
    )


SUPPORT_EMAIL_FIELDS = [
    "direction",
    "sent_at_0",
    "sent_at_1",
    "message_id",
    "thread_id",
    "from_address",
    "to_addresses",
    "cc_addresses",
    "subject",
    "body_text",
    "handled_by",
]


def support_email_values() -> dict[str, str]:
    customer = CustomerFactory()
    return {
        "direction": "in",
        "sent_at_0": "2025-03-04",
        "sent_at_1": "10:15:00",
        "message_id": "<uusi-viesti-1@mail.example.com>",
        "thread_id": "",
        "from_address": customer.primary_contact.email,
        "to_addresses": "asiakaspalvelu@webstrella.fi",
        "cc_addresses": "",
        "subject": "Laskun eräpäivä",
        "body_text": "Hei,\n\nvoisiko eräpäivää siirtää?\n\nTerveisin",
        "contact": str(customer.primary_contact.pk),
        "customer": str(customer.pk),
        "handled_by": str(StaffUserFactory().pk),
    }


def support_email_add() -> AdminForm:
    return AdminForm(
        url=reverse("admin:customers_supportemail_add"),
        valid=support_email_values(),
        free=SUPPORT_EMAIL_FIELDS,
        ids=["contact", "customer"],
        models=(SupportEmail,),
    )


def support_email_change() -> AdminForm:
    email = SupportEmailFactory()
    return AdminForm(
        url=reverse("admin:customers_supportemail_change", args=[email.pk]),
        valid=support_email_values(),
        free=SUPPORT_EMAIL_FIELDS,
        ids=["contact", "customer"],
        models=(SupportEmail,),
    )


ANALYTICS_FIELDS = ["event_type", "occurred_at_0", "occurred_at_1", "path", "session_hash"]


PROPERTIES = HOSTILE | JSON_OBJECTS.map(json.dumps)


def analytics_values() -> dict[str, str]:
    customer = CustomerFactory()
    return {
        "event_type": "page_view",
        "occurred_at_0": "2025-03-04",
        "occurred_at_1": "10:15:00",
        "path": "/verkkokauppa/tuotteet/",
        "session_hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "contact": str(customer.primary_contact.pk),
        "customer": str(customer.pk),
        "properties": '{"referrer": "https://www.google.fi/"}',
    }


def analytics_event_add() -> AdminForm:
    return AdminForm(
        url=reverse("admin:customers_analyticsevent_add"),
        valid=analytics_values(),
        free=ANALYTICS_FIELDS,
        ids=["contact", "customer"],
        special={"properties": PROPERTIES},
        models=(AnalyticsEvent,),
    )


def analytics_event_change() -> AdminForm:
    event = AnalyticsEventFactory()
    return AdminForm(
        url=reverse("admin:customers_analyticsevent_change", args=[event.pk]),
        valid=analytics_values(),
        free=ANALYTICS_FIELDS,
        ids=["contact", "customer"],
        special={"properties": PROPERTIES},
        models=(AnalyticsEvent,),
    )


PRODUCT_FIELDS = ["name", "sku", "kind", "price", "vat_rate", "is_active"]
PRODUCT_VALUES = {
    "name": "Ylläpitosopimus, tunti",
    "sku": "YLL-1",
    "kind": "other",
    "price": "68.00",
    "vat_rate": "25.5",
    "is_active": "on",
}


def product_add() -> AdminForm:
    return AdminForm(
        url=reverse("admin:orders_product_add"),
        valid=dict(PRODUCT_VALUES),
        free=PRODUCT_FIELDS,
        models=(Product,),
    )


def product_change() -> AdminForm:
    product = ProductFactory()
    return AdminForm(
        url=reverse("admin:orders_product_change", args=[product.pk]),
        valid=dict(PRODUCT_VALUES),
        free=PRODUCT_FIELDS,
        models=(Product,),
    )


ORDER_FIELDS = [
    "number",
    "status",
    "ordered_at_0",
    "ordered_at_1",
    "paid_at_0",
    "paid_at_1",
    "delivered_at_0",
    "delivered_at_1",
    "billing_name",
    "billing_email",
    "billing_street_address",
    "billing_postal_code",
    "billing_city",
    "billing_country",
    "billing_business_id",
]
LINE_TEXT_FIELDS = ["lines-0-description", "lines-0-vat_rate"]


LINE_AMOUNT = HOSTILE | st.just(MISSING)
LINE_AMOUNTS = {"lines-0-quantity": LINE_AMOUNT, "lines-0-unit_price": LINE_AMOUNT}


def order_values(customer: Customer) -> dict[str, str]:
    return {
        "number": "TI-300001",
        "customer": str(customer.pk),
        "status": "paid",
        "ordered_at_0": "2025-03-04",
        "ordered_at_1": "10:00:00",
        "paid_at_0": "2025-03-05",
        "paid_at_1": "08:30:00",
        "delivered_at_0": "",
        "delivered_at_1": "",
        "billing_name": "",
        "billing_email": "",
        "billing_street_address": "",
        "billing_postal_code": "",
        "billing_city": "",
        "billing_country": "FI",
        "billing_business_id": "",
    }


def order_add() -> AdminForm:
    customer, product = CustomerFactory(company=True), ProductFactory()
    return AdminForm(
        url=reverse("admin:orders_order_add"),
        valid={
            **order_values(customer),
            **management("lines", total=1),
            "lines-0-product": str(product.pk),
            "lines-0-description": "",
            "lines-0-quantity": "2",
            "lines-0-unit_price": "",
            "lines-0-vat_rate": "",
        },
        free=[*ORDER_FIELDS, *LINE_TEXT_FIELDS, *management_fields("lines")],
        ids=["customer", "lines-0-product"],
        special=LINE_AMOUNTS,
        models=(Order, OrderLine),
    )


def order_change() -> AdminForm:
    line = OrderLineFactory(order=OrderFactory(customer=CustomerFactory(company=True)))
    order = line.order
    return AdminForm(
        url=reverse("admin:orders_order_change", args=[order.pk]),
        valid={
            **order_values(order.customer),
            "number": order.number,
            **management("lines", total=1, initial=1),
            "lines-0-id": str(line.pk),
            "lines-0-order": str(order.pk),
            "lines-0-product": str(line.product_id),
            "lines-0-description": line.description,
            "lines-0-quantity": "3",
            "lines-0-unit_price": "15.00",
            "lines-0-vat_rate": "14",
        },
        free=[
            *ORDER_FIELDS,
            *LINE_TEXT_FIELDS,
            *(f"lines-0-{n}" for n in ("id", "order", "DELETE")),
            *management_fields("lines"),
        ],
        ids=["customer", "lines-0-product"],
        special=LINE_AMOUNTS,
        models=(Order, OrderLine),
    )


DESCRIPTION_FIELDS = [
    field.name
    for field in RegisterDescription._meta.concrete_fields
    if field.editable and field.name != "id"
]


def description_values(draft: RegisterDescription) -> dict[str, str]:
    values = {name: getattr(draft, name) for name in DESCRIPTION_FIELDS}
    values["effective_date"] = "2025-06-01"
    return {name: "" if value is None else str(value) for name, value in values.items()}


def description_add() -> AdminForm:
    template = RegisterDescription.objects.get(status="published")
    return AdminForm(
        url=reverse("admin:privacy_registerdescription_add"),
        valid=description_values(template),
        free=DESCRIPTION_FIELDS,
        models=(RegisterDescription,),
    )


def description_change() -> AdminForm:
    published = RegisterDescription.objects.get(status="published")
    draft = description_create_draft(created_by=StaffUserFactory(), based_on=published)
    return AdminForm(
        url=reverse("admin:privacy_registerdescription_change", args=[draft.pk]),
        valid=description_values(draft),
        free=DESCRIPTION_FIELDS,
        models=(RegisterDescription,),
    )


ACCESS_REQUEST_FIELDS = [
    "requester_name",
    "street_address",
    "postal_code",
    "city",
    "country",
    "language",
    "email",
    "phone",
    "customer_number",
    "letter_date",
    "received_on",
    "is_signed",
]
# What may arrive as the scan of a letter: real scans, their fragments, and other files.
SCANS = st.one_of(
    st.sampled_from([pdf_bytes(), jpeg_bytes(), png_bytes()]),
    st.sampled_from([pdf_bytes()[:50], png_bytes()[:40], b"", b"%PDF-1.7", b"GIF89a\x01"]),
    st.binary(max_size=2048),
    HOSTILE,
)


def access_request_add() -> AdminForm:
    return AdminForm(
        url=reverse("admin:privacy_accessrequest_add"),
        valid={
            "requester_name": "Aino Korhonen",
            "street_address": "Hämeenkatu 5",
            "postal_code": "33100",
            "city": "Tampere",
            "country": "FI",
            "language": "fi",
            "email": "aino.korhonen@example.com",
            "phone": "040 123 4567",
            "customer_number": "",
            "letter_date": "2025-03-01",
            "received_on": "2025-03-04",
            "scan": png_bytes(),
            "is_signed": "on",
        },
        free=ACCESS_REQUEST_FIELDS,
        special={"scan": SCANS | st.just(MISSING)},
        models=(AccessRequest,),
    )


def access_request_step(step: str, access_request: AccessRequest, valid: dict) -> AdminForm:
    # The stamp of the request the form was made from, as its page carries it.
    valid = {**valid, "seen": stamp(access_request)}
    return AdminForm(
        url=reverse(f"admin:privacy_accessrequest_{step}", args=[access_request.pk]),
        valid=valid,
        free=list(valid),
        models=(AccessRequest, AccessRequestExtension),
    )


def access_request_verify() -> AdminForm:
    valid = {"method": "register_details", "notes": "Allekirjoitus ja osoite täsmäävät."}
    return access_request_step("verify", AccessRequestFactory(), valid)


def access_request_extend() -> AdminForm:
    valid = {"months": "1", "reason": "Tietoja on paljon ja useassa järjestelmässä."}
    return access_request_step("extend", AccessRequestFactory(), valid)


def access_request_answer() -> AdminForm:
    access_request = compiled_access_request()
    access_request_review(
        access_request=access_request, reviewed_by=StaffUserFactory(groups=[PRIVACY_OFFICER])
    )
    valid = {"answered_on": access_request.received_on.isoformat(), "channel": "post"}
    return access_request_step("answer", access_request, valid)


def access_request_refuse() -> AdminForm:
    valid = {"reason": "Pyyntö on ilmeisen perusteeton."}
    return access_request_step("refuse", AccessRequestFactory(), valid)


FORMS: dict[str, Callable[[], AdminForm]] = {
    "contact_add": contact_add,
    "contact_change": contact_change,
    "customer_add": customer_add,
    "customer_change": customer_change,
    "supportemail_add": support_email_add,
    "supportemail_change": support_email_change,
    "analyticsevent_add": analytics_event_add,
    "analyticsevent_change": analytics_event_change,
    "product_add": product_add,
    "product_change": product_change,
    "order_add": order_add,
    "order_change": order_change,
    "registerdescription_add": description_add,
    "registerdescription_change": description_change,
    "accessrequest_add": access_request_add,
    "accessrequest_verify": access_request_verify,
    "accessrequest_extend": access_request_extend,
    "accessrequest_answer": access_request_answer,
    "accessrequest_refuse": access_request_refuse,
}


@pytest.fixture(params=FORMS)
def admin_form(request) -> AdminForm:
    return FORMS[request.param]()


def assert_form_errors_or_a_clean_save(client: Client, form: AdminForm, changes) -> None:
    with rolled_back():
        before = rows(form.models)
        response = form.post(client, changes)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("admin:login"))
        else:
            assert rows(form.models) == before, "a refused form changed the register"


def test_the_valid_submission_of_each_form_saves(superuser_client, admin_form):
    # The properties below start from these submissions; were they refused already, the
    # properties would prove nothing.
    with rolled_back():
        response = admin_form.post(superuser_client, [])
        assert response.status_code == 302, response.context["adminform"].form.errors


@FORM_EXAMPLES
@given(data=st.data())
def test_hostile_values_give_form_errors_or_a_clean_save(superuser_client, admin_form, data):
    changes = data.draw(admin_form.corruptions(), label="changes")
    assert_form_errors_or_a_clean_save(superuser_client, admin_form, changes)


@pytest.mark.parametrize("name", ["contact_add", "customer_change", "order_add"])
def test_every_field_at_ten_thousand_characters_gives_form_errors(superuser_client, name):
    form = FORMS[name]()
    changes = [(field_name, "ä" * 10_000) for field_name in (*form.free, *form.special)]
    assert_form_errors_or_a_clean_save(superuser_client, form, changes)


def test_a_form_posted_empty_gives_form_errors(superuser_client, admin_form):
    with rolled_back():
        before = rows(admin_form.models)
        response = superuser_client.post(admin_form.url, {})
        assert response.status_code == 200
        assert rows(admin_form.models) == before


# Inputs that once crashed a page, each tried on every run

AUTOCOMPLETE_FIELDS = [
    ("contact_add", "customer_roles-0-customer"),
    ("customer_add", "primary_contact"),
    ("customer_change", "contact_roles-0-contact"),
    ("supportemail_add", "contact"),
    ("analyticsevent_add", "customer"),
    ("order_add", "customer"),
    ("order_add", "lines-0-product"),
]


@pytest.mark.parametrize(("name", "field_name"), AUTOCOMPLETE_FIELDS)
def test_a_non_numeric_id_in_an_autocomplete_field_is_a_form_error(
    superuser_client, name, field_name
):
    form = FORMS[name]()
    assert_form_errors_or_a_clean_save(superuser_client, form, [(field_name, "1 OR 1=1")])


def test_an_id_beyond_64_bits_in_an_autocomplete_field_is_a_form_error(superuser_client):
    form = customer_add()
    assert_form_errors_or_a_clean_save(superuser_client, form, [("primary_contact", "9" * 40)])


@pytest.mark.parametrize("properties", ['{"a": NaN}', '{"a": Infinity}', '{"a": -1e999}'])
def test_non_finite_numbers_in_analytics_properties_are_a_form_error(superuser_client, properties):
    assert_form_errors_or_a_clean_save(
        superuser_client, analytics_event_add(), [("properties", properties)]
    )


@pytest.mark.parametrize("properties", ['{"a": "\\ud800"}', '{"\\udfff": 1}'])
def test_a_lone_surrogate_in_analytics_properties_is_a_form_error(superuser_client, properties):
    assert_form_errors_or_a_clean_save(
        superuser_client, analytics_event_add(), [("properties", properties)]
    )


@pytest.mark.parametrize(
    "properties",
    ['{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"a": ' + "9" * 10_000 + "}"],
    ids=["deep-nesting", "huge-number"],
)
def test_analytics_properties_the_parser_chokes_on_are_a_form_error(superuser_client, properties):
    assert_form_errors_or_a_clean_save(
        superuser_client, analytics_event_add(), [("properties", properties)]
    )


@pytest.mark.parametrize("properties", ['{"a": "nul\\u0000"}', '{"nul\\u0000": 1}'])
def test_an_escaped_nul_in_analytics_properties_is_a_form_error(superuser_client, properties):
    assert_form_errors_or_a_clean_save(
        superuser_client, analytics_event_add(), [("properties", properties)]
    )


@pytest.mark.parametrize("field_name", ["lines-0-quantity", "lines-0-unit_price"])
def test_a_negative_amount_on_a_saved_order_line_is_a_form_error(superuser_client, field_name):
    assert_form_errors_or_a_clean_save(superuser_client, order_change(), [(field_name, "-1")])


@pytest.mark.parametrize(
    ("name", "field_name"),
    [
        ("order_add", "lines-0-quantity"),
        ("order_change", "lines-0-quantity"),
        ("order_change", "lines-0-unit_price"),
    ],
)
def test_a_signalling_nan_on_an_order_line_is_a_form_error(superuser_client, name, field_name):
    assert_form_errors_or_a_clean_save(superuser_client, FORMS[name](), [(field_name, "sNaN")])


@pytest.mark.parametrize(
    ("name", "field_name"),
    [
        ("supportemail_add", "sent_at"),
        ("analyticsevent_add", "occurred_at"),
        ("order_add", "ordered_at"),
    ],
)
def test_a_time_in_the_first_hours_of_year_one_is_a_form_error(superuser_client, name, field_name):
    changes = [(f"{field_name}_0", "0001-01-01"), (f"{field_name}_1", "00:00:00")]
    assert_form_errors_or_a_clean_save(superuser_client, FORMS[name](), changes)


def test_a_role_saved_meanwhile_by_a_colleague_is_a_form_error(superuser_client):
    contact, customer = ContactFactory(), CustomerFactory()
    url = reverse("admin:customers_contact_change", args=[contact.pk])
    form = AdminForm(
        url=url,
        valid={
            **contact_values(),
            **management("customer_roles", total=1),
            "customer_roles-0-customer": str(customer.pk),
            "customer_roles-0-role": "billing",
        },
        models=(Contact, CustomerContact),
        free=[],
    )
    # The page was opened before a colleague added the same role.
    CustomerContactFactory(contact=contact, customer=customer)
    assert_form_errors_or_a_clean_save(superuser_client, form, [])


# Searches


SEARCHABLE = [
    "admin:customers_contact_changelist",
    "admin:customers_customer_changelist",
    "admin:customers_supportemail_changelist",
    "admin:customers_analyticsevent_changelist",
    "admin:orders_product_changelist",
    "admin:orders_order_changelist",
    "admin:privacy_auditentry_changelist",
]
SEARCH_TERMS = HOSTILE


@FORM_EXAMPLES
@given(term=SEARCH_TERMS)
@pytest.mark.parametrize("changelist", SEARCHABLE)
def test_a_hostile_search_answers_with_the_list(superuser_client, changelist, term):
    with rolled_back():
        response = superuser_client.get(reverse(changelist), {"q": term})
        assert response.status_code == 200


@FORM_EXAMPLES
@given(term=SEARCH_TERMS)
@pytest.mark.parametrize(
    "source",
    [
        {"app_label": "customers", "model_name": "customer", "field_name": "primary_contact"},
        {"app_label": "orders", "model_name": "order", "field_name": "customer"},
        {"app_label": "orders", "model_name": "orderline", "field_name": "product"},
    ],
    ids=["contact", "customer", "product"],
)
def test_a_hostile_autocomplete_term_answers_with_json(superuser_client, source, term):
    response = superuser_client.get(reverse("admin:autocomplete"), {**source, "term": term})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_with_a_nul_byte_answers_with_the_list(superuser_client, changelist):
    with rolled_back():
        assert superuser_client.get(reverse(changelist), {"q": "virta\x00nen"}).status_code == 200


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_of_a_thousand_words_answers_with_the_list(superuser_client, changelist):
    with rolled_back():
        assert superuser_client.get(reverse(changelist), {"q": "a " * 1000}).status_code == 200


# The pure functions


@PURE_EXAMPLES
@given(value=st.one_of(ANY_TEXT, OVERSIZED, st.sampled_from(HOSTILE_STRINGS)))
def test_normalize_phone_raises_only_validation_error(value):
    try:
        phone = normalize_phone(value)
    except ValidationError:
        return
    assert phone.startswith("+") and phone[1:].isdigit() and phone[1:].isascii()
    assert normalize_phone(phone) == phone


@PURE_EXAMPLES
@given(value=st.one_of(ANY_TEXT, OVERSIZED, st.sampled_from(HOSTILE_STRINGS)))
def test_normalize_business_id_raises_only_validation_error(value):
    try:
        business_id = normalize_business_id(value)
    except ValidationError:
        return
    assert len(business_id) == 9 and business_id[7] == "-"
    assert normalize_business_id(business_id) == business_id


GARBAGE_NUMBERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), -Decimal("Infinity")]),
    st.sampled_from(HOSTILE_STRINGS),
    ANY_TEXT,
    st.lists(st.integers(), max_size=2),
    st.complex_numbers(max_magnitude=10),
)


@PURE_EXAMPLES
@given(quantity=GARBAGE_NUMBERS, unit_price=GARBAGE_NUMBERS)
def test_line_net_raises_only_validation_error(quantity, unit_price):
    try:
        net = line_net(quantity, unit_price)
    except ValidationError:
        return
    assert net == round_cents(net) and net >= 0


@PURE_EXAMPLES
@given(lines=st.lists(st.tuples(GARBAGE_NUMBERS, GARBAGE_NUMBERS, GARBAGE_NUMBERS), max_size=4))
def test_compute_totals_raises_only_validation_error(lines):
    with suppress(ValidationError):
        compute_totals(lines)


AMOUNTS = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
VALID_LINES = st.lists(
    st.tuples(AMOUNTS, AMOUNTS, st.sampled_from(VAT_RATES).map(lambda r: str(r))), max_size=8
)


def is_in_cents(amount: Decimal) -> bool:
    return amount.as_tuple().exponent == -2


@PURE_EXAMPLES
@given(lines=VALID_LINES)
def test_compute_totals_is_the_sum_of_its_groups_in_cents(lines):
    totals = compute_totals(lines)

    rates = [group.rate for group in totals.groups]
    assert rates == sorted(set(rates), reverse=True)
    for group in totals.groups:
        on_this_rate = [line_net(q, p) for q, p, rate in lines if Decimal(rate) == group.rate]
        assert group.net == sum(on_this_rate, Decimal("0.00"))
        assert group.vat == round_cents(group.net * group.rate / 100)
        assert all(map(is_in_cents, (group.net, group.vat, group.gross)))
    assert totals.net == sum((g.net for g in totals.groups), Decimal("0.00"))
    assert totals.vat == sum((g.vat for g in totals.groups), Decimal("0.00"))
    assert totals.gross == totals.net + totals.vat == sum(g.gross for g in totals.groups)
    assert all(map(is_in_cents, (totals.net, totals.vat, totals.gross)))


@pytest.mark.parametrize(
    ("quantity", "unit_price"),
    [(10**30, 1), ("1e40", "1"), (Decimal("1e999999"), Decimal("1e999999"))],
    ids=["int", "text", "overflow"],
)
def test_line_net_refuses_an_amount_beyond_precision_with_validation_error(quantity, unit_price):
    with pytest.raises(ValidationError):
        line_net(quantity, unit_price)


# Management commands

ARGUMENTS = st.text(
    # A command line carries no NUL; lone surrogates (undecodable bytes) are pinned below.
    alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
    max_size=30,
)


def asks_for_help(argument: str) -> bool:
    """`-h`, `--help`, `--version` and their abbreviations print and exit, as they should."""
    return argument.startswith("-h") or (
        len(argument) > 2 and ("--help".startswith(argument) or "--version".startswith(argument))
    )


def is_demo_size(text: str) -> bool:
    try:
        return 1 <= int(text) <= MAX_CONTACTS
    except ValueError:
        return False


@COMMAND_EXAMPLES
@given(contacts=ARGUMENTS | st.integers().map(str), seed=ARGUMENTS | st.integers().map(str))
def test_seed_demo_with_garbage_arguments_gives_command_error(settings, contacts, seed):
    # A count in range would build a register; that is the seed_demo tests' business.
    assume(not is_demo_size(contacts))
    settings.DEBUG = True
    with rolled_back(), pytest.raises(CommandError):
        call_command("seed_demo", f"--contacts={contacts}", f"--seed={seed}")
    assert not Contact.objects.exists()


@COMMAND_EXAMPLES
@given(argument=ARGUMENTS.filter(lambda argument: not argument.startswith("-")))
def test_seed_demo_with_a_stray_argument_gives_command_error(settings, argument):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("seed_demo", "--contacts=1", argument)
    assert not Contact.objects.exists()


def test_seed_demo_without_debug_gives_command_error_even_with_valid_arguments():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--contacts=5", "--seed=1")
    assert not Contact.objects.exists()


@COMMAND_EXAMPLES
@given(username=ARGUMENTS.filter(lambda a: not asks_for_help(a)), replace=st.booleans())
def test_otp_enroll_with_a_garbage_username_gives_command_error(username, replace):
    assume(username.strip().casefold() != "ville.virtanen")
    with rolled_back(), pytest.raises(CommandError):
        StaffUserFactory(username="ville.virtanen")
        call_command("otp_enroll", username, *(["--replace"] if replace else []))


def test_otp_enroll_without_a_username_gives_command_error():
    with pytest.raises(CommandError):
        call_command("otp_enroll")


def test_otp_enroll_with_an_undecodable_username_gives_command_error():
    # Python hands undecodable command-line bytes (here 0xff) over as a lone surrogate.
    username = b"ville\xff".decode("utf-8", "surrogateescape")
    with pytest.raises(CommandError):
        call_command("otp_enroll", username)


DAYS = ARGUMENTS | st.integers().map(str) | st.sampled_from(["1e9", "0x10", "٣", "-0", "+5"])


@COMMAND_EXAMPLES
@given(days=DAYS)
def test_prune_audit_log_with_any_days_prunes_or_gives_command_error(days):
    with rolled_back():
        AuditEntry.objects.create(username="x", action="view")
        try:
            call_command("prune_audit_log", f"--days={days}", stdout=io.StringIO())
        except CommandError:
            assert AuditEntry.objects.count() == 1, "a refused prune erased entries"


@COMMAND_EXAMPLES
@given(days=DAYS)
def test_privacy_deadlines_with_any_days_reports_or_gives_command_error(days):
    with rolled_back(), suppress(CommandError):
        AccessRequestFactory()
        call_command(
            "privacy_deadlines", f"--days={days}", stdout=io.StringIO(), stderr=io.StringIO()
        )
