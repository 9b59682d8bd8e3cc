"""Reading an admin page's forms as a browser posts them back: the hidden inputs it carries."""

from html.parser import HTMLParser

from django.test import Client


class _HiddenInputs(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = form_id is None
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.in_form = attributes.get("id") == self.form_id
        elif tag == "input" and self.in_form and attributes.get("type") == "hidden":
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.values[name] = attributes.get("value") or ""

    def handle_endtag(self, tag) -> None:
        if tag == "form" and self.form_id is not None:
            self.in_form = False


def hidden_inputs(client: Client, url: str, *, form_id: str | None = None) -> dict[str, str]:
    """The hidden inputs of the page at `url` (of one form, given its id), by name."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _HiddenInputs(form_id)
    parser.feed(response.content.decode())
    return parser.values


def post_from_page(client: Client, page_url: str, data: dict, *, url: str | None = None, **kwargs):
    """Post `data` to `url` (the page itself unless given) with the page's hidden inputs."""
    return client.post(url or page_url, {**hidden_inputs(client, page_url), **data}, **kwargs)
