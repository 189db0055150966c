"""Writing a plan: the messages, e-mails, calendars and state of a run into its output
folder, each file replaced atomically, none outside the folder (``_paths.Confined``).
The caller holds the folder's lock (``_paths.lock_folder``) around reading the state
and writing the plan."""

from __future__ import annotations

from pathlib import Path

from ..._paths import Confined
from ..mail import imip_message
from ..state import STATE_FILE
from .model import InviteMessage, Plan

__all__ = ["email_bytes", "write_plan"]


def write_plan(plan: Plan, folder: Path) -> list[Path]:
    """Write what changed into ``folder``; returns the messages to send (.eml where
    written, else .ics). Files of unchanged messages are not rewritten (a missing one
    is restored as it was); every file is replaced atomically.

    Every path is one the planner derived from validated ids, and is written below
    ``folder`` without following a link: a link anywhere raises ``ConfinedError``
    before anything is written."""
    folder.mkdir(parents=True, exist_ok=True)
    box = Confined(folder)
    names = [STATE_FILE, *plan.stale_eml, *plan.calendars]
    for message in plan.messages:
        names += [n for n in (message.record.file, message.record.eml) if n is not None]
    for name in names:
        box.check(name)
    box.clean(names)
    out: list[Path] = []
    for message in plan.messages:
        record = message.record
        assert record.file is not None
        ics: bytes | None = message.data
        if message.send or not box.exists(record.file):
            box.write(record.file, [message.data])
        elif record.eml is not None:
            ics = box.read(record.file)
        if record.eml is not None and (message.send or not box.exists(record.eml)):
            box.write(record.eml, [email_bytes(plan, message, ics or message.data)])
        if message.send:
            out.append(folder / (record.eml or record.file))
    for name in plan.stale_eml:
        box.unlink(name)
    for name, data in plan.calendars.items():
        if box.read(name) != data:
            box.write(name, [data])
    data = plan.state()
    if box.read(STATE_FILE) != data:
        box.write(STATE_FILE, [data])
    return out


def email_bytes(plan: Plan, message: InviteMessage, ics: bytes) -> bytes:
    """The iMIP e-mail of ``message`` carrying ``ics`` (the file as written)."""
    record = message.record
    assert message.mail is not None
    org = plan.organizer
    return imip_message(
        ics,
        method=record.method,
        sender=(org.name, org.email),
        recipient=(record.name, record.recipient),
        text=message.mail,
        stamp=record.dtstamp,
    )
