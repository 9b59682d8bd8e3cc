"""gunicorn settings for production: `gunicorn webstrella.wsgi` reads this file.

Every value can be overridden with the environment variable named beside it.
"""

import multiprocessing
import os

# Loopback (or a unix socket) only: the site believes the proxy's X-Forwarded-For for the
# sign-in lockout and the audit log, and a client reaching gunicorn directly could forge it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Compiling the answer to an access request renders its letter in the request: about
# 4 ms a record, so 20 seconds for a requester with 5,000 records (docs/benchmarks.md).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# The reverse proxy in front; only its X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The access log leaves out the client address and the query string: visitors' addresses
# are not kept, and admin searches carry names and emails in `?q=`.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
