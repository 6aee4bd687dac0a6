"""Section score sentences: what the analysis text says an indicator weighs and scored.

    决策部分满分为20分，此次绩效评价得分15分，得分率为75%
    部门决策类指标共包含2个二级指标，5个三级指标，权重分10分，得分7.5分，得分率为75.00％
    一是部门决策，权重分10分，主要从部门职能、目标设定2个方面加以考察   (the system: weight only)
    该二级指标满分5分，得分5分，得分率100.00%            (indicator: the heading above)
    A21年度工作计划明确性（2分）：……扣减1.5分，本项指标得0.5分   (weight and code: the prefix)
    （1）立项依据充分性：……根据评分标准，本项指标得满分      (score = the indicator's weight)

A sentence is taken only when it is anchored to an indicator: by name in the sentence
("决策部分", "部门决策类指标"), by the paragraph's prefix ("名称（N分）："), or by "本项指标",
"该二级指标" under a heading. The total score ("总体得分为86.00分，评价等级为良") has no
such anchor and is left to `overall`. Names are linked to the score trees' indicators by
code or by name (exact, then fuzzy), which gives code and level where the sentence does
not print them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.extract.indicators import Label, code_level, parse_label
from auditor.extract.keys import match_key, name_key
from auditor.extract.text import split_sentences
from auditor.facts import Facts, Quote, ScoreNode, SectionScore
from auditor.models import Document, Paragraph
from auditor.numbers import Num, parse_number

_NUM = r"(\d+(?:\.\d+)?)"
_WEIGHT = re.compile(r"(?<!得)(?:满分|权重分|权重|分值|标准分|总分)\s*(?:为|是|设为|共)?\s*[:：]?\s*" + _NUM + r"\s*分")
_RATE = re.compile(r"得分率\s*(?:为|是|达到?)?\s*[:：]?\s*(\d+(?:\.\d+)?%)")
_DEDUCTION = re.compile(r"(?<!每)(?:扣减|扣除|扣)\s*" + _NUM + r"\s*分")
_NO_DEDUCTION = re.compile(r"不扣分|未扣分")
_SCORE = re.compile(r"(?:得分\s*(?:为|是)?\s*[:：]?|(?<![获取])得)\s*" + _NUM + r"\s*分(?!率|值|标准|比)")
_FULL = re.compile(r"得满分|得到满分|获得满分|为满分")
# "决策部分满分…", "部门决策类指标共包含…", "过程类指标权重分…"
_INLINE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?"
    r"(?P<name>[\u4e00-\u9fff]{2,12}?)(?P<kind>部分|类指标|类)(?=满分|共|总分|的?权重|分值|得分|此次|本次|，)"
)
# the indicator system enumerated: "一是部门决策，权重分10分，主要从…2个方面加以考察"
_SYSTEM = re.compile(
    r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]是?|第[一二三四五六七八九十]是)\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,12}?)(?:部分|类指标|类|指标)?\s*[，,：:]\s*"
    r"(?:权重分|权重|分值|满分|总分)\s*(?:为|是|占)?\s*" + _NUM + r"\s*分"
)
_LEVEL_WORD = re.compile(r"该\s*(?P<lv>[一二三四])级指标")
_THIS_ITEM = re.compile(r"(?:本|该|此)项指标|该指标|本指标|(?:本|该|此)项")
# A paragraph opening with its indicator: "A21年度工作计划明确性（2分）：", "（1）立项依据充分性：".
_PREFIX = re.compile(
    r"^\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．)）](?!\d)|[①-⑳])?\s*"
    r"(?P<label>[^：:，,。；;《“”\s][^：:，,。；;《]{1,40}?)\s*"
    r"(?:[（(]\s*(?P<w>\d+(?:\.\d+)?)\s*分\s*[)）])?\s*[：:]"
)
_HEADING = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|\d{1,2}(?:\.\d{1,2})*\s*[、.．](?!\d))"
)
_HEADING_MAX = 30
_QUOTED = re.compile(r"“[^“”]{0,80}”|《[^《》]{0,80}》")
_LEVEL_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}
# A sentence stating the self-assessment's or the whole report's score is no indicator's
# claim. "自评" alone is not enough: "自评指标照搬申报表，…扣1.5分" still judges the item.
_SELF_OR_TOTAL = re.compile(
    r"自评(?:得分|分值|分数|总分|评分|结果|等级|为)|总体得分|总得分|综合得分|综合评分|最终得分|评价等级|等级为"
)


@dataclass(frozen=True)
class _Indicator:
    name: str
    code: str | None
    level: int
    weight: Num | None


class _Index:
    """The evaluator trees' indicators, for linking a sentence's name to code and level."""

    def __init__(self, trees_roots: list[ScoreNode]) -> None:
        self.by_key: dict[str, list[_Indicator]] = {}
        self.by_code: dict[str, list[_Indicator]] = {}
        for root in trees_roots:
            stack = list(root.children)
            while stack:
                n = stack.pop()
                stack.extend(n.children)
                ind = _Indicator(n.name, n.code, n.level, n.weight)
                self.by_key.setdefault(name_key(n.name), []).append(ind)
                if n.code:
                    self.by_code.setdefault(n.code.upper(), []).append(ind)
        self.names = list(self.by_key)
        self._by_level: dict[int, list[str]] = {}
        self._cache: dict[tuple[str, int | None], list[_Indicator]] = {}

    def find(self, name: str | None, code: str | None, level: int | None) -> list[_Indicator]:
        if code and code.upper() in self.by_code:
            return self.by_code[code.upper()]
        if not name:
            return []
        key = (name_key(name), level)
        if key not in self._cache:
            pool = self.names if level is None else self._by_level.setdefault(
                level, [k for k in self.names if any(i.level == level for i in self.by_key[k])]
            )
            i = match_key(key[0], pool)
            self._cache[key] = (
                [] if i is None else [x for x in self.by_key[pool[i]] if level is None or x.level == level]
            )
        return self._cache[key]


@dataclass(frozen=True)
class _Item:
    """The indicator a paragraph or sentence opens with ("A21…（2分）：", "（1）立项依据充分性：")."""

    label: Label
    weight: Num | None
    block: int | None  # the paragraph it stands in
    start: int  # its span there
    end: int

    def indicator_like(self, index: _Index) -> bool:
        return self.weight is not None or self.label.code is not None or bool(index.find(self.label.name, None, None))


def extract_section_scores(doc: Document, facts: Facts) -> None:
    roots = [t.root for t in facts.score_trees if t.kind != "self"]
    index = _Index(roots)
    heading: str | None = None
    # The item under discussion: sentences after "B32管理制度执行情况（2分）：…" - in more
    # paragraphs without a prefix of their own, or in a paragraph cut by a page break -
    # still talk about B32 when they say "本项指标", until the next heading or item.
    item: _Item | None = None
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        if _is_heading(block):
            heading = _heading_name(block.text)
            item = None
            continue
        for sentence, start, end in split_sentences(block.text):
            own = _prefix(sentence, block.location.block, start)
            if own is not None and own.indicator_like(index):
                item = own
            if "分" not in sentence:  # every weight, score, rate and deduction says 分
                continue
            found = _sentence(_unquoted(sentence), heading, own or item, index)
            if found is not None:
                facts.section_scores.append(_section_score(block, sentence, start, end, found, item))


def _prefix(sentence: str, block: int | None, offset: int) -> _Item | None:
    m = _PREFIX.match(sentence)
    if not m:
        return None
    label = parse_label(m.group("label"))
    if len(label.name) < 2:
        return None
    weight = parse_number(m.group("w")) if m.group("w") else label.weight
    return _Item(label, weight, block, offset, offset + m.end())


def _section_score(
    p: Paragraph, sentence: str, start: int, end: int, found: _Found, item: _Item | None
) -> SectionScore:
    indicator, code, level, weight, score, rate, deduction, uses_prefix = found
    quote_start, quote_text = start, sentence
    if uses_prefix and item is not None and item.block == p.location.block and item.end <= start:
        # the weight stands in the item's prefix earlier in the paragraph: quote from there
        quote_start = item.start
        quote_text = p.text[item.start : item.end] + "……" + sentence
    return SectionScore(
        indicator=indicator,
        code=code,
        level=level,
        weight=weight,
        score=score,
        rate=rate,
        deduction=deduction,
        source=Quote(location=p.location.with_span(quote_start, end), text=quote_text),
    )


def _heading_name(text: str) -> str:
    """'（一）决策情况分析' -> '决策情况分析'; '2.履职目标实现情况：' -> '履职目标实现情况'; a
    numbered item cut short ('(2) 设备或网络正常运转：项目实施后…') -> the part before ':'."""
    head = re.split(r"[：:]", text, maxsplit=1)[0]
    return parse_label(head).name or parse_label(text).name


def _is_heading(p: Paragraph) -> bool:
    if p.heading_level is not None:
        return len(p.text) <= 60
    t = p.text.strip()
    return len(t) <= _HEADING_MAX and bool(_HEADING.match(t)) and "。" not in t and not _SCORE.search(t)


def _unquoted(s: str) -> str:
    """The sentence without quoted text: figures inside “…” or 《…》 belong to what is
    quoted (a scoring rule, a document title), not to the sentence's claim."""
    return _QUOTED.sub("“”", s) if "“" in s or "《" in s else s


def _last(pattern: re.Pattern[str], s: str) -> Num | None:
    found = pattern.findall(s)
    return parse_number(found[-1]) if found else None


_Found = tuple[str, str | None, int | None, Num | None, Num | None, Num | None, Num | None, bool]


def _sentence(s: str, heading: str | None, prefix: _Item | None, index: _Index) -> _Found | None:
    """(indicator, code, level, weight, score, rate, deduction, uses_prefix) or None."""
    weight = _last(_WEIGHT, s)
    rate = _last(_RATE, s)
    deduction = _last(_DEDUCTION, s)
    if deduction is None and _NO_DEDUCTION.search(s):
        deduction = parse_number("0")
    score = _last(_SCORE, s)
    full = score is None and bool(_FULL.search(s))
    system = _SYSTEM.match(s)
    if system and score is None and rate is None and deduction is None:
        name = system.group("name")
        matches = index.find(name, None, 1) or index.find(name, None, None)
        return (
            name,
            _one(m.code for m in matches),
            _one(m.level for m in matches),
            parse_number(system.group(2)),
            None,
            None,
            None,
            False,
        )
    if score is None and not full and deduction is None and not (weight is not None and rate is not None):
        return None
    # which indicator
    name: str | None = None
    code: str | None = None
    level: int | None = None
    uses_prefix = False
    inline = _INLINE.match(s)
    lv = _LEVEL_WORD.search(s)
    if inline:
        name = inline.group("name")
        level = 1
    elif lv and heading:
        name, level = heading, _LEVEL_NUM[lv.group("lv")]
    elif prefix is not None and (_THIS_ITEM.search(s) or prefix.indicator_like(index)):
        name, code, uses_prefix = prefix.label.name, prefix.label.code, True
        if code:
            level = code_level(code)
    elif _THIS_ITEM.search(s) and heading:
        name = heading
    else:
        return None
    if not inline and _SELF_OR_TOTAL.search(_without(s, name)) and not _THIS_ITEM.search(s):
        return None
    if uses_prefix and weight is None and prefix is not None:
        weight = prefix.weight
    matches = index.find(name, code, level)
    if matches:
        code = code or _one(m.code for m in matches)
        if level is None:
            level = _one(m.level for m in matches)
    if full:
        full_weight = weight if weight is not None else _one_num(m.weight for m in matches)
        if full_weight is None:
            if deduction is None and rate is None:
                return None
        else:
            score = Num(value=full_weight.value, text="满分", decimals=full_weight.decimals)
    return name, code, level, weight, score, rate, deduction, uses_prefix


def _without(s: str, name: str | None) -> str:
    """The sentence without the indicator's own name ("绩效自评开展情况" names no self score)."""
    return s.replace(name, "") if name and len(name) >= 2 else s


def _one(values):  # type: ignore[no-untyped-def]
    distinct = {v for v in values if v is not None}
    return distinct.pop() if len(distinct) == 1 else None


def _one_num(values) -> Num | None:  # type: ignore[no-untyped-def]
    nums = [v for v in values if v is not None]
    return nums[0] if nums and all(n.value == nums[0].value for n in nums) else None
