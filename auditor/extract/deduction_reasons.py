"""Points a deduction reason states: "…扣1分；②…扣0.5分" -> [1, 0.5].

Reason cells (扣分原因/扣分说明) are claims in their own right: weight − stated points must
give the printed score. A reason that quotes a per-unit rule ("每少1项扣0.5分") or a cap
does not state the points taken, so it yields None (not checkable) rather than a guess.
"""

from __future__ import annotations

import re

from auditor.normalize import normalize_text
from auditor.numbers import Num, parse_number

_TAKEN = re.compile(r"扣(?:除|减)?(?:了)?\s*(\d+(?:\.\d+)?)\s*分")
_RULE_WORDS = ("每", "最多", "最高", "上限", "不超过", "以内")


def stated_deductions(text: str | None) -> list[Num] | None:
    """The points taken as the reason states them, or None when it states none or
    quotes a scoring rule instead."""
    if not text:
        return None
    t = normalize_text(text)
    found = list(_TAKEN.finditer(t))
    if not found or "扣完为止" in t:
        return None
    out: list[Num] = []
    for m in found:
        if _inside_quotes(t, m.start()):
            continue  # a scoring rule quoted as an example: “故障率超50%扣100分”
        clause_start = max(t.rfind(c, 0, m.start()) for c in "，,；;。①②③④⑤⑥⑦⑧⑨⑩") + 1
        clause = t[clause_start : m.end()]
        if any(w in clause for w in _RULE_WORDS):
            return None
        num = parse_number(m.group(1))
        if num is None:
            return None
        out.append(num)
    return out or None


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("「") > before.count("」")
