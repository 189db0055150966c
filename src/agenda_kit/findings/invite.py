"""AK7xx: invitations: what `invite` refuses or notes about the agenda, the attendee
list, and what earlier runs left (the state file and the previous mailing, both
untrusted input)."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define
from .phrases import Phrase

__all__ = [
    "ATTENDEES_INVALID",
    "INVALID_EMAIL",
    "INVITE_DERIVED_ID",
    "INVITE_NOBODY",
    "INVITE_NO_CANCEL_ADDRESS",
    "INVITE_NO_ORGANIZER",
    "INVITE_OTHER_EVENT",
    "INVITE_SPEAKER_NO_EMAIL",
    "INVITE_SPEAKER_NO_SESSIONS",
    "INVITE_UNRESOLVED_KEPT",
    "PREVIOUS_UNREADABLE",
    "PREVIOUS_UNTRUSTED",
    "STATE_TAMPERED",
    "STATE_UNREADABLE",
]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _m(en: str, en_hint: str, ko: str, ko_hint: str) -> Message:
    return Message(en=(en, en_hint), ko=(ko, ko_hint))


_RESTORE = "Restore it from a backup, or pass the files that were sent with --previous."
_RESTORE_KO = "백업에서 되살리거나, 보냈던 파일을 --previous로 주세요."

INVITE_NO_ORGANIZER = define(
    "AK701",
    "invite-no-organizer",
    ERROR,
    "The agenda has no `event.organizer`.",
    "iTIP invitations are sent in an organizer's name; replies go to that address.",
    "Add `organizer: {name: ..., email: ...}` under `event`.",
    command="invite",
    messages={
        "": _m(
            "`event.organizer` is missing: invitations are sent in an organizer's name",
            "Add `organizer: {{name: ..., email: ...}}` under `event`.",
            "`event.organizer`가 없습니다: 초대장은 주최자 이름으로 보냅니다",
            "`event` 아래에 `organizer: {{name: ..., email: ...}}`을/를 넣으세요.",
        ),
    },
)

INVITE_OTHER_EVENT = define(
    "AK702",
    "invite-other-event",
    ERROR,
    "The output folder holds the invitations of another event.",
    "Updating another event's invitations would cancel or change what its guests have.",
    "Use another output folder for another event.",
    command="invite",
    params={"previous": str, "event": str},
    sample={"previous": "summit-2024", "event": "summit-2025"},
    messages={
        "": _m(
            "these are the invitations of event `{previous}`, not of `{event}`",
            "Use another output folder for another event.",
            "이 초대장은 `{event}`이/가 아니라 `{previous}` 행사의 것입니다",
            "다른 행사에는 다른 출력 폴더를 쓰세요.",
        ),
    },
)

INVITE_SPEAKER_NO_EMAIL = define(
    "AK703",
    "invite-speaker-no-email",
    ERROR,
    "A speaker to be invited has no `email`.",
    "Without an address the speaker gets no invitation; with `--to all` this is a "
    "warning and the others are invited.",
    "Add `email:` to the speaker, or send the invitation another way.",
    command="invite",
    params={"speaker": str, "name": str, "sessions_count": Phrase, "ids": str},
    sample={
        "speaker": "ada",
        "name": "Ada",
        "sessions_count": Phrase("invite.sessions.other", n=2),
        "ids": "`talk-1`, `panel`",
    },
    messages={
        "": _m(
            "speaker `{speaker}` ({name}) has no `email`: not invited to {sessions_count} ({ids})",
            "Add `email:` to `{speaker}`, or send the invitation another way.",
            "발표자 `{speaker}`({name})에게 `email`이 없어 {sessions_count}({ids})에 "
            "초대하지 않았습니다",
            "`{speaker}`에 `email:`을 넣거나 다른 방법으로 초대하세요.",
        ),
    },
)

INVITE_SPEAKER_NO_SESSIONS = define(
    "AK704",
    "invite-speaker-no-sessions",
    INFO,
    "A speaker named with `--speaker` speaks in no session.",
    "Nothing is sent to them; often a speaker id that was changed in the sessions.",
    "Check the speaker's sessions.",
    command="invite",
    params={"speaker": str},
    sample={"speaker": "ada"},
    messages={
        "": _m(
            "speaker `{speaker}` has no sessions to invite to",
            "Check the speaker's sessions.",
            "발표자 `{speaker}`에게는 초대할 세션이 없습니다",
            "발표자의 세션을 확인하세요.",
        ),
    },
)

INVITE_UNRESOLVED_KEPT = define(
    "AK705",
    "invite-unresolved-kept",
    WARNING,
    "A session invited to before has no resolved time now (a run with `--force`).",
    "A typo must not cancel a session: what was sent stays as it is.",
    "Fix the session's time (`agenda-kit check`), and run `invite` again.",
    command="invite",
    params={"item": str, "recipient": str},
    sample={"item": "talk-1", "recipient": "ada@example.org"},
    messages={
        "": _m(
            "`{item}` has no resolved time: what was sent to {recipient} stays as it is",
            "Fix its time, and run `invite` again.",
            "`{item}`의 시각을 알 수 없어 {recipient}에게 보낸 것은 그대로 둡니다",
            "시각을 고치고 `invite`를 다시 실행하세요.",
        ),
    },
)

INVITE_NO_CANCEL_ADDRESS = define(
    "AK706",
    "invite-no-cancel-address",
    WARNING,
    "A session sent before no longer exists, but the earlier calendar names no attendees "
    "to address a cancellation to.",
    "Subscribers of a published feed drop it by themselves; nobody else is told.",
    "Publish the feed again.",
    command="invite",
    params={"uid": str, "summary": str},
    sample={"uid": "summit-talk-1@example.org", "summary": "Opening"},
    messages={
        "": _m(
            "`{uid}` ({summary}) was sent before but no longer exists; the earlier calendar "
            "names no attendees, so no cancellation is addressed",
            "Publish the feed again: subscribed calendars drop it by themselves.",
            "`{uid}`({summary})은/는 전에 보냈지만 이제 없습니다. 이전 캘린더에 참석자가 "
            "없어 취소를 보낼 곳이 없습니다",
            "피드를 다시 게시하세요. 구독한 캘린더에서는 저절로 사라집니다.",
        ),
    },
)

INVITE_DERIVED_ID = define(
    "AK707",
    "invite-derived-id",
    WARNING,
    "A session or part to be invited to has no explicit `id`.",
    "Its UID is derived from its position and changes when sessions or parts are inserted "
    "before it: the next mailing would cancel and re-invite instead of updating.",
    "Give it an explicit `id` before sending invitations.",
    command="invite",
    params={"id": str},
    sample={"id": "part-1-3"},
    messages={
        "session": _m(
            "session `{id}` has no `id`: its UID is derived from its position and changes "
            "when sessions are inserted before it",
            "Give it an explicit `id` before sending invitations.",
            "세션 `{id}`에 `id`가 없어 UID가 순서에 따라 정해지고, 앞에 세션을 넣으면 바뀝니다",
            "초대장을 보내기 전에 `id`를 주세요.",
        ),
        "part": _m(
            "part `{id}` has no `id`: its UID is derived from its position and changes when "
            "parts are inserted before it",
            "Give it an explicit `id` before sending invitations.",
            "부 `{id}`에 `id`가 없어 UID가 순서에 따라 정해지고, 앞에 부를 넣으면 바뀝니다",
            "초대장을 보내기 전에 `id`를 주세요.",
        ),
    },
)

INVITE_NOBODY = define(
    "AK708",
    "invite-nobody",
    ERROR,
    "`invite` was given nobody to invite: no `--to`, `--attendee` or `--attendees`.",
    "A run without recipients would write nothing, or (with a state file) look as if "
    "everyone had been taken off the list.",
    "Give `--to SPEAKER|all`, `--attendee ADDRESS` or `--attendees FILE.csv`.",
    command="invite",
    messages={
        "": _m(
            "nobody to invite: give --to SPEAKER|all, --attendee or --attendees",
            "`--to all` invites every speaker to their sessions.",
            "초대할 사람이 없습니다: --to SPEAKER|all, --attendee, --attendees 중 하나를 주세요",
            "`--to all`은 모든 발표자를 자기 세션에 초대합니다.",
        ),
    },
)

STATE_UNREADABLE = define(
    "AK710",
    "state-unreadable",
    ERROR,
    "The invitation state file (what earlier runs sent) cannot be read.",
    "Without it, `invite` cannot tell updates from new invitations and would re-send all.",
    "Restore it from a backup, or pass the files that were sent with `--previous`.",
    command="invite",
    params={"reason": str, "detail": str, "number": int},
    sample={"reason": "Permission denied", "detail": "Expecting value", "number": 3},
    messages={
        "read": _m(
            "cannot read the state file: {reason}",
            _RESTORE,
            "상태 파일을 읽을 수 없습니다: {reason}",
            _RESTORE_KO,
        ),
        "json": _m(
            "the state file is not valid JSON: {detail}",
            _RESTORE,
            "상태 파일이 올바른 JSON이 아닙니다: {detail}",
            _RESTORE_KO,
        ),
        "version": _m(
            "not an agenda-kit state file (version 1)",
            _RESTORE,
            "agenda-kit 상태 파일(버전 1)이 아닙니다",
            _RESTORE_KO,
        ),
        "damaged": _m(
            "message {number} of the state file is damaged: {detail}",
            _RESTORE,
            "상태 파일의 {number}번째 메시지가 손상되었습니다: {detail}",
            _RESTORE_KO,
        ),
        "empty-folder": _m(
            "the folder has no .ics files and no agenda-kit state file",
            "Pass the folder the invitations were written to.",
            "폴더에 .ics 파일도 agenda-kit 상태 파일도 없습니다",
            "초대장을 쓴 폴더를 주세요.",
        ),
        "missing": _m(
            "no such file or folder",
            "Check the path.",
            "그런 파일이나 폴더가 없습니다",
            "경로를 확인하세요.",
        ),
        "size": _m(
            "the state file is larger than {number} MiB",
            _RESTORE,
            "상태 파일이 {number}MiB보다 큽니다",
            _RESTORE_KO,
        ),
        "deep": _m(
            "the state file is nested too deeply",
            _RESTORE,
            "상태 파일의 중첩이 너무 깊습니다",
            _RESTORE_KO,
        ),
        "link": _m(
            "the state file is a symbolic link: refusing to read or replace it",
            "Replace the link with the state file itself.",
            "상태 파일이 심볼릭 링크라서 읽지도 바꾸지도 않습니다",
            "링크 대신 상태 파일 자체를 두세요.",
        ),
    },
)

_TAMPERED = (
    "It was changed by hand or by another program: restore it from a backup, or pass the "
    "files that were sent with --previous."
)
_TAMPERED_KO = (
    "누군가 직접 또는 다른 프로그램으로 고쳤습니다. 백업에서 되살리거나, 보냈던 파일을 "
    "--previous로 주세요."
)


def _tampered(en: str, ko: str) -> Message:
    return _m(
        f"the state file is refused: {en}",
        _TAMPERED,
        f"상태 파일을 쓸 수 없습니다: {ko}",
        _TAMPERED_KO,
    )


STATE_TAMPERED = define(
    "AK711",
    "state-tampered",
    ERROR,
    "The state file holds values agenda-kit never writes (file names with paths, UIDs or "
    "addresses of another form, sequence numbers out of range): it was edited or damaged.",
    "The state file is read back as untrusted input; its values name files to write and "
    "addresses to mail, so an unchecked value could write outside the folder or mail "
    "strangers.",
    "Restore the state file from a backup, or remove it and pass `--previous`.",
    command="invite",
    params={"field": str, "number": int, "problem": Phrase},
    sample={"field": "file", "number": 2, "problem": Phrase("invite.problem.file")},
    messages={
        "": _tampered(
            "message {number}: `{field}` {problem}",
            "{number}번째 메시지의 `{field}`: {problem}",
        ),
        "missing": _tampered(
            "message {number} has no `{field}`", "{number}번째 메시지에 `{field}`이/가 없습니다"
        ),
        "key": _tampered(
            "unknown key `{field}` in the state file", "알 수 없는 키 `{field}`이/가 있습니다"
        ),
        "top": _tampered("`{field}` {problem}", "`{field}`: {problem}"),
        "object": _tampered(
            "message {number} is not an object", "{number}번째 메시지가 객체가 아닙니다"
        ),
        "repeated": _tampered(
            "message {number} repeats a recipient and UID",
            "{number}번째 메시지의 수신자와 UID가 앞의 메시지와 같습니다",
        ),
        "shared": _tampered(
            "message {number} shares its file",
            "{number}번째 메시지의 파일이 다른 메시지와 같습니다",
        ),
    },
)

PREVIOUS_UNREADABLE = define(
    "AK712",
    "previous-unreadable",
    ERROR,
    "A file of the previous mailing (`--previous`) cannot be read as iCalendar.",
    "`invite` compares against what was sent; a file it cannot read would be re-sent.",
    "Pass the .ics files that were sent, unchanged.",
    command="invite",
    params={"reason": str, "detail": str, "uid": str},
    sample={
        "reason": "Is a directory",
        "detail": "Content line could not be parsed",
        "uid": "summit-talk-1@example.org",
    },
    messages={
        "read": _m(
            "cannot read the file: {reason}",
            "Check the path.",
            "파일을 읽을 수 없습니다: {reason}",
            "경로를 확인하세요.",
        ),
        "not-ics": _m(
            "not an iCalendar file: {detail}",
            "Pass the .ics files that were sent.",
            "iCalendar 파일이 아닙니다: {detail}",
            "보냈던 .ics 파일을 주세요.",
        ),
        "no-vevent": _m(
            "no VEVENT could be read from this file",
            "Pass the .ics files that were sent.",
            "이 파일에서 VEVENT를 읽을 수 없습니다",
            "보냈던 .ics 파일을 주세요.",
        ),
        "no-uid": _m(
            "a VEVENT has no UID: nothing can be updated without one",
            "Pass the .ics files that were sent, unchanged.",
            "UID가 없는 VEVENT가 있습니다: UID 없이는 갱신할 수 없습니다",
            "보냈던 .ics 파일을 고치지 말고 주세요.",
        ),
        "bad-vevent": _m(
            "the VEVENT {uid} cannot be read: {detail}",
            "Pass the .ics files that were sent, unchanged.",
            "VEVENT {uid}을/를 읽을 수 없습니다: {detail}",
            "보냈던 .ics 파일을 고치지 말고 주세요.",
        ),
    },
)

PREVIOUS_UNTRUSTED = define(
    "AK713",
    "previous-untrusted",
    ERROR,
    "A value of the previous mailing is refused: a UID, address, sequence number or text "
    "that agenda-kit would never have written.",
    "The previous mailing is untrusted input: its UIDs become file names and its "
    "attendees the recipients of cancellations.",
    "Pass the files that were sent, unchanged; or start a new output folder.",
    command="invite",
    params={"field": str, "value": str, "uid": str, "problem": Phrase},
    sample={
        "field": "CN",
        "value": "'Ana\\nBcc: eve@example.org'",
        "uid": "summit-talk-1@example.org",
        "problem": Phrase("invite.problem.control", char="U+000A"),
    },
    messages={
        "": _m(
            "the {field} {value} is refused: {problem}",
            "Pass the files that were sent, unchanged.",
            "{field} {value}을/를 쓸 수 없습니다: {problem}",
            "보냈던 파일을 고치지 말고 주세요.",
        ),
        "attendee": _m(
            "an ATTENDEE of {uid} is not an e-mail address: {problem}: {value}",
            "Pass the files that were sent, unchanged.",
            "{uid}의 ATTENDEE가 이메일 주소가 아닙니다: {problem}: {value}",
            "보냈던 파일을 고치지 말고 주세요.",
        ),
        "role": _m(
            "the ROLE of an ATTENDEE of {uid} is refused: {problem}",
            "Pass the files that were sent, unchanged.",
            "{uid}의 ATTENDEE의 ROLE을 쓸 수 없습니다: {problem}",
            "보냈던 파일을 고치지 말고 주세요.",
        ),
    },
)

ATTENDEES_INVALID = define(
    "AK714",
    "attendees-invalid",
    ERROR,
    "The attendee list (`--attendees`, CSV) cannot be used.",
    "Invitations are sent to every row; a wrong row would mail the wrong person or no one.",
    "Fix the row and column given; the file needs an `email` column.",
    command="invite",
    params={"reason": str, "columns": str, "column": str, "value": str, "problem": Phrase},
    sample={
        "reason": "No such file or directory",
        "columns": "name, mail",
        "column": "mail",
        "value": "ada@",
        "problem": Phrase("invite.problem.control", char="U+0085"),
    },
    messages={
        "read": _m(
            "cannot read the file: {reason}",
            "Check the path.",
            "파일을 읽을 수 없습니다: {reason}",
            "경로를 확인하세요.",
        ),
        "utf8": _m(
            "not UTF-8: {reason}",
            "Save it as UTF-8.",
            "UTF-8이 아닙니다: {reason}",
            "UTF-8로 저장하세요.",
        ),
        "empty": _m(
            "the file is empty: expected a header row with `email`",
            "The first row names the columns: email, and optionally name and role.",
            "파일이 비어 있습니다: `email`이 있는 머리글 행이 있어야 합니다",
            "첫 행에 열 이름을 쓰세요: email, 그리고 name과 role(선택).",
        ),
        "no-email": _m(
            "no `email` column in the header row ({columns})",
            "The first row names the columns: email, and optionally name and role.",
            "머리글 행에 `email` 열이 없습니다({columns})",
            "첫 행에 열 이름을 쓰세요: email, 그리고 name과 role(선택).",
        ),
        "column": _m(
            "unknown column `{column}`",
            "Known columns: email, name, role.",
            "알 수 없는 열 `{column}`",
            "쓸 수 있는 열: email, name, role.",
        ),
        "name": _m(
            "the name is refused: {problem}",
            "Keep the name on one line, in at most 10000 characters.",
            "이름을 쓸 수 없습니다: {problem}",
            "이름을 한 줄로, 10000자 이내로 쓰세요.",
        ),
        "argument-name": _m(
            "the name in {value} is refused: {problem}",
            "Keep the name on one line, in at most 10000 characters.",
            "{value}의 이름을 쓸 수 없습니다: {problem}",
            "이름을 한 줄로, 10000자 이내로 쓰세요.",
        ),
        "role": _m(
            "unknown role `{value}`",
            "Use required, optional, chair or non-participant.",
            "알 수 없는 역할 `{value}`",
            "required, optional, chair, non-participant 중 하나를 쓰세요.",
        ),
    },
)

INVALID_EMAIL = define(
    "AK715",
    "invalid-email",
    ERROR,
    "An e-mail address (of an attendee, speaker or organizer, or read back from an earlier "
    "mailing) is not a plain `name@domain` address.",
    "Addresses are written into e-mail headers and iCalendar properties; line breaks, "
    "commas or angle brackets in one would add recipients or headers.",
    "Write the address as name@example.org.",
    command="invite",
    params={"value": str, "problem": Phrase},
    sample={
        "value": "ada@example.org, eve@example.org",
        "problem": Phrase("invite.problem.address-local"),
    },
    messages={
        "": _m(
            "not an e-mail address: `{value}`",
            "Write it as name@example.org.",
            "이메일 주소가 아닙니다: `{value}`",
            "name@example.org처럼 쓰세요.",
        ),
        # ``value`` in backticks, or as a literal when it has characters a terminal acts on.
        "why": _m(
            "not an e-mail address: {value}",
            "{problem}",
            "이메일 주소가 아닙니다: {value}",
            "{problem}",
        ),
    },
)
