"""How the sessions of a part follow one another: the settings of the part, else of
its track, else the defaults (the seed's: sessions follow one another without free
time and fill the event window). The checker and the scheduler read these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Agenda
from .timespan import clock_range

__all__ = ["DEFAULT_TRACK", "Flow", "flows", "night_guard"]

DEFAULT_TRACK = "main"
DAY = 1440  # minutes


@dataclass(frozen=True, slots=True)
class Flow:
    """How a part's sessions follow one another (from the part, else its track)."""

    contiguous: bool = True  # free time between sessions is a gap
    changeover: int = 0  # minutes expected between consecutive sessions
    required: bool = False  # less than `changeover` minutes is a finding
    breaks: tuple[tuple[int, int], ...] = ()  # declared breaks, minutes of the day
    window: tuple[int, int] | None = None  # its own window, minutes of the day
    fills_window: bool = True  # the track should start and end with its window


def flows(agenda: Agenda) -> list[Flow]:
    """Each part's ``Flow``: its own settings, else its track's, else the defaults."""
    out = []
    for part in agenda.parts:
        track = agenda.tracks.get(part.track or DEFAULT_TRACK)

        def pick(name: str, default: Any, part: Any = part, track: Any = track) -> Any:
            value = getattr(part, name)
            if value is None and track is not None:
                value = getattr(track, name)
            return default if value is None else value

        window = pick("window", None)
        out.append(
            Flow(
                contiguous=pick("contiguous", True),
                changeover=pick("changeover", 0),
                required=pick("changeover_required", False),
                breaks=tuple(clock_range(b) for b in pick("breaks", ())),
                window=clock_range(window) if window is not None else None,
                fills_window=pick("fills_window", True),
            )
        )
    return out


def night_guard(agenda: Agenda, part: int, flow: Flow) -> bool:
    """Whether a range crossing midnight in this part is a typo: some window or span says
    when the part runs, and none of them crosses midnight."""
    declared = [agenda.event.window, agenda.parts[part].span]
    windows = [clock_range(w) for w in declared if w is not None]
    if flow.window is not None:
        windows.append(flow.window)
    return bool(windows) and all(b <= DAY for _, b in windows)
