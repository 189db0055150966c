"""Real servers for the delivery tests, started on free loopback ports and stopped by
the fixtures that start them: Radicale (CalDAV, its own storage folder and an htpasswd
user), aiosmtpd (SMTP, keeping every message it accepts), and a small HTTP proxy in
front of Radicale that answers 500 or never answers, for the fault tests.

A second, independent client reads the calendar back: a raw WebDAV REPORT over
``http.client``, each object parsed by ``icalendar``."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import http.client
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "PASSWORD",
    "USER",
    "FaultProxy",
    "Radicale",
    "Received",
    "Smtp",
    "free_port",
    "make_certificate",
    "read_calendar",
]

USER = "organizer"
# Distinctive, so that a test can look for it in every output and file.
PASSWORD = "s3cret-Pa55-9f8e7d"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"no server on port {port} after {seconds} s")


def _auth(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# --- Radicale ----------------------------------------------------------------------


@dataclass
class Radicale:
    """A Radicale server in its own folder; ``calendar`` is the calendar's URL."""

    folder: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.folder / "radicale.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def calendar(self) -> str:
        return f"{self.base}/{USER}/agenda/"

    def start(self) -> Radicale:
        self.port = free_port()
        (self.folder / "storage").mkdir(parents=True, exist_ok=True)
        (self.folder / "users").write_text(f"{USER}:{PASSWORD}\n", "utf-8")
        config = self.folder / "config"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.folder / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[storage]\n"
            f"filesystem_folder = {self.folder / 'storage'}\n"
            "[rights]\n"
            "type = owner_only\n"
            "[web]\n"
            "type = none\n"
            "[logging]\n"
            "level = info\n"
            "mask_passwords = True\n",
            "utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("RADICALE")}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        try:
            _wait_for(self.port)
        except RuntimeError:
            self.stop()
            raise RuntimeError(self.log.read_text("utf-8", "replace")) from None
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body, {"Authorization": _auth(), **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def make_calendar(self, name: str = "agenda", title: str = "Agenda") -> str:
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            f"<D:set><D:prop><D:displayname>{title}</D:displayname></D:prop></D:set>"
            "</C:mkcalendar>"
        ).encode()
        status, data = self.request("MKCALENDAR", f"/{USER}/{name}/", body)
        assert status == 201, (status, data)
        return f"{self.base}/{USER}/{name}/"

    def count(self, method: str) -> int:
        """How many requests of ``method`` the server logged."""
        text = self.log.read_text("utf-8", "replace")
        return text.count(f"{method} request for")


def read_calendar(port: int, path: str) -> dict[str, tuple[str, Any]]:
    """Every calendar object of the collection ``path``, read with a raw REPORT
    (calendar-query) and icalendar: {href: (etag, icalendar.Calendar)}."""
    from icalendar import Calendar

    body = (
        b'<?xml version="1.0" encoding="utf-8"?>'
        b'<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        b"<D:prop><D:getetag/><C:calendar-data/></D:prop>"
        b'<C:filter><C:comp-filter name="VCALENDAR"/></C:filter>'
        b"</C:calendar-query>"
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Authorization": _auth(), "Depth": "1", "Content-Type": "application/xml"}
        conn.request("REPORT", path, body, headers)
        response = conn.getresponse()
        data = response.read()
        assert response.status == 207, (response.status, data)
    finally:
        conn.close()
    ns = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}
    out: dict[str, tuple[str, Any]] = {}
    for item in ET.fromstring(data).findall("D:response", ns):
        href = item.findtext("D:href", namespaces=ns) or ""
        etag = item.findtext(".//D:getetag", namespaces=ns) or ""
        text = item.findtext(".//C:calendar-data", namespaces=ns) or ""
        out[href] = (etag, Calendar.from_ical(text.encode()))
    return out


# --- a faulty proxy in front of Radicale --------------------------------------------


class FaultProxy:
    """Forwards HTTP to ``target``; ``fault(method, path, count)`` says what to do with
    a request: None (forward), an int (answer that status), a tuple (status, content
    type, body) or "hang" (never answer)."""

    def __init__(self, target: int, fault: Callable[[str, str, int], Any]) -> None:
        self.target = target
        self.fault = fault
        self.counts: dict[str, int] = {}
        self.forwarded: list[tuple[str, str]] = []
        self.release = threading.Event()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                method = self.command
                proxy.counts[method] = proxy.counts.get(method, 0) + 1
                action = proxy.fault(method, self.path, proxy.counts[method])
                if action == "hang":
                    proxy.release.wait(60)
                    self.close_connection = True
                    return
                if isinstance(action, (int, tuple)):
                    status, kind, payload = (
                        action if isinstance(action, tuple) else (action, "text/plain", b"failed")
                    )
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                proxy.forwarded.append((method, self.path))
                conn = http.client.HTTPConnection("127.0.0.1", proxy.target, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                    conn.request(method, self.path, body, headers)
                    response = conn.getresponse()
                    data = response.read()
                    self.send_response(response.status)
                    for key, value in response.getheaders():
                        if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                            self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    conn.close()

            do_GET = do_PUT = do_DELETE = do_REPORT = do_PROPFIND = do_OPTIONS = _any
            do_MKCALENDAR = do_HEAD = do_POST = do_PROPPATCH = _any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FaultProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


# --- SMTP ---------------------------------------------------------------------------


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 (``cert.pem``, ``key.pem`` in ``folder``),
    made by the openssl command; a client trusts it through SSL_CERT_FILE."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder


@dataclass
class Received:
    """One message the SMTP server accepted."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes


class Smtp:
    """An aiosmtpd server that keeps what it accepts in ``received``.

    ``refuse``: recipients it answers 550 to; ``drop_after``: after accepting that many
    messages it drops the connection at the next MAIL FROM, without a reply;
    ``hold_at``: see below; ``login``: require AUTH with USER/PASSWORD, which the
    server allows only over TLS: ``tls`` is a folder with ``cert.pem`` and ``key.pem``
    (``make_certificate``), offered with STARTTLS, or from the first byte when
    ``implicit``."""

    def __init__(
        self,
        *,
        refuse: set[str] | None = None,
        drop_after: int | None = None,
        hold_at: int | None = None,
        login: bool = False,
        tls: Path | None = None,
        implicit: bool = False,
    ) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.received: list[Received] = []
        self.refuse = {a.lower() for a in refuse or set()}
        self.drop_after = drop_after
        self.logins: list[str] = []
        # hold_at: with that many messages accepted, the next MAIL FROM waits (without a
        # reply) until ``release`` is set; ``holding`` says it is waiting.
        self.hold_at = hold_at
        self.holding = threading.Event()
        self.release = threading.Event()
        smtp = self

        class Handler:
            async def handle_MAIL(
                self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
            ) -> str:
                if smtp.hold_at is not None and len(smtp.received) == smtp.hold_at:
                    smtp.holding.set()
                    while not smtp.release.is_set():
                        await asyncio.sleep(0.02)
                    return "421 closing"
                if smtp.drop_after is not None and len(smtp.received) >= smtp.drop_after:
                    server.transport.abort()
                    return "421 gone"
                envelope.mail_from = address
                envelope.mail_options.extend(options)
                return "250 OK"

            async def handle_RCPT(
                self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
            ) -> str:
                if address.lower() in smtp.refuse:
                    return "550 5.1.1 mailbox unavailable"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                smtp.received.append(
                    Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
                )
                return "250 Message accepted"

        def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):  # type: ignore[no-untyped-def]
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                USER.encode(),
                PASSWORD.encode(),
            )
            smtp.logins.append("ok" if ok else "refused")
            return AuthResult(success=ok, handled=False)

        self.port = free_port()
        kwargs = _options(authenticator if login else None, tls, implicit)
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> Smtp:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.controller.stop()


def _options(authenticator: Any, tls: Path | None, implicit: bool) -> dict[str, Any]:
    """The aiosmtpd options: AUTH required when there is an authenticator, TLS offered
    with STARTTLS or from the first byte."""
    kwargs: dict[str, Any] = {"enable_SMTPUTF8": True}
    if authenticator is not None:
        kwargs |= {"authenticator": authenticator, "auth_required": True}
    if tls is None:
        return kwargs
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
    if not implicit:
        return kwargs | {"tls_context": context, "require_starttls": True}
    # aiosmtpd does not count implicit TLS as TLS for AUTH: offered there, not required.
    kwargs["ssl_context"] = context
    if authenticator is not None:
        kwargs |= {"auth_required": False, "auth_require_tls": False}
    return kwargs
