"""Ruled tables on one PDF page: edges from pdfium path objects, cells from pdfplumber's
table finder (plus one-cell tables, which it drops, and cut where two tables with
different columns touch), texts from pdfium characters, merged areas as spans, the
repair of rows that a stray ruling line split in two, and the joining of a table
continued on the next page. Also the line-breaking knowledge both this module and the
paragraph builder need (`is_cjk`, `lead_em`).

Why not `pdfplumber.Page.find_tables()`: it needs pdfminer to parse the whole page
(every character as a Python dict), which costs 5-20x more than pdfium. The lattice
algorithm itself only needs the ruling edges, so we feed pdfplumber's `TableFinder` the
edges read from pdfium's path objects and keep its cell geometry.

Coordinates everywhere: points, origin at the top-left of the displayed page, y down
(pdfplumber's convention: x0, top, x1, bottom).
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

from auditor import limits

# Same lattice settings as pdfplumber's defaults ("lines" both ways).
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_MAX_FORM_DEPTH = 4
_AXIS_TOL = 0.01  # a segment is horizontal/vertical when its ends differ by less than this
_GRID_TOL = 1.0  # cell boundaries closer than this are the same grid line
_THIN = 2.0  # a filled path thinner than this is a rule, thicker is an area (shading)
# Two tables drawn one right under the other read as one lattice; where they meet, no
# column boundary of the rows above lies within this distance of one of the rows below.
_STACK_TOL = 3.0
# A lone ruled box is a one-cell table only if it is no taller than this share of the
# page (a frame around the whole page is not a table).
_MAX_BOX_SHARE = 0.4

Box = tuple[float, float, float, float]
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";")

_NUMERIC = re.compile(r"^[-+−]?[\d,，.．]+\s*(%|％|‰|万元|元|分|个|人次|人|次|项|天|年)?$")


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class TextLine:
    """A line of text. Keeps no Char objects: a document's lines live until the end of
    reading, and holding every character would make memory grow with the page count."""

    n_chars: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # the line's dominant font size


@dataclass
class RawCell:
    """A cell on one page, before it becomes a models.Cell."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    lines: list[TextLine] = field(default_factory=list)
    text: str = ""
    page: int = 0  # 1-based page the cell stands on


@dataclass
class RawTable:
    """One table found on one page (or joined over several)."""

    bbox: tuple[float, float, float, float]
    col_xs: list[float]  # n_cols + 1 column boundaries
    rows: list[list[RawCell]]  # cells that start in each row, left to right
    n_cols: int
    page: int
    pages: list[int] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.bbox[1]


# --- characters and line breaking ------------------------------------------------------


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0x2460 <= o <= 0x24FF  # ① ⑴ ⒈: full width in Chinese fonts
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
    )


# Line breaking (Word's kinsoku, LibreOffice's ICU rules): no break before closing
# punctuation, after opening punctuation, on either side of a curly quote, inside a
# number or a Latin word, nor between closing punctuation and a figure after it.
_NO_BREAK_BEFORE = set("，。、；：？！）》〕】」』’”…—%‰·,.;:?!)]%-/")
_NO_BREAK_AFTER = set("（《〔【「『‘“([/-")
_QUOTES = set("“”")
_MAX_LEAD_EM = 8.0


def lead_em(text: str) -> float:
    """Width, in ems, of the piece a line starts with that no line break may split."""
    width = 0.0
    prev = ""
    text = text.strip()
    for i, ch in enumerate(text):
        if ch == " ":
            if text[i + 1 : i + 2] in _NO_BREAK_BEFORE:
                continue  # "100 %": a gap the reader took for a space, not a break
            break
        if prev and not (
            ch in _NO_BREAK_BEFORE
            or prev in _NO_BREAK_AFTER
            or ch in _QUOTES
            or prev in _QUOTES
            or (ch.isascii() and (prev.isascii() or prev in _NO_BREAK_BEFORE and ch.isalnum()))
        ):
            break
        width += 1.0 if is_cjk(ch) else 0.5
        if width >= _MAX_LEAD_EM:
            return _MAX_LEAD_EM
        prev = ch
    return width


# --- geometry from pdfium ---------------------------------------------------------------


class PageFrame:
    """Maps PDF user space (y up, maybe rotated) to display space (top-left origin)."""

    def __init__(self, left: float, bottom: float, right: float, top: float, rotation: int) -> None:
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = rotation % 360
        if self.rotation in (90, 270):
            self.width, self.height = top - bottom, right - left
        else:
            self.width, self.height = right - left, top - bottom

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """Matrix product m·n for PDF matrices (a b c d e f): apply m first, then n."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_edges(raw_page: object, frame: PageFrame, areas: list[Box] | None = None) -> list[dict]:
    """Horizontal and vertical ruling segments of every stroked or filled path on the
    page (Form XObjects included), as pdfplumber edge dicts. Empty when the page has no
    paths, which is how pages without tables skip table finding at almost no cost.
    `areas`, when given, receives the bbox of every filled, unstroked path thicker than
    a rule (shading behind a heading or a cell): its outline is no border."""
    edges: list[dict] = []
    _collect_edges(raw_page, None, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), frame, edges, 0, areas, [0])
    return edges


def _collect_edges(page, form, outer, frame, edges, depth, areas=None, seen=None) -> None:  # type: ignore[no-untyped-def]
    """`seen[0]` counts the page's path segments against limits.MAX_PAGE_PATH_SEGMENTS,
    checked before a path's segments are walked."""
    c = pdfium_c
    seen = seen if seen is not None else [0]
    count = c.FPDFFormObj_CountObjects(form) if form is not None else c.FPDFPage_CountObjects(page)
    matrix = c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    for i in range(count):
        obj = c.FPDFFormObj_GetObject(form, i) if form is not None else c.FPDFPage_GetObject(page, i)
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            c.FPDFPageObj_GetMatrix(obj, matrix)
            m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            _collect_edges(page, obj, _mul(m, outer), frame, edges, depth + 1, areas, seen)
            continue
        if kind != c.FPDF_PAGEOBJ_PATH:
            continue
        c.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not fill.value and not stroke.value:
            continue
        c.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, cc, d, e, f = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        first = len(edges)
        n_segments = c.FPDFPath_CountSegments(obj)
        seen[0] += max(n_segments, 0)
        limits.check("page_paths", seen[0], limits.MAX_PAGE_PATH_SEGMENTS)
        for k in range(n_segments):
            seg = c.FPDFPath_GetPathSegment(obj, k)
            c.FPDFPathSegment_GetPoint(seg, fx, fy)
            x, y = fx.value, fy.value
            pt = frame.point(a * x + cc * y + e, b * x + d * y + f)
            if c.FPDFPathSegment_GetType(seg) == c.FPDF_SEGMENT_MOVETO:
                start = prev = pt
                continue
            if prev is not None:
                _add_edge(edges, prev, pt)
            prev = pt
            if c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, pt, start)
                prev = start
        if areas is not None and fill.value and not stroke.value and len(edges) - first >= 4:
            mine = edges[first:]
            box = (
                min(e["x0"] for e in mine),
                min(e["top"] for e in mine),
                max(e["x1"] for e in mine),
                max(e["bottom"] for e in mine),
            )
            if box[2] - box[0] > _THIN and box[3] - box[1] > _THIN:
                areas.append(box)


def _add_edge(edges: list[dict], p: tuple[float, float], q: tuple[float, float]) -> None:
    x0, x1 = min(p[0], q[0]), max(p[0], q[0])
    top, bottom = min(p[1], q[1]), max(p[1], q[1])
    if bottom - top < _AXIS_TOL:
        orientation = "h"
        top = bottom = (top + bottom) / 2
    elif x1 - x0 < _AXIS_TOL:
        orientation = "v"
        x0 = x1 = (x0 + x1) / 2
    else:
        return  # diagonal: not a ruling line
    edges.append(
        {
            "object_type": "line",
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": orientation,
        }
    )


class _EdgePage:
    """The two attributes pdfplumber's TableFinder reads from a page."""

    def __init__(self, edges: list[dict], frame: PageFrame) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, frame.width, frame.height)


def find_table_cells(edges: list[dict], frame: PageFrame, boxes: list[Box] | None = None) -> list[list[Box]]:
    """Cell bboxes of each table on the page, tables top to bottom.

    pdfplumber drops tables of a single cell; a Word table of one cell (a boxed note, or
    a fragment of a table a converter broke up) is still a table, so when `boxes` is
    given it receives those lone cells, for `lone_boxes` to judge."""
    if len(edges) < 4:
        return []
    finder = TableFinder(_EdgePage(edges, frame), TABLE_SETTINGS)  # type: ignore[arg-type]
    tables = [list(t.cells) for t in finder.tables]
    if boxes is not None:
        grouped = {cell for t in tables for cell in t}
        boxes.extend(cell for cell in finder.cells if cell not in grouped)
    return tables


def lone_boxes(
    boxes: list[Box], tables: list[list[Box]], areas: list[Box], chars: list[Char], frame: PageFrame
) -> list[Box]:
    """The lone cells that are one-cell tables: ruled boxes (not the outline of a shaded
    area) holding text, not overlapping a table or another box, not a page frame."""
    bounds = [_bounds(t) for t in tables]
    # cheapest tests first: a page of chart bars has many boxes, none holding text
    inked = sorted((ch.cy, ch.cx) for ch in chars if ch.text != " ")
    ys = [p[0] for p in inked]

    def holds_text(box: Box) -> bool:
        lo, hi = bisect_left(ys, box[1]), bisect_left(ys, box[3])
        return any(box[0] <= cx < box[2] for _, cx in inked[lo:hi])

    candidates = [
        box
        for box in boxes
        if box[3] - box[1] <= _MAX_BOX_SHARE * frame.height
        and not any(_overlap(box, b) for b in bounds)
        and holds_text(box)
        and not any(_same_box(box, a) for a in areas)  # a shaded area's outline
    ]
    # boxes inside boxes (a double border) are drawings, not tables
    return [box for box in candidates if not any(o is not box and _overlap(box, o) for o in candidates)]


def _bounds(cells: list[Box]) -> Box:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _overlap(a: Box, b: Box) -> bool:
    return (
        a[0] < b[2] - _GRID_TOL
        and b[0] < a[2] - _GRID_TOL
        and a[1] < b[3] - _GRID_TOL
        and b[1] < a[3] - _GRID_TOL
    )


def _same_box(a: Box, b: Box, tol: float = 1.5) -> bool:
    return all(abs(u - v) <= tol for u, v in zip(a, b, strict=True))


# --- tables drawn one under the other -----------------------------------------------------


def split_stacked(cells: list[Box]) -> list[list[Box]]:
    """Cut a lattice where two tables with different columns touch (a document that
    holds a 9-column table right above an 8-column one, with no paragraph between):
    pdfplumber reads them as one table on the union of their column lines, the .docx
    reader as two. A cut goes at a row line that no cell crosses, where the column
    boundaries of the row above and of the row below are both present and have none in
    common (within _STACK_TOL). A single table's rows share at least one boundary, or
    one of them is a full-width row (a title, a total), so it is not cut."""
    row_ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
    if len(row_ys) < 3:
        return [cells]
    left = min(c[0] for c in cells)
    inner: list[list[float]] = [[] for _ in range(len(row_ys) - 1)]
    crossed = [False] * len(row_ys)
    for x0, top, _x1, bottom in cells:
        r0, r1 = _index(row_ys, top), max(_index(row_ys, top) + 1, _index(row_ys, bottom))
        for k in range(r0 + 1, r1):
            crossed[k] = True
        if x0 - left > _GRID_TOL:
            for r in range(r0, min(r1, len(inner))):
                inner[r].append(x0)
    cuts = [
        row_ys[k]
        for k in range(1, len(row_ys) - 1)
        if not crossed[k]
        and inner[k - 1]
        and inner[k]
        and not any(abs(a - b) <= _STACK_TOL for a in inner[k - 1] for b in inner[k])
    ]
    if not cuts:
        return [cells]
    parts: list[list[Box]] = [[] for _ in range(len(cuts) + 1)]
    for cell in cells:
        parts[bisect_right(cuts, cell[1] + _GRID_TOL)].append(cell)
    return [part for part in parts if part]


# --- grid, spans, texts -----------------------------------------------------------------


def _boundaries(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _GRID_TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """Index of the grid line at or just before `v` (within tolerance)."""
    return max(0, bisect_right(bounds, v + _GRID_TOL) - 1)


def build_table(
    cells: list[tuple[float, float, float, float]],
    chars: list[Char],
    page: int,
    make_lines,  # type: ignore[no-untyped-def]
    join_lines,  # type: ignore[no-untyped-def]
) -> RawTable:
    """Turn pdfplumber's cell bboxes into a grid with spans and fill each cell's text.

    A bbox covering several grid columns/rows is a merged cell (pdfplumber shows the
    covered positions as None); its span is counted from the grid lines it covers, not
    from the Nones, so a merge that is both wide and tall comes out right. Grid positions
    no bbox covers get an empty cell, so every position is covered exactly once.
    """
    col_xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
    row_ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
    n_cols, n_rows = len(col_xs) - 1, len(row_ys) - 1
    owner: list[list[RawCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for x0, top, x1, bottom in sorted(cells, key=lambda b: (b[1], b[0])):
        r0, c0 = _index(row_ys, top), _index(col_xs, x0)
        r1, c1 = max(r0 + 1, _index(row_ys, bottom)), max(c0 + 1, _index(col_xs, x1))
        if owner[r0][c0] is not None:
            continue  # overlapping bbox (should not happen with lattice cells)
        cell = RawCell(r0, c0, r1 - r0, c1 - c0, (x0, top, x1, bottom), page=page)
        for r in range(r0, min(r1, n_rows)):
            for c in range(c0, min(c1, n_cols)):
                if owner[r][c] is None:
                    owner[r][c] = cell
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is None:
                bbox = (col_xs[c], row_ys[r], col_xs[c + 1], row_ys[r + 1])
                owner[r][c] = RawCell(r, c, 1, 1, bbox, page=page)
    # Characters go to the cell covering their centre.
    buckets: dict[int, list[Char]] = {}
    by_id: dict[int, RawCell] = {}
    for ch in chars:
        cx, cy = ch.cx, ch.cy
        if not (col_xs[0] <= cx < col_xs[-1] and row_ys[0] <= cy < row_ys[-1]):
            continue
        r = min(bisect_right(row_ys, cy) - 1, n_rows - 1)
        c = min(bisect_right(col_xs, cx) - 1, n_cols - 1)
        cell = owner[r][c]
        assert cell is not None
        buckets.setdefault(id(cell), []).append(ch)
        by_id[id(cell)] = cell
    for key, cell_chars in buckets.items():
        cell = by_id[key]
        cell.lines = make_lines(cell_chars)
        cell.text = join_lines(cell.lines)
    rows: list[list[RawCell]] = [[] for _ in range(n_rows)]
    seen: set[int] = set()
    for r in range(n_rows):
        for c in range(n_cols):
            cell = owner[r][c]
            assert cell is not None
            if id(cell) not in seen:
                seen.add(id(cell))
                rows[cell.row].append(cell)
    bbox = (col_xs[0], row_ys[0], col_xs[-1], row_ys[-1])
    return RawTable(bbox, col_xs, rows, n_cols, page, [page])


def table_bboxes_contain(bboxes: list[tuple[float, float, float, float]], ch: Char) -> bool:
    cx, cy = ch.cx, ch.cy
    return any(x0 <= cx < x1 and top <= cy < bottom for x0, top, x1, bottom in bboxes)


# --- rows split by a stray rule ---------------------------------------------------------


def _grid(table: RawTable) -> list[list[RawCell]]:
    n_rows = len(table.rows)
    grid: list[list[RawCell | None]] = [[None] * table.n_cols for _ in range(n_rows)]
    for row in table.rows:
        for cell in row:
            for r in range(cell.row, min(cell.row + cell.row_span, n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                    grid[r][c] = cell
    return grid  # type: ignore[return-value]


def _is_continuation(table: RawTable, r: int, grid: list[list[RawCell]], in_page: bool = True) -> bool:
    """Is physical row `r` the second text line of row `r - 1`, cut off by a rule?

    All of these must hold (conservative on purpose: a wrong merge loses a row):
    1. some cell starting in row r has text, and each such cell sits under a cell of
       row r-1 with text, in the same columns (same col and col_span), starting in r-1;
    2. every other position of row r is empty or covered by a cell from above, and at
       least one position is so (a row with text in every column is a real row);
    3. none of row r's texts is a bare number/amount/percentage (a data row's value);
    4. the text above was cut for lack of room: its last line reaches the right side of
       its cell (within 1.5 characters, which allows for cell padding and a character
       that did not fit). Vertical closeness is no evidence: Word tables have no top or
       bottom cell padding, so genuine one-line rows sit as close as wrapped lines.
    """
    if any(c.row_span != 1 for c in table.rows[r]):
        return False  # something starts here and goes on below: row r is structural
    starting = [c for c in table.rows[r] if c.text]
    if not starting:
        return False
    texted_cols: set[int] = set()
    for cell in starting:
        above = grid[r - 1][cell.col]
        if (
            above.row != r - 1
            or above.row_span != 1
            or above.col != cell.col
            or above.col_span != cell.col_span
            or not above.text
            or _NUMERIC.match(cell.text)
        ):
            return False
        if not _cut_off(above, cell, in_page):
            return False
        texted_cols.update(range(cell.col, cell.col + cell.col_span))
    return len(texted_cols) < table.n_cols


def _is_broken_row(table: RawTable, r: int, grid: list[list[RawCell]]) -> bool:
    """Is row `r` the rest of row `r - 1` after a break (a page break, or the end of a
    table part whose header is repeated below)? Either its text was cut for lack of
    room (`_is_continuation`), or the row was broken between two lines of a cell: row
    `r` leaves empty a column that the rows above all fill, has text only to the right
    of that gap, and each text goes on a cell with text right above it. (A cell whose
    last line before the break was short, such as "部分" / "完成", does not reach the
    cell's right side, so the first test misses it.)"""
    if _is_continuation(table, r, grid, in_page=False):
        return True
    if r < 3 or any(c.row_span != 1 for c in table.rows[r]):
        return False
    starting = [c for c in table.rows[r] if c.text]
    if not starting:
        return False
    for cell in starting:
        above = grid[r - 1][cell.col]
        if above.row != r - 1 or above.col != cell.col or above.col_span != cell.col_span or not above.text:
            return False
    first = min(c.col for c in starting)
    recent = range(max(0, r - 5), r)
    return any(
        grid[r][c].row == r and not grid[r][c].text and all(grid[k][c].text for k in recent)
        for c in range(first)
    )


def _cut_off(above: RawCell, below: RawCell, in_page: bool = True) -> bool:
    if not above.lines:
        return False
    last = above.lines[-1]
    if in_page and last.text.rstrip().endswith(_SENTENCE_END):
        # Within a page, a full line that ends a sentence ends there by chance; across
        # a page break the row goes on whatever its last line says.
        return False
    # Line-breaking rules (no 、。） at a line start, numbers kept whole) may wrap a line
    # two characters early; within a page only 1.5 characters are allowed, as a stray
    # rule is rarer than a page break.
    # Across a page, as for paragraphs, the slack is at least what the piece the row
    # goes on with needs (in a narrow column, "数" may be left alone on its line by
    # ")*100%。").
    size = last.size or 10.0
    if in_page:
        return last.x1 >= above.bbox[2] - 1.5 * size
    slack = max(3.0, lead_em(below.lines[0].text) + 0.5) if below.lines else 3.0
    pad = min(
        max(0.0, min(ln.x0 for ln in above.lines) - above.bbox[0]), size
    )  # cell padding, as on the left
    return last.x1 >= above.bbox[2] - pad - slack * size


def merge_continuation_rows(table: RawTable, join_lines) -> int:  # type: ignore[no-untyped-def]
    """Fold split rows back into the row above (see `_is_continuation`). Returns how
    many rows were folded."""
    merged = 0
    r = 1
    while r < len(table.rows):
        if _fold_if_continuation(table, r, join_lines):
            merged += 1
        else:
            r += 1
    return merged


def _fold_if_continuation(table: RawTable, r: int, join_lines, broken: bool = False) -> bool:  # type: ignore[no-untyped-def]
    grid = _grid(table)
    if not (_is_broken_row if broken else _is_continuation)(table, r, grid):
        return False
    for cell in table.rows[r]:
        if cell.text:
            above = grid[r - 1][cell.col]
            above.lines = above.lines + cell.lines
            above.text = join_lines(above.lines)
            if above.page == cell.page:
                above.bbox = (above.bbox[0], above.bbox[1], above.bbox[2], cell.bbox[3])
        # empty cells of row r vanish with the row; row r-1's cells keep row_span 1
    shrunk: set[int] = set()
    for c in range(table.n_cols):
        cover = grid[r][c]
        if cover.row < r and id(cover) not in shrunk:  # a span from above loses row r
            shrunk.add(id(cover))
            cover.row_span -= 1
    del table.rows[r]
    for row in table.rows[r:]:
        for cell in row:
            cell.row -= 1
    return True


# --- tables continued on the next page --------------------------------------------------


def same_columns(a: RawTable, b: RawTable, tol: float = 3.0) -> bool:
    return a.n_cols == b.n_cols and all(abs(x - y) <= tol for x, y in zip(a.col_xs, b.col_xs, strict=True))


def row_texts(table: RawTable, r: int) -> list[str]:
    """Texts over the grid of row r (a merged cell at every position it covers); reads
    only rows up to r, so the first rows of a long table cost little."""
    out = [""] * table.n_cols
    for row in table.rows[: r + 1]:
        for cell in row:
            if cell.row <= r < cell.row + cell.row_span:
                for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                    out[c] = cell.text
    return out


def _repeated_rows(head: RawTable, other: RawTable, start: int) -> int:
    """How many rows of `other` from `start` on repeat `head`'s first rows (at most 3,
    never all of `other`), cut back so that no merged cell reaches out of them."""
    limit = min(3, len(other.rows) - 1 - start, len(head.rows) - 1)
    k = 0
    while k < limit:
        texts = row_texts(other, start + k)
        if not any(texts) or texts != row_texts(head, k):
            break
        k += 1
    while k and any(c.row + c.row_span > start + k for row in other.rows[start : start + k] for c in row):
        k -= 1  # a header merged into the body: keep it rather than cut a span
    return k


def _drop_rows(table: RawTable, start: int, k: int) -> list[list[RawCell]]:
    gone = table.rows[start : start + k]
    del table.rows[start : start + k]
    for row in table.rows[start:]:
        for cell in row:
            cell.row -= k
    return gone


def _restore_rows(table: RawTable, start: int, rows: list[list[RawCell]]) -> None:
    for row in table.rows[start:]:
        for cell in row:
            cell.row += len(rows)
    table.rows[start:start] = rows


def join_continued(first: RawTable, nxt: RawTable, join_lines) -> None:  # type: ignore[no-untyped-def]
    """Append `nxt` (from the following page) to `first`, dropping header rows that
    `nxt` repeats from the top of `first`. A row that Word broke across the page break
    (its first appended row continues the last row's text) is folded back."""
    drop = _repeated_rows(first, nxt, 0)
    junction = len(first.rows)
    offset = junction - drop
    for row in nxt.rows[drop:]:
        for cell in row:
            cell.row += offset
        first.rows.append(row)
    first.pages.extend(p for p in nxt.pages if p not in first.pages)
    if junction < len(first.rows):
        _fold_if_continuation(first, junction, join_lines, broken=True)


def drop_repeated_headers(table: RawTable, join_lines) -> int:  # type: ignore[no-untyped-def]
    """Drop header rows repeated inside a table where they interrupt it: two parts of
    one table drawn right under each other, the second starting with the header again
    and then either the rest of the first part's last row (folded back) or the next
    number of a numbered list (序号 23 above the header, 24 below). A header repeated
    before other rows is left alone: a survey table may well repeat its header row for
    every question. Returns how many rows were dropped."""
    if not table.rows:
        return 0
    head = row_texts(table, 0)
    if not _header_like(head):
        return 0
    grid = _grid(table)
    dropped = 0
    r = 1
    while r < len(table.rows) - 1:
        k = 0
        if [c.text for c in grid[r]] == head and all(c.row >= r for c in grid[r]):
            k = _repeated_rows(table, table, r)
        if k:
            gone = _drop_rows(table, r, k)
            if _numbering_goes_on(table, r) or _fold_if_continuation(table, r, join_lines, broken=True):
                dropped += k
            else:
                _restore_rows(table, r, gone)
            grid = _grid(table)
        r += 1
    return dropped


def _numbering_goes_on(table: RawTable, r: int) -> bool:
    """Do rows r-1 and r start with consecutive numbers (a numbered list read on)?"""
    if r < 1 or r >= len(table.rows) or not table.rows[r - 1] or not table.rows[r]:
        return False
    above, below = table.rows[r - 1][0], table.rows[r][0]
    if above.col != 0 or below.col != 0:
        return False
    a, b = above.text.strip(), below.text.strip()
    return a.isdigit() and b.isdigit() and int(b) == int(a) + 1


def _header_like(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return len(set(filled)) >= 2 and not any(_NUMERIC.match(t) for t in filled)
