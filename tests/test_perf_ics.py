"""The .ics reader's fast paths give what the plain character loop gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agenda_kit.ical.reader import _split_params


def reference(text: str) -> tuple[list[str], int]:
    """The specification: ``;`` and ``:`` count only outside double quotes."""
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char == ";":
            pieces.append("".join(current))
            current = []
            continue
        elif not quoted and char == ":":
            pieces.append("".join(current))
            return pieces, i
        current.append(char)
    return [*pieces, "".join(current)], -1


@given(st.text(alphabet=st.sampled_from(list('AB;:"=, x')), max_size=30))
def test_split_params_agrees_with_the_character_loop(text: str) -> None:
    assert _split_params(text) == reference(text)


def test_split_params_on_real_lines() -> None:
    assert _split_params("DTSTART;TZID=Europe/Berlin:20241026T000000") == (
        ["DTSTART", "TZID=Europe/Berlin"],
        len("DTSTART;TZID=Europe/Berlin"),
    )
    assert _split_params('ATTENDEE;CN="Doe; Jane: PhD":mailto:j@x.org') == (
        ["ATTENDEE", 'CN="Doe; Jane: PhD"'],
        len('ATTENDEE;CN="Doe; Jane: PhD"'),
    )
    assert _split_params("NO-COLON;A=B") == (["NO-COLON", "A=B"], -1)
