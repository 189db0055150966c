"""Invitations (iTIP, RFC 5546) and their lifecycle: requests, updates, cancellations.

One message is one recipient and one UID: RFC 5546 allows one UID per iTIP object, and
Outlook and Thunderbird mishandle requests that bundle several events. A run compares
what it would send with what was sent before (``agenda_kit.ical.state``), decides every
message first (``plan``: the SEQUENCE rules, pure) and writes the changed files after
(``files``). The modules, by job:

- ``model``: the request, the recipients and the plan (data);
- ``wanted``: what the agenda and the request ask for now;
- ``plan``: that compared with what was sent; the SEQUENCE rules;
- ``itip``: the bytes of each iTIP message;
- ``wording``: the e-mail text and the command's own lines, in the run's language;
- ``files``: writing a plan into its folder.
"""

from __future__ import annotations

from typing import Any

from ..._renamed import old_name
from ...diagnostics import Diagnostic
from .files import email_bytes, write_plan
from .model import ROLES, Change, Invitations, InviteMessage, Plan, Recipient
from .plan import plan_invitations
from .wanted import UsageError

__all__ = [
    "ROLES",
    "Change",
    "Invitations",
    "InviteMessage",
    "Plan",
    "Recipient",
    "UsageError",
    "email_bytes",
    "plan_invitations",
    "write_plan",
]


# The names of agenda-kit 0.x: Message clashed with agenda_kit.findings.Message, and
# Note was only another name of a finding (agenda_kit.diagnostics.Diagnostic). Also
# kept by agenda_kit.ical, which exported them too.
RENAMED: dict[str, tuple[str, Any]] = {
    "Message": ("InviteMessage", InviteMessage),
    "Note": ("agenda_kit.diagnostics.Diagnostic", Diagnostic),
}


def __getattr__(name: str) -> Any:
    return old_name(__name__, name, RENAMED)
