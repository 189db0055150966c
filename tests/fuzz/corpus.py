"""The seed corpus of the fuzzer, discovered from the repository and the shared real files.

Every example and fixture agenda (in the format it is written in, and each YAML one also
converted to JSON and TOML so that those loaders get well-formed seeds too), and every
importable file: the format is found the way the CLI finds it, by name or first bytes,
so a new import format's files are picked up without changing the fuzzer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from agenda_kit.exchange import IMPORTS, detect_import

ROOT = Path(__file__).resolve().parents[2]
# The shared real files are never copied into the repository: read them where they are
# (next to the repository, or next to the folder of worktrees it is checked out in).
REALWORLD_CANDIDATES = (
    ROOT.parent / "shared" / "realworld",
    ROOT.parents[1] / "shared" / "realworld",
)
AGENDA_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


@dataclass(frozen=True, slots=True)
class Seed:
    """One corpus file: ``kind`` is ``agenda:FORMAT`` or ``import:FORMAT``."""

    name: str
    data: bytes
    kind: str
    context: bytes = b""  # for a state file or a previous mailing: the agenda's YAML

    @property
    def format(self) -> str:
        return self.kind.split(":", 1)[1]


def realworld_dir() -> Path | None:
    """``$AGENDA_KIT_REALWORLD``, else ``../shared/realworld`` next to the repository."""
    env = os.environ.get("AGENDA_KIT_REALWORLD")
    candidates = (Path(env),) if env else REALWORLD_CANDIDATES
    return next((p for p in candidates if p.is_dir()), None)


def _agenda_files() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.yaml"))
    files += sorted(p for p in (ROOT / "tests" / "agendas").rglob("*") if p.is_file())
    files += sorted((ROOT / "tests" / "invite").glob("*.yaml"))
    return [p for p in files if p.suffix in AGENDA_SUFFIXES]


def _import_kind(path: Path, data: bytes) -> str | None:
    fmt = detect_import(path.name, data[:64])
    # detect_import falls back to "text" for anything; keep that only for text-like names.
    if fmt == "text" and path.suffix.lower() not in IMPORTS["text"].suffixes:
        return None
    return f"import:{fmt}"


def discover(realworld: Path | None = None) -> list[Seed]:
    """All seeds, in a fixed order (the fuzzer's choices depend on it)."""
    seeds: list[Seed] = []
    for path in _agenda_files():
        data = path.read_bytes()
        fmt = AGENDA_SUFFIXES[path.suffix]
        name = str(path.relative_to(ROOT))
        seeds.append(Seed(name, data, f"agenda:{fmt}"))
        if fmt == "yaml":
            seeds.extend(converted(name, data))
    # Fixtures that are inputs of the importers (the invitation golden files, ...).
    for path in sorted((ROOT / "tests").rglob("*")):
        if path.is_file() and "fuzz" not in path.parts and path.suffix in (".ics", ".xml", ".csv"):
            kind = _import_kind(path, path.read_bytes())
            if kind:
                seeds.append(Seed(str(path.relative_to(ROOT)), path.read_bytes(), kind))
    real = realworld if realworld is not None else realworld_dir()
    if real is not None:
        for path in sorted(p for p in real.rglob("*") if p.is_file()):
            if path.parent.name == "schema" or path.name in ("SHA256SUMS", "PROVENANCE.md"):
                continue
            data = path.read_bytes()
            name = f"realworld/{path.relative_to(real)}"
            if path.suffix in (".yaml", ".yml"):
                seeds.append(Seed(name, data, "agenda:yaml"))
                seeds.extend(converted(name, data))
            else:
                kind = _import_kind(path, data)
                if kind:
                    seeds.append(Seed(name, data, kind))
    return seeds + exported(seeds) + mailings(seeds)


def parse_yaml(data: bytes) -> Any:
    """A YAML document as plain Python data (YAML 1.2, like the loader), or None."""
    from ruamel.yaml import YAML

    try:
        with warnings.catch_warnings():  # an anchor defined again is fuzzed on purpose
            warnings.simplefilter("ignore")
            return YAML(typ="safe", pure=True).load(data.decode("utf-8-sig"))
    except Exception:
        return None


def converted(name: str, data: bytes) -> list[Seed]:
    """The YAML agenda as JSON and TOML seeds (when it is a mapping that converts)."""
    doc = parse_yaml(data)
    if not isinstance(doc, dict):
        return []
    out = []
    for fmt, writer in (("json", to_json), ("toml", to_toml)):
        try:
            out.append(Seed(f"{name}->{fmt}", writer(doc), f"agenda:{fmt}"))
        except (TypeError, ValueError):
            continue  # not expressible in that format (TOML has no null)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def to_json(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1, default=_plain).encode()


def _toml_key(key: Any) -> str:
    text = str(key)
    if text and all(c.isascii() and (c.isalnum() or c in "-_") for c in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if value is None:
        raise ValueError("TOML has no null")
    raise TypeError(f"not TOML: {type(value).__name__}")


def to_toml(doc: dict[str, Any]) -> bytes:
    """A small TOML writer: top-level keys, inline tables below (enough for seeds)."""
    out = StringIO()
    for key, value in doc.items():
        out.write(f"{_toml_key(key)} = {_toml_value(value)}\n")
    return out.getvalue().encode()


def exported(seeds: list[Seed]) -> list[Seed]:
    """Import seeds written by agenda-kit itself: every valid fixture agenda in every
    export format that is also an import format (the CSV importer has no other seed)."""
    from agenda_kit import LoadError, loads
    from agenda_kit.exchange import EXPORTS, export

    out = []
    for seed in seeds:
        valid = "/valid/" in seed.name or "examples/" in seed.name
        if seed.kind != "agenda:yaml" or not valid:
            continue
        try:
            agenda = loads(seed.data.decode("utf-8-sig"), "yaml", name=seed.name)
        except LoadError:
            continue
        for fmt in EXPORTS:
            if fmt in IMPORTS:
                out.append(Seed(f"{seed.name}->{fmt}", export(agenda, fmt), f"import:{fmt}"))
    return out


def mailings(seeds: list[Seed]) -> list[Seed]:
    """What ``invite`` reads back (untrusted): its state file and a sent message, from a
    run on each invitation fixture."""
    from agenda_kit import loads
    from agenda_kit.ical.invite import Invitations, Recipient, plan_invitations

    out = []
    for seed in seeds:
        if not seed.name.startswith("tests/invite/") or seed.kind != "agenda:yaml":
            continue
        agenda = loads(seed.data.decode("utf-8-sig"), "yaml", name=seed.name)
        request = Invitations(
            speakers=("all",), attendees=(Recipient("fuzz@example.org", "Fuzz"),), eml=True
        )
        plan = plan_invitations(agenda, request, stamp=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        out.append(Seed(f"{seed.name}->state", plan.state(), "state:", seed.data))
        for message in plan.messages[:2]:
            out.append(
                Seed(f"{seed.name}->{message.record.file}", message.data, "previous:", seed.data)
            )
    return out
