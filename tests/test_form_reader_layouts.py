"""Unit tests for the form-reader fixes found by the layout fixtures (fixtures/forms.py):
each is a class of layout, written here by hand as the TAB text that web pages give."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from auditor.engine.api import audit_path
from auditor.extract import extract_facts
from auditor.readers import read_document
from fixtures.form_specs import build_form_spec
from fixtures.forms import Variant, render_form

SICHUAN_HEAD = "绩效指标（90分）\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析"


def facts_of(tmp_path: Path, lines: list[str]):  # type: ignore[no-untyped-def]
    path = tmp_path / "form.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract_facts(read_document(str(path)))


def test_packed_row_prints_the_inner_levels(tmp_path: Path) -> None:
    # a block label column and a merged level-1 cell, both blank, dropped to one TAB: the
    # label left is the second level (a parent is merged, a child never), not the first
    facts = facts_of(
        tmp_path,
        [
            "部门预算项目支出绩效自评表",
            SICHUAN_HEAD,
            "\t产出指标\t数量指标\t维修座椅数\t≥\t40\t个\t42\t50\t50",
            "\t质量指标\t验收合格率\t=\t100\t%\t100\t40\t40",
            "合计\t90\t90",
        ],
    )
    levels = [(r.name, r.level1, r.level2) for r in facts.form_rows]
    assert levels == [("维修座椅数", "产出指标", "数量指标"), ("验收合格率", "产出指标", "质量指标")]


def test_block_label_repeated_down_its_rows(tmp_path: Path) -> None:
    # an unmerged block label ("预算执行情况（10分）" in every row of the block) is the
    # block's label, not the row's
    facts = facts_of(
        tmp_path,
        [
            "部门预算项目支出绩效自评表",
            "预算执行情况（10分）\t年度预算数（万元）\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因",
            "预算执行情况（10分）\t总额\t40.00\t40.00\t38.00\t95.00%\t10\t9.5\t—",
            "预算执行情况（10分）\t其中：财政资金\t40.00\t40.00\t38.00\t95.00%\t/\t/",
            SICHUAN_HEAD,
            "绩效指标（90分）\t产出指标\t数量指标\t维修座椅数\t≥\t40\t个\t42\t50\t50",
            "绩效指标（90分）\t产出指标\t质量指标\t验收合格率\t=\t100\t%\t100\t40\t40",
            "合计\t100\t99.5",
        ],
    )
    [funds] = facts.form_funds
    assert (funds.label, funds.spent.text, funds.score.text) == ("总额", "38.00", "9.5")  # type: ignore[union-attr]
    assert [r.name for r in facts.form_rows] == ["维修座椅数", "验收合格率"]
    [tree] = facts.score_trees
    assert tree.root.score.value == Decimal("99.5")  # type: ignore[union-attr]


def test_funds_cells_whose_column_is_open_are_not_read(tmp_path: Path) -> None:
    # an unfilled funds row with its empty cells dropped: "80.00 | 90.00" may be 年初 and
    # 全年 or 全年 and 执行数; no amount is claimed, so no sum of parts is checked against it
    # (the figures stay on the funds row as read, their columns marked inferred)
    lines = [
        "2024年度项目支出绩效自评表",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t80.00\t90.00\t10",
        "其中：当年财政拨款\t80.00\t80.00",
        "上年结转资金\t—\t10.00",
    ]
    facts = facts_of(tmp_path, lines)
    [funds] = facts.form_funds
    assert not {"budget_initial", "budget_full", "spent"} & set(funds.sources)
    assert facts.money == [] and facts.money_sums == []
    path = tmp_path / "b.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [f.rule_id for f in audit_path(str(path)).findings if f.rule_id.startswith("MONEY")] == []


def test_unit_note_above_a_table_cut_by_the_reader(tmp_path: Path) -> None:
    # a .docx form whose 项目名称 rows have another column layout than the funds block is
    # cut into two tables by the readers; the 金额单位 note above still gives the unit
    spec = build_form_spec("meals")
    path = render_form(spec, Variant(layout="national", money_unit_at="caption"), "docx", tmp_path / "f.docx")
    doc = read_document(str(path))
    assert len(list(doc.tables(nested=False))) == 2
    [funds] = extract_facts(doc).form_funds
    assert (funds.unit, funds.unit_source) == ("元", "note")


def test_funds_cells_pinned_by_the_printed_rate_are_read(tmp_path: Path) -> None:
    # two equal amounts under three amount columns and 执行率 100%: whichever two columns
    # they fill, spent / budget = 100% — the printed rate settles the reading
    facts = facts_of(
        tmp_path,
        [
            "2024年度项目支出绩效自评表",
            "项目资金（元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "年度资金总额\t52,300.00\t52,300.00\t10\t100%\t10",
        ],
    )
    [funds] = facts.form_funds
    assert (funds.budget_full.text, funds.spent.text) == ("52,300.00", "52,300.00")  # type: ignore[union-attr]
    assert [r.kind for r in facts.rates] == ["execution_rate"]


def test_target_rows_meet_their_tree_in_a_table_cut_by_the_reader(tmp_path: Path) -> None:
    # the cut gives the form piece a new table number; its score tree keeps the source
    # table's, as its target rows do, so a met target that lost points is still seen
    spec = build_form_spec("training")
    spec.overrides["row.培训合格率.target"] = "≥76.5%"  # 85% now meets it, 9.4 of 10 points stay
    path = render_form(spec, Variant(layout="national"), "docx", tmp_path / "f.docx")
    assert len(list(read_document(str(path)).tables(nested=False))) == 2
    found = [f for f in audit_path(str(path)).findings if f.rule_id == "STATUS004"]
    assert len(found) == 1 and "培训合格率" in found[0].message


def test_one_figure_funds_row_is_not_a_score(tmp_path: Path) -> None:
    # an unfilled 湖北 funds row: "90.00" may be the budget or the score; not read as points
    # (it would score 90.00 of 20)
    lines = [
        "2024年度项目支出绩效自评表",
        "预算执行情况（万元）（20分）\t预算数（A）\t执行数（B）\t执行率（B/A）\t得分（20分*执行率）",
        "年度财政资金总额\t90.00",
        "一级指标\t二级指标\t三级指标\t年初目标值（A）\t实际完成值（B）\t得分",
        "产出指标\t数量指标\t维修座椅数\t≥40个",
    ]
    [funds] = facts_of(tmp_path, lines).form_funds
    assert funds.score is None
    path = tmp_path / "b.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert audit_path(str(path)).findings == []
