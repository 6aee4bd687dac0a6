"""Format-independent repair of a read Document: `postprocess(doc) -> doc`.

Every reader calls this last. Three steps, in this order:

1. Fragmented tables (`_repair_fragments`). Converters that turn text into .docx break a
   table whose cells contain blank lines into a run of tiny tables and short paragraphs:
   a blank line ends the current table row (or the table), a line without a leading
   TAB after a blank line becomes a paragraph, the next TAB line starts a new table.
   Read in order, the fragments' cells still re-form the original rows: every source
   row (a row of a fragment table, trailing padding cells left out) is a piece of one
   original row, and every paragraph in between continues the last cell. A dynamic
   programme over the pieces finds the row breaks for a width W (from the widest piece
   to four times that, at most 30; the cheapest wins, then the narrowest): a row must
   come out with exactly W cells; it costs 1 to end a row short (0.4 after a lone
   cell: a title row) or to glue two rows of the same fragment table together; a
   paragraph may only continue a text cell (not a bare figure) of an unfinished row,
   and a row never ends right after one. The repair is taken only if
   nearly every row has W cells (cost <= max(2, rows/4), >= 60% and >= 3 rows
   complete) and something was actually re-joined; if a run fails, runs starting at its
   later tables are tried. The re-assembled table takes the first fragment's index and
   location; its cells keep their source locations; a note goes to doc.notes.
   Limits: a run only holds tables and paragraphs of at most 30 characters that are
   not headings, captions, numbered items, notes or sentences (ending in 。？！；：);
   empty trailing cells of a source row are taken for padding (a row whose real last
   cells are empty costs 1 and may be mis-split); a blank line between two single
   cells of one row reads as two title rows; a short row is laid out with its first
   cell spanning the missing columns when it is a total row (合计…) or ends in a
   number, else with its last cell spanning them. Ordinary tables are safe: their rows
   are complete and start with full-width headers, so a paragraph between them can
   never be a continuation.

2. Continued tables (`_join_continued`). Two tables with nothing but empty or
   page-number paragraphs between them are one table when
   - they have the same number of columns and the second repeats the first's header
     rows (dropped) or does not start with a header of its own; or
   - the second has fewer columns and its first row is the first's header row with the
     first's empty cells left out (e.g. "支出事项" spanning three columns): the header
     row fixes the mapping, the repeated header is dropped and the cells get spans; or
   - the second has exactly one column fewer and no header: a converter merged two
     neighbouring text columns. The merged column is placed where the columns' content
     fits best (numbers over numbers, percentages over percentages, then shared
     character pairs); only a text column can stand for two text columns. The
     merged cells get col_span 2 and a note goes to doc.notes, nothing is padded.
   Joined rows are renumbered continuously (Cell.row); each cell keeps its source
   Location (table index, row and column in the table it was read from), so quotes and
   Word comments still point at the right place. Location.block is renumbered for all
   blocks at the end, so it always indexes Document.blocks. A joined table keeps the
   index and location of its first part; later parts' indices are no longer used.

3. Captions (`_attach_captions`): a short paragraph just above a table (unit lines such
   as "单位：万元" may stand between) that names a table — "表1 …", "表5-2 …",
   "附件3 … 评分表", "…情况表" — becomes Table.caption. The paragraph stays a block.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import Note, note
from auditor.tables.lexicon import lexicon
from auditor.tables.reading import is_header_row

Block = Paragraph | Table

# ---------------------------------------------------------------------------- patterns

_PAGE_NUMBER = re.compile(
    r"^[-—–_ ]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:/|of|共)\s*\d{1,4}\s*页?)?[-—–_ ]*$", re.IGNORECASE
)
_CAPTION = re.compile(
    r"^(?:续\s*)?(?:附\s*)?表\s*[0-9一二三四五六七八九十]+(?:\s*[-－—.．]\s*\d+)*(?!\d)"
    r"|^附\s*[件表录]\s*[0-9一二三四五六七八九十]+(?:\s*[-－—.．]\s*\d+)*.*[表单]"
)
_TABLE_NAME_END = re.compile(r"(?:表|清单|一览|明细)$")
_TRAILING_PAREN = re.compile(r"(?<!\s)\s*[（(][^()（）]{0,20}[)）]\s*$")
_UNIT_LINE = re.compile(
    r"^(?:金额|货币|计量)?单位\s*[:：]|^项目名称\s*[:：]|^填表(?:时间|日期|单位)|^[（(]\s*\d{4}\s*年度?\s*[)）]$"
)
# Short paragraphs that are never the continuation of a table cell.
_BARRIER = re.compile(
    r"^(?:续\s*)?表\s*\d|^附\s*[件表录]|^图\s*\d|^注\s*[:：0-9]|^(?:金额)?单位\s*[:：]|^第\s*\S{1,4}\s*[题章节条]"
    r"|^[一二三四五六七八九十]+\s*[、.．]|^[（(]\s*[一二三四五六七八九十]+\s*[)）]|^\d+\s*[、.．](?!\d)|^\d+\s*[)）]"
    r"|[:：。？?！!；;]$"  # an introduction or a sentence: body text
)
_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_RULE = re.compile(r"^[-—–_=.·*~|]+$")  # "-----": a converter's ruling, not content
_PCT = re.compile(r"^[+-]?\d+(?:\.\d+)?%$")

MAX_CONTINUATION_CHARS = 30
MAX_WIDTH = 30  # widest table the fragment repair will rebuild
# A row of one cell is a common layout (a title or section row spanning the table), so
# ending a row after a lone cell costs less than ending it after several.
SHORT_TITLE_COST = 0.4


def postprocess(doc: Document) -> Document:
    """Repair fragmented and continued tables, attach captions, renumber blocks.
    Returns the same Document object, changed in place."""
    blocks: list[Block] = list(doc.blocks)
    blocks = _repair_fragments(blocks, doc.notes)
    blocks = _join_continued(blocks, doc.notes)
    blocks = _join_cut_body(blocks, doc.notes)
    _attach_captions(blocks)
    _renumber(blocks)
    doc.blocks = blocks  # type: ignore[assignment]
    return doc


# ---------------------------------------------------------------------------- helpers


def _kind(text: str) -> str:
    """'empty', 'num', 'pct' or 'text' for a cell's content."""
    t = compact(text)
    if not t or _RULE.match(t):
        return "empty"
    if _PCT.match(t):
        return "pct"
    if _NUM.match(t):
        return "num"
    return "text"


def _grid_row_texts(table: Table, r: int) -> list[str]:
    """Texts of row r over the full grid (a merged cell only at its own column)."""
    out = [""] * table.n_cols
    for cell in table.rows[r]:
        if cell.col < table.n_cols:
            out[cell.col] = compact(cell.text)
    return out


def _is_page_number(p: Paragraph) -> bool:
    return p.heading_level is None and bool(_PAGE_NUMBER.match(p.text.strip()))



# ---------------------------------------------------------------------------- 1. fragments


@dataclass
class _Piece:
    """One source row of a fragment table, trailing empty cells (padding) left out."""

    cells: list[Cell]
    width: int
    starts_table: bool
    conts: list[Paragraph] = field(default_factory=list)  # paragraphs that continue the last cell


def _is_continuation_candidate(p: Paragraph) -> bool:
    text = p.text.strip()
    return (
        p.heading_level is None
        and 0 < len(text) <= MAX_CONTINUATION_CHARS
        and "\n" not in text
        and not _BARRIER.search(text)
        and not _CAPTION.search(text)
    )


def _repair_fragments(blocks: list[Block], notes: list[Note]) -> list[Block]:
    out: list[Block] = []
    i = 0
    n = len(blocks)
    while i < n:
        b = blocks[i]
        if not isinstance(b, Table):
            out.append(b)
            i += 1
            continue
        # the run: tables and continuation candidates, ending at its last table
        j = i + 1
        last_table = i
        while j < n:
            nb = blocks[j]
            if isinstance(nb, Table):
                last_table = j
            elif not _is_continuation_candidate(nb):
                break
            j += 1
        run = blocks[i : last_table + 1]
        tables = [x for x in run if isinstance(x, Table)]
        if len(tables) >= 3 and len(run) > len(tables):
            repaired = _reassemble(run, notes)
            if repaired is not None:
                out.append(repaired)
                i = last_table + 1
                continue
        out.append(b)
        i += 1
    return out


def _pieces(run: list[Block]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for block in run:
        if isinstance(block, Paragraph):
            pieces[-1].conts.append(block)  # a run starts with a table, so pieces is not empty
            continue
        for r, row in enumerate(block.rows):
            cells = list(row)
            while len(cells) > 1 and not cells[-1].text.strip() and not cells[-1].tables:
                cells.pop()
            if not cells:
                continue
            pieces.append(_Piece(cells, sum(c.col_span for c in cells), r == 0))
    return pieces


def _reassemble(run: list[Block], notes: list[Note]) -> Table | None:
    pieces = _pieces(run)
    if len(pieces) < 3:
        return None
    widest = max(p.width for p in pieces)
    best: tuple[float, int, list[list[_Piece]]] | None = None
    # W is at least the widest piece; when every row was split, it is wider still
    for width in range(max(widest, 2), min(4 * widest, MAX_WIDTH) + 1):
        solved = _segment(pieces, width)
        if solved is None:
            continue
        cost, rows = solved
        if best is None or cost < best[0]:
            best = (cost, width, rows)
    if best is None:
        return None
    cost, width, rows = best
    full = sum(1 for row in rows if sum(p.width for p in row) == width)
    rejoined = any(len(row) > 1 or row[0].conts for row in rows)
    if full < 3 or full < 0.6 * len(rows) or cost > max(2, len(rows) // 4) or not rejoined:
        return None
    table = _build_from_rows(run[0], rows, width)  # type: ignore[arg-type]
    first, last = run[0], run[-1]
    n_par = sum(1 for b in run if isinstance(b, Paragraph))
    notes.append(
        note(
            "fragments_reassembled",
            first=first.index + 1,  # type: ignore[union-attr]
            last=last.index + 1,  # type: ignore[union-attr]
            tables=sum(isinstance(b, Table) for b in run),
            paragraphs=n_par,
            shape=f"{len(rows)}x{width}",
            cost=f"{cost:g}",
        )
    )
    return table


def _segment(pieces: list[_Piece], width: int) -> tuple[float, list[list[_Piece]]] | None:
    """Cut the pieces into rows of `width` cells at least cost (see module docstring).
    Returns (cost, rows) or None when no cut is possible."""
    inf = math.inf
    n = len(pieces)
    # cost[i][k]: least cost with pieces[:i] placed and k cells in the open row
    cost = [[inf] * width for _ in range(n + 1)]
    back: list[list[tuple[int, bool] | None]] = [[None] * width for _ in range(n + 1)]
    cost[0][0] = 0
    for i, piece in enumerate(pieces):
        nxt_same_table = i + 1 < n and not pieces[i + 1].starts_table
        # a paragraph goes on a label, never on a bare figure ("50" + "小结" is two things)
        if piece.conts and _kind(piece.cells[-1].text) in ("num", "pct"):
            continue
        for k in range(width):
            c = cost[i][k]
            if c == inf:
                continue
            k2 = k + piece.width
            if k2 > width:
                continue
            if k2 == width:
                if piece.conts:  # a paragraph cannot continue a finished row
                    continue
                _relax(cost, back, i + 1, 0, c, (k, True))
                continue
            short = SHORT_TITLE_COST if k == 0 and len(piece.cells) == 1 else 1.0
            if i + 1 == n:  # the last row ends short
                _relax(cost, back, i + 1, 0, c + short, (k, True))
                continue
            if not piece.conts:  # end this row short
                _relax(cost, back, i + 1, 0, c + short, (k, True))
            # carry on with the next piece in the same row
            _relax(cost, back, i + 1, k2, c + (1 if nxt_same_table and not piece.conts else 0), (k, False))
    if cost[n][0] == inf:
        return None
    # walk back: which pieces end a row
    ends: list[bool] = [False] * n
    k = 0
    for i in range(n, 0, -1):
        prev = back[i][k]
        assert prev is not None
        ends[i - 1] = prev[1]
        k = prev[0]
    rows: list[list[_Piece]] = []
    current: list[_Piece] = []
    for piece, end in zip(pieces, ends, strict=True):
        current.append(piece)
        if end:
            rows.append(current)
            current = []
    return float(cost[n][0]), rows


def _relax(
    cost: list[list[float]],
    back: list[list[tuple[int, bool] | None]],
    i: int,
    k: int,
    c: float,
    step: tuple[int, bool],
) -> None:
    if c < cost[i][k]:
        cost[i][k] = c
        back[i][k] = step


def _build_from_rows(first: Table, rows: list[list[_Piece]], width: int) -> Table:
    out_rows: list[list[Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        for piece in row:
            for cell in piece.cells:
                cells.append(cell.model_copy(update={"row": r, "row_span": 1}))
            for p in piece.conts:
                last = cells[-1]
                last.text = f"{last.text}\n{p.text}" if last.text else p.text
        _lay_out(cells, width)
        out_rows.append(cells)
    return Table(
        index=first.index,
        rows=out_rows,
        n_cols=width,
        location=first.location,
        caption=first.caption,
        continued_from_pages=list(first.continued_from_pages),
    )


def _lay_out(cells: list[Cell], width: int) -> None:
    """Assign columns left to right; a short row's missing columns go to a span."""
    used = sum(c.col_span for c in cells)
    missing = width - used
    if missing > 0:
        right_aligned = len(cells) > 1 and (
            lexicon().total_kind(cells[0].text, "start", ("score", "running")) is not None
            or _kind(cells[-1].text) in ("num", "pct")
        )
        target = cells[0] if right_aligned else cells[-1]
        target.col_span += missing
    col = 0
    for cell in cells:
        cell.col = col
        col += cell.col_span


# ---------------------------------------------------------------------------- 2. continued tables


def _join_continued(blocks: list[Block], notes: list[Note]) -> list[Block]:
    out: list[Block] = []
    pending: list[Paragraph] = []  # empty or page-number paragraphs after the last table
    for b in blocks:
        if isinstance(b, Paragraph):
            if out and isinstance(out[-1], Table) and (not b.text.strip() or _is_page_number(b)):
                pending.append(b)
            else:
                out.extend(pending)
                pending = []
                out.append(b)
            continue
        prev = out[-1] if out else None
        if isinstance(prev, Table):
            joined = _try_join(prev, b, notes)
            if joined is not None:
                out[-1] = joined
                pending = []  # page numbers between the parts are dropped
                continue
        out.extend(pending)
        pending = []
        out.append(b)
    out.extend(pending)
    return out


def _try_join(a: Table, b: Table, notes: list[Note]) -> Table | None:
    if not a.rows or not b.rows:
        return None
    if a.n_cols == b.n_cols:
        k = _repeated_header(a, b)
        if k:
            how = [note("repeated_header_dropped", rows=k)]
        elif not _looks_like_header(b.rows[0]):
            how = [note("same_columns")]
        else:
            return None
        rows = b.rows[k:]
        if rows and _continues_last_row(a, b, rows[0]):
            _merge_into_last_row(a, rows[0])
            rows = rows[1:]
            how.append(note("finishes_last_row"))
        notes.append(note("table_joined", table=b.index + 1, onto=a.index + 1, how=how))
        return _append(a, b, rows, None)
    if b.n_cols < a.n_cols:
        mapped = _header_mapping(a, b)
        if mapped is not None:
            notes.append(note("table_joined_mapped", table=b.index + 1, onto=a.index + 1, n=b.n_cols, m=a.n_cols))
            return _append(a, b, b.rows[1:], mapped)
        if b.n_cols == a.n_cols - 1 and not _looks_like_header(b.rows[0]):
            merged = _merged_column(a, b)
            if merged is not None:
                spans = [(j, 1) for j in range(merged)] + [(merged, 2)]
                spans += [(j + 1, 1) for j in range(merged + 1, b.n_cols)]
                notes.append(
                    note(
                        "table_joined_split",
                        table=b.index + 1,
                        onto=a.index + 1,
                        n=b.n_cols,
                        m=a.n_cols,
                        col=merged + 1,
                        col2=merged + 2,
                    )
                )
                return _append(a, b, b.rows, spans)
    return None


def _repeated_header(a: Table, b: Table) -> int:
    """How many leading rows of b repeat a run of a's first rows (0 if none)."""
    best = 0
    for offset in range(0, min(3, a.n_rows)):
        k = 0
        while (
            k < b.n_rows - 1
            and offset + k < a.n_rows - 1
            and any(_grid_row_texts(b, k))
            and _grid_row_texts(b, k) == _grid_row_texts(a, offset + k)
        ):
            k += 1
        best = max(best, k)
    return best


def _row_cover(table: Table, row: list[Cell]) -> list[str]:
    """Texts of one row over the table's columns (a merged cell over its whole span)."""
    out = [""] * table.n_cols
    for cell in row:
        for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
            out[c] = compact(cell.text)
    return out


def _continues_last_row(a: Table, b: Table, first: list[Cell]) -> bool:
    """A row broken by a page: the first row of b leaves empty a column that every
    recent data row of a fills, and has text only to the right of that gap."""
    data = a.grid()[1:][-5:]
    if len(data) < 2:
        return False
    always = [
        c
        for c in range(a.n_cols)
        if all(row[c] is not None and _kind(row[c].text) != "empty" for row in data)
    ]
    texts = _row_cover(b, first)
    filled = [c for c, t in enumerate(texts) if t and _kind(t) != "empty"]
    if not filled or not always:
        return False
    last = a.grid()[-1]
    if any(last[c] is None for c in filled):
        return False
    return any(c < filled[0] and not texts[c] for c in always)


def _merge_into_last_row(a: Table, first: list[Cell]) -> None:
    last = a.grid()[-1]
    for cell in first:
        if not cell.text.strip():
            continue
        target = last[cell.col]
        assert target is not None  # checked by _continues_last_row
        head, tail = target.text, cell.text
        glue = "" if head and not head[-1].isascii() and not tail[0].isascii() else " "
        target.text = f"{head}{glue}{tail}" if head else tail


def _looks_like_header(row: list[Cell]) -> bool:
    """A row of short labels and no figures: what starts a new table."""
    texts = [compact(c.text) for c in row if c.text.strip()]
    if len(texts) < 2:
        return False
    return all(len(t) <= 12 and _kind(t) == "text" and not re.search(r"\d", t) for t in texts)


def _header_mapping(a: Table, b: Table) -> list[tuple[int, int]] | None:
    """If b's first row equals one of a's first rows with a's empty cells folded into
    the cell on their left, the (start column, span) in a for each column of b."""
    head = _grid_row_texts(b, 0)
    if not all(head):
        return None
    for r in range(min(6, a.n_rows)):
        texts = _grid_row_texts(a, r)
        starts = [c for c, t in enumerate(texts) if t]
        if [texts[c] for c in starts] != head or not starts or starts[0] != 0:
            continue
        bounds = [*starts, a.n_cols]
        return [(bounds[j], bounds[j + 1] - bounds[j]) for j in range(len(starts))]
    return None


def _column_profile(table: Table, cols: range, skip_header: bool) -> tuple[Counter[str], Counter[str]]:
    kinds: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    for r, row in enumerate(table.rows):
        if skip_header and r == 0:
            continue
        for cell in row:
            if cell.col in cols:
                t = compact(cell.text)
                kinds[_kind(t)] += 1
                grams.update(t[i : i + 2] for i in range(len(t) - 1))
    return kinds, grams


def _dominant(kinds: Counter[str]) -> str:
    filled = {k: v for k, v in kinds.items() if k != "empty"}
    if not filled:
        return "empty"
    kind, count = max(filled.items(), key=lambda kv: (kv[1], kv[0]))
    return kind if count >= 0.6 * sum(filled.values()) else "mixed"


def _cosine(x: Counter[str], y: Counter[str]) -> float:
    if not x or not y:
        return 0.0
    dot = sum(v * y.get(k, 0) for k, v in x.items())
    return dot / math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))


def _merged_column(a: Table, b: Table) -> int | None:
    """Which column of b stands for two neighbouring columns of a, or None when no
    placement keeps figures over figures."""
    a_head = _looks_like_header(a.rows[0]) or any(_kind(c.text) == "text" for c in a.rows[0])
    a_profiles = [_column_profile(a, range(c, c + 1), a_head) for c in range(a.n_cols)]
    b_profiles = [_column_profile(b, range(c, c + 1), False) for c in range(b.n_cols)]
    best: tuple[float, int] | None = None
    for m in range(b.n_cols):
        score = 0.0
        ok = True
        for j in range(b.n_cols):
            targets = [j] if j < m else ([j, j + 1] if j == m else [j + 1])
            bk = _dominant(b_profiles[j][0])
            aks = {_dominant(a_profiles[t][0]) for t in targets}
            if j == m and (bk != "text" or aks & {"num", "pct"}):
                ok = False  # only two text columns merge; a figure never stands for two
                break
            if bk in ("num", "pct") and aks != {bk}:
                ok = False
                break
            if bk == "text" and aks & {"num", "pct"} and len(targets) == 1:
                ok = False
                break
            grams: Counter[str] = Counter()
            for t in targets:
                grams.update(a_profiles[t][1])
            score += _cosine(b_profiles[j][1], grams)
        if ok and (best is None or score > best[0]):
            best = (score, m)
    return best[1] if best is not None else None


def _append(a: Table, b: Table, rows: list[list[Cell]], spans: list[tuple[int, int]] | None) -> Table:
    """a with b's rows appended below (renumbered; source locations kept)."""
    base = a.n_rows
    new_rows = [list(r) for r in a.rows]
    for i, row in enumerate(rows):
        new_row: list[Cell] = []
        for cell in row:
            if spans is None:
                col, span = cell.col, cell.col_span
            else:
                end_col = min(cell.col + cell.col_span, len(spans)) - 1
                col = spans[min(cell.col, len(spans) - 1)][0]
                last_start, last_span = spans[end_col]
                span = last_start + last_span - col
            new_row.append(cell.model_copy(update={"row": base + i, "col": col, "col_span": span}))
        new_rows.append(new_row)
    # a row span from b's dropped header rows cannot reach into the kept rows: clip spans
    for row in new_rows:
        for cell in row:
            cell.row_span = max(1, min(cell.row_span, len(new_rows) - cell.row))
    # every page the table spans, its first included (the PDF reader's convention)
    pages = list(a.continued_from_pages) or ([a.location.page] if a.location.page is not None else [])
    for p in [*b.continued_from_pages, b.location.page]:
        if p is not None and p not in pages:
            pages.append(p)
    if len(pages) < 2:
        pages = []
    return a.model_copy(update={"rows": new_rows, "continued_from_pages": pages})


# ---------------------------------------------------------------------------- 2b. a body cut from its header


def _join_cut_body(blocks: list[Block], notes: list[Note]) -> list[Block]:
    """A table that ends in its header row has lost its body to what follows: a
    converter that dropped each row's empty cells printed a row left with one cell as a
    paragraph ("产出指标", "质量") and rows of another length as tables of their own. The
    short paragraphs and the tables without a header of their own up to the last such
    table are its rows: a paragraph becomes a one-cell row, a table's rows are laid out
    left to right (a short row's last cell spans the rest, as in the fragment repair).
    The run stops at anything else (a sentence, a caption, a numbered heading, a table
    that starts with a header or is wider), so only a table with no row under its
    header takes rows, and only rows that cannot stand as a table of their own."""
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        b = blocks[i]
        if not (isinstance(b, Table) and b.rows and _ends_in_header(b)):
            out.append(b)
            i += 1
            continue
        j, last_table = i + 1, None
        while j < n:
            nb = blocks[j]
            if isinstance(nb, Table):
                if not nb.rows or nb.n_cols > b.n_cols or _starts_with_header(nb):
                    break
                last_table = j
            elif nb.text.strip() and (_is_page_number(nb) or not _is_continuation_candidate(nb)):
                break
            j += 1
        if last_table is None:
            out.append(b)
            i += 1
            continue
        run = blocks[i + 1 : last_table + 1]
        out.append(_with_body(b, run))
        notes.append(
            note(
                "table_body_joined",
                first=b.index + 1,
                tables=sum(isinstance(x, Table) for x in run),
                paragraphs=sum(isinstance(x, Paragraph) and bool(x.text.strip()) for x in run),
            )
        )
        i = last_table + 1
    return out


def _ends_in_header(table: Table) -> bool:
    # the table layer's test: two known column roles, no figure
    return is_header_row(sorted(table.rows[-1], key=lambda c: c.col))


def _starts_with_header(table: Table) -> bool:
    first = sorted(table.rows[0], key=lambda c: c.col)
    return _looks_like_header(first) or is_header_row(first)


def _with_body(head: Table, run: list[Block]) -> Table:
    width = head.n_cols
    rows = [list(r) for r in head.rows]
    for block in run:
        if isinstance(block, Paragraph):
            if block.text.strip():
                cell = Cell(text=block.text.strip(), row=len(rows), col=0, location=block.location)
                _lay_out([cell], width)
                rows.append([cell])
            continue
        for row in block.rows:
            cells = [c.model_copy(update={"row": len(rows), "row_span": 1}) for c in row]
            while len(cells) > 1 and not cells[-1].text.strip() and not cells[-1].tables:
                cells.pop()  # trailing padding of a narrower piece
            _lay_out(cells, width)
            rows.append(cells)
    return head.model_copy(update={"rows": rows})


# ---------------------------------------------------------------------------- 3. captions


def _is_caption(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 60 or "\n" in t:
        return False
    if _CAPTION.search(t):
        return True
    core = _TRAILING_PAREN.sub("", t)
    return bool(_TABLE_NAME_END.search(core)) and not core.endswith(("。", "：", ":"))


def _attach_captions(blocks: list[Block]) -> None:
    for i, b in enumerate(blocks):
        if not isinstance(b, Table) or b.caption:
            continue
        j = i - 1
        skipped = 0
        while j >= 0 and isinstance(blocks[j], Paragraph) and skipped <= 2:
            text = blocks[j].text.strip()  # type: ignore[union-attr]
            if _is_caption(text):
                b.caption = text
                break
            if not _UNIT_LINE.search(text):
                break
            skipped += 1
            j -= 1


# ---------------------------------------------------------------------------- block numbers


def _renumber(blocks: list[Block]) -> None:
    for i, b in enumerate(blocks):
        if b.location.block != i:
            b.location = b.location.model_copy(update={"block": i})
        if isinstance(b, Table):
            _renumber_cells(b, i)


def _renumber_cells(table: Table, block: int) -> None:
    for cell in table.iter_cells():
        if cell.location.block != block:
            cell.location = _with_block(cell.location, block)
        for inner in cell.tables:
            if inner.location.block != block:
                inner.location = _with_block(inner.location, block)
            _renumber_cells(inner, block)


def _with_block(loc: Location, block: int) -> Location:
    return loc.model_copy(update={"block": block})
