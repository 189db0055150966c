"""``agenda-kit invite FILE --to SPEAKER|all -o DIR``: calendar invitations, their
updates and cancellations, one file per recipient and event."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._paths import ConfinedError
from . import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from ..diagnostics import Report
    from ..ical.invite import Recipient
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


def _error(where: str, message: str, hint: str = "") -> None:
    sys.stderr.write(f"{where}: error: {message}\n")
    if hint:
        sys.stderr.write(f"  = help: {hint}\n")


def run(args: argparse.Namespace) -> int:
    from .._paths import lock_folder
    from ._shared import load_checked

    speakers = tuple(dict.fromkeys(s.strip() for arg in args.to for s in arg.split(",") if s))
    if not speakers and not args.attendee and not args.attendees:
        print(
            "agenda-kit invite: nobody to invite: give --to SPEAKER|all, --attendee or --attendees",
            file=sys.stderr,
        )
        return EXIT_ERROR
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        print(f"agenda-kit: {folder}: not a folder", file=sys.stderr)
        return EXIT_ERROR
    loaded = load_checked(args.file, force=args.force, refusal="No invitations written")
    if isinstance(loaded, int):
        return loaded
    agenda, report = loaded
    attendees: list[Recipient] = []
    lock = None
    created = False
    code = EXIT_ERROR
    if not args.dry_run:
        # The state is read and written under the lock, so that two runs into one folder
        # serialize; a folder made for a run that fails is removed again (when empty).
        try:
            created = not folder.exists()
            folder.mkdir(parents=True, exist_ok=True)
            lock = lock_folder(folder, lambda: _waiting(folder))
        except OSError as exc:
            print(f"agenda-kit: cannot write to {folder}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
    try:
        code = _run(args, folder, speakers, attendees, agenda, report)
        return code
    finally:
        if lock is not None:
            os.close(lock)
        if created and code != EXIT_OK:
            with contextlib.suppress(OSError):
                folder.rmdir()


def _waiting(folder: Path) -> None:
    sys.stderr.write(f"{folder}: another agenda-kit invite run is writing here; waiting\n")


def _run(
    args: argparse.Namespace,
    folder: Path,
    speakers: tuple[str, ...],
    attendees: list[Recipient],
    agenda: Agenda,
    report: Report,
) -> int:
    from ..ical.attendees import parse_address, read_attendees
    from ..ical.invite import Invitations, UsageError, plan_invitations, write_plan
    from ..ical.state import STATE_FILE, Baseline, InputError, load_baseline, read_state

    try:
        for text in args.attendee:
            try:
                attendees.append(parse_address(text))
            except ValueError as exc:
                print(f"agenda-kit: --attendee: {exc}", file=sys.stderr)
                return EXIT_ERROR
        if args.attendees:
            attendees.extend(read_attendees(Path(args.attendees)))
        if args.previous:
            baseline = load_baseline(Path(args.previous))
        elif (folder / STATE_FILE).is_symlink():
            raise InputError(
                f"{folder / STATE_FILE}:1:1",
                "the state file is a symbolic link: refusing to read or replace it",
            )
        elif (folder / STATE_FILE).is_file():
            baseline = read_state(folder / STATE_FILE)
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
        plan = plan_invitations(agenda, request, baseline=baseline)
    except InputError as exc:
        _error(exc.where, exc.message, exc.hint)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"agenda-kit invite: {exc}", file=sys.stderr)
        return EXIT_ERROR
    # The checker's missing-id finding already said what a derived-id note would.
    said = {str(d.location) for d in report.diagnostics if d.name == "missing-id"}
    for note in plan.notes:
        if note.kind == "derived-id" and note.where in said:
            continue
        sys.stderr.write(f"{note.where}: warning: {note.message}\n")
        if note.hint:
            sys.stderr.write(f"  = help: {note.hint}\n")
    counts: dict[str, int] = {}
    for message in plan.messages:
        counts[message.change] = counts.get(message.change, 0) + 1
    if args.dry_run:
        for message in plan.to_send:
            record = message.record
            what = f" ({', '.join(message.what)})" if message.what else ""
            print(
                f"{message.change}{what}: {record.recipient} {record.uid} "
                f"SEQUENCE:{record.sequence} -> {folder / (record.file or '')}"
            )
        sys.stderr.write(f"Dry run: {_summary(counts)}; nothing written.\n")
        return EXIT_OK
    try:
        sent = write_plan(plan, folder)
    except ConfinedError as exc:
        _error(f"{exc.filename}:1:1", exc.strerror or "refused")
        return EXIT_ERROR
    except OSError as exc:
        print(f"agenda-kit: cannot write to {folder}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    for path in sent:
        print(path)
    extra = f", {len(plan.calendars)} calendars" if plan.calendars else ""
    sys.stderr.write(f"{folder}: {_summary(counts)}{extra}.\n")
    return EXIT_OK


def _summary(counts: dict[str, int]) -> str:
    order = ("new", "rescheduled", "updated", "reinstated", "cancelled")
    sent = [f"{counts[k]} {k}" for k in order if counts.get(k)]
    total = sum(counts.get(k, 0) for k in order)
    text = f"{total} message{'s' if total != 1 else ''} to send"
    if sent:
        text += f" ({', '.join(sent)})"
    unchanged = counts.get("unchanged", 0)
    if unchanged:
        text += f", {unchanged} unchanged (not rewritten)"
    return text
