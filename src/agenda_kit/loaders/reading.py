"""Reading agenda files: only regular files, bounded in size, in the encodings the
formats allow (UTF-8; for YAML and JSON also UTF-16 or UTF-32 with a byte order mark)."""

from __future__ import annotations

import codecs
import os
import stat
import typing
from pathlib import Path as FsPath

from .errors import LoadError, at, limit_error, unreadable
from .limits import DEFAULT_LIMITS, Limits

__all__ = ["decode", "head_text", "read_bytes", "read_text", "size_error"]


def read_text(path: str | FsPath, *, format: str = "toml", limits: Limits | None = None) -> str:
    """The text of a file: UTF-8 (a BOM is dropped), or, for YAML and JSON, UTF-16 or
    UTF-32 marked with a BOM as their specifications allow. Only regular files are
    read (a FIFO or a device would block or never end). Raises ``LoadError``."""
    name = str(path)
    raw = read_bytes(path, limits or DEFAULT_LIMITS)
    return decode(raw, name, format)


def read_bytes(path: str | FsPath, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limits.max_bytes``."""
    name = str(path)

    def refuse(reason: str) -> LoadError:
        return unreadable("read", at(name), reason=reason)

    try:
        with _open_regular(path) as stream:
            if os.fstat(stream.fileno()).st_size > limits.max_bytes:
                raise size_error(limits, name)
            raw = stream.read(limits.max_bytes + 1)
    except _NotRegular:
        raise refuse("not a regular file (a FIFO, device or socket is not read)") from None
    except OSError as exc:
        raise refuse(exc.strerror or str(exc)) from None
    if len(raw) > limits.max_bytes:  # the file grew while it was read
        raise size_error(limits, name)
    return raw


def head_text(path: str | FsPath, size: int) -> str | None:
    """The first ``size`` bytes of a file as text (for a quick look at what it is), or
    None when it is not a regular file. Raises ``OSError``."""
    try:
        with _open_regular(path) as stream:
            raw = stream.read(size)
    except _NotRegular:
        return None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    return raw.decode("utf-8", errors="replace")


class _NotRegular(Exception):
    pass


def _open_regular(path: str | FsPath) -> typing.BinaryIO:
    """The file at ``path`` opened for binary reading if it is a regular file. Opened
    with O_NONBLOCK, so a FIFO never makes it wait for a writer."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def size_error(limits: Limits, name: str) -> LoadError:
    """AK104: the file (or text) named ``name`` is over ``limits.max_bytes``."""
    return limit_error("size", at(name), limit=limits.max_bytes)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes, name: str, format: str = "toml") -> str:
    """``raw`` as text: UTF-8, or BOM-marked UTF-16/32 for YAML and JSON. Raises
    ``LoadError`` at the line and column of the first byte that is not valid."""
    encoding, skip = "utf-8", 0
    for bom, candidate in _BOMS:
        if raw.startswith(bom):
            if candidate == "utf-8" or format != "toml":
                encoding, skip = candidate, len(bom)
            break
    try:
        return raw[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        start = skip + exc.start
        before = raw[skip:start].decode(encoding)
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        where = at(name, line, column)
        if encoding == "utf-8":
            raise unreadable("utf8", where, byte=f"0x{raw[start]:02x}") from None
        reason = f"not valid {encoding.upper()} (bytes {raw[start : start + 4].hex()})"
        raise unreadable("read", where, reason=reason) from None
