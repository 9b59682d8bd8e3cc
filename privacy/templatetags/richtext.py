from django import template
from django.utils.safestring import SafeString, mark_safe

from privacy.description.richtext import sanitize

register = template.Library()


@register.filter
def richtext(value: str) -> SafeString:
    """Render stored rich text, sanitised again on output as a second line of defence."""
    return mark_safe(sanitize(value))  # noqa: S308 - sanitised by nh3 just above
