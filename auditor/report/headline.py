"""Headline values of one report for the bureau's summary (xlsx, HTML): project, unit,
evaluating firm, assessed year, budget, spending, execution rate.

The names come from the labelled fields reports print on their cover or in their
overview table ("项目名称 | 便民服务点…", "评价机构：临沣正衡…"); the figures from the
facts, each the value most places state. A value that is not printed is left out
(never guessed): the summary shows a blank.
"""

from __future__ import annotations

import re

from auditor.engine.views import Views
from auditor.engine.vocabulary import fmt
from auditor.facts import Facts
from auditor.models import Document, Paragraph, Table

# field -> labels a report prints before the value (compared without spaces)
LABELS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称", "评价项目", "项目全称"),
    "unit": ("预算部门", "项目单位", "主管部门", "预算单位", "项目实施单位", "被评价单位", "部门名称", "单位名称"),
    "evaluator": ("评价机构", "第三方机构", "第三方评价机构", "评价单位"),
}
MAX_VALUE = 60  # longer text after a label is a sentence, not a name
# a column header next to the label ('被评价单位 | 问题分类') is not a value
HEADER_ENDINGS = ("分类", "类型", "名称", "情况", "内容", "说明", "备注", "金额", "序号", "时间", "日期")
_SEPARATOR = re.compile(r"[：:]")
_UNIT_HEADER = re.compile(r"[（(]\s*(?:万?元|亿元|%|个|人)\s*[）)]")  # '资金量（万元）'  is a column header


def _compact(text: str) -> str:
    return "".join(text.split())


def _value(text: str) -> str | None:
    value = " ".join(text.split()).strip("：: ")
    if not value or len(value) > MAX_VALUE or re.fullmatch(r"[-—/\\无]*", value) or value.endswith(HEADER_ENDINGS) or _UNIT_HEADER.search(value):
        return None
    return value


def _from_paragraph(text: str, labels: tuple[str, ...]) -> str | None:
    """'评价机构：临沣正衡会计师事务所' (the label leading its line)."""
    for line in text.splitlines():
        parts = _SEPARATOR.split(line, maxsplit=1)
        if len(parts) == 2 and _compact(parts[0]) in labels:
            # a second label on the same line ('评价分值：85.39 评价等级：良') ends the value
            return _value(re.split(r"\s{1,}\S{2,8}[：:]", parts[1])[0])
    return None


def _from_table(table: Table, labels: tuple[str, ...]) -> str | None:
    """A cell holding just the label; the value is the next cell of its row."""
    for row in table.rows:
        for i, cell in enumerate(row):
            if _compact(cell.text).rstrip("：:") in labels and i + 1 < len(row):
                value = _value(row[i + 1].text)
                if value and _compact(value) not in {lb for ls in LABELS.values() for lb in ls}:
                    return value
    return None


def names(doc: Document) -> dict[str, str]:
    """Project, unit and evaluator as first printed (cover lines and overview tables)."""
    found: dict[str, str] = {}
    for block in doc.blocks:
        for key, labels in LABELS.items():
            if key in found:
                continue
            value = (
                _from_paragraph(block.text, labels) if isinstance(block, Paragraph) else _from_table(block, labels)
            )
            if value:
                found[key] = value
        if len(found) == len(LABELS):
            break
    return found


def figures(facts: Facts) -> dict[str, str]:
    """Assessed year, budget (adjusted when stated), spent and execution rate."""
    views = Views(facts)
    out: dict[str, str] = {}
    year = views.report.assessed_year
    if year is not None:
        out["year"] = str(year.date.year)
    budget = views.money_of("adjusted_budget") or views.money_of("budget")
    if budget is not None:
        out["budget"] = fmt(budget)
    spent = views.money_of("spent")
    if spent is not None:
        out["spent"] = fmt(spent)
    rates = [r for r in views.rates if r.kind == "execution_rate"]
    if rates:
        texts = [r.value.text for r in rates]
        out["execution_rate"] = max(texts, key=lambda x: (texts.count(x), -texts.index(x)))
    return out


def headline(doc: Document, facts: Facts) -> dict[str, str]:
    return {**names(doc), **figures(facts)}
