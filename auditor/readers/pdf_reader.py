"""Read a PDF into a `Document`: paragraphs and ruled tables in reading order.

How it works, page by page (each page is closed before the next is opened, so memory
does not grow with the page count):
1. pdfium gives every character with its box and font size (one ctypes call per value,
   no per-character dicts as in pdfminer).
2. Ruling segments come from pdfium's path objects. Pages without paths skip table
   finding; on the others pdfplumber's lattice `TableFinder` turns the edges into cells
   (see pdf_tables.py), a ruled box holding text is a one-cell table (the outline of a
   shaded area or a page frame is not), a lattice where two tables with different
   columns touch is cut in two, characters are dealt to cells, and split rows are
   repaired.
3. Characters outside tables form lines (clustered by height, sorted by x). A gap
   becomes a space; between Chinese and a figure only a gap wider than Word's and
   LibreOffice's Asian/Latin autospace does, or a space glyph the PDF draws.
Then, over the whole document:
4. Running headers/footers (same text, digits aside, at the same height on most pages)
   and bare page numbers in the top/bottom margin are dropped.
5. Lines become paragraphs: a paragraph ends at a line that stops short of the right
   margin (by more than the next line's first unbreakable piece, "〔2019〕10" or
   "为“良”。", needs), before an indented line or a numbered item, at a gap larger than the usual
   line pitch, at a change of font size, or at a table. A paragraph that fills the last
   line of a page goes on with an unindented first line on the next page.
   Lines are joined without a space between Chinese characters.
6. Lines clearly larger than the body text are headings; the largest size is level 1.
7. A table that ends a page and a table with the same columns that starts the next page
   are one table; a header row repeated on the new page is dropped, a row broken by the
   page is folded back, and `Table.continued_from_pages` lists all its pages. A header
   repeated inside a table, between the two halves of a broken row, goes too.
8. The shared `postprocess` step (captions etc.) runs last, as for every format.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor import limits
from auditor.errors import InputError
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.notes import Note, note
from auditor.readers.pdf_tables import (
    Box,
    Char,
    PageFrame,
    RawTable,
    TextLine,
    build_table,
    drop_repeated_headers,
    find_table_cells,
    is_cjk,
    join_continued,
    lead_em,
    lone_boxes,
    merge_continuation_rows,
    page_edges,
    same_columns,
    split_stacked,
    table_bboxes_contain,
)
from auditor.readers.postprocess import postprocess

MAX_PAGES = limits.MAX_PAGES
HEADING_RATIO = 1.15  # a line this much larger than body text is a heading
MARGIN_BAND = 0.08  # top/bottom share of the page where headers, footers, page numbers live

_PAGE_NUMBER = re.compile(
    r"^[-—–~·\s]*(第\s*)?(\d{1,4}|[ivxlcIVXLC]{1,7})(\s*页)?"
    r"(\s*[/／]\s*\d{1,4}|\s*[，,]?\s*共\s*\d{1,4}\s*页)?[-—–~·\s]*$"
)
# A line that starts a numbered item or a section: 一、 （一） (1) 1. 1、 ① 第一章 …
_ITEM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:[、．]|\.(?!\d))"
    r"|[①-⑳]|第[一二三四五六七八九十\d]+[章节部分条])"
)
_DIGITS = re.compile(r"\d+")


# --- lines ------------------------------------------------------------------------------


def make_lines(chars: list[Char]) -> list[TextLine]:
    """Cluster characters into lines by vertical centre; each line sorted by x.
    A gap wider than a space between two characters becomes a space."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: c.cy)
    clusters: list[list[Char]] = [[ordered[0]]]
    ref = ordered[0].cy
    for ch in ordered[1:]:
        if abs(ch.cy - ref) <= 0.35 * max(ch.size, clusters[-1][0].size):
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
            ref = ch.cy
    lines = (_line(sorted(cl, key=lambda c: c.x0)) for cl in clusters)
    return [ln for ln in lines if ln is not None]  # a cluster of space glyphs is no line


def _space_gap(a: Char, b: Char, glyph: bool) -> float:
    """The gap (in ems) between two characters of a line above which a space stands.
    Chinese characters sit edge to edge, a typed space between them is 0.3 em or more
    (neighbouring table cells are further apart still, and their texts are read
    separately anyway). Between Chinese and a Latin letter or figure, Word and
    LibreOffice add space of their own where the text has none ("Asian/Latin
    autospace", about 0.2 em); a typed space there is wider (0.3 em and more). A space
    glyph drawn by the PDF (`glyph`) settles it."""
    if glyph:
        return 0.1
    cjk_a, cjk_b = is_cjk(a.text), is_cjk(b.text)
    if cjk_a or cjk_b:
        return 0.28 if cjk_a and cjk_b else 0.27
    return 0.2


def _line(chars: list[Char]) -> TextLine | None:
    parts: list[str] = []
    kept: list[Char] = []
    prev: Char | None = None
    glyph = False  # a space glyph stands between prev and ch
    for ch in chars:
        if ch.text == " ":
            glyph = prev is not None
            continue
        if prev is not None:
            if ch.text == prev.text and abs(ch.x0 - prev.x0) < 0.3 * ch.size:
                continue  # drawn twice for a fake-bold effect
            gap = ch.x0 - prev.x1
            if gap > _space_gap(prev, ch, glyph) * max(ch.size, prev.size):
                parts.append(" ")
        parts.append(ch.text)
        kept.append(ch)
        prev = ch
        glyph = False
    if not kept:
        return None
    sizes = Counter(round(c.size * 2) / 2 for c in kept)
    return TextLine(
        n_chars=len(kept),
        text="".join(parts),
        x0=min(c.x0 for c in kept),
        top=min(c.top for c in kept),
        x1=max(c.x1 for c in kept),
        bottom=max(c.bottom for c in kept),
        size=sizes.most_common(1)[0][0],
    )


def join_lines(lines: list[TextLine]) -> str:
    """Join wrapped lines: nothing between Chinese characters (or a number and Chinese),
    a space between Latin words, a newline before a numbered item."""
    out = ""
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if out:
            a, b = out[-1], text[0]
            if _ITEM_START.match(text):
                out += "\n"
            elif is_cjk(a) or is_cjk(b) or (a.isdigit() or a in ",.-/") and b.isdigit():
                pass
            elif a == "-" and b.isalpha():
                out = out[:-1]  # a word hyphenated at the line end
            else:
                out += " "
        out += text
    return out


# --- one page ---------------------------------------------------------------------------


@dataclass
class PageData:
    number: int  # 1-based
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    n_chars: int = 0
    note: Note | None = None

    def items(self) -> list[TextLine | RawTable]:
        """Lines and tables top to bottom."""
        return sorted([*self.lines, *self.tables], key=lambda it: it.top)


def _page_chars(textpage: object, frame: PageFrame) -> list[Char]:
    c = pdfium_c
    n = c.FPDFText_CountChars(textpage)
    if n <= 0:
        return []
    limits.check("page_glyphs", n, limits.MAX_PAGE_GLYPHS)
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # surrogate pairs: fall back to one call per character
        text = "".join(chr(c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(n))
    rect = c.FS_RECTF()
    get_box, get_size = c.FPDFText_GetLooseCharBox, c.FPDFText_GetFontSize
    generated = c.FPDFText_IsGenerated
    box = frame.box
    chars: list[Char] = []
    for i, ch in enumerate(text):
        # Spaces come back from gaps: pdfium generates \r\n and spaces of its own. A
        # space glyph the PDF itself draws is kept as a marker (see `_line`), placed by
        # its box, as the text stream need not run in reading order.
        if (ch.isspace() or ch == "\x00") and (ch != " " or generated(textpage, i) != 0):
            continue
        if ch == "\ufffe":
            # pdfium's mark for a hyphen ending a line ("2023年10月1日-" / "2024年"): a
            # hyphen; join_lines drops it only inside a Latin word broken at the line end
            ch = "-"
        if not get_box(textpage, i, rect):
            continue
        x0, top, x1, bottom = box(rect.left, rect.bottom, rect.right, rect.top)
        chars.append(Char(ch, x0, top, x1, bottom, get_size(textpage, i) or (bottom - top)))
    return chars


def _frame(page: pdfium.PdfPage) -> PageFrame:
    rect = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page.raw, rect):
        return PageFrame(rect.left, rect.bottom, rect.right, rect.top, page.get_rotation())
    w, h = page.get_size()
    return PageFrame(0.0, 0.0, w, h, 0)


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageData:
    try:
        return _read_page(pdf, index)
    except limits.Exceeded as exc:
        exc.page = index + 1
        raise


def _read_page(pdf: pdfium.PdfDocument, index: int) -> PageData:
    page = pdf[index]
    try:
        frame = _frame(page)
        data = PageData(index + 1, frame.width, frame.height)
        textpage = page.get_textpage()
        try:
            chars = _page_chars(textpage.raw, frame)
        finally:
            textpage.close()
        data.n_chars = sum(ch.text != " " for ch in chars)
        areas: list[Box] = []
        edges = page_edges(page.raw, frame, areas)
    finally:
        page.close()
    if edges and chars:
        try:
            boxes: list[Box] = []
            found = find_table_cells(edges, frame, boxes)
            found += [[box] for box in lone_boxes(boxes, found, areas, chars, frame)]
            for cells in sorted(
                (part for t in found for part in split_stacked(t)), key=lambda t: min(c[1] for c in t)
            ):
                table = build_table(cells, chars, data.number, make_lines, join_lines)
                merge_continuation_rows(table, join_lines)
                data.tables.append(table)
        except Exception as exc:  # noqa: BLE001 - odd drawings must not cost the page's text
            data.tables = []
            data.note = note("tables_not_detected", page=data.number, reason=type(exc).__name__)
    if data.tables:
        boxes = [t.bbox for t in data.tables]
        chars = [ch for ch in chars if not table_bboxes_contain(boxes, ch)]
    data.lines = make_lines(chars)
    return data


# --- the whole document -----------------------------------------------------------------


def _open(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(path, "encrypted") from None
        detail = {
            pdfium_c.FPDF_ERR_FORMAT: "not a readable PDF structure (truncated or damaged)",
            pdfium_c.FPDF_ERR_FILE: "cannot open the file",
            pdfium_c.FPDF_ERR_PAGE: "page tree is damaged",
        }.get(code, str(exc))
        raise InputError(path, "corrupt", detail=detail) from None


def read_pdf(path: str) -> Document:
    """Read a PDF. Raises InputError: 'encrypted', 'no_text' (scanned or empty pages),
    'corrupt', 'too_many_pages'."""
    path = str(path)
    pdf = _open(path)
    notes: list[Note] = []
    pages: list[PageData] = []
    try:
        n = len(pdf)
        if n == 0:
            raise InputError(path, "corrupt", detail="the PDF has no pages")
        if n > MAX_PAGES:
            raise InputError(path, "too_many_pages", pages=n, limit=MAX_PAGES)
        chars = 0
        for i in range(n):
            limits.check_clock()
            try:
                pages.append(read_page(pdf, i))
                chars += pages[-1].n_chars
                limits.check("chars", chars, limits.MAX_CHARS)  # before the pages' lines pile up
            except pdfium.PdfiumError:
                notes.append(note("page_unloadable", page=i + 1))
    finally:
        pdf.close()
    if not pages:
        raise InputError(path, "corrupt", detail="no page can be loaded")
    if not any(p.n_chars for p in pages):
        raise InputError(path, "no_text")
    notes.extend(p.note for p in pages if p.note)
    silent = [p.number for p in pages if not p.n_chars]
    if silent:
        notes.append(note("no_text_layer", pages=_ranges(silent)))
    _drop_running_lines(pages)
    # Shared with the other readers: captions, continued tables joined by content.
    return postprocess(_assemble(path, pages, notes, n))


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _drop_running_lines(pages: list[PageData]) -> None:
    """Remove page numbers and running headers/footers from the margin bands."""

    def band(p: PageData, ln: TextLine) -> str | None:
        if ln.bottom <= p.height * MARGIN_BAND * 1.25 and ln.top < p.height * MARGIN_BAND:
            return "top"
        if ln.top >= p.height * (1 - MARGIN_BAND * 1.25) and ln.bottom > p.height * (1 - MARGIN_BAND):
            return "bottom"
        return None

    def key(p: PageData, ln: TextLine, b: str) -> tuple[str, int, str]:
        return b, round(ln.top / 4), _DIGITS.sub("#", ln.text.replace(" ", ""))

    counts: Counter[tuple[str, int, str]] = Counter()
    for p in pages:
        counts.update({key(p, ln, b) for ln in p.lines if (b := band(p, ln))})
    need = max(2, (len(pages) + 1) // 2)
    for p in pages:
        keep = []
        for ln in p.lines:
            b = band(p, ln)
            if b and (_PAGE_NUMBER.match(ln.text) or (len(pages) > 1 and counts[key(p, ln, b)] >= need)):
                continue
            keep.append(ln)
        p.lines = keep


@dataclass
class _Layout:
    """Document-wide text geometry used to split lines into paragraphs."""

    body: float
    left: dict[int, float]  # by rounded page width
    right: dict[int, float]
    pitch: float
    heading_sizes: list[float]

    def level(self, size: float) -> int | None:
        if size < self.body * HEADING_RATIO:
            return None
        for i, s in enumerate(self.heading_sizes):
            if size >= s - 0.25:
                return i + 1
        return len(self.heading_sizes)


def _layout(pages: list[PageData]) -> _Layout:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[ln.size] += ln.n_chars
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    lefts: dict[int, list[float]] = {}
    rights: dict[int, list[float]] = {}
    pitches: list[float] = []
    for p in pages:
        w = round(p.width)
        prev: TextLine | None = None
        for ln in p.lines:
            if abs(ln.size - body) > 0.6:
                prev = None
                continue
            lefts.setdefault(w, []).append(ln.x0)
            rights.setdefault(w, []).append(ln.x1)
            if prev is not None and 0 < ln.bottom - prev.bottom < 3 * body:
                pitches.append(ln.bottom - prev.bottom)
            prev = ln
    left = {w: _pct(v, 0.1) for w, v in lefts.items()}
    right: dict[int, float] = {}
    for w, v in rights.items():
        r = _pct(v, 0.9)
        # Without wrapped paragraphs the 90th percentile is just a long short line;
        # then assume the right margin mirrors the left one.
        right[w] = r if r >= w - left[w] - 4 * body else w - left[w]
    heading_sizes = sorted({s for s in sizes if s >= body * HEADING_RATIO}, reverse=True)
    pitch = median(pitches) if pitches else 1.5 * body
    return _Layout(body, left, right, pitch, heading_sizes)


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def _continues(lay: _Layout, a: TextLine, b: TextLine, a_width: float, same_page: bool) -> bool:
    """Does line `b` carry on the paragraph whose last line is `a`?"""
    if abs(a.size - b.size) > 0.6:
        return False
    w = round(a_width)
    left = lay.left.get(w, a.x0)
    right = lay.right.get(w, a.x1)
    size = max(a.size, b.size)
    if a.x1 < right - max(3.0, lead_em(b.text) + 0.5) * size:
        # `a` stops short of the margin by more than `b`'s first unbreakable piece
        # needs: it ends its paragraph. At least three characters of slack, because
        # line-breaking rules (no 。，） at a line start, no “（ at an end, numbers kept
        # whole) often wrap a line two characters early, and more when the piece that
        # did not fit is longer ("为“良”。", "〔2019〕10号").
        return False
    if b.x0 > left + 0.9 * size or _ITEM_START.match(b.text):
        return False  # indented first line, or a numbered item
    pitch = lay.pitch if lay.level(a.size) is None else 1.5 * a.size
    return not (same_page and b.bottom - a.bottom > 1.45 * max(pitch, a.size))


def _assemble(path: str, pages: list[PageData], notes: list[Note], n_pages: int) -> Document:
    lay = _layout(pages)
    doc = Document(path=path, format="pdf", pages=n_pages, notes=notes)
    # 1. a flat stream of page items, tables continued across a page break joined
    stream: list[tuple[int, float, TextLine | RawTable]] = []
    for p in pages:
        items = p.items()
        for k, item in enumerate(items):
            if isinstance(item, RawTable) and k == 0 and stream:
                last = stream[-1][2]
                if isinstance(last, RawTable) and last.pages[-1] == p.number - 1 and same_columns(last, item):
                    join_continued(last, item, join_lines)
                    continue
            stream.append((p.number, p.width, item))
    for _, _, item in stream:
        if isinstance(item, RawTable):
            drop_repeated_headers(item, join_lines)
    # 2. paragraphs and tables
    para: list[TextLine] = []
    para_page = 0
    n_par = n_tab = 0
    prev: tuple[int, float, TextLine] | None = None

    def flush() -> None:
        nonlocal para, n_par
        if para:
            text = normalize_text(join_lines(para))
            if text:
                idx = len(doc.blocks)
                doc.blocks.append(
                    Paragraph(
                        text=text,
                        heading_level=lay.level(para[0].size),
                        location=Location(file=path, block=idx, page=para_page, paragraph=n_par),
                    )
                )
                n_par += 1
        para = []

    for page_no, width, item in stream:
        if isinstance(item, RawTable):
            flush()
            prev = None
            doc.blocks.append(_table(path, item, len(doc.blocks), n_tab))
            n_tab += 1
            continue
        if para and prev is not None:
            p_page, p_width, p_line = prev
            same = p_page == page_no
            if not (same or page_no == p_page + 1) or not _continues(lay, p_line, item, p_width, same):
                flush()
        if not para:
            para_page = page_no
        para.append(item)
        prev = (page_no, width, item)
    flush()
    return doc


def _table(path: str, raw: RawTable, block: int, index: int) -> Table:
    rows: list[list[Cell]] = []
    for r, raw_row in enumerate(raw.rows):
        row: list[Cell] = []
        for rc in raw_row:
            row.append(
                Cell(
                    text=normalize_text(rc.text),
                    row=r,
                    col=rc.col,
                    row_span=rc.row_span,
                    col_span=rc.col_span,
                    location=Location(file=path, block=block, page=rc.page, table=index, row=r, col=rc.col),
                )
            )
        rows.append(row)
    return Table(
        index=index,
        rows=rows,
        n_cols=raw.n_cols,
        location=Location(file=path, block=block, page=raw.page, table=index),
        # every page the table stands on, its first included (tests/test_cross_format.py
        # relies on it); postprocess's content-based join lists only the later pages
        continued_from_pages=list(raw.pages) if len(raw.pages) > 1 else [],
    )
