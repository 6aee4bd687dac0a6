"""Aligning the figures of one row to the columns of its block.

Tables rebuilt from text (and many real drafts) lose empty and merged cells: a row of
the funds block may read "年度资金总额 | 387664.62 | 387664.62 | 10 | 100% | 10" under six
headed columns. A row's cells are matched, in order, to the block's columns by what
each column can hold (an amount, a rate, a comparator, a unit, text); when the cells
sit exactly under their headers, that position wins. Among equally good alignments a
role is *determined* when all of them give it the same cell; otherwise the right-most
alignment that leaves blank the columns forms most often leave blank is used (then the
right-most packing: the cells a form always fills — 得分, 分值 — stand at the right), and
the role is marked *inferred*, so that rules may decline to judge on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditor.tables.cells import CellValue
from auditor.tables.lexicon import label_key, lexicon

INF = float("inf")
_GRADE_WORD = re.compile(r"^(优秀|良好|合格|不合格|较好|一般|较差|优|良|中|差|[ABCD]级?)$")
_MAX_ALIGNMENTS = 512
_MAX_POINTS = 100  # no row of a 100-point form carries more
# How often forms leave a column blank, for telling which cells a row lost.
BLANK_PRIOR = {
    "spent_forecast": 3,
    "target_adjusted": 3,
    "actual_forecast": 2,
    "reason": 2,
    "budget_initial": 1,
    "unit": 1,
    "nature": 1,
}
_AMOUNTS = {"budget_initial", "budget_full", "spent", "spent_midyear", "spent_forecast"}
_POINTS = {"weight", "score", "weight_exec", "score_exec"}
_TARGETS = {"target", "target_adjusted", "actual", "actual_midyear", "actual_forecast"}


def fit(role: str, v: CellValue) -> float:
    """Cost of reading cell `v` as a value of column `role` (0 fits, INF never)."""
    k = v.kind
    n = v.number
    if role in _AMOUNTS:
        if k == "number" and not n.percent and v.comparator is None:  # type: ignore[union-attr]
            return 0
        return 0.3 if k == "placeholder" else INF
    if role == "exec_rate" or role == "coefficient" or role == "score_rate":
        if k == "number" and n.percent:  # type: ignore[union-attr]
            return 0
        if k == "number" and role == "exec_rate" and n.value <= Decimal("1.5"):  # type: ignore[union-attr]
            return 0.5  # 执行率 printed as a ratio ("1")
        return 0.3 if k == "placeholder" else INF
    if role in _POINTS:
        if k == "number" and not n.percent and v.comparator is None and v.unit in (None, "分"):  # type: ignore[union-attr]
            return 0 if 0 <= n.value <= _MAX_POINTS else INF  # type: ignore[union-attr]
        return 0.3 if k == "placeholder" else INF
    if role == "nature":
        if k == "comparator":
            return 0
        return 0 if k == "text" and label_key(v.text) in lexicon().nature_words else INF
    if role in _TARGETS:
        if k == "number":
            return 0
        return 0.3 if k == "placeholder" else 0.5 if k == "text" else INF
    if role == "unit":
        if k == "unit":
            return 0
        return 1.5 if k == "text" and len(label_key(v.text)) <= 2 else INF
    if role == "reason":
        return 0 if k == "text" else 0.3 if k == "placeholder" else 1 if k == "number" else INF
    if role == "possibility":
        return 0 if k == "text" and lexicon().status(v.text) else 1 if k in ("text", "placeholder") else INF
    if role == "seq":
        return 0 if k == "number" and not n.percent and n.decimals == 0 else INF  # type: ignore[union-attr]
    if role in ("project", "department"):
        return 0 if k == "text" else 0.3 if k == "placeholder" else 1.5 if k == "number" else INF
    if role == "grade":
        return 0 if k == "text" and _GRADE_WORD.match(label_key(v.text)) else 0.3 if k == "placeholder" else INF
    if role == "amount":
        return 0 if k == "number" and not n.percent else 0.3 if k == "placeholder" else INF  # type: ignore[union-attr]
    if role == "core":
        return 0 if label_key(v.text) in ("是", "否") else INF
    return 1  # a column whose header the lexicon does not know


@dataclass(frozen=True)
class Alignment:
    values: dict[str, CellValue]  # role -> cell (right-most packing among the best)
    inferred: frozenset[str]  # roles the best alignments disagree on
    cost: float


def align(cells: Sequence[CellValue], roles: Sequence[str], positions: Sequence[int] | None) -> Alignment | None:
    """Match `cells` (in order) to `roles` (in order), each cell to one column. With
    `positions` (the grid column of each role's header), a cell standing at its
    column's position costs a little less. None when no alignment fits every cell."""
    n, m = len(cells), len(roles)
    if n > m:
        return None

    def cost(i: int, j: int) -> float:
        c = fit(roles[j], cells[i])
        if c < INF and positions is not None and cells[i].cell.col == positions[j]:
            c -= 0.25
        return c

    # best[i][j]: least cost to place cells[i:] into roles[j:]
    best = [[INF] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[n][j] = 0.0
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = cost(i, j) + best[i + 1][j + 1]
            skip = best[i][j + 1]
            best[i][j] = min(take, skip)
    if best[0][0] == INF:
        return None
    target = best[0][0]
    found: list[tuple[int, ...]] = []

    def walk(i: int, j: int, acc: float, path: tuple[int, ...]) -> None:
        if len(found) >= _MAX_ALIGNMENTS:
            return
        if i == n:
            found.append(path)
            return
        if j == m:
            return
        c = cost(i, j)
        if c < INF and abs(acc + c + best[i + 1][j + 1] - target) < 1e-9:
            walk(i + 1, j + 1, acc + c, path + (j,))
        if abs(acc + best[i][j + 1] - target) < 1e-9:
            walk(i, j + 1, acc, path)

    walk(0, 0, 0.0, ())
    # among the best: leave blank the columns forms most often leave blank (a monitoring
    # form's 全年预计执行数 at mid-year, an 调整指标值 nobody adjusted), then pack right
    chosen = max(found, key=lambda path: (sum(BLANK_PRIOR.get(r, 0) for j, r in enumerate(roles) if j not in path), path))
    values = {roles[j]: cells[i] for i, j in enumerate(chosen)}
    inferred = set()
    for path in found:
        other = {roles[j]: cells[i] for i, j in enumerate(path)}
        for role in set(values) | set(other):
            if values.get(role) is not other.get(role):
                inferred.add(role)
    return Alignment(values, frozenset(inferred), target)
