"""Qualifiers: the words that make a stated figure a different quantity from its bare name.

"一期拨付60万元" is an instalment, not the amount paid; "剩余80万元待拨付" is what is left,
not what was paid; "完成预算资金45万元" is what was done, not what was budgeted; "指标值
100%" is a target, not the rate achieved. Two statements are the same quantity only when
their qualifiers agree, so extraction records the qualifier and the engine groups by it.

One lexicon for the extractors and the engine (the engine reads the field, it never
re-reads the words).
"""

from __future__ import annotations

import re

from auditor.facts import Qualifier

QUALIFIERS: tuple[str, ...] = ("part", "remainder", "target", "planned", "completed")

# An instalment or a listed share of a whole: "一期拨付", "第二批", "首笔", "分别".
# ("分2次拨付" says how the whole was paid: no instalment is named)
_PART = re.compile(r"(?<!分)(?:[一二三四五六七八九十\d]+|首|末)(?:期|批|笔|次)(?:拨付|支付|下达|到位|资金|款|$)|第[一二三四五六七八九十\d]+(?:期|批|笔|次)|分别|已(?:实施|完成|建成|拨付)部分")
# The rest of a whole: "剩余80万元", "尚有10万元未到位", "剩余未实施部分".
_REMAINDER_BEFORE = re.compile(r"剩余|尚余|余下|尚有|未实施|未完成部分|未拨付|待拨付|尾款")
_REMAINDER_AFTER = re.compile(r"^\s*(?:尚未|未|待)(?:拨付|支付|到位|实施|使用|完成|下达)")
# A target or an indicator value (the column of a target table or the words before a rate).
_TARGET = re.compile(r"目标值|指标值|年度指标|目标为|计划值|预期值|预期目标|年度目标|绩效目标|标准值")
# What was done, as against what was budgeted or requested.
_COMPLETED = re.compile(r"(?:实际)?完成(?!率)|实际执行|执行数|完成值|实际值|实现值")
# "申报预算" is how a budget is made, so it is no qualifier; a request (申请) is not yet a budget.
_PLANNED = re.compile(r"申请|计划|拟|预计")


def qualifier_of(before: str, after: str = "", quantity_word_at: int = -1) -> Qualifier | None:
    """The qualifier of a figure from the words `before` it (its own clause) and the few
    characters `after` it. `quantity_word_at` is where the quantity word starts in
    `before`: only words ahead of it qualify it ("完成预算资金" is completed; "预算完成" is
    not a money quantity at all and is left to the caller)."""
    head = before if quantity_word_at < 0 else before[: quantity_word_at + 1]
    if _REMAINDER_BEFORE.search(before) or _REMAINDER_AFTER.match(after):
        return "remainder"
    if _PART.search(before):
        return "part"
    if _TARGET.search(head):
        return "target"
    if _COMPLETED.search(head):
        return "completed"
    if _PLANNED.search(head):
        return "planned"
    return None


def column_qualifier(header: str) -> Qualifier | None:
    """The qualifier a table column header gives its figures: 指标值/目标值 -> target,
    完成值/实际完成值 -> completed."""
    if _TARGET.search(header):
        return "target"
    if re.search(r"完成值|实际值|实现值|实际完成|完成情况|实际", header):
        return "completed"
    return None
