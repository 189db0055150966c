"""The registry of findings and the translation layer: kinds defined once, typed values,
Korean particles chosen from the word before them, one language resolver."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agenda_kit
from agenda_kit import findings
from agenda_kit.cli import main
from agenda_kit.diagnostics import Location, Severity
from agenda_kit.findings import (
    GAP,
    IMPORT_UNKNOWN_COLUMN,
    KINDS,
    Duration,
    has_final_consonant,
    make,
    particle,
    resolve_language,
    say,
    translate,
)

from .helpers import AGENDAS

_PAIR = re.compile("을/를|은/는|이/가|과/와|으로/로")


# --- Korean particles ---------------------------------------------------------------


def _jongseong(syllable: str) -> str | None:
    """The final jamo of a Hangul syllable, from its Unicode decomposition."""
    jamo = unicodedata.normalize("NFD", syllable)
    return jamo[2] if len(jamo) == 3 else None


@given(st.integers(0xAC00, 0xD7A3).map(chr))
def test_particles_follow_the_final_consonant_of_every_hangul_syllable(syllable: str) -> None:
    final = _jongseong(syllable)
    assert particle(syllable, "을/를") == ("을" if final else "를")
    assert particle(syllable, "은/는") == ("은" if final else "는")
    assert particle(syllable, "이/가") == ("이" if final else "가")
    assert particle(syllable, "과/와") == ("과" if final else "와")
    # 으로 after a final consonant, except after ㄹ (U+11AF), which takes 로 like a vowel.
    assert particle(syllable, "으로/로") == ("으로" if final and final != "\u11af" else "로")


@given(st.text(st.characters(codec="utf-8"), max_size=8), st.integers(0xAC00, 0xD7A3).map(chr))
def test_closing_marks_are_skipped_to_the_word_inside(prefix: str, syllable: str) -> None:
    for closer in ("`", "'", '"', ")", "]", "」", "`)"):
        assert particle(prefix + syllable + closer, "을/를") == particle(syllable, "을/를")


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("20분", "으로/로", "으로"),  # the issue: not `20분로`
        ("2025-03-13", "은/는", "은"),  # 삼: not `2025-03-13는`
        ("`talk-1`", "을/를", "을"),  # 일: not `` `talk-1`를 ``
        ("`networking`", "이/가", "이"),  # 네트워킹: not `` `networking`가 ``
        ("`room-b`", "을/를", "를"),  # a letter alone by its name: 비
        ("`hall`", "으로/로", "로"),  # 홀: ㄹ takes 로
        ("`room`", "으로/로", "으로"),  # 룸
        ("`talk`", "을/를", "를"),  # 토크
        ("URL", "을/를", "을"),  # 유알엘
        ("ID", "이/가", "가"),  # 아이디
        ("1", "으로/로", "로"),  # 일
        ("7", "으로/로", "로"),  # 칠
        ("3", "으로/로", "으로"),  # 삼
        ("2", "이/가", "가"),  # 이
        ("6", "이/가", "이"),  # 육
        ("10", "을/를", "을"),  # 십
        ("100", "이/가", "이"),  # 백
        ("1000", "은/는", "은"),  # 천
        ("20000", "은/는", "은"),  # 이만
        ("0", "이/가", "이"),  # 영
        ("15:00", "이/가", "이"),  # 영
        ("5분", "이/가", "이"),
        ("오", "과/와", "와"),
    ],
)
def test_particles_of_numbers_and_latin_words(word: str, pair: str, expected: str) -> None:
    assert particle(word, pair) == expected


def test_a_particle_after_something_unreadable_gives_both_forms() -> None:
    assert particle("…", "을/를") == "을(를)"
    assert particle("", "으로/로") == "(으)로"
    assert has_final_consonant("→") is None


def test_korean_messages_choose_their_particles() -> None:
    found = make(
        "duration-mismatch",
        Location("a.yaml", 3, 5, "parts[0].sessions[0].minutes"),
        id="talk-1",
        declared=Duration(20 * 60),
        actual=Duration(25 * 60),
        actual_minutes=25,
        start="09:00",
        end="09:25",
        lang="ko",
    )
    assert (
        found.message
        == "`talk-1`의 소요 시간은 20분으로 적혀 있지만 실제로는 25분입니다(09:00–09:25)"
    )
    assert found.hint == "`minutes: 25`로 고치거나 시각을 바로잡으세요."


def test_a_pair_inside_a_value_is_left_alone() -> None:
    # Only the template's pairs are particles; a title may contain a slash.
    message, _ = GAP.text(
        "",
        {"gap": Duration(60), "a": "은/는", "a_end": "10:00", "b": "b", "b_start": "10:01"},
        "ko",
    )
    assert message == "`은/는`(10:00 종료)와 `b`(10:01 시작) 사이가 1분 비어 있습니다"


# --- the registry -----------------------------------------------------------------


def test_codes_and_names_are_unique_and_in_their_families() -> None:
    family = {"1": "load check", "2": "check", "3": "check", "4": "check"}
    family |= {"5": "export", "6": "import", "7": "invite", "8": "schedule", "9": "deliver"}
    for name, kind in KINDS.items():
        assert re.fullmatch(r"AK[1-9]\d\d", kind.code), kind.code
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", name), name
        assert kind.command in family[kind.code[2]].split(), (kind.code, kind.command)
    assert len({k.code for k in KINDS.values()}) == len(KINDS)
    assert list(KINDS.values()) == sorted(KINDS.values(), key=lambda k: k.code)


def test_every_text_names_only_declared_values_and_renders_in_both_languages() -> None:
    for kind in KINDS.values():
        for variant, message in kind.messages.items():
            assert message.names <= kind.params.keys(), (kind.name, variant)
            assert message.ko is not None, (kind.name, variant)
            values = {n: _value(kind.params[n]) for n in message.names}
            for lang in ("en", "ko"):
                text, hint = kind.text(variant, values, lang)
                assert text and hint, (kind.name, variant, lang)
                assert not _PAIR.search(text + hint), (kind.name, variant, text, hint)


def _value(kind: type) -> object:
    if kind is findings.Phrase:
        return findings.Phrase("ref.part-room", part="main")
    return Duration(600) if kind is Duration else 7 if kind is int else "`x-1`"


def test_kinds_of_other_commands_have_docs_samples_that_fit_their_values() -> None:
    for kind in KINDS.values():
        if kind.command in ("load", "check"):
            continue
        assert kind.sample.keys() <= kind.params.keys(), kind.name
        for name, value in kind.sample.items():
            assert isinstance(value, kind.params[name]), (kind.name, name)


def test_a_finding_refuses_values_its_kind_does_not_declare() -> None:
    where = Location("schedule.csv", 1, 1, "")
    with pytest.raises(TypeError, match="unknown value 'colum'"):
        IMPORT_UNKNOWN_COLUMN.at(where, colum="Raum")
    with pytest.raises(TypeError, match="missing values"):
        IMPORT_UNKNOWN_COLUMN.at(where)
    with pytest.raises(TypeError, match="gap is int, not Duration"):
        GAP.at(where, gap=3, a="a", a_end="1", b="b", b_start="2")
    with pytest.raises(KeyError):
        make("no-such-finding", where)


def test_another_command_reports_through_the_registry() -> None:
    where = Location("schedule.csv", 1, 9, "")
    found = IMPORT_UNKNOWN_COLUMN.at(where, column="Raum", lang="ko")
    assert found.to_dict() == {
        "code": "AK605",
        "name": "import-unknown-column",
        "severity": "warning",
        "message": "읽지 않은 열: Raum",
        "location": {"file": "schedule.csv", "line": 1, "column": 9, "path": ""},
        "hint": "읽는 열은 docs/interchange.md에 있습니다.",
        "url": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/"
        "import-unknown-column.md",
    }
    assert make("AK605", where, column="Raum") == translate(found, "en")
    assert translate(found, "en").message == "columns not read: Raum"
    assert found.severity is Severity.WARNING


# --- one language for a run ---------------------------------------------------------


def test_language_precedence() -> None:
    assert resolve_language("en", "ko", "ko") == "en"
    assert resolve_language(None, "ko", "en") == "ko"
    assert resolve_language(None, None, "ko-KR") == "ko"
    assert resolve_language(None, None, "fr") == "en"
    assert resolve_language() == "en"


def test_summary_phrases() -> None:
    assert say("summary.found", "ko", counts="경고 2개", files="파일 1개") == (
        "경고 2개를 찾았습니다 (파일 1개)."
    )
    assert findings.count("count.errors", 1) == "1 error"
    assert findings.count("count.errors", 2) == "2 errors"
    assert findings.count("count.infos", 2) == "2 info"


def _korean_gap(tmp_path: Path, where: str) -> Path:
    text = (AGENDAS / "invalid" / "AK201_gap.yaml").read_text("utf-8")
    if where == "event":
        text = text.replace("timezone: Asia/Seoul", "timezone: Asia/Seoul\n  lang: ko")
    else:
        (tmp_path / ".agenda-kit.toml").write_text('lang = "ko"\n', "utf-8")
    path = tmp_path / "gap.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("where", ["event", "settings"])
def test_the_whole_output_follows_the_agenda_or_settings_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    path = _korean_gap(tmp_path, where)
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "오류 1개를 찾았습니다 (파일 1개)."
    assert "사이가 3분 비어 있습니다" in lines[0]
    # --lang wins, summary line included.
    assert main(["check", "--lang", "en", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "Found 1 error in 1 file."


# --- the rules that changed ---------------------------------------------------------

WEEKDAY = (
    "agenda: 1\nevent: {{id: e, title: T, date: 2025-03-18, weekday: {day}, "
    "timezone: Europe/Berlin}}\nparts:\n  - sessions: [{{id: a, title: A, time: 09:00-09:30}}]\n"
)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Wed", "Write `weekday: Tue`, or correct `event.date`."),
        ("wednesday", "Write `weekday: tuesday`, or correct `event.date`."),
        ("WED", "Write `weekday: TUE`, or correct `event.date`."),
        ("수", "Write `weekday: 화`, or correct `event.date`."),
        ("수요일", "Write `weekday: 화요일`, or correct `event.date`."),
    ],
)
def test_weekday_hint_uses_the_form_the_agenda_wrote(written: str, hint: str) -> None:
    report = agenda_kit.check(agenda_kit.loads(WEEKDAY.format(day=written)))
    assert [(d.code, d.hint) for d in report.diagnostics] == [("AK207", hint)]


SPRING = (
    "agenda: 1\nevent: {{id: e, title: T, date: 2025-03-30, timezone: {zone}}}\n"
    "parts:\n  - sessions:\n      - {{id: a, title: A, time: 02:30-03:30}}\n"
)


def test_a_time_in_the_spring_forward_gap_is_named_not_a_zero_length() -> None:
    report = agenda_kit.check(agenda_kit.loads(SPRING.format(zone="Europe/Berlin")))
    assert [(d.code, d.message, d.hint, d.location.path) for d in report.diagnostics] == [
        (
            "AK213",
            "02:30 does not exist on 2025-03-30 (clocks jump from 02:00 to 03:00)",
            "Write the time of `a` before 02:00 or from 03:00 on.",
            "parts[0].sessions[0].time",
        )
    ]
    # The same wall-clock times in a zone without that jump are a plain hour.
    assert agenda_kit.check(agenda_kit.loads(SPRING.format(zone="Asia/Seoul"))).diagnostics == []


def test_spring_forward_in_other_zones_and_hours() -> None:
    # New York jumps at 02:00 too, on 2025-03-09; Lord Howe by 30 minutes (02:00 -> 02:30).
    text = SPRING.format(zone="America/New_York").replace("2025-03-30", "2025-03-09")
    (found,) = agenda_kit.check(agenda_kit.loads(text)).diagnostics
    assert found.message == "02:30 does not exist on 2025-03-09 (clocks jump from 02:00 to 03:00)"
    text = (
        SPRING.format(zone="Australia/Lord_Howe")
        .replace("2025-03-30", "2025-10-05")
        .replace("02:30-03:30", "02:15-03:30")
    )
    (found,) = agenda_kit.check(agenda_kit.loads(text)).diagnostics
    assert found.message == "02:15 does not exist on 2025-10-05 (clocks jump from 02:00 to 02:30)"


def test_json_names_the_subjects(capsys: pytest.CaptureFixture[str]) -> None:
    path = AGENDAS / "invalid" / "AK401_speaker-conflict.yaml"
    assert main(["check", "--format", "json", str(path)]) == 1
    subjects = [d["subjects"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert subjects and all(set(s) >= {"sessions", "speakers"} for s in subjects)
    assert all(len(s["sessions"]) == 2 for s in subjects)


def test_findings_and_diagnostics_import_nothing_of_ours_above_them() -> None:
    import ast

    src = Path(agenda_kit.__file__).parent

    def ours(path: Path) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                found.add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                )
                found.update(n for n in names if n.startswith("agenda_kit"))
        return found

    assert ours(src / "diagnostics.py") == set()
    for module in sorted((src / "findings").glob("*.py")):
        assert ours(module) <= {".", "..diagnostics"} | {
            f".{p.stem}" for p in (src / "findings").glob("*.py")
        }, module.name
    # The translation layer itself is below everything, the registry included.
    assert ours(src / "findings" / "_text.py") == set()


def test_a_collector_counts_repeats_at_their_first_place() -> None:
    collector = findings.Collector()
    first = Location("s.csv", 3, 1, "")
    for line in (3, 7, 9):
        collector.add(findings.IMPORT_SKIPPED.at(Location("s.csv", line, 1, ""), "no-date"))
    collector.add(findings.IMPORT_SKIPPED.at(first, "bad-date", value="'32.13.'"))
    assert [(d.location.line, d.key) for d in collector.found] == [
        (3, "import-skipped.no-date"),
        (3, "import-skipped.bad-date"),
    ]
    assert [collector.count(d) for d in collector.found] == [3, 1]
    report = collector.report(lang="ko")
    assert (report.broken, report.warnings, report.lang) == (False, 2, "ko")
    assert [d.message for d in collector.translated("ko")] == [
        "날짜가 없는 행",
        "날짜 '32.13.'이 날짜가 아닌 행",
    ]


_DIGITS = "영일이삼사오육칠팔구"


def _sino_korean(n: int) -> str:
    """How ``n`` is read aloud in Sino-Korean, written out in full (2025 이천이십오)."""
    if n == 0:
        return "영"
    words = []
    for power, myriad in enumerate(["", "만", "억", "조", "경"]):
        group = n // 10 ** (4 * power) % 10_000
        if not group:
            continue
        text = ""
        for place, unit in ((3, "천"), (2, "백"), (1, "십"), (0, "")):
            digit = group // 10**place % 10
            if digit:
                text += ("" if digit == 1 and unit else _DIGITS[digit]) + unit
        words.insert(0, text + myriad)
    return "".join(words)


@given(st.integers(0, 10**20 - 1))
def test_number_particles_follow_the_number_read_aloud(n: int) -> None:
    last = _sino_korean(n)[-1]
    final = _jongseong(last)
    assert particle(str(n), "이/가") == ("이" if final else "가"), _sino_korean(n)
    assert particle(f"`talk-{n}`", "으로/로") == (
        "으로" if final and final != "\u11af" else "로"
    ), _sino_korean(n)


def test_every_phrase_has_both_languages_and_the_same_values() -> None:
    from agenda_kit.findings._text import fields

    for key, template in findings.PHRASES.items():
        assert template.en and template.ko, key
        # Korean may leave a value out (`{n}일차` for `day {n} of {total}`), never add one.
        assert fields(template.ko) <= fields(template.en), key
        values = {name: "`x`" for name in template.names}
        assert not _PAIR.search(say(key, "ko", **values)), key
