"""The base a form computes its execution rate on, where the form itself says it: the
header's formula over lettered columns ("执行率（B/A）" over "全年预算数（A）"), or a note
("执行率＝全年执行数÷全年预算数", "预算执行率=预算执行数/（年初预算数+上年结转）").

The bases: full_year (全年预算数), adjusted (调整后预算数), initial (年初预算数),
initial_plus_carryover (年初预算数 + 上年结转).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.normalize import normalize_text
from auditor.tables import Band

_LETTERED_RATE = re.compile(r"执行率.*?[(（]\s*([A-Z])\s*[/÷]\s*([A-Z])\s*[)）]")
_LETTER = re.compile(r"[(（]\s*([A-Z])\s*[)）]")
_RATE_FORMULA = re.compile(r"执行率\s*[=＝:：]\s*[^。；;\n]*?执行数?\s*[/÷]\s*[(（]?\s*([^。；;\n×*)）]+)")


def base_of_words(text: str) -> str | None:
    """The base a denominator's words name."""
    t = "".join(text.split())
    if "年初" in t and "结转" in t:
        return "initial_plus_carryover"
    if "调整" in t:
        return "adjusted"
    if "年初" in t:
        return "initial"
    if "全年" in t and "预算" in t:
        return "full_year"
    return None


def stated_base(band: Band, notes: Iterable[str]) -> str | None:
    """The base the funds block's header formula or the form's note names, else None."""
    letters: dict[str, str] = {}
    rate_letters = None
    for col in band.columns:
        head = normalize_text(col.header.text)
        m = _LETTERED_RATE.search(head)
        if m:
            rate_letters = m.groups()
            continue
        m = _LETTER.search(head)
        if m and col.role in ("budget_full", "budget_initial"):
            letters[m.group(1)] = "initial" if col.role == "budget_initial" else base_of_words(head) or "full_year"
    if rate_letters is not None and rate_letters[1] in letters:
        return letters[rate_letters[1]]
    for text in notes:
        m = _RATE_FORMULA.search(normalize_text(text))
        if m:
            base = base_of_words(m.group(1))
            if base is not None:
                return base
    return None


__all__ = ["base_of_words", "stated_base"]
