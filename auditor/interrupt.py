"""Ctrl-C that is never lost. Python raises KeyboardInterrupt wherever the main thread is;
raised inside a __del__ (a library's finalizer) it is printed as "Exception ignored" and
dropped, and the run would go on to write its report. The handler also sets a flag that
the run checks between files and before writing, and such dropped interrupts are not
printed."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from types import FrameType

_flag = {"set": False}


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _flag["set"] = True
    raise KeyboardInterrupt


def raise_if_interrupted() -> None:
    if _flag["set"]:
        raise KeyboardInterrupt


@contextlib.contextmanager
def interrupts_kept() -> Iterator[None]:
    """Within the block Ctrl-C sets the flag as well as raising; the previous handlers
    come back afterwards (tests run the CLI in-process)."""
    _flag["set"] = False
    previous_hook = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            return  # dropped by a finalizer: the flag carries it
        previous_hook(unraisable)

    try:
        previous = signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous_hook
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
