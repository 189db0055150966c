"""Arbitrary text in every field an invitation takes from a file never adds a line.

The attendee CSV, the state file and a previous mailing get text with CR, LF, U+2028,
U+0085, NUL, U+FFFF, lone surrogates (where the format carries them: JSON escapes) and
very long runs. Each input is either refused (``InputError``) or gives .ics and .eml
files that icalendar and Python's e-mail parser read back with exactly the components,
properties, parameters and headers of a clean run, no more. A sample goes through
libical and ical.js as well.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as email_default
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import agenda_kit
from agenda_kit.ical.attendees import read_attendees
from agenda_kit.ical.invite import Invitations, plan_invitations, write_plan
from agenda_kit.ical.state import STATE_FILE, InputError, load_baseline, read_state

from .interop_helpers import PARSERS, check_files, read_many

SCENARIO = Path(__file__).parent / "invite" / "scenario.yaml"
STAMP = datetime(2025, 3, 18, 9, tzinfo=UTC)
NASTY = "\r\n\u2028\u2029\x85\x00\uffff\ufffe\x0b\x0c\x1b\x9b\"';:,\\^<>@%/ \t=?한"
CHARS = st.one_of(st.sampled_from(NASTY), st.characters())
SHORT = st.text(CHARS, max_size=40)
TEXT = st.one_of(SHORT, SHORT.map(lambda t: t * 400))  # very long lines too
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def agenda(without_talk_c: bool = False) -> agenda_kit.Agenda:
    text = SCENARIO.read_text()
    if without_talk_c:
        text = "\n".join(line for line in text.splitlines() if "talk-c" not in line) + "\n"
    return agenda_kit.loads(text, format="yaml")


def shape(folder: Path) -> dict[str, Any]:
    """What the outputs are made of: per kind of file, the components, property names,
    parameter names (one by one: a parameter left out is fine) and e-mail headers found,
    and how many addresses From and To have."""
    out: dict[str, set[Any]] = {"components": set(), "properties": set(), "headers": set()}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".ics":
            data = path.read_bytes()
            bare = data.replace(b"\r\n", b"")
            assert b"\r" not in bare and b"\n" not in bare
            (calendar,) = Calendar.from_ical(data, multiple=True)
            method = str(calendar.get("METHOD"))
            for component in calendar.walk():
                out["components"].add((method, component.name))
                for name, value in component.property_items(recursive=False):
                    out["properties"].add((method, component.name, name, None))
                    for param in getattr(value, "params", {}) or {}:
                        out["properties"].add((method, component.name, name, param))
            if method in ("REQUEST", "CANCEL"):
                assert len(calendar.walk("VEVENT")) == 1
        elif path.suffix == ".eml":
            mail = message_from_bytes(path.read_bytes(), policy=email_default)
            assert not mail.defects
            headers = tuple(mail.keys())
            counts = tuple(len(mail[h].addresses) for h in ("From", "To"))
            parts = tuple(p.get_content_type() for p in mail.walk())
            out["headers"].add((headers, counts, parts))
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A first run (speakers and two attendees, e-mails, calendars) and what a second run
    that cancels ``talk-c`` writes: the shapes every tampered run must stay within."""
    first = tmp_path_factory.mktemp("first")
    people = tmp_path_factory.mktemp("csv") / "people.csv"
    people.write_text("email,name,role\nzoe@example.org,Zoe,optional\nal@example.org,Al,chair\n")
    request = Invitations(
        speakers=("all",), attendees=tuple(read_attendees(people)), per="session",
        eml=True, publish=True,
    )  # fmt: skip
    write_plan(plan_invitations(agenda(), request, stamp=STAMP), first)
    second = tmp_path_factory.mktemp("second")
    shutil.copytree(first, second, dirs_exist_ok=True)
    baseline = read_state(second / STATE_FILE)
    write_plan(plan_invitations(agenda(True), request, baseline=baseline, stamp=STAMP), second)
    allowed = shape(second)
    for key, value in shape(first).items():
        allowed[key] |= value
    return first, allowed


def assert_within(folder: Path, allowed: dict[str, Any]) -> None:
    found = shape(folder)
    for key in found:
        assert found[key] <= allowed[key], (key, found[key] - allowed[key])


def run_cancel(folder: Path, attendees: Path | None = None) -> None:
    """Read the state (or the previous mailing) back and cancel ``talk-c``."""
    people = tuple(read_attendees(attendees)) if attendees else ()
    request = Invitations(
        speakers=("all",), attendees=people, per="session", eml=True, publish=True,
    )  # fmt: skip
    baseline = load_baseline(folder / STATE_FILE)
    write_plan(plan_invitations(agenda(True), request, baseline=baseline, stamp=STAMP), folder)


FIELDS = ("recipient", "uid", "summary", "location", "name", "role", "item", "file", "eml")


@SETTINGS
@given(field=st.sampled_from(FIELDS), text=TEXT, ascii_only=st.booleans())
def test_any_text_in_the_state_file_is_refused_or_stays_in_its_value(
    clean: tuple[Path, dict[str, Any]], tmp_path: Path, field: str, text: str, ascii_only: bool
) -> None:
    first, allowed = clean
    folder = tmp_path / "run"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(first, folder)
    state = folder / STATE_FILE
    data = json.loads(state.read_text())
    for message in data["messages"]:
        if message.get("item") == "talk-c":
            message[field] = text  # the record that is cancelled: its values are written
    state.write_text(json.dumps(data, ensure_ascii=ascii_only, indent=1))
    outside = {p.name for p in tmp_path.iterdir()}
    try:
        run_cancel(folder)
    except (InputError, UnicodeEncodeError):
        return
    assert {p.name for p in tmp_path.iterdir()} == outside
    assert_within(folder, allowed)


@SETTINGS
@given(column=st.sampled_from(["email", "name"]), text=TEXT)
def test_any_text_in_the_attendee_file_is_refused_or_stays_in_its_value(
    clean: tuple[Path, dict[str, Any]], tmp_path: Path, column: str, text: str
) -> None:
    first, allowed = clean
    folder = tmp_path / "run"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(first, folder)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["email", "name", "role"])
    writer.writerow(["zoe@example.org", "Zoe", "optional"])
    row = {"email": "al@example.org", "name": "Al"} | {column: text}
    writer.writerow([row["email"], row["name"], "chair"])
    people = tmp_path / "people.csv"
    people.write_bytes(rows.getvalue().encode("utf-8", "surrogatepass"))
    try:
        run_cancel(folder, people)
    except InputError:
        return
    assert_within(folder, allowed)


PREVIOUS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART:20250318T080000Z\r\nDTEND:20250318T090000Z\r\nSUMMARY:{summary}\r\n"
    "LOCATION:{location}\r\n"
    'ATTENDEE;ROLE={role};CN="{cn}":mailto:{address}@example.org\r\n'
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
CLEAN_PREVIOUS = {
    "uid": "gone@other.example", "summary": "Gone", "location": "Hall", "role": "CHAIR",
    "cn": "Ana", "address": "ana",
}  # fmt: skip


def previous_text(field: str, text: str, encode: bool) -> str:
    """A previous mailing with ``text`` in one of its values: as it is (whatever the
    parser makes of it), or escaped as a writer would (RFC 6868 in CN, TEXT escapes,
    percent-encoding in the address)."""
    if encode:
        if field == "cn":
            text = text.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
        elif field == "address":
            text = "".join(ch if ch.isalnum() else f"%{ord(ch) % 256:02X}" for ch in text)
        elif field in ("summary", "location"):
            text = text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
    return PREVIOUS.format(**(CLEAN_PREVIOUS | {field: text}))


@SETTINGS
@given(field=st.sampled_from(sorted(CLEAN_PREVIOUS)), text=TEXT, encode=st.booleans())
def test_any_text_in_a_previous_mailing_is_refused_or_stays_in_its_value(
    clean: tuple[Path, dict[str, Any]], tmp_path: Path, field: str, text: str, encode: bool
) -> None:
    _, allowed = clean
    folder = tmp_path / "run"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    previous = tmp_path / "previous.ics"
    previous.write_bytes(previous_text(field, text, encode).encode("utf-8", "surrogatepass"))
    request = Invitations(speakers=("all",), per="session", eml=True, publish=True)
    try:
        baseline = load_baseline(previous)
        plan = plan_invitations(agenda(), request, baseline=baseline, stamp=STAMP)
    except InputError:
        return
    write_plan(plan, folder)
    assert_within(folder, allowed)


def test_a_sample_of_tampered_cancellations_reads_the_same_in_libical_and_icaljs(
    clean: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Previous mailings with escaped text that is accepted, cancelled, then read by
    every parser: the same SUMMARY, LOCATION and ATTENDEE in each."""
    samples: list[tuple[str, str]] = []

    @settings(max_examples=30, deadline=None, database=None)
    @given(st.sampled_from(["summary", "location", "cn"]), SHORT)
    def collect(field: str, text: str) -> None:
        samples.append((field, text))

    collect()
    paths = []
    request = Invitations(speakers=("all",), per="session")
    for n, (field, text) in enumerate(samples):
        previous = tmp_path / f"previous-{n}.ics"
        previous.write_bytes(previous_text(field, text, True).encode("utf-8", "surrogatepass"))
        try:
            baseline = load_baseline(previous)
        except InputError:
            continue
        plan = plan_invitations(agenda(), request, baseline=baseline, stamp=STAMP)
        for message in plan.messages:
            if message.record.method == "CANCEL":
                path = tmp_path / f"cancel-{n}.ics"
                path.write_bytes(message.data)
                paths.append(path)
    assert len(paths) >= 5
    check_files(paths)
    dumps = {parser: read_many(parser, paths) for parser in PARSERS}
    for i, path in enumerate(paths):
        reference = dumps["icalendar"][i]["events"]
        assert len(reference) == 1
        for parser in ("libical", "ical.js"):
            for key in ("summary", "location", "organizer", "attendees"):
                assert dumps[parser][i]["events"][0][key] == reference[0][key], (parser, path, key)
