"""The words ``agenda-kit render`` writes around the agenda's own text: column heads,
the event header, the transfer row and the timeline's legend, in every language.

Kept beside the phrase catalogue (``phrases``) and rendered the same way, through
``Template``; ``label`` is ``say`` for these keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ._text import Template, language

__all__ = ["DATE_FORMATS", "RENDER_LABELS", "label"]

_LABELS: dict[str, Template] = {
    # The table's columns, as the seed press release heads them (시간 · 분 · 내용 · 비고).
    "render.part": Template("Part", "구분"),
    "render.time": Template("Time", "시간"),
    "render.minutes": Template("Min.", "분"),
    "render.item": Template("Item", "내용"),
    "render.presenter": Template("Presenter", "비고"),
    # The event header.
    "render.when": Template("Date", "일시"),
    "render.where": Template("Place", "장소"),
    "render.place": Template("{venue} ({address})", "{venue}({address})"),
    # A room and its floor; a room change, as the seed writes it (2층 그랜드볼룸 → 3층 마레홀).
    "render.room-floor": Template("{room}, floor {floor}", "{floor}층 {room}"),
    "render.transfer": Template("Transfer", "이동"),
    "render.range": Template("{start}–{end}", "{start}~{end}"),
    "render.room-change": Template("({src} → {dst})", "({src} → {dst})"),
    # The page and the timeline.
    "render.findings": Template("Findings of agenda-kit check", "agenda-kit check 검사 결과"),
    "render.timeline": Template("Timeline", "타임라인"),
    "render.overlap": Template(
        "Sessions at the same time in one room", "같은 방에서 동시에 열리는 순서"
    ),
    "render.more": Template("More", "자세히"),
    "render.unplaced": Template("Without a resolved time", "시간을 정할 수 없는 순서"),
    "render.zone": Template("Times in {zone}", "시간대: {zone}"),
    # What `agenda-kit render` says on standard error when the agenda has findings.
    "render.found": Template(
        "agenda-kit check finds {counts} in {file}.",
        "agenda-kit check가 {file}에서 {counts}을/를 찾았습니다.",
    ),
}

RENDER_LABELS: Mapping[str, Template] = MappingProxyType(_LABELS)
"""Every render label by key (read-only)."""

DATE_FORMATS: Mapping[str, Template] = MappingProxyType(
    {
        # pendulum format tokens, rendered with the language's pendulum locale.
        "long": Template("dddd D MMMM YYYY", "YYYY년 M월 D일 (ddd)"),
    }
)


def label(key: str, lang: str = "en", **params: Any) -> str:
    """The render label ``key`` with ``params`` in ``lang`` (KeyError for an unknown key)."""
    return _LABELS[key].render(language(lang), params)
