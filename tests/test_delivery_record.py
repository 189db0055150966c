"""The pieces of delivery that need no server: the SEQUENCE rule, the record of sent
e-mails read back as untrusted input, credentials and keeping them out of every text,
and how calendar objects compare when a server rewrites them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from agenda_kit.delivery.objects import changes, describe, local_objects, render
from agenda_kit.delivery.secrets import Login, clean, has_userinfo, login_for
from agenda_kit.ical.state import (
    InputError,
    Record,
    Sent,
    dump_sent,
    later_stamp,
    next_sequence,
    read_sent,
)
from agenda_kit.loaders import load

from .helpers import SEED

# --- the SEQUENCE rule -----------------------------------------------------------------


def _record(sequence: int, status: str = "CONFIRMED") -> Record:
    return Record(
        recipient="",
        uid="u@x",
        method="REQUEST",
        sequence=sequence,
        dtstamp="20241001T090000Z",
        status=status,
        start=100,
        end=200,
        location="Hall",
        summary="Talk",
    )


def test_the_sequence_rule() -> None:
    same = (100, 200, "Hall", "CONFIRMED")
    assert [
        next_sequence(None, same),
        next_sequence(_record(3), same),
        next_sequence(_record(3), (160, 260, "Hall", "CONFIRMED")),
        next_sequence(_record(3), (100, 200, "Room 2", "CONFIRMED")),
        next_sequence(_record(3, "CANCELLED"), same),
    ] == [0, 3, 4, 4, 4]


def test_a_dtstamp_is_always_later_than_the_one_before() -> None:
    assert [
        later_stamp("20241004T090000Z", None),
        later_stamp("20241004T090000Z", "20241001T090000Z"),
        later_stamp("20241004T090000Z", "20241004T090000Z"),
        later_stamp("20241001T090000Z", "20241231T235959Z"),
    ] == ["20241004T090000Z", "20241004T090000Z", "20241004T090001Z", "20250101T000000Z"]


# --- the record of sent e-mails -------------------------------------------------------

_ENTRY = {
    "recipient": "ana@example.org",
    "uid": "morning-keynote@agenda-kit",
    "method": "REQUEST",
    "sequence": 0,
    "file": "ana@example.org/keynote.eml",
    "sha256": "a" * 64,
    "message_id": "<2830a36a2d47ab0fe0c53a79451321c6@example.org>",
    "at": "2024-10-01T09:00:00Z",
}

entries = st.builds(
    Sent,
    recipient=st.from_regex(r"[a-z0-9.]{1,20}@[a-z]{1,10}\.(org|한국)", fullmatch=True).filter(
        lambda a: ".." not in a and not a.startswith(".") and ".@" not in a
    ),
    uid=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40),
    method=st.sampled_from(["REQUEST", "CANCEL"]),
    sequence=st.integers(0, 2**31 - 1),
    file=st.from_regex(r"[a-z]{1,8}/[a-z0-9-]{1,12}\.eml", fullmatch=True),
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    message_id=st.from_regex(r"<[0-9a-f]{8}@[a-z]{1,8}\.org>", fullmatch=True),
    at=st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
    ),
)


@given(st.lists(entries, max_size=5, unique_by=lambda e: e.key))
def test_the_record_of_sent_emails_reads_back_what_was_written(tmp_path_factory, items) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sent") / "agenda-kit-sent.json"
    path.write_bytes(dump_sent("morning", items))
    assert read_sent(path, "morning") == {e.key: e for e in items}


def _refusal(tmp_path: Path, data: object, event: str = "morning") -> str:
    path = tmp_path / "agenda-kit-sent.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    with pytest.raises(InputError) as caught:
        read_sent(path, event)
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == "AK915"
    return f"{diagnostic.location.line}:{diagnostic.location.column} {diagnostic.params['detail']}"


@pytest.mark.parametrize(
    ("field", "value", "detail"),
    [
        (
            "recipient",
            "ana@example.org\nBcc: eve@example.org",
            "`recipient` is not an e-mail address",
        ),
        ("recipient", 7, "`recipient` is not a string"),
        ("uid", "", "`uid` is not a UID"),
        ("uid", "a\rb", "`uid` is not a UID"),
        ("method", "PUBLISH", "`method` is neither REQUEST nor CANCEL"),
        ("sequence", -1, "`sequence` is not a SEQUENCE number"),
        ("sequence", True, "`sequence` is not a SEQUENCE number"),
        ("sequence", 2**31, "`sequence` is not a SEQUENCE number"),
        ("file", "../ana/keynote.eml", "`file` is not FOLDER/NAME.eml inside the folder"),
        ("file", "/etc/passwd", "`file` is not FOLDER/NAME.eml inside the folder"),
        ("file", "ana@example.org/keynote.ics", "`file` is not FOLDER/NAME.eml inside the folder"),
        ("sha256", "A" * 64, "`sha256` is not a SHA-256 digest"),
        ("message_id", "<a b@c>", "`message_id` is not a Message-ID"),
        ("message_id", "<a@b>\r\nBcc: x", "`message_id` is not a Message-ID"),
        ("at", "2024-10-01 09:00:00", "`at` is not a UTC time YYYY-MM-DDTHH:MM:SSZ"),
    ],
)
def test_a_tampered_entry_is_refused(
    tmp_path: Path, field: str, value: object, detail: str
) -> None:
    data = {"agenda-kit-sent": 1, "event": "morning", "sent": [_ENTRY, _ENTRY | {field: value}]}
    assert _refusal(tmp_path, data) == f"1:1 entry 2: {detail}"


def test_a_record_that_is_not_one_is_refused(tmp_path: Path) -> None:
    good = {"agenda-kit-sent": 1, "event": "morning", "sent": [_ENTRY]}
    assert [
        _refusal(tmp_path, '{"agenda-kit-sent": 1,\n  "event": }'),
        _refusal(tmp_path, {"agenda-kit-sent": 2, "event": "morning", "sent": []}),
        _refusal(tmp_path, good | {"more": 1}),
        _refusal(tmp_path, good, event="evening"),
        _refusal(tmp_path, good | {"sent": [_ENTRY | {"extra": 1}]}),
        _refusal(tmp_path, good | {"sent": [[1]]}),
        _refusal(tmp_path, "[" * 100_000),
    ] == [
        "2:12 Expecting value",
        "1:1 not a record of agenda-kit 1",
        "1:1 unknown or missing keys",
        "1:1 it is the record of another event ('morning')",
        "1:1 entry 1: keys must be at, file, message_id, method, recipient, sequence, sha256, uid",
        "1:1 entry 1: not an object",
        "1:1 nested too deeply",
    ]
    (tmp_path / "agenda-kit-sent.json").unlink()
    (tmp_path / "agenda-kit-sent.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(InputError, match="symbolic link"):
        read_sent(tmp_path / "agenda-kit-sent.json", "morning")
    assert read_sent(tmp_path / "none.json", "morning") == {}


# --- credentials ------------------------------------------------------------------------

SECRET = "pa55-Wörd:x"


@given(
    st.text(max_size=400),
    st.text(max_size=400),
    st.sampled_from(["{p}", "{b}", "{p}{p}", "\n{b}\n"]),
)
def test_no_form_of_the_password_survives_cleaning(before: str, after: str, form: str) -> None:
    login = Login("ana", SECRET)
    basic = login.secrets[0]
    text = clean(before + form.format(p=SECRET, b=basic) + after, login)
    assert SECRET not in text and basic not in text
    assert SECRET[:5] not in text[-7:] and basic[:5] not in text[-7:]
    assert len(text) <= 300
    assert "\n" not in text and "\r" not in text


def test_a_login_never_shows_its_password() -> None:
    login = Login("ana", SECRET)
    assert SECRET not in repr(login) and SECRET not in str(login)


def test_addresses_with_credentials() -> None:
    assert [
        has_userinfo(url)
        for url in (
            "https://dav.example.org/cal/",
            "https://ana@dav.example.org/cal/",
            "https://ana:secret@dav.example.org/cal/",
            "smtp.example.org:587",
            "ana:secret@smtp.example.org:587",
            "ana@smtp.example.org",
        )
    ] == [False, True, True, False, True, True]


def test_credentials_from_the_environment_win_over_netrc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(
        "machine dav.example.org login bo password from-netrc\n"
        "default login anyone password fallback\n",
        "utf-8",
    )
    monkeypatch.setenv("NETRC", str(netrc))
    for name in ("USER", "PASSWORD"):
        monkeypatch.delenv(f"AGENDA_KIT_CALDAV_{name}", raising=False)
    assert login_for("caldav", "dav.example.org") == Login("bo", "from-netrc")
    assert login_for("caldav", "other.example.org") == Login("anyone", "fallback")
    monkeypatch.setenv("AGENDA_KIT_CALDAV_USER", "ana")
    assert login_for("caldav", "dav.example.org") == Login("ana", "from-netrc")
    monkeypatch.setenv("AGENDA_KIT_CALDAV_PASSWORD", "from-env")
    assert login_for("caldav", "dav.example.org") == Login("ana", "from-env")
    assert login_for("smtp", "dav.example.org") == Login("bo", "from-netrc")
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    assert login_for("smtp", "dav.example.org") is None


# --- calendar objects ------------------------------------------------------------------


def test_an_object_rewritten_by_another_serializer_is_unchanged() -> None:
    """Radicale stores what vobject writes again: other folding, escaping and order."""
    import vobject

    agenda = load(str(SEED))
    ours = local_objects(agenda)
    assert len(ours) == 13
    for local in ours:
        data = render(local, 2, "20241001T090000Z")
        again = vobject.readOne(data.decode()).serialize().encode()
        assert again != data
        (facts,) = describe(again)
        assert facts.lines == local.facts.lines
        assert (facts.sequence, facts.dtstamp, facts.event) == (
            2,
            "20241001T090000Z",
            agenda.event.id,
        )


def test_what_changes_when_an_object_differs() -> None:
    from agenda_kit.delivery.objects import Remote

    agenda = load(str(SEED))
    ours = local_objects(agenda)
    text = SEED.read_text("utf-8").replace("time: 15:00~15:03", "time: 15:00~15:04")
    moved = render(local_objects(_loads(text))[0], 0, "20241001T090000Z")
    remotes = [
        Remote("/c/0.ics", '"0"', describe(moved)[0]),
        Remote("/c/1.ics", '"1"', describe(render(ours[1], 5, "20241001T090000Z"))[0]),
        Remote("/c/x.ics", '"x"', describe(render(ours[2], 1, "20241001T090000Z"))[0]),
    ]
    gone = render(ours[3], 2, "20241001T090000Z").replace(b"best-practice@", b"old-talk@")
    remotes.append(Remote("/c/old.ics", '"o"', describe(gone)[0]))
    planned, blocked = changes(agenda.event.id, ours[:3], remotes)
    assert [(c.action, c.uid, c.href, c.etag, c.sequence, c.what) for c in planned] == [
        ("update", ours[0].uid, "/c/0.ics", '"0"', 1, ("time",)),
        ("unchanged", ours[1].uid, "/c/1.ics", '"1"', 5, ()),
        ("unchanged", ours[2].uid, "/c/x.ics", '"x"', 1, ()),
        ("delete", "technopark-2024-old-talk@agenda-kit", "/c/old.ics", '"o"', 2, ()),
    ]
    assert blocked == []


def _loads(text: str):  # type: ignore[no-untyped-def]
    from agenda_kit import loads

    return loads(text, name="seed.yaml")


def test_a_reply_is_one_line() -> None:
    assert clean("550 5.1.1\r\nmailbox\x00 unavailable\u2028now", None) == (
        "550 5.1.1 mailbox unavailable now"
    )


_ACTIONS = ("keep", "retitle", "later-end", "other-room", "remove")
_DIALOGUE = ("unchanged", "technopark-2024-dialogue@agenda-kit", 0, ())


def _edit(line: str, action: str, other: str) -> str:
    if action == "retitle":
        quoted = 'title: "' in line
        return line.replace(
            'title: "' if quoted else "title: ", 'title: "(new) ' if quoted else "title: (new) ", 1
        )
    if action == "later-end":
        start, end = line.split("time: ", 1)[1].split(",", 1)[0].split("~")
        hour, minute = int(end[:2]), int(end[3:]) + 1
        later = f"{hour + minute // 60:02d}:{minute % 60:02d}"
        return line.replace(f"time: {start}~{end}", f"time: {start}~{later}")
    if action == "other-room":
        return line.replace("{id: ", f"{{room: {other}, id: ", 1)
    return "" if action == "remove" else line


@settings(max_examples=25)  # each example renders and parses 25 objects
@given(st.lists(st.sampled_from(_ACTIONS), min_size=12, max_size=12))
def test_changes_follow_the_sequence_rule_for_any_edit_of_the_seed(actions: list[str]) -> None:
    """Each single-line session of the seed kept, retitled, ended a minute later, moved
    to the other room or removed: ``changes`` against the objects of the seed updates,
    deletes or leaves each as the SEQUENCE rule says, and nothing else."""
    from agenda_kit.delivery.objects import Remote

    assume(actions[:6] != ["remove"] * 6)  # a part keeps a session
    lines = SEED.read_text("utf-8").split("\n")
    part_2 = next(i for i, line in enumerate(lines) if "id: part-2" in line)
    rows = [i for i, line in enumerate(lines) if line.startswith("      - {id: ")]
    assert len(rows) == 12
    expected: list[tuple[str, str, int, tuple[str, ...]]] = []
    removed: list[str] = []
    for index, (row, action) in enumerate(zip(rows, actions, strict=True)):
        if index == 11:  # the dialogue (several lines, kept) comes before the closing
            expected.append(_DIALOGUE)
        sid = lines[row].split("id: ", 1)[1].split(",", 1)[0]
        uid = f"technopark-2024-{sid}@agenda-kit"
        other = "grand-ballroom" if row > part_2 else "mare-hall"
        lines[row] = _edit(lines[row], action, other)
        if action == "remove":
            removed.append(uid)
            continue
        what = {"keep": (), "retitle": ("details",), "later-end": ("time",)}.get(action, ("place",))
        sequence = 1 if action in ("later-end", "other-room") else 0
        expected.append(("unchanged" if action == "keep" else "update", uid, sequence, what))
    expected += [("delete", uid, 0, ()) for uid in sorted(removed)]
    seed = load(str(SEED))
    remotes = [
        Remote(f"/c/{n}.ics", f'"{n}"', describe(render(local, 0, "20241001T090000Z"))[0])
        for n, local in enumerate(local_objects(seed))
    ]
    edited = _loads("\n".join(lines))
    planned, blocked = changes(seed.event.id, local_objects(edited), remotes)
    assert [(c.action, c.uid, c.sequence, c.what) for c in planned] == expected
    assert blocked == []
