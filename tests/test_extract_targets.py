"""Target table extraction: levels over merged/empty cells, comparators and units, the
actual from its column or from the 说明 text, status labels with stray spaces."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract.targets import extract_targets, parse_status, parse_target
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def targets_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_targets(read_document(str(path)), facts)
    return facts


@pytest.mark.parametrize(
    ("text", "cmp", "value", "unit"),
    [
        ("≥95%", "≥", "95", "%"),
        ("≤ 48 小时", "≤", "48", "小时"),
        ("=100%", "=", "100", "%"),
        ("不低于1,200件", "≥", "1200", "件"),
        ("≤15个工作日", "≤", "15", "个工作日"),
        ("3", "=", "3", None),
        ("显著 提升", "text", None, None),
        ("4月30日前完成", "text", None, None),
    ],
)
def test_parse_target(text: str, cmp: str, value: str | None, unit: str | None) -> None:
    c, n, u = parse_target(text)
    assert c == cmp and u == unit
    assert (n.value if n else None) == (Decimal(value) if value else None)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("全部 完成", "completed"),
        ("已完成", "completed"),
        ("部分 完成", "partial"),
        ("未完成", "uncompleted"),
        ("", None),
    ],
)
def test_parse_status(text: str, status: str | None) -> None:
    assert parse_status(text) == status


def test_table_with_empty_merged_cells_and_note_actuals(tmp_path: Path) -> None:
    text = (
        "表2 绩效指标完成情况表\n\n"
        "| 绩效指标名称 |  |  | 指标 值 | 指标 实现 情况 | 完成情况说明 |\n|---|---|---|---|---|---|\n"
        "| 一级 指标 | 二级 指标 | 三级指标 |  |  |  |\n"
        "| 产出 指标 | 数量 指标 | 巡检完成率 | ≥100% | 全部 完成 | 巡检完成率 100%。 |\n"
        "|  |  | 受理件数 | ≥500件 | 全部 完成 | 全年受理 512 件。 |\n"
        "|  | 质量 指标 | 故障率 | ≤2% | 部分 完成 | 故障率 3%。 |\n"
        "| 满意度 指标 | 满意度 | 综合满意度 | ≥90% | 部分完成 | 综合满意度为 86.50%。 |\n"
    )
    f = targets_of(tmp_path, text)
    got = [
        (t.level1, t.level2, t.indicator, t.comparator, t.target.text if t.target else None,
         t.actual.text if t.actual else None, t.status)
        for t in f.targets
    ]  # fmt: skip
    assert got == [
        ("产出指标", "数量指标", "巡检完成率", "≥", "100%", "100%", "completed"),
        ("产出指标", "数量指标", "受理件数", "≥", "500", None, "completed"),
        ("产出指标", "质量指标", "故障率", "≤", "2%", "3%", "partial"),
        ("满意度指标", "满意度", "综合满意度", "≥", "90%", "86.50%", "partial"),
    ]
    assert f.targets[0].status_text == "全部 完成"


def test_definition_table_without_outcome_is_skipped(tmp_path: Path) -> None:
    text = "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n| 产出指标 | 数量指标 | 巡检次数 | ≥12次 |\n"
    assert targets_of(tmp_path, text).targets == []


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_targets(doc, f)
    assert len(f.targets) == 11
    assert [t.status for t in f.targets].count("completed") == 7
    assert [t.status for t in f.targets].count("partial") == 4
    assert {t.level1 for t in f.targets} == {"产出指标", "效益指标"}
    sat = f.targets[-1]
    assert (sat.indicator, sat.comparator, sat.target.text if sat.target else None) == (
        "综合满意度",
        "≥",
        "95%",
    )
    assert sat.actual is not None and sat.actual.text == "86.04%"
    rate = next(t for t in f.targets if t.indicator == "业务办理量达标率")
    assert rate.actual is not None and rate.actual.value == Decimal("116.33")
