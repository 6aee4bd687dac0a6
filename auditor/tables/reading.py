"""One typed reading of a table: its blocks (a header row, or two, and the rows under
it), each column's role, each row's kind, and each row's figures by role.

A form table holds several blocks one under the other — a funds block, then an
indicator block whose header restarts mid-table — so a reading is a list of `Band`s.
Rows before the first header (项目名称 | …) and closing rows (评价结论, 存在问题 …) are
kept as `info` rows with their label and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from auditor.models import Cell, Table
from auditor.numbers import Num
from auditor.tables.align import align
from auditor.tables.cells import CellValue, classify, points_in_label, strip_points
from auditor.tables.lexicon import label_key, lexicon

RowKind = Literal["data", "total", "part", "placeholder", "section", "closing", "info", "not_understood"]
BandKind = Literal["funds", "indicators", "other"]
_LABEL_ROLES = ("level1", "level2", "level3")
_FUNDS_ROLES = {"budget_initial", "budget_full", "spent", "spent_midyear", "spent_forecast", "exec_rate"}
_INDICATOR_ROLES = {"target", "actual", "actual_midyear", "actual_forecast", "target_adjusted", "nature"}


@dataclass(frozen=True)
class Column:
    role: str
    header: Cell
    position: int


@dataclass
class RowReading:
    index: int
    kind: RowKind
    label: str = ""
    label_cell: Cell | None = None
    levels: dict[str, CellValue] = field(default_factory=dict)  # level1/level2/level3 as printed in the row
    values: dict[str, CellValue] = field(default_factory=dict)
    inferred: frozenset[str] = frozenset()
    text: str = ""  # info and closing rows: the text after the label
    cells: tuple[Cell, ...] = ()  # info and closing rows: the row's cells, left to right

    def num(self, role: str) -> Num | None:
        v = self.values.get(role)
        return v.number if v is not None and v.kind == "number" else None

    def cell(self, role: str) -> Cell | None:
        v = self.values.get(role)
        return v.cell if v is not None else None


@dataclass
class Band:
    kind: BandKind
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    label_roles: tuple[str, ...]
    label_positions: tuple[int, ...] = ()  # grid column of each label column's header
    weight: Num | None = None  # "(10分)" in the block label or a header cell
    weight_cell: Cell | None = None
    rows: list[RowReading] = field(default_factory=list)
    continued: bool = False  # carried over from the table before (no header of its own)
    label_text: str = ""  # the block's own label cell (预算执行情况(10分)), heading the label column
    sections: bool = False  # its first-level names stand on rows of their own ("产出指标" alone)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(c.role for c in self.columns)


@dataclass
class TableReading:
    table: Table
    bands: list[Band]
    info: list[RowReading]
    not_understood: list[int]  # row indices no block could read
    continued_tables: list[Table] = field(default_factory=list)  # tables that continue this one

    def band(self, kind: BandKind) -> Band | None:
        return next((b for b in self.bands if b.kind == kind), None)


def _distinct_cells(table: Table, r: int) -> list[Cell]:
    return sorted(table.rows[r], key=lambda c: c.col)


def _header_roles(cells: list[Cell]) -> list[tuple[Cell, str | None]]:
    lex = lexicon()
    return [(c, lex.role_of(c.text)) for c in cells if label_key(c.text)]


def is_header_row(cells: list[Cell]) -> bool:
    roles = _header_roles(cells)
    named = {r for _, r in roles if r is not None}
    if len(named) < 2:
        return False
    return not any(classify(c).kind == "number" for c, r in roles if r is None and points_in_label(c.text) is None)


_CACHE: dict[int, tuple[Table, TableReading]] = {}
_CACHE_SIZE = 512


def reading_of(table: Table) -> TableReading:
    """`read_table(table)`, once per table object: the form and the result-list readers
    both look at every table. The table is held with its reading, so an id is never reused
    while its entry lives."""
    hit = _CACHE.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    reading = read_table(table)
    _CACHE[id(table)] = (table, reading)
    return reading


def read_table(table: Table, carry: Band | None = None) -> TableReading:
    """Read `table`. `carry` is the last block of the table just before, for a table
    that continues it on the next page without repeating the header."""
    lex = lexicon()
    bands: list[Band] = []
    info: list[RowReading] = []
    not_understood: list[int] = []
    current: Band | None = None
    if carry is not None and carry.kind == "indicators":
        current = Band(
            carry.kind, (), carry.columns, carry.label_roles, carry.label_positions, continued=True,
            label_text=carry.label_text,
        )
        bands.append(current)
    last_indicators: Band | None = current
    r = 0
    while r < table.n_rows:
        cells = _distinct_cells(table, r)
        if is_header_row(cells):
            rows = [r]
            nxt = _distinct_cells(table, r + 1) if r + 1 < table.n_rows else []
            if nxt and is_header_row(nxt):
                rows.append(r + 1)
            current = _band(table, rows)
            bands.append(current)
            if current.kind == "indicators":
                last_indicators = current
            r += len(rows)
            continue
        values = [classify(c) for c in cells]
        filled = [v for v in values if v.kind != "empty"]
        if not filled:
            r += 1
            continue
        first = label_key(strip_points(filled[0].text))
        if any(first.startswith(w) for w in lex.closing_rows):
            info.append(_info_row(r, filled, "closing"))
            current = None
            r += 1
            continue
        if current is None and last_indicators is not None and lex.total_kind(first, "start", ("score",)) == "total":
            last_indicators.rows.append(_read_row(last_indicators, r, values))
            r += 1
            continue
        if current is None:
            info.append(_info_row(r, filled, "info"))
            r += 1
            continue
        row = _read_row(current, r, values)
        if row.kind == "not_understood":
            not_understood.append(r)
        current.rows.append(row)
        r += 1
    return TableReading(table, bands, info, not_understood)


def _info_row(r: int, filled: list[CellValue], kind: RowKind) -> RowReading:
    return RowReading(
        index=r,
        kind=kind,
        label=filled[0].text,
        label_cell=filled[0].cell,
        text=" ".join(v.text for v in filled[1:]),
        cells=tuple(v.cell for v in filled),
    )


def _band(table: Table, rows: list[int]) -> Band:
    lex = lexicon()
    first = _header_roles(_distinct_cells(table, rows[0]))
    weight: Num | None = None
    weight_cell: Cell | None = None
    for c, _ in first:
        w = points_in_label(c.text)
        if w is not None and weight is None:
            weight, weight_cell = w, c
    if len(rows) == 2:
        seen = {id(c) for c, _ in first}
        second = [(c, role) for c, role in _header_roles(_distinct_cells(table, rows[1])) if id(c) not in seen]
        combined = _expand(first, second)
    else:
        combined = first
    columns: list[Column] = []
    label_roles: list[str] = []
    label_positions: list[int] = []
    label_text = ""
    for c, role in combined:
        if role in _LABEL_ROLES:
            label_roles.append(role)
            label_positions.append(c.col)
        elif not columns and (role is None or lex.block_of(c.text)):
            label_text = label_text or c.text
            continue  # the block's own label (项目资金（元）, 绩效指标(90分)) heads the label column
        else:
            columns.append(Column(role or "other", c, c.col))
    roles = {c.role for c in columns}
    kind: BandKind = "other"
    if roles & _FUNDS_ROLES and not roles & _INDICATOR_ROLES:
        kind = "funds"
    elif roles & _INDICATOR_ROLES:
        kind = "indicators"
    if not label_roles:
        label_roles = ["level3"] if kind == "indicators" else ["label"]
    return Band(
        kind, tuple(rows), tuple(columns), tuple(label_roles), tuple(label_positions), weight, weight_cell,
        label_text=label_text,
    )


def _expand(first: list[tuple[Cell, str | None]], second: list[tuple[Cell, str | None]]) -> list[tuple[Cell, str | None]]:
    """Merge a two-row header: a group cell of the first row ('绩效指标', '年度指标值')
    stands for the cells of the second row that belong to it ('一级指标 | 二级指标 |
    三级指标', '指标性质 | 指标值 | 度量单位')."""
    lex = lexicon()
    queue = list(second)
    out: list[tuple[Cell, str | None]] = []
    for c, role in first:
        if role is None or lex.block_of(c.text) == "indicators" and role not in _LABEL_ROLES:
            taken = _take(queue, set(_LABEL_ROLES))
            out.extend(taken if taken else [(c, role)])
        elif role == "target" and queue and queue[0][1] in ("nature", "target", "unit"):
            out.extend(_take(queue, {"nature", "target", "unit"}))
        elif queue and queue[0][1] == role:
            out.append(queue.pop(0))
        else:
            out.append((c, role))
    out.extend(queue)
    return out


def _take(queue: list[tuple[Cell, str | None]], roles: set[str]) -> list[tuple[Cell, str | None]]:
    taken = []
    while queue and queue[0][1] in roles:
        taken.append(queue.pop(0))
    return taken


def _read_row(band: Band, r: int, values: list[CellValue]) -> RowReading:
    lex = lexicon()
    filled = [v for v in values if v.kind != "empty"]
    if band.label_text and len(filled) > 1 and label_key(filled[0].text) == label_key(band.label_text):
        # the block's label cell repeated down its rows (an unmerged or re-typed merge)
        values = [v for v in values if v is not filled[0]]
        filled = filled[1:]
    label_cells, rest = _split_labels(band, filled)
    label = " ".join(strip_points(v.text) for v in label_cells)
    key = label_key(label_cells[-1].text) if label_cells else ""
    if band.kind == "indicators" and not rest and len(label_cells) == 1 and _is_level1(label_cells[0]):
        # "产出指标" on a row of its own: the first-level name of the rows below it
        band.sections = True
        return RowReading(r, "section", label, label_cells[0].cell, {"level1": label_cells[0]})
    levels: dict[str, CellValue] = {}
    filled_at = [i for i, v in enumerate(values) if v.kind != "empty"]
    packed = not any(b - a > 1 for a, b in zip(filled_at, filled_at[1:], strict=False))
    if band.kind == "indicators":
        levels = _levels(band, label_cells, packed)
        if band.sections and "level1" in levels:
            # below a section row the first level is the section's: a row's own labels
            # start at the second level
            levels.setdefault("level2", levels.pop("level1"))
    kind: RowKind = "data"
    if lex.total_kind(key, "start", ("score",)) == "total" and len(label_cells) <= 1:
        kind = "total"
    elif band.kind == "funds" and any(label_key(label).startswith(w) for w in lex.funds_part_prefix):
        kind = "part"
    elif band.kind == "funds" and any(key.startswith(w) for w in lex.funds_total_rows):
        kind = "total"
    elif label_cells and lex.is_placeholder(key) or not rest and band.kind == "indicators":
        kind = "placeholder"
    row = RowReading(r, kind, label, label_cells[-1].cell if label_cells else None, levels)
    if kind == "placeholder" or not rest:
        return row
    if kind == "total" and band.kind == "indicators":
        # 总分 | 100 | 96 | 优: the weight, the score, maybe a grade
        nums = [v for v in rest if v.kind == "number"]
        roles = ["weight", "score"] if "weight" in band.roles else ["score"]  # 湖北: no weight column
        for role, v in zip(roles, nums, strict=False):
            row.values[role] = v
        texts = [v for v in rest if v.kind == "text"]
        if texts:
            row.values["grade"] = texts[0]
        return row
    trusted = _positions_trusted(band, values)
    positions = [c.position for c in band.columns] if trusted else None
    a = align(rest, band.roles, positions)
    while a is None and band.kind == "indicators" and rest and rest[0].kind == "text" and len(label_cells) < 4:
        # a level name the framework words do not know (an OCR-broken "产出指标"): one
        # more leading text cell is a label, the last label the indicator's name
        label_cells, rest = label_cells + [rest[0]], rest[1:]
        a = align(rest, band.roles, positions) if rest else None
        if a is not None:
            row.levels = _levels(band, label_cells, packed)
            row.label = " ".join(strip_points(v.text) for v in label_cells)
            row.label_cell = label_cells[-1].cell
    if a is None:
        row.kind = "not_understood"
        return row
    row.values = dict(a.values)
    row.inferred = a.inferred
    return row


def _split_labels(band: Band, filled: list[CellValue]) -> tuple[list[CellValue], list[CellValue]]:
    """The row's label cells (its name, and level names in an indicator block) and the
    cells with its figures. A label is text; an indicator row has at most one label per
    label column, and level names are told apart by the national frameworks' words."""
    lex = lexicon()
    labels: list[CellValue] = []
    i = 0
    max_labels = len(band.label_roles)
    if band.sections:
        max_labels = sum(1 for role in band.label_roles if role != "level1")
    while i < len(filled) and len(labels) < max_labels and filled[i].kind in ("text", "placeholder"):
        v = filled[i]
        labels.append(v)
        i += 1
        if band.kind != "indicators":
            break
        key = label_key(strip_points(v.text))
        if key not in lex.level2_names and (band.sections or key not in lex.level1_names):
            break  # the indicator's own name: what follows are its figures
    return labels, filled[i:]


def _is_level1(v: CellValue) -> bool:
    """A national framework's first-level name that is not also a second-level one."""
    lex = lexicon()
    key = label_key(strip_points(v.text))
    return key in lex.level1_names and key not in lex.level2_names


def _levels(band: Band, labels: list[CellValue], packed: bool = False) -> dict[str, CellValue]:
    """Which label is the first-level, second-level and the indicator's own name: by
    the column it stands in when the header's label columns are in order, else by the
    frameworks' level words; the last label is always the name. In a row whose blank
    cells were dropped (`packed`) the columns say nothing: the labels printed are the
    innermost levels (a parent cell is merged or left blank, a child never is), unless a
    level word says otherwise."""
    lex = lexicon()
    out: dict[str, CellValue] = {}
    by_position = dict(zip(band.label_positions, band.label_roles, strict=False))
    ordered = list(band.label_positions) == sorted(set(band.label_positions)) and len(band.label_positions) > 1
    inner: dict[int, str] = {}
    if packed and len(labels) < len(band.label_roles):
        roles = band.label_roles[len(band.label_roles) - len(labels) :]
        inner = {id(v): role for v, role in zip(labels, roles, strict=True)}
    for v in labels:
        key = label_key(strip_points(v.text))
        role = by_position.get(v.cell.col) if ordered else None
        if inner and not (key in lex.level1_names and key not in lex.level2_names):
            role = inner[id(v)]
        if v is labels[-1]:
            out["level3"] = v
        elif role in ("level1", "level2") and role not in out:
            out[role] = v
        elif key in lex.level1_names and "level1" not in out and "level2" not in out:
            out["level1"] = v
        elif key in lex.level2_names and "level2" not in out:
            out["level2"] = v
        elif "level1" not in out and "level2" not in out:
            out["level1"] = v
        else:
            out.setdefault("level2", v)
    return out


def _positions_trusted(band: Band, values: list[CellValue]) -> bool:
    """Cells stand under their headers when the header's columns are in order and the
    row keeps its blank cells (a blank between two filled cells); a row whose blanks
    were dropped has its cells packed to the left."""
    positions = [c.position for c in band.columns]
    if any(b <= a for a, b in zip(positions, positions[1:], strict=False)):
        return False
    idx = [i for i, v in enumerate(values) if v.kind != "empty"]
    return any(b - a > 1 for a, b in zip(idx, idx[1:], strict=False))
