"""Read a .md / .txt file into a `Document`.

Decoding: UTF-8 (BOM or not), UTF-16 when a BOM says so, else GB18030 (a superset of
GBK). NUL bytes or many control characters mean binary garbage ('corrupt').

Blocks, in source order: every non-blank prose line is a paragraph; `#` lines are
headings; tables come in four layouts:
  a) Markdown pipe tables (the |---| separator row is optional and dropped);
  b) TAB-separated rows: consecutive lines holding TABs, one row per line;
  c) "cell per line": a line starting with its only TAB starts a cell, following lines
     continue it, a blank line followed by such a line starts a new row (see
     `_read_cell_lines` for where such a table ends);
  d) HTML <table> markup (spans, <th>, <br>, nested tables).
Lines are split on TABs before normalize_text (which maps TAB to a space). Joining
tables split by blank lines and attaching captions is left to readers.postprocess.
"""

from __future__ import annotations

import re
from typing import Literal

from auditor.errors import InputError
from auditor.models import Block, Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.readers.html_table import RawTable, parse_html_tables
from auditor.readers.postprocess import postprocess

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_INLINE_NOISE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])"), r"\1"),
]
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计)")
_FIGURE = re.compile(r"^[-+]?[\d０-９][\d０-９,.，．]*\s*[%％]?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# HTML line markup some converters leave inside pipe-table cells
_CELL_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_CELL_TAG = re.compile(r"</?p>", re.IGNORECASE)
_HTML_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_HTML_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)

# Layout (c): how far a blank-line-separated continuation of a cell may run.
_CONT_MAX_LINES = 3  # non-blank lines before the next cell line
_CONT_MAX_CHARS = 20  # each of them short: a wrapped label such as "决策" or "(10分)"
_CONT_LOOKAHEAD = 8  # source lines until the next cell line


def read_text(path: str, fmt: Literal["md", "txt"]) -> Document:
    """Read a .md or .txt file. Raises InputError 'corrupt' or 'decode'."""
    path = str(path)
    with open(path, "rb") as fh:
        raw = fh.read()
    text = decode(path, raw)
    doc = _Reader(path, fmt, text.split("\n")).read()
    return postprocess(doc)


def decode(path: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        text = _try(raw[3:], "utf-8")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(raw, "utf-16")
    else:
        if b"\x00" in raw:
            raise InputError(path, "corrupt", detail="binary content (NUL bytes)")
        text = _try(raw, "utf-8")
        if text is None:
            text = _try(raw, "gb18030")
    if text is None:
        raise InputError(path, "decode")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise InputError(path, "corrupt", detail="binary content (control characters)")
    return text


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _clean(text: str) -> str:
    for pattern, repl in _INLINE_NOISE:
        if "*" in text or "_" in text or "`" in text:
            text = pattern.sub(repl, text)
    return normalize_text(text)


def _is_cell_line(line: str) -> bool:
    """Layout (c): the line starts with its only TAB."""
    return line.startswith("\t") and line.count("\t") == 1


def _is_pipe_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


class _Reader:
    def __init__(self, path: str, fmt: str, lines: list[str]) -> None:
        self.path = path
        self.fmt = fmt
        self.lines = lines
        self.blocks: list[Block] = []
        self.n_paragraphs = 0
        self.n_tables = 0
        self.notes: list[str] = []

    def read(self) -> Document:
        lines = self.lines
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                i += 1
            elif _HTML_TABLE_OPEN.search(line):
                i = self._read_html(i)
            elif "\t" in line:
                i = self._read_cell_lines(i) if _is_cell_line(line) else self._read_tab_rows(i)
            elif _is_pipe_line(line):
                i = self._read_pipe(i)
            else:
                self._paragraph(i, line)
                i += 1
        return Document(path=self.path, format=self.fmt, blocks=self.blocks, notes=self.notes)  # type: ignore[arg-type]

    # -- paragraphs -------------------------------------------------------------
    def _paragraph(self, i: int, line: str) -> None:
        level = None
        m = _HEADING.match(line)
        if m and (self.fmt == "md" or m.group(2)):
            level, line = len(m.group(1)), m.group(2)
        text = _clean(line)
        if not text:
            return
        self.blocks.append(
            Paragraph(
                text=text,
                heading_level=level,
                location=Location(
                    file=self.path, block=len(self.blocks), line=i + 1, paragraph=self.n_paragraphs
                ),
            )
        )
        self.n_paragraphs += 1

    # -- tables -----------------------------------------------------------------
    def _table(self, rows: list[tuple[int, list[str]]], total_spans: bool = False) -> None:
        """Simple grid: rows of (source line index, cell texts). With total_spans, a
        short total row (合计…) gets its first cell spanning the missing columns, as a
        merged label cell in the original table would."""
        if not rows:
            return
        width = max(len(texts) for _, texts in rows)
        index, block = self.n_tables, len(self.blocks)
        self.n_tables += 1
        cells: list[list[Cell]] = []
        for r, (li, texts) in enumerate(rows):
            texts = [_clean(_CELL_TAG.sub("", _CELL_BREAK.sub("\n", t)) if "<" in t else t) for t in texts]
            extra = 0
            if total_spans and 1 < len(texts) < width and _TOTAL.match(texts[0]):
                extra = width - len(texts)
            row: list[Cell] = []
            for k, t in enumerate(texts):
                c = k + extra if k else 0
                row.append(
                    Cell(
                        text=t,
                        row=r,
                        col=c,
                        col_span=1 + extra if k == 0 else 1,
                        location=Location(
                            file=self.path, block=block, line=li + 1, table=index, row=r, col=c
                        ),
                    )
                )
            cells.append(row)
        self.blocks.append(
            Table(
                index=index,
                rows=cells,
                n_cols=width,
                location=Location(file=self.path, block=block, line=rows[0][0] + 1, table=index),
            )
        )

    def _read_tab_rows(self, i: int) -> int:
        """Layout (b): one row per line, cells between TABs (a leading TAB = empty first cell)."""
        rows: list[tuple[int, list[str]]] = []
        while i < len(self.lines) and "\t" in self.lines[i] and not _is_cell_line(self.lines[i]):
            rows.append((i, self.lines[i].split("\t")))
            i += 1
        self._table(rows)
        return i

    def _read_pipe(self, i: int) -> int:
        rows: list[tuple[int, list[str]]] = []
        while i < len(self.lines) and _is_pipe_line(self.lines[i]):
            line = self.lines[i].strip()
            if not _PIPE_SEP.match(line):
                body = line[1:-1] if line.endswith("|") and len(line) > 1 else line[1:]
                cells = re.split(r"(?<!\\)\|", body)
                rows.append((i, [c.replace("\\|", "|") for c in cells]))
            i += 1
        self._table(rows)
        return i

    def _read_cell_lines(self, i: int) -> int:
        """Layout (c). A cell line starts a cell; following lines continue it; a blank
        line followed by a cell line starts a new row. After a blank line, prose lines
        continue the last cell only when they are few and short and a cell line follows
        soon (a wrapped label); otherwise the table ends there."""
        lines = self.lines
        n = len(lines)
        rows: list[tuple[int, list[list[str]]]] = []  # (line, cells as lists of lines)
        blank = True
        while i < n:
            line = lines[i]
            if _is_cell_line(line):
                # a blank line before a cell line starts a new row, unless the row is
                # still shorter than the first (header) row: a cell wrapped over a blank
                if not rows or (blank and (len(rows) == 1 or len(rows[-1][1]) >= len(rows[0][1]))):
                    rows.append((i, []))
                rows[-1][1].append([line[1:]])
                blank = False
                i += 1
            elif not line.strip():
                blank = True
                i += 1
            elif "\t" in line or self._row_done(rows):
                break
            elif not blank:
                rows[-1][1][-1].append(line)
                i += 1
            elif self._continues_cell(i):
                rows[-1][1][-1].append(line)
                blank = False  # still inside the cell: the next cell line joins this row
                i += 1
            else:
                break
        self._table(
            [(li, ["\n".join(p for p in cell if p.strip()) for cell in cells]) for li, cells in rows],
            total_spans=True,
        )
        return i

    @staticmethod
    def _row_done(rows: list[tuple[int, list[list[str]]]]) -> bool:
        """The row has as many cells as the header and its last cell is a bare figure:
        a prose line right after it is a paragraph (e.g. the next survey question)."""
        if len(rows) < 2 or len(rows[-1][1]) < len(rows[0][1]):
            return False
        last = rows[-1][1][-1]
        return len(last) == 1 and bool(_FIGURE.match(last[0].strip()))

    def _continues_cell(self, i: int) -> bool:
        lines = self.lines
        texts = 0
        for j in range(i, min(i + _CONT_LOOKAHEAD, len(lines))):
            line = lines[j]
            if _is_cell_line(line):
                return True
            if "\t" in line:
                return False
            if line.strip():
                texts += 1
                if texts > _CONT_MAX_LINES or len(line.strip()) > _CONT_MAX_CHARS:
                    return False
                if _HEADING.match(line) and line.lstrip().startswith("#"):
                    return False
        return False

    # -- HTML -------------------------------------------------------------------
    def _read_html(self, i: int) -> int:
        """Collect lines from an opening <table> to its matching close (or EOF)."""
        start = i
        depth = 0
        chunk: list[str] = []
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            chunk.append(line)
            i += 1
            for m in _HTML_TABLE_TAG.finditer(line):
                depth += -1 if m.group(1) else 1
            if depth <= 0:
                break
        raw_tables = parse_html_tables("\n".join(chunk))
        if not raw_tables:
            for k, line in enumerate(chunk):
                self._paragraph(start + k, line)
            return i
        # prose on the same line before <table> / after the last </table> is kept
        opening = _HTML_TABLE_OPEN.search(chunk[0])
        before = chunk[0][: opening.start()] if opening else ""
        closes = list(_HTML_TABLE_CLOSE.finditer(chunk[-1])) if depth <= 0 else []
        after = chunk[-1][closes[-1].end() :] if closes else ""
        self._paragraph(start, _ANY_TAG.sub("", before))
        for raw in raw_tables:
            if not any(raw.rows):  # <table></table>: nothing to read, and postprocess needs rows
                continue
            block = len(self.blocks)
            self.blocks.append(self._html_table(raw, block, start))
        self._paragraph(i - 1, _ANY_TAG.sub("", after))
        return i

    def _html_table(self, raw: RawTable, block: int, line: int) -> Table:
        index = self.n_tables
        self.n_tables += 1
        occupied: set[tuple[int, int]] = set()
        rows: list[list[Cell]] = []
        n_cols = 0
        n_rows = len(raw.rows)
        pending: list[tuple[Cell, object]] = []
        for r, raw_row in enumerate(raw.rows):
            out: list[Cell] = []
            c = 0
            for rc in raw_row:
                while (r, c) in occupied:
                    c += 1
                rs = min(rc.rowspan, max(1, n_rows - r))
                cs = rc.colspan
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                cell = Cell(
                    text=_clean(rc.text),
                    row=r,
                    col=c,
                    row_span=rs,
                    col_span=cs,
                    location=Location(file=self.path, block=block, line=line + 1, table=index, row=r, col=c),
                )
                pending.append((cell, rc))
                out.append(cell)
                c += cs
                n_cols = max(n_cols, c)
            rows.append(out)
        n_cols = max([n_cols] + [c + 1 for (_, c) in occupied])
        # nested tables get indices after their parent, depth first, in cell order
        for cell, rc in pending:
            for inner in rc.tables:  # type: ignore[attr-defined]
                if not any(inner.rows):
                    continue
                cell.tables.append(self._html_table(inner, block, line))
        return Table(
            index=index,
            rows=rows,
            n_cols=max(n_cols, 1),
            location=Location(file=self.path, block=block, line=line + 1, table=index),
        )
