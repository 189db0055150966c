"""The words of an invitation run, in the language it resolved: the e-mail's subject
and text (labels from the phrase catalogue, ``invite.*``), the plan listing and the
summary line the command prints."""

from __future__ import annotations

from collections.abc import Mapping

from ...findings import count, say
from ...model import Agenda, Organizer
from ...timeline import Timeline
from ..feed import EventWriter
from ..mail import MailText
from ..state import Record
from .model import Change, InviteMessage, Item

__all__ = ["MailWords", "plan_line", "summary"]

# The changes that are sent, in the order the summary line counts them.
SENT = ("new", "rescheduled", "updated", "reinstated", "cancelled")


class MailWords:
    """The text of the e-mails of one run, in ``lang``."""

    def __init__(
        self,
        agenda: Agenda,
        timeline: Timeline,
        writer: EventWriter,
        organizer: Organizer,
        lang: str,
    ) -> None:
        self.agenda = agenda
        self.timeline = timeline
        self.writer = writer
        self.organizer = organizer
        self.lang = lang

    def when(self, start: int | None, end: int | None) -> str:
        """``2024-10-01 09:00–10:00 (Europe/Berlin)``: local dates, the event's clock."""
        if start is None or end is None:
            return ""
        clock = self.timeline.clock
        a, b = clock.local(start), clock.local(end)
        label = self.writer.clock_label
        day = f"{a:%Y-%m-%d}"
        until = label(end) if a.date() == b.date() else f"{b:%Y-%m-%d} {label(end)}"
        return f"{day} {label(start)}–{until} ({self.agenda.event.timezone})"

    def mail(
        self, record: Record, change: Change, what: tuple[str, ...], item: Item | None
    ) -> MailText:
        """The subject, intro, rows and footer of the e-mail carrying ``record``."""
        lang = self.lang
        event = self.agenda.event.title
        when = self.when(record.start, record.end)
        if change == "cancelled" or record.method == "CANCEL":
            prefix = say("invite.cancel", lang)
            intro = say("invite.intro-cancel", lang, event=event)
        elif change in ("rescheduled", "updated") and what:
            changed = say("list.separator", lang).join(say(f"invite.{w}", lang) for w in what)
            prefix = say("invite.update", lang)
            intro = say("invite.intro-update", lang, event=event, what=changed)
        else:
            prefix = say("invite.new", lang)
            intro = say("invite.intro-new", lang, event=event)
        rows = [(say("invite.when", lang), when)] if when else []
        if record.location:
            rows.append((say("invite.where", lang), record.location))
        org = self.organizer
        rows.append((say("invite.organizer", lang), f"{org.name} <{org.email}>"))
        if item is not None and item.url:
            rows.append((say("invite.link", lang), item.url))
        subject = f"{prefix}: {record.summary}" + (f" @ {when}" if when else "")
        return MailText(
            subject=subject,
            intro=intro,
            title=record.summary,
            rows=tuple(rows),
            description=item.description if item is not None else "",
            footer=say("invite.footer", lang) if record.method == "REQUEST" else "",
        )


def plan_line(message: InviteMessage, path: str, lang: str) -> str:
    """One line of a dry run's listing: what changed, for whom, and where it goes."""
    record = message.record
    what = ""
    if message.what:
        words = say("list.separator", lang).join(say(f"invite.{w}", lang) for w in message.what)
        what = say("invite.what", lang, what=words)
    return say(
        "invite.plan-line",
        lang,
        change=say(f"invite.change.{message.change}", lang),
        what=what,
        recipient=record.recipient,
        uid=record.uid,
        sequence=record.sequence,
        path=path,
    )


def summary(counts: Mapping[str, int], lang: str, calendars: int = 0) -> str:
    """``10 messages to send (10 new), 2 unchanged (not rewritten), 3 calendars``."""
    total = sum(counts.get(k, 0) for k in SENT)
    text = count("invite.messages", total, lang)
    sent = [
        say("invite.change-count", lang, n=counts[k], change=say(f"invite.change.{k}", lang))
        for k in SENT
        if counts.get(k)
    ]
    if sent:
        text += say("invite.changes", lang, changes=say("list.separator", lang).join(sent))
    if counts.get("unchanged"):
        text += say("invite.unchanged", lang, n=counts["unchanged"])
    if calendars:
        text += count("invite.calendars", calendars, lang)
    return text
