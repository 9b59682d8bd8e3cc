"""A real IMAP server (Dovecot) for the mailbox tests, started once for the session."""

import pytest

from tests.customers.imap_server import Dovecot


def _started(tls: bool):
    server = Dovecot(tls=tls)
    try:
        server.start()
    except Exception:
        server.remove()
        raise
    return server


@pytest.fixture(scope="session")
def dovecot_server():
    server = _started(tls=False)
    yield server
    server.remove()


@pytest.fixture(scope="session")
def dovecot_tls_server():
    server = _started(tls=True)
    yield server
    server.remove()


@pytest.fixture
def imap(dovecot_server, settings):
    """The plain-text server with an empty mailbox, configured as the register's mailbox."""
    dovecot_server.clear()
    for name, value in dovecot_server.settings().items():
        setattr(settings, name, value)
    return dovecot_server
