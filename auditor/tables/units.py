"""Money units, the one place they are recognised: inline (41.36万元), in a cell or
header ("支出金额（万元）"), or in a note above a table ("金额单位：万元", "单位：元").

The unit decides the amount's value in 元, so every place a unit can come from is read
here, in one way, and each amount records where its unit came from (`unit_source`).
"""

from __future__ import annotations

import re

from auditor.models import Table

Unit = str  # "元" | "万元" | "亿元"

# An amount with its unit written right after it: "17 万元", "413,550.00元", "-5.5万元".
# The unit must not run on into a per-unit price ("0.02元*实际用电量", "元/年", "元/人").
AMOUNT_WITH_UNIT = re.compile(
    r"(?<![\d.,A-Za-z])(?P<num>[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)"
    r"(?!\s*[/*×]|\s*每|/)"
)
# "金额单位：万元", "单位：元", "单位:万元", "（单位：万元）"
_NOTE = re.compile(r"(?:金额)?单位\s*[：:]\s*(亿元|万元|元)")
# "（万元）", "(元)" inside a header cell
_PAREN = re.compile(r"[（(]\s*(亿元|万元|元)\s*[)）]")
_BARE = re.compile(r"^(亿元|万元|元)$")


_TRAILING = re.compile(r"(亿元|万元|元)\s*$")


def trailing_money_unit(text: str | None) -> Unit | None:
    """The money unit a value cell prints after its figure ("570000元"), else None."""
    m = _TRAILING.search(text or "")
    return m.group(1) if m else None  # type: ignore[return-value]


def unit_in_note(text: str) -> Unit | None:
    """The unit a note states ("金额单位：万元" -> 万元)."""
    m = _NOTE.search(text)
    return m.group(1) if m else None


def unit_in_header(text: str) -> Unit | None:
    """The unit a header cell carries: "支出金额（万元）", "金额(元)", "万元", "单位：元"."""
    t = text.strip()
    m = _PAREN.search(t) or _NOTE.search(t) or _BARE.match(t)
    return m.group(1) if m else None


def table_unit_cell(table: Table, max_rows: int = 2) -> Unit | None:
    """A unit written in a cell of the first rows on its own ("单位：元" in the corner)."""
    for row in table.rows[:max_rows]:
        for cell in row:
            u = unit_in_note(cell.text)
            if u:
                return u
    return None
