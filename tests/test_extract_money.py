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
    assert any("not read" in n for n in f.notes)


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
