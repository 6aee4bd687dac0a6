"""One row per report for a bureau's overview, shared by the workbook (xlsx) and the
HTML summary so both show the same columns.

Values are what the report states (the most common statement); money in 万元 so a
column sorts and sums. A report of which nothing could be checked is flagged: it is not
a clean report, and must not look like one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditor.findings import FileResult, finding_title
from auditor.names import show_name
from auditor.report.arith_text import readable
from auditor.report.grouping import group_findings

MONEY = re.compile(r"^\s*([\d,]+(?:\.\d+)?)\s*(元|万元|亿元)\s*$")
TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    numeric: bool = False

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


COLUMNS: tuple[Column, ...] = (
    Column("file", "报告文件", "file"),
    Column("project", "项目名称", "project"),
    Column("unit", "预算部门（单位）", "unit"),
    Column("evaluator", "评价机构", "evaluator"),
    Column("year", "评价年度", "year"),
    Column("total_score", "评价得分", "score", numeric=True),
    Column("grade", "等级", "grade"),
    Column("self_score", "自评得分", "self score", numeric=True),
    Column("budget", "预算（万元）", "budget (10k yuan)", numeric=True),
    Column("spent", "支出（万元）", "spent (10k yuan)", numeric=True),
    Column("execution_rate", "预算执行率", "execution rate"),
    Column("slips", "疑点", "slips", numeric=True),
    Column("errors", "错误", "errors", numeric=True),
    Column("warnings", "警告", "warnings", numeric=True),
    Column("checked", "已核对", "claims checked", numeric=True),
    Column("not_checkable", "无法核对", "not checkable", numeric=True),
    Column("tables_not_understood", "未读懂的表格", "tables not understood", numeric=True),
    Column("nothing_checked", "未核对任何数据", "nothing checked"),
    Column("status", "状态", "status"),
    Column("profile", "评分方案", "profile"),
)

STATUS = {
    "zh": {"unreadable": "无法读取", "nothing": "无可核对数据", "findings": "有问题", "clean": "未发现问题"},
    "en": {"unreadable": "unreadable", "nothing": "nothing checkable", "findings": "findings", "clean": "no findings"},
}
YES = {"zh": "是", "en": "yes"}


def wan(text: object) -> Decimal | None:
    """'42.65万元' → 42.65; '246,450.00元' → 24.645; anything else → None."""
    m = MONEY.match(str(text or ""))
    if not m:
        return None
    try:
        return (Decimal(m[1].replace(",", "")) * TO_WAN[m[2]]).normalize()
    except InvalidOperation:
        return None


def number(text: object) -> Decimal | None:
    try:
        return Decimal(str(text)) if text not in (None, "") else None
    except InvalidOperation:
        return None


def status(r: FileResult, lang: str) -> str:
    tx = STATUS["en" if lang == "en" else "zh"]
    if r.error:
        return tx["unreadable"]
    if not r.coverage.checked:
        return tx["nothing"]
    return tx["findings"] if r.findings else tx["clean"]


def summary_row(r: FileResult, lang: str = "zh") -> dict[str, object]:
    """Column key → value (str, Decimal, int or None for blank)."""
    s = r.summary
    row: dict[str, object] = {c.key: None for c in COLUMNS}
    row["file"] = r.path
    row["status"] = status(r, lang)
    row["profile"] = show_name(r.profile) if r.profile else None
    if r.error:
        return row
    row.update(
        project=s.get("project"),
        unit=s.get("unit"),
        evaluator=s.get("evaluator"),
        year=s.get("year"),
        total_score=number(s.get("total_score")),
        grade=s.get("grade"),
        self_score=number(s.get("self_score")),
        budget=wan(s.get("budget")),
        spent=wan(s.get("spent")),
        execution_rate=s.get("execution_rate"),
        slips=len(group_findings(r.findings)),
        errors=sum(1 for f in r.findings if f.severity == "error"),
        warnings=sum(1 for f in r.findings if f.severity == "warning"),
        checked=r.coverage.checked,
        not_checkable=r.coverage.not_checkable,
        tables_not_understood=s.get("tables_not_understood"),
        nothing_checked=YES["en" if lang == "en" else "zh"] if not r.coverage.checked else None,
    )
    return row


def finding_rows(results: list[FileResult], lang: str = "zh") -> list[dict[str, object]]:
    """One row per finding, in the reports' group order: file, group, rule, severity,
    message, expected, found, places (one per line)."""
    rows = []
    for r in results:
        if r.error:
            continue
        for n, g in enumerate(group_findings(r.findings), 1):
            for f in g.findings:
                rows.append(
                    {
                        "file": r.path,
                        "slip": n,
                        "role": f.group_role,
                        "rule": f.rule_id,
                        "name": finding_title(f, lang),
                        "severity": f.severity,
                        "message": readable(f.message_en if lang == "en" else f.message_zh, lang),
                        "expected": readable(f.expected, lang, aside=False) or None,
                        "found": readable(f.found, lang, aside=False) or None,
                        "places": "\n".join(
                            f"{p.location.describe(lang)}" + (f"：{p.figure}" if p.figure else "")
                            for p in f.places
                        ),
                    }
                )
    return rows
