"""A PostgreSQL server of a test's own, in a temporary folder, that the test may stop.

Started with the server binaries of Debian's postgresql package (initdb, pg_ctl), on a free
loopback port, as the current user, or as the `postgres` account when the tests run as root
(PostgreSQL refuses to run as root).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, if any."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnPostgres:
    """`start()`, `stop()` and `start()` again; `remove()` stops it and deletes its folder."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="webstrella-own-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.account = "postgres" if os.geteuid() == 0 else None
        if self.account:
            account = pwd.getpwnam(self.account)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-sync",
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if self.account:
            command = ["runuser", "-u", self.account, "--", *command]
        result = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=False, cwd=self.folder
        )
        if result.returncode:
            raise RuntimeError(f"{program} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.folder} -c fsync=off"
        )
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--wait",
            "--options",
            options,
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "--pgdata", str(self.data), "--mode", "fast", "--wait", "stop")

    def remove(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(
                    "pg_ctl", "--pgdata", str(self.data), "--mode", "immediate", "--wait", "stop"
                )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
