"""File names derived from ids and addresses, and file operations confined to one folder.

Names (``safe_name``): letters and digits of any script and ``. @ + - _`` stay as they
are; every other character becomes ``%XX`` per UTF-8 byte (``%`` itself too), so two
different ids never share a name (``o'brien`` -> ``o%27brien``, ``o_brien`` stays,
``o/brien`` -> ``o%2Fbrien``). A leading dot is escaped too (no hidden files, no
``..``). Addresses are compared in lower case, so their folders are named in lower
case, and two names never differ only in case. A name longer than the limit in UTF-8
bytes keeps a prefix and gets ``~`` and 16 hex digits of the SHA-256 of the full name;
``~`` is always escaped in full names, so a shortened name never equals a full one.

Confinement (``Confined``): every path is relative, its components are checked one by
one, and each folder is opened with ``O_NOFOLLOW``: a symbolic link anywhere below the
root is refused, never followed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._files import clean_stale, write_at

__all__ = [
    "NAME_BYTES",
    "Confined",
    "ConfinedError",
    "check_relative",
    "lock_folder",
    "safe_name",
]

NAME_BYTES = 255  # the longest file name ext4, APFS, NTFS and most others allow
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _kept(ch: str) -> bool:
    return ch.isalnum() or ch in ".@+-_"


def safe_name(text: str, limit: int = NAME_BYTES) -> str:
    """An injective, readable file name for ``text``, at most ``limit`` UTF-8 bytes."""
    out = []
    for index, ch in enumerate(text):
        if _kept(ch) and not (index == 0 and ch == "."):
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
    name = "".join(out)
    if len(name.encode()) <= limit:
        return name
    suffix = "~" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    room = limit - len(suffix)
    prefix = ""
    for piece in out:
        if len((prefix + piece).encode()) > room:
            break
        prefix += piece
    return prefix + suffix


def check_relative(path: str) -> list[str] | None:
    """The components of a relative POSIX path that stays inside its folder; None when
    it is absolute, empty, has ``.``/``..``/empty components, a backslash, a control
    character or a component longer than 255 bytes."""
    if not path or path.startswith("/") or "\\" in path:
        return None
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", "..") or part.startswith("."):
            return None
        if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in part):
            return None
        if len(part.encode("utf-8", "surrogatepass")) > NAME_BYTES:
            return None
    return parts


class ConfinedError(OSError):
    """A path below the root is a symbolic link or not what it must be."""


class Confined:
    """File operations on relative paths below ``root``, never following a link."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _components(self, path: str) -> list[str]:
        parts = check_relative(path)
        if parts is None:
            raise ConfinedError(errno.EINVAL, "not a relative path inside the folder", path)
        return parts

    @contextlib.contextmanager
    def _folder(self, parts: list[str], *, create: bool) -> Iterator[int | None]:
        """The descriptor of the folder ``parts`` below the root (None when it does not
        exist and ``create`` is false)."""
        fd = os.open(self.root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        try:
            for index, part in enumerate(parts):
                try:
                    info = os.stat(part, dir_fd=fd, follow_symlinks=False)
                except FileNotFoundError:
                    if not create:
                        yield None
                        return
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, 0o777, dir_fd=fd)
                    info = os.stat(part, dir_fd=fd, follow_symlinks=False)
                if not stat.S_ISDIR(info.st_mode):
                    where = "/".join(parts[: index + 1])
                    kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a folder"
                    raise ConfinedError(
                        errno.ELOOP if stat.S_ISLNK(info.st_mode) else errno.ENOTDIR,
                        f"{kind}: refusing to write through it",
                        str(self.root / where),
                    )
                flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
                child = os.open(part, flags, dir_fd=fd)
                os.close(fd)
                fd = child
            yield fd
        finally:
            os.close(fd)

    def check(self, path: str) -> None:
        """Raise ``ConfinedError`` when writing ``path`` would go through a link, or
        ``path`` itself is something other than a regular file (or missing)."""
        parts = self._components(path)
        with self._folder(parts[:-1], create=False) as fd:
            if fd is None:
                return
            try:
                info = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                return
            if not stat.S_ISREG(info.st_mode):
                kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
                raise ConfinedError(
                    errno.ELOOP, f"{kind}: refusing to replace it", str(self.root / path)
                )

    def exists(self, path: str) -> bool:
        parts = self._components(path)
        with self._folder(parts[:-1], create=False) as fd:
            if fd is None:
                return False
            try:
                os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                return False
            return True

    def clean(self, paths: Iterable[str]) -> None:
        """Remove the temporary files a killed run left for ``paths`` (only under the
        run's lock: no other run of ours is writing them)."""
        by_folder: dict[tuple[str, ...], list[str]] = {}
        for path in paths:
            parts = self._components(path)
            by_folder.setdefault(tuple(parts[:-1]), []).append(parts[-1])
        for folder, names in by_folder.items():
            with self._folder(list(folder), create=False) as fd:
                if fd is not None:
                    clean_stale(fd, names)

    def write(self, path: str, chunks: Iterable[bytes]) -> int:
        parts = self._components(path)
        self.check(path)
        with self._folder(parts[:-1], create=True) as fd:
            assert fd is not None
            return write_at(fd, parts[-1], chunks)

    def read(self, path: str) -> bytes | None:
        """The bytes of a regular file, or None when there is none."""
        parts = self._components(path)
        with self._folder(parts[:-1], create=False) as fd:
            if fd is None:
                return None
            try:
                file = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except (FileNotFoundError, NotADirectoryError):
                return None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise ConfinedError(
                        errno.ELOOP, "a symbolic link: refusing to read it", str(self.root / path)
                    ) from None
                raise
            with os.fdopen(file, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None
                return handle.read()

    def unlink(self, path: str) -> None:
        """Remove a regular file (a link of that name is refused, a missing file is fine)."""
        parts = self._components(path)
        self.check(path)
        with self._folder(parts[:-1], create=False) as fd:
            if fd is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(parts[-1], dir_fd=fd)


def lock_folder(folder: Path, waiting: Callable[[], None] | None = None) -> int:
    """Hold an exclusive lock on ``folder`` until the returned descriptor is closed (or
    the process ends). A second run into the folder waits for the first, so it reads
    the state the first one wrote: runs serialize, no update is lost.

    The lock is taken on the folder itself (``flock`` works on a directory on Linux and
    the BSDs), so no lock file is left among the outputs."""
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks here
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if waiting is not None:
            waiting()
        fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    return fd
