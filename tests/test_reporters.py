"""Every output format says the same findings: the planted conference in each of them."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from agenda_kit.cli import main
from agenda_kit.diagnostics import Location

from .helpers import AGENDAS, ROOT

PLANTED = AGENDAS / "planted" / "conference.yaml"
SARIF_SCHEMA = ROOT.joinpath(
    "tests/interop/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
)


def anchor(line_marker: str, text: str) -> tuple[int, int]:
    """Line and column of ``text`` on the one line of the fixture containing the marker."""
    lines = PLANTED.read_text("utf-8").splitlines()
    found = [i for i, line in enumerate(lines) if line_marker in line]
    assert len(found) == 1, line_marker
    return found[0] + 1, lines[found[0]].index(text) + 1


# Read off the fixture, independently of the tool: where each planted problem is.
EXPECTED = sorted(
    [
        ("AK302", "room-conflict", *anchor("id: talk-2,", "13:00-14:00")),
        ("AK403", "speaker-unavailable", *anchor("id: talk-2,", "grace]")),
        ("AK401", "speaker-conflict", *anchor("id: lab-alan,", "alan]")),
    ]
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args, str(PLANTED)])
    return code, capsys.readouterr().out


def test_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "text", "--color", "never")
    assert code == 1
    pattern = re.compile(r"^(.+):(\d+):(\d+): (AK\d+) \[error\] ([a-z-]+): ", re.M)
    found = sorted((m[4], m[5], int(m[2]), int(m[3])) for m in pattern.finditer(out))
    assert found == EXPECTED
    assert out.count("  = help: ") == 3 and out.count("  = see: ") == 3
    assert out.splitlines()[-1] == "Found 3 errors in 1 file."


def test_text_in_colour_and_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, coloured = run(capsys, "--color", "always")
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain = run(capsys)  # auto: not a terminal here, and NO_COLOR is set
    assert "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_concise(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "concise")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 4
    found = sorted(
        (m[3], m[4], int(m[1]), int(m[2]))
        for m in (re.match(r".+:(\d+):(\d+): (AK\d+) \[error\] ([a-z-]+): ", x) for x in lines[:3])
        if m
    )
    assert found == EXPECTED


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "json")
    data = json.loads(out)
    found = sorted(
        (d["code"], d["name"], d["location"]["line"], d["location"]["column"])
        for d in data["diagnostics"]
    )
    assert code == 1 and found == EXPECTED
    assert data["summary"] == {"files": 1, "errors": 3, "warnings": 0, "infos": 0}


def test_github(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "github")
    pattern = re.compile(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=(AK\d+) ([a-z-]+)::")
    matches = [pattern.match(line) for line in out.splitlines()[:-1]]
    assert all(matches)
    found = sorted((m[4], m[5], int(m[2]), int(m[3])) for m in matches if m)
    assert code == 1 and found == EXPECTED
    # Workflow commands are one line each: newlines in the message are escaped.
    assert all("%0A" in line for line in out.splitlines()[:-1])


def test_sarif_is_valid_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "sarif")
    log = json.loads(out)
    if not SARIF_SCHEMA.exists():
        reason = "the SARIF 2.1.0 schema (npm @microsoft/jest-sarif) is missing: make interop-deps"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    found = sorted(
        (
            r["ruleId"],
            rules[r["ruleIndex"]]["name"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in run_["results"]
    )
    assert code == 1 and found == EXPECTED
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run_["results"])
    assert all(len(r["relatedLocations"]) == 1 for r in run_["results"])


def test_sarif_rules_carry_their_descriptions(capsys: pytest.CaptureFixture[str]) -> None:
    from agenda_kit.findings import KINDS_BY_CODE

    _, out = run(capsys, "--format", "sarif")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    gap = next(r for r in rules if r["id"] == "AK201")
    assert gap == {
        "id": "AK201",
        "name": "gap",
        "shortDescription": {"text": KINDS_BY_CODE["AK201"].summary},
        "fullDescription": {
            "text": KINDS_BY_CODE["AK201"].summary + " " + KINDS_BY_CODE["AK201"].why
        },
        "help": {
            "text": "Move the session to the end of the previous one, or declare a "
            "`kind: break` session."
        },
        "defaultConfiguration": {"level": "error"},
        "helpUri": "https://github.com/agenda-kit/agenda-kit/blob/main/docs/rules/gap.md",
    }
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert (levels["AK204"], levels["AK112"]) == ("warning", "note")


def test_sarif_schema_rejects_a_broken_log() -> None:
    # The validation above can fail: a log without results' messages is refused.
    if not SARIF_SCHEMA.exists():
        pytest.skip("SARIF schema missing")
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    broken = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "AK201"}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_junit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "junit")
    root = ET.fromstring(out)
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    failing = sorted(c.get("name", "") for c in cases if c.find("failure") is not None)
    assert code == 1
    assert failing == sorted(f"{code_} {name}" for code_, name, *_ in EXPECTED)
    # One test case per rule that ran, passing ones included.
    assert len(cases) == int(suite.get("tests", "0")) > 20
    assert suite.get("failures") == "3" and root.get("failures") == "3"


def test_gitlab(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--format", "gitlab")
    issues = json.loads(out)
    found = sorted(
        (
            i["check_name"],
            i["description"].split(":")[0].split(" ")[1],
            i["location"]["lines"]["begin"],
        )
        for i in issues
    )
    assert code == 1 and found == sorted((c, n, line) for c, n, line, _ in EXPECTED)
    assert {i["severity"] for i in issues} == {"major"}
    assert len({i["fingerprint"] for i in issues}) == 3


def test_exit_codes_follow_the_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    warnings_only = AGENDAS / "invalid" / "AK204_window-not-filled.yaml"
    info_only = AGENDAS / "invalid" / "AK113_missing-id.yaml"
    assert main(["check", str(PLANTED)]) == 1
    assert main(["check", "--exit-zero", str(PLANTED)]) == 0
    assert main(["check", str(warnings_only)]) == 0
    assert main(["check", "--fail-on", "warning", str(warnings_only)]) == 1
    assert main(["check", "--fail-on", "warning", str(info_only)]) == 0
    assert main(["check", "--fail-on", "info", str(info_only)]) == 1
    # Selecting away the planted rules leaves a clean run.
    assert main(["check", "--ignore", "AK4,room-conflict", str(PLANTED)]) == 0
    assert main(["check", "--select", "AK401", str(PLANTED)]) == 1
    # --exit-zero never hides a tool problem.
    broken = AGENDAS / "broken" / "AK101_syntax-error.yaml"
    assert main(["check", "--exit-zero", str(broken)]) == 2
    bad_config = tmp_path / ".agenda-kit.toml"
    bad_config.write_text('select = ["AK999"]\n', "utf-8")
    assert main(["check", "--config", str(bad_config), str(PLANTED)]) == 2
    capsys.readouterr()


def test_reporters_write_findings_in_the_language_asked_for() -> None:
    from agenda_kit.diagnostics import Report
    from agenda_kit.findings import GAP, Duration
    from agenda_kit.reporters import REPORTERS

    where = Location("a.yaml", 12, 29, "parts[0].sessions[1].time")
    values = {"a": "opening", "a_end": "15:03", "b": "keynote", "b_start": "15:06"}
    made_in_english = GAP.at(where, gap=Duration(180), **values)
    report = Report([made_in_english], files=1, failed=True, lang="ko")
    text = REPORTERS["concise"]().render(report)
    assert text.splitlines() == [
        "a.yaml:12:29: AK201 [error] gap: `opening`(15:03 종료)와 `keynote`(15:06 시작) "
        "사이가 3분 비어 있습니다",
        "오류 1개를 찾았습니다 (파일 1개).",
    ]
    # An explicit language wins over the report's, for every format.
    data = json.loads(REPORTERS["json"](lang="en").render(report))
    assert data["diagnostics"][0]["hint"] == (
        "Start `keynote` at 15:03, or declare a break from 15:03 to 15:06."
    )
    assert report.diagnostics == [made_in_english]  # the report itself is not changed


def test_findings_of_an_agenda_built_in_code_have_no_made_up_line() -> None:
    import datetime as dt

    from agenda_kit import Agenda, Event, Part, Session, check
    from agenda_kit.reporters import REPORTERS

    agenda = Agenda(
        event=Event(id="e", title="E", date=dt.date(2025, 3, 18), timezone="Europe/Berlin"),
        parts=[
            Part(
                sessions=[
                    Session(id="a", title="A", time=(dt.time(9), dt.time(9, 30))),
                    Session(id="b", title="B", time=(dt.time(9, 40), dt.time(10))),
                ]
            )
        ],
    )
    report = check(agenda, overrides=None)
    gaps = [d for d in report.diagnostics if d.name == "gap"]
    assert [(d.location.line, d.location.path) for d in gaps] == [(0, "parts[0].sessions[1].time")]
    text = REPORTERS["text"]().format(report)
    assert "  = see: <agenda>:parts[0].sessions[0]\n" in text
    github = REPORTERS["github"]().format(report)
    assert "line=" not in github and "file=<agenda>,title=AK201 gap::" in github
    sarif = json.loads(REPORTERS["sarif"]().format(report))
    physical = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "%3Cagenda%3E"}}
    gitlab = json.loads(REPORTERS["gitlab"]().format(report))
    assert [i["location"] for i in gitlab] == [{"path": "<agenda>", "lines": {"begin": 1}}]
