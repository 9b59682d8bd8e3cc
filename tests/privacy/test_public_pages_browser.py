import pytest

from privacy.models import VisitDay
from privacy.visits.selectors import visit_counts
from tests.browser import screenshot
from tests.privacy.printed import assert_the_form_leaves_room_to_write, printed_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def open_as_visitor(chromium):
    """A page in Chromium as a person's browser: without "HeadlessChrome" in its User-Agent."""
    contexts = []

    def open_page(viewport: dict = DESKTOP):
        probe = chromium.new_context()
        agent = probe.new_page().evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
        probe.close()
        phone = viewport["width"] < 600
        context = chromium.new_context(
            viewport=viewport, locale="fi-FI", user_agent=agent, is_mobile=phone, has_touch=phone
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_visitor_reads_the_description_and_switches_language(live_server, open_as_visitor):
    page = open_as_visitor()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Rekisteriseloste"
    assert page.get_by_role("heading", name="7 Tarkastusoikeus").is_visible()
    assert page.locator(".visit-counter").inner_text() == "Vierailuja: Tänään: 1 | Yhteensä: 62589"
    screenshot(page, "description-fi")

    page.get_by_role("link", name="In English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Register description"
    assert page.locator(".visit-counter").inner_text() == "Visits: Today: 2 | Total: 62590"
    screenshot(page, "description-en")
    assert sum(VisitDay.objects.values_list("count", flat=True)) == 2


def test_headless_chromium_is_not_counted_as_a_visitor(live_server, page):
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/en/")
    assert page.locator(".visit-counter").inner_text() == "Visits: Today: 0 | Total: 62588"
    assert visit_counts().today == 0


def test_the_keyboard_reaches_the_skip_link_and_navigation_first(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Siirry sisältöön"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused is not None


def test_the_contact_page_and_the_printable_form(live_server, page):
    page.goto(live_server.url + "/yhteystiedot/")
    assert page.locator("h1").inner_text() == "Yhteystiedot"
    assert "Jyri Tähtelä" in page.locator("main").inner_text()
    screenshot(page, "contact-fi")

    page.get_by_role("link", name="tulosta tarkastuspyyntölomake").click()
    assert page.locator("h1").inner_text() == "Tarkastuspyyntö"
    screenshot(page, "access-request-fi")
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator(".visit-counter").is_visible()
    assert page.locator(".signature-line").is_visible()
    screenshot(page, "access-request-fi-print")
    printed = printed_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert len(printed) == 1, "the printed form fits one A4 page"
    assert_the_form_leaves_room_to_write(printed[0], "fi")


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


@pytest.mark.parametrize(
    "url", ["/", "/en/contact/", "/tarkastuspyynto/", "/en/access-request/", "/ei-ole/"]
)
def test_the_content_keeps_clear_of_the_header_and_the_footer(live_server, page, url):
    page.goto(live_server.url + url)
    header, main, footer = box(page, "header"), box(page, "main"), box(page, "footer")
    first = page.evaluate(
        "document.querySelector('main').firstElementChild.getBoundingClientRect().top"
    )
    last = page.evaluate(
        "document.querySelector('main').lastElementChild.getBoundingClientRect().bottom"
        " + window.scrollY"
    )
    assert first - (header["y"] + header["height"]) >= 16, "space under the header"
    assert footer["y"] - last >= 24, "space above the footer"
    assert main["y"] + main["height"] <= footer["y"]


@pytest.mark.parametrize("url", ["/", "/en/", "/tarkastuspyynto/"])
def test_on_a_phone_the_header_takes_at_most_an_eighth_of_the_screen(
    live_server, open_as_visitor, url
):
    page = open_as_visitor(PHONE)
    page.goto(live_server.url + url)
    header = box(page, "header")
    assert header["height"] <= PHONE["height"] / 8, f"the header is {header['height']:.0f} px"
    for link in page.locator("header a:not(.skip-link)").all():
        shown = link.bounding_box()
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= PHONE["width"]
        assert shown["height"] >= 24, "a target a finger can hit"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "phone" + url.replace("/", "-").rstrip("-"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["/", "/en/"])
def test_the_visit_counter_is_in_the_first_screenful(live_server, open_as_visitor, viewport, url):
    # The old site showed it as the first line of the page; the description is long.
    page = open_as_visitor(viewport)
    page.goto(live_server.url + url)
    counter = box(page, ".visit-counter")
    assert counter["y"] + counter["height"] <= viewport["height"]
    assert counter["y"] < box(page, "h1")["y"], "above the heading, as on the old site"
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * viewport["height"]


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [("/ei-ole/", "fi", "Sivua ei löytynyt"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_a_missing_page_is_shown_in_the_sites_layout(live_server, page, url, language, heading):
    response = page.goto(live_server.url + url)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == heading
    assert page.locator("header.site-header nav").is_visible()
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('header')).backgroundColor"
    )
    assert header_colour == "rgb(11, 83, 148)", "the site's style sheet is applied"
    screenshot(page, f"not-found-{language}")


@pytest.mark.urls("tests.privacy.broken_page_urls")
@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [("/rikki/", "fi", "Palvelussa tapahtui virhe"), ("/en/broken/", "en", "Something went wrong")],
)
def test_a_failing_page_is_shown_in_the_sites_layout(live_server, page, url, language, heading):
    response = page.goto(live_server.url + url)
    assert response.status == 500
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == heading
    footer = box(page, "footer")
    assert footer["y"] + footer["height"] == page.viewport_size["height"], "footer at the bottom"
    screenshot(page, f"server-error-{language}")


def test_the_browser_finds_the_favicon(live_server, page):
    page.goto(live_server.url + "/")
    for href in page.locator("link[rel=icon]").evaluate_all("links => links.map(l => l.href)"):
        icon = page.request.get(href)
        assert icon.ok, href
        assert icon.headers["content-type"].startswith("image/")
    # Browsers and crawlers also ask for /favicon.ico whatever the page links.
    icon = page.request.get(live_server.url + "/favicon.ico")
    assert icon.ok
    assert icon.headers["content-type"].startswith("image/")
