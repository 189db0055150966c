"""Run a command; write its wall time, exit status and peak RSS as JSON to a file.

The benchmark process grows to hundreds of MB, and Linux counts a forked child's memory
before ``exec`` in the child's peak RSS (``ru_maxrss``): a command forked from it would
seem to use what the benchmark uses. So commands are forked from this small process.
Usage: ``launch.py RESULT.json COMMAND [ARG...]`` (standard streams are the command's).
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    result, command = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child becomes the command
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - t0
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    with open(result, "w", encoding="utf-8") as out:
        json.dump(
            {
                "seconds": elapsed,
                "returncode": os.waitstatus_to_exitcode(status),
                "maxrss": usage.ru_maxrss * scale,
            },
            out,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
