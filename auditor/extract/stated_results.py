"""Sentences saying one named indicator was missed or late, or that it was done.

"（3）项目完成及时性：项目原计划6月底竣工，实际8月底竣工，滞后2个月。" says the row
项目完成及时性 was missed; "…已按期完成" says it was done. Each is kept with the indicator
it names; whether a row with full points (or marked 已完成) contradicts it is the rules'
call.

Linked by name only, never by position: a sentence names the indicator (a row name of a
scoring or target table, at least four characters), or its paragraph opens with the name
("（3）项目完成及时性：…"). A sentence naming two indicators, or a name that is part of
another row's name printed in the same sentence, is left out (not checkable). The key
words are scoped like a deduction reason's negation: "未出现延期", "无滞后", "是否按期
完成", "若延期", "避免…滞后", "虽…延期，但…" assert no miss; "基本完成", "尚未完成",
"计划于…完成", "确保…完成" assert no success.
"""

from __future__ import annotations

import re

from auditor.extract.text import split_sentences
from auditor.facts import Facts, Quote, ScoreNode, StatedResult
from auditor.models import Document, Paragraph
from auditor.normalize import compact

_MISSED = re.compile(
    r"未(?:能)?(?:按期|按时|如期|按计划|按合同约定(?:时间|工期)?)(?:完成|竣工|交付|验收)"
    r"|延期(?:完成|交付|验收|竣工|开工|实施)"
    r"|(?:工期|进度)(?:延误|滞后|延迟)"
    r"|滞后(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)个?(?:月|天|日|周)"
    r"|逾期(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)?个?(?:月|天|日)?(?:完成|竣工|交付)"
    r"|尚未完成|未完成(?:年度|全年)?(?:绩效)?(?:目标|任务)"
    r"|未达到(?:预期|年度|既定)?(?:绩效)?目标"
)
# "达到85%" says nothing of the target: only "达到/实现…目标" is a success
_MET = re.compile(
    r"(?:已|均已|已经)(?:按期|按时|如期|按计划|全部|全面)?完成(?!率)"
    r"|(?:已|均已|已经)?(?:达到|实现)了?(?:年度|全年|预期|既定)?(?:绩效)?(?:目标|预期|要求)"
    r"|(?:按期|按时|如期)(?:全部)?完成(?!率)"
)
_QUANTITY = re.compile(r"^[^，,；;。]*?\d")  # "已完成拨付2113万元", "尚未完成的项目3个": a quantity, not the indicator
# what makes a key word no claim: a negated or hypothetical miss, a contrast that takes it back
_NOT_MISSED = re.compile(r"不存在|未出现|未发生|没有|无(?!法)|避免|防止|杜绝|是否|若|如果|假如|一旦|确保|以免|不得|虽|并非|不是")
_NOT_MET = re.compile(
    r"基本|大部分|部分|大多|未(?!雨绸缪)|没有|尚|是否|若|如果|假如|将|拟|计划(?:于|在|将)|确保|力争|应当?|需要?|要求|争取|预计|有望|并非|不是"
)
_CONTRAST = re.compile(r"但|但是|不过|然而|仍|却")
_QUESTION = re.compile(r"[?？]|吗")
_EXCEPT = re.compile(r"除[^。；;]{0,24}(?:外|以外)")
_CLAUSE_MARKS = "，,；;：:"
_LEAD = re.compile(
    r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．]\s*|[A-Za-z]\d{1,3}\s*)?(?P<name>[^：:，,。（(]{4,40}?)\s*(?:[（(][^)）]{0,10}[)）])?\s*[：:]"
)
_CODE = re.compile(r"^[A-Za-z]\d{0,3}|^[（(]?[\d一二三四五六七八九十]+[)）.、．]")
_PUNCT = re.compile(r"[\s\"“”'‘’《》「」、]")
_MIN_NAME = 4


def name_key(name: str) -> str:
    """A row name for matching in running text: no code or numbering, quotes or spaces."""
    s = compact(name)
    for _ in range(2):
        s = _CODE.sub("", s)
    return _PUNCT.sub("", s)


def extract_stated_results(doc: Document, facts: Facts) -> None:
    names = _row_names(facts)
    for block in doc.blocks:
        if names and isinstance(block, Paragraph) and block.heading_level is None:
            facts.stated_results.extend(results_in(block, names))
    facts.stated_results.extend(problem_areas(facts))


_AREA_HEAD = re.compile(r"^[^：:。；;，,]{2,30}")


def problem_areas(facts: Facts) -> list[StatedResult]:
    """Entries of the evaluator's problem lists that name one indicator in their head
    ("（一）项目决策方面：…", "2. 项目完成及时性：…"): a row name of four characters or more
    printed there, or a shorter one followed by 方面. Self-assessment lists answer to
    another table and are left out."""
    short, long = _all_row_names(facts)
    out = []
    for plist in facts.problems:
        if plist.says_none or "自评" in plist.heading:
            continue
        for entry, source in zip(plist.entries, plist.entry_sources, strict=False):
            m = _AREA_HEAD.match(compact(entry))
            if m is None:
                continue
            head = _PUNCT.sub("", m.group(0))
            hits = [k for k in long if k in head] + [k for k in short if f"{k}方面" in head]
            hits = [k for k in hits if not any(k != o and k in o for o in hits)]
            if len(hits) != 1:
                continue
            key = hits[0]
            name = long.get(key) or short[key]
            out.append(StatedResult(indicator=name, said="problem", phrase=key, source=source))
    return out


def _all_row_names(facts: Facts) -> tuple[dict[str, str], dict[str, str]]:
    """Evaluator row names, short (two or three characters: 决策, 产出) and long."""
    short: dict[str, str] = {}
    long: dict[str, str] = {}

    def walk(n: ScoreNode) -> None:
        if n.level >= 1:
            k = name_key(n.name)
            if len(k) >= _MIN_NAME:
                long.setdefault(k, n.name)
            elif len(k) >= 2:
                short.setdefault(k, n.name)
        for c in n.children:
            walk(c)

    for t in facts.score_trees:
        if t.kind != "self":
            walk(t.root)
    return short, long


def results_in(p: Paragraph, names: dict[str, str]) -> list[StatedResult]:
    """The stated results of one paragraph, each linked to the one row name it gives."""
    text = p.text
    if not (_MISSED.search(text) or _MET.search(text)):
        return []
    subject, lead = _paragraph_subject(text, names)
    out = []
    for s, start, _ in split_sentences(text):
        if _QUESTION.search(s):
            continue
        named = _named(s[max(lead - start, 0) :], names)  # the opening name is the subject, not a mention
        if len(named) > 1:
            continue  # two indicators in one sentence: which one is meant is not certain
        key = named[0] if named else subject
        if key is None:
            continue
        found = _claim(s)
        if found is None:
            continue
        said, a, b = found
        out.append(
            StatedResult(
                indicator=names[key],
                said=said,
                phrase=s[a:b],
                source=Quote(location=p.location.with_span(start, start + len(s)), text=s.strip()),
            )
        )
    return out


def _claim(s: str) -> tuple[str, int, int] | None:
    """('missed' | 'met', start, end) of the sentence's key words, when they stand as a claim."""
    for said, pattern, hedge in (("missed", _MISSED, _NOT_MISSED), ("met", _MET, _NOT_MET)):
        found = [m for m in pattern.finditer(s)]
        if not found:
            continue
        m = found[0]
        clause_start = max(s.rfind(x, 0, m.start()) for x in _CLAUSE_MARKS) + 1
        if hedge.search(s[clause_start : m.start()]) or (said == "missed" and "虽" in s[: m.start()]):
            return None
        if _EXCEPT.search(s[: m.start()]):
            return None  # "除二标段外，均已按期完成": a part is the exception
        if _QUANTITY.match(s[m.end() :]):
            return None
        if said == "missed" and _CONTRAST.search(s[m.end() :]):
            return None  # "虽延期完成，但在合同约定工期内" takes it back
        if said == "met" and _MISSED.search(s):
            return None  # both in one sentence: a part done, a part late
        return said, m.start(), m.end()
    return None


def _named(s: str, names: dict[str, str]) -> list[str]:
    """Row names printed in the sentence, a name that is part of another printed one left out."""
    c = _PUNCT.sub("", compact(s))
    hits = [k for k in names if k in c]
    return [k for k in hits if not any(k != o and k in o for o in hits)]


def _paragraph_subject(text: str, names: dict[str, str]) -> tuple[str | None, int]:
    """The row a paragraph opens with ("（3）项目完成及时性：…"), when the opening is one row's
    name exactly, and where the opening ends."""
    m = _LEAD.match(text.strip())
    if m is None:
        return None, 0
    key = _PUNCT.sub("", compact(m.group("name")))
    if key not in names:
        return None, 0
    return key, len(text) - len(text.lstrip()) + m.end()


def _row_names(facts: Facts) -> dict[str, str]:
    """name key -> row name, for the rows of evaluator scoring tables and target tables.
    A key two different rows share is still one indicator."""
    out = dict(_all_row_names(facts)[1])
    for target in facts.targets:
        k = name_key(target.indicator)
        if len(k) >= _MIN_NAME:
            out.setdefault(k, target.indicator)
    return out
