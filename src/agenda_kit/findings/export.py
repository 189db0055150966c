"""AK5xx: calendar output and export: what a feed or file cannot carry, and refusals
to write (also used by `invite`, which writes into an output folder too)."""

from __future__ import annotations

from ..diagnostics import Severity
from ._kind import Message, define

__all__ = [
    "COLOR_NOT_CARRIED",
    "EXPORT_NOT_CARRIED",
    "OPTION_NOT_FOR_FORMAT",
    "OUTPUT_LOCKED",
    "OUTPUT_OUTSIDE_FOLDER",
    "OUTPUT_UNWRITABLE",
    "REFUSED_WITH_ERRORS",
    "UNKNOWN_SELECTION",
]

ERROR, WARNING = Severity.ERROR, Severity.WARNING

UNKNOWN_SELECTION = define(
    "AK501",
    "unknown-selection",
    ERROR,
    "A command option names a speaker or part the agenda does not have "
    "(`export --speaker`, `invite --speaker`, `invite --part`).",
    "A typo would otherwise write an empty feed or invite nobody.",
    "Use an id from the agenda; the message suggests the closest one.",
    command="export",
    params={"name": str, "suggestion": str, "known": str},
    sample={"name": "adda", "suggestion": "ada", "known": "`ada`, `bob`"},
    messages={
        "speaker": Message(
            en=("unknown speaker `{name}`", "The agenda has: {known}."),
            ko=("발표자 `{name}`이/가 없습니다", "아젠다에 있는 발표자: {known}."),
        ),
        "speaker.suggest": Message(
            en=("unknown speaker `{name}`", "Did you mean `{suggestion}`?"),
            ko=("발표자 `{name}`이/가 없습니다", "`{suggestion}`의 오타인가요?"),
        ),
        "part": Message(
            en=("unknown part `{name}`", "The agenda has: {known}."),
            ko=("부 `{name}`이/가 없습니다", "아젠다에 있는 부: {known}."),
        ),
        "part.suggest": Message(
            en=("unknown part `{name}`", "Did you mean `{suggestion}`?"),
            ko=("부 `{name}`이/가 없습니다", "`{suggestion}`의 오타인가요?"),
        ),
    },
)

COLOR_NOT_CARRIED = define(
    "AK502",
    "color-not-carried",
    WARNING,
    "`event.color` is not a CSS3 colour name, which is all RFC 7986 `COLOR` can carry.",
    "Calendar clients ignore a colour they cannot read; the feed is written without it.",
    "Use a CSS3 colour name such as `teal` (a `#rrggbb` colour is kept for other outputs).",
    command="export",
    params={"color": str},
    sample={"color": "#008080"},
    messages={
        "": Message(
            en=(
                "`event.color: {color}` is not a CSS3 colour name: the calendar has no COLOR",
                "Use a CSS3 colour name such as `teal`.",
            ),
            ko=(
                "`event.color: {color}`은/는 CSS3 색 이름이 아니어서 캘린더에 COLOR가 없습니다",
                "`teal` 같은 CSS3 색 이름을 쓰세요.",
            ),
        ),
    },
)

OUTPUT_UNWRITABLE = define(
    "AK503",
    "output-unwritable",
    ERROR,
    "An output file cannot be written (no permission, no space, a folder in its place).",
    "Nothing is written in part: an earlier file at that path is left as it was.",
    "Check the path and its permissions, or write elsewhere with `--output`.",
    command="export",
    params={"path": str, "reason": str},
    sample={"path": "site/agenda.ics", "reason": "Permission denied"},
    messages={
        "": Message(
            en=("cannot write {path}: {reason}", "Check the path and its permissions."),
            ko=("{path}에 쓸 수 없습니다: {reason}", "경로와 권한을 확인하세요."),
        ),
    },
)

OUTPUT_OUTSIDE_FOLDER = define(
    "AK504",
    "output-outside-folder",
    ERROR,
    "A file name made from the agenda or from an earlier run's files would be written "
    "outside the output folder (`../`, an absolute path, a link out of the folder).",
    "What a run reads back is untrusted input; following such a name would overwrite "
    "files anywhere the user can write.",
    "Remove the path from the id or file name; agenda-kit writes only inside its folder.",
    command="export",
    params={"path": str, "folder": str},
    sample={"path": "../../.bashrc", "folder": "invitations"},
    messages={
        "": Message(
            en=(
                "`{path}` lies outside the output folder `{folder}`: refused",
                "Use ids without `/`, `\\` or `..`; files are written only inside the folder.",
            ),
            ko=(
                "`{path}`이/가 출력 폴더 `{folder}` 밖에 있어 쓰지 않았습니다",
                "`/`, `\\`, `..`이 없는 id를 쓰세요. 파일은 폴더 안에만 씁니다.",
            ),
        ),
    },
)

OUTPUT_LOCKED = define(
    "AK505",
    "output-locked",
    ERROR,
    "Another run is writing into the same output folder.",
    "Two runs writing one folder at once would mix their messages and state.",
    "Wait for the other run to finish; remove the lock file only if no run is active.",
    command="export",
    params={"folder": str, "lock": str},
    sample={"folder": "invitations", "lock": "invitations/.agenda-kit.lock"},
    messages={
        "": Message(
            en=(
                "the output folder `{folder}` is in use by another run",
                "Wait for it to finish; if none is running, remove `{lock}`.",
            ),
            ko=(
                "다른 실행이 출력 폴더 `{folder}`을/를 쓰고 있습니다",
                "끝날 때까지 기다리세요. 실행 중인 것이 없다면 `{lock}`을/를 지우세요.",
            ),
        ),
    },
)

REFUSED_WITH_ERRORS = define(
    "AK506",
    "refused-with-errors",
    ERROR,
    "`export` and `invite` found errors in the agenda and wrote nothing.",
    "A feed or invitation made from a wrong agenda sends people to the wrong place or time.",
    "Fix the errors the checker lists, or pass `--force` to write anyway.",
    command="export",
    params={"errors": int},
    sample={"errors": 2},
    messages={
        "export": Message(
            en=("not exported: the agenda has {errors} error(s)", "Fix them, or pass --force."),
            ko=(
                "내보내지 않았습니다: 아젠다에 오류가 {errors}개 있습니다",
                "오류를 고치거나 --force를 주세요.",
            ),
        ),
        "invite": Message(
            en=(
                "no invitations written: the agenda has {errors} error(s)",
                "Fix them, or pass --force.",
            ),
            ko=(
                "초대장을 쓰지 않았습니다: 아젠다에 오류가 {errors}개 있습니다",
                "오류를 고치거나 --force를 주세요.",
            ),
        ),
    },
)

EXPORT_NOT_CARRIED = define(
    "AK507",
    "export-not-carried",
    WARNING,
    "Something of the agenda cannot be written in the chosen format (frab, CSV, text) "
    "and was left out or written another way.",
    "Other tools read the file as it is written; what changed should not be a surprise.",
    "Fix the session as the message says, or accept the way it is written.",
    command="export",
    params={"id": str, "room": str, "zone": str, "element": str, "text": str},
    sample={"id": "talk-1", "room": "Main", "zone": "Etc/GMT-9", "element": "<title>"},
    messages={
        "unresolved": Message(
            en=("`{id}` has no resolved time: left out", "Run `agenda-kit check`."),
            ko=("`{id}`의 시각을 알 수 없어 뺐습니다", "`agenda-kit check`를 실행하세요."),
        ),
        "negative": Message(
            en=(
                "`{id}` ends before it starts (times in a clock change's gap?): left out",
                "Run `agenda-kit check`.",
            ),
            ko=(
                "`{id}`이/가 시작 전에 끝나서(시간 변경으로 없는 시각?) 뺐습니다",
                "`agenda-kit check`를 실행하세요.",
            ),
        ),
        "no-room": Message(
            en=("sessions without a room are listed in the room {room!r}", "Give them a room."),
            ko=("방이 없는 세션은 {room!r} 방에 넣었습니다", "세션에 방을 주세요."),
        ),
        "transfer": Message(
            en=(
                "frab has no room changes: a transfer is an event in the room it starts in",
                "Nothing to do; the transfer keeps its time.",
            ),
            ko=(
                "frab에는 방 이동이 없어 이동 세션은 출발하는 방의 일정이 됩니다",
                "할 일은 없습니다. 이동 시간은 그대로입니다.",
            ),
        ),
        "guid": Message(
            en=("sessions that share an id or UID got guids of their own", "Give them unique ids."),
            ko=("id나 UID가 같은 세션에는 각자 guid를 주었습니다", "세션에 고유한 id를 주세요."),
        ),
        "zone-form": Message(
            en=(
                "the zone {zone!r} is not of the form the JSON schema admits (Area/City or "
                "UTC): `time_zone_name` is left out; every time keeps its offset",
                "Use an Area/City zone if the event has one.",
            ),
            ko=(
                "시간대 {zone!r}은/는 JSON 스키마가 받는 형식(Area/City, UTC)이 아니어서 "
                "`time_zone_name`을 뺐습니다. 시각마다 UTC 오프셋은 남아 있습니다",
                "가능하면 Area/City 시간대를 쓰세요.",
            ),
        ),
        "xml-chars": Message(
            en=(
                "characters XML cannot hold (such as U+FFFF) were replaced by U+FFFD "
                "in `{element}`",
                "Remove the characters from the agenda if they were not meant.",
            ),
            ko=(
                "`{element}`에서 XML이 담을 수 없는 문자(U+FFFF 등)를 U+FFFD로 바꿨습니다",
                "의도한 문자가 아니라면 아젠다에서 지우세요.",
            ),
        ),
        # What a writer noted that has no variant of its own yet: its words, unchanged.
        "note": Message(
            en=("{text}", "Fix the session as the message says, or accept the way it is written."),
            ko=("{text}", "메시지대로 세션을 고치거나, 쓰인 그대로 받아들이세요."),
        ),
    },
)

OPTION_NOT_FOR_FORMAT = define(
    "AK508",
    "option-not-for-format",
    ERROR,
    "An option of calendar feeds (`--per`, `--speaker`, `--remind`) was given for an "
    "output that is not a calendar (`--to frab-xml`, `frab-json`, `csv`, `json`).",
    "The other formats have no place for it: the file would silently differ from what "
    "was asked for.",
    "Leave the option out, or write a calendar (`--to ics`, or an output ending in `.ics`).",
    command="export",
    params={"format": str},
    sample={"format": "csv"},
    messages={
        "": Message(
            en=(
                "--per, --speaker and --remind are for calendars (--to ics), not {format}",
                "Leave them out, or write a calendar with --to ics.",
            ),
            ko=(
                "--per, --speaker, --remind 옵션은 캘린더(--to ics)에만 쓰며 {format}에는 "
                "쓸 수 없습니다",
                "옵션을 빼거나 --to ics로 캘린더를 쓰세요.",
            ),
        ),
    },
)
