"""Wording the engine's views read off extracted claims.

The views (engine/views.py, engine/form_views.py) arrange claims; what a claim's words
mean is extraction's knowledge, kept here so the views hold no regexes of their own:
the "其他（请说明）" option, a sentence naming the evaluators, the level an indicator
count counts, an indicator that restates a form's execution rate.
"""

from __future__ import annotations

import re

_OTHER_OPTION = re.compile(r"其他.{0,3}(?:请说明|请注明|请填写|请列举)")
_EVALUATOR_WORDS = re.compile(r"评价组|评价机构|第三方|评价工作组|专家组")
_COUNT_LEVEL = re.compile(r"([一二三四])级指标$")

# The first-level areas "all indicators were met" speaks of when it names none.
ALL_MET_AREAS = ("产出", "效益", "满意度")


def is_other_option(label: str) -> bool:
    """A questionnaire option whose answers are written out: '其他（请说明）'."""
    return _OTHER_OPTION.search(label) is not None


def names_evaluators(text: str) -> bool:
    """The sentence names the evaluators ('评价组评价得分88.45分'), so a score stated in a
    self-assessment part is still the evaluator's."""
    return _EVALUATOR_WORDS.search(text) is not None


def counted_level(label: str) -> int | None:
    """The indicator level a count's label counts: '…共包含5个三级指标' -> 3."""
    m = _COUNT_LEVEL.search(label)
    return "一二三四".index(m.group(1)) + 1 if m else None


def rate_link(name: str) -> str | None:
    """Whether an indicator restates the form's execution rate ('预算执行率',
    '预算完成率') or its complement (the unspent share: '结转结余率')."""
    key = "".join(name.split())
    if any(w in key for w in ("结转结余率", "结余结转率")):
        return "balance"
    if key.endswith(("预算执行率", "预算完成率", "资金执行率")) and not any(w in key for w in ("采购", "项目", "专项")):
        return "execution"
    return None
