"""Format-independent table canonicalization: `canonicalize(doc) -> Document`.

The same report saved by Word, WPS or LibreOffice can carry the same table content in
different structures. `read_document` runs this step after every reader (and after
readers.postprocess), so that equal content gives equal tables. Pure: the input is
never changed; when nothing needs doing the same object is returned, else a changed
deep copy (with a note per changed table in Document.notes).

What differs between producers, and what is done about it:

1. Tables glued together. LibreOffice joins adjacent tables (a page-split table that
   a converter wrote as several w:tbl, or two unrelated tables with nothing between)
   into one table whose grid is the union of both column layouts: the rows of each
   former table keep their own cell boundaries, which cross the other's (e.g. 9 and 8
   columns over a 16-column grid). A table is cut between two maximal runs of rows with
   identical cell boundaries when the boundaries cross (each run has one the other
   lacks) and both runs have at least 2 rows (a single row with its own layout is a
   title or total row, not a table).
2. Page breaks inside a table. A page-split table glued back into one carries the
   repeated header in its body. A table (or a piece of it from point 1) is also cut
   before a row of labels only (two or more texts, no digits) that equals one of its
   first three rows, as postprocess's repeated-header test compares them, when rows
   follow. Tables of stacked blocks (a header per survey question, every few rows)
   repeat their header too, so repeats count only when each follows at least
   MIN_BODY_ROWS body rows (a page's worth); else the table is not cut at all.
3. The pieces of one table are then handed to postprocess's own continued-table join
   (`_join_continued`), i.e. treated exactly as the separate tables the other producer
   wrote: a repeated header is dropped, a row split at the page boundary is finished
   ("部分" + "完成" -> "部分完成") when the piece's first row leaves empty a column
   every recent row fills and has text only to the right of it, and a piece with one
   merged column is mapped onto the columns above. Pieces that do not join stay
   separate tables (fresh Table.index values after the document's largest). Rows are
   only ever joined at a cut, i.e. where a page boundary is evidenced: inside a table,
   a row with blank leading cells is far more often an ordinary row under a merged-
   looking group label than half of a broken row, and text alone cannot tell them
   apart. Two different source tables are never joined here.
4. Redundant grid lines. Every table (pieces and nested tables included) drops grid
   columns that no cell starts in and rows that no cell starts in (e.g. a row of
   vertical-merge continuations only); spans shrink accordingly.

Numbering: Cell.row/col (and Table.n_cols, Table.grid()) are in the canonical grid.
Cell.location.row/col keep the source file's numbering (the reader's row index and grid
column in the source table Location.table), so `--annotate` finds the cell in the .docx
again; a Table's location likewise keeps its source table. Location.block is
renumbered so it always indexes Document.blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from auditor.models import Cell, Document, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import Note, note
from auditor.readers.postprocess import _join_continued, _renumber

Block = Paragraph | Table

MIN_RUN_ROWS = 2  # a run of rows with its own layout must be this long to count as a table
HEADER_OFFSETS = 3  # a repeated header repeats one of the first rows (a title may stand above)
MIN_BODY_ROWS = 5  # rows a page holds at least before a page break repeats the header


def canonicalize(doc: Document) -> Document:
    """A Document whose tables are in canonical form (see module docstring)."""
    if not any(_needs_work(t) for t in doc.tables()):
        return doc
    out = doc.model_copy(deep=True)
    counter = _IndexCounter(max((t.index for t in out.tables()), default=-1) + 1)
    blocks: list[Block] = []
    for b in out.blocks:
        if isinstance(b, Table):
            blocks.extend(_canonical_table(b, out.notes, counter))
        else:
            blocks.append(b)
    _renumber(blocks)
    out.blocks = blocks  # type: ignore[assignment]
    return out


class _IndexCounter:
    def __init__(self, start: int) -> None:
        self.next = start

    def take(self) -> int:
        self.next += 1
        return self.next - 1


# ---------------------------------------------------------------------------- detection


def _needs_work(table: Table) -> bool:
    return bool(_cut_points(table)) or _has_redundant_lines(table)


def _has_redundant_lines(table: Table) -> bool:
    """Some grid column or row that no cell starts in (nested tables are checked on
    their own: Document.tables() yields them)."""
    starts = {c.col for c in table.iter_cells()}
    return len(starts) < table.n_cols or any(not row for row in table.rows)


def _signatures(table: Table) -> list[tuple[int, ...]]:
    """Per row, the grid columns where a cell covering that row starts."""
    sigs: list[tuple[int, ...]] = []
    for line in table.grid():
        starts: list[int] = []
        prev: Cell | None = None
        for c, cell in enumerate(line):
            if cell is not prev or cell is None:
                starts.append(c)
            prev = cell
        sigs.append(tuple(starts))
    return sigs


def _spans_across(table: Table, k: int) -> bool:
    """A cell above row k reaches into row k or below."""
    return any(c.row < k < c.row + c.row_span for r in table.rows[:k] for c in r)


def _layout_cuts(table: Table) -> list[int]:
    """Rows where a run with crossing cell boundaries begins (point 1)."""
    sigs = _signatures(table)
    runs: list[tuple[int, int]] = []  # (start, end) of maximal runs with one signature
    start = 0
    for r in range(1, len(sigs) + 1):
        if r == len(sigs) or sigs[r] != sigs[start]:
            runs.append((start, r))
            start = r
    cuts: list[int] = []
    for (a0, a1), (b0, b1) in zip(runs, runs[1:], strict=False):
        sa, sb = set(sigs[a0]), set(sigs[b0])
        crossing = bool(sa - sb) and bool(sb - sa)
        if crossing and a1 - a0 >= MIN_RUN_ROWS and b1 - b0 >= MIN_RUN_ROWS and not _spans_across(table, b0):
            cuts.append(b0)
    return cuts


def _row_texts(table: Table, r: int) -> tuple[str, ...]:
    """Row r's texts over the grid, each merged cell at its own column only."""
    out = [""] * table.n_cols
    for cell in table.rows[r]:
        if cell.col < table.n_cols:
            out[cell.col] = compact(cell.text)
    return tuple(out)


def _header_like(row: list[Cell]) -> bool:
    """Labels only: at least two non-empty cells, no figures (a data row has some)."""
    texts = [compact(c.text) for c in row if c.text.strip()]
    return len(set(texts)) >= 2 and not any(re.search(r"\d", t) for t in texts)


def _header_cuts(table: Table, start: int, end: int) -> list[int]:
    """Rows in [start, end) that begin a repeat of the header of the piece starting at
    `start` (one of its first rows, and the rows after it as far as they agree).

    A table of stacked blocks (one header per survey question) repeats its header too,
    every few rows; a page break repeats it after a page of rows. So repeats count only
    when every one of them follows at least MIN_BODY_ROWS rows of body, else none does.
    """
    heads = range(start, min(start + HEADER_OFFSETS, end))
    texts = {r: _row_texts(table, r) for r in range(start, end)}
    cuts: list[int] = []
    body_from: int | None = None  # first body row after the last header seen
    r = start + 2
    while r < end - 1:  # a repeat needs a row after it
        h = next((h for h in heads if h < r - 1 and texts[h] == texts[r]), None)
        if h is None or not _header_like(table.rows[r]) or _spans_across(table, r):
            r += 1
            continue
        k = 1  # header rows repeated
        while r + k < end - 1 and h + k < r and texts[h + k] == texts[r + k]:
            k += 1
        first_body = h + k if body_from is None else body_from
        if r - first_body < MIN_BODY_ROWS:
            return []
        cuts.append(r)
        body_from = r + k
        r += k
    return cuts


def _cut_points(table: Table) -> dict[int, str]:
    """Rows a table is cut before, with why: 'layout' (point 1) or 'header' (point 2)."""
    if table.n_rows < 2 * MIN_RUN_ROWS:
        return {}
    layout = _layout_cuts(table)
    cuts = dict.fromkeys(layout, "layout")
    bounds = [0, *layout, table.n_rows]
    for s, e in zip(bounds, bounds[1:], strict=False):
        cuts.update(dict.fromkeys(_header_cuts(table, s, e), "header"))
    return dict(sorted(cuts.items()))


# ---------------------------------------------------------------------------- rebuilding


def _canonical_table(table: Table, notes: list[Note], counter: _IndexCounter) -> list[Table]:
    for cell in table.iter_cells():
        cell.tables = [t for inner in cell.tables for t in _canonical_table(inner, notes, counter)]
    cuts = _cut_points(table)
    if not cuts:
        collapsed = _collapse(table)
        if collapsed.n_cols != table.n_cols or collapsed.n_rows != table.n_rows:
            notes.append(
                note(
                    "grid_reduced",
                    table=table.index + 1,
                    shape=f"{table.n_rows}x{table.n_cols}",
                    new_shape=f"{collapsed.n_rows}x{collapsed.n_cols}",
                )
            )
        return [collapsed]
    bounds = [0, *cuts, table.n_rows]
    pieces = [
        _collapse(_slice(table, s, e, table.index if i == 0 else counter.take()))
        for i, (s, e) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    scratch: list[Note] = []
    joined = _join_continued(list(pieces), scratch)
    tables = [b for b in joined if isinstance(b, Table)]
    notes.append(
        note(
            "glued_tables",
            table=table.index + 1,
            shape=f"{table.n_rows}x{table.n_cols}",
            cuts=[note(f"cut_{k}", row=r + 1) for r, k in cuts.items()],
            count=len(tables),
            shapes=", ".join(f"{t.n_rows}x{t.n_cols}" for t in tables),
            details=[note("details", items=scratch)] if scratch else [],
        )
    )
    return tables


def _slice(table: Table, start: int, end: int, index: int) -> Table:
    """Rows [start, end) as a table of their own (cells renumbered from row 0)."""
    rows = [
        [c.model_copy(update={"row": c.row - start, "row_span": min(c.row_span, end - c.row)}) for c in row]
        for row in table.rows[start:end]
    ]
    return Table(
        index=index,
        rows=rows,
        n_cols=table.n_cols,
        location=table.location,
        caption=table.caption if start == 0 else None,
        continued_from_pages=list(table.continued_from_pages) if start == 0 else [],
    )


def _collapse(table: Table) -> Table:
    """Drop grid columns and rows that no cell starts in; spans shrink to match."""
    col_starts = sorted({c.col for c in table.iter_cells()})
    keep_rows = [r for r, row in enumerate(table.rows) if row]
    if len(col_starts) == table.n_cols and len(keep_rows) == table.n_rows:
        return table
    col_map = {c: i for i, c in enumerate(col_starts)}
    row_map = {r: i for i, r in enumerate(keep_rows)}
    n_cols = len(col_starts)

    def new_end(kept: list[int], start: int, span: int) -> int:
        # the new end is the number of kept lines before the old end
        return bisect_left(kept, start + span)

    rows: list[list[Cell]] = []
    for r in keep_rows:
        row: list[Cell] = []
        for cell in table.rows[r]:
            col = col_map[cell.col]
            new_r = row_map[r]
            row.append(
                cell.model_copy(
                    update={
                        "row": new_r,
                        "col": col,
                        "col_span": max(1, new_end(col_starts, cell.col, cell.col_span) - col),
                        "row_span": max(1, new_end(keep_rows, r, cell.row_span) - new_r),
                    }
                )
            )
        rows.append(row)
    return table.model_copy(update={"rows": rows, "n_cols": n_cols})
