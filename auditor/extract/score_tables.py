"""Table understanding for scoring tables: which rows are headers, what each column is,
and how the rows nest into an indicator tree.

A scoring table is recognised conservatively: a header row must name a weight column
(分值/权重/权重分/指标分值/标准分) and a score column (得分/评分/评价得分/实际得分 or 自评得分),
and most data rows must hold numbers there. Layouts read:

- levels in separate columns (一级/二级/三级指标), the parent cell vertically merged
  (one Cell with row_span > 1), repeated on every row, or left empty below its first
  row: the three give the same tree;
- one name column with code + name ("A11部门职能明确性"), rows mixing levels: the level
  comes from the code (A1 -> 二级, A11 -> 三级) or, without codes, from the weights
  (a row is a parent when the rows below it add up to its weight);
- weights in the label ("决策 (20分)", or before the name: "(20分)决策", and then
  "(10)绩效目标" in the same column: `weight_from_header`), a weight column per
  level, a self-assessment column next to the evaluator's (two trees);
- header rows in mid-table (a self-assessment form: a money block, then indicators);
  the form's 偏差原因分析 column explains lost points, so it is the deduction reason;
- short (ragged) rows, where a converter merged two text columns: the columns right
  of the text columns are counted from the right;
- a 合计/总分 row: the level-0 node's own printed values.

Nothing is computed: every value is a printed one, with the cell it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from auditor.extract.indicators import Label, code_level, join_lines, leads_with_points, parse_label
from auditor.facts import Quote, ScoreNode
from auditor.models import Cell, Table
from auditor.normalize import compact
from auditor.notes import Note, note
from auditor.numbers import Num
from auditor.tables.cells import points_in_cell
from auditor.tables.lexicon import lexicon

MAX_HEADER_SCAN = 60  # rows searched for a header; scoring tables put it near the top
MAX_SUM_PARSE_ROWS = 60  # nesting by sums is cubic in the rows; longer tables keep one level

# ---------------------------------------------------------------- column roles

_LEVEL_WORD = re.compile(r"([一二三四])级")
_LEVEL_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}


def column_role(header: str) -> str | None:
    """What a header names: level, name, code, weight, score, self_score, gap, rate,
    deduction, reason, text (ignored prose: 指标解释, 评分标准 …), seq, or None."""
    h = compact(header)
    if not h:
        return None
    for role, pattern in lexicon().scoring_columns:
        if pattern.search(h):
            if role == "level" and re.search(r"分值|权重|得分", h):
                continue
            return role
    return None


def _row_kind(first: str) -> str | None:
    """'total' for a 合计/总分 row, 'subtotal' for a 小计 row, by its first filled cell."""
    return lexicon().total_kind(first, "start", ("score",))


def _is_blank(text: str) -> bool:
    """A cell with nothing to say: empty, or a placeholder ('—', '/', '无')."""
    return not text.strip() or lexicon().is_placeholder(text)


# ---------------------------------------------------------------- reading a table


@dataclass
class Segment:
    """Rows under one header: its column roles and the data rows that follow."""

    header: list[int]
    roles: dict[int, str]
    levels: dict[int, int]  # column -> indicator level
    weights: list[int]
    rows: list[int] = field(default_factory=list)
    last_text_col: int = -1  # right edge of the prose columns (ragged-row alignment)
    lead_points: frozenset[int] = frozenset()  # level columns printing "(N分)name"

    def col(self, role: str) -> int | None:
        for c, r in self.roles.items():
            if r == role:
                return c
        return None


@dataclass
class Reading:
    """A table understood as a scoring table: its segments, whether it has an
    evaluator and/or a self-assessment score column."""

    table: Table
    grid: list[list[Cell | None]]
    segments: list[Segment]
    has_score: bool
    has_self: bool
    header_text: str


def read_table(table: Table) -> tuple[Reading | None, Note | None]:
    """(reading, None) for a scoring table; (None, reason) for a table that names
    weight and score columns but could not be read; (None, None) for other tables."""
    if table.n_rows < 2 or table.n_cols < 2:
        return None, None
    head = table.rows[:MAX_HEADER_SCAN]
    if not any("分" in c.text for row in head for c in row):
        return None, None
    grid = table.grid()
    texts = [[c.text if c is not None else "" for c in row] for row in grid]
    header_rows = [r for r in range(min(len(texts), MAX_HEADER_SCAN)) if _is_key_header(texts[r])]
    if not header_rows:
        return None, None
    segments: list[Segment] = []
    used: set[int] = set()
    for i, hr in enumerate(header_rows):
        if hr in used:
            continue
        block = _header_block(texts, hr, used)
        used.update(block)
        seg = _segment(texts, block)
        end = next((h for h in header_rows[i + 1 :] if h > block[-1]), len(texts))
        seg.rows = [r for r in range(block[-1] + 1, end) if r not in used]
        segments.append(seg)
    # Repeated header rows of a table joined across pages read as headers again: drop
    # their segments' emptiness by merging rows into the previous segment of the same shape.
    segments = _merge_same_shape(segments)
    for seg in segments:
        seg.lead_points = frozenset(
            c for c in seg.levels if any(c < len(texts[r]) and leads_with_points(texts[r][c]) for r in seg.rows)
        )
    has_score = any(s.col("score") is not None for s in segments)
    has_self = any(s.col("self_score") is not None for s in segments)
    numeric = 0
    data = 0
    for seg in segments:
        for r in seg.rows:
            if _is_total(texts[r]) or not any(t.strip() for t in texts[r]):
                continue
            data += 1
            cells = _aligned(grid[r], seg)
            if any(
                c is not None and points_in_cell(cells[c].text if cells[c] else "") is not None
                for c in (seg.weights[-1] if seg.weights else None, seg.col("score"), seg.col("self_score"))
            ):
                numeric += 1
    header_text = " ".join(t for s in segments for r in s.header for t in texts[r] if t)
    if data == 0:
        return None, note("no_data_rows")
    if numeric * 2 < data:
        return None, note("few_numeric_rows", numeric=numeric, data=data)
    return Reading(table, grid, segments, has_score, has_self, header_text), None


def _is_key_header(row: list[str]) -> bool:
    """A header row names a weight and a score column and holds no figure."""
    if not any("分" in t for t in row):  # 得分, 分值, 权重分 …: a cheap first test
        return False
    roles = set()
    for t in row:
        if not t.strip():
            continue
        if points_in_cell(t) is not None:
            return False
        roles.add(column_role(t))
    return "weight" in roles and ("score" in roles or "self_score" in roles)


def _is_header_like(row: list[str]) -> bool:
    """A companion header row ("一级指标 | 二级指标 | 三级指标 | | "): no figures, and
    at least one level/name label."""
    nonempty = [t for t in row if t.strip()]
    if not nonempty or any(points_in_cell(t) is not None for t in nonempty):
        return False
    roles = {column_role(t) for t in nonempty}
    return bool(roles & {"level", "weight", "score", "self_score", "rate"}) and None not in roles


def _header_block(texts: list[list[str]], hr: int, used: set[int]) -> list[int]:
    block = [hr]
    r = hr - 1
    while r >= 0 and r not in used and _is_header_like(texts[r]) and len(block) < 3:
        block.insert(0, r)
        r -= 1
    r = hr + 1
    while r < len(texts) and _is_header_like(texts[r]) and len(block) < 4:
        block.append(r)
        r += 1
    return block


def _segment(texts: list[list[str]], block: list[int]) -> Segment:
    n_cols = len(texts[0])
    roles: dict[int, str] = {}
    levels: dict[int, int] = {}
    for c in range(n_cols):
        parts: list[str] = []
        for r in block:
            t = texts[r][c].strip()
            if t and t not in parts:
                parts.append(t)
        header = "".join(parts)
        # The most specific part decides ("绩效指标名称" over "一级指标" loses to the level).
        role = None
        for p in reversed(parts):
            role = column_role(p)
            if role is not None:
                break
        if role is None:
            role = column_role(header)
        if role is None:
            continue
        if role == "level":
            m = _LEVEL_WORD.search(compact(header))
            if m:
                levels[c] = _LEVEL_NUM[m.group(1)]
        roles[c] = role
    # A level column whose header repeats a merged "指标" cell over its neighbours is the
    # same; keep the first column of each level.
    seen: set[int] = set()
    for c in sorted(levels):
        if levels[c] in seen:
            del levels[c]
            roles[c] = "text"
        seen.add(levels.get(c, 0))
    weights = sorted(c for c, r in roles.items() if r == "weight")
    if "gap" in roles.values() and not {"score", "self_score"} <= set(roles.values()):
        # a difference column means self − evaluator only next to both scores
        roles = {c: ("text" if r == "gap" else r) for c, r in roles.items()}
    for role in ("score", "self_score", "gap", "rate", "deduction", "reason", "name", "code"):
        cols = [c for c, r in roles.items() if r == role]
        for c in cols[1:]:  # a merged header cell repeated over two columns: keep the first
            roles[c] = "text"
    text_cols = [c for c, r in roles.items() if r == "text"]
    seg = Segment(header=block, roles=roles, levels=levels, weights=weights)
    seg.last_text_col = max(text_cols) if text_cols else -1
    return seg


def _merge_same_shape(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].roles == seg.roles and out[-1].levels == seg.levels:
            out[-1].rows.extend(seg.rows)
        else:
            out.append(seg)
    return out


def _is_total(row: list[str]) -> bool:
    first = next((compact(t) for t in row if t.strip()), "")
    return _row_kind(first) == "total"


def _aligned(row: list[Cell | None], seg: Segment) -> list[Cell | None]:
    """The row as the header lays it out. A short row (trailing positions empty) is
    either a row whose last cells were dropped (kept as is) or a row where a converter
    merged two prose columns: then the cells right of the prose columns are counted
    from the right. The reading that puts figures in the figure columns wins."""
    missing = 0
    for c in reversed(row):
        if c is not None:
            break
        missing += 1
    if missing == 0 or missing == len(row) or seg.last_text_col < 0:
        return row
    shifted = list(row)
    for c in range(seg.last_text_col + 1, len(row)):
        src = c - missing
        shifted[c] = row[src] if src > seg.last_text_col - missing else None
    return shifted if _figures(shifted, seg) > _figures(row, seg) else row


def _figures(row: list[Cell | None], seg: Segment) -> int:
    n = 0
    for c, role in seg.roles.items():
        if role in _FIGURE_ROLES and c < len(row) and row[c] is not None and points_in_cell(row[c].text) is not None:
            n += 1
    return n


_FIGURE_ROLES = ("weight", "score", "self_score", "gap", "rate", "deduction")


# ---------------------------------------------------------------- building trees


@dataclass
class _Node:
    level: int
    code: str | None
    name: str
    source: Quote
    key: object = None
    weight: Num | None = None
    weight_source: Quote | None = None
    weight_from_header: bool = False
    score: Num | None = None
    score_source: Quote | None = None
    rate: Num | None = None
    rate_source: Quote | None = None
    gap: Num | None = None
    gap_source: Quote | None = None
    deduction: Num | None = None
    reason: str | None = None
    merged: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    cut: bool = False

    def freeze(self) -> ScoreNode:
        return ScoreNode(
            level=self.level,
            code=self.code,
            name=self.name,
            weight=self.weight,
            score=self.score,
            rate=self.rate,
            deduction=self.deduction,
            deduction_reason=self.reason,
            weight_from_header=self.weight_from_header,
            merged_group=list(self.merged),
            source=self.source,
            weight_source=self.weight_source,
            score_source=self.score_source,
            rate_source=self.rate_source,
            stated_gap=self.gap,
            gap_source=self.gap_source,
            children=[c.freeze() for c in self.children],
            cut=self.cut,
        )


@dataclass
class Built:
    """One tree read from a table: `which` is 'evaluator' or 'self'."""

    which: str
    root: ScoreNode
    notes: list[Note]


def _quote(cell: Cell) -> Quote:
    return Quote(location=cell.location, text=cell.text)


def build_trees(reading: Reading, top_level: int = 1) -> list[Built]:
    """The evaluator's tree (score column) and/or the self-assessment tree (自评得分).
    `top_level` is the level of rows without level columns or codes (2 for a section's
    table, whose rows sit under one first-level indicator)."""
    out = []
    for which, role in (("evaluator", "score"), ("self", "self_score")):
        if not any(s.col(role) is not None for s in reading.segments):
            continue
        root, notes = _build(reading, role, top_level)
        if root is not None:
            out.append(Built(which, root, notes))
    return out


def _build(reading: Reading, score_role: str, top_level: int) -> tuple[ScoreNode | None, list[Note]]:
    table = reading.table
    notes: list[Note] = []
    root: _Node | None = None
    tops: list[_Node] = []
    scored = cut_row = False
    for seg in reading.segments:
        score_col = seg.col(score_role)
        if score_col is None:
            # a segment with the other tree's score column only (a self form's money block
            # under a plain 得分): it belongs to whichever tree the table yields
            score_col = seg.col("score") if score_role == "self_score" else seg.col("self_score")
        if score_col is None:
            continue
        stack: dict[int, _Node] = {}
        last_leaf: _Node | None = None
        flat: list[tuple[Label, dict[str, tuple], Quote]] = []
        open_groups: list[_Node] = []
        for r in seg.rows:
            row = _aligned(reading.grid[r], seg)
            texts = [c.text if c is not None else "" for c in row]
            if not any(t.strip() for t in texts):
                continue
            values = _values(row, seg, score_col)
            cut_row = False
            first = compact(next(t for t in texts if t.strip()))
            kind = _row_kind(first)
            if kind == "total":
                if root is None or root.score is None:
                    cell = next(c for c in row if c is not None and c.text.strip())
                    root = _Node(0, None, first[:8], _quote(cell))
                    _assign(root, values)
                continue
            if kind == "subtotal":
                parent = _parent_of(last_leaf, stack)
                if parent is not None and parent.score is None:
                    _assign(parent, values)
                continue
            if seg.levels:
                leaf = _level_row(row, seg, stack, tops, values, notes)
                if leaf is not None:
                    last_leaf = leaf
                    open_groups = [n for lv, n in stack.items() if lv < leaf.level]
                    scored = scored or values["score"][0] is not None
                    cut_row = values["weight"][0] is not None and values["score"][0] is None
                continue
            cell = _name_cell(row, seg, reading.grid)
            if cell is None or (values["weight"][0] is None and values["score"][0] is None):
                continue
            label = parse_label(cell.text)
            if label.name:
                flat.append((label, values, _quote(cell)))
        if seg is reading.segments[-1] and cut_row and scored and (root is None or root.score is None):
            # the table stops inside a row (weight printed, score cell empty where the
            # rows above are scored) with groups still open: their children may go on
            # in a part we do not have, so their sums are not checkable
            for n in open_groups:
                n.cut = True
        if flat:
            total = root.weight if root is not None and seg is reading.segments[-1] else None
            tops.extend(_nest_flat(flat, top_level, total))
    if not tops:
        return None, notes
    if root is None:
        first_cell = table.rows[0][0] if table.rows and table.rows[0] else None
        loc = first_cell.location if first_cell is not None else table.location
        root = _Node(0, None, "合计", Quote(location=loc, text=table.caption or ""))
    root.children = tops
    _insert_merged_siblings(root)
    return root.freeze(), notes


def _values(row: list[Cell | None], seg: Segment, score_col: int | None) -> dict[str, tuple]:
    """Numbers of a row by role: (Num | None, Quote | None[, text])."""

    def num_at(c: int | None) -> tuple[Num | None, Quote | None]:
        if c is None or c >= len(row) or row[c] is None:
            return None, None
        cell = row[c]
        n = points_in_cell(cell.text)
        return (n, _quote(cell)) if n is not None else (None, None)

    reason_col = seg.col("reason")
    reason = None
    if reason_col is not None and reason_col < len(row) and row[reason_col] is not None:
        t = row[reason_col].text.strip()
        reason = None if _is_blank(t) else t
    leaf_weight = seg.weights[-1] if seg.weights else None
    return {
        "weight": num_at(leaf_weight),
        "score": num_at(score_col),
        "rate": num_at(seg.col("rate")),
        "gap": num_at(seg.col("gap")),
        "deduction": num_at(seg.col("deduction")),
        "reason": (None, None, reason),
    }


def _assign(node: _Node, values: dict[str, tuple]) -> None:
    w, ws = values["weight"][:2]
    if w is not None:
        node.weight, node.weight_source, node.weight_from_header = w, ws, False
    s, ss = values["score"][:2]
    if s is not None:
        node.score, node.score_source = s, ss
    rt, rs = values["rate"][:2]
    if rt is not None:
        node.rate, node.rate_source = rt, rs
    g, gs = values["gap"][:2]
    if g is not None:
        node.gap, node.gap_source = g, gs
    d = values["deduction"][0]
    if d is not None:
        node.deduction = d
    if values["reason"][2]:
        node.reason = values["reason"][2]


def _parent_of(leaf: _Node | None, stack: dict[int, _Node]) -> _Node | None:
    if leaf is None:
        return None
    for lv in sorted(stack, reverse=True):
        if lv < leaf.level:
            return stack[lv]
    return None


def _level_row(
    row: list[Cell | None],
    seg: Segment,
    stack: dict[int, _Node],
    tops: list[_Node],
    values: dict[str, tuple],
    notes: list[Note],
) -> _Node | None:
    """Place one row of a table with level columns; its figures go to its deepest
    indicator. A parent cell continues when it is the same merged cell, the same text
    (repeated on every row) or empty (left blank below its first row) - unless a higher
    level started a new group in this row. Returns the row's deepest node."""
    cols = sorted(seg.levels, key=lambda c: seg.levels[c])
    entries = []
    for c in cols:
        cell = row[c] if c < len(row) else None
        entries.append((c, seg.levels[c], cell, join_lines(cell.text) if cell is not None else ""))
    deepest = max((i for i, e in enumerate(entries) if e[3]), default=-1)
    if deepest < 0:
        return None
    has_figures = values["weight"][0] is not None or values["score"][0] is not None
    weight_cols = seg.weights[:-1]
    started_new = False
    leaf: _Node | None = None
    leaf_new = False
    for i, (c, level, cell, text) in enumerate(entries[: deepest + 1]):
        current = stack.get(level)
        if not text:
            if not started_new and current is not None:
                leaf, leaf_new = current, False
            continue  # else the level is absent under a new parent
        if not started_new and current is not None:
            same_cell = cell is not None and current.key is cell
            # a repeated name continues a parent; the deepest cell of a row with figures
            # is a row of its own even when its name repeats
            same_text = current.key == ("text", c, text) and not (i == deepest and has_figures)
            if same_cell or same_text:
                leaf, leaf_new = current, False
                continue
        assert cell is not None
        # "(10)绩效目标" next to "(10分)科学决策": the column's weights lead its names
        label = parse_label(cell.text, trailing_weight=True, lead_bare=c in seg.lead_points)
        node = _Node(level, label.code, label.name or text, _quote(cell))
        node.key = cell if cell.row_span > 1 else ("text", c, text)
        if label.weight is not None:
            node.weight, node.weight_source, node.weight_from_header = label.weight, node.source, True
        if label.merged:
            node.name = label.merged[0]
            node.merged = list(label.merged)
            notes.append(note("merged_cell", cell=text, groups="+".join(label.merged)))
        own = next((w for w in weight_cols if w > c and not any(c < x < w for x in cols)), None)
        if own is not None and i < deepest and row[own] is not None:
            n = points_in_cell(row[own].text)
            if n is not None:
                node.weight, node.weight_source, node.weight_from_header = n, _quote(row[own]), False
        parent = next((stack[lv] for lv in sorted(stack, reverse=True) if lv < level), None)
        (parent.children if parent is not None else tops).append(node)
        for lv in [lv for lv in stack if lv >= level]:
            del stack[lv]
        stack[level] = node
        started_new = True
        leaf, leaf_new = node, True
    if leaf is not None and (leaf_new or leaf.score is None):
        _assign(leaf, values)
    return leaf


def _name_cell(row: list[Cell | None], seg: Segment, grid: list[list[Cell | None]]) -> Cell | None:
    """The cell naming the row's indicator: the name column, else the rightmost text
    cell left of the figures (a self form's money block names its row in column 2)."""
    header_cells = {id(grid[h][c]) for h in seg.header for c in range(len(grid[h])) if grid[h][c] is not None}
    name_col = seg.col("name")
    if name_col is None:
        name_col = seg.col("code")
    if name_col is not None and name_col < len(row):
        cell = row[name_col]
        if cell is not None and cell.text.strip() and id(cell) not in header_cells:
            return cell
    first_fig = min(
        (c for c, role in seg.roles.items() if role in ("weight", "score", "self_score", "rate")),
        default=len(row),
    )
    for c in range(first_fig - 1, -1, -1):
        cell = row[c]
        if cell is None or id(cell) in header_cells or not cell.text.strip():
            continue
        if seg.roles.get(c) in ("text", "reason", "seq"):
            continue
        if points_in_cell(cell.text) is not None or _is_blank(cell.text):
            continue
        return cell
    return None


def _nest_flat(
    rows: list[tuple[Label, dict[str, tuple], Quote]], top_level: int, total_weight: Num | None
) -> list[_Node]:
    """Rows of a one-name-column table as a tree: by code where codes are printed
    (A1 二级 > A11 三级), else by weights (a row whose following rows add up to its weight
    is their parent)."""
    nodes = []
    for label, values, quote in rows:
        n = _Node(top_level, label.code, label.name, quote)
        _assign(n, values)
        if n.weight is None and label.weight is not None:
            n.weight, n.weight_source, n.weight_from_header = label.weight, quote, True
        nodes.append(n)
    coded = sum(1 for n in nodes if n.code)
    if coded and coded * 2 >= len(nodes):
        return _nest_by_code(nodes, top_level)
    if len(nodes) <= MAX_SUM_PARSE_ROWS and all(n.weight is not None for n in nodes):
        nested = _nest_by_sums(nodes, total_weight, top_level)
        if nested is not None:
            return nested
    return nodes


def _nest_by_code(nodes: list[_Node], top_level: int) -> list[_Node]:
    """Codes give levels (A1 -> 2, A11 -> 3) and parents (A11 under A1). A table whose
    codes start below level 1 (a section's table) keeps them: the codes say so."""
    tops: list[_Node] = []
    stack: list[_Node] = []
    for n in nodes:
        if n.code:
            n.level = code_level(n.code)
        elif stack:
            n.level = stack[-1].level + 1 if stack[-1].code else stack[-1].level
        while stack and not (
            stack[-1].level < n.level and (not n.code or not stack[-1].code or n.code.startswith(stack[-1].code))
        ):
            stack.pop()
        if stack:
            stack[-1].children.append(n)
        else:
            tops.append(n)
        stack.append(n)
    return tops


def _nest_by_sums(nodes: list[_Node], total: Num | None, top_level: int) -> list[_Node] | None:
    """Nest rows by weights: parents first (the usual order), each parent's rows below
    adding up to its weight, the top rows adding up to the total where one is printed.
    None when no nesting fits."""
    weights = [n.weight.value if n.weight else Decimal(0) for n in nodes]
    target = total.value if total is not None and not total.percent else None
    # Without a printed total to pin the top rows, a parent needs two children: one row
    # of equal weight below another is as likely a sibling.
    min_kids = 1 if target is not None else 2
    memo: dict[tuple[int, int, Decimal | None], list[tuple[int, int]] | None] = {}

    def cover(i: int, j: int, target: Decimal | None) -> list[tuple[int, int]] | None:
        """Top items (start, end) of rows i..j-1 whose weights add up to target."""
        if i == j:
            return [] if target is None or target == 0 else None
        key = (i, j, target)
        if key in memo:
            return memo[key]
        memo[key] = None
        result = None
        w = weights[i]
        rest_target = None if target is None else target - w
        if rest_target is None or rest_target >= 0:
            # as a parent of rows i+1..m-1 (smallest span first), then as a leaf
            for m in range(i + 1 + min_kids, j + 1):
                if cover(i + 1, m, w) is None:
                    continue
                rest = cover(m, j, rest_target)
                if rest is not None:
                    result = [(i, m), *rest]
                    break
            if result is None:
                rest = cover(i + 1, j, rest_target)
                if rest is not None:
                    result = [(i, i + 1), *rest]
        memo[key] = result
        return result

    def build(i: int, j: int, target: Decimal | None, level: int) -> list[_Node]:
        out = []
        for a, b in cover(i, j, target) or []:
            node = nodes[a]
            node.level = level
            if b > a + 1:
                node.children = build(a + 1, b, weights[a], level + 1)
            out.append(node)
        return out

    if cover(0, len(nodes), target) is None:
        return None
    return build(0, len(nodes), target, top_level)


def _insert_merged_siblings(root: _Node) -> None:
    """A merged cell standing for two groups ('决策、过程 (40分)') becomes the first
    group's node with `merged_group`, followed by an empty node for each other group, so
    the first level still lists every group and the merged figure counts once."""
    stack = [root]
    while stack:
        node = stack.pop()
        out: list[_Node] = []
        for child in node.children:
            out.append(child)
            for other in child.merged[1:]:
                if not any(c.name == other for c in node.children):
                    out.append(_Node(child.level, None, other, child.source))
            stack.append(child)
        node.children = out
