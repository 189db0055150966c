"""Hypothesis: any text in any field never adds or breaks a property of what we write.

Titles, names (CN parameters), affiliations, descriptions with line breaks, room and
venue names, the event title that becomes the calendar name, and e-mail addresses with
the characters RFC 5545 and URIs treat specially: commas, semicolons, colons, quotes,
backslashes, carets, CR/LF (where the model allows them), emoji and Korean. Every file
keeps exactly the properties the writer emits, gives every value back, and keeps every
physical line within 75 octets. A batch of examples also goes through libical and
ical.js.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import agenda_kit
from agenda_kit.ical.feed import to_ical
from agenda_kit.ical.invite import Invitations, Plan, Recipient, plan_invitations
from agenda_kit.ical.options import FeedOptions

from .helpers import CONTROLS
from .interop_helpers import PARSERS, check_files, read_many

STAMP = datetime(2024, 10, 1, 9, tzinfo=UTC)

# What the model allows in one-line text: anything but control characters. Weighted
# towards the characters that matter to iCalendar.
SPECIAL = ",;:\"\\^'<>@%/ 한국어🕰️\u00e9\u2028\xa0"
CHARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.characters(blacklist_categories=("Cs",), blacklist_characters=CONTROLS),
)  # fmt: skip
TEXT = st.text(CHARS, min_size=1, max_size=90)
NOTES = st.lists(st.one_of(CHARS, st.sampled_from(["\n", "\t"])), max_size=120).map("".join)
# The part before @ as an invitation takes it (and a state file gives it back): a
# dot-atom of any atext, or a quoted string holding the specials, quotes and backslashes
# escaped. The model's e-mail pattern allows no white space and no second @.
_ATEXT = "abcXYZ019+-_'!#$%&*/=?^`{|}~한"
_DOT_ATOM = st.lists(
    st.text(st.sampled_from(_ATEXT), min_size=1, max_size=5), min_size=1, max_size=3
).map(".".join)
_QUOTED = st.lists(st.sampled_from([*"abc;,:<>()[].한", '\\"', "\\\\"]), min_size=1, max_size=8)


@st.composite
def local_part(draw: Any, prefix: str) -> str:
    """A local part that starts with ``prefix`` (which keeps addresses distinct)."""
    if draw(st.booleans()):
        return f"{prefix}{draw(_DOT_ATOM)}"
    return '"' + prefix + "".join(draw(_QUOTED)) + '"'


DOMAIN = st.sampled_from(["example.org", "예시.kr", "x.example", "a-b.example.com"])


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    """An agenda with arbitrary text everywhere, an organizer and speakers with addresses."""
    n_speakers = draw(st.integers(1, 3))
    speakers = {}
    for i in range(n_speakers):
        speaker: dict[str, Any] = {
            "name": draw(TEXT),
            "email": f"{draw(local_part(f's{i}'))}@{draw(DOMAIN)}",
        }
        if draw(st.booleans()):
            speaker["affiliation"] = draw(TEXT)
        speakers[f"sp{i}"] = speaker
    sessions = []
    for i in range(draw(st.integers(1, 4))):
        session: dict[str, Any] = {
            "id": f"x{i}",
            "title": draw(TEXT),
            "minutes": draw(st.integers(5, 120)),
            "speakers": [f"sp{draw(st.integers(0, n_speakers - 1))}"],
        }
        if draw(st.booleans()):
            session["description"] = draw(NOTES)
        sessions.append(session)
    sessions[0]["start"] = f"{draw(st.integers(0, 20)):02d}:{draw(st.integers(0, 59)):02d}"
    event: dict[str, Any] = {
        "id": "prop",
        "title": draw(TEXT),
        "date": "2024-10-27",
        "timezone": draw(st.sampled_from(["Europe/Berlin", "Asia/Seoul", "America/New_York"])),
        "organizer": {"name": draw(TEXT), "email": f"{draw(local_part('o'))}@{draw(DOMAIN)}"},
    }
    if draw(st.booleans()):
        event["description"] = draw(NOTES)
    return {
        "agenda": 1,
        "event": event,
        "venue": {"name": draw(TEXT), "address": draw(TEXT),
                  "rooms": {"r": {"name": draw(TEXT), "floor": draw(TEXT)}}},
        "speakers": speakers,
        "parts": [{"id": "p", "title": draw(TEXT), "room": "r", "sessions": sessions}],
    }  # fmt: skip


@st.composite
def attendees(draw: Any) -> tuple[Recipient, ...]:
    people = []
    for i in range(draw(st.integers(1, 2))):
        people.append(
            Recipient(
                f"{draw(local_part(f'a{i}'))}@{draw(DOMAIN)}", draw(st.one_of(st.none(), TEXT))
            )
        )
    return tuple(people)


def load(document: dict[str, Any]) -> agenda_kit.Agenda:
    return agenda_kit.loads(json.dumps(document), format="json")


def plan_for(document: dict[str, Any], people: tuple[Recipient, ...], per: str) -> Plan:
    request = Invitations(
        speakers=("all",),
        attendees=people,
        per=per,
        reminders=(15,),
        publish=True,  # type: ignore[arg-type]
    )
    return plan_invitations(load(document), request, stamp=STAMP)


def assert_lines_are_folded(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no line ends inside a UTF-8 sequence


def unescape(text: str) -> str:
    """icalendar reads NAME and X- properties as raw text: unescape them as RFC 5545 TEXT."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def in_a_parameter(name: str | None) -> str | None:
    """A name as a CN parameter holds it: without white space around it (none at all
    for a blank name), and U+FF3C (fullwidth reverse solidus) for a backslash, on which
    parsers disagree there."""
    return (name or "").strip().replace("\\", "\uff3c") or None


def as_title(title: str) -> str:
    """The event title as the calendar's name: a blank one gives the event's id."""
    return title.strip(" \t") if title.strip() else "prop"


def as_summary(title: str) -> str:
    """A title as SUMMARY holds it: libical drops spaces around a value, so the writer
    does too; a blank title gives the session's kind."""
    return title.strip(" \t") if title.strip() else "talk"


def one_line(text: str) -> str:
    return text.replace("\r\n", "\n")


def names(component: Any) -> list[str]:
    return [str(name) for name, _ in component.property_items(recursive=False, sorted=False)][1:-1]


REQUEST_SESSION = [
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "CATEGORIES",
    "RELATED-TO",
    "STATUS",
    "ORGANIZER",
    "ATTENDEE",
]
REQUEST_PART = [
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "STATUS",
    "ORGANIZER",
    "ATTENDEE",
]


def check_plan(document: dict[str, Any], people: tuple[Recipient, ...], plan: Plan) -> None:
    agenda = load(document)
    titles = {f"prop-{s['id']}@agenda-kit": s["title"] for s in document["parts"][0]["sessions"]}
    organizer = document["event"]["organizer"]
    addresses = {s["email"]: s["name"] for s in document["speakers"].values()}
    addresses.update({p.email: p.name for p in people})
    assert plan.messages
    for message in plan.messages:
        data = message.data
        assert_lines_are_folded(data)
        cal = Calendar.from_ical(data)
        assert names(cal) == ["VERSION", "PRODID", "CALSCALE", "METHOD"]
        (event,) = cal.walk("VEVENT")
        uid = str(event["UID"])
        is_part = uid.endswith("~part@agenda-kit")
        assert names(event) == (REQUEST_PART if is_part else REQUEST_SESSION)
        assert [names(a) for a in event.walk("VALARM")] == [["ACTION", "DESCRIPTION", "TRIGGER"]]
        summary = str(event["SUMMARY"])
        if not is_part:
            assert summary == as_summary(titles[uid])
        assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == summary
        assert event["ORGANIZER"].params.get("CN") == in_a_parameter(organizer["name"])
        assert unquote(str(event["ORGANIZER"])) == f"mailto:{organizer['email']}"
        attendee = event["ATTENDEE"]
        email = unquote(str(attendee))[len("mailto:") :]
        assert email == message.record.recipient
        assert attendee.params.get("CN") == in_a_parameter(addresses[email])
        room = document["venue"]["rooms"]["r"]["name"].strip(" \t")
        assert str(event["LOCATION"]).startswith(room)
        description = str(event["DESCRIPTION"])
        if not is_part:
            session = next(
                s for s in document["parts"][0]["sessions"] if uid == f"prop-{s['id']}@agenda-kit"
            )
            notes = session.get("description", "").strip()
            # The session's notes (white space around them left out), then the speakers.
            assert description.startswith(notes + "\n\n" if notes else "Speakers: ")
    for path, data in plan.calendars.items():
        assert_lines_are_folded(data)
        cal = Calendar.from_ical(data)
        title = unescape(str(cal["NAME"]))
        assert title.startswith(as_title(document["event"]["title"]) + " – "), path
        assert unescape(str(cal["X-WR-CALNAME"])) == title
        assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))
    del agenda


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), attendees(), st.sampled_from(["part", "session"]))
def test_any_text_keeps_every_invitation_whole(
    document: dict[str, Any], people: tuple[Recipient, ...], per: str
) -> None:
    check_plan(document, people, plan_for(document, people, per))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["session", "part", "day"]))
def test_any_text_keeps_every_feed_whole(document: dict[str, Any], per: str) -> None:
    agenda = load(document)
    data = to_ical(agenda, stamp=STAMP, options=FeedOptions(per=per, reminders=(10,)))  # type: ignore[arg-type]
    assert_lines_are_folded(data)
    cal = Calendar.from_ical(data)
    event = document["event"]
    head = ["VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "X-WR-TIMEZONE"]
    if (event.get("description") or "").strip(" \t"):
        head += ["DESCRIPTION", "X-WR-CALDESC"]
    assert names(cal) == [*head, "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-AGENDA-KIT-EVENT"]
    # The event title is the calendar's name, in RFC 7986 NAME and in X-WR-CALNAME.
    assert unescape(str(cal["NAME"])) == unescape(str(cal["X-WR-CALNAME"]))
    assert unescape(str(cal["NAME"])) == as_title(event["title"])
    if (event.get("description") or "").strip(" \t"):
        assert str(cal["DESCRIPTION"]) == unescape(str(cal["X-WR-CALDESC"]))
        assert str(cal["DESCRIPTION"]) == event["description"].strip(" \t")
    for vevent in cal.walk("VEVENT"):
        assert names(vevent)[:3] == ["UID", "DTSTAMP", "DTSTART"]
        assert len(set(names(vevent))) == len(names(vevent))  # no property twice


def test_a_batch_of_any_text_reads_the_same_in_libical_and_icaljs(tmp_path: Path) -> None:
    """Examples drawn by hypothesis, written, then read by each parser in one process."""
    examples: list[tuple[dict[str, Any], tuple[Recipient, ...], str]] = []

    @settings(max_examples=40, deadline=None, database=None)
    @given(documents(), attendees(), st.sampled_from(["part", "session"]))
    def collect(document: dict[str, Any], people: tuple[Recipient, ...], per: str) -> None:
        examples.append((document, people, per))

    collect()
    paths: list[Path] = []
    for n, (document, people, per) in enumerate(examples):
        plan = plan_for(document, people, per)
        for i, message in enumerate(plan.messages):
            path = tmp_path / f"{n}-{i}.ics"
            path.write_bytes(message.data)
            paths.append(path)
        for i, data in enumerate(plan.calendars.values()):
            path = tmp_path / f"{n}-publish-{i}.ics"
            path.write_bytes(data)
            paths.append(path)
        feed = tmp_path / f"{n}-feed.ics"
        feed.write_bytes(to_ical(load(document), stamp=STAMP))
        paths.append(feed)
    check_files(paths)
    fields = ("summary", "location", "description", "organizer", "attendees", "alarms")
    dumps = {parser: read_many(parser, paths) for parser in PARSERS}
    for i, path in enumerate(paths):
        for n, reference in enumerate(dumps["icalendar"][i]["events"]):
            for parser in ("libical", "ical.js"):
                event = dumps[parser][i]["events"][n]
                for key in fields:
                    assert event[key] == reference[key], (parser, path.name, key)
