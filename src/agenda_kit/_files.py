"""Writing output files so that nothing is lost when a run fails.

A file is written in full before it gets its name, then renamed over the old one, so a
reader (or a killed run) sees either the old file or the new one, never half of one.

Where the system has ``O_TMPFILE`` (Linux), the data goes to an unnamed file in the
target's folder, which vanishes by itself when the process dies; it is linked under a
temporary name only once complete and renamed at once, so a kill leaves a hidden file
only in that window of two system calls. Elsewhere a named temporary file is used and
removed on any exception. A kill can still leave a ``.NAME.XXXXXXXXXXXX.tmp`` (in the
window between link and rename, or during the whole write without ``O_TMPFILE``), so
the next write of NAME removes such leftovers (``clean_stale``): at once where unnamed
files are used, since a live writer holds its named file only for two system calls;
after an hour elsewhere, since a live writer may still be filling it. Only names of
exactly this form, for the file being written, are ever removed.

The new file keeps the permission bits of the file it replaces; a new file gets
``0666`` less the umask, as any program's output does.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Collection, Iterable
from pathlib import Path

__all__ = ["clean_stale", "write_at", "write_atomic"]

_TMPFILE = getattr(os, "O_TMPFILE", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def write_atomic(path: str | Path, chunks: Iterable[bytes]) -> int:
    """Write ``chunks`` to ``path`` through a temporary file renamed into place, so an
    existing file survives any failure. Returns the number of bytes written."""
    target = Path(path)
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    try:
        clean_stale(folder, [target.name])
        return write_at(folder, target.name, chunks)
    finally:
        os.close(folder)


def _old_mode(folder: int, name: str) -> int | None:
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return stat.S_IMODE(info.st_mode) & 0o777 if stat.S_ISREG(info.st_mode) else None


def _stem(name: str) -> str:
    return name.encode()[:200].decode(errors="ignore")  # room in 255 bytes for the rest


def _temp_name(name: str) -> str:
    return f".{_stem(name)}.{secrets.token_hex(6)}.tmp"


_STALE = re.compile(r"^\.(.+)\.[0-9a-f]{12}\.tmp$", re.DOTALL)


def clean_stale(folder: int, names: Collection[str]) -> None:
    """Remove temporary files a killed run left for the files ``names`` in the open
    folder ``folder`` (see the module's docstring for when)."""
    stems = {_stem(name) for name in names}
    min_age = 0.0 if _TMPFILE and os.path.isdir("/proc/self/fd") else 3600.0
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            match = _STALE.match(entry.name)
            if not match or match[1] not in stems or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime >= min_age:
                    os.unlink(entry.name, dir_fd=folder)


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
