"""Credentials for the servers, and keeping them out of everything printed.

A user name and password come from the environment (``AGENDA_KIT_CALDAV_USER`` and
``AGENDA_KIT_CALDAV_PASSWORD``, ``AGENDA_KIT_SMTP_USER`` and
``AGENDA_KIT_SMTP_PASSWORD``) or else from a netrc file (``$NETRC``, else
``~/.netrc``), never from the command line: a command line is visible to every user of
the machine and lands in shell histories and CI logs. Whatever a server answers is
passed through ``Login.clean`` before it becomes part of a finding, so that a server
echoing a password (or its Basic encoding) cannot print it.
"""

from __future__ import annotations

import base64
import netrc
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["Login", "NetrcError", "has_userinfo", "login_for"]

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
MAX_REPLY = 300  # characters of a server's answer kept in a finding


class NetrcError(ValueError):
    """The netrc file cannot be read: its name and the line, never its tokens."""

    def __init__(self, file: str, line: int) -> None:
        super().__init__(f"{file}, line {line}")
        self.file, self.line = file, line


@dataclass(frozen=True, slots=True)
class Login:
    """A user name and password (the password never in ``repr``)."""

    user: str
    password: str = field(repr=False)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every form of the password a message could carry."""
        if not self.password:
            return ()
        basic = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return (basic, self.password)

    def clean(self, text: str) -> str:
        return clean(text, self)


def clean(text: str, login: Login | None) -> str:
    """``text`` (a server's reply, an exception) fit for a finding: one line, at most
    MAX_REPLY characters, and no form of the password."""
    if login is not None:
        for secret in login.secrets:
            text = text.replace(secret, "***")
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > MAX_REPLY:
        text = text[: MAX_REPLY - 1] + "…"
    if login is not None:  # a cut may not leave the start of one either
        for secret in login.secrets:
            for n in range(len(secret) - 1, 3, -1):
                if text.endswith(secret[:n] + "…"):
                    text = text[: -n - 1] + "…"
                    break
    return text


def has_userinfo(url: str) -> bool:
    """Whether an address carries ``user[:password]@`` (refused on the command line)."""
    if "://" not in url:
        return "@" in url.rpartition(":")[0] if ":" in url else "@" in url
    parts = urlsplit(url)
    return parts.username is not None or parts.password is not None


def login_for(service: str, host: str) -> Login | None:
    """The login for ``service`` (``caldav`` or ``smtp``) at ``host``: both variables
    of the environment, else the netrc entry of the host (or its ``default``), else
    None. Raises ``NetrcError`` when the netrc file exists but cannot be read."""
    prefix = f"AGENDA_KIT_{service.upper()}_"
    user = os.environ.get(prefix + "USER")
    password = os.environ.get(prefix + "PASSWORD")
    if user is not None and password is not None:
        return Login(user, password)
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return Login(user, "") if user else None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:
        # Its message may quote a token of the file, which may be a password.
        raise NetrcError(str(exc.filename or path), exc.lineno or 1) from None
    except (OSError, UnicodeDecodeError):
        raise NetrcError(str(path), 1) from None
    if entry is None:
        return Login(user, "") if user else None
    login, _account, secret = entry
    return Login(user or login, secret or "")
