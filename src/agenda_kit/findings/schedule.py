"""AK8xx: scheduling: what `reflow`, `fit` and `solve` change, and why they cannot."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from ._text import Duration, Template

__all__ = [
    "FIT_CHANGE",
    "FIT_INFEASIBLE",
    "FIT_OVERRUN",
    "FIT_UNDERFILL",
    "REFLOW_ANCHOR",
    "REFLOW_CHANGE",
    "REFLOW_NO_LENGTH",
    "REFLOW_UNWRITABLE",
    "SOLVER_MISSING",
    "SOLVE_INFEASIBLE",
    "SOLVE_MOVED",
    "SOLVE_TIMEOUT",
]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _m(en: str, en_hint: str, ko: str, ko_hint: str) -> Message:
    return Message(en=(en, en_hint), ko=(ko, ko_hint))


REFLOW_NO_LENGTH = define(
    "AK801",
    "reflow-no-length",
    ERROR,
    "A session has no length that reflow could keep: no `minutes`, and no time that gives one.",
    "Reflow places sessions one after another by their lengths; without one, every "
    "later session of the track would be guessed.",
    "Give the session `minutes`, or a `time` with both ends.",
    command="schedule",
    params={"id": str},
    sample={"id": "panel"},
    messages={
        "": _m(
            "session `{id}` has no length: reflow cannot place the sessions after it",
            "Give `{id}` `minutes`, or a `time` with both ends.",
            "세션 `{id}`의 길이를 알 수 없어 그 뒤 세션들을 배치할 수 없습니다",
            "`{id}`에 `minutes`나 양 끝이 있는 `time`을 주세요.",
        ),
    },
)

REFLOW_ANCHOR = define(
    "AK802",
    "reflow-anchor",
    ERROR,
    "The sessions before a fixed session, or before a part whose `span` starts at a set "
    "time, end after it starts.",
    "A `fixed` session keeps its time, and a part's span start is where it begins; "
    "moving them would move what was promised to speakers and guests.",
    "Shorten a session before it (`agenda-kit fit` proposes how), or move the anchor.",
    command="schedule",
    params={"id": str, "end": str, "start": str, "over": Duration},
    sample={"id": "keynote", "end": "10:05", "start": "10:00", "over": Duration(300)},
    messages={
        "fixed": _m(
            "the sessions before fixed `{id}` end at {end}, {over} after it starts at {start}",
            "Shorten a session before `{id}` (`agenda-kit fit`), or move it.",
            "고정된 `{id}` 앞의 세션들이 {end}에 끝나 시작 시각 {start}보다 {over} 늦습니다",
            "`{id}` 앞의 세션을 줄이거나(`agenda-kit fit`) `{id}`을/를 옮기세요.",
        ),
        "span": _m(
            "the sessions before part `{id}` end at {end}, {over} after its span starts at {start}",
            "Shorten a session before it (`agenda-kit fit`), or change its `span`.",
            "부 `{id}` 앞의 세션들이 {end}에 끝나 `span` 시작 {start}보다 {over} 늦습니다",
            "그 앞의 세션을 줄이거나(`agenda-kit fit`) `span`을 고치세요.",
        ),
    },
)

REFLOW_CHANGE = define(
    "AK803",
    "reflow-change",
    INFO,
    "A time that reflow writes differently: the times the lengths give.",
    "Times written by hand drift from the lengths: a 3-minute gap, an end that runs "
    "past the window.",
    "Run `agenda-kit reflow --write` to write the new times into the file.",
    command="schedule",
    params={"id": str, "field": str, "old": str, "new": str},
    sample={"id": "lecture", "field": "time", "old": "15:08~15:33", "new": "15:08~15:38"},
    messages={
        "": _m(
            "`{id}`: `{field}` {old} -> {new}",
            "Run `agenda-kit reflow --write` to write it.",
            "`{id}`: `{field}` {old} -> {new}",
            "`agenda-kit reflow --write`로 파일에 쓰세요.",
        ),
        "added": _m(
            "`{id}`: `{field}` {new} (added)",
            "Run `agenda-kit reflow --write` to write it.",
            "`{id}`: `{field}` {new} (추가)",
            "`agenda-kit reflow --write`로 파일에 쓰세요.",
        ),
    },
)

REFLOW_UNWRITABLE = define(
    "AK804",
    "reflow-unwritable",
    ERROR,
    "Reflow would place a session after midnight where the file cannot say so: a `start` "
    "is read on its part's own day.",
    "Writing the time anyway would put the session at the start of the day instead, "
    "before everything else.",
    "Give the part a night window (`window: 20:00-02:00`), or the session a `time`; "
    "or shorten the sessions before it.",
    command="schedule",
    params={"id": str, "start": str},
    sample={"id": "late-talk", "start": "2025-03-19 00:10"},
    messages={
        "": _m(
            "session `{id}` would start at {start}, past midnight, which its part cannot say",
            "Give the part a night window, or shorten the sessions before it.",
            "세션 `{id}`은/는 자정을 넘긴 {start}에 시작하게 되는데 이 부에서는 그렇게 쓸 수 "
            "없습니다",
            "부에 밤 시간대 창을 주거나 그 앞의 세션을 줄이세요.",
        ),
    },
)

_WHERE = {"track": str, "date": str, "end": str, "closes": str, "delta": Duration, "id": str}

FIT_OVERRUN = define(
    "AK810",
    "fit-overrun",
    WARNING,
    "A track runs past its window, or the sessions before a fixed session run into it.",
    "An agenda that overruns ends late for everyone after it: the hall, the next part, "
    "the trains home.",
    "Apply the proposed lengths (`agenda-kit fit --write`), or make more sessions "
    "flexible (`flex: {min: ..., max: ...}`).",
    command="schedule",
    params=_WHERE,
    sample={
        "track": "main",
        "date": "2024-10-17",
        "end": "17:25",
        "closes": "17:20",
        "delta": Duration(300),
        "id": "keynote",
    },
    messages={
        "window": _m(
            "track `{track}` on {date} ends at {end}, {delta} after its window closes at {closes}",
            "Apply the proposed lengths with `agenda-kit fit --write`.",
            "{date} `{track}` 트랙이 {end}에 끝나 창이 닫히는 {closes}보다 {delta} 늦습니다",
            "`agenda-kit fit --write`로 제안한 길이를 적용하세요.",
        ),
        "fixed": _m(
            "the sessions before fixed `{id}` end at {end}, {delta} after it starts at {closes}",
            "Apply the proposed lengths with `agenda-kit fit --write`.",
            "고정된 `{id}` 앞의 세션들이 {end}에 끝나 시작 시각 {closes}보다 {delta} 늦습니다",
            "`agenda-kit fit --write`로 제안한 길이를 적용하세요.",
        ),
    },
)

FIT_UNDERFILL = define(
    "AK811",
    "fit-underfill",
    WARNING,
    "A track ends before its window closes, or leaves free time before a fixed session.",
    "Free time nobody planned is a gap in the programme: guests wait, a hall stands empty.",
    "Apply the proposed lengths (`agenda-kit fit --write`), or add a session.",
    command="schedule",
    params=_WHERE,
    sample={
        "track": "main",
        "date": "2024-10-17",
        "end": "17:10",
        "closes": "17:20",
        "delta": Duration(600),
        "id": "keynote",
    },
    messages={
        "window": _m(
            "track `{track}` on {date} ends at {end}, {delta} before its window closes at {closes}",
            "Apply the proposed lengths with `agenda-kit fit --write`.",
            "{date} `{track}` 트랙이 {end}에 끝나 창이 닫히는 {closes}보다 {delta} 이릅니다",
            "`agenda-kit fit --write`로 제안한 길이를 적용하세요.",
        ),
        "fixed": _m(
            "the sessions before fixed `{id}` end at {end}, {delta} before it starts at {closes}",
            "Apply the proposed lengths with `agenda-kit fit --write`.",
            "고정된 `{id}` 앞의 세션들이 {end}에 끝나 시작 시각 {closes}까지 {delta} 빕니다",
            "`agenda-kit fit --write`로 제안한 길이를 적용하세요.",
        ),
    },
)

FIT_CHANGE = define(
    "AK812",
    "fit-change",
    INFO,
    "A length that fitting proposes: the smallest change within the sessions' `flex`.",
    "Shortening or stretching the flexible sessions is how an agenda that grew still fits "
    "its window.",
    "Apply it with `agenda-kit fit --write` (or `agenda-kit reflow --fit --write`).",
    command="schedule",
    params={"id": str, "old": int, "new": int},
    sample={"id": "dialogue", "old": 50, "new": 45},
    messages={
        "": _m(
            "`{id}`: {old} -> {new} minutes",
            "Apply it with `agenda-kit fit --write`.",
            "`{id}`: {old}분 -> {new}분",
            "`agenda-kit fit --write`로 적용하세요.",
        ),
    },
)

FIT_INFEASIBLE = define(
    "AK813",
    "fit-infeasible",
    ERROR,
    "No lengths within the sessions' `flex` bounds fit the window.",
    "The agenda cannot fit by changing lengths alone: something must be cut, moved or "
    "allowed to change.",
    "Allow more sessions to change (`flex`), widen their bounds, drop a session, or "
    "widen the window.",
    command="schedule",
    params={
        "track": str,
        "date": str,
        "need": Duration,
        "have": Duration,
        "opens": str,
        "closes": str,
        "delta": Duration,
    },
    sample={
        "track": "main",
        "date": "2024-10-17",
        "need": Duration(145 * 60),
        "have": Duration(140 * 60),
        "opens": "15:00",
        "closes": "17:20",
        "delta": Duration(300),
    },
    messages={
        "rigid": _m(
            "track `{track}` on {date}: the sessions that cannot change alone need {need} of "
            "the {have} from {opens} to {closes}",
            "Allow sessions to change (`flex`), drop one, or widen the window.",
            "{date} `{track}` 트랙: 바꿀 수 없는 세션들만으로 {need}이/가 필요한데 "
            "{opens}부터 {closes}까지는 {have}입니다",
            "세션에 `flex`를 주거나, 세션을 빼거나, 창을 넓히세요.",
        ),
        "short": _m(
            "track `{track}` on {date}: even at their shortest the sessions need {need} of the "
            "{have} from {opens} to {closes} ({delta} too many)",
            "Lower some `flex.min`, drop a session, or widen the window.",
            "{date} `{track}` 트랙: 가장 짧게 해도 {need}이/가 필요한데 {opens}부터 "
            "{closes}까지는 {have}입니다({delta} 초과)",
            "`flex.min`을 낮추거나, 세션을 빼거나, 창을 넓히세요.",
        ),
        "long": _m(
            "track `{track}` on {date}: even at their longest the sessions fill {need} of the "
            "{have} from {opens} to {closes} ({delta} free)",
            "Raise some `flex.max`, add a session, or narrow the window.",
            "{date} `{track}` 트랙: 가장 길게 해도 {opens}부터 {closes}까지 {have} 가운데 "
            "{need}만 채웁니다({delta} 남음)",
            "`flex.max`를 높이거나, 세션을 더하거나, 창을 좁히세요.",
        ),
    },
)

SOLVER_MISSING = define(
    "AK820",
    "solver-missing",
    ERROR,
    "`agenda-kit solve` needs the optional solver (OR-Tools), which is not installed.",
    "The core install stays small; placing sessions into rooms and slots needs a real "
    "constraint solver.",
    "Install the extra: `pip install 'agenda-kit[solver]'`.",
    command="schedule",
    params={"module": str},
    sample={"module": "ortools"},
    messages={
        "": _m(
            "solving needs the optional solver `{module}`, which is not installed",
            "Install it: pip install 'agenda-kit[solver]'",
            "일정 배치에는 선택 설치 항목 `{module}`이/가 필요한데 설치되어 있지 않습니다",
            "설치하세요: pip install 'agenda-kit[solver]'",
        ),
    },
)

_RELAX = "Relax one of them: a room, the window, an availability, a `fixed` session."
_RELAX_KO = "이 가운데 하나를 완화하세요: 방, 창, 참석 가능 시간, `fixed` 세션."
_HOLDS = "Relax what holds it: a room, the window, an availability."
_HOLDS_KO = "방, 창, 참석 가능 시간 가운데 하나를 완화하세요."

SOLVE_INFEASIBLE = define(
    "AK821",
    "solve-infeasible",
    ERROR,
    "No agenda satisfies every hard constraint together.",
    "The checker's errors cannot all be avoided with the rooms, windows and availability "
    "given; the smallest conflicting set says what to relax.",
    "Relax one of the named constraints: another room, a wider window, a speaker's "
    "availability, a session that is not `fixed`.",
    command="schedule",
    params={
        "id": str,
        "ids": str,
        "minutes": int,
        "opens": str,
        "closes": str,
        "people": str,
        "available": str,
        "attendance": int,
    },
    sample={
        "id": "keynote",
        "ids": "`keynote`, `panel`",
        "minutes": 60,
        "opens": "09:00",
        "closes": "12:00",
        "people": "`ada`",
        "available": "2025-03-18 09:00-09:30",
        "attendance": 300,
    },
    messages={
        "core": _m(
            "no agenda satisfies these together: the allowed times of {ids}, with the rooms, "
            "tracks and speakers they share",
            _RELAX,
            "다음 조건을 함께 만족하는 일정이 없습니다: {ids}의 허용 시간과 이들이 함께 쓰는 "
            "방, 트랙, 발표자",
            _RELAX_KO,
        ),
        "shared": _m(
            "no agenda satisfies these together: the rooms, tracks and speakers the sessions "
            "share leave no room for all of them",
            _RELAX,
            "다음 조건을 함께 만족하는 일정이 없습니다: 세션들이 함께 쓰는 방, 트랙, "
            "발표자에 모두를 놓을 자리가 없습니다",
            _RELAX_KO,
        ),
        "kept": _m(
            "no agenda satisfies these together: the sessions kept in place already overlap "
            "in a room, track or speaker",
            "Move one of the sessions that keep their time, or drop its `fixed`.",
            "다음 조건을 함께 만족하는 일정이 없습니다: 제자리에 두는 세션들이 이미 방, 트랙, "
            "발표자에서 겹칩니다",
            "시각을 유지하는 세션 하나를 옮기거나 `fixed`를 빼세요.",
        ),
        "window": _m(
            "session `{id}` fits nowhere: its {minutes} minutes within {opens}-{closes}",
            _HOLDS,
            "세션 `{id}`을/를 놓을 곳이 없습니다: {opens}-{closes} 안의 {minutes}분",
            _HOLDS_KO,
        ),
        "available": _m(
            "session `{id}` fits nowhere: its {minutes} minutes within {opens}-{closes} and "
            "when {people} can speak ({available})",
            _HOLDS,
            "세션 `{id}`을/를 놓을 곳이 없습니다: {opens}-{closes} 안에서 {people}이/가 "
            "참석할 수 있는 때({available})의 {minutes}분",
            _HOLDS_KO,
        ),
        "room": _m(
            "session `{id}` fits nowhere: no room holds its expected attendance ({attendance})",
            _HOLDS,
            "세션 `{id}`을/를 놓을 곳이 없습니다: 예상 참석자 {attendance}명이 들어갈 방이 "
            "없습니다",
            _HOLDS_KO,
        ),
    },
)

SOLVE_TIMEOUT = define(
    "AK822",
    "solve-timeout",
    ERROR,
    "The solver found no agenda within its time limit (it may exist).",
    "Large agendas with tight windows take the solver longer; stopping is not proof "
    "that no agenda exists.",
    "Raise `--time-limit`, or fix more sessions in place.",
    command="schedule",
    params={"seconds": int},
    sample={"seconds": 30},
    messages={
        "": _m(
            "no agenda found within {seconds} seconds",
            "Raise --time-limit, or fix more sessions in place.",
            "{seconds}초 안에 일정을 찾지 못했습니다",
            "--time-limit을 늘리거나 더 많은 세션을 고정하세요.",
        ),
    },
)

SOLVE_MOVED = define(
    "AK823",
    "solve-moved",
    INFO,
    "A session that the new agenda places differently from the published one.",
    "Re-planning moves as few sessions as it can; each move is a change people must hear "
    "about (`agenda-kit invite` sends updates for just these).",
    "Tell the people concerned: `agenda-kit invite` sends the updates.",
    command="schedule",
    params={"id": str, "old": str, "new": str},
    sample={"id": "talk-3", "old": "2024-10-17 10:00 a", "new": "2024-10-17 11:00 b"},
    messages={
        "": _m(
            "`{id}` moves from {old} to {new}",
            "Send the update with `agenda-kit invite`.",
            "`{id}`이/가 {old}에서 {new}으로/로 옮겨집니다",
            "`agenda-kit invite`로 변경을 알리세요.",
        ),
        "placed": _m(
            "`{id}` is placed at {new}",
            "Send the invitation with `agenda-kit invite`.",
            "`{id}`을/를 {new}에 배치했습니다",
            "`agenda-kit invite`로 초대장을 보내세요.",
        ),
    },
)


def _t(en: str, ko: str) -> Template:
    return Template(en, ko)


# Status lines of the scheduling commands (not findings: nothing is wrong).
PHRASES: dict[str, Template] = {
    "reflow.none": _t(
        "{file}: the times already follow the lengths; nothing to change.",
        "{file}: 시각이 이미 길이를 따릅니다. 바꿀 것이 없습니다.",
    ),
    "reflow.would": _t(
        "{file}: values to change: {n}; --write writes them, --diff shows them.",
        "{file}: 값 {n}개가 바뀝니다. --write로 쓰고 --diff로 볼 수 있습니다.",
    ),
    "reflow.wrote": _t(
        "{file}: wrote the changed values ({n}).", "{file}에 바뀐 값 {n}개를 썼습니다."
    ),
    "reflow.refused": _t(
        "{file} was not written: fix the errors above.",
        "{file}에 쓰지 않았습니다: 위의 오류를 고치세요.",
    ),
    "fit.fits": _t(
        "{file}: every track fits its window; nothing to change.",
        "{file}: 모든 트랙이 창에 맞습니다. 바꿀 것이 없습니다.",
    ),
    "fit.would": _t(
        "{file}: lengths to change: {n}; --write applies them (and the times), --diff shows them.",
        "{file}: 길이 {n}개가 바뀝니다. --write로 (시각과 함께) 적용하고 --diff로 볼 수 있습니다.",
    ),
    "solve.wrote": _t(
        "Wrote {path}: {placed} sessions placed, {moved} moved.",
        "{path}에 썼습니다: 세션 {placed}개 배치, {moved}개 이동.",
    ),
}


def phrase(key: str, lang: str = "en", **params: object) -> str:
    """A status line of the scheduling commands in ``lang``."""
    from ._text import language

    return PHRASES[key].render(language(lang), params)
