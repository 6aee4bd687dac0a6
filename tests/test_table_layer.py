"""The table layer's shared knowledge (auditor/tables): total and subtotal rows, nil
marks, number cells, the label-row header test, target-table columns and statuses, a
table body cut from its header (the readers), and section rows (the form reading)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract import extract_facts
from auditor.extract.targets import parse_status, parse_target
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.readers import read_document
from auditor.readers.postprocess import postprocess
from auditor.tables.cells import amount_in_cell, points_in_cell
from auditor.tables.lexicon import lexicon
from auditor.tables.rows import is_label_row

# ---------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("label", "at", "also", "kind"),
    [
        ("合计", "start", (), "total"),
        ("合 计", "start", (), "total"),  # a converter's spacing
        ("小计", "start", (), "subtotal"),
        ("总分", "start", (), None),  # a score total only where the caller asks for it
        ("总分", "start", ("score",), "total"),
        ("自评总分（100分）", "start", ("score",), "total"),
        ("办公设备购置合计", "end", (), "total"),
        ("办公设备购置合计", "start", (), None),
        ("其中：设备小计", "end", (), "subtotal"),
        ("年度资金总额", "end", (), None),
        ("年度资金总额", "end", ("tally", "amount"), "total"),
        ("合计数", "exact", (), None),
        ("总计", "exact", (), "total"),
        ("资金情况共计", "any", ("tally",), "total"),
        ("资金情况共计", "any", (), None),
        ("累计", "start", ("running",), "total"),
        ("", "start", (), None),
    ],
)
def test_total_kind(label: str, at: str, also: tuple[str, ...], kind: str | None) -> None:
    assert lexicon().total_kind(label, at, also) == kind  # type: ignore[arg-type]


def test_unknown_total_list_is_an_error() -> None:
    with pytest.raises(KeyError):
        lexicon().total_kind("合计", "start", ("no_such_list",))


def test_nil_marks_are_placeholders_but_words_are_not_nil() -> None:
    lex = lexicon()
    for mark in ("-", "—", "－", "/", "／", "0.00-"):
        assert lex.is_nil(mark) and lex.is_placeholder(mark), mark
    assert lex.is_placeholder("暂无") and not lex.is_nil("暂无")
    assert not lex.is_nil("0") and not lex.is_nil("无效")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("该项已全部完成", "completed"),
        ("未完成", "uncompleted"),  # holds 完成, the not-completed word wins
        ("基本实现", "partial"),
        ("没有完成", "uncompleted"),
        ("进行中", None),
    ],
)
def test_status_within(text: str, status: str | None) -> None:
    assert lexicon().status_within(text) == status


def test_target_parsing_takes_every_comparator_of_the_lexicon() -> None:
    assert parse_target("≧95%")[:2] == ("≥", parse_target("95%")[1])
    assert parse_target("至少12场")[0] == "≥"
    assert parse_target("不多于3天")[0] == "≤"
    assert parse_status("已实现") == "completed"
    assert parse_status("正在推进") == "other"


# ---------------------------------------------------------------- cells and rows


def test_amount_and_points_cells() -> None:
    amount = amount_in_cell("1,234.50")
    assert amount is not None and amount.value == Decimal("1234.50")
    assert amount_in_cell("合计") is None
    broken = amount_in_cell("1 234.5\n0")  # a converter's breaks inside one figure
    assert broken is not None and broken.value == Decimal("1234.50")
    assert amount_in_cell("12.5（调整后）") is None  # a figure with words is not an amount cell
    points = points_in_cell("15分")
    assert points is not None and points.value == 15
    assert points_in_cell("≥95%得5分") is None  # a criterion, not a score


def test_label_row() -> None:
    assert is_label_row(["项目", "预算数", "执行数", "—"])
    assert not is_label_row(["项目", "预算数", "12.5"])  # a figure: a data row
    assert not is_label_row(["项目", "—", ""])  # one label only
    assert not is_label_row(["说明", "本项目资金来源为县级财政预算安排的专项经费"])  # prose


# ---------------------------------------------------------------- a body cut from its header


def _par(text: str, block: int) -> Paragraph:
    return Paragraph(text=text, location=Location(file="f", block=block, paragraph=block))


def _table(rows: list[list[str]], index: int, block: int) -> Table:
    width = max(len(r) for r in rows)
    cells = [
        [
            Cell(text=t, row=r, col=c, location=Location(file="f", block=block, table=index, row=r, col=c))
            for c, t in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return Table(index=index, rows=cells, n_cols=width, location=Location(file="f", block=block, table=index))


HEAD = ["绩效指标", "一级指标", "指标名称", "指标值", "半年度指标执行情况", "完成目标可能性", "备注"]


def test_body_cut_from_its_header_is_joined() -> None:
    blocks = [
        _table([["项目资金", "年初预算数", "1-6月执行数"], ["年度资金总额", "80", "30"], HEAD], 0, 0),
        _par("产出指标", 1),
        _par("数量", 2),
        _table([["巡查次数", "≥12次", "已巡查7次", "确定能"]], 1, 3),
        _par("效益指标", 4),
        _table([["群众知晓率", "≥90%", "有可能"]], 2, 5),
        _par("本表数据截至六月底，由项目单位填报并对其真实性负责。", 6),
    ]
    doc = postprocess(Document(path="f", format="docx", blocks=blocks))  # type: ignore[arg-type]
    assert len(list(doc.tables())) == 1 and list(doc.tables())[0].n_rows == 3 + 5
    texts = [[c.text for c in row] for row in list(doc.tables())[0].rows[3:]]
    assert texts == [
        ["产出指标"],
        ["数量"],
        ["巡查次数", "≥12次", "已巡查7次", "确定能"],
        ["效益指标"],
        ["群众知晓率", "≥90%", "有可能"],
    ]
    assert isinstance(doc.blocks[-1], Paragraph)  # the sentence after it stays a paragraph
    assert [n.code for n in doc.notes] == ["table_body_joined"]


def test_table_with_data_under_its_header_takes_no_rows() -> None:
    blocks = [
        _table([HEAD, ["产出指标", "巡查次数", "≥12次", "7次", "确定能", "", ""]], 0, 0),
        _par("说明", 1),
        _table([["甲", "1"]], 1, 2),
    ]
    doc = postprocess(Document(path="f", format="docx", blocks=blocks))  # type: ignore[arg-type]
    assert len(list(doc.tables())) == 2


def test_a_table_with_its_own_header_is_not_a_body() -> None:
    blocks = [
        _table([HEAD], 0, 0),
        _par("产出指标", 1),
        _table([["序号", "项目名称", "预算数"], ["1", "设备", "12"]], 1, 2),
    ]
    doc = postprocess(Document(path="f", format="docx", blocks=blocks))  # type: ignore[arg-type]
    assert len(list(doc.tables())) == 2 and not doc.notes


# ---------------------------------------------------------------- section rows


def test_monitoring_form_with_rows_cut_into_paragraphs(tmp_path: Path) -> None:
    # a web page's monitoring form, empty cells dropped: one-cell rows come out as
    # paragraphs, rows of another length as tables of their own
    path = tmp_path / "form.txt"
    path.write_text(
        "\n".join(
            [
                "某县项目支出绩效监控表",
                "项目资金(万元)\t年初预算数\t1-6月执行数\t全年预计执行数",
                "年度资金总额\t80\t30",
                "其中：当年财政拨款\t80\t30",
                "\t".join(HEAD),
                "产 出 指 标",
                "数量",
                "巡查次数\t≥12次\t已巡查7次\t确定能",
                "效 益 指 标",
                "群众知晓率\t≥90%\t85%\t有可能",
                "注：本表数据截至六月底，由项目单位填报并对其真实性负责。",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    facts = extract_facts(read_document(str(path)))
    rows = [(r.level1, r.name, r.target_text, r.actual_text, r.possibility) for r in facts.form_rows]
    assert rows == [
        ("产 出 指 标", "巡查次数", "≥12次", "已巡查7次", "确定能"),
        ("效 益 指 标", "群众知晓率", "≥90%", "85%", "有可能"),
    ]


def test_a_runs_total_words_reach_every_reader_for_that_run_only() -> None:
    from auditor.tables.lexicon import use_lexicon

    with use_lexicon({"total_rows": ["汇总"], "total_words": {"score": ["考评总分"]}}):
        assert lexicon().total_kind("项目支出汇总", "end") == "total"
        assert lexicon().total_kind("考评总分", "start", ("score",)) == "total"
    assert lexicon().total_kind("项目支出汇总", "end") is None
    assert lexicon().total_kind("考评总分", "start", ("score",)) is None
