"""What the fuzzer runs on one input: loaders, importers, the checker and every writer,
each writer's output read back by an independent parser.

The set of targets comes from the code: the loaders' ``FORMATS``, the exchange
``IMPORTS`` and ``EXPORTS`` registries, the feed options and the invitation planner. A
target may fail only with the project's documented errors (``EXPECTED``); anything else
is a finding, and so is an output its own format's parser cannot read.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import os
import random
import re
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.ElementTree as SafeET
from icalendar import Calendar

import agenda_kit
from agenda_kit import LoadError
from agenda_kit.exchange import EXPORTS, IMPORTS, detect_import, export, import_bytes
from agenda_kit.ical.invite import Invitations, Recipient, UsageError, email_bytes, plan_invitations
from agenda_kit.ical.options import FeedOptions, feed_problems
from agenda_kit.ical.state import Baseline, InputError, read_calendars, read_state
from agenda_kit.loaders import FORMATS

SRC = str(Path(__file__).resolve().parents[2] / "src" / "agenda_kit")
# The errors the project documents for bad input: each carries a message with a position.
EXPECTED: tuple[type[BaseException], ...] = (LoadError, InputError, UsageError)
CROSS_LIMIT = 20_000
STAMP = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
MAIL_HEADERS = {"from", "to", "subject", "date", "message-id", "x-mailer", "mime-version"}
MAIL_HEADERS |= {"content-type", "content-transfer-encoding"}


FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


class Hang(BaseException):
    """A target ran past its time. A BaseException: ``except Exception`` cannot swallow it."""


class Crash(Exception):
    """The process running a case died (a signal, the memory limit outside Python)."""


class Unreadable(Exception):
    """A writer's output that its format's own parser cannot read back."""


class Injection(Exception):
    """Output text that the program reading it executes (a spreadsheet formula)."""


class Escaped(Exception):
    """An output path the planner chose outside the output folder."""


@dataclass
class Run:
    """The steps of one case: ``step`` runs one target and records what escaped it."""

    rng: random.Random
    tmp: Path
    guard: Callable[[str, Callable[[], Any]], Any]
    failures: list[tuple[str, BaseException]] = field(default_factory=list)
    steps: int = 0

    def step(self, target: str, fn: Callable[[], Any]) -> Any:
        self.steps += 1
        try:
            return self.guard(target, fn)
        except EXPECTED:
            return None
        except (Exception, Hang) as exc:  # every other exception is a finding
            self.record(target, exc)
            return None

    def record(self, target: str, exc: BaseException) -> None:
        # Keep text, not frames: a bomb's half-built objects would stay alive with them
        # and slow every later target of the case down.
        exc.fuzz_key = frame_key(exc, target)  # type: ignore[attr-defined]
        exc.fuzz_trace = "".join(traceback.format_exception(exc))[-4000:]  # type: ignore[attr-defined]
        traceback.clear_frames(exc.__traceback__)
        exc.__traceback__ = None
        exc.__context__ = exc.__cause__ = None
        self.failures.append((target, exc))


def frame_key(exc: BaseException, target: str) -> str:
    """``Type at agenda_kit/file.py:line in function`` (innermost frame in the package)."""
    if isinstance(exc, Hang | Crash):
        return f"{type(exc).__name__} in {target}"
    inner = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(SRC):
            inner = frame
    name = type(exc).__name__
    if name in ("Unreadable", "Escaped", "Injection"):
        return f"{name} in {target.rsplit(':', 1)[0] if 'read-back' in target else target}"
    if inner is None:
        return f"{name} in {target} (outside agenda_kit)"
    where = os.path.relpath(inner.filename, Path(SRC).parent)
    return f"{name} at {where}:{inner.lineno} in {inner.name}"


def run_case(data: bytes, kind: str, run: Run, context: bytes = b"") -> None:
    """Every target for an input of ``kind`` (``agenda:FMT``, ``import:FMT``,
    ``state:``, ``previous:``); ``context`` is the agenda a state or mailing belongs to."""
    rng = run.rng
    group, _, fmt = kind.partition(":")
    agenda = None
    if group == "agenda":
        agenda = run.step(f"load:{fmt}", lambda: _load(run.tmp, data, fmt))
        if len(data) < CROSS_LIMIT:  # cross-feeding, no writers (small inputs: it is slow)
            other = rng.choice([f for f in FORMATS if f != fmt])
            run.step(f"load:{other}", lambda: _load(run.tmp, data, other))
            imp = rng.choice(list(IMPORTS))
            run.step(f"import:{imp}", lambda: import_bytes(data, imp))
    elif group == "import":
        imported = run.step(f"import:{fmt}", lambda: import_bytes(data, fmt))
        agenda = imported.agenda if imported is not None else None
        sniffed = detect_import("input", data[:64])
        if sniffed != fmt:
            run.step(f"import:sniffed:{sniffed}", lambda: import_bytes(data, sniffed))
        if len(data) < CROSS_LIMIT:
            other = rng.choice(FORMATS)
            run.step(f"load:{other}", lambda: _load(run.tmp, data, other))
    elif group in ("state", "previous"):
        agenda = run.step("load:yaml", lambda: agenda_kit.loads(context.decode()))
        path = run.tmp / ("agenda-kit-state.json" if group == "state" else "previous.ics")
        path.write_bytes(data)
        reader = read_state if group == "state" else lambda p: read_calendars([p], source="x")
        baseline = run.step(f"invite:read-{group}", lambda: reader(path))
        if agenda is not None and baseline is not None:
            invite(run, agenda, baseline)
        return
    if agenda is not None:
        writers(run, agenda)


def _load(tmp: Path, data: bytes, fmt: str) -> Any:
    # Through a file, so that decoding (BOMs, invalid UTF-8) is fuzzed too.
    path = tmp / f"input.{fmt}"
    path.write_bytes(data)
    return agenda_kit.load(path, format=fmt)  # type: ignore[arg-type]


def writers(run: Run, agenda: Any) -> None:
    """The checker, the timeline, a feed, every export format and the invitations."""
    rng = run.rng
    run.step("check", lambda: agenda_kit.check(agenda))
    run.step("timeline", lambda: list(agenda_kit.sessions(agenda)))
    speakers = sorted(agenda.speakers) if getattr(agenda, "speakers", None) else []
    for _ in range(rng.choice((1, 2))):
        chosen = tuple(rng.sample(speakers, min(len(speakers), rng.choice((0, 1, 2)))))
        options = FeedOptions(
            per=rng.choice(("session", "part", "day")),
            speakers=chosen,
            reminders=rng.choice(((), (15,), (0, 1440), (10**6,))),
            refresh=rng.choice((None, 1440, 1, 10**7)),
        )
        if run.step("feed-problems", lambda c=chosen: feed_problems(agenda, list(c))):
            continue  # the CLI refuses unknown speakers before writing
        out = run.step(f"to_ical:{options.per}", lambda o=options: agenda_kit.to_ical(
            agenda, stamp=STAMP, options=o))  # fmt: skip
        if out is not None:
            run.step(f"to_ical:{options.per}:read-back", lambda b=out: read_back("ics", b))
    for fmt in EXPORTS:
        out = run.step(f"export:{fmt}", lambda f=fmt: export(agenda, f))
        if out is None:
            continue
        run.step(f"export:{fmt}:read-back", lambda f=fmt, b=out: read_back(f, b))
        if fmt in IMPORTS:
            run.step(f"export:{fmt}:import", lambda f=fmt, b=out: import_bytes(b, f))
    invite(run, agenda, Baseline())


def read_back(fmt: str, data: bytes) -> None:
    """Parse a writer's output with an independent parser; raise ``Unreadable``."""
    try:
        if fmt == "ics":
            cals = Calendar.from_ical(data, multiple=True)
            if len(cals) != 1:
                raise ValueError(f"{len(cals)} calendars")
        elif fmt == "frab-xml":
            SafeET.fromstring(data)
        elif fmt in ("json", "frab-json"):
            json.loads(data.decode("utf-8"), parse_constant=_no_constant)
        elif fmt == "csv":
            # RFC 4180 sets no field size; the csv module's default (128 KiB) is its own
            # guard against runaway quotes, not a property of the file.
            # The limit is the process's: restored, so that nothing else sees it.
            previous = csv.field_size_limit(1 << 30)
            try:
                text = io.StringIO(data.decode("utf-8-sig"), newline="")
                rows = list(csv.reader(text, strict=True))
            finally:
                csv.field_size_limit(previous)
    except Exception as exc:  # whichever the parser raises
        raise Unreadable(f"{fmt} output unreadable: {type(exc).__name__}: {exc}"[:500]) from exc
    if fmt == "csv":  # a cell a spreadsheet would evaluate (OWASP's CSV injection list)
        for row in rows:
            for cell in row:
                if cell[:1] in FORMULA and not _NUMBER.fullmatch(cell):
                    raise Injection(f"csv cell a spreadsheet evaluates: {cell[:80]!r}")
    if fmt == "json":  # the agenda format itself: what the loader reads back
        try:
            agenda_kit.loads(data.decode("utf-8"), "json")
        except LoadError as exc:
            raise Unreadable(f"json export does not load back: {exc}"[:500]) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def invite(run: Run, agenda: Any, baseline: Baseline) -> None:
    """Plan invitations in memory (no files): every message and e-mail read back, every
    path confined to the output folder, the state read back and planned again."""
    rng = run.rng
    request = Invitations(
        speakers=("all",),
        attendees=(Recipient("fuzz@example.org", rng.choice((None, "Fuzz O'Brien"))),),
        per=rng.choice(("part", "session")),
        reminders=rng.choice(((), (15,))),
        publish=True,
        eml=True,
    )
    plan = run.step("invite:plan", lambda: plan_invitations(
        agenda, request, baseline=baseline, stamp=STAMP))  # fmt: skip
    if plan is None:
        return
    run.step("invite:read-back", lambda: _check_plan(plan))
    state = run.tmp / "agenda-kit-state.json"
    state.write_bytes(plan.state())
    again = run.step("invite:state-read-back", lambda: _own_state(state))
    if again is not None:
        run.step("invite:replan", lambda: plan_invitations(
            agenda, request, baseline=again, stamp=STAMP))  # fmt: skip


def _own_state(path: Path) -> Baseline:
    try:
        return read_state(path)
    except InputError as exc:
        raise Unreadable(f"own state file refused: {exc}"[:500]) from None


def _confined(name: str | None) -> None:
    if name is None:
        return
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise Escaped(f"output path outside the folder: {name!r}")


def _check_plan(plan: Any) -> None:
    for message in plan.messages:
        _confined(message.record.file)
        read_back("ics", message.data)
        if message.mail is not None:
            raw = email_bytes(plan, message, message.data)
            mail = email.message_from_bytes(raw, policy=email.policy.default)
            extra = {k.lower() for k in mail} - MAIL_HEADERS
            if extra or mail.defects:
                raise Unreadable(f"e-mail headers {sorted(extra)} defects {mail.defects}")
    for name, data in plan.calendars.items():
        _confined(name)
        read_back("ics", data)
    for name in plan.stale_eml:
        _confined(name)


def scratch() -> Path:
    """A private folder for the files a case reads (tmpfs when the machine has one)."""
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    return Path(tempfile.mkdtemp(prefix="agenda-kit-fuzz-", dir=base))
