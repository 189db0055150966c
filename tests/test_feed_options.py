"""Feed options: ``agenda-kit export --per part|day --speaker ID --remind --refresh``,
the calendar's colour, URL, GEO and RELATED-TO, durations people type, and a round
trip through ``agenda_kit.from_ical``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

import agenda_kit
from agenda_kit.cli import main
from agenda_kit.ical.feed import to_ical
from agenda_kit.ical.options import FeedOptions, colors, format_duration, parse_duration

from .helpers import HERBST, SCENARIO, SEED, T1, lines, run

STAMP = datetime(2024, 10, 1, 9, tzinfo=UTC)


def events(data: bytes) -> list[list[str]]:
    """The unfolded lines inside each VEVENT (its VALARMs included)."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in lines(data):
        if line == "BEGIN:VEVENT":
            current = []
            out.append(current)
        elif line == "END:VEVENT":
            current = None
        elif current is not None:
            current.append(line)
    return out


def head(data: bytes) -> list[str]:
    found = lines(data)
    return found[: found.index("BEGIN:VTIMEZONE")]


# --- durations and colours ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15m", 15), ("15min", 15), ("90", 90), ("1h", 60), ("1h30m", 90), ("1h 30m", 90),
     ("2d", 2880), ("1w", 10080), ("PT15M", 15), ("P1D", 1440), ("P1DT2H", 1560), ("0m", 0),
     ("pt1h", 60)],
)  # fmt: skip
def test_durations_people_type(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "m", "1x", "-15m", "1.5h", "P", "PT", "h1", "15 minutes"])
def test_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "PT0S"), (15, "PT15M"), (60, "PT1H"), (90, "PT1H30M"), (1440, "P1D"), (1560, "P1DT2H")],
)
def test_durations_as_rfc_5545_writes_them(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text
    assert parse_duration(text) == minutes


def test_colours_rfc_7986_can_carry() -> None:
    assert colors("darkorange") == ("darkorange", "#FF8C00")
    assert colors("#ff8c01") == ("darkorange", "#FF8C01")  # the nearest CSS3 name
    assert colors("#000001") == ("black", "#000001")
    assert colors("reddish") is None


# --- the export command -------------------------------------------------------------


def export(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """``agenda-kit export ARGS``: (exit code, standard error)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", T1)
    code = main(["export", *args])
    return code, capsys.readouterr().err


def test_export_per_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "parts.ics"
    code, err = export([str(SEED), "--per", "part", "-o", str(out)], capsys, monkeypatch)
    assert code == 0, err
    data = out.read_bytes()
    assert events(data) == [
        [
            "UID:technopark-2024-part-1~part@agenda-kit",
            "DTSTAMP:20241001T090000Z",
            "DTSTART;TZID=Asia/Seoul:20241017T150000",
            "DTEND;TZID=Asia/Seoul:20241017T160000",
            "SUMMARY:테크노파크 성과 발표회 및 간담회: 1부 성과발표회",
            "LOCATION:그랜드볼룸 (2층)\\, 윈덤 그랜드 부산\\, 부산 서구 등대로 27",
            "DESCRIPTION:15:00–15:03 식순 및 내빈 소개 (사회자)\\n15:03–15:08 격려사(영상) "
            "(부산시장)\\n15:08–15:33 특강 : 중소기업 정책 방향과 TP 역할 (중소벤처기업부 "
            "장관)\\n15:33–15:43 (발표) 기업 성장 지원 우수사례 (레전드50+ 관련) (기업 "
            "(Mt.H콘트롤밸브(주))\\, 부산TP (부산테크노파크))\\n15:43–15:55 TP 유공자 포상 및 "
            "기념 촬영 (중소벤처기업부 장관)\\n15:55–16:00 간담회장 이동",
        ],
        [
            "UID:technopark-2024-part-2~part@agenda-kit",
            "DTSTAMP:20241001T090000Z",
            "DTSTART;TZID=Asia/Seoul:20241017T160000",
            "DTEND;TZID=Asia/Seoul:20241017T172000",
            "SUMMARY:테크노파크 성과 발표회 및 간담회: 2부 간담회",
            "LOCATION:마레홀 (3층)\\, 윈덤 그랜드 부산\\, 부산 서구 등대로 27",
            "DESCRIPTION:16:00–16:02 개회 및 안내 (사회자)\\n16:02–16:05 모두 말씀 "
            "(중소벤처기업부 장관)\\n16:05–16:08 환영·감사 인사 (진흥회장 "
            "(한국테크노파크진흥회))\\n16:08–16:15 (발표1)레전드50+ 추진현황 및 성과관리방안 "
            "(기정원 본부장 (중소기업기술정보진흥원))\\n16:15–16:25 (발표2) TP와 중진공 "
            "지역본부 협업방안 (중진공 대구지역본부장 (중소벤처기업진흥공단))\\n16:25–17:15 "
            "장관과의 대화 (중소벤처기업부 장관)\\n17:15–17:20 총평 및 기념촬영 "
            "(중소벤처기업부 장관)",
        ],
    ]
    # Only this feed has these entries: the per-session feed does not point to them
    # (a RELATED-TO names a UID of the same feed, or nothing).
    session_feed = to_ical(agenda_kit.load(SEED), stamp=STAMP)
    assert [x for e in events(session_feed) for x in e if x.startswith("RELATED-TO")] == []
    assert [x for e in events(data) for x in e if x.startswith("RELATED-TO")] == []


def test_export_per_day_gives_all_day_entries(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = to_ical(agenda_kit.load(HERBST), stamp=STAMP, options=FeedOptions(per="day"))
    days = events(data)
    assert [e[:6] for e in days] == [
        [
            "UID:herbst-2024-2024-10-26~day@agenda-kit",
            "DTSTAMP:20241001T090000Z",
            "DTSTART;VALUE=DATE:20241026",
            "DTEND;VALUE=DATE:20241027",
            "SUMMARY:Herbstkonferenz 2024: Zeit\\, Zonen\\; Kalender (day 1 of 3)",
            "LOCATION:Kulturbrauerei\\, Schönhauser Allee 36\\, 10435 Berlin",
        ],
        [
            "UID:herbst-2024-2024-10-27~day@agenda-kit",
            "DTSTAMP:20241001T090000Z",
            "DTSTART;VALUE=DATE:20241027",
            "DTEND;VALUE=DATE:20241028",
            "SUMMARY:Herbstkonferenz 2024: Zeit\\, Zonen\\; Kalender (day 2 of 3)",
            "LOCATION:Kulturbrauerei\\, Schönhauser Allee 36\\, 10435 Berlin",
        ],
        [
            "UID:herbst-2024-2024-10-28~day@agenda-kit",
            "DTSTAMP:20241001T090000Z",
            "DTSTART;VALUE=DATE:20241028",
            "DTEND;VALUE=DATE:20241029",
            "SUMMARY:Herbstkonferenz 2024: Zeit\\, Zonen\\; Kalender (day 3 of 3)",
            "LOCATION:Kulturbrauerei\\, Schönhauser Allee 36\\, 10435 Berlin",
        ],
    ]
    # The second day lists the night session (with its offset: 02:30 happens twice) and
    # the day's programme, part by part; an overview does not block time.
    assert days[1][6:] == [
        "GEO:52.539100;13.412500",
        "DESCRIPTION:The night the clocks go back\\n02:30 (UTC+02:00)–03:30 02:30\\, twice "
        '(Cy "Night Owl" O\'Neil)\\n\\nDay 2: calendars\\n10:00–11:00 Invitations that '
        'update\\, not duplicate (김보영 (부산테크노파크)\\, Cy "Night Owl" O\'Neil)\\n'
        "11:00–12:00 Panel: what time is it? (Ana Müller (Zeitlabor\\, Berlin)\\, 김보영 "
        '(부산테크노파크)\\, Cy "Night Owl" O\'Neil\\, Dee Nomail)',
        "URL:https://example.org/herbst-2024",
        "TRANSP:TRANSPARENT",
    ]


def test_export_for_one_speaker_with_reminders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "bo.ics"
    args = [str(HERBST), "--speaker", "bo", "--remind", "1d", "--remind", "15m", "-o", str(out)]
    code, err = export([*args, "--refresh", "6h"], capsys, monkeypatch)
    assert code == 0, err
    data = out.read_bytes()
    assert head(data) == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//agenda-kit//agenda-kit//EN",
        "CALSCALE:GREGORIAN",
        "NAME:Herbstkonferenz 2024: Zeit\\, Zonen\\; Kalender – 김보영",
        "X-WR-CALNAME:Herbstkonferenz 2024: Zeit\\, Zonen\\; Kalender – 김보영",
        "X-WR-TIMEZONE:Europe/Berlin",
        "DESCRIPTION:Three days about time\\, in Berlin.\\nThe clocks go back on the second "
        "night\\; bring a watch\\, a phone\\, or both.",
        "X-WR-CALDESC:Three days about time\\, in Berlin.\\nThe clocks go back on the second "
        "night\\; bring a watch\\, a phone\\, or both.",
        "URL:https://example.org/herbst-2024",
        "COLOR:darkorange",
        "X-APPLE-CALENDAR-COLOR:#FF8C00",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
        "X-AGENDA-KIT-EVENT:herbst-2024",
        "X-AGENDA-KIT-LANG:en",
    ]
    found = events(data)
    assert [e[0] for e in found] == [
        "UID:herbst-2024-zones@agenda-kit",
        "UID:herbst-2024-calendars@agenda-kit",
        "UID:herbst-2024-panel@agenda-kit",
    ]
    assert found[0][-18:] == [
        "CATEGORIES:talk,Day 1: zones",
        "URL:https://example.org/talks/zones?lang=en&day=1",
        "X-AGENDA-KIT-SESSION:zones",
        "X-AGENDA-KIT-PART:day1",
        "X-AGENDA-KIT-ROOM:hall",
        "X-AGENDA-KIT-SPEAKER:ana",
        "X-AGENDA-KIT-SPEAKER:bo",
        "X-AGENDA-KIT-KIND:talk",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Zones\\, offsets\\; and why UTC isn't enough 🕰️",
        "TRIGGER:-P1D",
        "END:VALARM",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Zones\\, offsets\\; and why UTC isn't enough 🕰️",
        "TRIGGER:-PT15M",
        "END:VALARM",
    ]


def test_export_without_refresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "feed.ics"
    code, err = export([str(SCENARIO), "--refresh", "none", "-o", str(out)], capsys, monkeypatch)
    assert code == 0, err
    assert [x for x in head(out.read_bytes()) if "REFRESH" in x or "TTL" in x] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--speaker", "anna"],
            "AK501 [error] unknown-selection: unknown speaker `anna`\n"
            "  = help: Did you mean `ana`?\n",
        ),
        (
            ["--speaker", "zed"],
            "AK501 [error] unknown-selection: unknown speaker `zed`\n"
            "  = help: The agenda has: `ana`, `bo`, `cy`.\n",
        ),
    ],
)
def test_export_refuses_an_unknown_speaker(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "feed.ics"
    out.write_bytes(b"previous")
    code, err = export([str(SCENARIO), *args, "-o", str(out)], capsys, monkeypatch)
    # Where the agenda lists its speakers (line 12), and nothing written.
    assert (code, err) == (2, f"{SCENARIO}:12:1: {message}Found 1 error in 1 file.\n")
    assert out.read_bytes() == b"previous"


def test_export_refuses_a_bad_duration(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", str(SCENARIO), "--remind", "soon"])
    assert exc.value.code == 2
    assert "argument --remind: not a duration: 'soon'" in capsys.readouterr().err


def test_a_colour_calendars_cannot_carry_is_said_and_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = tmp_path / "agenda.yaml"
    text = HERBST.read_text("utf-8").replace("color: darkorange", "color: reddish")
    agenda.write_text(text, "utf-8")
    out = tmp_path / "feed.ics"
    code, err = export([str(agenda), "-o", str(out)], capsys, monkeypatch)
    assert code == 0
    assert err == (
        f"{agenda}:12:10: AK502 [warning] color-not-carried: `event.color: reddish` is not a "
        "CSS3 colour name: the calendar has no COLOR\n"
        "  = help: Use a CSS3 colour name such as `teal`.\n"
        "Found 1 warning in 1 file.\n"
        f"Wrote {out} ({out.stat().st_size} bytes).\n"
    )
    assert [x for x in head(out.read_bytes()) if "COLOR" in x] == []


def test_a_session_inside_another_is_related_to_it_when_both_are_in_the_feed() -> None:
    text = SCENARIO.read_text("utf-8").replace(
        "      - {id: lunch, time: 11:30-12:00, kind: break, title: Lunch}\n",
        "      - id: lunch\n        time: 11:30-12:00\n        kind: break\n        title: Lunch\n"
        "        children:\n          - {id: lightning, minutes: 10, title: Lightning talk,"
        " speakers: [bo]}\n",
    )
    agenda = agenda_kit.loads(text)

    def related(options: FeedOptions) -> dict[str, list[str]]:
        cal = Calendar.from_ical(to_ical(agenda, stamp=STAMP, options=options))
        out = {}
        for event in cal.walk("VEVENT"):
            value = event.get("RELATED-TO")
            values = value if isinstance(value, list) else [] if value is None else [value]
            out[str(event["UID"])] = [str(v) for v in values]
        return out

    # The part entry is not in a per-session feed: nothing points to it.
    assert related(FeedOptions()) == {
        "morning-keynote@agenda-kit": [],
        "morning-coffee@agenda-kit": [],
        "morning-talk-a@agenda-kit": [],
        "morning-talk-b@agenda-kit": [],
        "morning-lunch@agenda-kit": [],
        "morning-lightning@agenda-kit": ["morning-lunch@agenda-kit"],
        "morning-talk-c@agenda-kit": [],
    }
    # Bo's feed has the lightning talk but not the lunch it is part of.
    assert related(FeedOptions(speakers=("bo",))) == {
        "morning-talk-a@agenda-kit": [],
        "morning-lightning@agenda-kit": [],
    }


def test_explicit_uids_are_kept_in_feeds() -> None:
    text = SCENARIO.read_text("utf-8").replace(
        "{id: talk-a, ", '{id: talk-a, uid: "imported-42@pretalx.example", '
    )
    cal = Calendar.from_ical(to_ical(agenda_kit.loads(text), stamp=STAMP))
    assert [str(e["UID"]) for e in cal.walk("VEVENT")][2] == "imported-42@pretalx.example"


# --- back from iCalendar ------------------------------------------------------------


@pytest.mark.parametrize("path", [SEED, HERBST, SCENARIO], ids=lambda p: p.stem)
def test_a_feed_reads_back_into_the_same_sessions(path: Path) -> None:
    agenda = agenda_kit.load(path)
    back = agenda_kit.from_ical(to_ical(agenda, stamp=STAMP))
    assert back.event.timezone == agenda.event.timezone
    assert back.event.title == agenda.event.title

    def view(a: agenda_kit.Agenda) -> list[tuple[str, str, float, float]]:
        return [
            (s.id, s.title, s.start.timestamp(), s.end.timestamp()) for s in agenda_kit.sessions(a)
        ]

    assert view(back) == view(agenda)


def test_an_invitation_reads_back_at_the_same_instant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(["invite", str(HERBST), "--to", "cy", "-o", str(out)], capsys, monkeypatch, T1)
    back = agenda_kit.from_ical((out / "cy@example.org" / "owl.ics").read_bytes())
    (owl,) = agenda_kit.sessions(back)
    assert (owl.id, owl.title) == ("owl", "02:30, twice")
    assert owl.start.timestamp() == datetime(2024, 10, 27, 0, 30, tzinfo=UTC).timestamp()
    assert owl.end.timestamp() == datetime(2024, 10, 27, 2, 30, tzinfo=UTC).timestamp()


def test_a_reimported_feed_keeps_its_uids() -> None:
    data = to_ical(agenda_kit.load(HERBST), stamp=STAMP)
    again = to_ical(agenda_kit.from_ical(data), stamp=STAMP)
    uids = [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert [str(e["UID"]) for e in Calendar.from_ical(again).walk("VEVENT")] == uids
