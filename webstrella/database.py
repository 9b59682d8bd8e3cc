"""Telling an unreachable database from other database errors."""

from django.db import InterfaceError, OperationalError

# SQLSTATE class 08 is "connection exception"; 57P01-57P03 are the server shutting down,
# crashing, or not yet accepting connections (PostgreSQL, Appendix A).
_UNREACHABLE_SQLSTATE_CLASS = "08"
_UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03"}


def database_unreachable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database cannot be reached, rather than that a query failed.

    A deadlock, a timeout or a broken constraint is an error of the request, not a sign that
    the database is away, and keeps its usual handling.
    """
    if isinstance(exc, InterfaceError):
        # Django and psycopg raise it for a connection that is already closed.
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(_UNREACHABLE_SQLSTATE_CLASS) or sqlstate in (
            _UNREACHABLE_SQLSTATES
        )
    sqlite_error = getattr(cause, "sqlite_errorname", None)
    if sqlite_error is not None:
        return sqlite_error == "SQLITE_CANTOPEN"
    # psycopg reports a refused connection, or one the server dropped, without a SQLSTATE:
    # no server answered.
    return type(cause).__module__.split(".")[0] == "psycopg"
