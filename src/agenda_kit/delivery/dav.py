"""The CalDAV server (RFC 4791) as ``publish`` uses it, through the ``caldav`` library's
client (its HTTP session, authentication and timeouts): find the calendar, list its
objects with their ETags, put and delete objects by ETag.

Every request that fails becomes a ``ServerProblem`` naming its finding; what the
server sends back is untrusted: object addresses outside the calendar are ignored, and
no reply reaches a finding before ``secrets.clean`` took every form of the password
out of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..findings import (
    CALDAV_CALENDAR_MISSING,
    CALDAV_REFUSED,
    CALDAV_UNREACHABLE,
    DELIVERY_AUTH_FAILED,
    Kind,
)
from .secrets import Login, clean

__all__ = ["Dav", "ServerProblem", "caldav_missing"]

_DAV = "{DAV:}"
_CAL = "{urn:ietf:params:xml:ns:caldav}"
_QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
    "</C:comp-filter></C:filter></C:calendar-query>"
)
_PROPS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>'
)


@dataclass
class ServerProblem(Exception):
    """A request failed: the finding to report. ``fatal``: nothing more can be done in
    this run (the server is gone, or refuses the login)."""

    kind: Kind
    variant: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    fatal: bool = False

    def __str__(self) -> str:
        return self.kind.text(self.variant, self.params)[0]


def caldav_missing() -> bool:
    """Whether the ``caldav`` library is not installed."""
    import importlib.util

    return importlib.util.find_spec("caldav") is None


@dataclass(frozen=True, slots=True)
class Listed:
    """One object of the collection: its address, ETag and data."""

    href: str
    etag: str | None
    data: bytes


class Dav:
    """One CalDAV server, reached at ``url`` (a calendar, or any address of the server
    when a calendar is looked up by name)."""

    def __init__(self, url: str, login: Login | None, timeout: int) -> None:
        import caldav

        self.url = url
        self.login = login
        self.timeout = timeout
        parts = urlsplit(url)
        self.server = f"{parts.scheme}://{parts.netloc}"
        client: Any = caldav.DAVClient
        self.client = client(
            url=url,
            username=login.user if login else None,
            password=login.password if login else None,
            timeout=timeout,
            enable_rfc6764=False,
        )

    def close(self) -> None:
        self.client.close()

    # --- requests ---------------------------------------------------------------------

    def _request(
        self,
        what: str,
        url: str,
        method: str,
        body: str = "",
        headers: dict[str, str] | None = None,
    ) -> Any:
        from caldav.lib import error
        from caldav.lib.http_sync import requests

        try:
            response = self.client.request(url, method, body, headers or {})
        except requests.exceptions.Timeout:
            raise self._problem(CALDAV_UNREACHABLE, "timeout", seconds=self.timeout) from None
        except requests.exceptions.RequestException as exc:
            reason = self.clean(_root_reason(exc))
            raise self._problem(CALDAV_UNREACHABLE, reason=reason) from None
        except error.AuthorizationError:
            raise self._problem(DELIVERY_AUTH_FAILED) from None
        except error.RateLimitError as exc:
            status = getattr(exc, "status", None) or 503
            raise ServerProblem(
                CALDAV_REFUSED, params={"server": self.server, "request": what, "status": status}
            ) from None
        except error.DAVError as exc:
            reason = self.clean(str(exc))
            raise self._problem(CALDAV_UNREACHABLE, reason=reason) from None
        except Exception as exc:  # an answer the client cannot parse (not WebDAV XML)
            reason = self.clean(f"{type(exc).__name__}: {exc}")
            raise self._problem(CALDAV_UNREACHABLE, "garbled", reason=reason) from None
        return response

    def _problem(self, kind: Kind, variant: str = "", **params: Any) -> ServerProblem:
        return ServerProblem(kind, variant, {"server": self.server, **params}, fatal=True)

    def clean(self, text: str) -> str:
        return clean(text, self.login)

    def _refused(self, what: str, response: Any) -> ServerProblem:
        status = int(response.status)
        return ServerProblem(
            CALDAV_REFUSED,
            params={"server": self.server, "request": what, "status": status},
        )

    # --- the calendar -----------------------------------------------------------------

    def calendar_named(self, name: str) -> str:
        """The address of the calendar whose display name (or last path segment) is
        ``name``. Raises ``ServerProblem``."""
        from caldav.lib import error
        from caldav.lib.http_sync import requests

        try:
            calendars = self.client.principal().calendars()
            found = [(str(c.url), c.get_display_name() or "") for c in calendars]
        except requests.exceptions.Timeout:
            raise self._problem(CALDAV_UNREACHABLE, "timeout", seconds=self.timeout) from None
        except requests.exceptions.RequestException as exc:
            reason = self.clean(_root_reason(exc))
            raise self._problem(CALDAV_UNREACHABLE, reason=reason) from None
        except error.AuthorizationError:
            raise self._problem(DELIVERY_AUTH_FAILED) from None
        except error.DAVError as exc:
            raise self._problem(CALDAV_UNREACHABLE, reason=self.clean(str(exc))) from None
        for url, display in found:
            segment = unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2])
            if name in (display, segment):
                return url
        names = ", ".join(f"`{self.clean(d or u)}`" for u, d in found) or "none"
        raise self._problem(CALDAV_CALENDAR_MISSING, name=name, names=names)

    def check_calendar(self, url: str) -> None:
        """Raise ``ServerProblem`` unless ``url`` is a calendar collection."""
        response = self._request("PROPFIND", url, "PROPFIND", _PROPS, {"Depth": "0"})
        tree = getattr(response, "tree", None)
        if response.status == 404 or (response.status == 207 and tree is None):
            raise self._problem(CALDAV_CALENDAR_MISSING, "url", server=url)
        if response.status >= 300:
            raise self._refused("PROPFIND", response)
        if tree is None or not tree.findall(f".//{_DAV}resourcetype/{_CAL}calendar"):
            raise self._problem(CALDAV_CALENDAR_MISSING, "url", server=url)

    def objects(self, url: str) -> list[Listed]:
        """Every VEVENT object of the calendar at ``url``, with its ETag and data."""
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        response = self._request("REPORT", url, "REPORT", _QUERY, headers)
        if response.status != 207 or getattr(response, "tree", None) is None:
            problem = self._refused("REPORT", response)
            problem.fatal = True
            raise problem
        base = urlsplit(url)
        out = []
        for item in response.tree.findall(f"{_DAV}response"):
            href = item.findtext(f"{_DAV}href") or ""
            full = urljoin(url, href)
            parts = urlsplit(full)
            inside = (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
            if not inside or not parts.path.startswith(base.path) or parts.path == base.path:
                continue  # not an object of this calendar: never touched
            data = item.findtext(f".//{_CAL}calendar-data")
            if data is None:
                continue
            etag = item.findtext(f".//{_DAV}getetag")
            out.append(Listed(full, etag, data.encode("utf-8")))
        return out

    def put(self, url: str, data: bytes, etag: str | None, what: str) -> None:
        """Create (``etag`` None: only if nothing is there) or replace (only if the
        object still has ``etag``) the object at ``url``."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers["If-Match" if etag else "If-None-Match"] = etag or "*"
        response = self._request(what, url, "PUT", data.decode("utf-8"), headers)
        if response.status not in (200, 201, 204):
            raise self._refused(what, response)

    def delete(self, url: str, etag: str | None, what: str) -> None:
        headers = {"If-Match": etag} if etag else {}
        response = self._request(what, url, "DELETE", "", headers)
        if response.status not in (200, 204, 404):
            raise self._refused(what, response)


def _root_reason(exc: BaseException) -> str:
    """The innermost cause of a connection error, which says what happened (refused,
    no such host) where the outer ones repeat the URL."""
    seen = set()
    while exc.__cause__ is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc = exc.__cause__
    text = str(exc)
    return text.rpartition("] ")[2] if "] " in text else text
