"""Places a person can find: the context of a finding's place, and its one rendering.

A reader's Location says where a figure stands in the file's structure (block, table,
row, column); "第86段" or "表格3" are not numbers Word shows. `situate` adds what a reader
of the document sees around the place — the nearest heading above it, the paragraph's
number under that heading, a table's caption (else its first header cell), the row's
label and the column's header — and `describe_location` renders it, for every output
(text, JSON `place_zh`/`place_en`, SARIF, HTML, Word comments, the xlsx findings sheet):

    第5页，「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列
    p.5, under "（一）绩效评价综合结论", table "表1 绩效评价得分情况表", row 5 "效益", column "评价得分"
    「（二）过程情况分析」下第8段

The page is printed only when the reader knows it (PDF pages; .docx pages from Word's
rendered page breaks or a LibreOffice layout, auditor/readers/docx_pages.py); it is never
estimated. Only findings' places are situated (once per file, after the rules ran):
facts keep their bare locations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.findings import Finding, Place
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.readers.layout_pages import PageMap

_HEADING_MAX = 40  # a paragraph longer than this is not taken as a heading
_SHOWN_HEADING = 24  # characters of a heading / caption / label shown before "…"
_SHOWN_CAPTION = 30
_SHOWN_LABEL = 16
_LABEL_MAX = 20  # a cell longer than this is text, not a row label
# A numbered heading line: "三、…", "（二）…", "2.…", "2.1 …" (no sentence end, see _is_heading).
_NUMBERED = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|\d{1,2}(?:\.\d{1,2})*\s*[、.．](?!\d)|第[一二三四五六七八九十\d]{1,3}[章节部分])"
)
# A row's serial number ("1", "一", "（一）", "1.") is not its label.
_SERIAL = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]?$")


# ---------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _BlockContext:
    heading: str | None
    ordinal: int  # paragraph number under the heading; 0 for the heading itself


def _is_heading(p: Paragraph) -> bool:
    text = p.text.strip()
    if not text or len(text) > _HEADING_MAX or "\n" in text:
        return False
    if p.heading_level is not None:
        return True
    return bool(_NUMBERED.match(text)) and not text.endswith(("。", "；", ";")) and "。" not in text[:-1]


class _Index:
    """What `situate` needs of one document, built once per file."""

    def __init__(self, doc: Document) -> None:
        self.blocks: dict[int, _BlockContext] = {}
        heading: str | None = None
        ordinal = 0
        for i, block in enumerate(doc.blocks):
            if isinstance(block, Paragraph):
                if _is_heading(block):
                    heading, ordinal = block.text.strip(), 0
                else:
                    ordinal += 1
            self.blocks[i] = _BlockContext(heading, ordinal)
        self.tables: dict[int, Table] = {}
        for table in doc.tables():
            self.tables.setdefault(table.index, table)
        self._grids: dict[int, _Grid] = {}

    def grid(self, table: Table) -> _Grid:
        """The table's grid and header rows, once per table (a finding may have many places)."""
        done = self._grids.get(table.index)
        if done is None:
            done = self._grids[table.index] = _Grid.of(table)
        return done


@dataclass(frozen=True)
class _Grid:
    cells: list[list[Cell | None]]
    headers: tuple[int, ...]  # rows that read as a header (is_header_row)
    n_cols: int

    @staticmethod
    def of(table: Table) -> _Grid:
        from auditor.tables.reading import is_header_row

        cells = table.grid()
        headers = tuple(h for h, row in enumerate(cells) if is_header_row(_distinct(row)))
        return _Grid(cells, headers, table.n_cols)


def situate(doc: Document, findings: Iterable[Finding], pages: PageMap | None = None) -> None:
    """Fill in the heading, caption, row and column labels of every place of `findings`
    (in place: the findings are the run's own), and the page from a LibreOffice layout
    (`pages`, --pages) where the reader knew none."""
    index: _Index | None = None
    for f in findings:
        if not f.places:
            continue
        if index is None:
            index = _Index(doc)
        f.places = [_situated(index, p, pages) for p in f.places]


def _situated(index: _Index, place: Place, pages: PageMap | None) -> Place:
    loc = place.location
    if loc.sheet is not None or loc.block is None:
        return place
    ctx = index.blocks.get(loc.block)
    update: dict[str, object] = {}
    if pages is not None and loc.page is None:
        if loc.table is not None and loc.row is not None:
            update["page"] = pages.rows.get((loc.table, loc.row))
        else:
            update["page"] = pages.blocks.get(loc.block)
    if ctx is not None:
        update["heading"] = ctx.heading
        if loc.table is None:
            update["section_paragraph"] = ctx.ordinal
    if loc.table is not None:
        table = index.tables.get(loc.table)
        if table is not None:
            if table.caption and table.caption.strip():
                update["caption"] = table.caption.strip()
            else:
                update["first_cell"] = _first_cell(table)
            if loc.row is not None and loc.col is not None:
                row_label, col_label = labels(index.grid(table), loc.row, loc.col)
                update["row_label"], update["col_label"] = row_label, col_label
    return place.model_copy(update={"location": loc.model_copy(update=update)})


def _first_cell(table: Table) -> str | None:
    for row in table.rows[:1]:
        for cell in sorted(row, key=lambda c: c.col):
            text = _first_line(cell.text)
            if text:
                return text
    return None


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def _label_like(cell: Cell) -> bool:
    from auditor.tables.cells import classify

    text = _first_line(cell.text)
    if not text or len(text) > _LABEL_MAX or _SERIAL.match(text):
        return False
    return classify(cell).kind not in ("number", "empty", "placeholder")


def _skippable(cell: Cell) -> bool:
    text = _first_line(cell.text)
    return not text or bool(_SERIAL.match(text))


def labels(table: _Grid, r: int, c: int) -> tuple[str | None, str | None]:
    """(row label, column header) of grid position (r, c).

    The header is the nearest row above `r` that reads as a header (two or more known
    column names, no figures: auditor.tables.reading.is_header_row); a form laid out as
    label | value pairs has none, and the row label is then the label just left of the
    value. Otherwise the row label is the last of the row's leading label cells (the most
    specific indicator level: 过程 | 组织实施 | 制度执行有效性 | 5 …), the first when the row
    opens with more than three text cells (a list of items, not indicator levels)."""
    grid = table.cells
    if not (0 <= r < len(grid)) or not (0 <= c < table.n_cols):
        return None, None
    header = max((h for h in table.headers if h < r), default=None)
    row = _distinct(grid[r])
    if header is None:
        left = [cell for cell in row if cell.col < c and _label_like(cell)]
        return (_first_line(left[-1].text) if left else None), _sub_header(grid, r, c)
    col_label = None
    for h in range(header, -1, -1):  # a two-row header: the lower row names the column
        cell = grid[h][c]
        if cell is not None and _first_line(cell.text):
            if _label_like(cell):  # a name, not a sentence a form's header row may hold
                col_label = _first_line(cell.text)
            break
    roles = _column_roles(grid, header)
    return _indicator_label(grid[r], roles) or _row_label(row, c, roles), col_label


_LEVELS = ("level3", "level2", "level1")  # the most specific indicator level first


def _column_roles(grid: list[list[Cell | None]], header: int) -> dict[int, str]:
    """Each column's role by its header (auditor/tables/lexicon.yaml), the lower header row winning."""
    from auditor.tables.lexicon import lexicon

    lex = lexicon()
    roles: dict[int, str] = {}
    for h in range(max(0, header - 1), header + 1):
        for c, cell in enumerate(grid[h]):
            role = lex.role_of(cell.text) if cell is not None and cell.text.strip() else None
            if role is not None:
                roles[c] = role
    return roles


def _indicator_label(cells: list[Cell | None], roles: dict[int, str]) -> str | None:
    """In a table with indicator-level columns (一级/二级/三级指标), the row's most specific
    indicator name labels it."""
    for level in _LEVELS:
        for c, role in sorted(roles.items()):
            cell = cells[c] if c < len(cells) else None
            if role == level and cell is not None and _label_like(cell):
                return _first_line(cell.text)
    return None


def _sub_header(grid: list[list[Cell | None]], r: int, c: int) -> str | None:
    """A form's block of figures under a row of names (资金情况 | 合计 | 中央资金 | …, then
    42.65 | - | …): the name above names the column. Only when the row above holds names
    alone (two or more, no figure) and the cell above is not the place's own merged cell."""
    if r == 0:
        return None
    own = grid[r][c]
    # the place's row is figures (after its label in the first column): not label | value pairs
    if any(_label_like(cell) for cell in _distinct(grid[r]) if cell.col > 0 and cell.row == r and cell is not own):
        return None
    above = _distinct(grid[r - 1])
    if sum(1 for cell in above if _label_like(cell)) < 2 or not all(
        _label_like(cell) or _skippable(cell) for cell in above
    ):
        return None
    cell = grid[r - 1][c]
    if cell is None or cell is grid[r][c] or not _label_like(cell):
        return None
    return _first_line(cell.text)


def _distinct(cells: list[Cell | None]) -> list[Cell]:
    seen: set[int] = set()
    out: list[Cell] = []
    for cell in cells:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def _row_label(row: list[Cell], c: int, roles: dict[int, str] | None = None) -> str | None:
    run: list[Cell] = []
    for cell in row:
        if _skippable(cell) or (roles and roles.get(cell.col) not in (None, *_LEVELS)):
            continue  # a column of values (目标值, 完成情况 …) labels no row
        if not _label_like(cell):
            break
        if cell.col > c:
            break
        run.append(cell)
        if cell.col <= c < cell.col + cell.col_span:
            break
    if not run:
        return None
    pick = run[-1] if len(run) <= 3 else run[0]
    return _first_line(pick.text)


# ---------------------------------------------------------------------------- rendering


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _cut(text: str, limit: int) -> str:
    """One line, no spaces a layout put between Chinese characters ('可持 续影 响'), at
    most `limit` characters."""
    text = _CJK_GAP.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_location(loc: Location, lang: str = "zh") -> str:
    """The one rendering of a place (see module doc). Without context (facts, hand-made
    locations) it falls back to the reader's numbering: '表格2 第4行第1列', '第12段'."""
    zh = lang != "en"
    if loc.sheet is not None:
        sheet = _quoted_sheet(loc.sheet)
        if loc.cell:
            return f"{sheet}!{loc.cell}"
        return f"工作表{sheet}" if zh else f"sheet {sheet}"
    if not _has_context(loc):
        return _bare(loc, zh)
    parts: list[str] = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"p.{loc.page}")
    if loc.line is not None:  # a text editor goes to a line
        parts.append(f"第{loc.line}行" if zh else f"line {loc.line}")
    heading = _cut(loc.heading, _SHOWN_HEADING) if loc.heading else None
    if loc.table is not None:
        if heading and not _names_heading(loc.caption, loc.heading):
            parts.append(f"「{heading}」下" if zh else f'under "{heading}"')
        parts.extend(_table_parts(loc, zh))
    elif loc.section_paragraph is not None:
        parts.append(_paragraph_part(loc, heading, zh))
    if not parts and loc.block is not None:
        parts.append(f"第{loc.block + 1}块" if zh else f"block {loc.block + 1}")
    return ("，" if zh else ", ").join(parts)


def _has_context(loc: Location) -> bool:
    return any(
        v is not None
        for v in (loc.heading, loc.section_paragraph, loc.caption, loc.first_cell, loc.row_label, loc.col_label)
    )


def _bare(loc: Location, zh: bool) -> str:
    """A location nothing situated (facts, `audit dump`): the reader's numbering,
    '第3页 表格2 第4行第1列' / 'p.3 table 2 row 4 col 1'."""
    parts: list[str] = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"p.{loc.page}")
    if loc.table is not None:
        parts.append(f"表格{loc.table + 1}" if zh else f"table {loc.table + 1}")
        if loc.row is not None:
            r, c = loc.row + 1, (loc.col or 0) + 1
            parts.append(f"第{r}行第{c}列" if zh else f"row {r} col {c}")
    elif loc.paragraph is not None:
        parts.append(f"第{loc.paragraph + 1}段" if zh else f"paragraph {loc.paragraph + 1}")
    if loc.line is not None:
        parts.append(f"第{loc.line}行" if zh else f"line {loc.line}")
    if not parts and loc.block is not None:
        parts.append(f"第{loc.block + 1}块" if zh else f"block {loc.block + 1}")
    return " ".join(parts)


def _names_heading(caption: str | None, heading: str | None) -> bool:
    """A caption that repeats its heading ('附件1' above '附件1 绩效评价指标体系及评分表')
    makes the heading redundant."""
    if not caption or not heading:
        return False
    a, b = "".join(caption.split()), "".join(heading.split())
    return a.startswith(b) or b.startswith(a)


def _paragraph_part(loc: Location, heading: str | None, zh: bool) -> str:
    n = loc.section_paragraph or 0
    if heading and n == 0:
        return f"标题「{heading}」" if zh else f'heading "{heading}"'
    if heading:
        return f"「{heading}」下第{n}段" if zh else f'paragraph {n} under "{heading}"'
    return f"文档开头第{n}段" if zh else f"paragraph {n} from the start"


def _table_parts(loc: Location, zh: bool) -> list[str]:
    assert loc.table is not None
    if loc.caption:
        caption = _cut(loc.caption, _SHOWN_CAPTION)
        parts = [caption if zh else f'table "{caption}"']
    elif loc.first_cell:  # no caption: the first header cell names the table
        first = _cut(loc.first_cell, _SHOWN_LABEL)
        parts = [f"「{first}」表" if zh else f'the table headed "{first}"']
    else:
        parts = [f"表格{loc.table + 1}" if zh else f"table {loc.table + 1}"]
    if loc.row is None:
        return parts
    row_label = _cut(loc.row_label, _SHOWN_LABEL) if loc.row_label else None
    if zh:
        parts.append(f"第{loc.row + 1}行" + (f"「{row_label}」" if row_label else ""))
    else:
        parts.append(f"row {loc.row + 1}" + (f' "{row_label}"' if row_label else ""))
    col_label = _cut(loc.col_label, _SHOWN_LABEL) if loc.col_label else None
    col = (loc.col or 0) + 1
    if col_label:
        parts.append(f"{col_label}列" if zh else f'column "{col_label}"')
    else:
        parts.append(f"第{col}列" if zh else f"col {col}")
    return parts


def _quoted_sheet(name: str) -> str:
    """Excel quotes a sheet name that is not one word: 'My Sheet'!A1 (a quote doubled)."""
    if name and all(ch.isalnum() or ch in "_." for ch in name):
        return name
    return "'" + name.replace("'", "''") + "'"
