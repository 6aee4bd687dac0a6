"""Where a run writes (-o, --write-baseline, --annotate): checked before any input is
read, written to a temporary file in the target's folder and renamed over the target at
the end, so an input is never overwritten and an interrupted or failed write (full disk)
leaves the previous file whole."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import PathProblem
from auditor.i18n import t

# Formats the tool reads as reports: a report written under one of these names would be
# taken for (or replace) a document. Markdown and text are refused only when they are inputs.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".xlsx", ".xls", ".et")


class OutputError(PathProblem):
    PREFIX = {"zh": "无法写出", "en": "cannot write"}


@dataclass(frozen=True)
class Target:
    """One file the run will write. `option` names it in messages; `allowed` lists the
    document suffixes this output legitimately has (an Excel report is a .xlsx);
    `required` is the one suffix it must have (the annotated copy is a .docx); `replaces`
    names read files it may rewrite (--write-baseline refreshes --baseline)."""

    path: str
    option: str
    allowed: tuple[str, ...] = ()
    required: str | None = None
    replaces: tuple[str, ...] = ()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return Path(os.path.abspath(path))


def _same(a: str, b: str) -> bool:
    ia, ib = _identity(a), _identity(b)
    if ia is not None and ia == ib:
        return True
    return _resolved(a) == _resolved(b)


def check_targets(
    targets: Iterable[Target], inputs: Iterable[str], protected: Iterable[tuple[str, str]], lang: str
) -> None:
    """Raise OutputError when a target is an input file (by resolved path or file identity,
    so './', links and hard links do not slip through), another target, a file the run reads
    (`protected`: (option, path) pairs, e.g. the baseline), a folder, in a missing folder, or has
    a document suffix it should not have."""
    targets = list(targets)
    inputs = list(inputs)
    protected = list(protected)
    by_identity: dict[tuple[int, int], str] = {}
    by_path: set[Path] = set()
    for p in inputs:
        ident = _identity(p)
        if ident is not None:
            by_identity[ident] = p
        by_path.add(_resolved(p))
    for i, target in enumerate(targets):
        path = target.path
        suffix = Path(path).suffix.lower()
        if os.path.isdir(path):
            raise OutputError(path, t("run.output_folder", lang))
        parent = Path(path).parent
        if not parent.is_dir():
            raise OutputError(path, t("run.output_no_folder", lang))
        ident = _identity(path)
        if (ident is not None and ident in by_identity) or _resolved(path) in by_path:
            raise OutputError(path, t("run.output_is_input", lang))
        for other in targets[:i]:
            if _same(path, other.path):
                raise OutputError(path, t("run.output_clash", lang, other=other.option))
        if target.required and suffix != target.required:
            raise OutputError(path, t("run.annotate_suffix", lang))
        if suffix in DOCUMENT_SUFFIXES and suffix not in target.allowed:
            raise OutputError(path, t("run.output_document", lang, ext=suffix))
        for option, other_path in protected:
            if option not in target.replaces and _same(path, other_path):
                raise OutputError(path, t("run.output_clash", lang, other=option))


def check_copy_folder(folder: str, inputs: Iterable[str], lang: str) -> None:
    """--annotate FOLDER writes a copy per report under FOLDER by the reports' relative
    names: refused when FOLDER is a file or holds an input (a copy would land on it)."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise OutputError(folder, t("run.copy_folder_file", lang))
    top = _resolved(folder)
    for p in inputs:
        if _resolved(p).is_relative_to(top):
            raise OutputError(folder, t("run.copy_folder_inputs", lang, path=p))


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def replace_into(path: str, write: Callable[[str], None], lang: str) -> None:
    """Call `write(tmp)` on a temporary file next to `path`, then rename it over `path`.
    A target that exists but is not a regular file (a FIFO, /dev/null) is written in place:
    renaming over it would replace the device. Raises OutputError on OSError; the
    temporary file never outlives the call."""
    target = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            write(path)
            return
        # hidden (folder runs skip it) and ending in the target's suffix (writers check it)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".part{target.suffix}", dir=target.parent)
        os.close(fd)
        try:
            write(tmp)
            os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(path, t("run.output_failed", lang, detail=exc.strerror or type(exc).__name__)) from None


def write_output(path: str, data: str | bytes, lang: str) -> None:
    """Write a whole report (text as UTF-8) through replace_into."""
    # a file name that is not valid UTF-8 reaches here as lone surrogates: written as \udcxx
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data

    def _write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            with contextlib.suppress(OSError):  # /dev/null and pipes cannot sync
                os.fsync(fh.fileno())

    replace_into(path, _write, lang)
