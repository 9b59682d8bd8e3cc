"""Garbage posted to the admin's forms: form errors or a clean save, never a server error.

Property-based with Hypothesis. Every admin add and change form of the register, and every
step of an access request, is posted by a superuser with values drawn from the pool of
garbage in `hostile.py`, with missing fields and broken inline management forms besides. The
admin must answer with the form and its errors (200) or save and redirect (302); after a 200
the rows of the model and of its inlines are exactly as before. After a save, an add form
made exactly one row and a change form none, and free text is stored as it was typed (less
the surrounding whitespace every form field strips).

Each example runs in a savepoint that is rolled back, so every example starts from the same
register.

Inputs that once crashed a page are also pinned by explicit tests below, each naming the
cause, so that the case is tried on every run and not only when Hypothesis draws it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import given
from hypothesis import strategies as st

from customers.models import AnalyticsEvent, Contact, Customer, CustomerContact, SupportEmail
from orders.models import Order, OrderLine, Product
from privacy.description.services import description_create_draft
from privacy.models import AccessRequest, AccessRequestExtension, RegisterDescription
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
from tests.security.hostile import HOSTILE, REQUEST_EXAMPLES, rolled_back
from webstrella.admin_inputs import ROW_STAMP_FIELD, row_stamp

pytestmark = pytest.mark.django_db

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
    # Fields of the form's first model that store what was typed, as typed.
    as_typed: tuple[str, ...] = field(default=(), repr=False)

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
        return client.post(self.url, {**self.row_stamp(), **data})

    def row_stamp(self) -> dict[str, str]:
        """A change form carries the stamp of the row it shows, as the page would."""
        match = resolve(self.url)
        if not match.url_name.endswith("_change"):
            return {}
        model = apps.get_model(
            match.url_name.removesuffix("_change").split("_", 1)[0],
            match.url_name.removesuffix("_change").split("_", 1)[1],
        )
        return {ROW_STAMP_FIELD: row_stamp(model, match.kwargs["object_id"])}


def management(prefix: str, total: int = 0, initial: int = 0, max_num: int = 1000) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(max_num),
    }


def management_fields(*prefixes: str) -> list[str]:
    return [f"{p}-{n}" for p in prefixes for n in ("TOTAL_FORMS", "INITIAL_FORMS")]


CONTACT_TEXT = ("first_name", "last_name", "street_address", "city")
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


def contact_with_a_new_role(customer: Customer) -> dict[str, str]:
    return {
        **contact_values(),
        **management("customer_roles", total=1),
        "customer_roles-0-customer": str(customer.pk),
        "customer_roles-0-role": "billing",
    }


def contact_add() -> AdminForm:
    return AdminForm(
        url=reverse("admin:customers_contact_add"),
        valid=contact_with_a_new_role(CustomerFactory()),
        free=[*CONTACT_FIELDS, "customer_roles-0-role", *management_fields("customer_roles")],
        ids=["customer_roles-0-customer"],
        models=(Contact, CustomerContact),
        as_typed=CONTACT_TEXT,
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
        as_typed=CONTACT_TEXT,
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
        as_typed=("notes",),
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
        as_typed=("notes",),
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


def support_email_form(url: str) -> AdminForm:
    return AdminForm(
        url=url,
        valid=support_email_values(),
        free=SUPPORT_EMAIL_FIELDS,
        ids=["contact", "customer"],
        models=(SupportEmail,),
        as_typed=("subject", "body_text"),
    )


def support_email_add() -> AdminForm:
    return support_email_form(reverse("admin:customers_supportemail_add"))


def support_email_change() -> AdminForm:
    email = SupportEmailFactory()
    return support_email_form(reverse("admin:customers_supportemail_change", args=[email.pk]))


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


def analytics_event_form(url: str) -> AdminForm:
    return AdminForm(
        url=url,
        valid=analytics_values(),
        free=ANALYTICS_FIELDS,
        ids=["contact", "customer"],
        special={"properties": PROPERTIES},
        models=(AnalyticsEvent,),
    )


def analytics_event_add() -> AdminForm:
    return analytics_event_form(reverse("admin:customers_analyticsevent_add"))


def analytics_event_change() -> AdminForm:
    event = AnalyticsEventFactory()
    return analytics_event_form(reverse("admin:customers_analyticsevent_change", args=[event.pk]))


PRODUCT_FIELDS = ["name", "sku", "kind", "price", "vat_rate", "is_active"]
PRODUCT_VALUES = {
    "name": "Ylläpitosopimus, tunti",
    "sku": "YLL-1",
    "kind": "other",
    "price": "68.00",
    "vat_rate": "25.5",
    "is_active": "on",
}


def product_form(url: str) -> AdminForm:
    return AdminForm(
        url=url,
        valid=dict(PRODUCT_VALUES),
        free=PRODUCT_FIELDS,
        models=(Product,),
        as_typed=("name",),
    )


def product_add() -> AdminForm:
    return product_form(reverse("admin:orders_product_add"))


def product_change() -> AdminForm:
    product = ProductFactory()
    return product_form(reverse("admin:orders_product_change", args=[product.pk]))


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
# A blank billing field is filled from the customer, so only text typed in one is compared.
ORDER_TEXT = ("billing_name", "billing_street_address", "billing_city")
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
        as_typed=ORDER_TEXT,
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
        as_typed=ORDER_TEXT,
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
    "kind",
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
            "kind": "access",
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
        as_typed=("requester_name", "street_address", "city"),
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


def saved_row(form: AdminForm, before: dict[str, list[dict]]) -> dict | None:
    """The row of the form's first model an add or change form saved; None for a step."""
    main = form.models[0]._meta.label
    after = rows(form.models)[main]
    match = resolve(form.url)
    if match.url_name.endswith("_add"):
        known = {row["id"] for row in before[main]}
        new = [row for row in after if row["id"] not in known]
        assert len(new) == 1, f"an add form saved {len(new)} rows"
        return new[0]
    if match.url_name.endswith("_change"):
        assert len(after) == len(before[main]), "a change form added or removed rows"
        return next(row for row in after if str(row["id"]) == match.kwargs["object_id"])
    return None


def assert_form_errors_or_a_clean_save(client: Client, form: AdminForm, changes) -> None:
    with rolled_back():
        before = rows(form.models)
        response = form.post(client, changes)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("admin:login"))
            row = saved_row(form, before)
            posted = {**form.valid, **dict(changes)}
            for name in form.as_typed:
                value = posted.get(name, MISSING)
                if isinstance(value, str) and value.strip():
                    assert row[name] == value.strip(), (name, value, row[name])
        else:
            assert rows(form.models) == before, "a refused form changed the register"


def error_fields(response) -> set[str]:
    """The fields the page marks as wrong: `name`, `prefix-i-name`, `__all__` and the like."""
    fields = set(response.context["adminform"].form.errors)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.non_form_errors():
            fields.add(f"{formset.prefix}-__all__")
        for index, errors in enumerate(formset.errors):
            fields.update(f"{formset.prefix}-{index}-{name}" for name in errors)
    return fields


def assert_form_error(client: Client, form: AdminForm, changes, expected: set[str] | None) -> None:
    """The form is shown again with errors on exactly the `expected` fields (on some field,
    if None); nothing is saved."""
    with rolled_back():
        before = rows(form.models)
        response = form.post(client, changes)
        assert response.status_code == 200, response.status_code
        if expected is None:
            assert error_fields(response)
        else:
            assert error_fields(response) == expected
        assert rows(form.models) == before, "a refused form changed the register"


def test_the_valid_submission_of_each_form_saves(superuser_client, admin_form):
    # The properties below start from these submissions; were they refused already, the
    # properties would prove nothing.
    with rolled_back():
        response = admin_form.post(superuser_client, [])
        assert response.status_code == 302, response.context["adminform"].form.errors


@REQUEST_EXAMPLES
@given(data=st.data())
def test_hostile_values_give_form_errors_or_a_clean_save(superuser_client, admin_form, data):
    changes = data.draw(admin_form.corruptions(), label="changes")
    assert_form_errors_or_a_clean_save(superuser_client, admin_form, changes)


@pytest.mark.parametrize("name", ["contact_add", "customer_change", "order_add"])
def test_every_field_at_ten_thousand_characters_gives_form_errors(superuser_client, name):
    form = FORMS[name]()
    changes = [(field_name, "ä" * 10_000) for field_name in (*form.free, *form.special)]
    assert_form_error(superuser_client, form, changes, None)


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
    assert_form_error(superuser_client, form, [(field_name, "1 OR 1=1")], {field_name})


def test_an_id_beyond_64_bits_in_an_autocomplete_field_is_a_form_error(superuser_client):
    form = customer_add()
    assert_form_error(superuser_client, form, [("primary_contact", "9" * 40)], {"primary_contact"})


def assert_properties_give_a_form_error(client: Client, properties: str) -> None:
    assert_form_error(client, analytics_event_add(), [("properties", properties)], {"properties"})


@pytest.mark.parametrize("properties", ['{"a": NaN}', '{"a": Infinity}', '{"a": -1e999}'])
def test_non_finite_numbers_in_analytics_properties_are_a_form_error(superuser_client, properties):
    assert_properties_give_a_form_error(superuser_client, properties)


@pytest.mark.parametrize("properties", ['{"a": "\\ud800"}', '{"\\udfff": 1}'])
def test_a_lone_surrogate_in_analytics_properties_is_a_form_error(superuser_client, properties):
    assert_properties_give_a_form_error(superuser_client, properties)


@pytest.mark.parametrize(
    "properties",
    ['{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"a": ' + "9" * 10_000 + "}"],
    ids=["deep-nesting", "huge-number"],
)
def test_analytics_properties_the_parser_chokes_on_are_a_form_error(superuser_client, properties):
    assert_properties_give_a_form_error(superuser_client, properties)


@pytest.mark.parametrize("properties", ['{"a": "nul\\u0000"}', '{"nul\\u0000": 1}'])
def test_an_escaped_nul_in_analytics_properties_is_a_form_error(superuser_client, properties):
    assert_properties_give_a_form_error(superuser_client, properties)


@pytest.mark.parametrize("field_name", ["lines-0-quantity", "lines-0-unit_price"])
def test_a_negative_amount_on_a_saved_order_line_is_a_form_error(superuser_client, field_name):
    assert_form_error(superuser_client, order_change(), [(field_name, "-1")], {field_name})


@pytest.mark.parametrize(
    ("name", "field_name"),
    [
        ("order_add", "lines-0-quantity"),
        ("order_change", "lines-0-quantity"),
        ("order_change", "lines-0-unit_price"),
    ],
)
def test_a_signalling_nan_on_an_order_line_is_a_form_error(superuser_client, name, field_name):
    assert_form_error(superuser_client, FORMS[name](), [(field_name, "sNaN")], {field_name})


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
    assert_form_error(superuser_client, FORMS[name](), changes, {field_name})


def test_a_role_saved_meanwhile_by_a_colleague_is_a_form_error(superuser_client):
    contact, customer = ContactFactory(), CustomerFactory()
    url = reverse("admin:customers_contact_change", args=[contact.pk])
    form = AdminForm(
        url=url,
        valid=contact_with_a_new_role(customer),
        models=(Contact, CustomerContact),
        free=[],
    )
    # The page was opened before a colleague added the same role.
    CustomerContactFactory(contact=contact, customer=customer)
    assert_form_error(superuser_client, form, [], {"customer_roles-0-__all__"})
