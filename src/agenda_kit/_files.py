"""Writing output files so that nothing is lost when a run fails."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, chunks: Iterable[bytes]) -> int:
    """Write ``chunks`` to ``path`` through a temporary file renamed into place, so an
    existing file survives any failure. Returns the number of bytes written."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    written = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            for chunk in chunks:
                written += out.write(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written
