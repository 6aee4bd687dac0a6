"""Read an .xlsx workbook into a `Document`, laid out as a .docx of the same form would be.

Self-assessment forms (项目支出绩效自评表) are mostly filled in Excel. The workbook is
opened read-only with cached formula values (openpyxl, data_only); each worksheet's XML
is streamed once through openpyxl's own sheet parser, which also yields the merged
ranges and the row/column properties that read-only mode otherwise hides.

What comes out, per visible worksheet in tab order:
- a Paragraph with the sheet name (heading level 1, style "sheet");
- the sheet's used range (cells with text, and merges anchored on them), hidden rows
  and columns left out, cut into tables at fully blank rows that no vertical merge
  crosses (two blocks of one form separated by an empty row; a cut inside one table is
  rejoined by postprocess's continued-table join, as for a page break);
- in each block, leading and trailing rows of text only, holding one cell (a title such
  as "2023年度项目支出绩效自评表", "金额单位：万元") or led by a "label：value" cell
  ("填报单位：X | 金额单位：万元", "填报人：X | 联系电话：Y | 填报日期：Z"), become
  paragraphs above or below the table (cell texts joined by a space), as the .docx of
  the same form has them; the last one above is the caption when it names a table
  (postprocess). Rows inside a table stay table rows;
- merged ranges as row_span/col_span (a merge over hidden rows or columns spans the
  visible ones); values Excel hides under a merge are not read;
- each cell's printed text from its number format (readers.xlsx_format); a formula's
  cached value, or an empty cell and a note when the file holds none (written by a
  program that does not calculate); error values (#DIV/0!) as printed.
Hidden sheets, rows and columns are not printed and not read; each gets a note.

Locations: sheet and A1 cell (Location.describe prints "Sheet1!F12"), plus the usual
block/table/row/col indices so rules and extractors work unchanged. A table's location
cell is its range ("A3:H21").

Guards: readers.zipguard as for .docx (size, ratio, DTD/entities), then the `<c>` and
`<mergeCell>` elements of every sheet are counted by a streaming pre-pass with a hard cap
(MAX_CELLS) before anything is parsed: declared dimensions are never trusted. A table's
grid (rows x columns) is capped too (MAX_GRID), against far-apart cells or merges.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from lxml import etree

from auditor.errors import InputError
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.notes import Note, note
from auditor.readers.postprocess import postprocess
from auditor.readers.xlsx_format import ZH_BUILTIN, format_value, general
from auditor.readers.zipguard import check_zip

MAX_CELLS = 1_000_000  # <c> + <mergeCell> elements in the whole workbook; a form has ~500
MAX_GRID = 500_000  # rows x columns of a sheet's used range; merged areas together likewise
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_C_TAG = _NS + "c"
_MERGE_TAG = _NS + "mergeCell"
_F_TAG = _NS + "f"
_BUILTIN_MAX = 164  # openpyxl stores custom formats at ids 164+


@dataclass
class _Raw:
    """One non-empty sheet cell: its printed text, and whether it is text (not a figure)."""

    text: str
    is_text: bool


@dataclass
class _Sheet:
    name: str
    cells: dict[tuple[int, int], _Raw] = field(default_factory=dict)  # (row, col), 1-based
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


def read_xlsx(path: str) -> Document:
    """Read an .xlsx file. Raises InputError: 'not_a_workbook', 'no_workbook_part', 'zip_bomb',
    'hostile_xml', 'encrypted', 'too_many_cells', 'corrupt'."""
    path = str(path)
    try:
        check_zip(path, required=("xl/workbook.xml",))
    except InputError as exc:
        if exc.reason == "no_document_part":
            raise InputError(path, "no_workbook_part") from None
        if exc.reason == "not_a_zip":  # that message names .docx
            raise InputError(path, "not_a_workbook") from None
        raise
    _count_cells(path)
    # A file object, not the path: openpyxl refuses names not ending in .xlsx, and an
    # .xlsx saved as .xls (or the temporary copy of a converted .et) is still an .xlsx.
    with open(path, "rb") as fh, warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation, conditional formats):
        # nothing we read, and a warning line would break the one-line-per-file output
        warnings.simplefilter("ignore")
        wb = _open(path, fh)
        try:
            doc = _WorkbookReader(path, wb).read()
        finally:
            wb.close()
    return postprocess(doc)


def _open(path: str, fh):  # type: ignore[no-untyped-def]
    import openpyxl

    try:
        return openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except (KeyError, zipfile.BadZipFile, ValueError, TypeError, etree.XMLSyntaxError) as exc:
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        raise InputError(path, "corrupt", detail=detail) from None


def _count_cells(path: str) -> None:
    """Stream every worksheet's XML counting <c> and <mergeCell> elements; refuse the file
    beyond MAX_CELLS. Memory stays flat: each element is dropped once counted."""
    count = 0
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not name.lower().endswith(".xml"):
                continue  # every XML part: a sheet may live at any path the relationships name
            with zf.open(name) as fh:
                parser = etree.iterparse(
                    fh, events=("end",), tag=(_C_TAG, _MERGE_TAG), resolve_entities=False, no_network=True
                )
                try:
                    for _, el in parser:
                        count += 1
                        if count > MAX_CELLS:
                            raise InputError(path, "too_many_cells", limit=MAX_CELLS)
                        el.clear()
                        parent = el.getparent()
                        while el.getprevious() is not None and parent is not None:
                            del parent[0]
                except etree.XMLSyntaxError as exc:
                    raise InputError(path, "corrupt", detail=f"{name}: {exc.msg}") from None


def _sheet_parser_class():  # type: ignore[no-untyped-def]
    from openpyxl.worksheet._reader import WorkSheetParser

    class _Parser(WorkSheetParser):
        """openpyxl's streaming sheet parser, remembering formulas without a cached value."""

        def parse_cell(self, element):  # type: ignore[no-untyped-def]
            cell = super().parse_cell(element)
            if cell["value"] is None and (f := element.find(_F_TAG)) is not None:
                cell["formula"] = "=" + (f.text or "")
            return cell

    return _Parser


class _WorkbookReader:
    def __init__(self, path: str, wb) -> None:  # type: ignore[no-untyped-def]
        self.path = path
        self.wb = wb
        self.blocks: list[Paragraph | Table] = []
        self.notes: list[Note] = []
        self.n_tables = 0
        self.n_paragraphs = 0
        self._formats: dict[int, str] = {}

    def read(self) -> Document:
        for ws in self.wb.worksheets:
            if ws.sheet_state != "visible":
                self.notes.append(note("sheet_hidden", sheet=ws.title))
                continue
            sheet = self._load(ws)
            self._paragraph(sheet.name, sheet.name, None, heading=1)
            self._lay_out(sheet)
        return Document(path=self.path, format="xlsx", blocks=self.blocks, notes=self.notes)

    # ------------------------------------------------------------------ loading

    def _load(self, ws) -> _Sheet:  # type: ignore[no-untyped-def]
        sheet = _Sheet(ws.title)
        unrendered: list[tuple[str, str]] = []
        uncached: list[tuple[str, str]] = []
        with ws._get_source() as src:
            parser = _sheet_parser_class()(
                src,
                ws._shared_strings,
                data_only=True,
                epoch=self.wb.epoch,
                date_formats=self.wb._date_formats,
                timedelta_formats=self.wb._timedelta_formats,
            )
            for _, cells in parser.parse():
                for c in cells:
                    raw = self._raw(c, unrendered, uncached)
                    if raw is not None:
                        sheet.cells[(c["row"], c["column"])] = raw
            for r, attrs in parser.row_dimensions.items():
                if _true(attrs.get("hidden")):
                    sheet.hidden_rows.add(int(r))
            for attrs in parser.column_dimensions.values():
                if _true(attrs.get("hidden")):
                    lo, hi = int(attrs.get("min", 0)), int(attrs.get("max", 0))
                    sheet.hidden_cols.update(range(lo, min(hi, 16384) + 1))
            if parser.merged_cells is not None:
                for m in parser.merged_cells.mergeCell:
                    bounds = _range_bounds(m.ref)
                    if bounds is not None:
                        sheet.merges.append(bounds)
        name = sheet.name
        for ref, formula in uncached:
            self.notes.append(note("formula_no_value", ref=f"{name}!{ref}", formula=formula[:60]))
        if unrendered:
            ref, code = unrendered[0]
            self.notes.append(note("format_unrendered", ref=f"{name}!{ref}", fmt=code, count=len(unrendered)))
        return sheet

    def _raw(self, c: dict, unrendered: list, uncached: list) -> _Raw | None:  # type: ignore[type-arg]
        from openpyxl.utils import get_column_letter

        value, kind = c["value"], c["data_type"]
        ref = f"{get_column_letter(c['column'])}{c['row']}"
        if value is None:
            if "formula" in c:
                uncached.append((ref, c["formula"]))
            return None
        if kind == "s" or kind == "e" or isinstance(value, str):
            code = self._format(c["style_id"])
            text = format_value(str(value), code) if kind == "s" else str(value)
            is_text = kind == "s"
        else:
            code = self._format(c["style_id"])
            text = format_value(value, code)
            if text is None:
                unrendered.append((ref, code))
                text = general(value) if isinstance(value, int | float) else str(value)
            is_text = isinstance(value, datetime | date | time)  # a date line reads as text
        text = normalize_text(text or "")
        return _Raw(text, is_text) if text else None

    def _format(self, style_id: int) -> str:
        code = self._formats.get(style_id)
        if code is None:
            code = self._formats[style_id] = self._resolve_format(style_id)
        return code

    def _resolve_format(self, style_id: int) -> str:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        try:
            fmt_id = self.wb._cell_styles[style_id].numFmtId
        except (IndexError, TypeError):
            return "General"
        if fmt_id in ZH_BUILTIN:
            return ZH_BUILTIN[fmt_id]
        if fmt_id < _BUILTIN_MAX:
            return BUILTIN_FORMATS.get(fmt_id, "General")
        try:
            return self.wb._number_formats[fmt_id - _BUILTIN_MAX]
        except IndexError:
            return "General"

    # ------------------------------------------------------------------ layout

    def _lay_out(self, sheet: _Sheet) -> None:
        rows, cols = self._visible_box(sheet)
        if not rows or not cols:
            return
        if sheet.hidden_rows:
            hidden = sorted(r for r in sheet.hidden_rows if rows[0] <= r <= rows[-1])
            if hidden:
                self.notes.append(note("rows_hidden", sheet=sheet.name, rows=_runs(hidden)))
        if sheet.hidden_cols:
            hidden = sorted(c for c in sheet.hidden_cols if cols[0] <= c <= cols[-1])
            if hidden:
                self.notes.append(note("cols_hidden", sheet=sheet.name, cols=_runs(hidden, letters=True)))
        anchors = self._anchors(sheet, rows, cols)
        for segment in _segments(rows, anchors):
            self._block(sheet, segment, cols, anchors)

    def _visible_box(self, sheet: _Sheet) -> tuple[list[int], list[int]]:
        """Visible rows and columns of the used range: text cells and merges anchored on them."""
        rs: list[int] = []
        cs: list[int] = []
        for r, c in sheet.cells:
            rs.append(r)
            cs.append(c)
        for r1, c1, r2, c2 in sheet.merges:
            if (r1, c1) in sheet.cells:
                rs.append(r2)
                cs.append(c2)
        if not rs:
            return [], []
        rows = [r for r in range(min(rs), max(rs) + 1) if r not in sheet.hidden_rows]
        cols = [c for c in range(min(cs), max(cs) + 1) if c not in sheet.hidden_cols]
        if len(rows) * len(cols) > MAX_GRID:
            raise InputError(self.path, "too_many_cells", limit=MAX_GRID)
        return rows, cols

    def _anchors(self, sheet: _Sheet, rows: list[int], cols: list[int]) -> dict[tuple[int, int], _Anchor]:
        """Every cell that stands in the grid, by (sheet row, sheet col) of its visible
        top-left position, with its visible span."""
        row_set, col_set = set(rows), set(cols)
        out: dict[tuple[int, int], _Anchor] = {}
        covered: set[tuple[int, int]] = set()
        budget = MAX_GRID  # valid merges never overlap, so their areas add up to the grid at most
        for r1, c1, r2, c2 in sheet.merges:
            budget -= max(min(r2, rows[-1]) - max(r1, rows[0]) + 1, 0) * max(min(c2, cols[-1]) - max(c1, cols[0]) + 1, 0)
            if budget < 0:
                raise InputError(self.path, "too_many_cells", limit=MAX_GRID)
            vr = [r for r in range(max(r1, rows[0]), min(r2, rows[-1]) + 1) if r in row_set]
            vc = [c for c in range(max(c1, cols[0]), min(c2, cols[-1]) + 1) if c in col_set]
            if not vr or not vc or (vr[0], vc[0]) in covered or (vr[0], vc[0]) in out:
                continue  # overlapping merges (invalid file): the first wins
            raw = sheet.cells.get((r1, c1))
            out[(vr[0], vc[0])] = _Anchor(raw, vr[0], vc[0], len(vr), len(vc), r1, c1)
            covered.update((r, c) for r in vr for c in vc if (r, c) != (vr[0], vc[0]))
        for (r, c), raw in sheet.cells.items():
            if r in row_set and c in col_set and (r, c) not in covered and (r, c) not in out:
                out[(r, c)] = _Anchor(raw, r, c, 1, 1, r, c)
        return out

    def _block(self, sheet: _Sheet, rows: list[int], all_cols: list[int], anchors: dict) -> None:  # type: ignore[type-arg]
        by_row: dict[int, list[_Anchor]] = {r: [] for r in rows}
        for (r, _), a in anchors.items():
            if r in by_row:
                by_row[r].append(a)
        for cells in by_row.values():
            cells.sort(key=lambda a: a.col)
        head, tail = 0, len(rows)
        while head < tail and _title_row(by_row[rows[head]]):
            head += 1
        while tail > head and _title_row(by_row[rows[tail - 1]]):
            tail -= 1
        for r in rows[:head]:
            self._line(sheet.name, by_row[r])
        if head < tail:
            # the table's columns: from its first cell's column to its last cell's end
            position = {c: i for i, c in enumerate(all_cols)}
            mine = [a for r in rows[head:tail] for a in by_row[r]]
            lo = min(position[a.col] for a in mine)
            hi = max(min(position[a.col] + a.col_span, len(all_cols)) for a in mine)
            self.blocks.append(self._table(sheet.name, rows[head:tail], all_cols[lo:hi], by_row))
        for r in rows[tail:]:
            self._line(sheet.name, by_row[r])

    def _line(self, sheet: str, cells: list[_Anchor]) -> None:
        """A title row as one paragraph: its cells' texts left to right, spaced."""
        filled = [a for a in cells if a.raw is not None]
        self._paragraph(" ".join(a.raw.text for a in filled), sheet, filled[0].ref, heading=None)  # type: ignore[union-attr]

    def _table(
        self,
        sheet: str,
        rows: list[int],
        cols: list[int],
        by_row: dict[int, list[_Anchor]],
    ) -> Table:
        from openpyxl.utils import get_column_letter

        index = self.n_tables
        self.n_tables += 1
        block = len(self.blocks)
        row_index = {r: i for i, r in enumerate(rows)}
        col_index = {c: i for i, c in enumerate(cols)}
        out: list[list[Cell]] = []
        for r in rows:
            row_cells: list[Cell] = []
            for a in by_row[r]:
                if a.col not in col_index:
                    continue
                i, j = row_index[r], col_index[a.col]
                row_cells.append(
                    Cell(
                        text=a.raw.text if a.raw is not None else "",
                        row=i,
                        col=j,
                        row_span=min(a.row_span, len(rows) - i),
                        col_span=min(a.col_span, len(cols) - j),
                        location=Location(
                            file=self.path, block=block, table=index, row=i, col=j, sheet=sheet, cell=a.ref
                        ),
                    )
                )
            out.append(row_cells)
        span = f"{get_column_letter(cols[0])}{rows[0]}:{get_column_letter(cols[-1])}{rows[-1]}"
        return Table(
            index=index,
            rows=out,
            n_cols=len(cols),
            location=Location(file=self.path, block=block, table=index, sheet=sheet, cell=span),
        )

    def _paragraph(self, text: str, sheet: str, ref: str | None, heading: int | None) -> None:
        self.blocks.append(
            Paragraph(
                text=text,
                heading_level=heading,
                style="sheet" if heading else None,
                location=Location(
                    file=self.path, block=len(self.blocks), paragraph=self.n_paragraphs, sheet=sheet, cell=ref
                ),
            )
        )
        self.n_paragraphs += 1


@dataclass
class _Anchor:
    """A cell standing in the grid: its content (None for an empty merged range), its
    visible top-left position and span, and the sheet position Excel names it by."""

    raw: _Raw | None
    row: int
    col: int
    row_span: int
    col_span: int
    src_row: int
    src_col: int

    @property
    def ref(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.src_col)}{self.src_row}"


def _title_row(cells: list[_Anchor]) -> bool:
    """A row that a .docx would have as a paragraph: one text cell ("2023年度项目支出绩效
    自评表", "金额单位：万元"), or text cells led by a "label：value" cell ("填报单位：X |
    金额单位：万元", "填报人：X | 联系电话：Y | 填报日期：Z"); nothing reaching into the next row."""
    filled = [a for a in cells if a.raw is not None]
    if not filled or any(a.row_span > 1 for a in filled):
        return False
    if not all(a.raw.is_text for a in filled):  # type: ignore[union-attr]
        return False
    return len(filled) == 1 or any(colon in filled[0].raw.text for colon in "：:")  # type: ignore[union-attr]


def _segments(rows: list[int], anchors: dict[tuple[int, int], _Anchor]) -> Iterator[list[int]]:
    """Runs of rows between fully blank rows; a row covered by a merge from the row above
    is never blank (the merge crosses it)."""
    position = {r: i for i, r in enumerate(rows)}
    filled: set[int] = set()
    for a in anchors.values():
        if a.raw is not None:
            filled.add(a.row)
        if a.row_span > 1:
            i = position[a.row]
            filled.update(rows[i : i + a.row_span])
    run: list[int] = []
    for r in rows:
        if r in filled:
            run.append(r)
        elif run:
            yield run
            run = []
    if run:
        yield run


def _range_bounds(ref: str) -> tuple[int, int, int, int] | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        c1, r1, c2, r2 = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if None in (c1, r1, c2, r2):
        return None
    return r1, c1, r2, c2  # type: ignore[return-value]


def _true(value: object) -> bool:
    return str(value).lower() in ("1", "true")


def _runs(values: list[int], letters: bool = False) -> str:
    """'3, 5–7' (rows) or 'C, E–G' (columns)."""
    from openpyxl.utils import get_column_letter

    name = get_column_letter if letters else str
    parts: list[str] = []
    start = prev = values[0]
    for v in [*values[1:], None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        parts.append(name(start) if start == prev else f"{name(start)}–{name(prev)}")
        if v is not None:
            start = prev = v
    return ", ".join(parts)
