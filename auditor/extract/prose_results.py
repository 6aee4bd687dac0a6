"""Results listed in a sentence instead of a table: "排名依次是甲县91.75分，评价等次优秀；
乙县90分，评价等次优秀；丙区81分，评价等次良好". Each item is a name, a score and (when
printed) a grade; the sentence is a ranking when it says so (排名依次, 由高到低 …).

Only a sentence with two or more such items is read: one "X分，评价等次Y" is the report's
own total, which the overall extractor reads.
"""

from __future__ import annotations

import re

from auditor.facts import Facts, ProseResult, ProseResultItem, Quote
from auditor.models import Document, Paragraph
from auditor.numbers import parse_number

_GRADES = "优秀|良好|中等|不合格|合格|较差|优|良|中|差"
_ITEM = re.compile(
    r"(?P<name>[\u4e00-\u9fff（）()]{2,24}?)\s*(?:得分|总分|评分)?\s*(?:为|是)?\s*(?P<score>\d{1,3}(?:\.\d{1,2})?)\s*分"
    rf"(?:\s*[，,、]?\s*(?:评价|绩效)?(?:等次|等级|结果)\s*(?:为|是)?\s*[“\"「]?(?P<grade>{_GRADES})(?![\u4e00-\u9fff]*率))?"
)
# words before the first name that are not part of it
_LEAD = re.compile(r"^.*?(?:排名依次(?:是|为)|依次(?:是|为)|分别(?:是|为)|其中|包括|由高到低(?:依次)?(?:是|为)?|从高到低(?:依次)?(?:是|为)?)\s*[：:]?")
_RANKED = re.compile(r"排名依次|排名顺序|排名(?:为|是)|由高到低|从高到低|按得分高低")
_SEPARATOR = re.compile(r"[；;]")
# a list runs over `；`, which the shared sentence splitter treats as an end
_FULL_STOP = re.compile(r"[^。！？!?]+[。！？!?]?")
_MAX_LIST_CHARS = 2000
_POINTS = re.compile(r"\d\s*分")  # a cheap test before the item pattern: a list has two scores


def extract_prose_results(doc: Document, facts: Facts) -> None:
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or len(_POINTS.findall(block.text)) < 2:
            continue
        for m in _FULL_STOP.finditer(block.text):
            if len(m.group()) > _MAX_LIST_CHARS or len(_POINTS.findall(m.group())) < 2:
                continue
            result = _read(m.group(), block, m.start(), m.end())
            if result is not None:
                facts.prose_results.append(result)


def _read(sentence: str, p: Paragraph, start: int, end: int) -> ProseResult | None:
    """Items are the `；`-separated parts that each hold exactly one name-score pair."""
    items: list[ProseResultItem] = []
    offset = 0
    for part in _SEPARATOR.split(sentence):
        found = list(_ITEM.finditer(part)) if _POINTS.search(part) else []
        at = offset
        offset += len(part) + 1
        if len(found) != 1:
            continue
        m = found[0]
        name = _LEAD.sub("", m.group("name")).strip("，,、：: ")
        name = re.split(r"[，,。：:]", name)[-1]
        score = parse_number(m.group("score"))
        if len(name) < 2 or score is None:
            continue
        a = start + at + m.start("score")
        items.append(
            ProseResultItem(
                name=name,
                score=score,
                grade=m.group("grade"),
                source=Quote(location=p.location.with_span(a, a + len(m.group("score"))), text=m.group("score")),
            )
        )
    if len(items) < 2 or len({i.name for i in items}) != len(items):
        return None
    return ProseResult(
        items=items,
        ranked=_RANKED.search(sentence) is not None,
        source=Quote(location=p.location.with_span(start, end), text=sentence),
    )
