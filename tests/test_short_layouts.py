"""Layout classes of the short public reports (fixtures/short_layouts.py), read from .docx
and .txt: weights printed before the names, a scoring table cut inside a row, two tables
pasted into one grid after a target table, and a framework sentence that lists names."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.engine.api import AuditOptions, audit_path
from auditor.extract import extract_facts
from auditor.extract.indicators import parse_label
from auditor.facts import Facts, ScoreNode
from auditor.findings import FileResult
from auditor.readers import read_document
from fixtures.short_layouts import render

FORMATS = ("docx", "txt")


def _path(tmp_path: Path, name: str, fmt: str) -> Path:
    return render(name, fmt, tmp_path / f"{name}.{fmt}")


def _facts(tmp_path: Path, name: str, fmt: str) -> Facts:
    return extract_facts(read_document(str(_path(tmp_path, name, fmt))))


def _audit(tmp_path: Path, name: str, fmt: str) -> FileResult:
    return audit_path(str(_path(tmp_path, name, fmt)), AuditOptions.make(lang="en"))


def _weights(node: ScoreNode) -> dict[str, Decimal | None]:
    out = {node.name: node.weight.value if node.weight else None}
    for c in node.children:
        out.update(_weights(c))
    return out


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("text", "lead_bare", "name", "weight"),
    [
        ("(20分)项目决策", False, "项目决策", "20"),
        ("（10分）科学决策", False, "科学决策", "10"),
        ("项目决策(20分)", False, "项目决策", "20"),
        ("(10)绩效目标", True, "绩效目标", "10"),
        # without the column's "(N分)" style a bare "(1)" is item numbering
        ("(1)绩效目标", False, "绩效目标", None),
        ("(10)绩效目标", False, "绩效目标", None),
    ],
)
def test_weight_before_the_name(text: str, lead_bare: bool, name: str, weight: str | None) -> None:
    label = parse_label(text, trailing_weight=True, lead_bare=lead_bare)
    assert label.name == name
    assert (label.weight.value if label.weight else None) == (Decimal(weight) if weight else None)


# ---------------------------------------------------------------- scoring tables


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["points_before_name", "points_after_name"])
def test_group_weights_read_before_or_after_the_name(tmp_path: Path, name: str, fmt: str) -> None:
    (tree,) = _facts(tmp_path, name, fmt).score_trees
    w = _weights(tree.root)
    assert (w["投入"], w["立项管理"], w["预算安排"], w["产出"], w["完成情况"]) == (30, 12, 18, 70, 70)
    result = _audit(tmp_path, name, fmt)
    assert result.findings == []
    # 投入, 立项管理, 预算安排, 产出, 完成情况 and the total: six sums evaluated
    assert result.coverage.by_rule["SCORE001"]["passed"] == 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_weight_off_its_rows_is_found(tmp_path: Path, fmt: str) -> None:
    result = _audit(tmp_path, "points_before_name_slip", fmt)
    found = {(f.rule_id, f.found) for f in result.findings}
    assert found == {("SCORE001", "30"), ("SCORE001", "13")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_groups_open_where_the_table_is_cut_are_not_checkable(tmp_path: Path, fmt: str) -> None:
    facts = _facts(tmp_path, "cut_score_table", fmt)
    (tree,) = facts.score_trees
    cut = {n.name for n in tree.root.children for n in [n, *n.children] if n.cut}
    assert cut == {"产出", "完成情况"}
    result = _audit(tmp_path, "cut_score_table", fmt)
    assert result.findings == []
    stats = result.coverage.by_rule["SCORE001"]
    # 投入 = 12 + 18, 立项管理 = 6 + 6, 预算安排 = 10 + 8 are closed and checked
    assert stats["passed"] == 3 and stats["failed"] == 0 and stats["not_checkable"] == 2


# ---------------------------------------------------------------- target tables


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["two_tables_one_grid_wide", "two_tables_one_grid_same_width"])
def test_a_second_table_in_the_grid_gives_no_target_rows(tmp_path: Path, name: str, fmt: str) -> None:
    targets = _facts(tmp_path, name, fmt).targets
    assert [t.indicator for t in targets] == ["培训学员人数", "结业考核通过率", "人均培训补助", "学员技能提升", "学员满意度"]
    # rows of words only ("明显提升 | 明显提升") are still targets
    assert targets[3].comparator == "text" and targets[3].actual_text == "明显提升"


# ---------------------------------------------------------------- framework counts


@pytest.mark.parametrize("fmt", FORMATS)
def test_framework_counts_of_a_sentence_listing_names(tmp_path: Path, fmt: str) -> None:
    counts = {c.kind: c.value for c in _facts(tmp_path, "framework_counts_listed", fmt).counts}
    assert counts == {"indicators_level1": 3, "indicators_level2": 5, "indicators_level3": 6}
    result = _audit(tmp_path, "framework_counts_listed", fmt)
    assert result.findings == [] and result.coverage.by_rule["COUNT001"]["passed"] == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_framework_count_off_the_table_is_found(tmp_path: Path, fmt: str) -> None:
    result = _audit(tmp_path, "framework_counts_listed_slip", fmt)
    assert [(f.rule_id, f.found) for f in result.findings] == [("COUNT001", "7")]


def test_counts_of_the_target_table_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("绩效目标表设置了2个一级指标、4个二级指标、7个三级指标。\n", encoding="utf-8")
    counts = extract_facts(read_document(str(path))).counts
    assert {c.kind for c in counts} == {"other"} and {c.group for c in counts} == {"绩效目标"}


# ---------------------------------------------------------------- amounts in two units


@pytest.mark.parametrize("fmt", FORMATS)
def test_total_investment_in_yi_and_wan_yuan_is_one_amount(tmp_path: Path, fmt: str) -> None:
    money = [m for m in _facts(tmp_path, "investment_two_units", fmt).money if m.quantity == "investment"]
    assert [(m.amount.text, m.unit) for m in money if m.fund is None] == [("2.36", "亿元"), ("23,600", "万元")]
    result = _audit(tmp_path, "investment_two_units", fmt)
    assert result.findings == [] and result.coverage.by_rule["MONEY001"]["passed"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_total_investment_stated_differently_is_found(tmp_path: Path, fmt: str) -> None:
    result = _audit(tmp_path, "investment_two_units_slip", fmt)
    assert [f.rule_id for f in result.findings] == ["MONEY001"]
    assert "26,300" in (result.findings[0].found or "")


# ---------------------------------------------------------------- indicator total by level


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicator_total_is_the_deepest_level(tmp_path: Path, fmt: str) -> None:
    counts = [(c.kind, c.value) for c in _facts(tmp_path, "indicator_total_by_level", fmt).counts]
    assert ("indicators_total", 10) in counts
    result = _audit(tmp_path, "indicator_total_by_level", fmt)
    # 3 + 6 + 10 is no breakdown of the total: nothing flagged, the total checked
    assert result.findings == [] and result.coverage.by_rule["COUNT014"]["passed"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicator_total_off_the_levels_is_found(tmp_path: Path, fmt: str) -> None:
    result = _audit(tmp_path, "indicator_total_by_level_slip", fmt)
    assert [(f.rule_id, f.found) for f in result.findings] == [("COUNT014", "12")]


# ---------------------------------------------------------------- grade as the conclusion


@pytest.mark.parametrize("fmt", FORMATS)
def test_grade_stated_as_the_conclusion(tmp_path: Path, fmt: str) -> None:
    overall = _facts(tmp_path, "notice_grade_conclusion", fmt).overall
    assert [(o.kind, o.grade or str(o.number.value)) for o in overall] == [  # type: ignore[union-attr]
        ("total_score", "86.4"),
        ("grade", "良"),
    ]
    result = _audit(tmp_path, "notice_grade_conclusion", fmt)
    assert result.findings == [] and result.coverage.by_rule["GRADE001"]["passed"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_grade_conclusion_off_its_score_is_found(tmp_path: Path, fmt: str) -> None:
    result = _audit(tmp_path, "notice_grade_conclusion_slip", fmt)
    assert [(f.rule_id, f.found) for f in result.findings] == [("GRADE001", "良")]
