"""``agenda-kit publish FILE --caldav URL [--calendar NAME]``: one calendar object per
session on a CalDAV server (RFC 4791), created, updated in place or deleted by UID.

Credentials come from the environment (``AGENDA_KIT_CALDAV_USER``,
``AGENDA_KIT_CALDAV_PASSWORD``) or a netrc file, never from the command line. Every
problem is a finding of the registry (AK9xx), printed on standard error in the run's
language; the changes go to standard output. Exit codes: 0 done, 1 something was not
done (it is done by the next run), 2 the run could not start."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..delivery.objects import Change
    from ..diagnostics import Diagnostic

NAME = "publish"
HELP = "publish the agenda to a CalDAV calendar, one event per session"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="agenda file")
    parser.add_argument(
        "--caldav",
        metavar="URL",
        required=True,
        help="the calendar's address (or the server's, with --calendar); no user name or "
        "password in it: they come from AGENDA_KIT_CALDAV_USER/AGENDA_KIT_CALDAV_PASSWORD "
        "or a netrc file",
    )
    parser.add_argument(
        "--calendar", metavar="NAME", help="the calendar of the server with this name"
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=int,
        default=30,
        help="how long to wait for the server's answer to each request (default 30)",
    )
    parser.add_argument(
        "--force", action="store_true", help="publish even when the checker finds errors"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would change; change nothing"
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="language of everything printed")


def _print(diagnostic: Diagnostic, lang: str) -> None:
    from ..findings import translate
    from ..reporters import TextReporter

    diagnostic = translate(diagnostic, lang)
    sys.stderr.write(TextReporter(lang=lang).line(diagnostic) + "\n")
    if diagnostic.hint:
        sys.stderr.write(f"  = help: {diagnostic.hint}\n")


def _line(change: Change, lang: str) -> str:
    from ..findings.delivery import word

    if change.action == "update":
        return word(
            "publish.update",
            lang,
            what=", ".join(change.what),
            uid=change.uid,
            sequence=change.sequence,
        )
    if change.action == "create":
        return word("publish.create", lang, uid=change.uid, sequence=change.sequence)
    return word("publish.delete", lang, uid=change.uid)


def _refuse(args: argparse.Namespace) -> int | None:
    """The exit code for options that cannot be used (said why), or None."""
    from urllib.parse import urlsplit

    from ..delivery.secrets import has_userinfo
    from ..diagnostics import Location
    from ..findings import CREDENTIALS_ON_COMMAND_LINE, resolve_language

    url = args.caldav
    if has_userinfo(url):
        where = Location("--caldav", 1, 1, "")
        _print(
            CREDENTIALS_ON_COMMAND_LINE.at(where, option="--caldav"), resolve_language(args.lang)
        )
        return EXIT_ERROR
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        sys.stderr.write(f"agenda-kit publish: --caldav needs an http(s) address, not {url!r}\n")
        return EXIT_ERROR
    if args.timeout < 1:
        sys.stderr.write("agenda-kit publish: --timeout must be 1 second or more\n")
        return EXIT_ERROR
    return None


def run(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from ..delivery.dav import Dav, ServerProblem, caldav_missing
    from ..delivery.publishing import problem_finding, publish
    from ..delivery.secrets import NetrcError, login_for
    from ..diagnostics import Location
    from ..findings import DELIVERY_AUTH_FAILED
    from ..findings.delivery import word
    from ..ical.feed import dtstamp, stamp_text
    from ._shared import load_checked, output_language

    url = args.caldav
    refused = _refuse(args)
    if refused is not None:
        return refused
    parts = urlsplit(url)
    assert parts.hostname is not None
    loaded = load_checked(args.file, force=args.force, refusal="publish", lang=args.lang)
    if isinstance(loaded, int):
        return loaded
    agenda, _report = loaded
    lang = output_language(args.lang, None, agenda)
    if caldav_missing():
        sys.stderr.write(word("missing.caldav", lang) + "\n")
        return EXIT_ERROR
    try:
        login = login_for("caldav", parts.hostname)
    except NetrcError as exc:
        where = Location(exc.file, exc.line, 1, "")
        _print(DELIVERY_AUTH_FAILED.at(where, "netrc", server=exc.file), lang)
        return EXIT_ERROR
    dav = Dav(url, login, args.timeout)
    stamp = stamp_text(dtstamp())
    try:
        calendar = dav.calendar_named(args.calendar) if args.calendar else url
        if not args.calendar:
            dav.check_calendar(calendar)
        outcome = publish(
            agenda,
            dav,
            calendar,
            stamp=stamp,
            dry_run=args.dry_run,
            said=lambda change: print(_line(change, lang), flush=True),
        )
    except ServerProblem as problem:
        _print(problem_finding(problem, url), lang)
        return EXIT_ERROR if problem.kind.code in ("AK903", "AK904") else EXIT_FINDINGS
    finally:
        dav.close()
    for finding in outcome.findings:
        _print(finding, lang)
    counts = {a: outcome.count(a) for a in ("create", "update", "delete", "unchanged")}
    if args.dry_run:
        sys.stderr.write(word("publish.dry-run", lang, calendar=calendar, **counts) + "\n")
    else:
        done = {a: sum(1 for c in outcome.done if c.action == a) for a in counts}
        done["unchanged"] = counts["unchanged"]
        line = word("publish.summary", lang, calendar=calendar, failed=len(outcome.failed), **done)
        sys.stderr.write(line + "\n")
    return EXIT_FINDINGS if outcome.findings else EXIT_OK
