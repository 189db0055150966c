"""AK9xx: delivery: what `publish` (a CalDAV server) and `send` (an SMTP server) report:
a server that cannot be reached or refuses a request, credentials it refuses, a
calendar that is missing, a recipient or message refused, and the files a run reads
back (the e-mails `invite --eml` wrote, the record of what was sent), which are
untrusted input.

No text here ever carries a password: the commands take credentials only from the
environment or a netrc file, and every server reply is cleaned of them before it
becomes a value of a finding."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..diagnostics import Severity
from ._kind import Message, define
from ._text import Template, language

__all__ = [
    "CALDAV_BAD_OBJECT",
    "CALDAV_CALENDAR_MISSING",
    "CALDAV_FOREIGN_OBJECT",
    "CALDAV_REFUSED",
    "CALDAV_UNREACHABLE",
    "CREDENTIALS_ON_COMMAND_LINE",
    "DELIVERY_AUTH_FAILED",
    "SEND_EML_REFUSED",
    "SEND_NO_EML",
    "SEND_NO_STATE",
    "SENT_LOG_REFUSED",
    "SMTP_MESSAGE_REFUSED",
    "SMTP_RECIPIENT_REFUSED",
    "SMTP_UNREACHABLE",
    "WORDS",
    "word",
]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _m(en: str, en_hint: str, ko: str, ko_hint: str) -> Message:
    return Message(en=(en, en_hint), ko=(ko, ko_hint))


_AGAIN = "Run `publish` again once the server answers: it continues where it stopped."
_AGAIN_KO = "서버가 응답하면 `publish`를 다시 실행하세요: 멈춘 곳부터 이어서 합니다."
_RESEND = "Run `send` again: it sends only what is still pending."
_RESEND_KO = "`send`를 다시 실행하세요: 아직 보내지 않은 것만 보냅니다."

CALDAV_UNREACHABLE = define(
    "AK901",
    "caldav-unreachable",
    ERROR,
    "The CalDAV server cannot be reached, or does not answer in time.",
    "Nothing is known about the calendar then; the run stops before changing anything "
    "more, and whatever it did not do is done by the next run.",
    "Check the address and the network; `--timeout` waits longer for a slow server.",
    command="deliver",
    params={"server": str, "reason": str, "seconds": int},
    sample={"server": "https://dav.example.org", "reason": "Connection refused", "seconds": 30},
    messages={
        "": _m(
            "cannot reach the CalDAV server {server}: {reason}",
            _AGAIN,
            "CalDAV 서버 {server}에 연결할 수 없습니다: {reason}",
            _AGAIN_KO,
        ),
        "garbled": _m(
            "the CalDAV server {server} sent an answer that is not WebDAV ({reason})",
            "Check that the address is the CalDAV server's (not a login page or a proxy).",
            "CalDAV 서버 {server}의 응답이 WebDAV가 아닙니다({reason})",
            "주소가 CalDAV 서버의 것인지(로그인 페이지나 프록시가 아닌지) 확인하세요.",
        ),
        "timeout": _m(
            "the CalDAV server {server} did not answer within {seconds} s",
            "Run `publish` again later, or give a longer `--timeout`.",
            "CalDAV 서버 {server}이/가 {seconds}초 안에 응답하지 않았습니다",
            "나중에 `publish`를 다시 실행하거나 `--timeout`을 늘리세요.",
        ),
    },
)

CALDAV_REFUSED = define(
    "AK902",
    "caldav-refused",
    ERROR,
    "The CalDAV server answered a request with an error status.",
    "The object concerned keeps what the server had before; the others are still "
    "published, and the next run tries again.",
    "Look at the server's log for the reason; run `publish` again when it is fixed.",
    command="deliver",
    params={"server": str, "request": str, "status": int},
    sample={"server": "https://dav.example.org", "request": "PUT talk-1.ics", "status": 500},
    messages={
        "": _m(
            "the CalDAV server {server} answered {status} to {request}",
            _AGAIN,
            "CalDAV 서버 {server}이/가 {request} 요청에 {status}으로/로 응답했습니다",
            _AGAIN_KO,
        ),
    },
)

DELIVERY_AUTH_FAILED = define(
    "AK903",
    "delivery-auth-failed",
    ERROR,
    "The server refused the user name and password (or the run has none to give).",
    "Credentials are read only from the environment or a netrc file; a refused login "
    "changes nothing.",
    "Set AGENDA_KIT_CALDAV_USER and AGENDA_KIT_CALDAV_PASSWORD (publish) or "
    "AGENDA_KIT_SMTP_USER and AGENDA_KIT_SMTP_PASSWORD (send), or add the host to ~/.netrc.",
    command="deliver",
    params={"server": str},
    sample={"server": "https://dav.example.org"},
    messages={
        "": _m(
            "the CalDAV server {server} refused the login",
            "Set AGENDA_KIT_CALDAV_USER and AGENDA_KIT_CALDAV_PASSWORD, or add the host "
            "to your netrc file.",
            "CalDAV 서버 {server}이/가 로그인을 거부했습니다",
            "AGENDA_KIT_CALDAV_USER와 AGENDA_KIT_CALDAV_PASSWORD를 설정하거나 netrc 파일에 "
            "호스트를 넣으세요.",
        ),
        "netrc": _m(
            "the netrc file cannot be read ({server})",
            "Fix the file, or set the user name and password in the environment instead.",
            "netrc 파일을 읽을 수 없습니다({server})",
            "파일을 고치거나 사용자 이름과 비밀번호를 환경 변수로 주세요.",
        ),
        "smtp": _m(
            "the SMTP server {server} refused the login",
            "Set AGENDA_KIT_SMTP_USER and AGENDA_KIT_SMTP_PASSWORD, or add the host to "
            "your netrc file.",
            "SMTP 서버 {server}이/가 로그인을 거부했습니다",
            "AGENDA_KIT_SMTP_USER와 AGENDA_KIT_SMTP_PASSWORD를 설정하거나 netrc 파일에 "
            "호스트를 넣으세요.",
        ),
    },
)

CALDAV_CALENDAR_MISSING = define(
    "AK904",
    "caldav-calendar-missing",
    ERROR,
    "The calendar to publish to does not exist on the server.",
    "`publish` does not create calendars: a typo in a name would otherwise make a new, "
    "empty calendar nobody subscribes to.",
    "Create the calendar in the server's interface, or name an existing one.",
    command="deliver",
    params={"server": str, "name": str, "names": str},
    sample={"server": "https://dav.example.org", "name": "Agenda", "names": "`Work`, `Home`"},
    messages={
        "": _m(
            "the CalDAV server {server} has no calendar called `{name}` (it has {names})",
            "Create the calendar, or pass the name of an existing one to --calendar.",
            "CalDAV 서버 {server}에 `{name}` 캘린더가 없습니다(있는 캘린더: {names})",
            "캘린더를 만들거나 --calendar에 있는 캘린더 이름을 주세요.",
        ),
        "url": _m(
            "{server} is not a calendar",
            "Pass the calendar's address to --caldav, or the server's address and --calendar NAME.",
            "{server}은/는 캘린더가 아닙니다",
            "--caldav에 캘린더 주소를 주거나, 서버 주소와 --calendar NAME을 주세요.",
        ),
    },
)

CREDENTIALS_ON_COMMAND_LINE = define(
    "AK905",
    "credentials-on-command-line",
    ERROR,
    "A server address on the command line holds a user name or password.",
    "The command line is seen by every user of the machine and kept in shell histories "
    "and CI logs; a password there is a password published.",
    "Remove it from the address; set it in the environment or a netrc file instead.",
    command="deliver",
    params={"option": str},
    sample={"option": "--caldav"},
    messages={
        "": _m(
            "the address given to {option} holds a user name or password: refused",
            "Remove it; set AGENDA_KIT_CALDAV_USER/AGENDA_KIT_CALDAV_PASSWORD or "
            "AGENDA_KIT_SMTP_USER/AGENDA_KIT_SMTP_PASSWORD, or use a netrc file.",
            "{option}에 준 주소에 사용자 이름이나 비밀번호가 들어 있어 거부했습니다",
            "주소에서 지우고 AGENDA_KIT_CALDAV_USER/AGENDA_KIT_CALDAV_PASSWORD나 "
            "AGENDA_KIT_SMTP_USER/AGENDA_KIT_SMTP_PASSWORD, 또는 netrc 파일을 쓰세요.",
        ),
    },
)

CALDAV_FOREIGN_OBJECT = define(
    "AK906",
    "caldav-foreign-object",
    WARNING,
    "The calendar holds an object with the UID of a session that this event's `publish` "
    "did not put there.",
    "Someone else's event is never overwritten or deleted: only objects published for "
    "this event (`X-AGENDA-KIT-EVENT`) are changed.",
    "Give the session another `uid`, or remove the other object from the calendar.",
    command="deliver",
    params={"uid": str, "href": str},
    sample={"uid": "talk-1@example.org", "href": "/dav/agenda/talk-1.ics"},
    messages={
        "": _m(
            "the calendar already has {uid} ({href}), not published for this event: left alone",
            "Give the session another `uid`, or remove the other object.",
            "캘린더에 이 행사로 게시하지 않은 {uid}({href})이/가 이미 있어 그대로 두었습니다",
            "세션에 다른 `uid`를 주거나 다른 객체를 지우세요.",
        ),
    },
)

CALDAV_BAD_OBJECT = define(
    "AK907",
    "caldav-bad-object",
    WARNING,
    "A calendar object on the server cannot be read as iCalendar.",
    "What the server returns is untrusted input; an object that cannot be read is left "
    "as it is rather than guessed at.",
    "Look at the object in the server's interface; remove it if it is broken.",
    command="deliver",
    params={"href": str, "detail": str},
    sample={"href": "/dav/agenda/x.ics", "detail": "Content line could not be parsed"},
    messages={
        "": _m(
            "the calendar object {href} cannot be read ({detail}): left alone",
            "Look at it in the server's interface; remove it if it is broken.",
            "캘린더 객체 {href}을/를 읽을 수 없어({detail}) 그대로 두었습니다",
            "서버 화면에서 확인하고 깨졌으면 지우세요.",
        ),
    },
)

SMTP_UNREACHABLE = define(
    "AK911",
    "smtp-unreachable",
    ERROR,
    "The SMTP server cannot be reached, or closed the connection during the run.",
    "Every message sent before is recorded; the ones not sent stay pending and go out "
    "with the next run, none twice.",
    "Check the server and run `send` again.",
    command="deliver",
    params={"server": str, "reason": str, "pending": int},
    sample={"server": "smtp.example.org:587", "reason": "Connection refused", "pending": 4},
    messages={
        "": _m(
            "cannot reach the SMTP server {server}: {reason}; {pending} messages not sent",
            _RESEND,
            "SMTP 서버 {server}에 연결할 수 없습니다: {reason}. 보내지 못한 메시지 {pending}개",
            _RESEND_KO,
        ),
        "dropped": _m(
            "the SMTP server {server} closed the connection ({reason}); "
            "{pending} messages not sent",
            _RESEND,
            "SMTP 서버 {server}이/가 연결을 끊었습니다({reason}). 보내지 못한 메시지 {pending}개",
            _RESEND_KO,
        ),
    },
)

SMTP_RECIPIENT_REFUSED = define(
    "AK912",
    "smtp-recipient-refused",
    ERROR,
    "The SMTP server refused a recipient.",
    "The other recipients still get their messages; this one stays pending and is tried "
    "again by the next run.",
    "Check the address in the agenda or attendee list; run `send` again.",
    command="deliver",
    params={"recipient": str, "reply": str, "file": str},
    sample={
        "recipient": "ana@example.org",
        "reply": "550 5.1.1 mailbox unavailable",
        "file": "ana@example.org/talk-1.eml",
    },
    messages={
        "": _m(
            "the SMTP server refused {recipient}: {reply} ({file} not sent)",
            _RESEND,
            "SMTP 서버가 {recipient}을/를 거부했습니다: {reply}({file} 보내지 않음)",
            _RESEND_KO,
        ),
    },
)

SMTP_MESSAGE_REFUSED = define(
    "AK913",
    "smtp-message-refused",
    ERROR,
    "The SMTP server refused a message (its sender, size or content).",
    "The message stays pending and is tried again by the next run.",
    "Read the server's reply; `--from` sets the envelope sender the server may require.",
    command="deliver",
    params={"recipient": str, "reply": str, "file": str},
    sample={
        "recipient": "ana@example.org",
        "reply": "553 5.7.1 sender not allowed",
        "file": "ana@example.org/talk-1.eml",
    },
    messages={
        "": _m(
            "the SMTP server refused the message to {recipient}: {reply} ({file} not sent)",
            _RESEND,
            "SMTP 서버가 {recipient}에게 가는 메시지를 거부했습니다: {reply}({file} 보내지 않음)",
            _RESEND_KO,
        ),
    },
)

SEND_EML_REFUSED = define(
    "AK914",
    "send-eml-refused",
    ERROR,
    "An e-mail that `invite --eml` planned is missing, or is not the message the state "
    "file records.",
    "The output folder can be written by anyone; an e-mail whose recipient or calendar "
    "part differs from the state would send something the organizer never planned.",
    "Run `agenda-kit invite --eml` again into the folder: it restores the e-mail.",
    command="deliver",
    params={"file": str, "problem": str},
    sample={"file": "ana@example.org/talk-1.eml", "problem": "To is eve@example.org"},
    messages={
        "": _m(
            "{file} is not the message the state records: {problem}; not sent",
            "Run `agenda-kit invite --eml` again into this folder.",
            "{file}은/는 상태 파일에 기록된 메시지가 아닙니다: {problem}. 보내지 않았습니다",
            "이 폴더에 `agenda-kit invite --eml`을 다시 실행하세요.",
        ),
        "missing": _m(
            "{file} is missing; not sent",
            "Run `agenda-kit invite --eml` again into this folder.",
            "{file}이/가 없어 보내지 않았습니다",
            "이 폴더에 `agenda-kit invite --eml`을 다시 실행하세요.",
        ),
    },
)

SENT_LOG_REFUSED = define(
    "AK915",
    "sent-log-refused",
    ERROR,
    "The record of sent messages (`agenda-kit-sent.json`) cannot be read, or holds values "
    "agenda-kit never writes.",
    "It says what must not be sent again; a damaged one could resend everything or keep "
    "a message from ever going out, so nothing is sent.",
    "Restore it from a backup; remove it only if no message of the folder was sent.",
    command="deliver",
    params={"detail": str},
    sample={"detail": "entry 2: `sha256` is not a SHA-256 digest"},
    messages={
        "": _m(
            "the record of sent messages is refused: {detail}",
            "Restore it from a backup; remove it only if nothing of this folder was sent.",
            "보낸 메시지 기록을 쓸 수 없습니다: {detail}",
            "백업에서 되살리세요. 이 폴더의 메시지를 하나도 보내지 않았을 때만 지우세요.",
        ),
    },
)

SEND_NO_EML = define(
    "AK916",
    "send-no-eml",
    WARNING,
    "Messages of the state have no e-mail to send: `invite` ran without `--eml`.",
    "`send` sends the e-mails `invite --eml` wrote, byte for byte; it does not write any.",
    "Run `agenda-kit invite --eml` into the folder, then `send` again.",
    command="deliver",
    params={"count": int},
    sample={"count": 3},
    messages={
        "": _m(
            "{count} planned messages have no e-mail (.eml) and are not sent",
            "Run `agenda-kit invite --eml` into the folder, then `send` again.",
            "계획된 메시지 {count}개에 이메일(.eml)이 없어 보내지 않았습니다",
            "폴더에 `agenda-kit invite --eml`을 실행한 뒤 `send`를 다시 실행하세요.",
        ),
    },
)

SEND_NO_STATE = define(
    "AK917",
    "send-no-state",
    ERROR,
    "The folder given to `send` holds no invitations.",
    "`send` sends what `invite --eml` planned in that folder, as its state file records.",
    "Pass the output folder of `agenda-kit invite --eml`.",
    command="deliver",
    params={"folder": str},
    sample={"folder": "invitations"},
    messages={
        "": _m(
            "{folder} holds no invitations (no agenda-kit-state.json)",
            "Pass the output folder of `agenda-kit invite --eml`.",
            "{folder}에 초대장이 없습니다(agenda-kit-state.json 없음)",
            "`agenda-kit invite --eml`의 출력 폴더를 주세요.",
        ),
    },
)


# What `publish` and `send` print that is not a finding: one line per change or message,
# and the summary.
_WORDS: dict[str, Template] = {
    "publish.create": Template(
        "create {uid} SEQUENCE:{sequence}", "추가 {uid} SEQUENCE:{sequence}"
    ),
    "publish.update": Template(
        "update ({what}) {uid} SEQUENCE:{sequence}", "수정({what}) {uid} SEQUENCE:{sequence}"
    ),
    "publish.delete": Template("delete {uid}", "삭제 {uid}"),
    "publish.summary": Template(
        "{calendar}: {create} created, {update} updated, {delete} deleted, "
        "{unchanged} unchanged, {failed} failed",
        "{calendar}: 추가 {create}, 수정 {update}, 삭제 {delete}, 그대로 {unchanged}, "
        "실패 {failed}",
    ),
    "publish.dry-run": Template(
        "{calendar} (dry run, nothing changed): {create} to create, {update} to update, "
        "{delete} to delete, {unchanged} unchanged",
        "{calendar}(시험 실행, 바꾼 것 없음): 추가할 것 {create}, 수정할 것 {update}, "
        "삭제할 것 {delete}, 그대로 {unchanged}",
    ),
    "send.line": Template(
        "{file} -> {recipient} ({method} {uid} SEQUENCE:{sequence})",
        "{file} -> {recipient}({method} {uid} SEQUENCE:{sequence})",
    ),
    "send.summary": Template(
        "{folder}: {sent} sent now, {before} sent before, {pending} pending",
        "{folder}: 이번에 보냄 {sent}, 전에 보냄 {before}, 남음 {pending}",
    ),
    "send.dry-run": Template(
        "{folder} (dry run, nothing sent): {pending} to send, {before} sent before",
        "{folder}(시험 실행, 보낸 것 없음): 보낼 것 {pending}, 전에 보냄 {before}",
    ),
    "missing.caldav": Template(
        "agenda-kit publish needs the caldav library: pip install caldav (the `delivery` extra)",
        "agenda-kit publish에는 caldav 라이브러리가 필요합니다: "
        "pip install caldav (`delivery` 추가 기능)",
    ),
}

WORDS: Mapping[str, Template] = MappingProxyType(_WORDS)


def word(key: str, lang: str = "en", **params: Any) -> str:
    """The line ``key`` with ``params`` in ``lang``."""
    return _WORDS[key].render(language(lang), params)
