"""The production settings plus the benchmark's minimal view (bench/page_urls.py).

Only the benchmark's server uses these, so the site's own URLs never gain that view.
"""

from webstrella.settings import *  # noqa: F403

ROOT_URLCONF = "bench.page_urls"
