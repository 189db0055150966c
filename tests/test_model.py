"""The models built and changed in code: Python values where the file takes text,
validated assignment, the loader's error for both, and types that tell the truth."""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pendulum
import pytest
from pydantic import BaseModel

import agenda_kit
from agenda_kit import LoadError, Location
from agenda_kit.model import (
    Agenda,
    CheckSettings,
    Event,
    Flex,
    Geo,
    LimitSettings,
    Organizer,
    Part,
    Room,
    RuleException,
    ScheduledSession,
    Session,
    Speaker,
    Track,
    Transfer,
    Venue,
)

from .helpers import SEED

MODELS: tuple[type[BaseModel], ...] = (
    Agenda,
    CheckSettings,
    Event,
    Flex,
    Geo,
    LimitSettings,
    Organizer,
    Part,
    Room,
    RuleException,
    Session,
    Speaker,
    Track,
    Transfer,
    Venue,
)
# The models whose constructors are written out (they take more than the file's text).
EXPLICIT = (Agenda, Event, Part, Session, Speaker, Track)


def event(**extra: Any) -> Event:
    return Event(id="e", title="E", date=dt.date(2025, 3, 18), timezone="Asia/Seoul", **extra)


def test_constructors_take_python_values_and_keep_the_files_text() -> None:
    session = Session(
        id="a",
        title="A",
        start=dt.time(13, 50),
        minutes=dt.timedelta(minutes=40),
        speakers=["lee"],
        ignore=["gap"],
    )
    assert session.model_dump(exclude_defaults=True) == {
        "id": "a",
        "title": "A",
        "start": "13:50",
        "minutes": 40,
        "speakers": ("lee",),
        "ignore": ("gap",),
    }
    part = Part(
        id="p",
        date="2025-03-19",
        span=(dt.time(9), dt.time(12, 30)),
        breaks=[(dt.time(10), "10:15")],
        sessions=(session,),
    )
    assert (part.date, part.span, part.breaks, part.sessions) == (
        dt.date(2025, 3, 19),
        "09:00-12:30",
        ["10:00-10:15"],
        [session],
    )
    assert event(window=(dt.time(9), dt.time(18))).window == "09:00-18:00"
    assert Track(window=("09:00", dt.time(17)), breaks=()).model_dump(exclude_defaults=True) == {
        "window": "09:00-17:00",
        "breaks": [],
    }
    speaker = Speaker(name="Lee", available=[(dt.date(2025, 3, 18), dt.time(9), dt.time(12))])
    assert speaker.available == ["2025-03-18 09:00-12:00"]


def test_a_code_built_agenda_is_the_same_as_the_file() -> None:
    loaded = agenda_kit.load(SEED)
    built = Agenda(
        event=loaded.event,
        venue=loaded.venue,
        speakers=loaded.speakers,
        parts=[Part(**p.model_dump(exclude_defaults=True)) for p in loaded.parts],
    )
    assert built.model_dump() == loaded.model_dump()
    assert built.model_fields_set == {"agenda", "event", "venue", "speakers", "parts"}


def test_transfer_and_other_keys_with_dashes_take_their_field_names() -> None:
    transfer = Transfer(from_="a", to="b", minutes=5)
    assert transfer.model_dump(by_alias=True) == {"from": "a", "to": "b", "minutes": 5}
    assert Transfer.model_validate({"from": "a", "to": "b", "minutes": 5}) == transfer
    part = Part(sessions=[], changeover_required=True, fills_window=False)
    assert part.model_dump(by_alias=True, exclude_defaults=True) == {
        "sessions": [],
        "changeover-required": True,
        "fills-window": False,
    }
    settings = CheckSettings(fail_on="warning", limits=LimitSettings(max_sessions=10))
    assert settings.model_dump(by_alias=True, exclude_defaults=True) == {
        "fail-on": "warning",
        "limits": {"max-sessions": 10},
    }


def test_a_construction_error_is_the_loaders_error_at_the_field_path() -> None:
    with pytest.raises(LoadError) as built:
        Session(title="A", start="25:00", minutes=30)
    with pytest.raises(LoadError) as read:
        agenda_kit.loads(
            "agenda: 1\nevent: {id: e, title: E, date: 2025-03-18, timezone: Asia/Seoul}\n"
            "parts:\n  - sessions:\n      - {title: A, start: '25:00', minutes: 30}\n"
        )
    [from_code] = built.value.diagnostics
    [from_file] = read.value.diagnostics
    assert from_code.location == Location("<Session>", 0, 0, "start")
    assert str(from_code.location) == "<Session>:start"
    assert (from_code.code, from_code.message, from_code.hint) == (
        from_file.code,
        from_file.message,
        from_file.hint,
    )
    assert str(built.value) == f"<Session>:start: {from_file.message}"
    assert isinstance(built.value, ValueError)  # as pydantic's error was


def test_every_problem_of_a_construction_is_reported() -> None:
    with pytest.raises(LoadError) as caught:
        Session(title="A\x00", start="9h", kind="lunch")  # type: ignore[arg-type]
    found = [(d.code, d.location.path, d.key) for d in caught.value.diagnostics]
    assert found == [
        ("AK102", "title", "invalid-value.control"),
        ("AK102", "start", "invalid-value.clock"),
        ("AK102", "kind", "invalid-value"),
    ]


def test_assignment_is_validated_and_keeps_the_old_value() -> None:
    session = Session(title="A", time="13:00-13:30")
    with pytest.raises(LoadError) as caught:
        session.time = "25:00-26:00"
    assert [(str(d.location), d.key) for d in caught.value.diagnostics] == [
        ("<Session>:time", "invalid-value.range")
    ]
    assert session.time == "13:00-13:30"
    session.start = dt.time(14)  # type: ignore[assignment]
    session.minutes = dt.timedelta(hours=1)  # type: ignore[assignment]
    assert (session.start, session.minutes) == ("14:00", 60)
    with pytest.raises(LoadError):
        session.minutes = dt.timedelta(seconds=90)  # type: ignore[assignment]
    with pytest.raises(LoadError):
        Room(name="Hall").capacity = -1


def test_times_that_are_not_clock_minutes_are_refused() -> None:
    for bad in (dt.time(9, 0, 30), dt.time(9, tzinfo=dt.UTC)):
        with pytest.raises(LoadError) as caught:
            Session(title="A", start=bad)
        assert [d.key for d in caught.value.diagnostics] == ["invalid-value.time-type"]


def test_validating_a_file_never_calls_the_constructors() -> None:
    # Pydantic calls a model's own __init__ for every nested object unless it is the
    # base one: 100,000 sessions would each pay for it.
    assert [m.__name__ for m in MODELS if m.__pydantic_custom_init__] == []


@pytest.mark.parametrize("model", EXPLICIT, ids=lambda m: m.__name__)
def test_written_out_constructors_take_every_field_with_its_default(
    model: type[BaseModel],
) -> None:
    params = inspect.signature(model.__init__).parameters
    taken = {n: p.default for n, p in params.items() if n != "self"}
    assert set(taken) == set(model.model_fields)
    for name, field in model.model_fields.items():
        if name == "agenda":
            assert taken[name] == 1  # the format version, required in files
            continue
        default = field.get_default(call_default_factory=True)
        if field.is_required():
            assert taken[name] is inspect.Parameter.empty, name
        elif taken[name] != default:  # an empty tuple for an empty list, None for {}
            assert not taken[name] and not default, name


def test_scheduled_sessions_hold_pendulum_times_and_whole_minutes() -> None:
    agenda = Agenda(
        event=Event(id="e", title="E", date="2024-10-27", timezone="Europe/Berlin"),
        parts=[
            Part(
                id="p",
                sessions=[
                    Session(id="a", title="A", time="01:30-03:30"),  # the clocks go back
                    Session(id="b", title="B", start="03:30", end="03:30:30"[:5]),
                    Session(id="c", title="C", start="03:30", minutes=45),
                ],
            )
        ],
    )
    found = agenda_kit.sessions(agenda)
    assert [(s.id, s.start.format("HH:mm"), s.minutes) for s in found] == [
        ("a", "01:30", 180),
        ("b", "03:30", 0),
        ("c", "03:30", 45),
    ]
    assert all(isinstance(s.start, pendulum.DateTime) for s in found)
    assert found[0].start.timezone_name == "Europe/Berlin"
    half = ScheduledSession.model_validate(
        {**found[2].model_dump(), "end": found[2].start.add(seconds=90)}
    )
    assert half.minutes == 1.5
    assert isinstance(found[2].minutes, int)


def test_findings_of_a_code_built_agenda_point_into_the_object_tree() -> None:
    agenda = Agenda(
        event=event(window="09:00-10:00"),
        speakers={"lee": Speaker(name="Lee")},
        parts=[
            Part(
                id="p",
                sessions=[
                    Session(id="a", title="A", time="09:00-09:30", speakers=["lee"]),
                    Session(id="b", title="B", time="09:40-10:00", speakers=["kim"]),
                ],
            )
        ],
    )
    report = agenda_kit.check(agenda)
    found = [
        (str(d.location), d.location.line, d.code, d.subjects, agenda.session_at(d.location.path))
        for d in report.diagnostics
    ]
    b = agenda.parts[0].sessions[1]
    assert found == [
        ("<agenda>:parts[0].sessions[1].speakers[0]", 0, "AK111", {
            "sessions": ["b"], "parts": ["p"], "speakers": ["kim"]}, b),
        ("<agenda>:parts[0].sessions[1].time", 0, "AK201", {
            "sessions": ["b", "a"], "parts": ["p"]}, b),
    ]  # fmt: skip
    assert not report.diagnostics[0].location.positioned
    assert agenda.find("speakers.lee") == [agenda.speakers, agenda.speakers["lee"]]
    assert agenda.session_at("event.window") is None
    with pytest.raises(KeyError):
        agenda.find("parts[0].nothing")


def test_find_takes_ids_with_dots() -> None:
    agenda = Agenda(
        event=event(),
        speakers={"a": Speaker(name="A"), "a.b": Speaker(name="AB")},
        venue=Venue(name="V", rooms={"r.1": Room(name="R")}, transfers=[]),
        parts=[],
    )
    assert agenda.find("speakers.a.b.name") == [agenda.speakers, agenda.speakers["a.b"], "AB"]
    assert agenda.find("venue.rooms.r.1")[-1] == Room(name="R")


def test_loading_calls_no_python_code_per_session() -> None:
    # What constructors and assignment take besides text costs nothing when a file is
    # validated (100,000 sessions are loaded with model_validate): no Python call of the
    # model grows with the number of sessions.
    import sys
    from collections import Counter

    text = SEED.read_text("utf-8")
    data = agenda_kit.loads(text).model_dump(by_alias=True, exclude_defaults=True)

    def calls(copies: int) -> Counter[str]:
        doc = {**data, "parts": data["parts"] * copies}
        seen: Counter[str] = Counter()

        def profile(frame: Any, event: str, arg: Any) -> None:
            if event == "call" and "agenda_kit" in frame.f_code.co_filename:
                seen[frame.f_code.co_name] += 1

        sys.setprofile(profile)
        try:
            Agenda.model_validate(doc)
        finally:
            sys.setprofile(None)
        return seen

    assert calls(1) == calls(50)
