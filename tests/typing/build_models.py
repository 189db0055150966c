"""Builds every model of agenda_kit.model in code, as a user would; mypy --strict checks
it with and without the pydantic plugin, and tests/test_library_typing.py runs it."""

from __future__ import annotations

import datetime as dt

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
    Session,
    Speaker,
    Track,
    Transfer,
    Venue,
)


def build() -> Agenda:
    venue = Venue(
        name="Hall",
        geo=Geo(lat=37.5, lon=127.0),
        rooms={"a": Room(name="A", capacity=10), "b": Room(name="B", floor=2)},
        transfers=[Transfer(from_="a", to="b", minutes=5)],
    )
    event = Event(
        id="e",
        title="E",
        date=dt.date(2025, 3, 18),
        timezone="Asia/Seoul",
        window=(dt.time(9), dt.time(12)),
        organizer=Organizer(name="Org", email="org@example.org"),
    )
    speakers = {
        "lee": Speaker(name="Lee", available=[(dt.date(2025, 3, 18), dt.time(9), dt.time(12))]),
        "kim": Speaker(name="Kim", prefers=["2025-03-18 10:00-11:00"]),
    }
    sessions = [
        Session(id="one", title="One", start=dt.time(9), minutes=dt.timedelta(minutes=30)),
        Session(id="two", title="Two", time=(dt.time(9, 30), dt.time(10)), speakers=["lee"]),
        Session(id="three", title="Three", minutes=60, speakers=("kim",), flex=Flex(min=30)),
        Session(
            id="four",
            title="Four",
            start="11:00",
            end=dt.time(12),
            children=[Session(id="lt", title="Lightning", minutes=5)],
        ),
    ]
    settings = CheckSettings(
        ignore=["AK204"],
        fail_on="warning",
        exceptions=[RuleException(rule="gap", sessions=["two"], reason="planned")],
        flex={"talk": Flex(max=45)},
    )
    return Agenda(
        event=event,
        venue=venue,
        speakers=speakers,
        tracks={"main": Track(breaks=[(dt.time(10, 30), dt.time(10, 45))])},
        parts=[Part(id="p", room="a", date=dt.date(2025, 3, 18), sessions=sessions)],
        x_agenda_kit=settings,
    )


def limits() -> LimitSettings:
    return LimitSettings(max_bytes=1_000_000, max_depth=20, max_alias_nodes=100, max_sessions=50)


def change(agenda: Agenda) -> str | None:
    session = agenda.parts[0].sessions[0]
    session.start = "09:05"
    session.speakers = ("lee",)
    return session.start
