"""The agenda YAML writer (exchange/agenda_yaml.py, issue 12): the text ruamel.yaml's
round-trip dumper wrote, byte for byte, for every fixture and for generated agendas,
without its cost; and text that reads back as the agenda, nothing more, by ruamel.yaml
(YAML 1.2, the loaders' pure-Python path and an independent safe loader) and by the
libyaml path, whatever the text holds (issue 8: nothing in a value becomes a key).

The reference is the ruamel writer this module replaced, kept here as it was.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import agenda_kit
from agenda_kit import Report, loaders
from agenda_kit.exchange import import_bytes, import_file
from agenda_kit.exchange._common import visible
from agenda_kit.exchange.agenda_yaml import comment_text, dump, plain
from agenda_kit.loaders import DEFAULT_LIMITS
from agenda_kit.loaders._libyaml import available, load_fast
from agenda_kit.model import (
    ID_PATTERN,
    Agenda,
    CheckSettings,
    Event,
    Geo,
    Part,
    Room,
    RuleException,
    Session,
    Speaker,
    Track,
    Transfer,
    Venue,
)
from agenda_kit.rules import check_built

from .helpers import AGENDAS, INVITE, REALWORLD, ROOT, SEED

# --- The reference: the ruamel.yaml writer as it was before issue 12 ---------------

_FLOW_WIDTH = 160
_NOT_LITERAL = re.compile(
    r"[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _convert(value: Any, flow_map: bool = False) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _convert(v)
        if flow_map:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_convert(v) for v in value)
        if all(not isinstance(v, dict | list) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value and not _NOT_LITERAL.search(value):
        return LiteralScalarString(value)
    if isinstance(value, str) and (_ESCAPED.search(value) or value[:1] in _INDICATORS):
        return DoubleQuotedScalarString(value)
    return value


def _one_line(value: dict[str, Any]) -> bool:
    flat = all(
        not isinstance(v, dict)
        and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        and not (isinstance(v, str) and "\n" in v)
        for v in value.values()
    )
    return flat and len(repr(value)) <= _FLOW_WIDTH


def ruamel_dump(agenda: Agenda, *, comment: str = "") -> str:
    data = plain(agenda)
    root = _convert(data)
    venue = root.get("venue")
    if venue is not None:
        for rid, room in data["venue"].get("rooms", {}).items():
            venue["rooms"][rid] = _convert(room, flow_map=True)
        for i, transfer in enumerate(data["venue"].get("transfers", [])):
            venue["transfers"][i] = _convert(transfer, flow_map=True)
    for sid, speaker in data.get("speakers", {}).items():
        root["speakers"][sid] = _convert(speaker, flow_map=_one_line(speaker))
    for p_index, part in enumerate(data["parts"]):
        for s_index, session in enumerate(part["sessions"]):
            root["parts"][p_index]["sessions"][s_index] = _convert(
                session, flow_map=_one_line(session)
            )
    if comment:
        root.yaml_set_start_comment(comment_text(comment))
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


# --- Reading the text back -------------------------------------------------------


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)  # type: ignore[assignment]
    return yaml


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def ruamel_path(text: str) -> Agenda:
    """The agenda as the loaders read it with libyaml disabled (ruamel.yaml, YAML 1.2)."""
    saved = loaders._fast_yaml
    loaders._fast_yaml = None
    try:
        return agenda_kit.loads(text, "yaml", name="a.yaml")
    finally:
        loaders._fast_yaml = saved


def assert_reads_back(text: str, agenda: Agenda) -> None:
    """``text`` holds ``agenda`` and nothing else, for every reader, on LF lines only."""
    # The Python values made JSON's (mode="json" would make an infinite float null).
    expected = _json(plain(agenda))
    # No line break but LF: a CR, NEL, U+2028 … in the text would be one for some reader.
    assert text.splitlines() == text.split("\n")[:-1]
    data = _safe_yaml().load(text)
    assert list(data) == list(expected)
    assert _json(data) == expected
    assert ruamel_path(text).model_dump() == agenda.model_dump()
    if available():
        fast = load_fast(text, DEFAULT_LIMITS)
        if "\t" not in text:  # a tab (in a literal block) may send it to ruamel
            assert fast is not None
        if fast is not None:
            assert _json(fast[0]) == expected
        assert agenda_kit.loads(text, "yaml", name="a.yaml").model_dump() == agenda.model_dump()


# --- Fixtures: the same text as ruamel wrote ---------------------------------------

FIXTURES = sorted(
    {
        *AGENDAS.rglob("*.yaml"),
        *AGENDAS.rglob("*.json"),
        *AGENDAS.rglob("*.toml"),
        *(ROOT / "examples").rglob("*.yaml"),
        *INVITE.rglob("*.yaml"),
        *REALWORLD.glob("agendas/*"),
    }
)
SOURCES = sorted(
    [
        *REALWORLD.glob("schedules/*"),
        *REALWORLD.glob("ics/*.ics"),
        *(ROOT / "tests").rglob("*.ics"),
        *(ROOT / "tests").rglob("*.csv"),
    ]
)


def _agendas() -> list[tuple[str, Agenda]]:
    found = []
    for path in FIXTURES:
        try:
            found.append((path.name, agenda_kit.load(path)))
        except agenda_kit.LoadError:
            continue  # a broken or invalid fixture: nothing to write
    return found


def test_every_fixture_is_written_as_ruamel_wrote_it() -> None:
    agendas = _agendas()
    assert len(agendas) >= 40  # the fixtures that load, so that the test sees them
    comment = "Imported from x.csv (csv) by agenda-kit import.\n  a note\n#kept\n\n  y"
    for name, agenda in agendas:
        assert dump(agenda) == ruamel_dump(agenda), name
        assert dump(agenda, comment=comment) == ruamel_dump(agenda, comment=comment), name
        assert_reads_back(dump(agenda), agenda)


def _findings(report: Report) -> list[tuple[str, str, str, str]]:
    """The findings, without lines (an agenda built in code has none, and the report
    is in the order of its lines)."""
    return sorted((d.code, d.severity, d.location.path, d.message) for d in report.diagnostics)


def test_every_import_is_written_as_ruamel_wrote_it() -> None:
    """And it is checked as built: the text reads back as the data it was written from,
    which is the built agenda, with the same findings (``import`` does not read the
    file it writes again)."""
    from agenda_kit.commands.import_ import as_loaded, written

    seen = 0
    for path in SOURCES:
        try:
            imported = import_file(path)
        except agenda_kit.LoadError:
            continue
        seen += 1
        text, data = written(imported, str(path))
        header = text[: text.index("\nagenda: 1\n") + 1]
        assert text == ruamel_dump(imported.agenda, comment=_header(header)), path.name
        assert_reads_back(text, imported.agenda)
        assert data == plain(imported.agenda)
        assert as_loaded(imported.agenda, text, data, "x.yaml") is imported.agenda
        loaded = agenda_kit.check(agenda_kit.loads(text, name="x.yaml"))
        assert imported.timeline is not None
        built = check_built(imported.agenda, imported.timeline)
        assert _findings(built) == _findings(loaded), path.name
        assert (built.errors, built.warnings) == (loaded.errors, loaded.warnings)
    assert seen >= 10


def _header(text: str) -> str:
    """The comment the header lines were made from (each `# ` taken off)."""
    return "\n".join(line[2:] for line in text.rstrip("\n").split("\n"))


# --- Scalars: each style where ruamel chose it, and what reads back ---------------


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("Opening", "Opening"),
        ("yes", "yes"),  # YAML 1.2: a string (1.1 would read a bool)
        ("15:00", "15:00"),  # YAML 1.2: no base-60 numbers
        ("Talk 1: time zones", "'Talk 1: time zones'"),
        ("C# and F#", "C# and F#"),
        ("a #tag", "'a #tag'"),
        ("ends:", "'ends:'"),
        ("null", "'null'"),
        ("Null", "'Null'"),
        ("~", "'~'"),
        ("", "''"),
        ("true", "'true'"),
        ("0o17", "'0o17'"),
        ("0x1F", "'0x1F'"),
        ("1_000", "'1_000'"),
        ("1e3", "'1e3'"),
        ("12", "'12'"),
        ("+12", "'+12'"),
        (".inf", "'.inf'"),
        ("-.inf", '"-.inf"'),
        (".NaN", "'.NaN'"),
        ("2024-10-17", "'2024-10-17'"),
        ("2024-10-17 10:00:00", "'2024-10-17 10:00:00'"),
        ("<<", "'<<'"),
        ("=", "'='"),
        ("...", "'...'"),
        (" lead", "' lead'"),
        ("trail ", "'trail '"),
        ("it's", "it's"),
        ("it's: x", '"it\'s: x"'),
        ("a, b", "a, b"),  # plain in a block, quoted in a flow mapping (see below)
        ("a{b}", "a{b}"),
        ("[a]", '"[a]"'),
        ("- x", '"- x"'),
        ("-x", '"-x"'),
        ("?x", '"?x"'),
        (":x", '":x"'),
        ("&a", '"&a"'),
        ("*a", '"*a"'),
        ("!x", '"!x"'),
        ("%x", '"%x"'),
        ("@x", '"@x"'),
        ("`x", '"`x"'),
        ("#x", '"#x"'),
        ("|x", '"|x"'),
        (">x", '">x"'),
        ('"x', '"\\"x"'),
        ("'x", '"\'x"'),
        ("a\u2028b", '"a\\Lb"'),
        ("a\u2029b", '"a\\Pb"'),
        ("a\ufeffb", '"a\\uFEFFb"'),
        ("a\ufffeb", '"a\\uFFFEb"'),
        ("a\\b", "a\\b"),
        ("일정 관리와 시간대", "일정 관리와 시간대"),
    ],
)
def test_a_title_is_written_in_the_style_ruamel_chose(title: str, written: str) -> None:
    agenda = _one_session(Session(title=title, minutes=5))
    text = dump(agenda)
    block_title = f"title: {written}"
    # In the one-line session (flow context) and as a block value (the event's title).
    flow = f"'{title}'" if title in ("a, b", "a{b}") else written
    assert f"      - {{minutes: 5, title: {flow}}}\n" in text
    if title:  # an event's title is not empty
        event = _one_session(Session(title="t", minutes=5), event_title=title)
        assert f"\n  {block_title}\n" in dump(event)
        assert dump(event) == ruamel_dump(event)
        assert_reads_back(dump(event), event)
    assert text == ruamel_dump(agenda)
    assert_reads_back(text, agenda)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a\rb", '"a\\rb"'),
        ("a\x85b", '"a\\Nb"'),
        ("a\x00b\x07\x1b\x7f", '"a\\0b\\a\\e\\x7F"'),
        ("a\tb", '"a\\tb"'),
        ("a\nb", '"a\\nb"'),  # in a flow sequence: no literal block there
        ("\u2028", '"\\L"'),
        ("a\U0001f600", "a\U0001f600"),
    ],
)
def test_text_a_title_cannot_hold_is_escaped(value: str, written: str) -> None:
    # Rule options take any value: a list of text is a flow sequence.
    agenda = _one_session(Session(title="t"), rules={"gap": {"words": [value, "x"]}})
    text = dump(agenda)
    assert f"      words: [{written}, x]\n" in text
    assert text == ruamel_dump(agenda)
    assert_reads_back(text, agenda)


def test_multi_line_text_is_a_literal_block_where_it_can_be() -> None:
    session = Session(
        title="Reception",
        description="First line\n  indented: yes # not a comment\n\nlast ",
        children=[
            Session(title="a", description=" starts with a space\nsecond\n"),
            Session(title="b", description="ends\nwith\n\n"),
        ],
    )
    agenda = _one_session(session)
    text = dump(agenda)
    assert text.endswith(
        "      - title: Reception\n"
        "        description: |-\n"
        "          First line\n"
        "            indented: yes # not a comment\n"
        "\n"
        "          last \n"
        "        children:\n"
        "          - title: a\n"
        "            description: |2\n"
        "               starts with a space\n"
        "              second\n"
        "          - title: b\n"
        "            description: |+\n"
        "              ends\n"
        "              with\n"
        "\n"
        # A kept final line break at the very end: ruamel ended the document there.
        "...\n"
    )
    assert text == ruamel_dump(agenda)
    assert_reads_back(text, agenda)


def test_multi_line_text_with_a_line_break_of_another_kind_is_double_quoted() -> None:
    for text_ in ("a\nb\u2028c", "a\nb\rc", "a\nb\ufeff"):
        agenda = _one_session(Session(title="t"), rules={"r": {"x": {"y": text_}}})
        text = dump(agenda)
        assert f"        y: {_dq(text_)}\n" in text
        assert text == ruamel_dump(agenda)
        assert_reads_back(text, agenda)


def _dq(text: str) -> str:
    escapes = {"\n": "\\n", "\r": "\\r", "\u2028": "\\L", "\ufeff": "\\uFEFF"}
    return '"' + "".join(escapes.get(c, c) for c in text) + '"'


def test_long_keys_are_explicit_keys() -> None:
    long_id = "s" + "x" * 130
    agenda = Agenda(
        event=Event(id="e", title="E", date="2025-03-18", timezone="Asia/Seoul"),
        venue=Venue(name="V", rooms={long_id: Room(name="R")}),
        speakers={long_id: Speaker(name="Kim", affiliation="y" * 200)},
        parts=[Part(sessions=[Session(title="t", speakers=[long_id], room=long_id)])],
    )
    text = dump(agenda)
    assert f"  ? {long_id}\n  : name: Kim\n    affiliation: {'y' * 200}\n" in text
    assert f"    ? {long_id}\n    : {{name: R}}\n" in text
    assert text == ruamel_dump(agenda)
    assert_reads_back(text, agenda)


def test_numbers_dates_and_settings() -> None:
    agenda = Agenda(
        event=Event(id="e", title="E", date="2025-03-18", timezone="Asia/Seoul"),
        venue=Venue(
            name="V",
            geo=Geo(lat=37.5, lon=1e-05),
            rooms={"a": Room(name="A", floor=-1), "b": Room(name="B", floor="2F", capacity=0)},
            transfers=[Transfer(from_="a", to="b", minutes=5)],
        ),
        tracks={"t": Track(title="T", breaks=["12:00-13:00"], contiguous=False)},
        parts=[Part(date="2025-03-18", track="t", breaks=[], sessions=[Session(title="x")])],
        x_agenda_kit=CheckSettings(
            select=["ALL"],
            severity={"gap": "warning"},
            rules={"gap": {"f": 1e17, "n": None, "l": [None, 1.5, True], "d": {}, "e": []}},
            exceptions=[RuleException(rule="overlap", sessions=["s1"], reason="because: yes")],
        ),
    )
    text = dump(agenda)
    assert text == (
        "agenda: 1\n"
        "event:\n"
        "  id: e\n"
        "  title: E\n"
        "  date: 2025-03-18\n"
        "  timezone: Asia/Seoul\n"
        "venue:\n"
        "  name: V\n"
        "  geo:\n"
        "    lat: 37.5\n"
        "    lon: 1e-05\n"
        "  rooms:\n"
        "    a: {name: A, floor: -1}\n"
        "    b: {name: B, floor: 2F, capacity: 0}\n"
        "  transfers:\n"
        "    - {from: a, to: b, minutes: 5}\n"
        "parts:\n"
        "  - date: 2025-03-18\n"
        "    track: t\n"
        "    breaks: []\n"
        "    sessions:\n"
        "      - {title: x}\n"
        "x-agenda-kit:\n"
        "  select: [ALL]\n"
        "  severity:\n"
        "    gap: warning\n"
        "  rules:\n"
        "    gap:\n"
        "      f: 1e+17\n"
        "      n:\n"
        "      l: [null, 1.5, true]\n"
        "      d: {}\n"
        "      e: []\n"
        "  exceptions:\n"
        "    - rule: overlap\n"
        "      sessions: [s1]\n"
        "      reason: 'because: yes'\n"
        "tracks:\n"
        "  t:\n"
        "    title: T\n"
        "    contiguous: false\n"
        "    breaks: [12:00-13:00]\n"
    )
    assert text == ruamel_dump(agenda)
    assert_reads_back(text, agenda)


def _one_session(
    session: Session, *, event_title: str = "E", rules: dict[str, Any] | None = None
) -> Agenda:
    return Agenda(
        event=Event(id="e", title=event_title, date="2025-03-18", timezone="Asia/Seoul"),
        parts=[Part(sessions=[session])],
        x_agenda_kit=CheckSettings(rules=rules) if rules else None,
    )


# --- Generated agendas -------------------------------------------------------------

NASTY = (
    "\r\n\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x00\x07\x1b\x7f\x9b\t\ufeff\ufffe\uffff"
    "\u202e\u2066#:-?[]{}&*!|>'\"%@`,;=+<>/\\ .~\u00e9\ud55c\U0001f600"
)
WORDS = [
    "yes",
    "no",
    "on",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "0o17",
    "0x1F",
    "1e3",
    "-1",
    "+1",
    ".5",
    ".inf",
    "-.inf",
    ".nan",
    "12",
    "1_000",
    "15:00",
    "09:00-10:00",
    "2024-10-17",
    "2024-10-17 10:00",
    "2024-10-17T10:00:00Z",
    "<<",
    "=",
    "...",
    "---",
    "a: b",
    "a #b",
    "a:b",
    "a#b",
    "- x",
    "? x",
    ": x",
    "&a",
    "*a",
    "!x",
    "%x",
    "@x",
    "`x",
    "",
    " ",
    "a ",
    " a",
    "'",
    '"',
    "일정 관리와 시간대, 다국어 일정표와 달력 내보내기의 실제 " * 3,
]
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOTES_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

raw_text = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8")), max_size=30),
    st.lists(st.sampled_from([*WORDS, "\n", "\n\n", " ", "\t"]), max_size=5).map("".join),
)
line_text = raw_text.map(lambda t: _CONTROLS.sub("", t))  # what a title may hold
name_text = line_text.filter(bool)
notes_text = raw_text.map(lambda t: _NOTES_CONTROLS.sub("", t))  # a description
ids = st.one_of(
    st.sampled_from(["a", "null", "true", "12", "1e3", "0o17", "_", "x.y-z", "2024-10-17"]),
    st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda t: len(t) <= 140),
    st.integers(100, 200).map(lambda n: "k" * n),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    raw_text,
)


def options(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Values of rule options: scalars, lists and mappings with ``keys``."""
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)
        ),
        max_leaves=8,
    )


@st.composite
def agendas(draw: st.DrawFn, *, keys: st.SearchStrategy[str] = raw_text) -> Agenda:
    """Agendas with generated text wherever the model takes text; ``keys``: the rule
    names, option names (at any depth) and ``ignore`` entries: anything, or ids (ruamel
    chose the style of these itself, where text starting with an indicator is now
    double-quoted whatever its place)."""
    room_ids = draw(st.lists(ids, max_size=3, unique=True))
    speaker_ids = draw(st.lists(ids, max_size=3, unique=True))

    def session(depth: int) -> Session:
        children = draw(st.integers(0, 2 if depth else 0))
        return Session(
            id=draw(st.none() | ids),
            title=draw(line_text),
            minutes=draw(st.none() | st.integers(-60, 600)),
            speakers=draw(st.lists(st.sampled_from(speaker_ids), max_size=3))
            if speaker_ids
            else (),
            room=draw(st.sampled_from(room_ids)) if room_ids and draw(st.booleans()) else None,
            description=draw(st.none() | notes_text),
            uid=draw(st.none() | line_text),
            ignore=draw(st.lists(keys.map(lambda t: _CONTROLS.sub("", t)), max_size=2)),
            children=[session(depth - 1) for _ in range(children)],
        )

    rule_names = keys.map(lambda t: _CONTROLS.sub("", t)).filter(bool)
    rules = draw(
        st.dictionaries(rule_names, st.dictionaries(keys, options(keys), max_size=3), max_size=2)
    )
    floors = st.none() | st.integers(-(10**9), 10**9) | name_text
    return Agenda(
        event=Event(
            id=draw(ids),
            title=draw(name_text),
            date="2025-03-18",
            timezone="Asia/Seoul",
            description=draw(st.none() | notes_text),
            weekday=draw(st.none() | line_text),
        ),
        venue=Venue(
            name=draw(name_text),
            address=draw(st.none() | line_text),
            rooms={r: Room(name=draw(name_text), floor=draw(floors)) for r in room_ids},
            transfers=[
                Transfer(from_=a, to=b, minutes=5) for a in room_ids[:1] for b in room_ids[1:]
            ],
        ),
        speakers={
            s: Speaker(name=draw(name_text), affiliation=draw(st.none() | line_text))
            for s in speaker_ids
        },
        tracks={draw(ids): Track(title=draw(line_text), description=draw(notes_text))},
        parts=[
            Part(title=draw(st.none() | line_text), sessions=[session(1) for _ in range(n)])
            for n in draw(st.lists(st.integers(1, 3), min_size=1, max_size=2))
        ],
        x_agenda_kit=CheckSettings(rules=rules) if rules else None,
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(agenda=agendas())
def test_any_agenda_reads_back_as_itself(agenda: Agenda) -> None:
    assert_reads_back(dump(agenda), agenda)


@PROPERTY
@given(agenda=agendas(), comment=raw_text)
def test_the_comment_stays_a_comment(agenda: Agenda, comment: str) -> None:
    full = f"Imported from {comment}.\n{comment}"
    text = dump(agenda, comment=full)
    assert_reads_back(text, agenda)
    header = text[: text.index("agenda: 1\n")]
    lines = header.split("\n")[:-1]
    # One line per line of the comment (a final line break ends the last one).
    assert len(lines) == len(full.removesuffix("\n").split("\n"))
    assert all(line.lstrip().startswith("#") or not line.strip() for line in lines)
    assert lines[0] == f"# {visible(full.split(chr(10))[0])}"


@PROPERTY
@given(agenda=agendas(keys=ids))
def test_generated_agendas_are_written_as_ruamel_wrote_them(agenda: Agenda) -> None:
    text = dump(agenda)
    # ruamel folded lines longer than its width (4096): this writer does not (both read
    # back the same; see assert_reads_back).
    assume(max(len(line) for line in text.split("\n")) < 4000)
    assert text == ruamel_dump(agenda)


# --- Imports: a hostile CSV header cell (issue 8) -----------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "x\rinjected: 1",
        "x\r\ninjected: 1",
        "x\u2028injected: 1",
        "x\x85injected: 1",
        "\ninjected: 1",
        "x\n#injected: 1",
    ],
)
def test_a_csv_header_cell_never_becomes_a_key(heading: str) -> None:
    from agenda_kit.commands.import_ import written

    cell = '"' + heading.replace('"', '""') + '"'
    data = f"date,start,end,title,{cell}\r\n2025-03-18,09:00,10:00,Talk,x\r\n".encode()
    imported = import_bytes(data, "csv", name=f"{heading}.csv")
    text, _ = written(imported, f"{heading}.csv")
    assert_reads_back(text, imported.agenda)
    assert [line for line in text.split("\n") if line[:1].isalpha()] == [
        "agenda: 1",
        "event:",
        "parts:",
    ]
    assert "\ninjected" not in text


def test_the_writer_refuses_a_value_yaml_cannot_hold() -> None:
    agenda = _one_session(Session(title="t"), rules={"gap": {"x": 1}})
    agenda.x_agenda_kit.rules["gap"]["x"] = {1, 2}  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="cannot write set"):
        dump(agenda)


@settings(max_examples=500)
@given(
    text=st.text(alphabet=st.one_of(st.sampled_from(NASTY + "\u3000\xa0\u2000"), st.characters()))
)
def test_clean_text_takes_its_shortcut_only_where_there_is_nothing_to_clean(text: str) -> None:
    from agenda_kit.exchange._common import clean_text

    spaces = re.compile(r"\s+")
    controls = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
    assert clean_text(text) == spaces.sub(" ", controls.sub(" ", text)).strip()


def test_a_timeline_checks_only_its_own_agenda() -> None:
    from agenda_kit.timeline import build_timeline

    agenda = agenda_kit.load(SEED)
    other = agenda_kit.load(SEED)
    with pytest.raises(ValueError, match="another agenda's"):
        check_built(agenda, build_timeline(other))
    assert check_built(agenda, build_timeline(agenda)) == agenda_kit.check(agenda)


@settings(max_examples=500)
@given(
    st.text(alphabet=st.sampled_from(list("aZ09 .-_:,#'\"\t\n한²\u0301\u2028\ufeff~")), max_size=8)
    | st.sampled_from(["true", "Null", "NULL", "n", "Yes", "a b", "a.", "a-", "a ", "é1"])
)
def test_text_surely_plain_is_plain_by_the_full_rules(text: str) -> None:
    """The shortcut for plain text says plain only where the three rules it skips do."""
    from agenda_kit.exchange import agenda_yaml as w

    if w._SURELY_PLAIN.fullmatch(text) and text not in w._WORDS:
        for flow in (False, True):
            assert not w._needs_double(text)
            assert not w._not_plain(text, flow)
            assert not w._NOT_STR.fullmatch(text)


# The writer's first rules as one search each (every alternative tried at every
# character): what the split rules must agree with.
_DOUBLE_RULE = re.compile(
    r"[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
    r"|^[-?:,\[\]{}#&*!|>'\"%@`]"
)
_NOT_PLAIN_RULE = re.compile(r"^\.\.\.|: |:$| #|\n|^ | $")
_NOT_FLOW_PLAIN_RULE = re.compile(r"^\.\.\.|: |:$| #|\n|^ | $|[,\[\]{}]")


@settings(max_examples=1000)
@given(
    st.text(
        alphabet=st.sampled_from(list("a. :#\n\t,[]{}-?'\"%@`|>*&!\x00\x85\u2028\ufeff한")),
        min_size=1,
        max_size=8,
    )
)
def test_the_quoting_rules_read_as_the_single_searches(text: str) -> None:
    from agenda_kit.exchange import agenda_yaml as w

    assert w._needs_double(text) == bool(_DOUBLE_RULE.search(text))
    assert w._not_plain(text, False) == bool(_NOT_PLAIN_RULE.search(text))
    assert w._not_plain(text, True) == bool(_NOT_FLOW_PLAIN_RULE.search(text))
