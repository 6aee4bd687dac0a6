"""Money extraction: quantities, units and where they came from, funds, detail tables;
odd inputs (full-width digits, thousands separators, units in notes, headers, rows) and
the corpus figures a reviewer checks by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract.money import extract_money
from auditor.facts import Facts, MoneyClaim
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def money_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_money(read_document(str(path)), facts)
    return facts


def pick(f: Facts, quantity: str, fund: str | None = None) -> list[MoneyClaim]:
    return [m for m in f.money if m.quantity == quantity and m.fund == fund]


def test_prose_quantities_and_inline_units(tmp_path: Path) -> None:
    f = money_of(tmp_path, "年初预算１８．５０万元，年中追加预算 1,234.50 万元，合计1,253.00万元。\n")
    assert [(m.quantity, m.amount.text, m.unit, m.unit_source) for m in f.money] == [
        ("budget", "18.50", "万元", "inline"),
        ("addition", "1,234.50", "万元", "inline"),
        ("adjusted_budget", "1,253.00", "万元", "inline"),
    ]
    assert f.money[1].amount.value == Decimal("1234.50")
    assert f.money[0].label == "年初预算"


def test_received_total_and_parts(tmp_path: Path) -> None:
    f = money_of(
        tmp_path, "年初预算资金实际到位8万元，追加资金实际到位 2.5 万元，合计 10.5 万元，资金到位率100%。\n"
    )
    assert [(m.quantity, m.fund, m.amount.text) for m in f.money] == [
        ("received", "年初预算部分", "8"),
        ("received", "追加部分", "2.5"),
        ("received", None, "10.5"),
    ]


def test_sentence_broken_across_paragraphs(tmp_path: Path) -> None:
    text = "某某专项经费本年度年初预算资金实际到位8万元，专项经费的追加资金\n\n实际到位 2.5 万元，合计 10.5 万元。\n"
    f = money_of(tmp_path, text)
    assert [(m.quantity, m.fund) for m in f.money] == [
        ("received", "年初预算部分"),
        ("received", "追加部分"),
        ("received", None),
    ]


def test_fund_subject_and_breakdown(tmp_path: Path) -> None:
    text = (
        "“三公经费”财政拨款支出预算为0万元，支出决算为0万元。\n\n"
        "支出决算数包括基本支出90.10万元，项目支出45.00万元，年末结转和结余0元。\n\n"
        "基本支出：年初预算安排80.00万元，调整预算数为90.10万元。其中人员经费70.00万元，公用经费20.10万元。\n"
    )
    f = money_of(tmp_path, text)
    got = [(m.quantity, m.fund, m.amount.text, m.unit) for m in f.money]
    assert got == [
        ("budget", "三公经费", "0", "万元"),
        ("spent", "三公经费", "0", "万元"),
        ("spent", "基本支出", "90.10", "万元"),
        ("spent", "项目支出", "45.00", "万元"),
        ("balance", None, "0", "元"),
        ("budget", "基本支出", "80.00", "万元"),
        ("adjusted_budget", "基本支出", "90.10", "万元"),
        ("adjusted_budget", "人员经费", "70.00", "万元"),
        ("adjusted_budget", "公用经费", "20.10", "万元"),
    ]


def test_skips_prices_thresholds_numbers_and_titles(tmp_path: Path) -> None:
    text = (
        "电费按0.65元/度结算，水利基金按0.02元*实际用电量计收，物业费96000元/年。\n\n"
        "服务类项目达到5万元及以上的须询价。\n\n"
        "依据《关于追加2023年预算的请示》（某财〔2023〕12号），联系电话13900000000。\n"
    )
    f = money_of(tmp_path, text)
    assert [m.quantity for m in f.money] == ["other"]  # only the threshold, as 'other'
    assert f.money[0].amount.text == "5"


def test_chinese_uppercase_amount(tmp_path: Path) -> None:
    f = money_of(tmp_path, "注册资本 贰拾万元整\n")
    assert [(m.quantity, m.amount.value, m.unit) for m in f.money] == [("other", Decimal(200000), "元")]


def test_units_from_note_header_row_and_cell(tmp_path: Path) -> None:
    text = (
        "金额单位：元\n\n"
        "| 项目 | 年初预算数 | 追加/调减(+/-) | 实际支出 |\n|---|---|---|---|\n"
        "| 专项资金 | 185,000.00 | -5,000.00 | 170,000.00 |\n\n"
        "正文\n\n"
        "| 类别 | 调整预算数（万元） | 决算数（万元） |\n|---|---|---|\n"
        "| 基本支出 | 12.30 | 12.00 |\n| 项目支出 | 3.00 | 2.50 |\n\n"
        "另一段\n\n"
        "| 项目资金（万元） | 年初预算数 | 全年执行数 |\n|---|---|---|\n| 年度资金总额 | 9.00 | 8.80 |\n"
    )
    f = money_of(tmp_path, text)
    first = [m for m in f.money if m.source.location.table == 0]
    assert [(m.quantity, m.amount.value, m.unit, m.unit_source, m.fund) for m in first] == [
        ("budget", Decimal("185000.00"), "元", "note", None),
        ("reduction", Decimal("5000.00"), "元", "note", None),
        ("spent", Decimal("170000.00"), "元", "note", None),
    ]
    second = [(m.quantity, m.fund, m.unit, m.unit_source) for m in f.money if m.source.location.table == 1]
    assert second == [
        ("adjusted_budget", "基本支出", "万元", "column"),
        ("spent", "基本支出", "万元", "column"),
        ("adjusted_budget", "项目支出", "万元", "column"),
        ("spent", "项目支出", "万元", "column"),
    ]
    third = [(m.quantity, m.unit_source) for m in f.money if m.source.location.table == 2]
    assert third == [("budget", "row"), ("spent", "row")]


def test_detail_table_with_subtotals(tmp_path: Path) -> None:
    text = (
        "单位：万元\n\n"
        "<table><tr><th>支出类别</th><th>支出项目</th><th>支出金额</th><th>结构占比</th></tr>"
        '<tr><td rowspan="3">工资福利支出</td><td>基本工资</td><td>5.00</td><td>50.00%</td></tr>'
        "<tr><td>津贴补贴</td><td>2.00</td><td>20.00%</td></tr>"
        "<tr><td>小计</td><td>7.00</td><td>70.00%</td></tr>"
        '<tr><td rowspan="2">商品和服务支出</td><td>办公费</td><td>3.00</td><td>30.00%</td></tr>'
        "<tr><td>小计</td><td>3.00</td><td>30.00%</td></tr>"
        '<tr><td colspan="2">总计</td><td>10.00</td><td>100.00%</td></tr></table>\n'
    )
    f = money_of(tmp_path, text)
    groups: dict[str, list[Decimal]] = {}
    totals: dict[str, Decimal] = {}
    for m in f.money:
        assert m.group is not None
        if m.quantity == "detail":
            groups.setdefault(m.group, []).append(m.amount.value)
        else:
            totals[m.group] = m.amount.value
    assert groups == {
        "t0:工资福利支出": [Decimal("5.00"), Decimal("2.00")],
        "t0": [Decimal("7.00"), Decimal("3.00")],
        "t0:商品和服务支出": [Decimal("3.00")],
    }
    assert totals == {
        "t0:工资福利支出": Decimal("7.00"),
        "t0:商品和服务支出": Decimal("3.00"),
        "t0": Decimal("10.00"),
    }


def test_shifted_header_is_not_read(tmp_path: Path) -> None:
    text = "单位：万元\n\n| 类别 | 基本支出 | 项目支出 |  |\n|---|---|---|---|\n| 年初预算数 | 5.00 | 3.00 | 8.00 |\n"
    f = money_of(tmp_path, text)
    assert f.money == []
    assert any(n.code == "table_skipped" and n.args.get("part") == "money" for n in f.notes)


# ---------------------------------------------------------------- corpus


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_money(doc, f)
    body = [m for m in f.money if m.fund is None]
    assert {m.amount.value for m in body if m.quantity == "budget" and m.unit == "万元"} == {Decimal(17)}
    assert {m.amount.text for m in body if m.quantity == "addition" and m.unit == "万元"} == {
        "24.36",
        "24.35",
    }
    assert (
        sum(1 for m in body if m.quantity == "addition" and m.amount.text == "24.35") == 2
    )  # the self-assessment annex
    assert {m.amount.value for m in body if m.quantity == "adjusted_budget"} == {Decimal("41.36")}
    assert {m.amount.value for m in body if m.quantity in ("received", "spent") and m.unit == "万元"} == {
        Decimal("41.36")
    }
    assert {m.amount.value for m in body if m.quantity == "addition" and m.unit == "元"} == {Decimal(243550)}
    lines = [m for m in f.money if m.quantity == "detail"]
    by_group: dict[str | None, list[MoneyClaim]] = {}
    for m in lines:
        by_group.setdefault(m.group, []).append(m)
    detail = max(by_group.values(), key=len)
    assert len(detail) == 41
    assert sum(m.amount.value for m in detail) == Decimal("413550.00")
    assert all(m.unit == "元" and m.unit_source == "assumed" for m in detail)
    total = [m for m in f.money if m.quantity == "total" and m.group == detail[0].group]
    assert [t.amount.value for t in total] == [Decimal("413550.00")]


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004(ext: str) -> None:
    doc = read_document(str(CORPUS / f"004_9702beb4dfdda539.{ext}"))
    f = Facts(file=doc.path)
    extract_money(doc, f)
    whole = [m for m in f.money if m.fund is None and m.period is None]
    assert {m.amount.value for m in whole if m.quantity == "budget"} == {Decimal("354.31")}
    assert {m.amount.value for m in whole if m.quantity == "adjusted_budget"} == {Decimal("335.96")}
    carry = [m.amount.value for m in whole if m.quantity == "carryover"]
    assert Decimal("25.32") in carry and Decimal("1021.36") in carry  # B13 against 表2-1
    assert {m.amount.value for m in f.money if m.fund == "三公经费"} == {Decimal(0)}
    assert {(m.quantity, m.amount.value) for m in f.money if m.fund == "基本支出"} == {
        ("budget", Decimal("126.35")),
        ("adjusted_budget", Decimal("180.10")),
        ("spent", Decimal("180.10")),
    }


# ---------------------------------------------------------------- arithmetic a table prints


def sums(f: Facts) -> dict[str, tuple[str, list[str]]]:
    return {
        s.key.split(":", 2)[2]: (s.total.amount.text, [p.amount.text for p in s.parts]) for s in f.money_sums
    }


_INCOME = (
    "表2 收入情况表\n\n单位：万元\n\n"
    "| 类别 | 年初预算数 | 调整预算数 | 决算数 |\n|---|---|---|---|\n"
    "| 一、财政拨款收入 | 300.50 | 280.00 | 280.00 |\n"
    "| 二、事业收入 | 20.00 | 25.10 | 25.10 |\n"
    "| 本年收入合计 | {total} | 305.10 | 305.10 |\n"
    "| 年初结转结余 | - | 10.00 | 10.00 |\n"
    "| 总计 | 320.50 | 315.10 | 315.10 |\n"
)


def test_total_rows_close_the_rows_above(tmp_path: Path) -> None:
    f = money_of(tmp_path, _INCOME.format(total="320.50"))
    got = sums(f)
    # 合计 over the income lines; 总计 over 合计 and the carry-over ('-' counts as nothing)
    assert got["r3:3.1"] == ("320.50", ["300.50", "20.00"])
    assert got["r3:3.2"] == ("305.10", ["280.00", "25.10"])
    assert got["r5:5.1"] == ("320.50", ["320.50"])
    assert got["r5:5.3"] == ("315.10", ["305.10", "10.00"])
    assert all(s.total.unit == "万元" for s in f.money_sums)
    # the quantities themselves are read as before, apart from the sums
    assert not any(m.quantity in ("total", "detail") for m in f.money)


def test_a_wrong_figure_keeps_the_structure_the_other_columns_confirm(tmp_path: Path) -> None:
    f = money_of(tmp_path, _INCOME.format(total="321.50"))
    assert sums(f)["r3:3.1"] == ("321.50", ["300.50", "20.00"])  # MONEY008 will see 320.50


def test_structure_no_column_bears_out_is_dropped(tmp_path: Path) -> None:
    text = (
        "单位：万元\n\n| 类别 | 年初预算数 | 决算数 |\n|---|---|---|\n"
        "| 甲 | 10.00 | 20.00 |\n| 乙 | 5.00 | 6.00 |\n| 合计 | 99.00 | 98.00 |\n"
    )
    assert money_of(tmp_path, text).money_sums == []


def test_subtotal_columns_under_a_shared_header(tmp_path: Path) -> None:
    text = (
        "单位：万元\n\n<table>\n"
        '<tr><th rowspan="2">类别</th><th colspan="3">基本支出</th><th rowspan="2">项目支出</th>'
        '<th rowspan="2">本年支出合计</th></tr>\n'
        "<tr><th>人员经费</th><th>公用经费</th><th>小计</th></tr>\n"
        "<tr><td>年初预算数</td><td>100.00</td><td>20.00</td><td>120.00</td><td>50.00</td><td>170.00</td></tr>\n"
        "<tr><td>决算数</td><td>90.00</td><td>15.00</td><td>105.00</td><td>40.00</td><td>145.00</td></tr>\n"
        "</table>\n"
    )
    got = sums(money_of(tmp_path, text))
    assert got["c3:2.3"] == ("120.00", ["100.00", "20.00"])
    assert got["c5:3.5"] == ("145.00", ["105.00", "40.00"])  # 小计 stands for its parts


def test_total_first_then_its_parts(tmp_path: Path) -> None:
    text = (
        "<table>\n<tr><td>资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td></tr>\n"
        "<tr><td>资金（万元）</td><td>年度资金总额</td><td>50.00</td><td>60.00</td><td>58.00</td></tr>\n"
        "<tr><td>资金（万元）</td><td>其中：财政拨款</td><td>50.00</td><td>55.00</td><td>53.00</td></tr>\n"
        "<tr><td>资金（万元）</td><td>上年结转资金</td><td>0.00</td><td>5.00</td><td>5.00</td></tr>\n"
        "</table>\n"
    )
    got = sums(money_of(tmp_path, text))
    assert got["r1:1.3"] == ("60.00", ["55.00", "5.00"])


def test_single_row_quantities_add_up_across(tmp_path: Path) -> None:
    text = (
        "金额单位：元\n\n| 上年结转 | 年初预算数 | 追加/调减 | 调整后预算小计 | 到位数 | 支出数 | 结余 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 0.00 | 180,000.00 | 246,450.00 | 426,450.00 | 426,450.00 | 418,236.40 | 8,213.60 |\n"
    )
    got = sums(money_of(tmp_path, text))
    assert got["c3:1.3"] == ("426,450.00", ["0.00", "180,000.00", "246,450.00"])
    assert got["q4:1.4"] == ("426,450.00", ["418,236.40", "8,213.60"])  # 到位 = 支出 + 结余


def test_parts_under_an_item_are_not_summed(tmp_path: Path) -> None:
    # "其中" under an item: where its parts end is not printed, so nothing is claimed.
    text = (
        "单位：万元\n\n| 项目 | 预算数 | 决算数 |\n|---|---|---|\n"
        "| 基本支出 | 30.00 | 28.00 |\n| 其中：人员经费 | 20.00 | 19.00 |\n"
        "| 项目支出 | 10.00 | 9.00 |\n| 合计 | 40.00 | 37.00 |\n"
    )
    assert money_of(tmp_path, text).money_sums == []


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004_income_table_sums(ext: str) -> None:
    path = CORPUS / f"004_9702beb4dfdda539.{ext}"
    facts = Facts(file=str(path))
    extract_money(read_document(str(path)), facts)
    totals = {(s.total.amount.text, tuple(p.amount.text for p in s.parts)) for s in facts.money_sums}
    if ext == "docx":
        assert ("354.31", ("322.31", "32.00")) in totals
        assert ("335.96", ("310.64", "25.32")) in totals
