"""Every size and time limit applied to one input file, in one place.

A real evaluation report is 20-300 pages: a few thousand paragraphs, a few thousand table
cells, a few hundred thousand characters. The limits below sit about ten times above
that, and low enough that a file at a limit is still read, extracted and checked in
about 10 s and well under 500 MB (docs/robustness.md has the measurements). A file beyond a
limit is refused with one line naming it and the limit (`InputError` 'over_limit', exit
2); nothing is allocated from a size the file declares before it has been checked here.

Side files (config, rule packs, baselines) have their own cap, see auditor/safe_read.py.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from auditor.errors import InputError

# -- any format ----------------------------------------------------------------------------
MAX_FILE_BYTES = 200 * 1024 * 1024  # on disk; PDFs with scanned images are large
MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024  # .md / .txt: a 1,000-page report is ~3 MB of UTF-8
MAX_DOCX_XML_BYTES = 48 * 1024 * 1024  # word/document.xml inflated (parsed whole, ~5x in memory)
MAX_LINE_CHARS = 1_000_000  # one line of a .md / .txt (a paragraph of 600 pages)
MAX_BLOCKS = 25_000  # paragraphs + tables of one document
MAX_PARAGRAPHS = 80_000  # paragraphs anywhere in a .docx, inside table cells too
MAX_CELLS = 50_000  # table cells of one document (nested tables included)
MAX_COLUMNS = 1_000  # grid columns of one table; a declared gridSpan/gridBefore is clamped to it
MAX_GRID_OFFSET = 100  # a row's w:gridBefore, and a w:gridSpan in a table without w:tblGrid, are clamped to this
MAX_ROW_CELLS = 2_000  # cells of one table row
MAX_CHARS = 3_000_000  # characters of text in one document
MAX_SENTENCE_CHARS = 2_000  # longer "sentences" are cut at a comma (auditor/extract/text.py)

# -- PDF --------------------------------------------------------------------------------------
MAX_PAGES = 1_000
MAX_PAGE_GLYPHS = 60_000  # characters on one page (a dense A4 page at 5 pt holds ~15,000)
MAX_PAGE_PATH_SEGMENTS = 200_000  # drawing operations (path segments) on one page

# -- side files (auditor/safe_read.py) -------------------------------------------------------
MAX_CONFIG_BYTES = 1024 * 1024  # .auditor.toml / pyproject.toml / --config
MAX_PACK_BYTES = 1024 * 1024  # one rule pack (the shipped ones are ~40 KB)
MAX_BASELINE_BYTES = 64 * 1024 * 1024  # ~200,000 accepted findings

# -- time ---------------------------------------------------------------------------------------
# Backstops for slowness the size limits do not foresee (a loaded machine, a pathological
# layout); the size limits above are set so that a file at them takes under 10 s.
FILE_SECONDS = 30.0  # reading + extraction of one file; checked between pages and extractors
RULE_SECONDS = 5.0  # one rule over one file, all items together
RULES_SECONDS = 20.0  # all rules over one file; a rule past either stops, its items not checkable


# what a limit counts, in the two message languages
WHAT: dict[str, tuple[str, str]] = {
    "text_bytes": ("文本文件大小", "text file size"),
    "xml_bytes": ("正文 XML 大小（解压后）", "document XML size (inflated)"),
    "line": ("单行字符数", "characters in one line"),
    "blocks": ("段落和表格数", "paragraphs and tables"),
    "cells": ("表格单元格数", "table cells"),
    "paragraphs": ("段落数（含表格内）", "paragraphs (table cells included)"),
    "row_cells": ("一行的单元格数", "cells in one table row"),
    "columns": ("表格列数", "table columns"),
    "chars": ("文字字符数", "characters of text"),
    "pages": ("页数", "pages"),
    "page_glyphs": ("单页字符数", "characters on one page"),
    "page_paths": ("单页绘图操作数", "drawing operations on one page"),
    "seconds": ("处理时间（秒）", "processing time (s)"),
}


class Exceeded(Exception):
    """Raised by reading code that does not know the file's path; readers.read_document
    turns it into `over(path, ...)`."""

    def __init__(self, what: str, found: int | str, limit: int | str, page: int | None = None) -> None:
        super().__init__(f"{what}: {found} > {limit}")
        self.what, self.found, self.limit, self.page = what, found, limit, page

    def error(self, path: str) -> InputError:
        return over(path, self.what, self.found, self.limit, self.page)


_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("auditor_file_deadline", default=None)


def start_clock(seconds: float | None = None) -> None:
    """Start the time budget of one file (audit_path does, before reading)."""
    now = time.monotonic()
    _DEADLINE.set((now, now + (FILE_SECONDS if seconds is None else seconds)))


def stop_clock() -> None:
    _DEADLINE.set(None)


def check_clock() -> None:
    """Raise Exceeded('seconds') once the current file's budget is spent. Called between
    pages, extractors and other steps of bounded size, so a slow file stops within one step."""
    clock = _DEADLINE.get()
    if clock is not None and time.monotonic() > clock[1]:
        raise Exceeded("seconds", round(time.monotonic() - clock[0]), round(clock[1] - clock[0]))


def check(what: str, found: int, limit: int, page: int | None = None) -> None:
    if found > limit:
        raise Exceeded(what, found, limit, page)


def over(path: str, what: str, found: int | str, limit: int | str, page: int | None = None) -> InputError:
    """The error for a file beyond a limit: '<path>: 超出处理上限：<what> <found>（上限 <limit>）'."""
    zh, en = WHAT[what]
    if page is not None:
        zh, en = f"第 {page} 页{zh}", f"{en} (page {page})"
    return InputError(path, "over_limit", what_zh=zh, what_en=en, found=_n(found), limit=_n(limit))


def _n(value: int | str) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def human_bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def clamp_span(value: int | None, default: int) -> int:
    """A grid span or offset the file declares, as a count we may loop over: a missing,
    non-integer or negative value is `default`, a huge one is cut to MAX_COLUMNS."""
    if value is None or value < 0:
        return default
    return min(value, MAX_COLUMNS)
