"""Stored cross-site scripting: hostile text in the register is shown as text, everywhere.

Names, addresses, email subjects and bodies, company names, notes, product names, order lines
and the register description are stored with script payloads in them, as an import, an
incoming email or a careless paste could bring them. Every page that shows them must carry
them escaped: the raw payload never appears in the HTML, its escaped form does where the
value is shown, and the parsed page has no element, event handler or script URL that came
from the data.
"""

import json
from dataclasses import dataclass
from datetime import date

import html5lib
import pytest
from django.urls import reverse
from django.utils.html import escape

from customers.models import Contact
from privacy.description.services import description_create_draft, description_publish
from privacy.models import AuditEntry, RegisterDescription
from tests.browser import chromium, page  # noqa: F401 - fixtures
from tests.customers.factories import (
    STAFF_PASSWORD,
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db


def script(tag: str) -> str:
    return f"<script>alert('{tag}')</script>"


def image(tag: str) -> str:
    return f"\"><img src=x onerror=alert('{tag}')>"


# Each stored value carries its own payload, so a failure names the field that leaked.
PAYLOADS = {
    "first_name": script("first_name"),
    "last_name": image("last_name"),
    "street": script("street"),
    "city": image("city"),
    "email": "\"><svg onload=alert('email')>@example.com",
    "other_contact": script("other_contact"),
    "customer_number": "<b>AS-1</b>",
    "company": script("company"),
    "notes": image("notes"),
    "subject": script("subject"),
    "body": image("body"),
    "from_address": "<script>alert('from')</script>@example.com",
    "message_id": "<\"><img src=x onerror=alert('mid')>@mail.example.com>",
    "product": script("product"),
    "sku": "<b>WS-1</b>",
    "order_number": "<i>TI-1</i>",
    "billing_name": image("billing_name"),
    "line": script("line"),
    "path": "javascript:alert('path')//<script>alert('path')</script>",
    "properties": script("properties"),
    "search": image("search"),
}


@dataclass
class HostileRegister:
    contact: object
    customer: object
    support_email: object
    product: object
    order: object
    event: object


@pytest.fixture
def register() -> HostileRegister:
    contact = ContactFactory(
        first_name=PAYLOADS["first_name"],
        last_name=PAYLOADS["last_name"],
        street_address=PAYLOADS["street"],
        city=PAYLOADS["city"],
        email=PAYLOADS["email"],
    )
    customer = CustomerFactory(
        company=True,
        customer_number=PAYLOADS["customer_number"],
        company_name=PAYLOADS["company"],
        notes=PAYLOADS["notes"],
        primary_contact=contact,
    )
    CustomerContactFactory(
        customer=customer, contact=ContactFactory(first_name=PAYLOADS["other_contact"])
    )
    support_email = SupportEmailFactory(
        customer=customer,
        contact=contact,
        subject=PAYLOADS["subject"],
        body_text=PAYLOADS["body"],
        from_address=PAYLOADS["from_address"],
        message_id=PAYLOADS["message_id"],
    )
    product = ProductFactory(name=PAYLOADS["product"], sku=PAYLOADS["sku"])
    order = OrderFactory(
        customer=customer, number=PAYLOADS["order_number"], billing_name=PAYLOADS["billing_name"]
    )
    OrderLineFactory(order=order, product=product, description=PAYLOADS["line"])
    event = AnalyticsEventFactory(
        customer=customer,
        contact=contact,
        path=PAYLOADS["path"],
        properties={"referrer": PAYLOADS["properties"]},
    )
    return HostileRegister(contact, customer, support_email, product, order, event)


# What "escaped" means, checked two ways


SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}


def injected_markup(body: str) -> list[str]:
    """Elements, handlers and URLs in the parsed page that can only have come from the data."""
    document = html5lib.parse(body, namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}=...>")
            # Browsers ignore whitespace and control characters in a URL's scheme.
            squeezed = "".join(ch for ch in value if ch > " ").lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(SCRIPT_SCHEMES):
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag == "script" and "alert(" in (element.text or ""):
            found.append(f"<script>{element.text}</script>")
        if element.tag in {"iframe", "object", "embed"} or (
            element.tag == "img" and element.get("src") == "x"
        ):
            found.append(f"<{element.tag}>")
    return found


def assert_shown_escaped(body: str, shown: list[str]) -> None:
    for name, payload in PAYLOADS.items():
        assert payload not in body, f"the {name} payload is in the page unescaped"
    for name in shown:
        assert escape(PAYLOADS[name]) in body, f"the {name} value is not shown escaped"
    assert injected_markup(body) == []


# The admin


def admin(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


ADMIN_PAGES = {
    "contact changelist": (
        lambda r: admin("customers_contact_changelist"),
        ["first_name", "last_name", "email", "city"],
    ),
    "customer changelist": (
        lambda r: admin("customers_customer_changelist"),
        ["customer_number", "company", "email"],
    ),
    "support email changelist": (
        lambda r: admin("customers_supportemail_changelist"),
        ["subject", "from_address", "first_name", "last_name"],
    ),
    "analytics changelist": (
        lambda r: admin("customers_analyticsevent_changelist"),
        ["path", "first_name", "last_name", "customer_number", "company"],
    ),
    "product changelist": (lambda r: admin("orders_product_changelist"), ["product", "sku"]),
    "order changelist": (
        lambda r: admin("orders_order_changelist"),
        ["order_number", "customer_number", "company"],
    ),
    "contact page": (
        lambda r: admin("customers_contact_change", r.contact.pk),
        ["first_name", "last_name", "email", "street", "city"],
    ),
    "customer page with its inlines": (
        lambda r: admin("customers_customer_change", r.customer.pk),
        [
            "customer_number",
            "company",
            "notes",
            "first_name",
            "last_name",
            "other_contact",
            "order_number",
            "subject",
            "from_address",
        ],
    ),
    "support email page": (
        lambda r: admin("customers_supportemail_change", r.support_email.pk),
        ["subject", "body", "from_address", "message_id", "first_name", "company"],
    ),
    "analytics event page": (
        lambda r: admin("customers_analyticsevent_change", r.event.pk),
        ["path", "properties", "first_name", "company"],
    ),
    "product page": (lambda r: admin("orders_product_change", r.product.pk), ["product", "sku"]),
    "order page with its lines": (
        lambda r: admin("orders_order_change", r.order.pk),
        ["order_number", "billing_name", "customer_number", "company", "line", "product"],
    ),
    "contact deletion page": (
        lambda r: admin("customers_contact_delete", r.contact.pk),
        ["first_name", "last_name", "customer_number", "company"],
    ),
    "customer history page": (
        lambda r: admin("customers_customer_history", r.customer.pk),
        ["customer_number", "company"],
    ),
}


@pytest.mark.parametrize("admin_page", ADMIN_PAGES)
def test_the_admin_shows_hostile_text_escaped(superuser_client, register, admin_page):
    url, shown = ADMIN_PAGES[admin_page]
    response = superuser_client.get(url(register))
    assert response.status_code == 200
    assert_shown_escaped(response.content.decode(), shown)


def test_a_search_for_hostile_text_is_echoed_escaped(superuser_client, register):
    response = superuser_client.get(
        admin("customers_contact_changelist"), {"q": PAYLOADS["search"]}
    )
    assert response.status_code == 200
    assert_shown_escaped(response.content.decode(), ["search"])


def test_the_audit_log_shows_a_hostile_search_term_escaped(
    superuser_client, privacy_officer_client, register
):
    superuser_client.get(admin("customers_contact_changelist"), {"q": PAYLOADS["search"]})
    assert AuditEntry.objects.filter(detail=PAYLOADS["search"]).exists()

    response = privacy_officer_client.get(admin("privacy_auditentry_changelist"))
    assert response.status_code == 200
    assert_shown_escaped(response.content.decode(), ["search"])


def contact_form(**overrides) -> dict[str, str]:
    return {
        "first_name": "Kaisa",
        "last_name": "Heikkinen",
        "preferred_language": "fi",
        "email": "kaisa.heikkinen@example.com",
        "phone": "",
        "street_address": "",
        "postal_code": "",
        "city": "",
        "country": "FI",
        "source": "customer_service",
        "customer_roles-TOTAL_FORMS": "0",
        "customer_roles-INITIAL_FORMS": "0",
        "customer_roles-MIN_NUM_FORMS": "0",
        "customer_roles-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def test_a_hostile_name_saved_in_the_admin_is_escaped_in_the_message_and_recent_actions(
    superuser_client,
):
    response = superuser_client.post(
        admin("customers_contact_add"),
        contact_form(first_name=PAYLOADS["first_name"], last_name=PAYLOADS["last_name"]),
        follow=True,
    )
    assert response.status_code == 200
    assert Contact.objects.filter(first_name=PAYLOADS["first_name"]).exists()
    # The confirmation message names the contact, with a link to it.
    assert_shown_escaped(response.content.decode(), ["first_name", "last_name"])

    contact = Contact.objects.get(first_name=PAYLOADS["first_name"])
    for url in (admin("index"), admin("customers_contact_history", contact.pk)):
        listed = superuser_client.get(url)
        assert listed.status_code == 200
        assert_shown_escaped(listed.content.decode(), ["first_name", "last_name"])


def test_a_refused_form_shows_the_hostile_values_escaped(superuser_client):
    # The postal code is refused; the page comes back with what was typed.
    response = superuser_client.post(
        admin("customers_contact_add"),
        contact_form(
            first_name=PAYLOADS["first_name"], city=PAYLOADS["city"], postal_code="<b>7010"
        ),
    )
    assert response.status_code == 200
    assert not Contact.objects.exists()
    assert_shown_escaped(response.content.decode(), ["first_name", "city"])


AUTOCOMPLETES = {
    "contact of a customer": (
        {"app_label": "customers", "model_name": "customer", "field_name": "primary_contact"},
        lambda r: str(r.contact),
    ),
    "contact of an email": (
        {"app_label": "customers", "model_name": "supportemail", "field_name": "contact"},
        lambda r: str(r.contact),
    ),
    "customer of an order": (
        {"app_label": "orders", "model_name": "order", "field_name": "customer"},
        lambda r: str(r.customer),
    ),
    "product of an order line": (
        {"app_label": "orders", "model_name": "orderline", "field_name": "product"},
        lambda r: str(r.product),
    ),
}


@pytest.mark.parametrize("source", AUTOCOMPLETES)
def test_autocomplete_answers_carry_hostile_names_as_json_data(superuser_client, register, source):
    """JSON has no HTML escaping: the payload is a JSON string, and must stay one.

    The browser never reads the answer as a page (JSON content type, nosniff), and the admin's
    select2 inserts each `text` as text; the browser test below watches it do so.
    """
    params, expected = AUTOCOMPLETES[source]
    response = superuser_client.get(admin("autocomplete"), {**params, "term": ""})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    results = json.loads(response.content)["results"]
    # Namesakes are told apart by a detail after the name: "Name (city, a…@example.com)".
    assert any(result["text"].startswith(expected(register)) for result in results)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_autocomplete_dropdown_shows_a_hostile_name_as_text(live_server, page):  # noqa: F811
    user = StaffUserFactory(is_superuser=True)
    contact = ContactFactory(first_name=image("dropdown"), last_name="Laine")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + admin("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + admin("index"))
    page.goto(live_server.url + admin("customers_customer_add"))
    page.click(".field-primary_contact .select2-selection")
    page.fill(".select2-search__field", "Laine")
    option = page.locator(".select2-results__option", has_text="Laine").first
    option.wait_for()

    assert option.inner_text().startswith(contact.full_name)
    # The Content-Security-Policy would stop an inline handler from running anyway, so the
    # dialog alone proves little: the dropdown must not contain the element at all.
    assert page.locator(".select2-results img").count() == 0
    assert page.evaluate("document.querySelectorAll('.select2-results script').length") == 0
    assert dialogs == []


# The public pages


PUBLIC_TEXT = {
    "register_name_fi": script("register_name_fi"),
    "register_name_en": image("register_name_en"),
    "legal_basis_fi": image("legal_basis_fi"),
    "legal_basis_en": script("legal_basis_en"),
    "controller_name": script("controller_name"),
    "controller_street_address": image("controller_street"),
    "controller_city": script("controller_city"),
    "controller_phone": "<b>040</b>",
    "contact_person": image("contact_person"),
    "contents_intro_fi": script("contents_intro_fi"),
    "contents_intro_en": image("contents_intro_en"),
}
# Rich text of the sections: what an editor may paste, including the classic ways round a
# sanitiser. The allowed paragraphs, lists and http(s)/mailto links must survive.
RICH_TEXT_ATTACKS = [
    "<script>alert('s')</script>",
    "<img src=x onerror=alert('i')>",
    "<a href=\"javascript:alert('j')\">linkki</a>",
    "<a href=\"JaVaScRiPt:alert('j')\">linkki</a>",
    '<a href="&#106;avascript:alert(1)">linkki</a>',
    '<a href=" java\tscript:alert(1)">linkki</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">linkki</a>',
    '<a href="vbscript:msgbox(1)">linkki</a>',
    "<p onclick=\"alert('p')\">kappale</p>",
    "<svg onload=alert('svg')></svg>",
    "<iframe src=\"javascript:alert('f')\"></iframe>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<form action="javascript:alert(1)"><button>nappi</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<scr<script>ipt>alert('nested')</script>",
    "<!--<script>alert('comment')</script>-->",
    "<object data=\"javascript:alert('o')\"></object>",
    "<base href=\"javascript:alert('b')//\">",
]
SAFE_RICH_TEXT = (
    '<p>Tietoja käsitellään.</p><ul><li>Kohta</li></ul><a href="https://example.com">ok</a>'
)
RICH_TEXT = SAFE_RICH_TEXT + "".join(RICH_TEXT_ATTACKS)
SECTIONS = ["basis", "purpose", "contents", "sources", "disclosures", "protection", "access"]


def hostile_draft() -> RegisterDescription:
    first = RegisterDescription.objects.get(status="published")
    draft = description_create_draft(
        created_by=StaffUserFactory(), based_on=first, effective_date=date(2024, 1, 1)
    )
    for name, value in PUBLIC_TEXT.items():
        setattr(draft, name, value)
    for key in SECTIONS:
        for language in ("fi", "en"):
            setattr(draft, f"{key}_{language}", RICH_TEXT)
    draft.save()
    return draft


@pytest.fixture
def hostile_description() -> RegisterDescription:
    return description_publish(description=hostile_draft(), published_by=StaffUserFactory())


def assert_public_page_is_clean(body: str, shown: list[str]) -> None:
    for name, payload in PUBLIC_TEXT.items():
        assert payload not in body, f"the {name} payload is in the page unescaped"
    for name in shown:
        assert escape(PUBLIC_TEXT[name]) in body, f"the {name} value is not shown escaped"
    for attack in RICH_TEXT_ATTACKS:
        assert attack not in body
    assert injected_markup(body) == []
    document = html5lib.parse(body, namespaceHTMLElements=False)
    tags = {element.tag for element in document.iter() if isinstance(element.tag, str)}
    assert not tags & {"script", "img", "svg", "iframe", "style", "math", "form", "object"}
    assert document.findall(".//base") == []
    metas = [meta.get("charset") or meta.get("name") for meta in document.findall(".//meta")]
    assert metas == ["utf-8", "viewport", "description"], "only the page's own meta elements"


PUBLIC_PAGES = {
    "/": ["register_name_fi", "legal_basis_fi", "contact_person", "contents_intro_fi"],
    "/en/": ["register_name_en", "legal_basis_en", "contact_person", "contents_intro_en"],
    "/rekisteriseloste/2024-01-01/": ["register_name_fi", "contact_person"],
    "/en/register-description/2024-01-01/": ["register_name_en", "contact_person"],
    "/yhteystiedot/": [
        "controller_name",
        "controller_street_address",
        "controller_city",
        "controller_phone",
        "contact_person",
    ],
    "/en/contact/": ["controller_name", "controller_phone", "contact_person"],
    "/tarkastuspyynto/": ["controller_name", "controller_street_address", "controller_city"],
    "/en/access-request/": ["controller_name", "controller_street_address", "controller_city"],
}


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_the_public_pages_show_hostile_text_escaped(client, hostile_description, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_public_page_is_clean(response.content.decode(), PUBLIC_PAGES[url])


def test_the_sanitiser_keeps_paragraphs_lists_and_web_links(client, hostile_description):
    document = html5lib.parse(client.get("/").content.decode(), namespaceHTMLElements=False)
    section = document.find(".//section[@aria-labelledby='section-purpose']")
    assert [p.text for p in section.findall("p")][:1] == ["Tietoja käsitellään."]
    assert [li.text for li in section.findall("ul/li")] == ["Kohta"]
    links = {a.get("href") for a in section.iter("a")}
    assert links == {"https://example.com", None}, "script links lose their address"
    assert all(a.get("rel") == "noopener noreferrer" for a in section.iter("a"))


def test_text_written_past_the_model_is_sanitised_again_on_the_page(client, hostile_description):
    # A bulk update skips save() and its sanitising; the template filter is the second line.
    RegisterDescription.objects.filter(pk=hostile_description.pk).update(
        purpose_fi=RICH_TEXT, purpose_en=RICH_TEXT
    )
    for url in ("/", "/en/"):
        assert_public_page_is_clean(client.get(url).content.decode(), [])


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_preview_of_a_hostile_draft_is_as_clean_as_the_public_page(
    privacy_officer_client, language
):
    draft = hostile_draft()
    response = privacy_officer_client.get(
        admin("privacy_registerdescription_preview", draft.pk, language)
    )
    assert response.status_code == 200
    shown = [f"register_name_{language}", f"legal_basis_{language}", "contact_person"]
    assert_public_page_is_clean(response.content.decode(), shown)


def test_the_draft_page_in_the_admin_shows_hostile_text_escaped(privacy_officer_client):
    draft = hostile_draft()
    response = privacy_officer_client.get(admin("privacy_registerdescription_change", draft.pk))
    assert response.status_code == 200
    body = response.content.decode()
    for name, payload in PUBLIC_TEXT.items():
        assert payload not in body
        assert escape(payload) in body, name
    assert injected_markup(body) == []
