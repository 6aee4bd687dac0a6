"""Totals broken down in one sentence ("…114项，其中…30项，…74项") and COUNT011."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract.breakdowns import extract_breakdowns
from auditor.facts import Facts
from auditor.readers import read_document


def breakdowns(tmp_path: Path, text: str) -> list[tuple[str, str, str, list[str]]]:
    path = tmp_path / "b.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_breakdowns(read_document(str(path)), facts)
    return [(b.label, b.total.text, b.unit, [p.number.text for p in b.parts]) for b in facts.breakdowns]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("年末实有人数20人，其中：行政7人，事业13人。", [("年末实有人数", "20", "人", ["7", "13"])]),
        ("项目总投资1,500万元，其中财政资金1,000万元，自筹资金（含贷款）500万元。", [("项目总投资", "1,500", "万元", ["1,000", "500"])]),
        # a balance is no part of what was spent
        ("支出决算422.80万元，其中基本支出217.57万元，项目支出205.23万元，年末结转10.77万元。", [("支出决算", "422.80", "万元", ["217.57", "205.23"])]),
    ],
)
def test_breakdowns_read(tmp_path: Path, sentence: str, expected: list) -> None:
    assert breakdowns(tmp_path, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "支出决算335.96万元，其中包含年初结转结余资金25.32万元。",  # one part: a detail
        "共发放问卷70份，其中工作人员20份，社会公众50份。",  # left to the questionnaire counts
        "共发放问卷70份，回收70份，其中：发放工作人员问卷20份，回收20份。",
        "全县共有2179项事项进驻平台，其中乡镇级150项，村级30项。",  # the total does not close its clause
        "受理1000件，其中网上办理800件，按时办结1000件。",  # another tally after the first part
        "其中人员经费196.50万元，公用经费21.07万元。",  # no total in the sentence
    ],
)
def test_not_breakdowns(tmp_path: Path, sentence: str) -> None:
    assert breakdowns(tmp_path, sentence) == []


def test_parts_that_miss_the_total_are_reported(rule_findings) -> None:
    assert rule_findings("年末实有人数20人，其中：行政7人，事业13人。", "COUNT011") == []
    (f,) = rule_findings("梳理乡村就近办事项114项，其中村级事项30项，一体机事项74项。", "COUNT011")
    assert f.severity == "warning" and "30+74 = 104项" in f.message_zh and "相差 10项" in f.message_zh
    (over,) = rule_findings("年末实有人数20人，其中：行政8人，事业13人。", "COUNT011")
    assert "21" in over.message_en
    # a list far short of the total names a few kinds only
    assert rule_findings("梳理事项2179项，其中乡镇级150项，村级30项。", "COUNT011") == []
    # amounts within their rounding agree
    assert rule_findings("项目总投资10.01万元，其中财政资金5.00万元，自筹资金5.00万元。", "COUNT011") == []
    assert len(rule_findings("项目总投资10.30万元，其中财政资金5.00万元，自筹资金5.00万元。", "COUNT011")) == 1
