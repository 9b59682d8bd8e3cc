"""The address of the client behind the reverse proxy: one answer for django-axes (sign-in
lockout) and for the audit log.

`AXES_IPWARE_PROXY_COUNT` is the number of reverse proxies in front of the site. Each of
them appends the address it received the request from to X-Forwarded-For, or, like the
README's nginx, overwrites the header with it; the last proxy is the one that connects.
The client is therefore the N-th address counted from the right of the header: whatever
the client itself wrote further left is not believed. Without proxies the connecting
address is the client.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        # ipware counts the proxies listed after the client in the header; the last proxy
        # is not listed there (it is REMOTE_ADDR), hence one less. Not strict: addresses
        # the client put in front of its own do not matter.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
            strict=False,
        )
        if address:
            return address
    # Without proxies, or a request that did not come through them (a check on the machine).
    return request.META.get("REMOTE_ADDR") or None
