"""Every file the tool writes, read by libical, ical.js and icalendar.

Feeds (per session, per part, per day, personal, with reminders), invitations (REQUEST),
updates, cancellations (CANCEL) and downloads (PUBLISH), on the seed agenda (Asia/Seoul)
and on a three-day agenda in Europe/Berlin across the night the clocks go back. Each
file must be clean for libical (no X-LIC-ERROR, no INVALID-ITIP from its restriction
check), have no floating times for ical.js, and give the same UTC start and end of
every event in all three parsers (``interop_helpers.check_files``).
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import agenda_kit
from agenda_kit.ical.feed import to_ical
from agenda_kit.ical.invite import Invitations, Recipient, plan_invitations, write_plan
from agenda_kit.ical.options import FeedOptions
from agenda_kit.ical.state import STATE_FILE, read_state

from .interop_helpers import PARSERS, SEED, Dump, check_files, iso_utc, read_with

INVITE = Path(__file__).parent / "invite"
HERBST = INVITE / "herbst-2024.yaml"
SCENARIO = INVITE / "scenario.yaml"
T1 = datetime(2024, 10, 1, 9, tzinfo=UTC)
T2 = datetime(2024, 10, 4, 9, tzinfo=UTC)

# The seed as an organizer would send it: with an organizer and addresses.
ORGANIZER = "  organizer: {name: 중소벤처기업부, email: press@example.go.kr}\n"
SEED_WITH_ADDRESSES = (
    SEED.read_text("utf-8")
    .replace("  lang: ko\n", "  lang: ko\n" + ORGANIZER)
    .replace("{name: 사회자}", "{name: 사회자, email: mc@example.kr}")
    .replace(
        "{name: 중소벤처기업부 장관}", "{name: 중소벤처기업부 장관, email: minister@example.kr}"
    )
    .replace("affiliation: 부산테크노파크}", "affiliation: 부산테크노파크, email: btp@example.kr}")
)


def unescape(text: str) -> str:
    """RFC 5545 TEXT as written, as a reader shows it."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


FEEDS = {
    "session": FeedOptions(),
    "part": FeedOptions(per="part"),
    "day": FeedOptions(per="day"),
    "remind": FeedOptions(reminders=(15, 1440), refresh=360),
    "speaker": FeedOptions(speakers=("minister", "bo"), reminders=(10,)),
}


def agendas() -> dict[str, agenda_kit.Agenda]:
    return {
        "seed": agenda_kit.loads(SEED_WITH_ADDRESSES, name="technopark-2024.yaml"),
        "herbst": agenda_kit.load(HERBST),
        "scenario": agenda_kit.load(SCENARIO),
    }


def api_times(agenda: agenda_kit.Agenda) -> dict[str, tuple[str, str]]:
    return {
        f"{agenda.event.id}-{s.id}@agenda-kit": (iso_utc(s.start), iso_utc(s.end))
        for s in agenda_kit.sessions(agenda)
    }


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("feeds")
    out = {}
    for name, agenda in agendas().items():
        for kind, options in FEEDS.items():
            speakers = tuple(s for s in options.speakers if s in agenda.speakers)
            if options.speakers and not speakers:
                continue
            opts = FeedOptions(options.per, speakers, options.reminders, options.refresh)
            path = folder / f"{name}-{kind}.ics"
            path.write_bytes(to_ical(agenda, stamp=T1, options=opts))
            out[(name, kind)] = path
    return out


@pytest.fixture(scope="module")
def invitations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folders of invitation runs: first runs, and a second run with changes."""
    folders = {}
    attendees = (
        Recipient("zoe@example.org", 'Zoë "Z" Ünal; guest', "OPT-PARTICIPANT"),
        Recipient("정민@example.kr", "김정민"),
    )
    for name, agenda in agendas().items():
        folder = tmp_path_factory.mktemp(f"invite-{name}")
        request = Invitations(
            speakers=("all",), attendees=attendees, reminders=(15,), publish=True, eml=True
        )
        write_plan(plan_invitations(agenda, request, stamp=T1), folder)
        folders[name] = folder
    # The scenario: move a session, retitle one, remove one; and attendees per session.
    folder = tmp_path_factory.mktemp("invite-scenario-changed")
    first = agenda_kit.load(SCENARIO)
    request = Invitations(speakers=("all",), attendees=attendees, per="session", publish=True)
    write_plan(plan_invitations(first, request, stamp=T1), folder)
    text = (
        SCENARIO.read_text("utf-8")
        .replace("time: 09:00-10:00", "time: 09:10-10:10")
        .replace("time: 10:00-10:30, kind: break", "time: 10:10-10:30, kind: break")
        .replace("title: Talk B", "title: Talk B; retitled")
        .replace("      - {id: talk-c, time: 12:00-12:30, title: Talk C, speakers: [ana]}\n", "")
    )
    baseline = read_state(folder / STATE_FILE)
    plan = plan_invitations(agenda_kit.loads(text), request, baseline=baseline, stamp=T2)
    assert sorted(m.change for m in plan.to_send) == [
        "cancelled", "cancelled", "cancelled", "rescheduled", "rescheduled", "rescheduled",
        "updated", "updated", "updated",
    ]  # fmt: skip
    write_plan(plan, folder)
    folders["changed"] = folder
    return folders


def ics_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ics"))


# --- feeds --------------------------------------------------------------------------


def test_every_feed_is_clean_in_every_parser(feeds: dict[tuple[str, str], Path]) -> None:
    check_files(list(feeds.values()))


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("name", ["seed", "herbst", "scenario"])
def test_feed_times_are_the_api_times(
    name: str, parser: str, feeds: dict[tuple[str, str], Path]
) -> None:
    agenda = agendas()[name]
    dump = read_with(parser, feeds[(name, "session")])
    assert {e["uid"]: (e["start_utc"], e["end_utc"]) for e in dump["events"]} == api_times(agenda)


@pytest.mark.parametrize("parser", PARSERS)
def test_part_and_day_entries_read_the_same(
    parser: str, feeds: dict[tuple[str, str], Path]
) -> None:
    parts = read_with(parser, feeds[("herbst", "part")])
    assert [(e["uid"], e["start_utc"], e["end_utc"]) for e in parts["events"]] == [
        ("herbst-2024-day1~part@agenda-kit", "2024-10-26T08:00:00Z", "2024-10-26T10:00:00Z"),
        # The night part has no span: its extent is its session's, the first 02:30
        # (CEST, 00:30Z) to 03:30 CET (02:30Z).
        ("herbst-2024-night~part@agenda-kit", "2024-10-27T00:30:00Z", "2024-10-27T02:30:00Z"),
        ("herbst-2024-day2~part@agenda-kit", "2024-10-27T09:00:00Z", "2024-10-27T11:00:00Z"),
        ("herbst-2024-day3~part@agenda-kit", "2024-10-28T09:00:00Z", "2024-10-28T10:00:00Z"),
    ]
    days = read_with(parser, feeds[("herbst", "day")])
    assert [(e["uid"], e["start_date"], e["end_date"], e["summary"]) for e in days["events"]] == [
        ("herbst-2024-2024-10-26~day@agenda-kit", "2024-10-26", "2024-10-27",
         "Herbstkonferenz 2024: Zeit, Zonen; Kalender (day 1 of 3)"),
        ("herbst-2024-2024-10-27~day@agenda-kit", "2024-10-27", "2024-10-28",
         "Herbstkonferenz 2024: Zeit, Zonen; Kalender (day 2 of 3)"),
        ("herbst-2024-2024-10-28~day@agenda-kit", "2024-10-28", "2024-10-29",
         "Herbstkonferenz 2024: Zeit, Zonen; Kalender (day 3 of 3)"),
    ]  # fmt: skip
    seed = read_with(parser, feeds[("seed", "part")])
    assert [(e["uid"], e["start_utc"], e["end_utc"], e["summary"]) for e in seed["events"]] == [
        ("technopark-2024-part-1~part@agenda-kit", "2024-10-17T06:00:00Z",
         "2024-10-17T07:00:00Z", "테크노파크 성과 발표회 및 간담회: 1부 성과발표회"),
        ("technopark-2024-part-2~part@agenda-kit", "2024-10-17T07:00:00Z",
         "2024-10-17T08:20:00Z", "테크노파크 성과 발표회 및 간담회: 2부 간담회"),
    ]  # fmt: skip


def calendar_value(dump: Dump, key: str) -> Any:
    return dump["calendar"]["values"].get(key)


@pytest.mark.parametrize("parser", ["libical", "ical.js"])
def test_feed_calendar_properties(parser: str, feeds: dict[tuple[str, str], Path]) -> None:
    dump = read_with(parser, feeds[("herbst", "remind")])
    values = dump["calendar"]["values"]
    # RFC 7986 says REFRESH-INTERVAL carries VALUE=DURATION: both read it as a duration.
    assert values["REFRESH-INTERVAL;VALUE=DURATION"] == "PT6H"
    assert values["X-PUBLISHED-TTL"] == "PT6H"
    # ical.js does not know RFC 7986 NAME, nor X-WR-CALNAME: it keeps their text as
    # written (escaped), as it does for any property it does not know.
    name = values["NAME"] if parser == "libical" else unescape(values["NAME"])
    assert name == "Herbstkonferenz 2024: Zeit, Zonen; Kalender"
    calname = values["X-WR-CALNAME"] if parser == "libical" else unescape(values["X-WR-CALNAME"])
    assert calname == name
    assert values["COLOR"] == "darkorange"
    assert values["X-APPLE-CALENDAR-COLOR"] == "#FF8C00"
    assert values["X-WR-TIMEZONE"] == "Europe/Berlin"


@pytest.mark.parametrize("parser", PARSERS)
def test_feed_event_details(parser: str, feeds: dict[tuple[str, str], Path]) -> None:
    dump = read_with(parser, feeds[("herbst", "remind")])
    zones = next(e for e in dump["events"] if e["uid"] == "herbst-2024-zones@agenda-kit")
    assert zones["url"] == "https://example.org/talks/zones?lang=en&day=1"
    assert zones["geo"] == [52.5391, 13.4125]
    assert zones["related_to"] == []  # the part entry is not in a per-session feed
    summary = "Zones, offsets; and why UTC isn't enough 🕰️"
    assert zones["alarms"] == [
        {"action": "DISPLAY", "trigger": "-PT15M", "description": summary},
        {"action": "DISPLAY", "trigger": "-P1D", "description": summary},
    ]
    assert zones["description"] == (
        "Why a fixed offset is not a time zone.\nBring questions; answers are optional.\n\n"
        "Speakers: Ana Müller (Zeitlabor, Berlin), 김보영 (부산테크노파크)"
    )


@pytest.mark.parametrize("parser", PARSERS)
def test_personal_feed_has_only_the_speakers_sessions(
    parser: str, feeds: dict[tuple[str, str], Path]
) -> None:
    dump = read_with(parser, feeds[("herbst", "speaker")])
    assert [e["uid"] for e in dump["events"]] == [
        "herbst-2024-zones@agenda-kit",
        "herbst-2024-calendars@agenda-kit",
        "herbst-2024-panel@agenda-kit",
    ]
    seed = read_with(parser, feeds[("seed", "speaker")])
    # The minister's rows of the press release.
    assert [e["uid"] for e in seed["events"]] == [
        "technopark-2024-lecture@agenda-kit",
        "technopark-2024-awards@agenda-kit",
        "technopark-2024-opening-remarks@agenda-kit",
        "technopark-2024-dialogue@agenda-kit",
        "technopark-2024-closing@agenda-kit",
    ]


# --- invitations --------------------------------------------------------------------


def test_every_invitation_file_is_clean_in_every_parser(invitations: dict[str, Path]) -> None:
    paths = [p for folder in invitations.values() for p in ics_files(folder)]
    assert len(paths) > 60
    dumps = check_files(paths)
    methods = {d["calendar"]["method"] for d in dumps["icalendar"]}
    assert methods == {"REQUEST", "CANCEL", "PUBLISH"}


def test_invitations_are_at_the_api_times(invitations: dict[str, Path]) -> None:
    expected: dict[str, tuple[str, str]] = {}
    for agenda in agendas().values():
        expected.update(api_times(agenda))
    for parser in PARSERS:
        for folder in (invitations["seed"], invitations["herbst"]):
            for path in ics_files(folder):
                for event in read_with(parser, path)["events"]:
                    if "~part@" not in event["uid"]:
                        assert (event["start_utc"], event["end_utc"]) == expected[event["uid"]]


def test_the_repeated_hour_comes_back_at_the_same_instant(invitations: dict[str, Path]) -> None:
    """Europe/Berlin, 2024-10-27 02:30 (its first occurrence, CEST): 00:30Z, whoever reads."""
    path = invitations["herbst"] / "cy@example.org" / "owl.ics"
    for parser in PARSERS:
        (event,) = read_with(parser, path)["events"]
        assert (event["start_utc"], event["end_utc"]) == (
            "2024-10-27T00:30:00Z",
            "2024-10-27T02:30:00Z",
        ), parser


def test_itip_fields_read_the_same_everywhere(invitations: dict[str, Path]) -> None:
    fields = ("sequence", "status", "organizer", "attendees", "alarms", "related_to", "url", "geo",
              "summary", "location", "description")  # fmt: skip
    paths = [p for folder in invitations.values() for p in ics_files(folder)]
    views = {
        parser: [[{k: e[k] for k in fields} for e in read_with(parser, p)["events"]] for p in paths]
        for parser in PARSERS
    }
    assert views["libical"] == views["icalendar"]
    assert views["ical.js"] == views["icalendar"]


def test_a_request_as_every_parser_reads_it(invitations: dict[str, Path]) -> None:
    path = invitations["herbst"] / "zoe@example.org" / "night.part.ics"
    for parser in PARSERS:
        dump = read_with(parser, path)
        assert dump["calendar"]["method"] == "REQUEST"
        (event,) = dump["events"]
        assert {k: event[k] for k in ("uid", "sequence", "status", "organizer", "attendees")} == {
            "uid": "herbst-2024-night~part@agenda-kit",
            "sequence": 0,
            "status": "CONFIRMED",
            "organizer": {
                "address": "mailto:programm@example.org",
                "cn": "Programm-Team (Herbst; 2024)",
            },
            "attendees": [
                {
                    "address": "mailto:zoe@example.org",
                    "cn": 'Zoë "Z" Ünal; guest',
                    "role": "OPT-PARTICIPANT",
                    "partstat": "NEEDS-ACTION",
                    "rsvp": "TRUE",
                }
            ],
        }, parser


def test_updates_and_cancellations_as_every_parser_reads_them(
    invitations: dict[str, Path],
) -> None:
    folder = invitations["changed"]
    for parser in PARSERS:
        keynote = read_with(parser, folder / "ana@example.org" / "keynote.ics")
        cancel = read_with(parser, folder / "ana@example.org" / "talk-c.ics")
        retitled = read_with(parser, folder / "cy@example.org" / "talk-b.ics")
        untouched = read_with(parser, folder / "bo@example.org" / "talk-a.ics")
        got = [
            (d["calendar"]["method"], e["sequence"], e["status"], e["dtstamp"], e["start_utc"])
            for d in (keynote, cancel, retitled, untouched)
            for e in d["events"]
        ]
        assert got == [
            ("REQUEST", 1, "CONFIRMED", "2024-10-04T09:00:00Z", "2025-03-18T08:10:00Z"),
            ("CANCEL", 1, "CANCELLED", "2024-10-04T09:00:00Z", "2025-03-18T11:00:00Z"),
            ("REQUEST", 0, "CONFIRMED", "2024-10-04T09:00:00Z", "2025-03-18T10:00:00Z"),
            ("REQUEST", 0, "CONFIRMED", "2024-10-01T09:00:00Z", "2025-03-18T09:30:00Z"),
        ], parser
        assert retitled["events"][0]["summary"] == "Talk B; retitled"


def test_non_ascii_addresses_survive(invitations: dict[str, Path]) -> None:
    path = invitations["seed"] / "정민@example.kr" / "part-1.part.ics"
    for parser in PARSERS:
        (event,) = read_with(parser, path)["events"]
        assert event["attendees"][0]["address"] == "mailto:정민@example.kr"
        assert event["attendees"][0]["cn"] == "김정민"


def test_a_folder_copied_elsewhere_is_checked_too(
    invitations: dict[str, Path], tmp_path: Path
) -> None:
    # The interop check holds for the files as they are sent: the .ics inside each .eml.
    from email import message_from_bytes, policy

    folder = invitations["herbst"]
    extracted = []
    for eml in sorted(folder.rglob("*.eml")):
        message = message_from_bytes(eml.read_bytes(), policy=policy.default)
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                target = tmp_path / eml.relative_to(folder).with_suffix(".ics")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(part.get_payload(decode=True))
                extracted.append(target)
    assert len(extracted) == len(list(folder.rglob("*.eml"))) > 10
    check_files(extracted)
    shutil.rmtree(tmp_path)
