"""``agenda-kit send DIR --smtp HOST:PORT [--starttls | --ssl] [--from ADDR]``: the
iMIP e-mails that ``invite --eml`` planned in DIR, sent one per recipient, each
recorded as sent before the next goes out (``agenda-kit-sent.json`` beside the state),
so that an interrupted run resumes without sending anything twice.

Credentials come from the environment (``AGENDA_KIT_SMTP_USER``,
``AGENDA_KIT_SMTP_PASSWORD``) or a netrc file, never from the command line. A refused
recipient is reported and the others still go out. Exit codes: 0 everything sent,
1 something is still pending (the next run sends it), 2 the run could not start."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..delivery.mailing import Mail
    from ..diagnostics import Diagnostic

NAME = "send"
HELP = "send the invitation e-mails that `invite --eml` wrote, once each"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="the output folder of `invite --eml`")
    parser.add_argument(
        "--smtp",
        metavar="HOST:PORT",
        required=True,
        help="the SMTP server; no user name or password in it: they come from "
        "AGENDA_KIT_SMTP_USER/AGENDA_KIT_SMTP_PASSWORD or a netrc file",
    )
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true", help="switch to TLS with STARTTLS")
    tls.add_argument("--ssl", action="store_true", help="connect with TLS (port 465)")
    parser.add_argument(
        "--from",
        dest="sender",
        metavar="ADDR",
        help="the envelope sender (where bounces go; default: the e-mail's From address)",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=int,
        default=60,
        help="how long to wait for the server (default 60)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list the e-mails that would be sent; send none"
    )
    parser.add_argument("--lang", choices=("en", "ko"), help="language of everything printed")


def _print(diagnostic: Diagnostic, lang: str) -> None:
    from ..findings import translate
    from ..reporters import TextReporter

    diagnostic = translate(diagnostic, lang)
    sys.stderr.write(TextReporter(lang=lang).line(diagnostic) + "\n")
    if diagnostic.hint:
        sys.stderr.write(f"  = help: {diagnostic.hint}\n")


def _line(mail: Mail, folder: Path, lang: str) -> str:
    from ..findings.delivery import word

    record = mail.record
    return word(
        "send.line",
        lang,
        file=str(folder / mail.file),
        recipient=record.recipient,
        method=record.method,
        uid=record.uid,
        sequence=record.sequence,
    )


def _server(text: str, args: argparse.Namespace) -> tuple[str, int] | None:
    host, colon, port = text.rpartition(":")
    if not colon:
        host, port = text, "465" if args.ssl else "25"
    host = host.strip("[]")
    if not host or not port.isdecimal() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


def run(args: argparse.Namespace) -> int:
    from .._paths import lock_folder
    from ..delivery.secrets import has_userinfo
    from ..diagnostics import Location
    from ..findings import CREDENTIALS_ON_COMMAND_LINE, SEND_NO_STATE, resolve_language
    from ..ical.state import STATE_FILE

    lang = resolve_language(args.lang)
    if has_userinfo(args.smtp):
        where = Location("--smtp", 1, 1, "")
        _print(CREDENTIALS_ON_COMMAND_LINE.at(where, option="--smtp"), lang)
        return EXIT_ERROR
    server = _server(args.smtp, args)
    if server is None or args.timeout < 1:
        sys.stderr.write(f"agenda-kit send: --smtp needs HOST:PORT, not {args.smtp!r}\n")
        return EXIT_ERROR
    if args.sender is not None:
        from ..ical._safety import address_problem

        if address_problem(args.sender) is not None:
            sys.stderr.write(f"agenda-kit send: --from needs an e-mail address: {args.sender!r}\n")
            return EXIT_ERROR
    folder = Path(args.folder)
    state = folder / STATE_FILE
    if not folder.is_dir() or state.is_symlink() or not state.is_file():
        _print(SEND_NO_STATE.at(Location(str(folder), 1, 1, ""), folder=str(folder)), lang)
        return EXIT_ERROR
    lock = lock_folder(folder)
    try:
        return _run(args, folder, server, lang)
    finally:
        os.close(lock)


def _run(args: argparse.Namespace, folder: Path, server: tuple[str, int], lang: str) -> int:
    from ..delivery.mailing import Server, pending, send
    from ..delivery.secrets import NetrcError, login_for
    from ..diagnostics import Location
    from ..findings import DELIVERY_AUTH_FAILED, OUTPUT_UNWRITABLE, SEND_NO_EML
    from ..findings.delivery import word
    from ..ical.state import SENT_FILE, STATE_FILE, InputError, read_sent, read_state

    try:
        baseline = read_state(folder / STATE_FILE)
        sent = read_sent(folder / SENT_FILE, baseline.event or "")
    except InputError as exc:
        _print(exc.diagnostic, lang)
        return EXIT_ERROR
    todo = pending(folder, baseline, sent, args.sender)
    for finding in todo.findings:
        _print(finding, lang)
    if todo.no_eml:
        where = Location(str(folder / STATE_FILE), 1, 1, "")
        _print(SEND_NO_EML.at(where, count=todo.no_eml), lang)
    if args.dry_run:
        for mail in todo.mails:
            print(_line(mail, folder, lang))
        line = word(
            "send.dry-run", lang, folder=folder, pending=len(todo.mails), before=todo.before
        )
        sys.stderr.write(line + "\n")
        return EXIT_FINDINGS if todo.findings else EXIT_OK
    host, port = server
    tls = "ssl" if args.ssl else "starttls" if args.starttls else ""
    try:
        login = login_for("smtp", host)
    except NetrcError as exc:
        where = Location(exc.file, exc.line, 1, "")
        _print(DELIVERY_AUTH_FAILED.at(where, "netrc", server=exc.file), lang)
        return EXIT_ERROR
    target = Server(host, port, tls, args.timeout)
    try:
        result = send(
            folder,
            baseline.event or "",
            todo.mails,
            sent,
            target,
            login,
            said=lambda mail: print(_line(mail, folder, lang), flush=True),
        )
    except OSError as exc:
        path = str(folder / SENT_FILE)
        reason = exc.strerror or str(exc)
        _print(OUTPUT_UNWRITABLE.at(Location(path, 1, 1, ""), path=path, reason=reason), lang)
        return EXIT_ERROR
    for finding in result.findings:
        _print(finding, lang)
    left = len(result.failed) + len(todo.findings)
    line = word(
        "send.summary", lang, folder=folder, sent=len(result.sent), before=todo.before, pending=left
    )
    sys.stderr.write(line + "\n")
    if result.fatal:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.findings or todo.findings else EXIT_OK
