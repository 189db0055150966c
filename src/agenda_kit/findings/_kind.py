"""What a kind of finding is, and the registry that holds every kind once.

A ``Kind`` carries its code, name, default severity, docs text, typed parameters, and
message and hint per variant and language. Calling it makes a ``Diagnostic``; the text
is made from the key and values, so it can be made again in another language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from ..diagnostics import Diagnostic, Location, Severity
from ._text import Template, language

__all__ = [
    "COMMANDS",
    "KINDS",
    "KINDS_BY_CODE",
    "Finding",
    "Kind",
    "Message",
    "define",
    "kind",
    "make",
    "translate",
]

DOCS_URL = "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/{name}.md"

# Which command reports a kind; "load" and "check" are the checker's.
COMMANDS = ("load", "check", "export", "import", "invite", "schedule", "deliver")


@dataclass(frozen=True, slots=True)
class Message:
    """A message and its hint, in English and Korean (``{name}`` values; Korean
    particles as pairs such as ``을/를``, chosen from the word before them)."""

    en: tuple[str, str]
    ko: tuple[str, str] | None = None

    @property
    def message(self) -> Template:
        return Template(self.en[0], self.ko[0] if self.ko else "")

    @property
    def hint(self) -> Template:
        return Template(self.en[1], self.ko[1] if self.ko else "")

    @property
    def names(self) -> set[str]:
        return self.message.names | self.hint.names


PathPart = str | int
DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A finding at a path in a document, before it is located and worded.

    The checker's rules return these; ``sessions``, ``rooms`` and ``speakers`` name
    what the finding is about (configured exceptions scoped to one of them apply).
    """

    kind: Kind
    path: DocPath
    variant: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    related: tuple[DocPath, ...] = ()
    on_key: bool = False  # point at the key rather than at its value
    sessions: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        return self.kind.name

    @property
    def key(self) -> str:
        return self.kind.key(self.variant)


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of finding of any command: defined once, in the registry."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str
    messages: Mapping[str, Message]  # variant ("" for the plain one) -> texts
    params: Mapping[str, type]  # every value any variant takes, with its type
    command: str = "check"
    example: str = ""  # an agenda (after the standard header) that triggers it
    fixed: str = ""  # the same agenda corrected
    options: str = ""
    sample: Mapping[str, Any] = field(default_factory=dict)  # values for the docs page
    note: str = ""  # one more paragraph for the Fix section of the docs page

    @property
    def url(self) -> str:
        return DOCS_URL.format(name=self.name)

    @property
    def loads(self) -> bool:
        """Whether this is a load error (the file is not checked further)."""
        return self.command == "load"

    def key(self, variant: str = "") -> str:
        """The message key of a variant (``gap``, ``gap.parent-start``)."""
        return f"{self.name}.{variant}" if variant else self.name

    def text(self, variant: str, params: Mapping[str, Any], lang: str = "en") -> tuple[str, str]:
        """The message and hint of ``variant`` with ``params`` in ``lang``."""
        found = self.messages[variant]
        lang = language(lang)
        return found.message.render(lang, params), found.hint.render(lang, params)

    def check_params(self, variant: str, params: Mapping[str, Any]) -> None:
        """Refuse values a variant does not name or of the wrong type (a bug, raised)."""
        if variant not in self.messages:
            raise KeyError(f"{self.name} has no variant {variant!r}")
        for name, value in params.items():
            wanted = self.params.get(name)
            if wanted is None:
                raise TypeError(f"{self.key(variant)}: unknown value {name!r}")
            if not isinstance(value, wanted):
                raise TypeError(
                    f"{self.key(variant)}: {name} is {type(value).__name__}, not {wanted.__name__}"
                )
        missing = self.messages[variant].names - params.keys()
        if missing:
            raise TypeError(f"{self.key(variant)}: missing values {sorted(missing)}")

    def on(
        self,
        path: DocPath,
        variant: str = "",
        *,
        related: tuple[DocPath, ...] = (),
        on_key: bool = False,
        sessions: tuple[str, ...] = (),
        rooms: tuple[str, ...] = (),
        speakers: tuple[str, ...] = (),
        **params: Any,
    ) -> Finding:
        """A finding of this kind at ``path`` of the document (located later).

        ``GAP.on(slot.time_path, gap=Duration(180), a="opening", ...)``
        """
        self.check_params(variant, params)
        return Finding(self, path, variant, params, related, on_key, sessions, rooms, speakers)

    def at(
        self,
        location: Location,
        variant: str = "",
        *,
        lang: str = "en",
        severity: Severity | None = None,
        related: tuple[Location, ...] = (),
        sessions: tuple[str, ...] = (),
        parts: tuple[str, ...] = (),
        speakers: tuple[str, ...] = (),
        rooms: tuple[str, ...] = (),
        **params: Any,
    ) -> Diagnostic:
        """A diagnostic of this kind at ``location``, in ``lang``.

        ``IMPORT_UNKNOWN_COLUMN.at(where, column="Raum")``
        """
        self.check_params(variant, params)
        message, hint = self.text(variant, params, lang)
        return Diagnostic(
            self.code,
            self.name,
            severity or self.severity,
            message,
            location,
            hint,
            related,
            url=self.url,
            key=self.key(variant),
            params=dict(params),
            sessions=sessions,
            parts=parts,
            speakers=speakers,
            rooms=rooms,
        )


def define(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    why: str,
    fix: str,
    *,
    messages: Mapping[str, Message],
    params: Mapping[str, type] | None = None,
    **docs: Any,
) -> Kind:
    """Define a kind and enter it in the registry (codes and names are unique)."""
    found = Kind(
        code,
        name,
        severity,
        summary,
        why,
        fix,
        MappingProxyType(dict(messages)),
        MappingProxyType(dict(params or {})),
        **docs,
    )
    if code in _BY_CODE or name in _BY_NAME:
        raise ValueError(f"{code} {name} is defined twice")
    _BY_CODE[code] = found
    _BY_NAME[name] = found
    return found


_BY_CODE: dict[str, Kind] = {}
_BY_NAME: dict[str, Kind] = {}
KINDS: Mapping[str, Kind] = MappingProxyType(_BY_NAME)
"""Every kind of finding of every command, by name (read-only)."""
KINDS_BY_CODE: Mapping[str, Kind] = MappingProxyType(_BY_CODE)


def seal() -> None:
    """Order the registry by code once every family is defined (listings, docs)."""
    ordered = sorted(_BY_CODE.values(), key=lambda k: k.code)
    _BY_CODE.clear()
    _BY_NAME.clear()
    _BY_CODE.update((k.code, k) for k in ordered)
    _BY_NAME.update((k.name, k) for k in ordered)


def kind(code_or_name: str) -> Kind:
    """The kind with this code (``AK601``) or name (``import-unknown-column``)."""
    found = _BY_NAME.get(code_or_name) or _BY_CODE.get(code_or_name.upper())
    if found is None:
        raise KeyError(f"no finding is called {code_or_name!r}")
    return found


def make(code_or_name: str, location: Location, variant: str = "", **params: Any) -> Diagnostic:
    """``kind(code_or_name).at(location, variant, **params)``."""
    return kind(code_or_name).at(location, variant, **params)


def translate(diagnostic: Diagnostic, lang: str) -> Diagnostic:
    """The same diagnostic with its message and hint in ``lang``."""
    if not diagnostic.key or diagnostic.params is None:
        return diagnostic
    name, _, variant = diagnostic.key.partition(".")
    found = _BY_NAME.get(name)
    if found is None or variant not in found.messages:
        return diagnostic
    message, hint = found.text(variant, diagnostic.params, lang)
    if (message, hint) == (diagnostic.message, diagnostic.hint):
        return diagnostic
    return replace(diagnostic, message=message, hint=hint)
