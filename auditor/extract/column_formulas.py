"""Column formulas printed in a table's header: columns numbered ① ② ③ … with one of them
defined from the others ("⑧=④*⑦", "执行率⑤=④/③", "③=①-②"). Each data row then claims
that its cell in the defined column is the formula applied to its other cells.

The defined column is often in another unit than its operands (元/人 × 人 printed in 万元)
and the header rarely says so. The scale is therefore read from the rows themselves: the
power of ten (or ×100 for a rate) under which most rows agree. A row that disagrees under
that scale is a claim that fails; when no scale fits a clear majority, the rows are not
checkable — never a guess at which unit was meant.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import simpleeval

from auditor.engine.intervals import round_to
from auditor.extract.text import cell_quote
from auditor.facts import ColumnFormulaRow, Facts
from auditor.models import Cell, Document, Table
from auditor.numbers import CIRCLED_NUMBERS, Num
from auditor.tables.cells import classify
from auditor.tables.lexicon import lexicon
from auditor.tables.reading import is_header_row

_NUMERAL = "[\u2460-\u2473]"
_FORMULA = re.compile(rf"({_NUMERAL})\s*[=＝]\s*((?:{_NUMERAL}|[\d.\s+\-×*/÷＋－＊()（）])+)")
_OPS = str.maketrans({"×": "*", "＊": "*", "÷": "/", "＋": "+", "－": "-", "（": "(", "）": ")"})
_TOKEN = re.compile(rf"\s*(?:({_NUMERAL})|(\d+(?:\.\d+)?)|([-+*/()]))")
# scales a defined column may be printed in relative to its operands: same unit, a rate in
# percent, 元 -> 万元 / 亿元 and back
_SCALES = (Decimal(1), Decimal(100), Decimal("0.01"), Decimal("1e-4"), Decimal("1e4"), Decimal("1e-8"), Decimal("1e8"))
_MIN_ROWS_FOR_SCALE = 2
_MAX_TOKENS = 40  # a header formula is short; a longer run is not one (and would nest deep)


@dataclass(frozen=True)
class _Formula:
    lhs: int
    text: str
    tokens: tuple[tuple[str, str], ...]  # ("col", "4") / ("num", "2.5") / ("op", "*")

    @property
    def operands(self) -> list[int]:
        return sorted({int(v) for k, v in self.tokens if k == "col"})

    @property
    def linear(self) -> bool:
        return not any(k == "op" and v in "*/" for k, v in self.tokens)


def _parse_formula(lhs: str, rhs: str) -> _Formula | None:
    rhs = rhs.translate(_OPS).strip()
    while rhs.endswith(")") and rhs.count(")") > rhs.count("("):
        rhs = rhs[:-1].rstrip()  # the closing bracket of "结余(③=①-②)"
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(rhs):
        m = _TOKEN.match(rhs, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m.group(1):
            tokens.append(("col", str(CIRCLED_NUMBERS[m.group(1)])))
        elif m.group(2):
            tokens.append(("num", m.group(2)))
        elif m.group(3):
            tokens.append(("op", m.group(3)))
    if not any(k == "col" for k, _ in tokens) or len(tokens) > _MAX_TOKENS:
        return None
    formula = _Formula(CIRCLED_NUMBERS[lhs], f"{lhs}={rhs}", tuple(tokens))
    return formula if _evaluate(formula, {c: Decimal(1) for c in formula.operands}) is not None else None


_ARITHMETIC = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.USub: operator.neg,
}


def _evaluate(formula: _Formula, values: dict[int, Decimal]) -> Decimal | None:
    """The formula's value in exact decimals (+ - × ÷ and brackets, nothing else); None when
    an operand is missing, the formula is malformed or a divisor is zero."""
    names: dict[str, Decimal] = {}
    text = []
    for i, (kind, val) in enumerate(formula.tokens):
        if kind == "op":
            text.append(val)
            continue
        name = f"c{val}" if kind == "col" else f"k{i}"
        number = values.get(int(val)) if kind == "col" else Decimal(val)
        if number is None:
            return None
        names[name] = number
        text.append(name)
    try:
        out = simpleeval.SimpleEval(operators=_ARITHMETIC, functions={}, names=names).eval(" ".join(text))
    except (SyntaxError, simpleeval.InvalidExpression, ArithmeticError, InvalidOperation, TypeError):
        return None
    return out if isinstance(out, Decimal) else None


def _distinct(grid_row: list[Cell | None]) -> list[Cell]:
    seen: set[int] = set()
    out = []
    for cell in grid_row:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def _numbering(cells: list[Cell]) -> tuple[dict[int, int], list[tuple[Cell, re.Match[str]]]]:
    """Column numbers of a header row (numeral -> grid column) and its formula cells."""
    columns: dict[int, int] = {}
    formulas = []
    for cell in cells:
        m = _FORMULA.search(cell.text)
        if m:
            formulas.append((cell, m))
            n = CIRCLED_NUMBERS[m.group(1)]
        else:
            marks = [ch for ch in cell.text if ch in CIRCLED_NUMBERS]
            if len(marks) != 1:
                continue
            n = CIRCLED_NUMBERS[marks[0]]
        if n in columns:
            return {}, []
        columns[n] = cell.col
    return columns, formulas


def _is_total(cells: list[Cell]) -> bool:
    lex = lexicon()
    return any(lex.total_kind(c.text, "start", ("score",)) for c in cells)  # a total or 小计 row


def _number(cell: Cell | None) -> Num | None:
    if cell is None:
        return None
    value = classify(cell)
    return value.number if value.kind == "number" and value.unit in (None, "%") else None


def _plain(n: Num) -> Decimal:
    return n.value / 100 if n.percent else n.value


def _rounds(value: Decimal, printed: Num) -> bool:
    """Prints as `printed` under half-up rounding or truncation (what the rule accepts)."""
    return any(round_to(value, printed.decimals, mode) == printed.value for mode in ("half_up", "truncate"))


def _table_rows(table: Table) -> list[ColumnFormulaRow]:
    grid = table.grid()
    header_at = None
    columns: dict[int, int] = {}
    formulas: list[_Formula] = []
    for r, grid_row in enumerate(grid):
        cells = _distinct(grid_row)
        cols, found = _numbering(cells)
        if len(cols) >= 3:
            header_at, columns = r, cols
            above = [m for row in grid[:r] for cell in _distinct(row) if (m := _FORMULA.search(cell.text))]
            for m in [m for _, m in found] + above:
                f = _parse_formula(m.group(1), m.group(2))
                if f and f.lhs in columns and all(c in columns for c in f.operands) and f not in formulas:
                    formulas.append(f)
            break
    if header_at is None or not formulas:
        return []
    out: list[ColumnFormulaRow] = []
    for formula in formulas:
        rows: list[tuple[int, dict[int, Num], dict[int, Cell], Decimal]] = []
        for r in range(header_at + 1, len(grid)):
            cells = _distinct(grid[r])
            if is_header_row(cells) or len(_numbering(cells)[0]) >= 3:
                break  # the table restarts with another header: a second table below
            if not formula.linear and _is_total(cells):
                continue  # a sum of products is not the product of sums
            used = [formula.lhs, *formula.operands]
            at = {c: grid[r][columns[c]] for c in used}
            nums = {c: _number(at[c]) for c in used}
            if any(n is None for n in nums.values()) or len({id(at[c]) for c in used}) < len(used):
                continue
            computed = _evaluate(formula, {c: _plain(nums[c]) for c in formula.operands})  # type: ignore[union-attr]
            if computed is None:
                continue
            rows.append((r, nums, at, computed))  # type: ignore[arg-type]
        if not rows:
            continue
        scale = _scale(rows, formula.lhs)
        for r, nums, at, computed in rows:
            result = nums[formula.lhs]
            printed_scale = Decimal(100) if result.percent else Decimal(1)
            value = computed * printed_scale * scale if scale is not None else None
            out.append(
                ColumnFormulaRow(
                    table=table.index,
                    row=r,
                    formula=formula.text,
                    column=formula.lhs,
                    scale=scale,
                    computed=value,
                    result=result,
                    operands={str(c): nums[c] for c in formula.operands},
                    source=cell_quote(at[formula.lhs]),
                    sources={str(c): cell_quote(at[c]) for c in formula.operands},
                )
            )
    return out


def _scale(rows: list[tuple[int, dict[int, Num], dict[int, Cell], Decimal]], lhs: int) -> Decimal | None:
    """The scale most rows agree under; None when no scale fits a clear majority."""
    def fits(scale: Decimal) -> int:
        return sum(
            _rounds(computed * (100 if nums[lhs].percent else 1) * scale, nums[lhs]) for _, nums, _, computed in rows
        )

    if all(nums[lhs].percent for _, nums, _, _ in rows):
        return Decimal(1)  # the % sign fixes the scale: nothing to infer
    best = max(_SCALES, key=fits)  # max keeps the first of equals: the same unit wins a tie
    n = fits(best)
    if len(rows) == 1:
        return best if n == 1 else None
    if n >= _MIN_ROWS_FOR_SCALE and 2 * n > len(rows):
        return best
    return None


def extract_column_formulas(doc: Document, facts: Facts) -> None:
    for table in doc.tables(nested=False):
        facts.column_formulas.extend(_table_rows(table))
