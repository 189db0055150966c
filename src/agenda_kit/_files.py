"""Writing output files so that nothing is lost when a run fails.

A file is written in full before it gets its name, then renamed over the old one, so a
reader (or a killed run) sees either the old file or the new one, never half of one.

Where the system has ``O_TMPFILE`` (Linux), the data goes to an unnamed file in the
target's folder, which vanishes by itself when the process dies; it is linked under a
temporary name only once complete and renamed at once, so a kill leaves a hidden file
only in that window of two system calls. Elsewhere a named temporary file is used and
removed on any exception (a SIGKILL can still leave one: we choose not to delete
``.*.tmp`` files on later runs, because another process may be writing one right now).

The new file keeps the permission bits of the file it replaces; a new file gets
``0666`` less the umask, as any program's output does.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_at", "write_atomic"]

_TMPFILE = getattr(os, "O_TMPFILE", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def write_atomic(path: str | Path, chunks: Iterable[bytes]) -> int:
    """Write ``chunks`` to ``path`` through a temporary file renamed into place, so an
    existing file survives any failure. Returns the number of bytes written."""
    target = Path(path)
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    try:
        return write_at(folder, target.name, chunks)
    finally:
        os.close(folder)


def _old_mode(folder: int, name: str) -> int | None:
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return stat.S_IMODE(info.st_mode) & 0o777 if stat.S_ISREG(info.st_mode) else None


def _temp_name(name: str) -> str:
    stem = name.encode()[:200].decode(errors="ignore")  # room in 255 bytes for the rest
    return f".{stem}.{secrets.token_hex(6)}.tmp"


def _open_unnamed(folder: int) -> int | None:
    if not _TMPFILE or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(".", _TMPFILE | os.O_WRONLY | _CLOEXEC, 0o666, dir_fd=folder)
    except OSError:  # a file system without O_TMPFILE: EOPNOTSUPP, EISDIR on old kernels
        return None


def write_at(folder: int, name: str, chunks: Iterable[bytes]) -> int:
    """Write ``chunks`` to ``name`` in the open folder ``folder`` (a descriptor), atomically.

    ``name`` is one path component. A symbolic link of that name is replaced, never
    followed. Returns the number of bytes written.
    """
    if not name or "/" in name or name in (".", ".."):
        raise ValueError(f"not a file name: {name!r}")
    mode = _old_mode(folder, name)
    fd = _open_unnamed(folder)
    unnamed = fd is not None
    tmp = _temp_name(name)
    if fd is None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        fd = os.open(tmp, flags, 0o666, dir_fd=folder)
    linked = not unnamed
    written = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20, closefd=False) as out:
            for chunk in chunks:
                written += out.write(chunk)
        if mode is not None:
            os.fchmod(fd, mode)
        if unnamed:
            os.link(f"/proc/self/fd/{fd}", tmp, dst_dir_fd=folder, follow_symlinks=True)
            linked = True
        os.rename(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        linked = False
    except BaseException:
        if linked:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)
        raise
    finally:
        os.close(fd)
    return written
