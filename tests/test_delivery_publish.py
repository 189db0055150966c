"""``agenda-kit publish`` against a real Radicale server on a loopback port.

The seed is published, then changed (a session moved, one retitled, one removed) and
published again; the calendar is read back with a second client (a raw REPORT, parsed
by icalendar) and compared whole: UIDs, SEQUENCE, DTSTART and DTEND. The server's
ETags and its log (how many PUT and DELETE requests it received) prove what a run
changed, and what it left alone. Fault tests put a proxy in front of the server that
answers 500 or never answers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from .delivery_servers import PASSWORD, USER, FaultProxy, Radicale, read_calendar
from .helpers import SEED

pytest.importorskip("caldav")
pytest.importorskip("radicale")

EVENT = "technopark-2024"
# The seed's sessions: id, start and end (Asia/Seoul, 17 October 2024).
SEED_TIMES = [
    ("opening", "15:00", "15:03"),
    ("mayor-video", "15:03", "15:08"),
    ("lecture", "15:08", "15:33"),
    ("best-practice", "15:33", "15:43"),
    ("awards", "15:43", "15:55"),
    ("move", "15:55", "16:00"),
    ("welcome", "16:00", "16:02"),
    ("opening-remarks", "16:02", "16:05"),
    ("greetings", "16:05", "16:08"),
    ("talk-1", "16:08", "16:15"),
    ("talk-2", "16:15", "16:25"),
    ("dialogue", "16:25", "17:15"),
    ("closing", "17:15", "17:20"),
]


def expected(times: list[tuple[str, str, str]], sequences: dict[str, int] | None = None) -> dict:
    """{UID: (SEQUENCE, DTSTART, DTEND)} with local times in Asia/Seoul."""
    sequences = sequences or {}
    return {
        f"{EVENT}-{sid}@agenda-kit": (
            sequences.get(sid, 0),
            f"2024-10-17T{start}:00+09:00",
            f"2024-10-17T{end}:00+09:00",
        )
        for sid, start, end in times
    }


def seen(server: Radicale) -> dict:
    """What a second client reads back: {UID: (SEQUENCE, DTSTART, DTEND)}."""
    out = {}
    for _href, (_etag, calendar) in read_calendar(server.port, f"/{USER}/agenda/").items():
        (event,) = calendar.walk("VEVENT")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, datetime) and str(start.tzinfo) == "Asia/Seoul"
        out[str(event["UID"])] = (int(event["SEQUENCE"]), start.isoformat(), end.isoformat())
    return out


def etags(server: Radicale) -> dict[str, tuple[str, str]]:
    """{UID: (href, ETag)}."""
    out = {}
    for href, (etag, calendar) in read_calendar(server.port, f"/{USER}/agenda/").items():
        (event,) = calendar.walk("VEVENT")
        out[str(event["UID"])] = (href, etag)
    return out


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    server = Radicale(tmp_path / "radicale").start()
    try:
        server.make_calendar()
        yield server
    finally:
        server.stop()


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AGENDA_KIT_CALDAV_USER", USER)
    monkeypatch.setenv("AGENDA_KIT_CALDAV_PASSWORD", PASSWORD)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727773200")  # 2024-10-01T09:00:00Z


def publish(
    args: list[str], capsys: pytest.CaptureFixture[str], epoch: str | None = None
) -> tuple[int, list[str], str]:
    from agenda_kit.cli import main

    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    code = main(["publish", *args, "--lang", "en"])
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err
    return code, out.splitlines(), err


def changed_seed(path: Path) -> Path:
    """The seed with the closing photo removed, the dialogue ending at its time instead
    and the greetings retitled."""
    text = SEED.read_text("utf-8")
    text = text.replace(
        "time: 16:25~17:15\n        minutes: 50", "time: 16:25~17:20\n        minutes: 55"
    )
    text = text.replace("title: 환영·감사 인사", "title: 환영 인사")
    text = text.replace(
        "      - {id: closing, time: 17:15~17:20, minutes: 5, kind: photo, title: 총평 및 "
        "기념촬영, speakers: [minister]}\n",
        "",
    )
    assert text.count("16:25~17:20") == 1 and "closing" not in text
    path.write_text(text, "utf-8")
    return path


def test_publish_the_seed_then_move_retitle_and_remove(
    radicale: Radicale, login: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = publish([str(SEED), "--caldav", radicale.calendar], capsys)
    assert code == 0, err
    assert out == [f"create {EVENT}-{sid}@agenda-kit SEQUENCE:0" for sid, _, _ in SEED_TIMES]
    assert err.endswith(
        f"{radicale.calendar}: 13 created, 0 updated, 0 deleted, 0 unchanged, 0 failed\n"
    )
    assert seen(radicale) == expected(SEED_TIMES)
    first = etags(radicale)
    assert radicale.count("PUT") == 13

    # A second run with no change changes nothing on the server.
    code, out, err = publish([str(SEED), "--caldav", radicale.calendar], capsys, "1728032400")
    assert (code, out) == (0, [])
    assert "0 created, 0 updated, 0 deleted, 13 unchanged, 0 failed" in err
    assert etags(radicale) == first
    assert (radicale.count("PUT"), radicale.count("DELETE")) == (13, 0)

    # Moved, retitled, removed.
    changed = changed_seed(tmp_path / "changed.yaml")
    code, out, err = publish([str(changed), "--caldav", radicale.calendar], capsys, "1728032400")
    assert code == 0, err
    assert out == [
        f"update (details) {EVENT}-greetings@agenda-kit SEQUENCE:0",
        f"update (time) {EVENT}-dialogue@agenda-kit SEQUENCE:1",
        f"delete {EVENT}-closing@agenda-kit",
    ]
    times = [t for t in SEED_TIMES if t[0] != "closing"]
    times = [("dialogue", "16:25", "17:20") if t[0] == "dialogue" else t for t in times]
    assert seen(radicale) == expected(times, {"dialogue": 1})
    after = etags(radicale)
    # Updated in place: the same object (href), a new ETag; the others untouched.
    for uid, (href, etag) in after.items():
        assert href == first[uid][0]
        changed_now = uid.split("-", 2)[2].split("@")[0] in ("greetings", "dialogue")
        assert (etag != first[uid][1]) == changed_now, uid
    assert (radicale.count("PUT"), radicale.count("DELETE")) == (15, 1)
    objects = read_calendar(radicale.port, f"/{USER}/agenda/")
    greetings = [c for _, c in objects.values() if "greetings" in str(c.walk("VEVENT")[0]["UID"])]
    (event,) = greetings[0].walk("VEVENT")
    assert str(event["SUMMARY"]) == "환영 인사"
    assert event.decoded("DTSTAMP").isoformat() == "2024-10-04T09:00:00+00:00"

    # And once more: nothing.
    code, out, _ = publish([str(changed), "--caldav", radicale.calendar], capsys, "1728291600")
    assert (code, out) == (0, [])
    assert (radicale.count("PUT"), radicale.count("DELETE")) == (15, 1)
    assert etags(radicale) == after


def test_dry_run_lists_and_changes_nothing(
    radicale: Radicale, login: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert publish([str(SEED), "--caldav", radicale.calendar], capsys)[0] == 0
    before = etags(radicale)
    changed = changed_seed(tmp_path / "changed.yaml")
    code, out, err = publish([str(changed), "--caldav", radicale.calendar, "--dry-run"], capsys)
    assert code == 0
    assert out == [
        f"update (details) {EVENT}-greetings@agenda-kit SEQUENCE:0",
        f"update (time) {EVENT}-dialogue@agenda-kit SEQUENCE:1",
        f"delete {EVENT}-closing@agenda-kit",
    ]
    assert "(dry run, nothing changed): 0 to create, 2 to update, 1 to delete, 10 unchanged" in err
    assert etags(radicale) == before
    assert (radicale.count("PUT"), radicale.count("DELETE")) == (13, 0)


def test_objects_of_others_are_never_changed_or_deleted(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    def other(uid: str) -> bytes:
        return (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20241017T010000Z\r\n"
            "DTEND:20241017T020000Z\r\nSUMMARY:Someone else's\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()

    headers = {"Content-Type": "text/calendar"}
    taken = f"{EVENT}-lecture@agenda-kit"
    for name, uid in (("mine.ics", "someone-else@example.org"), ("taken.ics", taken)):
        status, _ = radicale.request("PUT", f"/{USER}/agenda/{name}", other(uid), headers)
        assert status == 201
    before = etags(radicale)
    code, out, err = publish([str(SEED), "--caldav", radicale.calendar], capsys)
    assert code == 1
    assert len(out) == 12 and not any("lecture" in line for line in out)
    assert (
        f"AK906 [warning] caldav-foreign-object: the calendar already has {taken} (http://127.0.0.1:{radicale.port}"
        f"/{USER}/agenda/taken.ics), not published for this event: left alone" in err
    )
    after = etags(radicale)
    assert after[taken] == before[taken]
    assert after["someone-else@example.org"] == before["someone-else@example.org"]
    assert len(after) == 14


def test_a_calendar_found_by_name_and_one_that_is_missing(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = publish([str(SEED), "--caldav", radicale.base, "--calendar", "Agenda"], capsys)
    assert code == 0, err
    assert len(seen(radicale)) == 13
    code, out, err = publish([str(SEED), "--caldav", radicale.base, "--calendar", "Nope"], capsys)
    assert (code, out) == (2, [])
    assert (
        "AK904 [error] caldav-calendar-missing: "
        f"the CalDAV server {radicale.base} has no calendar called `Nope` (it has `Agenda`)" in err
    )
    code, out, err = publish([str(SEED), "--caldav", f"{radicale.base}/{USER}/nope/"], capsys)
    assert (code, out) == (2, [])
    assert (
        f"AK904 [error] caldav-calendar-missing: {radicale.base}/{USER}/nope/ is not a calendar"
        in err
    )


def test_credentials_come_from_the_environment_or_netrc_and_are_never_shown(
    radicale: Radicale,
    login: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = radicale.calendar
    # On the command line: refused before anything is sent, and not repeated.
    with_password = url.replace("http://", f"http://{USER}:{PASSWORD}@")
    code, out, err = publish([str(SEED), "--caldav", with_password], capsys)
    assert (code, out) == (2, [])
    assert (
        "AK905 [error] credentials-on-command-line: "
        "the address given to --caldav holds a user name or password" in err
    )
    assert radicale.count("PUT") == 0

    # A wrong password: refused by the server, said without the password.
    monkeypatch.setenv("AGENDA_KIT_CALDAV_PASSWORD", "wrong-" + PASSWORD)
    code, out, err = publish([str(SEED), "--caldav", url], capsys)
    assert (code, out) == (2, [])
    assert (
        f"AK903 [error] delivery-auth-failed: the CalDAV server {radicale.base} refused the login"
        in err
    )
    assert "wrong-" not in err

    # From a netrc file.
    monkeypatch.delenv("AGENDA_KIT_CALDAV_USER")
    monkeypatch.delenv("AGENDA_KIT_CALDAV_PASSWORD")
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", "utf-8")
    monkeypatch.setenv("NETRC", str(netrc))
    code, out, err = publish([str(SEED), "--caldav", url], capsys)
    assert code == 0, err
    assert len(out) == 13
    # The server's log masks it too: the password is nowhere on disk but in the files
    # that hold it on purpose.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name not in ("netrc", "users"):
            assert PASSWORD.encode() not in path.read_bytes(), path

    # A netrc file that cannot be read: named by file and line, never by its tokens.
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD} bogus\n", "utf-8")
    code, out, err = publish([str(SEED), "--caldav", url], capsys)
    assert (code, out) == (2, [])
    assert err.startswith(
        f"{netrc}:2:1: AK903 [error] delivery-auth-failed: the netrc file cannot be read ({netrc})"
    )


def test_a_server_error_loses_nothing_and_the_next_run_finishes(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = FaultProxy(radicale.port, lambda m, p, n: 500 if m == "PUT" and n == 3 else None)
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        code, out, err = publish([str(SEED), "--caldav", url], capsys)
        assert code == 1
        assert len(out) == 12 and not any("-lecture@" in line for line in out)
        assert (
            "AK902 [error] caldav-refused: "
            f"the CalDAV server http://127.0.0.1:{proxy.port} answered 500 to "
            f"PUT {EVENT}-lecture@agenda-kit" in err
        )
        assert "12 created, 0 updated, 0 deleted, 0 unchanged, 1 failed" in err
        assert sorted(seen(radicale)) == sorted(
            u for u in expected(SEED_TIMES) if "-lecture@" not in u
        )
        code, out, err = publish([str(SEED), "--caldav", url], capsys)
        assert (code, out) == (0, [f"create {EVENT}-lecture@agenda-kit SEQUENCE:0"])
        assert seen(radicale) == expected(SEED_TIMES)
        assert radicale.count("PUT") == 13
    finally:
        proxy.stop()


def test_a_server_that_does_not_answer_stops_the_run_and_the_next_one_finishes(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = FaultProxy(radicale.port, lambda m, p, n: "hang" if m == "PUT" and n == 2 else None)
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        code, out, err = publish([str(SEED), "--caldav", url, "--timeout", "2"], capsys)
        assert code == 1
        assert out == [f"create {EVENT}-opening@agenda-kit SEQUENCE:0"]
        assert (
            "AK901 [error] caldav-unreachable: "
            f"the CalDAV server http://127.0.0.1:{proxy.port} did not answer within 2 s" in err
        )
        assert "1 created, 0 updated, 0 deleted, 0 unchanged, 1 failed" in err
        assert list(seen(radicale)) == [f"{EVENT}-opening@agenda-kit"]
        proxy.fault = lambda m, p, n: None
        code, out, err = publish([str(SEED), "--caldav", url], capsys)
        assert code == 0, err
        assert len(out) == 12
        assert seen(radicale) == expected(SEED_TIMES)
    finally:
        proxy.stop()


def test_a_server_that_does_not_answer_at_all(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = FaultProxy(radicale.port, lambda m, p, n: "hang")
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        code, out, err = publish([str(SEED), "--caldav", url, "--timeout", "1"], capsys)
        assert (code, out) == (1, [])
        assert "AK901 [error] caldav-unreachable" in err and "did not answer within 1 s" in err
    finally:
        proxy.stop()
    gone = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
    code, out, err = publish([str(SEED), "--caldav", gone], capsys)
    assert (code, out) == (1, [])
    assert (
        f"AK901 [error] caldav-unreachable: cannot reach the CalDAV server http://127.0.0.1:{proxy.port}"
        in err
    )


def test_without_the_caldav_library_publish_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import agenda_kit.delivery.dav as dav

    monkeypatch.setattr(dav, "caldav_missing", lambda: True)
    code, out, err = publish([str(SEED), "--caldav", "http://127.0.0.1:9/cal/"], capsys)
    assert (code, out) == (2, [])
    assert err == (
        "agenda-kit publish needs the caldav library: pip install caldav (the `delivery` extra)\n"
    )


def test_the_published_objects_read_alike_in_three_parsers(
    radicale: Radicale, login: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the server hands out (Radicale stores its own serialization) is read by
    libical, ical.js and icalendar, clean, with the agenda's own times."""
    import agenda_kit

    from .interop_helpers import check_files, expected_times, times

    assert publish([str(SEED), "--caldav", radicale.calendar], capsys)[0] == 0
    paths = []
    for number, href in enumerate(sorted(read_calendar(radicale.port, f"/{USER}/agenda/"))):
        status, data = radicale.request("GET", href)
        assert status == 200
        paths.append(tmp_path / f"{number}.ics")
        paths[-1].write_bytes(data)
    dumps = check_files(paths)
    want = expected_times(agenda_kit.load(SEED))
    for parser, found in dumps.items():
        seen_times: dict[str, tuple[str | None, str | None]] = {}
        for dump in found:
            seen_times |= times(dump)
        assert seen_times == want, parser


def test_a_server_error_on_reading_the_calendar_changes_nothing(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy = FaultProxy(radicale.port, lambda m, p, n: 500 if m == "REPORT" else None)
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        code, out, err = publish([str(SEED), "--caldav", url], capsys)
        assert (code, out) == (1, [])
        assert (
            f"AK902 [error] caldav-refused: the CalDAV server http://127.0.0.1:{proxy.port} "
            "answered 500 to REPORT" in err
        )
        assert radicale.count("PUT") == 0
    finally:
        proxy.stop()


def test_an_answer_that_is_not_webdav_is_reported_not_a_crash(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = (207, "application/xml", b"<multistatus><unclosed>")
    proxy = FaultProxy(radicale.port, lambda m, p, n: broken if m == "REPORT" else None)
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        code, out, err = publish([str(SEED), "--caldav", url], capsys)
        assert (code, out) == (1, [])
        assert (
            "AK901 [error] caldav-unreachable: the CalDAV server "
            f"http://127.0.0.1:{proxy.port} sent an answer that is not WebDAV (XMLSyntaxError: "
            in err
        )
        assert radicale.count("PUT") == 0
    finally:
        proxy.stop()


def test_publish_speaks_the_agenda_language(
    radicale: Radicale, login: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from agenda_kit.cli import main

    assert main(["publish", str(SEED), "--caldav", radicale.calendar]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"추가 {EVENT}-opening@agenda-kit SEQUENCE:0"
    assert err == f"{radicale.calendar}: 추가 13, 수정 0, 삭제 0, 그대로 0, 실패 0\n"


def test_an_object_changed_in_between_is_not_overwritten(
    radicale: Radicale, login: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone edits an object in their calendar program while a run is under way: the
    run's PUT carries the ETag it read, the server refuses it (412), the edit stays,
    and the next run compares again."""
    assert publish([str(SEED), "--caldav", radicale.calendar], capsys)[0] == 0

    def edit_first(method: str, path: str, count: int) -> None:
        if method == "PUT" and count == 1:
            status, data = radicale.request("GET", path)
            assert status == 200
            edited = data.replace("SUMMARY:환영·감사 인사".encode(), b"SUMMARY:edited by hand")
            assert edited != data
            headers = {"Content-Type": "text/calendar"}
            assert radicale.request("PUT", path, edited, headers)[0] in (201, 204)
        return None

    proxy = FaultProxy(radicale.port, edit_first)
    proxy.start()
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/agenda/"
        changed = changed_seed(tmp_path / "changed.yaml")
        code, out, err = publish([str(changed), "--caldav", url], capsys, "1728032400")
        assert code == 1
        assert out == [
            f"update (time) {EVENT}-dialogue@agenda-kit SEQUENCE:1",
            f"delete {EVENT}-closing@agenda-kit",
        ]
        assert (
            f"AK902 [error] caldav-refused: the CalDAV server http://127.0.0.1:{proxy.port} "
            f"answered 412 to PUT {EVENT}-greetings@agenda-kit" in err
        )
        summaries = {
            str(c.walk("VEVENT")[0]["UID"]): str(c.walk("VEVENT")[0]["SUMMARY"])
            for _, c in read_calendar(radicale.port, f"/{USER}/agenda/").values()
        }
        assert summaries[f"{EVENT}-greetings@agenda-kit"] == "edited by hand"
        code, out, err = publish([str(changed), "--caldav", url], capsys, "1728032400")
        assert (code, out) == (0, [f"update (details) {EVENT}-greetings@agenda-kit SEQUENCE:0"])
    finally:
        proxy.stop()
