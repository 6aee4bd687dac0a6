"""Totals broken down in one sentence: "梳理乡村就近办事项114项，其中村（社区）事项30项，
一体机事项74项"; "项目总投资500万元，其中财政资金300万元，自筹资金150万元".

The total is the last figure before "其中" in the sentence; the parts are the clauses
after it that each hold one figure in the total's unit, up to the first clause that
starts another tally (回收, 有效, 办结 …: "发放问卷70份，其中工作人员20份，回收20份" must not
add the returned copies). Questionnaire splits (份) are left to the questionnaire counts,
which know issued from returned. Bracketed asides are dropped first: "30项（含5项）".
"""

from __future__ import annotations

import re

from auditor.extract.text import iter_sentences
from auditor.facts import Breakdown, BreakdownPart, Facts
from auditor.models import Document
from auditor.notes import note
from auditor.numbers import Num, parse_number

_UNITS = ("万元", "亿元", "元", "项", "个", "人", "件", "家", "条", "台", "所", "户", "次", "场", "批", "名")
_UNIT = "|".join(_UNITS)
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(" + _UNIT + r")(?![\u4e00-\u9fff]?率)")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_SPLIT = re.compile(r"其中\s*[:：]?")
_CLAUSE = re.compile(r"[，；;、]|,(?!\d{3})")  # not the comma of 1,000
# a clause that starts another tally, not a part of this one
# (a balance is what was not spent: "支出决算422.80万元，其中基本支出…，项目支出…，年末结转10.77万元")
_OTHER_TALLY = re.compile(
    r"回收|有效|办结|完成|实现|累计|合计|共计|总计|占|达到|较|比|同比|增长|减少|下降|平均|结转|结余|余额|剩余"
)


def extract_breakdowns(doc: Document, facts: Facts) -> None:
    for unit in iter_sentences(doc):
        if "其中" not in unit.text:
            continue
        try:
            found = _breakdown(unit.text)
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(note("sentence_skipped", part="breakdowns", text=unit.text[:40], reason=str(exc)))
            continue
        if found is not None:
            label, total, unit_word, parts = found
            facts.breakdowns.append(
                Breakdown(label=label, total=total, unit=unit_word, parts=parts, source=unit.quote())
            )


def _breakdown(text: str) -> tuple[str, Num, str, list[BreakdownPart]] | None:
    m = _SPLIT.search(text)
    if m is None:
        return None
    head, tail = _ASIDE.sub("", text[: m.start()]), _ASIDE.sub("", text[m.end() :])
    before = list(_FIGURE.finditer(head))
    if not before or head[before[-1].end() :].strip(" ，,：:") not in ("", "。"):
        return None  # the total must close the clause right before 其中
    last = before[-1]
    total, unit_word = parse_number(last.group(1)), last.group(2)
    if total is None or unit_word == "份":
        return None
    label = _CLAUSE.split(head[: last.start()])[-1].strip()
    parts: list[BreakdownPart] = []
    for clause in _CLAUSE.split(tail):
        clause = clause.strip()
        if not clause:
            continue
        if _OTHER_TALLY.search(clause):
            break
        figures = list(_FIGURE.finditer(clause))
        if len(figures) != 1 or figures[0].group(2) != unit_word:
            break
        n = parse_number(figures[0].group(1))
        if n is None:
            break
        parts.append(BreakdownPart(label=clause[: figures[0].start()].strip(" ：:为是共有计") or clause, number=n))
    if len(parts) < 2:
        return None  # one part alone ("其中包含结转25.32万元") is a detail, not a breakdown
    return label, total, unit_word, parts
