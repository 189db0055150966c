"""``agenda-kit invite FILE --to SPEAKER|all -o DIR``: calendar invitations, their
updates and cancellations, one file per recipient and event.

Every problem is a finding of the registry (AK5xx for the output folder, AK7xx for
invitations), reported in ``--format text`` (standard error, ruff style) or ``json``
(one document on standard output); everything printed is in the language the run
resolved: ``--lang``, the settings file's ``lang``, then ``event.lang``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic, Report
    from ..findings import Kind
    from ..ical.invite import Plan, Recipient
    from ..model import Agenda

NAME = "invite"
HELP = "write calendar invitations (iTIP REQUEST/CANCEL, optionally as e-mails)"


def _duration(text: str) -> int:
    from ..ical.options import parse_duration

    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="agenda file")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        required=True,
        help="output folder: one sub-folder per recipient, and the state of what was sent",
    )
    parser.add_argument(
        "--to",
        metavar="SPEAKER|all",
        action="append",
        default=[],
        help="invite these speakers (ids, repeatable or comma-separated) to their sessions; "
        "`all` for every speaker",
    )
    parser.add_argument(
        "--attendee",
        metavar="ADDRESS",
        action="append",
        default=[],
        help="invite someone (`a@b.org` or `Name <a@b.org>`) to the event; repeatable",
    )
    parser.add_argument(
        "--attendees",
        metavar="CSV",
        help="invite everyone in this CSV file (columns email, name, role); it is the "
        "whole list: people invited before and missing now get a cancellation",
    )
    parser.add_argument(
        "--per",
        choices=("part", "session"),
        default="part",
        help="attendees get one event per part (default) or per session",
    )
    parser.add_argument(
        "--part",
        metavar="ID",
        action="append",
        default=[],
        help="only the parts with these ids (repeatable)",
    )
    parser.add_argument(
        "--previous",
        metavar="FILE|DIR",
        help="what was sent before: a folder or .ics files of an earlier mailing, or a state "
        "file (default: the state kept in the output folder)",
    )
    parser.add_argument(
        "--eml", action="store_true", help="also write each message as a ready-to-send e-mail"
    )
    parser.add_argument(
        "--publish",
        action="store_true",
        help="also write one calendar per recipient with all their events, for download",
    )
    parser.add_argument(
        "--remind",
        metavar="DURATION",
        type=_duration,
        action="append",
        default=[],
        help="a reminder this long before the start (15m, 1h, 1d); repeatable",
    )
    parser.add_argument(
        "--force", action="store_true", help="write invitations even when the checker finds errors"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be sent; write nothing"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: findings and the summary on standard error, the files to send on "
        "standard output; json: one document with both on standard output",
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="language of everything printed")


@dataclass(slots=True)
class _Output:
    """What a run prints, in its language and format (findings are worded here)."""

    format: str
    lang: str = "en"
    findings: list[Diagnostic] = field(default_factory=list)
    checked: Report | None = None
    data: dict[str, Any] | None = None  # the `invitations` part of the JSON document

    def finding(self, diagnostic: Diagnostic) -> None:
        from ..findings import translate

        diagnostic = translate(diagnostic, self.lang)
        self.findings.append(diagnostic)
        if self.format == "text":
            from ..reporters import TextReporter

            sys.stderr.write(TextReporter(lang=self.lang).line(diagnostic) + "\n")
            if diagnostic.hint:
                sys.stderr.write(f"  = help: {diagnostic.hint}\n")

    def check_report(self, report: Report) -> None:
        """The checker's findings on the agenda, as `check` prints them."""
        self.checked = report
        if self.format == "text" and report.diagnostics:
            from ..reporters import TextReporter

            sys.stderr.write(TextReporter(lang=self.lang).render(report))

    def line(self, text: str) -> None:
        """A line of the run's own output (standard error in text, nothing in JSON)."""
        if self.format == "text":
            sys.stderr.write(text + "\n")

    def listing(self, text: str) -> None:
        """A file to send or a planned message (standard output in text)."""
        if self.format == "text":
            print(text)

    def finish(self, code: int) -> int:
        """Write the JSON document (findings of the check and of the run, and what was
        planned and written); return the exit code."""
        if self.format != "json":
            return code
        from ..diagnostics import Report
        from ..reporters import JsonReporter

        report = Report(list(self.checked.diagnostics) if self.checked else [], files=1)
        report.diagnostics += self.findings
        report.broken = code == EXIT_ERROR
        document = json.loads(JsonReporter(lang=self.lang).render(report))
        document["invitations"] = self.data
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return code


def run(args: argparse.Namespace) -> int:
    from ..findings import OUTPUT_UNWRITABLE, resolve_language, say

    out = _Output(args.format, resolve_language(args.lang))
    loaded = _load(args.file, out, args.lang)
    if loaded is None:
        return out.finish(EXIT_ERROR)
    agenda, settings_lang = loaded
    out.lang = resolve_language(args.lang, settings_lang, agenda.event.lang)
    speakers = tuple(dict.fromkeys(s.strip() for arg in args.to for s in arg.split(",") if s))
    if not speakers and not args.attendee and not args.attendees:
        from ..findings.invite import INVITE_NOBODY

        out.finding(_at(INVITE_NOBODY, "--to"))
        return out.finish(EXIT_ERROR)
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        out.finding(_at(OUTPUT_UNWRITABLE, str(folder), path=str(folder), reason="not a folder"))
        return out.finish(EXIT_ERROR)
    report = _check(agenda, out)
    if not report.ok and not args.force:
        from ..findings import REFUSED_WITH_ERRORS

        if args.format == "json":
            where = str(agenda.source.file) if agenda.source else args.file
            out.finding(_at(REFUSED_WITH_ERRORS, where, "invite", errors=report.errors))
        out.line(say("invite.refused", out.lang))
        return out.finish(EXIT_FINDINGS)
    return out.finish(_locked(args, folder, speakers, agenda, report, out))


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _at(kind: Kind, file: str, variant: str = "", **params: Any) -> Diagnostic:
    """A finding about a whole file or a command-line option (``--to:1:1``)."""
    from ..diagnostics import Location

    return kind.at(Location(file, 1, 1, ""), variant, **params)


def _load(name: str, out: _Output, flag: str | None) -> tuple[Agenda, str | None] | None:
    """The agenda (bounded by the limits of its settings file) and that file's ``lang``;
    None after reporting why it cannot be loaded."""
    from ..config import ConfigError, discover, load_settings
    from ..diagnostics import Report
    from ..findings import resolve_language
    from ..loaders import LoadError, limits_from, load

    settings = None
    try:
        found = discover(Path(name).parent)
        settings = load_settings(found) if found else None
        out.lang = resolve_language(flag, settings.lang if settings else None)
        return load(name, limits=limits_from(settings)), settings.lang if settings else None
    except (LoadError, ConfigError) as exc:
        out.check_report(Report(list(exc.diagnostics), files=1, broken=True))
        return None


def _check(agenda: Agenda, out: _Output) -> Report:
    from ..rules import check

    report = check(agenda, lang=out.lang)
    out.check_report(report)
    return report


def _locked(
    args: argparse.Namespace,
    folder: Path,
    speakers: tuple[str, ...],
    agenda: Agenda,
    report: Report,
    out: _Output,
) -> int:
    from .._paths import lock_folder
    from ..findings import OUTPUT_UNWRITABLE, say

    lock = None
    created = False
    code = EXIT_ERROR
    if not args.dry_run:
        # The state is read and written under the lock, so that two runs into one folder
        # serialize; a folder made for a run that fails is removed again (when empty).
        try:
            created = not folder.exists()
            folder.mkdir(parents=True, exist_ok=True)
            # Said in every format: the run is waiting, not stuck.
            lock = lock_folder(
                folder, lambda: _stderr(say("invite.waiting", out.lang, folder=folder))
            )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            out.finding(_at(OUTPUT_UNWRITABLE, str(folder), path=str(folder), reason=reason))
            return EXIT_ERROR
    try:
        code = _run(args, folder, speakers, agenda, report, out)
        return code
    finally:
        if lock is not None:
            os.close(lock)
        if created and code != EXIT_OK:
            with contextlib.suppress(OSError):
                folder.rmdir()


def _plan(
    args: argparse.Namespace, folder: Path, speakers: tuple[str, ...], agenda: Agenda, lang: str
) -> Plan:
    """The plan of the run. Raises ``InputError`` (and ``UsageError``) with the finding."""
    from ..findings import STATE_UNREADABLE
    from ..ical.attendees import parse_address, read_attendees
    from ..ical.invite import Invitations, plan_invitations
    from ..ical.state import STATE_FILE, Baseline, load_baseline, read_state, refuse

    attendees: list[Recipient] = [parse_address(text) for text in args.attendee]
    if args.attendees:
        attendees.extend(read_attendees(Path(args.attendees)))
    state = folder / STATE_FILE
    if args.previous:
        baseline = load_baseline(Path(args.previous))
    elif state.is_symlink():
        raise refuse(STATE_UNREADABLE, str(state), variant="link")
    elif state.is_file():
        baseline = read_state(state)
    else:
        baseline = Baseline()
    unique = {r.key: r for r in reversed(attendees)}
    request = Invitations(
        speakers=speakers,
        attendees=tuple(unique[k] for k in dict.fromkeys(r.key for r in attendees)),
        attendee_list=bool(args.attendees),
        per=args.per,
        parts=tuple(dict.fromkeys(args.part)),
        reminders=tuple(args.remind),
        publish=args.publish,
        eml=args.eml,
    )
    return plan_invitations(agenda, request, baseline=baseline, lang=lang)


def _run(
    args: argparse.Namespace,
    folder: Path,
    speakers: tuple[str, ...],
    agenda: Agenda,
    report: Report,
    out: _Output,
) -> int:
    from .._paths import ConfinedError
    from ..findings import OUTPUT_OUTSIDE_FOLDER, OUTPUT_UNWRITABLE, say
    from ..ical.invite import write_plan
    from ..ical.invite.wording import plan_line, summary
    from ..ical.state import InputError

    try:
        plan = _plan(args, folder, speakers, agenda, out.lang)
    except InputError as exc:
        out.finding(exc.diagnostic)
        return EXIT_ERROR
    # The checker's missing-id finding already said what a derived-id finding would.
    said = {d.location for d in report.diagnostics if d.name == "missing-id"}
    for finding in plan.findings:
        if finding.name != "invite-derived-id" or finding.location not in said:
            out.finding(finding)
    counts: dict[str, int] = {}
    for message in plan.messages:
        counts[message.change] = counts.get(message.change, 0) + 1
    out.data = _data(plan, folder, counts, args.dry_run, out.lang)
    if args.dry_run:
        for message in plan.to_send:
            out.listing(plan_line(message, str(folder / (message.record.file or "")), out.lang))
        out.line(say("invite.dry-run", out.lang, summary=summary(counts, out.lang)))
        return EXIT_OK
    try:
        sent = write_plan(plan, folder)
    except ConfinedError as exc:
        path = str(exc.filename)
        out.finding(_at(OUTPUT_OUTSIDE_FOLDER, path, path=path, folder=str(folder)))
        return EXIT_ERROR
    except OSError as exc:
        reason = exc.strerror or str(exc)
        path = str(exc.filename or folder)
        out.finding(_at(OUTPUT_UNWRITABLE, path, path=path, reason=reason))
        return EXIT_ERROR
    out.data["written"] = True
    out.data["sent"] = [str(p) for p in sent]
    for file in sent:
        out.listing(str(file))
    text = summary(counts, out.lang, len(plan.calendars))
    out.line(say("invite.done", out.lang, folder=folder, summary=text))
    return EXIT_OK


def _data(
    plan: Plan, folder: Path, counts: dict[str, int], dry_run: bool, lang: str
) -> dict[str, Any]:
    """The `invitations` part of the JSON document: every message of the plan."""
    from ..ical.invite.wording import summary

    return {
        "folder": str(folder),
        "dry_run": dry_run,
        "written": False,
        "lang": lang,
        "summary": summary(counts, lang, len(plan.calendars)),
        "counts": dict(sorted(counts.items())),
        "messages": [
            {
                "change": m.change,
                "what": list(m.what),
                "recipient": m.record.recipient,
                "uid": m.record.uid,
                "method": m.record.method,
                "sequence": m.record.sequence,
                "file": m.record.file,
                "eml": m.record.eml,
                "send": m.send,
            }
            for m in plan.messages
        ],
        "calendars": sorted(plan.calendars),
        "sent": [],
    }
