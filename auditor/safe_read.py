"""Read a side file (config, rule pack, baseline) safely: only a regular file, only up to
a size limit, never blocking.

A FIFO would hang the run, /dev/zero (or a link to it) would fill memory, a 1 GB file would
take twice that as text: all are refused with `SideFileError` (an OSError, so callers'
existing `except OSError` turns it into their own one-line message) before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from auditor.limits import human_bytes


class SideFileError(OSError):
    """The side file is not a regular file or is too large; str() is the reason."""


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The file's bytes. Raises SideFileError (not a regular file, larger than `limit`)
    or the OSError of opening it (FileNotFoundError, PermissionError …)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)  # the file opened, not a name that may have changed since
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe or device"
            raise SideFileError(f"not a regular file ({kind})")
        if st.st_size > limit:
            raise SideFileError(f"file too large ({human_bytes(st.st_size)}, limit {human_bytes(limit)})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while we read
        raise SideFileError(f"file too large (over {human_bytes(limit)})")
    return data


def read_text(path: str | Path, limit: int) -> str:
    """read_bytes decoded as UTF-8 (UnicodeDecodeError on bad bytes)."""
    return read_bytes(path, limit).decode("utf-8")
