"""The public pages kept rendered in Django's cache.

A published version never changes, so each public page of it is rendered once per language
and address and kept; only the visit counter differs from view to view, and it is filled
into the kept page. The page is kept with a stamp of the versions it shows (the version in
force and the newest one, by id and time of publishing); each view compares the stamp with
what the database says is published, so a newly published version shows at once on every
server, whatever cache each one holds.

While the database cannot be reached, the kept page is served with the counter as last read.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache as django_cache
from django.http import HttpRequest
from django.utils import formats, translation

from privacy.visits.selectors import VisitCounts

# Stand-ins for the two numbers of the counter, rendered in their place and replaced on
# every view. From Unicode's private-use area, so no translation or text contains them.
_TODAY_MARK = "\ue000visits-today\ue000"
_TOTAL_MARK = "\ue000visits-total\ue000"
COUNTER_MARKS = VisitCounts(today=_TODAY_MARK, total=_TOTAL_MARK)  # type: ignore[arg-type]

_LAST_COUNTS_KEY = "public-pages:visit-counts"
# How often a process shares the counter it last read through the cache, for the other
# processes and servers to show while the database is away.
_LAST_COUNTS_SHARE_SECONDS = 1.0


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page cut where the counter's numbers go."""

    stamp: tuple
    language: str
    before_today: str
    before_total: str
    after_total: str

    def with_counts(self, counts: VisitCounts) -> str:
        with translation.override(self.language):
            today, total = formats.localize(counts.today), formats.localize(counts.total)
        return f"{self.before_today}{today}{self.before_total}{total}{self.after_total}"


@cache
def _templates_generation() -> str:
    """A digest of what a rendered page is made from besides the data: the templates, the
    static files' names and the translations. A release that changes any of them starts
    afresh, even with a cache (Redis) that outlives the processes."""
    digest = hashlib.sha256()
    for folder in (Path(settings.BASE_DIR) / "templates", *map(Path, settings.LOCALE_PATHS)):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".mo"}:
                digest.update(path.read_bytes())
    digest.update(str(getattr(staticfiles_storage, "manifest_hash", "")).encode())
    return digest.hexdigest()[:16]


def rendered_page_key(request: HttpRequest, *, page: str, language: str, **kwargs) -> str:
    """One cache entry per page, language and address: pages carry absolute links to their
    other language versions, made from the address they were asked by."""
    arguments = ",".join(f"{name}={value}" for name, value in sorted(kwargs.items()))
    return (
        f"public-page:{_templates_generation()}:{page}:{language}:{arguments}:"
        f"{request.scheme}://{request.get_host()}"
    )


def rendered_page_get(key: str) -> RenderedPage | None:
    return django_cache.get(key)


def rendered_page_keep(key: str, *, stamp: tuple, language: str, html: str) -> RenderedPage:
    """Keep `html`, rendered with COUNTER_MARKS as its counter, under `key`."""
    # The counter is drawn above the page's content, so its marks come first.
    before_today, _, rest = html.partition(_TODAY_MARK)
    before_total, _, after_total = rest.partition(_TOTAL_MARK)
    page = RenderedPage(stamp, language, before_today, before_total, after_total)
    django_cache.set(key, page, timeout=None)
    return page


_last_counts: VisitCounts | None = None
_last_counts_shared_at = 0.0


def last_counts_keep(counts: VisitCounts) -> None:
    """Remember the counter as last read, to show while the database is away."""
    global _last_counts, _last_counts_shared_at
    _last_counts = counts
    now = time.monotonic()
    if now - _last_counts_shared_at >= _LAST_COUNTS_SHARE_SECONDS:
        _last_counts_shared_at = now
        django_cache.set(_LAST_COUNTS_KEY, (counts.today, counts.total), timeout=None)


def last_counts() -> VisitCounts | None:
    if _last_counts is not None:
        return _last_counts
    shared = django_cache.get(_LAST_COUNTS_KEY)
    return None if shared is None else VisitCounts(*shared)
