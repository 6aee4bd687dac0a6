"""Score trees and section score sentences (auditor.extract.scores / score_tables /
sections / indicators).

Hand-built Documents pin each table layout; small .txt/.docx files go through the real
readers for what only a reader produces (full-width digits, split numbers, a table
continued on the next page, Word's vertical merges); the corpus pins whole reports.
Units, names and figures in the fixtures are invented.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract.indicators import parse_label
from auditor.extract.keys import match_name, name_key
from auditor.extract.score_tables import column_role
from auditor.extract.scores import extract_scores, walk
from auditor.facts import Facts, ScoreNode, ScoreTree
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
FILE = "draft.docx"


# ---------------------------------------------------------------- building documents


class M:
    """A merged cell: text spanning `rs` rows and `cs` columns."""

    def __init__(self, text: str, rs: int = 1, cs: int = 1) -> None:
        self.text, self.rs, self.cs = text, rs, cs


def make_table(rows: list[list[str | M]], index: int = 0, caption: str | None = None) -> Table:
    occupied: set[tuple[int, int]] = set()
    out: list[list[Cell]] = []
    n_cols = 0
    for r, row in enumerate(rows):
        cells = []
        c = 0
        for item in row:
            while (r, c) in occupied:
                c += 1
            m = item if isinstance(item, M) else M(item)
            for dr in range(m.rs):
                for dc in range(m.cs):
                    occupied.add((r + dr, c + dc))
            loc = Location(file=FILE, table=index, row=r, col=c)
            cells.append(Cell(text=m.text, row=r, col=c, row_span=m.rs, col_span=m.cs, location=loc))
            c += m.cs
            n_cols = max(n_cols, c)
        out.append(cells)
    return Table(index=index, rows=out, n_cols=n_cols, location=Location(file=FILE, table=index), caption=caption)


def make_doc(*blocks: str | Table | tuple[str, int]) -> Document:
    """Paragraphs (a str, or (text, heading_level)) and tables, numbered in order."""
    out: list[Paragraph | Table] = []
    n_par = n_tab = 0
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            t = b.model_copy(update={"index": n_tab, "location": Location(file=FILE, block=i, table=n_tab)})
            for row in t.rows:
                for cell in row:
                    cell.location = cell.location.model_copy(update={"table": n_tab, "block": i})
            out.append(t)
            n_tab += 1
        else:
            text, level = (b, None) if isinstance(b, str) else b
            out.append(
                Paragraph(text=text, heading_level=level, location=Location(file=FILE, block=i, paragraph=n_par))
            )
            n_par += 1
    return Document(path=FILE, format="docx", blocks=out)


def extract(doc: Document) -> Facts:
    facts = Facts(file=doc.path)
    extract_scores(doc, facts)
    return facts


def shape(node: ScoreNode) -> tuple:
    """What a tree says, without places: comparable across layouts."""
    return (
        node.level,
        node.code,
        node.name,
        node.weight.text if node.weight else None,
        node.score.text if node.score else None,
        node.rate.text if node.rate else None,
        node.weight_from_header,
        tuple(node.merged_group),
        tuple(shape(c) for c in node.children),
    )


def figures(tree: ScoreTree, level: int) -> list[tuple[str, str | None, str | None]]:
    return [
        (n.name, n.weight.text if n.weight else None, n.score.text if n.score else None)
        for n in walk(tree.root)
        if n.level == level
    ]


def only(facts: Facts, kind: str) -> ScoreTree:
    trees = [t for t in facts.score_trees if t.kind == kind]
    assert len(trees) == 1, [t.kind for t in facts.score_trees]
    return trees[0]


# ---------------------------------------------------------------- labels and names


@pytest.mark.parametrize(
    ("text", "code", "name", "weight"),
    [
        ("A11部门职能明确性", "A11", "部门职能明确性", None),
        ("A部门\n决策\n(10分)", "A", "部门决策", "10"),
        ("决策 (20分)", None, "决策", "20"),
        ("项目立项（6分）", None, "项目立项", "6"),
        ("A2目标设定(6分)", "A2", "目标设定", "6"),
        ("D1社会\n效益\n( 8分)", "D1", "社会效益", "8"),
        ("C12“一网通办”“一网通管”实现情况", "C12", "“一网通办”“一网通管”实现情况", None),
        ("（一）决策情况分析", None, "决策情况分析", None),
        ("6.采购管理", None, "采购管理", None),
    ],
)
def test_labels_split_into_code_name_and_header_weight(text: str, code, name, weight) -> None:
    label = parse_label(text)
    assert (label.code, label.name, label.weight.text if label.weight else None) == (code, name, weight)


def test_a_bare_weight_after_a_level_name_is_read_only_when_asked() -> None:
    assert parse_label("决策 40", trailing_weight=True).weight.text == "40"
    assert parse_label("决策 40").weight is None


def test_names_match_ignoring_spaces_punctuation_and_suffixes() -> None:
    assert name_key("（一）决策情况分析") == name_key("决策 (20分)") == "决策"
    assert name_key("部门决策类指标") == "部门决策"
    names = ["B6采购管理", "B61政府采购规范性", "B7预算管理"]
    assert match_name("采购 管理", names) == 0
    assert match_name("政府采购规范", names) == 1  # contained
    assert match_name("设备或网络正常运转", ["设备或网络运转情况", "设备网络正常运转"]) == 1  # similar
    assert match_name("管理", names) is None  # ambiguous: no link rather than a wrong one


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("指标分值", "weight"),
        ("权重分", "weight"),
        ("标准分", "weight"),
        ("评价得分", "score"),
        ("评分", "score"),
        ("实际得分", "score"),
        ("自评得分", "self_score"),
        ("得分率", "rate"),
        ("扣分原因", "reason"),
        ("扣分理由", "reason"),
        ("评分标准", "text"),
        ("指标解释", "text"),
        ("评价要点", "text"),
        ("三级指标", "level"),
        ("指标名称", "name"),
    ],
)
def test_column_roles_by_header(header: str, role: str) -> None:
    assert column_role(header) == role


# ---------------------------------------------------------------- summary tables

SUMMARY = [
    ["一级指标", "指标分值", "评价得分", "得分率"],
    ["决策", "15", "12.50", "83.33%"],
    ["过程", "25", "21.00", "84.00%"],
    ["产出", "35", "33.25", "95.00%"],
    ["效益", "25", "19.70", "78.80%"],
    ["合计", "100", "86.45", "86.45%"],
]


def test_summary_table_with_total_row() -> None:
    facts = extract(make_doc("表1 一级指标得分表", make_table(SUMMARY, caption="表1 一级指标得分表")))
    tree = only(facts, "summary")
    assert tree.caption == "表1 一级指标得分表"
    assert tree.table == 0
    root = tree.root
    assert (root.level, root.name, root.weight.text, root.score.text, root.rate.text) == (
        0, "合计", "100", "86.45", "86.45%",
    )
    assert figures(tree, 1) == [
        ("决策", "15", "12.50"),
        ("过程", "25", "21.00"),
        ("产出", "35", "33.25"),
        ("效益", "25", "19.70"),
    ]
    first = root.children[0]
    assert first.rate.text == "83.33%" and first.rate.percent
    assert first.score.value == Decimal("12.50") and first.score.decimals == 2
    # every figure points at its own cell
    assert (first.score_source.location.row, first.score_source.location.col) == (1, 2)
    assert (first.weight_source.location.row, first.weight_source.location.col) == (1, 1)
    assert (root.source.location.row, root.source.location.col) == (5, 0)


def test_total_row_is_kept_as_printed_not_computed() -> None:
    rows = [r[:] for r in SUMMARY]
    rows[-1] = ["总分", "100", "90.00", "90.00%"]  # children add up to 86.45
    tree = only(extract(make_doc(make_table(rows))), "summary")
    assert (tree.root.name, tree.root.score.text) == ("总分", "90.00")


def test_table_without_total_row_has_a_root_without_figures() -> None:
    tree = only(extract(make_doc(make_table(SUMMARY[:-1]))), "summary")
    assert tree.root.weight is None and tree.root.score is None
    assert len(tree.root.children) == 4


# ---------------------------------------------------------------- levels in columns

HEADER = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分", "扣分原因"]
# (一级, 二级, 三级, weight, score, reason)
ANNEX = [
    ("决策（20分）", "立项管理（8分）", "立项依据合规性", "4", "4", ""),
    ("决策（20分）", "立项管理（8分）", "立项流程完整性", "4", "3", "缺少会议纪要，扣1分"),
    ("决策（20分）", "目标设置（12分）", "目标清晰度", "6", "5", "未分年度，扣1分"),
    ("决策（20分）", "目标设置（12分）", "指标量化程度", "6", "4.5", "定性指标多，扣1.5分"),
    ("过程（20分）", "资金管理（10分）", "拨付及时性", "5", "5", ""),
    ("过程（20分）", "资金管理（10分）", "支出合规性", "5", "4", "票据不全，扣1分"),
    ("过程（20分）", "实施管理（10分）", "制度完备性", "10", "8", "制度未更新，扣2分"),
]
TOTAL = ["合计", "", "", "40", "", "33.5", ""]
EXPECTED_ANNEX = (
    0, None, "合计", "40", "33.5", None, False, (),
    (
        (1, None, "决策", "20", None, None, True, (), (
            (2, None, "立项管理", "8", None, None, True, (), (
                (3, None, "立项依据合规性", "4", "4", None, False, (), ()),
                (3, None, "立项流程完整性", "4", "3", None, False, (), ()),
            )),
            (2, None, "目标设置", "12", None, None, True, (), (
                (3, None, "目标清晰度", "6", "5", None, False, (), ()),
                (3, None, "指标量化程度", "6", "4.5", None, False, (), ()),
            )),
        )),
        (1, None, "过程", "20", None, None, True, (), (
            (2, None, "资金管理", "10", None, None, True, (), (
                (3, None, "拨付及时性", "5", "5", None, False, (), ()),
                (3, None, "支出合规性", "5", "4", None, False, (), ()),
            )),
            (2, None, "实施管理", "10", None, None, True, (), (
                (3, None, "制度完备性", "10", "8", None, False, (), ()),
            )),
        )),
    ),
)  # fmt: skip


def _annex_rows(layout: str) -> list[list[str | M]]:
    rows: list[list[str | M]] = [HEADER[:]]
    for i, (l1, l2, l3, w, s, reason) in enumerate(ANNEX):
        prev = ANNEX[i - 1] if i else None
        first1 = prev is None or prev[0] != l1
        first2 = first1 or prev[1] != l2
        if layout == "repeated":
            rows.append([l1, l2, l3, w, "按要点计分", s, reason])
        elif layout == "empty":
            rows.append([l1 if first1 else "", l2 if first2 else "", l3, w, "按要点计分", s, reason])
        else:  # merged: one cell spanning its group's rows; covered positions hold nothing
            n1 = sum(1 for r in ANNEX if r[0] == l1)
            n2 = sum(1 for r in ANNEX if r[0] == l1 and r[1] == l2)
            row: list[str | M] = []
            if first1:
                row.append(M(l1, rs=n1))
            if first2:
                row.append(M(l2, rs=n2))
            rows.append([*row, l3, w, "按要点计分", s, reason])
    rows.append([M("合计", cs=3), "40", "", "33.5", ""] if layout == "merged" else TOTAL[:])
    return rows


@pytest.mark.parametrize("layout", ["merged", "repeated", "empty"])
def test_parent_cells_merged_repeated_or_empty_give_the_same_tree(layout: str) -> None:
    table = make_table(_annex_rows(layout), caption="附件1 绩效评价指标体系及评分表")
    tree = only(extract(make_doc(table)), "annex")
    assert shape(tree.root) == EXPECTED_ANNEX


def test_annex_keeps_deduction_reasons_and_ignores_prose_columns() -> None:
    tree = only(extract(make_doc(make_table(_annex_rows("empty")))), "annex")
    leaves = {n.name: n for n in walk(tree.root) if n.level == 3}
    assert leaves["立项流程完整性"].deduction_reason == "缺少会议纪要，扣1分"
    assert leaves["立项依据合规性"].deduction_reason is None
    # the parent's weight is read from its label and quotes that cell
    decision = tree.root.children[0]
    assert decision.weight_from_header and decision.weight_source.text == "决策（20分）"


def test_a_repeated_leaf_name_with_its_own_figures_is_a_row_of_its_own() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出", "数量", "完成率", "5", "5"],
        ["产出", "数量", "完成率", "5", "4"],
        ["合计", "", "", "10", "9"],
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    assert figures(tree, 3) == [("完成率", "5", "5"), ("完成率", "5", "4")]


def test_a_new_parent_does_not_inherit_the_previous_groups_child() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出（10分）", "数量（10分）", "完成率", "10", "9"],
        ["效益（10分）", "", "满意度", "10", "8"],  # no 二级 under 效益
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    benefit = tree.root.children[1]
    assert [(c.level, c.name) for c in benefit.children] == [(3, "满意度")]


def test_a_weight_column_per_level() -> None:
    rows = [
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
        [M("投入", rs=2), M("12", rs=2), M("预算", rs=2), M("12", rs=2), "编制", "6", "6"],
        ["执行", "6", "5"],
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    assert shape(tree.root)[-1] == (
        (1, None, "投入", "12", None, None, False, (), (
            (2, None, "预算", "12", None, None, False, (), (
                (3, None, "编制", "6", "6", None, False, (), ()),
                (3, None, "执行", "6", "5", None, False, (), ()),
            )),
        )),
    )  # fmt: skip


# ---------------------------------------------------------------- ragged rows


def test_ragged_row_where_two_prose_columns_were_merged() -> None:
    rows: list[list[str | M]] = [
        ["一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "指标说明", "评分标准", "评分", "扣分原因"],
        ["决策（8分）", "立项（8分）", "依据充分性", "8", "解释", "说明", "标准", "6", "依据不足，扣2分"],
        # a converter merged 解释 and 说明 into one cell: 8 cells where the header has 9
        ["过程（6分）", "管理（6分）", "制度健全性", "6", "解释与说明", "标准", "5", "制度缺一项，扣1分"],
        ["合计", "", "", "14", "", "", "", "11", ""],
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    assert figures(tree, 3) == [("依据充分性", "8", "6"), ("制度健全性", "6", "5")]
    leaf = tree.root.children[1].children[0].children[0]
    assert leaf.deduction_reason == "制度缺一项，扣1分"
    assert leaf.score_source.location.col == 6  # the cell it stands in


def test_short_row_that_only_lost_its_empty_last_cell_stays_in_place() -> None:
    rows = [
        ["一级指标", "三级指标", "分值", "评分标准", "得分", "扣分原因"],
        ["决策", "依据充分性", "8", "标准", "6", "依据不足"],
        ["过程", "制度健全性", "6", "标准", "6"],  # no reason: the trailing empty cell dropped
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    assert figures(tree, 3) == [("依据充分性", "8", "6"), ("制度健全性", "6", "6")]


# ---------------------------------------------------------------- one name column (sections)

SECTION = [
    ["指标名称", "权重", "得分", "得分率"],
    ["A1职能配置", "5", "4", "80.00%"],
    ["A11职责清晰性", "3", "3", "100.00%"],
    ["A12分工合理性", "2", "1", "50.00%"],
    ["A2计划管理", "7", "6.5", "92.86%"],
    ["A21计划完整性", "4", "3.5", "87.50%"],
    ["A22计划执行性", "3", "3", "100.00%"],
    ["合  计", "12", "10.5", "87.50%"],
]


def test_section_table_levels_from_codes() -> None:
    doc = make_doc("（一）部门决策类指标分析", make_table(SECTION, caption="表5-1 部门决策类指标得分情况表"))
    tree = only(extract(doc), "section")
    assert (tree.root.name, tree.root.weight.text, tree.root.score.text) == ("合计", "12", "10.5")
    assert [(c.level, c.code, c.name) for c in tree.root.children] == [(2, "A1", "职能配置"), (2, "A2", "计划管理")]
    assert [(c.level, c.code, c.score.text) for c in tree.root.children[1].children] == [
        (3, "A21", "3.5"),
        (3, "A22", "3"),
    ]


def test_rows_without_codes_nest_by_weights() -> None:
    rows = [[row[0][2:] if row[0][0] == "A" else row[0], *row[1:]] for row in SECTION]
    doc = make_doc(make_table(rows, caption="表5-1 部门决策类指标得分情况表"))
    tree = only(extract(doc), "section")
    assert [(c.level, c.name, len(c.children)) for c in tree.root.children] == [
        (2, "职能配置", 2),
        (2, "计划管理", 2),
    ]


def test_rows_without_codes_or_total_need_two_children_to_nest() -> None:
    rows = [
        ["指标名称", "分值", "得分"],
        ["人员管理", "2", "2"],
        ["在职人数控制率", "2", "2"],
        ["采购管理", "4", "3"],
        ["采购规范性", "2", "1"],
        ["合同管理", "2", "2"],
    ]
    tree = extract(make_doc(make_table(rows))).score_trees[0]
    assert [(c.name, [g.name for g in c.children]) for c in tree.root.children] == [
        ("人员管理", []),
        ("在职人数控制率", []),
        ("采购管理", ["采购规范性", "合同管理"]),
    ]


# ---------------------------------------------------------------- merged first-level groups


def test_one_cell_naming_two_groups() -> None:
    rows: list[list[str | M]] = [
        ["一级指标", "二级指标", "分值", "得分"],
        [M("决策、过程（40分）", rs=3), "立项", "15", "12"],
        ["目标", "5", "4"],
        ["管理", "20", "17"],
        ["产出（60分）", "数量", "60", "55"],
        ["合计", "", "100", "88"],
    ]
    facts = extract(make_doc(make_table(rows)))
    tree = only(facts, "annex")
    first = [(c.name, c.weight.text if c.weight else None, c.merged_group, len(c.children)) for c in tree.root.children]
    assert first == [
        ("决策", "40", ["决策", "过程"], 3),
        ("过程", None, [], 0),
        ("产出", "60", [], 1),
    ]
    assert any("决策+过程" in str(n) for n in facts.notes)


ANNEX_40 = [
    ["一级指标", "二级指标", "分值", "得分"],
    [M("决策 40", rs=5), "项目立项", "6", "6"],
    ["绩效目标", "6", "5"],
    ["资金投入", "8", "7"],
    ["资金管理", "8", "8"],
    ["组织实施", "12", "10"],
    ["产出 30", "产出数量", "30", "28"],
    ["效益 30", "社会效益", "30", "24"],
    ["合计", "", "100", "88"],
]


def test_merged_first_level_cell_seen_against_the_summary_table() -> None:
    summary = [
        ["一级指标", "分值", "得分"],
        ["决策", "20", "18"],
        ["过程", "20", "18"],
        ["产出", "30", "28"],
        ["效益", "30", "24"],
        ["合计", "100", "88"],
    ]
    facts = extract(make_doc(make_table(summary, caption="表1 得分表"), make_table(ANNEX_40, caption="附件1 评分表")))
    tree = only(facts, "annex")
    assert [(c.name, c.weight.text if c.weight else None, c.merged_group) for c in tree.root.children] == [
        ("决策", "40", ["决策", "过程"]),
        ("过程", None, []),
        ("产出", "30", []),
        ("效益", "30", []),
    ]
    assert len(tree.root.children[0].children) == 5  # the table does not say where 过程 starts
    assert any("决策" in str(n) and "过程" in str(n) and "表1" in str(n) for n in facts.notes)
    assert only(facts, "summary").root.children[0].merged_group == []


def test_merged_first_level_cell_seen_from_the_framework_alone() -> None:
    facts = extract(make_doc(make_table(ANNEX_40)))
    tree = only(facts, "annex")
    assert [c.name for c in tree.root.children] == ["决策", "过程", "产出", "效益"]
    assert tree.root.children[0].merged_group == ["决策", "过程"]
    assert tree.root.children[0].weight.text == "40"  # what the table says
    assert facts.notes


# ---------------------------------------------------------------- self-assessment


def test_comparison_table_gives_the_self_tree_and_the_evaluators() -> None:
    rows = [
        ["一级指标", "分值", "自评得分", "评价得分", "差异"],
        ["决策", "20", "20", "16", "4"],
        ["过程", "30", "29", "25.5", "3.5"],
        ["合计", "50", "49", "41.5", "7.5"],
    ]
    facts = extract(make_doc(make_table(rows, caption="附件4 自评与评价得分对比表")))
    self_tree = only(facts, "self")
    assert figures(self_tree, 1) == [("决策", "20", "20"), ("过程", "30", "29")]
    assert self_tree.root.score.text == "49"
    evaluator = only(facts, "summary")
    assert figures(evaluator, 1) == [("决策", "20", "16"), ("过程", "30", "25.5")]
    assert evaluator.root.score.text == "41.5"


def test_self_assessment_form_with_a_money_block_and_a_mid_table_header() -> None:
    rows: list[list[str | M]] = [
        ["项目名称", M("河道保洁项目", cs=6)],
        [M("项目资金（万元）", rs=3), "", "年初预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "50.00", "48.00", "10", "96.00%", "9.60"],
        ["其中：财政拨款", "50.00", "48.00", "—", "—", "—"],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值", "完成值", "得分"],
        [M("产出指标", rs=2), "数量指标", "保洁里程", "≥20公里", "45", "21公里", "45"],
        ["质量指标", "验收合格率", "100%", "45", "98%", "43"],
        [M("总分", cs=4), "100", "", "97.60"],
    ]
    tree = only(extract(make_doc(make_table(rows, caption="项目支出绩效自评表"))), "self")
    assert (tree.root.name, tree.root.weight.text, tree.root.score.text) == ("总分", "100", "97.60")
    assert figures(tree, 1) == [("年度资金总额", "10", "9.60"), ("产出指标", None, None)]
    assert figures(tree, 3) == [("保洁里程", "45", "45"), ("验收合格率", "45", "43")]


# ---------------------------------------------------------------- what is not a scoring table


def test_tables_without_weight_and_score_columns_give_no_tree_and_no_note() -> None:
    target = [["一级指标", "二级指标", "三级指标", "指标值", "完成情况"], ["产出", "数量", "完成率", "≥95%", "已完成"]]
    budget = [["项目", "年初预算", "支出"], ["经费", "17.00", "16.50"]]
    cover = [["自评方式", "单位自评", "自评分值", "95"], ["评价方式", "第三方", "评价分值", "82.5"]]
    facts = extract(make_doc(make_table(target), make_table(budget), make_table(cover)))
    assert facts.score_trees == [] and facts.notes == []


def test_a_table_with_score_headers_but_no_figures_is_noted() -> None:
    rows = [["指标", "分值", "得分"], ["决策", "见附件", "见附件"], ["过程", "见附件", "见附件"]]
    facts = extract(make_doc(make_table(rows, caption="表9 评分表")))
    assert facts.score_trees == []
    assert len(facts.notes) == 1 and "表9" in str(facts.notes[0])


# ---------------------------------------------------------------- through the readers


def test_fullwidth_digits_and_split_numbers_through_the_text_reader(tmp_path: Path) -> None:
    text = (
        "表1 得分情况表\n"
        "一级指标\t指标分值\t评价得分\t得分率\n"
        "决策\t２０\t１６．５\t８２．５０％\n"
        "过程\t２０\t18. 25\t91.25 %\n"
        "合计\t４０\t34. 75\t86.88%\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(text, "utf-8")
    tree = only(extract(read_document(str(path))), "summary")
    assert figures(tree, 1) == [("决策", "20", "16.5"), ("过程", "20", "18.25")]
    assert tree.root.children[0].rate.text == "82.50%"
    assert (tree.root.score.value, tree.root.score.decimals) == (Decimal("34.75"), 2)


def test_table_continued_on_the_next_page_gives_one_tree(tmp_path: Path) -> None:
    text = (
        "附件1 评分表\n"
        "一级指标\t二级指标\t分值\t得分\n"
        "决策（10分）\t立项\t10\t9\n"
        "过程（10分）\t管理\t10\t8\n"
        "\n- 12 -\n\n"
        "一级指标\t二级指标\t分值\t得分\n"
        "产出（20分）\t数量\t20\t18\n"
        "合计\t\t40\t35\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(text, "utf-8")
    doc = read_document(str(path))
    assert sum(1 for _ in doc.tables()) == 1  # the reader joined the two parts
    facts = extract(doc)
    assert len(facts.score_trees) == 1
    tree = facts.score_trees[0]
    assert [c.name for c in tree.root.children] == ["决策", "过程", "产出"]
    assert tree.root.score.text == "35"


def test_word_vertical_merges_through_the_docx_reader(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("附件1 绩效评价指标体系及评分表")
    rows = [HEADER] + [[l1, l2, l3, w, "按要点计分", s, reason] for l1, l2, l3, w, s, reason in ANNEX] + [TOTAL]
    t = d.add_table(rows=len(rows), cols=len(HEADER))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    for col, spans in ((0, [(1, 4), (5, 7)]), (1, [(1, 2), (3, 4), (5, 6)])):
        for a, b in spans:
            text = t.cell(a, col).text
            t.cell(a, col).merge(t.cell(b, col)).text = text
    path = tmp_path / "m.docx"
    d.save(str(path))
    doc = read_document(str(path))
    table = next(doc.tables())
    assert table.rows[1][0].row_span == 4  # the reader kept the merge
    tree = only(extract(doc), "annex")
    assert shape(tree.root) == EXPECTED_ANNEX


# ---------------------------------------------------------------- section sentences


def _sections(*paragraphs: str | tuple[str, int], table: Table | None = None) -> list:
    blocks: list = [table] if table is not None else []
    return extract(make_doc(*blocks, *paragraphs)).section_scores


def _figs(s) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(n.text if n is not None else None for n in (s.weight, s.score, s.rate, s.deduction))


def test_first_level_section_sentence() -> None:
    (s,) = _sections("（一）决策情况分析", "决策部分满分为 25 分，此次绩效评价得分 21.5 分，得分率为 86%，具体分析如下：")
    assert (s.indicator, s.level) == ("决策", 1)
    assert _figs(s) == ("25", "21.5", "86%", None)
    assert s.source.text.startswith("决策部分满分为 25 分")
    assert s.source.location.paragraph == 1


def test_department_section_sentence_with_counts_and_fullwidth_percent() -> None:
    (s,) = _sections("部门管理类指标共包含3个二级指标，7个三级指标，权重分20分，得分17.5分，得分率为87.50%。")
    assert (s.indicator, s.level) == ("部门管理", 1)
    assert _figs(s) == ("20", "17.5", "87.50%", None)


def test_indicator_system_sentences_state_weights_only() -> None:
    found = _sections(
        "本次评价指标体系由3个一级指标构成。一是决策，权重分20分，主要从项目立项、绩效目标2个方面加以考察；"
        "二是过程类指标，权重为30分；其三是产出效益：分值50分，主要看完成情况。",
        "一是坚持问题导向，得分较高。",  # an enumeration without a weight is no claim
    )
    assert [(s.indicator, *_figs(s)) for s in found] == [
        ("决策", "20", None, None, None),
        ("过程", "30", None, None, None),
        ("产出效益", "50", None, None, None),
    ]


def test_second_level_sentence_takes_its_indicator_from_the_heading_and_code_from_the_table() -> None:
    table = make_table(SECTION, caption="表5-1 部门决策类指标得分情况表")
    found = _sections("2.计划管理", "该二级指标满分7分，得分7分，得分率92.86%。包括计划完整性等2个三级指标。", table=table)
    (s,) = found
    assert (s.indicator, s.code, s.level) == ("计划管理", "A2", 2)
    assert _figs(s) == ("7", "7", "92.86%", None)  # as printed, even where it disagrees


def test_prefixed_item_with_weight_and_deduction_in_later_sentences() -> None:
    text = "A21计划完整性（4分）：年度计划已制定。但未分解到科室。依据评分细则，扣减0.5分，本项指标得3.5分。"
    (s,) = _sections(text, table=make_table(SECTION))
    assert (s.indicator, s.code, s.level) == ("计划完整性", "A21", 3)
    assert _figs(s) == ("4", "3.5", None, "0.5")
    # the quote runs from the prefix (where the weight stands) to the score
    assert s.source.text.startswith("A21计划完整性（4分）：") and s.source.text.endswith("得3.5分。")
    assert s.source.location.char_start == 0 and s.source.location.char_end == len(text)


@pytest.mark.parametrize(
    ("sentence", "deduction", "score"),
    [
        ("依据评分标准，扣1分，得3分。", "1", "3"),
        ("根据评分标准，本项指标扣 4 分，得 6 分。", "4", "6"),
        ("依据评分标准，本项指标不扣分，得4分。", "0", "4"),
    ],
)
def test_deduction_and_score_phrasings(sentence: str, deduction: str, score: str) -> None:
    (s,) = _sections(f"（1）拨付及时性（4分）：资料齐全。{sentence}")
    assert (s.indicator, s.deduction.text, s.score.text) == ("拨付及时性", deduction, score)


def test_full_marks_take_the_weight_from_the_prefix_or_the_table() -> None:
    (a,) = _sections("（2）支出合规性（5分）：未见违规。根据评分标准，本项指标得满分。")
    assert (a.score.value, a.score.text, a.weight.text) == (Decimal(5), "满分", "5")
    table = make_table(_annex_rows("empty"))
    (b,) = _sections("（1）拨付及时性：按期拨付。根据评分标准，本项指标得满分。", table=table)
    assert (b.indicator, b.level, b.score.value, b.weight) == ("拨付及时性", 3, Decimal(5), None)


def test_later_paragraphs_of_an_item_stay_with_it() -> None:
    table = make_table(SECTION)
    found = _sections(
        "1.职能配置",
        "A12分工合理性（2分）：考察分工情况。",
        "财务方面，审批流程合规。",
        "采购方面，存在未询价的情况。依据评分细则，扣减1分，本项指标得1分。",
        table=table,
    )
    (s,) = found
    assert (s.indicator, s.code, s.weight.text, s.score.text) == ("分工合理性", "A12", "2", "1")


def test_sentence_under_a_markdown_heading() -> None:
    (s,) = _sections(("综合满意度：", 3), "本次问卷共回收 60 份。根据评分标准，本项指标扣 2 分，得 8 分。")
    assert (s.indicator, s.deduction.text, s.score.text) == ("综合满意度", "2", "8")


def test_total_score_self_score_and_quoted_rules_are_not_section_scores() -> None:
    found = _sections(
        "项目绩效评价得分 82.5 分，评价等级为“良”。",
        "单位自评得分 95 分。",
        "满意度得分 86.04%。",
        "（1）绩效指标明确性（3分）：评分标准为“故障率超 50%扣 100 分”，设置不合理。",
    )
    assert found == []


# ---------------------------------------------------------------- the corpus

REPORT_000 = ["000_d151785e31374ea4.txt", "000_d151785e31374ea4.docx"]
REPORT_004 = ["004_9702beb4dfdda539.txt", "004_9702beb4dfdda539.docx"]


def _corpus(name: str) -> Facts:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    return extract(read_document(str(path)))


@needs_corpus
@pytest.mark.parametrize("name", REPORT_000)
def test_corpus_000_summary_table(name: str) -> None:
    tree = only(_corpus(name), "summary")
    assert figures(tree, 1) == [
        ("决策", "20", "15.00"),
        ("过程", "20", "18.00"),
        ("产出", "30", "30.00"),
        ("效益", "30", "21.94"),
    ]
    assert [c.rate.text for c in tree.root.children] == ["75.00%", "90.00%", "100.00%", "73.13%"]
    assert (tree.root.weight.text, tree.root.score.text, tree.root.rate.text) == ("100", "84.94", "84.94%")


ANNEX_000_LEVEL2 = [
    ("项目立项", "6"), ("绩效目标", "6"), ("资金投入", "8"),
    ("资金管理", "8"), ("组织实施", "12"),
    ("产出数量", "10"), ("产出质量", "10"), ("产出时效", "10"),
    ("社会效益", "12"), ("可持续影响", "8"), ("满意度", "10"),
]  # fmt: skip
ANNEX_000_LEVEL3 = [
    ("立项依据充分性", "3", "3"), ("立项程序规范性", "3", "3"),
    ("绩效目标合理性", "3", "1"), ("绩效指标明确性", "3", "1"),
    ("预算编制科学性", "4", "3"), ("资金分配合理性", "4", "4"),
    ("资金到位率", "2", "2"), ("预算执行率", "3", "3"), ("资金使用合规性", "3", "3"),
    ("管理制度健全性", "4", "4"), ("制度执行有效性", "5", "5"), ("绩效自评开展情况", "3", "1"),
    ("呈贡区政务服务中心大厅、局办公室网络、大屏、统一信息发布终端业务内容维护维护率", "3", "3"),
    ("呈贡区“好差评”业务维护率", "4", "4"), ("业务办理量达标率", "3", "3"),
    ("验收合格率", "5", "5"), ("设备或网络正常运转", "5", "5"),
    ("“差评”事项的整改、反馈及时性", "5", "5"), ("设备故障维护及时性", "5", "5"),
    ("推动呈贡区政务服务标准化、规范化和便利化", "6", "5.42"), ("保障公众信息安全防护", "6", "5.52"),
    ("项目可持续性", "8", "5"), ("综合满意度", "10", "6"),
]  # fmt: skip


@needs_corpus
@pytest.mark.parametrize("name", REPORT_000)
def test_corpus_000_annex_tree(name: str) -> None:
    tree = only(_corpus(name), "annex")
    assert (tree.root.weight.text, tree.root.score.text) == ("100", "84.94")
    assert figures(tree, 1) == [("决策", "20", None), ("过程", "20", None), ("产出", "30", None), ("效益", "30", None)]
    assert all(n.weight_from_header for n in walk(tree.root) if n.level in (1, 2))
    assert [(n, w) for n, w, _ in figures(tree, 2)] == ANNEX_000_LEVEL2
    assert figures(tree, 3) == ANNEX_000_LEVEL3  # 23 rows, where the text says 22
    level2 = [n for n in walk(tree.root) if n.level == 2]
    assert [len(n.children) for n in level2] == [2, 2, 2, 3, 3, 3, 2, 2, 2, 1, 1]
    # the row the converter shortened (过程: 8 cells under a 9-column header) reads right
    third = {n.name: n for n in walk(tree.root) if n.level == 3}
    assert third["资金到位率"].score.text == "2" and third["资金到位率"].deduction_reason is None
    assert third["项目可持续性"].deduction_reason.startswith("2023年云南省政务服务平台发生24件差评投诉")


@needs_corpus
@pytest.mark.parametrize("name", REPORT_000)
def test_corpus_000_section_sentences(name: str) -> None:
    found = _corpus(name).section_scores
    first = [(s.indicator, *_figs(s)) for s in found if s.level == 1]
    assert first == [
        ("决策", "20", "15", "75%", None),
        ("过程", "20", "18", "90%", None),
        ("产出", "30", "30", "100%", None),
        ("效益", "30", "21.94", "73.13%", None),
    ]
    by_name = {s.indicator: s for s in found}
    assert _figs(by_name["绩效目标合理性"]) == (None, "1", None, "2")
    assert _figs(by_name["预算编制科学性"]) == (None, "3", None, "1")
    assert _figs(by_name["推动呈贡区政务服务标准化、规范化和便利化"]) == (None, "5.42", None, "0.58")
    assert _figs(by_name["保障公众信息安全防护"]) == (None, "5.52", None, "0.48")  # paragraph cut by a page
    assert _figs(by_name["综合满意度"]) == (None, "6", None, "4")
    assert _figs(by_name["项目可持续性"]) == (None, None, None, "3")  # the score's numeral is lost
    full = by_name["立项依据充分性"]
    assert (full.score.text, full.score.value, full.level) == ("满分", Decimal(3), 3)
    assert all(s.deduction is None or s.deduction.value < 10 for s in found)  # no “扣100分” from a quote


@needs_corpus
@pytest.mark.parametrize("name", REPORT_004)
def test_corpus_004_summary_tables(name: str) -> None:
    facts = _corpus(name)
    summaries = [t for t in facts.score_trees if t.kind == "summary"]
    assert [t.caption.split()[0] for t in summaries] == ["表1", "表4-1"]
    for tree in summaries:
        assert figures(tree, 1) == [
            ("部门决策", "10", "7.5"),
            ("部门管理", "25", "22"),
            ("部门产出", "40", "31.5"),
            ("部门效益", "25", "25"),
        ]
        assert (tree.root.weight.text, tree.root.score.text) == ("100", "86")


@needs_corpus
@pytest.mark.parametrize("name", REPORT_004)
def test_corpus_004_section_tables(name: str) -> None:
    sections = [t for t in _corpus(name).score_trees if t.kind == "section"]
    assert [t.caption.replace(" ", "")[:4] for t in sections] == ["表5-1", "表5-2", "表5-3", "表5-4"]
    assert [(t.root.weight.text, t.root.score.text) for t in sections] == [
        ("10", "7.5"),
        ("25", "22"),
        ("40", "31.5"),
        ("25", "25"),
    ]
    codes = [[c.code for c in t.root.children] for t in sections]
    assert codes == [["A1", "A2"], ["B1", "B2", "B3", "B4", "B5", "B6", "B7"], ["C1", "C2"], ["D1", "D2", "D3"]]
    b6 = sections[1].root.children[5]
    assert (b6.name, b6.weight.text, b6.score.text, b6.rate.text) == ("采购管理", "2", "1", "50.00%")
    assert [(c.code, c.level, c.score.text) for c in b6.children] == [("B61", 3, "1")]


@needs_corpus
@pytest.mark.parametrize("name", REPORT_004)
def test_corpus_004_annex(name: str) -> None:
    tree = only(_corpus(name), "annex")
    assert [(c.code, c.name, c.weight.text) for c in tree.root.children] == [
        ("A", "部门决策", "10"),
        ("B", "部门管理", "25"),
        ("C", "部门产出", "40"),
        ("D", "部门效益", "25"),
    ]
    level2 = [n for n in walk(tree.root) if n.level == 2]
    assert [n.weight.text for n in level2] == ["4", "6", "5", "5", "4", "4", "2", "2", "3", "20", "20", "8", "6", "11"]
    leaves = [n for n in walk(tree.root) if n.level == 3]
    assert len(leaves) == 30
    assert [n.code for n in leaves][:6] == ["A11", "A12", "A21", "A22", "A23", "B11"]
    assert sum(n.weight.value for n in leaves) == 100
    assert sum(n.score.value for n in leaves) == 86
    assert (tree.root.weight.text, tree.root.score.text, tree.root.rate.text) == ("100", "86.00", "86.00%")
    c22 = next(n for n in leaves if n.code == "C22")
    assert (c22.weight.text, c22.score.text, c22.rate.text) == ("10", "6.5", "65.00%")


@needs_corpus
@pytest.mark.parametrize("name", REPORT_004)
def test_corpus_004_section_sentences(name: str) -> None:
    found = _corpus(name).section_scores
    b6 = [s for s in found if s.code == "B6"]
    assert len(b6) == 1
    assert (b6[0].indicator, b6[0].level, *_figs(b6[0])) == ("采购管理", 2, "2", "2", "50.00%", None)
    first = [(s.indicator, *_figs(s)) for s in found if s.level == 1]
    assert first == [
        # the system: "一是部门决策，权重分10分，主要从…2个方面加以考察"
        ("部门决策", "10", None, None, None),
        ("部门管理", "25", None, None, None),
        ("部门产出", "40", None, None, None),
        ("部门效益", "25", None, None, None),
        # the sections
        ("部门决策", "10", "7.5", "75.00%", None),
        ("部门管理", "25", "22", "88.00%", None),
        ("部门产出", "40", "31.50", "78.75%", None),
        ("部门效益", "25", "25", "100.00%", None),
    ]
    by_code = {s.code: s for s in found if s.level == 3}
    assert _figs(by_code["A21"]) == ("2", "0.5", None, "1.5")
    assert _figs(by_code["B32"]) == ("2", "0", None, "2")  # stated three paragraphs below its prefix
    assert _figs(by_code["C22"]) == ("10", "6.5", None, "3.5")
    assert len(by_code) == 30


def test_three_groups_without_the_second_ones_children_are_not_merged() -> None:
    rows = [
        ["一级指标", "二级指标", "分值", "得分"],
        [M("决策（30分）", rs=2), "项目立项", "15", "14"],
        ["绩效目标", "15", "12"],
        ["产出（40分）", "产出数量", "40", "36"],
        ["效益（30分）", "社会效益", "30", "27"],
        ["合计", "", "100", "89"],
    ]
    tree = only(extract(make_doc(make_table(rows))), "annex")
    assert [(c.name, c.merged_group) for c in tree.root.children] == [("决策", []), ("产出", []), ("效益", [])]


# ---------------------------------------------------------------- rendering and schema


def test_render_a_tree_line_by_line() -> None:
    from auditor.report.facts_text import node_line, render_facts, render_tree

    facts = extract(make_doc(make_table(SECTION, caption="表5-1 部门决策类指标得分情况表")))
    tree = only(facts, "section")
    lines = render_tree(tree, "zh")
    assert lines[0] == "[分项指标表] 表5-1 部门决策类指标得分情况表 @表格1"
    assert lines[1] == "  合计 12 → 10.5 (87.50%) @表格1 第8行第1列"
    assert lines[2] == "    职能配置 [A1] 5 → 4 (80.00%) @表格1 第2行第1列"
    assert lines[3] == "      职责清晰性 [A11] 3 → 3 (100.00%) @表格1 第3行第1列"
    assert node_line(tree.root.children[1], "en") == "计划管理 [A2] 7 → 6.5 (92.86%) @table 1 row 5 col 1"
    annex = only(extract(make_doc(make_table(_annex_rows("merged")))), "annex")
    text = "\n".join(render_tree(annex, "en"))
    assert "决策 20 (from the label) → —" in text
    assert "reason: 缺少会议纪要，扣1分" in text
    full = render_facts(facts, "en")
    assert full[0] == "Extracted facts: draft.docx" and full[1] == "Score trees (1)"


def test_render_other_kinds_generically() -> None:
    from auditor.facts import MoneyClaim, Quote
    from auditor.notes import note
    from auditor.numbers import num
    from auditor.report.facts_text import render_facts

    facts = Facts(file="r.docx")
    quote = Quote(location=Location(file="r.docx", paragraph=4), text="年初预算17万元")
    facts.money.append(MoneyClaim(quantity="budget", label="年初预算", amount=num("17"), unit="万元", source=quote))
    facts.notes.append(note("table_skipped", part="money", table=3, reason="x"))
    assert render_facts(facts, "en")[-1] == "  ! money: table 3 skipped: x"
    lines = render_facts(facts, "zh")
    assert lines == [
        "提取结果：r.docx",
        "金额（1）",
        "  quantity=budget label=年初预算 amount=17 unit=万元 unit_source=inline @第5段",
        "未能读取的内容（1）",
        "  ! 金额：表格 3 未读取（x）",
    ]
    assert render_facts(Facts(file="e.md"), "en") == ["Extracted facts: e.md", "  nothing was extracted"]


def test_facts_schema_is_current_and_validates_extracted_facts() -> None:
    import json

    import jsonschema

    from auditor.extract.schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text("utf-8") == schema_text(), "run python -m auditor.extract.schema"
    facts = extract(make_doc("决策部分满分为20分，得分15分，得分率为75%。", make_table(_annex_rows("merged"))))
    jsonschema.validate(json.loads(facts.model_dump_json()), json.loads(schema_text()))
