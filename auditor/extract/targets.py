"""The target table (绩效指标完成情况表 / 绩效目标完成情况表 / 自评表): per indicator the
target (指标值 ≥95%), the actual (实际完成值, or "…率 100%" in the 说明 column) and the
status (全部完成 / 部分完成 / 未完成).

Only tables that report an outcome (a status or an actual column) are read: a target
definition table (申报绩效目标表) states targets but nothing about their completion.
Merged level-1/level-2 cells come out repeated (Table.grid) or empty (converted drafts);
an empty cell carries the value above it down.
"""

from __future__ import annotations

import re

from auditor.facts import Comparator, Facts, Quote, Status, TargetStatus
from auditor.models import Cell, Document, Table
from auditor.normalize import compact
from auditor.notes import note
from auditor.numbers import Num, parse_number
from auditor.tables.lexicon import lexicon
from auditor.tables.rows import is_filled, is_label_row

_VALUE = re.compile(r"^([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?)\s*([^\d\s]{0,6}?)\s*$")
_NOTE_RATE = re.compile(r"([\u4e00-\u9fff“”\"]{0,20}?(?:率|度))\s*(?:为|达到|达)?\s*([-−]?\d+(?:\.\d+)?%)")


def parse_target(text: str) -> tuple[Comparator, Num | None, str | None]:
    """'≥95%' -> ('≥', 95%, None); '≤48小时' -> ('≤', 48, '小时'); '合格' -> ('text', None, None)."""
    t = compact(text)
    cmp: Comparator = "="
    m = lexicon().comparator(t)
    if m:
        cmp = m[0]  # type: ignore[assignment]
        t = t[len(t) - len(m[1]) :]  # the rest as printed (the lexicon's key is normalised)
    v = _VALUE.match(t)
    if not v:
        return "text", None, None
    n = parse_number(v.group(1))
    if n is None:
        return "text", None, None
    unit = v.group(2) or None
    if m is None and unit is None and not n.percent:
        # A bare number with no comparator is a value to equal ("=3" written "3").
        return "=", n, None
    return cmp, n, ("%" if n.percent else unit)


def parse_actual(text: str) -> Num | None:
    t = compact(text)
    m = lexicon().comparator(t)
    if m:
        t = t[len(t) - len(m[1]) :]
    v = _VALUE.match(t)
    return parse_number(v.group(1)) if v else None


def parse_status(text: str) -> Status | None:
    if not compact(text):
        return None
    return lexicon().status_within(text) or "other"  # type: ignore[return-value]


def _rate_word(name: str) -> str | None:
    m = re.search(r"([\u4e00-\u9fff]{1,3}(?:率|度))$", compact(name))
    return m.group(1)[-3:] if m else None


def _actual_from_note(indicator: str, note: str) -> tuple[Num, str] | None:
    """'…业务维护率 100%' in the 说明 column, for an indicator named '…业务维护率'."""
    word = _rate_word(indicator)
    if word is None:
        return None
    tail = word[-2:]
    for m in _NOTE_RATE.finditer(compact(note)):
        if m.group(1).endswith(tail):
            n = parse_number(m.group(2))
            if n is not None:
                return n, m.group(0)
    return None


class _Columns:
    def __init__(self) -> None:
        self.level1: int | None = None
        self.level2: int | None = None
        self.indicator: int | None = None
        self.target: int | None = None
        self.actual: int | None = None
        self.status: int | None = None
        self.note: int | None = None


def _header_columns(texts: list[list[str]], start: int, depth: int) -> _Columns | None:
    cols = _Columns()
    n = len(texts[start])
    labels = [
        "".join(compact(texts[r][c]) for r in range(start, min(start + depth, len(texts)))) for c in range(n)
    ]
    # A merged header repeats over its span; keep the first column of each label.
    for c, lab in enumerate(labels):
        if not lab:
            continue
        for role, pattern in lexicon().target_columns:
            slot = _SLOT.get(role, role)
            if not pattern.search(lab):
                continue
            if role == "actual" and lexicon().is_to_date(lab):
                break  # "1-9月完成值": progress to date, not the year's actual
            if role == "note":
                cols.note = c if cols.note is None else cols.note
                break  # a 说明 column over a figure column is still the note
            if getattr(cols, slot) is None:
                setattr(cols, slot, c)
                break
    if cols.target is None or (cols.status is None and cols.actual is None):
        return None
    if cols.indicator is None:
        # "绩效指标名称" spanning the level columns: the last level column names the indicator.
        candidates = [c for c in (cols.level2, cols.level1) if c is not None]
        cols.indicator = max(candidates) + 1 if candidates else (cols.target - 1 if cols.target else None)
    if cols.indicator is None or cols.indicator == cols.target:
        return None
    return cols


def _is_header_row(texts: list[str]) -> bool:
    """A row naming the target column (指标值 / 目标值) starts a block."""
    return _role_in(compact("".join(texts)), "target")


def _role_in(text: str, *roles: str) -> bool:
    return any(pattern.search(text) for role, pattern in lexicon().target_columns if role in roles)


# a table's indicator column is headed 三级指标 or 指标名称
_SLOT = {"level3": "indicator", "name": "indicator"}


def _table_rows(table: Table, facts: Facts) -> None:
    grid = table.grid()
    texts = [[c.text if c is not None else "" for c in row] for row in grid]
    r = 0
    while r < len(texts):
        if not _is_header_row(texts[r]):
            r += 1
            continue
        # The header may take two rows ("绩效指标名称" over "一级 指标 | 二级 指标 | 三级指标").
        depth = 2 if r + 1 < len(texts) and _header_continues(texts[r + 1]) else 1
        cols = _header_columns(texts, r, depth)
        if cols is None:
            r += 1
            continue
        span = 1 + max(c for row in texts[r : r + depth] for c, t in enumerate(row) if compact(t))
        r = _read_body(table, grid, texts, r + depth, cols, facts, span)


def _header_continues(row: list[str]) -> bool:
    joined = compact("".join(row))
    return bool(joined) and _role_in(joined, "level1", "level2", "level3") and not re.search(r"\d", joined)


def _restarts(row: list[str], span: int) -> bool:
    """A row that heads another table inside the same grid (two tables pasted as one, the
    Word table as wide as the wider of them): a label row that fills two or more columns
    right of the target header's last label, or that names known column headers (序号 …,
    two roles of the form lexicon). A target row of words only ("有效减轻 | 有效减轻")
    stays a target row: its cells are no column headers and it keeps within the span."""
    if not is_label_row(row):
        return False
    if sum(1 for t in row[span:] if is_filled(t)) >= 2:
        return True
    roles = [lexicon().role_of(t) for t in row if is_filled(t)]
    return "seq" in roles or sum(1 for x in roles if x is not None) >= 2


def _read_body(
    table: Table,
    grid: list[list[Cell | None]],
    texts: list[list[str]],
    r: int,
    cols: _Columns,
    facts: Facts,
    span: int,
) -> int:
    last1: str | None = None
    last2: str | None = None
    while r < len(texts):
        row = texts[r]
        if _is_header_row(row):
            return r
        if _restarts(row, span):
            return r + 1  # another table's rows follow: read on only from a target header
        ind_text = (
            compact(row[cols.indicator]) if cols.indicator is not None and cols.indicator < len(row) else ""
        )
        target_text = row[cols.target].strip() if cols.target is not None and cols.target < len(row) else ""
        if not ind_text or not target_text or ind_text == compact(target_text):
            # A total row ("总分"), a colspan note, a blank line: the body has ended.
            if any(compact(t) for t in row):
                return r + 1 if r + 1 >= len(texts) else r + 1
            r += 1
            continue
        l1 = compact(row[cols.level1]) if cols.level1 is not None else ""
        l2 = compact(row[cols.level2]) if cols.level2 is not None else ""
        last1 = l1 or last1
        last2 = l2 or last2
        cmp, target, unit = parse_target(target_text)
        actual_text = row[cols.actual].strip() if cols.actual is not None else None
        actual = parse_actual(actual_text) if actual_text else None
        note = row[cols.note] if cols.note is not None else ""
        if actual is None and cols.actual is None and target is not None and target.percent and note:
            found = _actual_from_note(ind_text, note)
            if found:
                actual, actual_text = found
        status_text = row[cols.status].strip() if cols.status is not None else None
        cell = grid[r][cols.indicator] if cols.indicator is not None else None
        loc = cell.location if cell is not None else table.location.model_copy(update={"row": r})
        facts.targets.append(
            TargetStatus(
                indicator=ind_text,
                level1=last1,
                level2=last2,
                comparator=cmp,
                target=target,
                target_text=target_text,
                unit=unit,
                actual=actual,
                actual_text=actual_text or None,
                status=parse_status(status_text) if status_text else None,
                status_text=status_text or None,
                source=Quote(location=loc, text=" | ".join(t.strip() for t in _dedupe(row))),
            )
        )
        r += 1
    return r


def _dedupe(row: list[str]) -> list[str]:
    out: list[str] = []
    for t in row:
        if not out or t != out[-1]:
            out.append(t)
    return out


def extract_targets(doc: Document, facts: Facts) -> None:
    for table in doc.tables():
        try:
            _table_rows(table, facts)
        except (ValueError, TypeError, IndexError) as exc:
            facts.notes.append(note("table_skipped", part="targets", table=table.index + 1, reason=str(exc)))
