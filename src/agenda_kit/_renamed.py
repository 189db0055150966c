"""Public names that were renamed, kept for one release.

A module that renamed a public name keeps the old one out of its ``__all__`` and gives
it through its ``__getattr__``, which calls ``old_name``: the new object, with a
``DeprecationWarning`` that names the new name.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

__all__ = ["old_name"]

# Modules of agenda-kit that still use an old name, and are moved by other work: they
# are not warned (a user cannot act on it). Empty once they import the new names.
_NOT_MOVED_YET: frozenset[str] = frozenset()


def old_name(module: str, name: str, renamed: dict[str, tuple[str, Any]]) -> Any:
    """The object ``module.name`` now stands for; ``renamed`` maps each old name to
    (its new name in ``module``, or a full dotted name elsewhere; the object). Raises
    ``AttributeError`` for any other name."""
    if name not in renamed:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    new, value = renamed[name]
    new = new if "." in new else f"{module}.{new}"
    caller = sys._getframe(2).f_globals.get("__name__", "")
    # ``from module import name`` looks the name up twice: importlib probes it first
    # (hasattr), then the statement takes it; the second names the caller's line.
    if caller not in _NOT_MOVED_YET and caller != "importlib._bootstrap":
        warnings.warn(
            f"{module}.{name} is deprecated and goes in the next release: use {new}",
            DeprecationWarning,
            stacklevel=3,
        )
    return value
