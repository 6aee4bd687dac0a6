"""What one table cell holds, by kind: a figure (with comparator and unit), a
comparator or unit on its own, a placeholder, or text. Never a guess: a cell whose
figure cannot be read cleanly ("2859篇" is clean, "第O份" is not) is text.

Two narrower tests serve the readers that want one kind of figure only: `amount_in_cell`
(a money table's figure: the whole cell is one number) and `points_in_cell` (a scoring
table's weight or score: a bare figure, maybe with 分 or %)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from auditor.models import Cell
from auditor.normalize import compact
from auditor.numbers import Num, parse_number
from auditor.tables.lexicon import label_key, lexicon, lexicon_cache

CellKind = Literal["empty", "placeholder", "comparator", "number", "unit", "text"]

# a figure followed by a short unit: "735人次", "2859篇", "100%", "12.5万元", "3个月"
_FIGURE_UNIT = re.compile(r"^([-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?)([^\d\s.,%]{1,6})?$")
_POINTS_CELL = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?%?)\s*分?\s*$")
_MAX_POINTS_CELL = 24
_POINTS_IN_LABEL = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


@dataclass(frozen=True)
class CellValue:
    cell: Cell
    kind: CellKind
    number: Num | None = None
    comparator: str | None = None
    unit: str | None = None

    @property
    def text(self) -> str:
        return self.cell.text.strip()

    @property
    def is_value(self) -> bool:
        return self.kind != "empty"


def classify(cell: Cell) -> CellValue:
    kind, number, comparator, unit = _parse(cell.text)
    return CellValue(cell, kind, number, comparator, unit)


@lexicon_cache(maxsize=65536)  # cleared when a run's lexicon extension changes
def _parse(text: str) -> tuple[CellKind, Num | None, str | None, str | None]:
    """What a cell text holds, as (kind, number, comparator, unit); cached by text (forms
    repeat the same few texts, and several readers look at one table)."""
    lex = lexicon()
    key = label_key(text.strip())
    if not key:
        return "empty", None, None, None
    if lex.is_placeholder(key):
        return "placeholder", None, None, None
    # "控制在5%以内", "控制在2万元": a cap (≤ unless a trailing word says otherwise)
    control = key.startswith(_CONTROL) and len(key) > len(_CONTROL)
    body = key[len(_CONTROL) :] if control else key
    cmp = lex.comparator(body)
    rest = body
    comparator = None
    if cmp is not None:
        comparator, rest = cmp
        if not rest:
            return "comparator", None, comparator, None
    m = _FIGURE_UNIT.match(rest)
    if m:
        n = parse_number(m.group(1))
        unit = m.group(2)
        trailing = next((w for w in _TRAILING_BY_LENGTH if unit and unit.endswith(w)), None)
        if trailing is not None and comparator is None:
            # "95%以上", "3万元以内", "5次以下"
            comparator, unit = _TRAILING_COMPARATORS[trailing], unit[: -len(trailing)] or None
        if comparator is None and control:
            comparator = "≤"
        if n is not None and (unit is None or _is_unit(unit)):
            if n.percent:
                unit = "%"
            return "number", n, comparator, unit
    if comparator is None and key in lex.units:
        return "unit", None, None, key
    return "text", None, comparator, None



_TRAILING_COMPARATORS = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤"}
_TRAILING_BY_LENGTH = sorted(_TRAILING_COMPARATORS, key=len, reverse=True)
_CONTROL = "控制在"
_CJK_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,2}$")
_NOT_UNITS = {"左右", "前", "后", "内", "完成", "以前", "之前", "月", "日", "年底", "月底"}


def _is_unit(unit: str) -> bool:
    """A measurement unit after a figure: one the lexicon lists, that with 万/千/百
    before it ("万人"), or any one or two CJK characters that are not a time or
    approximation word ("株", "艘")."""
    units = lexicon().units
    if unit in units or unit[:1] in "万千百亿" and unit[1:] in units:
        return True
    return bool(_CJK_UNIT.match(unit)) and unit not in _NOT_UNITS


def points_in_label(text: str) -> Num | None:
    """The weight a label carries: '产出指标(50分)' -> 50, '预算执行情况(10分)' -> 10."""
    m = _POINTS_IN_LABEL.search(text)
    return parse_number(m.group(1)) if m else None


def strip_points(text: str) -> str:
    return _POINTS_IN_LABEL.sub("", text).strip()


# Each cell is asked several times (header test, number columns, labels); Num is frozen,
# so one parse per distinct text is shared (a 5,000-row table: 100,000 cells). No word of
# the lexicon takes part, so the cache outlives a run's lexicon additions.
@lru_cache(maxsize=16384)
def amount_in_cell(text: str) -> Num | None:
    """The figure a money table's cell holds ('1,234.50', '-3.2', '98%'; spaces and line
    breaks inside it ignored), or None when the cell holds anything else."""
    t = compact(text)
    if not t or not re.search(r"\d", t):
        return None
    return parse_number(t)


def points_in_cell(text: str) -> Num | None:
    """A scoring table's cell holding one printed figure: '20', '15.00', '3分', '75.00%'
    (a criterion such as '≥95%得5分' is text, not a score)."""
    t = text.strip()
    if not t or len(t) > _MAX_POINTS_CELL:
        return None
    m = _POINTS_CELL.match(t)
    return parse_number(m.group(1)) if m else None
