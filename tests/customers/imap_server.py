"""A real IMAP server for the tests: Debian's Dovecot, from its own configuration in a temp folder.

Dovecot starts as root (`dovecot -c FILE -F`) and serves one user from a passwd file; mail
belongs to the system user `mail`. The tests put messages into the user's Maildir
directly, as a delivery agent would, or append them over IMAP.
"""

from __future__ import annotations

import mailbox
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "kasittelija"
PASSWORD = "salasana-testi-1"
MAIL_USER = "mail"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key_path),
            "-out",
            str(cert_path),
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    key_path.chmod(0o600)
    return cert_path, key_path


class Dovecot:
    def __init__(self, *, tls: bool = False) -> None:
        if not Path(DOVECOT).exists():
            raise RuntimeError(
                "The IMAP tests need Dovecot: apt-get install dovecot-imapd (.ci/run installs it)."
            )
        if os.geteuid() != 0:
            raise RuntimeError("Dovecot is started as root by the IMAP tests; run them as root.")
        self.tls = tls
        self.folder = Path(tempfile.mkdtemp(prefix="webstrella-dovecot-"))
        # The mail user must reach its home through this folder.
        self.folder.chmod(0o755)
        self.port = free_port()
        self.home = self.folder / "home" / USER
        self.home.mkdir(parents=True)
        self.mail_uid = pwd.getpwnam(MAIL_USER).pw_uid
        self.mail_gid = pwd.getpwnam(MAIL_USER).pw_gid
        (self.folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        self.cert = None
        if tls:
            self.cert, key = self_signed_certificate(self.folder)
        self.config = self.folder / "dovecot.conf"
        self.config.write_text(self._config(key if tls else None))
        self.process: subprocess.Popen | None = None
        self.maildir("INBOX")

    def _config(self, key: Path | None) -> str:
        if key is None:
            ssl = "ssl = no"
        else:
            ssl = f"ssl = required\nssl_cert = <{self.cert}\nssl_key = <{key}"
        listener = "inet_listener imaps" if key else "inet_listener imap"
        other = "inet_listener imap" if key else "inet_listener imaps"
        return f"""
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.folder}/passwd
}}
userdb {{
  driver = static
  args = uid={MAIL_USER} gid={MAIL_USER} home={self.folder}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  {listener} {{
    address = 127.0.0.1
    port = {self.port}
  }}
  {other} {{
    port = 0
  }}
}}
"""

    @property
    def log(self) -> str:
        path = self.folder / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [DOVECOT, "-c", str(self.config), "-F"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                raise RuntimeError(f"Dovecot did not start:\n{output}\n{self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"Dovecot did not listen on port {self.port}:\n{self.log}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def maildir(self, folder: str) -> Path:
        """The Maildir of a folder (Maildir++: INBOX at the top, others as .Name)."""
        path = self.home / "Maildir"
        if folder != "INBOX":
            path = path / f".{folder}"
        mailbox.Maildir(path, create=True).close()
        self._chown(self.home)
        return path

    def deliver(self, messages, folder: str = "INBOX") -> None:
        """Put messages into the folder as a delivery agent would, in order."""
        path = self.maildir(folder)
        box = mailbox.Maildir(path, create=False)
        try:
            for _, data in messages:
                box.add(data)
        finally:
            box.close()
        self._chown(self.home)

    def clear(self) -> None:
        """Remove every folder and message, and the server's memory of them."""
        self.stop()
        shutil.rmtree(self.home / "Maildir", ignore_errors=True)
        self.maildir("INBOX")
        self.start()

    def _chown(self, top: Path) -> None:
        for root, _dirs, files in os.walk(top):
            os.chown(root, self.mail_uid, self.mail_gid)
            for name in files:
                os.chown(os.path.join(root, name), self.mail_uid, self.mail_gid)

    def settings(self, **overrides) -> dict:
        values = {
            "MAILBOX_IMAP_HOST": "127.0.0.1",
            "MAILBOX_IMAP_PORT": self.port,
            "MAILBOX_IMAP_SECURITY": "ssl" if self.tls else "none",
            "MAILBOX_IMAP_USER": USER,
            "MAILBOX_IMAP_PASSWORD": PASSWORD,
            "MAILBOX_IMAP_FOLDERS": ["INBOX"],
            "MAILBOX_IMAP_CA_FILE": str(self.cert) if self.cert else "",
        }
        values.update(overrides)
        return values
