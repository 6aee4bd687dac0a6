"""Page numbers of a .docx from a LibreOffice layout (`audit --pages`).

A .docx written by a program or converted carries no page marks (docx_pages.py), and
most reports reach a reviewer that way. LibreOffice lays the document out: we convert
it to PDF (in a private temporary folder, with a throw-away profile, under a time limit,
like legacy_office.py), read each page's text, and find the document's paragraphs and
table rows in that text in reading order. A block is given the page where its text is
found after the previous one; a block not found gets a page only when the blocks found
before and after it lie on the same page (it cannot stand anywhere else); otherwise none.

It costs seconds per file (LibreOffice starts for each), so it runs only when asked
(`--pages`). LibreOffice's pages may differ slightly from Word's (fonts, versions): the
page is LibreOffice's, which is what a reviewer printing the file with it sees.
"""

from __future__ import annotations

import subprocess
import tempfile
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from auditor.models import Document, Paragraph, Table
from auditor.normalize import normalize_text

LAYOUT_TIMEOUT_S = 120
_KEY_PARAGRAPH = 24  # characters of a paragraph looked for
_KEY_CELL = 16
# How far after the previous block a text is looked for: a long text is unique enough to
# be found pages later; a short one ("一级指标", "20") only nearby, lest it jump ahead.
_LONG_KEY = 8
_WINDOW_LONG = 30_000
_WINDOW_SHORT = 600


@dataclass
class PageMap:
    """Pages of top-level blocks and of table rows (table index, row)."""

    blocks: dict[int, int] = field(default_factory=dict)
    rows: dict[tuple[int, int], int] = field(default_factory=dict)


def layout_pages(path: str, doc: Document) -> PageMap | None:
    """The pages LibreOffice gives the document's blocks, or None when LibreOffice is
    missing or fails (no page is then given)."""
    from auditor.readers.legacy_office import office_binary

    binary = office_binary()
    if binary is None or doc.format != "docx":
        return None
    with tempfile.TemporaryDirectory(prefix="auditor-pages-") as tmp:
        out_dir = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(Path(path).resolve())]
        try:
            subprocess.run(cmd, capture_output=True, timeout=LAYOUT_TIMEOUT_S, check=False)
        except (subprocess.TimeoutExpired, OSError):
            return None
        pdf = out_dir / f"{Path(path).stem}.pdf"
        if not pdf.is_file():
            return None
        texts = _page_texts(pdf)
    return match_pages(doc, texts) if texts else None


def _page_texts(pdf: Path) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(pdf) as document:
            return [page.extract_text() or "" for page in document.pages]
    except Exception:  # noqa: BLE001 - a layout we cannot read gives no pages, not an error
        return []


def _squash(text: str) -> str:
    return "".join(normalize_text(text).split())


def match_pages(doc: Document, page_texts: list[str]) -> PageMap:
    """Find the blocks of `doc` in the pages' texts, in reading order (see module doc).

    Paragraphs are found first (their text is long and seldom repeated); a table's rows
    are then looked for only between the paragraphs found around the table: a cell's
    text ("自助终端巡检完成率") is often repeated in the prose after it."""
    full = ""
    starts: list[int] = []
    for text in page_texts:
        starts.append(len(full))
        full += _squash(text)
    finder = _Finder(full, starts)
    spans: dict[int, tuple[int, int]] = {}
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            span = finder.span(_squash(block.text)[:_KEY_PARAGRAPH], len(full))
            if span is not None:
                spans[i] = span
    found: list[tuple[tuple[str, int, int], int | None]] = []  # (kind, a, b) -> page
    last_end = 0
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            span = spans.get(i)
            found.append((("block", i, 0), finder.page(span[0]) if span else None))
            if span:
                last_end = span[1]
        elif isinstance(block, Table):
            hi = next((spans[j][0] for j in range(i + 1, len(doc.blocks)) if j in spans), len(full))
            finder.cursor = last_end
            _table_rows(block, finder, found, hi)
    _fill_between(found)
    out = PageMap()
    for (kind, a, b), page in found:
        if page is None:
            continue
        if kind == "block":
            out.blocks[a] = page
        else:
            out.rows[(a, b)] = page
    for i, block in enumerate(doc.blocks):  # a table is on the page of its first row
        if isinstance(block, Table) and (block.index, 0) in out.rows:
            out.blocks[i] = out.rows[(block.index, 0)]
    return out


def _table_rows(
    table: Table, finder: _Finder, found: list[tuple[tuple[str, int, int], int | None]], hi: int
) -> None:
    for r, row in enumerate(table.rows):
        # up to three of the row's texts, longest first, each looked for from the same point:
        # a row split over two pages, or a text repeated further on, gives pages that
        # disagree, and then the row gets none
        keys = [_squash(c.text)[:_KEY_CELL] for c in sorted(row, key=lambda c: c.col)]
        start = finder.cursor
        spans = []
        for key in sorted({k for k in keys if len(k) >= 2}, key=lambda k: (-len(k), k))[:3]:
            finder.cursor = start
            span = finder.span(key, hi)
            if span is not None:
                spans.append(span)
        pages = {finder.page(a) for a, _ in spans}
        finder.cursor = min((b for _, b in spans), default=start)
        found.append((("row", table.index, r), pages.pop() if len(pages) == 1 else None))
        for cell in row:
            for inner in cell.tables:
                _table_rows(inner, finder, found, hi)


class _Finder:
    def __init__(self, full: str, starts: list[int]) -> None:
        self.full = full
        self.starts = starts
        self.cursor = 0

    def span(self, key: str, hi: int) -> tuple[int, int] | None:
        """Where `key` next stands after the cursor (not past `hi`); moves the cursor."""
        if not key:
            return None
        window = _WINDOW_LONG if len(key) >= _LONG_KEY else _WINDOW_SHORT
        pos = self.full.find(key, self.cursor, min(hi, self.cursor + window + len(key)))
        if pos < 0:
            return None
        self.cursor = pos + len(key)
        return pos, self.cursor

    def page(self, pos: int) -> int:
        return bisect_right(self.starts, pos)  # 1-based


def _fill_between(found: list[tuple[tuple[str, int, int], int | None]]) -> None:
    """A block not found lies between the blocks found around it: when both are on one
    page, so is it."""
    last: int | None = None
    gap: list[int] = []
    for i, (_, page) in enumerate(found):
        if page is None:
            gap.append(i)
            continue
        if gap and last is not None and last == page:
            for j in gap:
                found[j] = (found[j][0], page)
        gap, last = [], page
