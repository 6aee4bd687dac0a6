"""Money (MONEY*), with the corpus's rounding traps."""

from auditor.engine.builder import FactsBuilder, fired, passes


def test_same_amount_across_units_agrees() -> None:
    b = FactsBuilder()
    b.money("spent", "41.36", label="实际支出")
    b.money("spent", "413,550.00", unit="元", label="支出合计")
    assert passes(b, "MONEY001")
    assert passes(b, "MONEY002")  # 413,550.00 rounds half-up to 41.36 (41.355)
    assert passes(b, "MONEY004")


def test_same_quantity_with_another_value() -> None:
    b = FactsBuilder()
    b.money("carryover", "25.32", label="年初结转结余", period="2021年")
    b.money("carryover", "1021.36", label="累计结转结余", period="2021年")
    found = fired(b, "MONEY001")
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].found == "25.32万元 ×1; 1021.36万元 ×1"


def test_different_funds_and_periods_are_different_quantities() -> None:
    b = FactsBuilder()
    b.money("budget", "126.35", fund="基本支出")
    b.money("budget", "227.96", fund="项目支出")
    b.money("budget", "354.31", period="2022年")
    b.money("budget", "300.00", period="2021年")
    assert fired(b, "MONEY001") == []


def test_rounding_edge_is_a_warning_not_an_error() -> None:
    # 243,550元 = 24.355万元: 24.36 (half-up) in the report, 24.35 (truncated) in the
    # annexed self-assessment. Not an arithmetic error; a rounding-edge warning.
    b = FactsBuilder()
    b.money("addition", "24.36", label="追加预算")
    b.money("addition", "24.36", label="追加预算")
    b.money("addition", "24.35", label="追加")
    b.money("addition", "243,550.00", unit="元", label="追加")
    assert fired(b, "MONEY001") == []
    found = fired(b, "MONEY002")
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].found == "24.36万元 ×2; 24.35万元 ×1; 243,550.00元 ×1"


def test_budget_plus_additions_holds_with_the_rounded_addition() -> None:
    # 17 + 24.36 = 41.36 holds with 24.355 real; so does 17 + 24.35 within rounding.
    b = FactsBuilder()
    b.money("budget", "17", label="年初预算")
    b.money("addition", "24.36", label="追加")
    b.money("adjusted_budget", "41.36", label="合计")
    assert passes(b, "MONEY003")
    b = FactsBuilder()
    b.money("budget", "17")
    b.money("addition", "24.35")
    b.money("adjusted_budget", "41.36")
    assert passes(b, "MONEY003")


def test_budget_plus_additions_off() -> None:
    b = FactsBuilder()
    b.money("budget", "17")
    b.money("addition", "24.36")
    b.money("adjusted_budget", "42.36")
    found = fired(b, "MONEY003")
    assert len(found) == 1 and found[0].expected == "17+24.36 = 41.36万元"


def test_reductions_and_carryover() -> None:
    b = FactsBuilder()
    b.money("budget", "354.31")
    b.money("reduction", "43.67")
    b.money("carryover", "25.32")
    b.money("adjusted_budget", "335.96")  # 354.31 − 43.67 + 25.32
    assert passes(b, "MONEY003")


def test_yuan_wanyuan_slip() -> None:
    b = FactsBuilder()
    b.money("spent", "41.36", label="支出")
    b.money("spent", "413,550.00", unit="万元", label="支出")
    found = fired(b, "MONEY004")
    assert len(found) == 1
    assert fired(b, "MONEY001") == []  # reported once, as the slip it is


def test_funding_rate() -> None:
    b = FactsBuilder()
    b.money("adjusted_budget", "41.36")
    b.money("received", "413,550.00", unit="元")
    b.rate("funding_rate", "资金到位率", "100%")
    assert passes(b, "MONEY005")
    b = FactsBuilder()
    b.money("adjusted_budget", "41.36")
    b.money("received", "38.00")
    b.rate("funding_rate", "资金到位率", "100%")
    found = fired(b, "MONEY005")
    assert len(found) == 1 and found[0].found == "100%"


def test_funding_rate_flip_is_tagged() -> None:
    b = FactsBuilder()
    b.target("资金到位率", "=", "100%", "100%", "completed")
    b.money("budget", "50")
    b.money("received", "40")
    b.rate("funding_rate", "资金到位率", "100%")
    assert fired(b, "MONEY005")[0].tags == ["target-flip"]


def test_detail_lines_vs_total() -> None:
    b = FactsBuilder()
    for amount in ("170,000.00", "143,550.00", "100,000.00"):
        b.money("detail", amount, unit="元", group="支出明细")
    b.money("total", "413,550.00", unit="元", group="支出明细")
    assert passes(b, "MONEY006")
    b.money("total", "431,550.00", unit="元", group="其他明细")
    b.money("detail", "431,500.00", unit="元", group="其他明细")
    assert len(fired(b, "MONEY006")) == 1


def test_received_minus_spent_is_the_balance() -> None:
    b = FactsBuilder()
    b.money("received", "41.36")
    b.money("spent", "41.36")
    b.money("balance", "0.00")
    assert passes(b, "MONEY007")
    b = FactsBuilder()
    b.money("received", "41.36")
    b.money("spent", "40.00")
    b.money("balance", "0.00")
    assert len(fired(b, "MONEY007")) == 1


# ---------------------------------------------------------------- MONEY008 table arithmetic


def _table_sum(b: FactsBuilder, key: str, total: str, parts: list[str], unit: str = "万元") -> None:
    """A printed total and its parts, as the table reader hands them over."""
    from auditor.facts import MoneySum

    claims = [b.money("total", total, unit=unit, label="本年收入合计")]
    claims += [b.money("detail", p, unit=unit, label=f"第{i + 1}项") for i, p in enumerate(parts)]
    del b.facts.money[-len(claims) :]  # table sums live apart from the quantities
    b.facts.money_sums.append(MoneySum(key=key, total=claims[0], parts=claims[1:]))


def test_table_total_that_adds_up_passes() -> None:
    b = FactsBuilder()
    _table_sum(b, "t1:sum:r3:3.1", "468.63", ["412.63", "56.00"])
    _table_sum(b, "t1:sum:r5:5.2", "433.57", ["412.21", "21.36"])
    assert passes(b, "MONEY008")


def test_table_total_within_rounding_passes() -> None:
    # 42.65 received = 41.82 spent + 0.82 balance: each figure is rounded to 0.01万元.
    b = FactsBuilder()
    _table_sum(b, "t1:sum:q4:1.4", "42.65", ["41.82", "0.82"])
    assert passes(b, "MONEY008")


def test_table_total_off_by_one_fires_with_all_places() -> None:
    b = FactsBuilder()
    _table_sum(b, "t1:sum:r3:3.1", "468.63", ["413.63", "56.00"])
    found = fired(b, "MONEY008")
    assert len(found) == 1 and found[0].severity == "error"
    assert [p.quote for p in found[0].places] == [
        "本年收入合计468.63万元",
        "第1项413.63万元",
        "第2项56.00万元",
    ]
    assert "413.63+56.00" in found[0].message_en


def test_subtracted_part_is_summed_with_its_sign() -> None:
    b = FactsBuilder()
    _table_sum(b, "t2:sum:q3:1.3", "170,000.00", ["180,000.00", "-10,000.00"], unit="元")
    assert passes(b, "MONEY008")
    b = FactsBuilder()
    _table_sum(b, "t2:sum:q3:1.3", "190,000.00", ["180,000.00", "-10,000.00"], unit="元")
    assert len(fired(b, "MONEY008")) == 1


def test_table_sums_do_not_feed_the_detail_rule() -> None:
    b = FactsBuilder()
    _table_sum(b, "t1:sum:r3:3.1", "468.63", ["413.63", "56.00"])
    assert fired(b, "MONEY006") == []



SOURCES = (
    "金额单位：万元\n\n| 资金情况 | 合计 | 中央资金 | 省级资金 | 区级资金 |\n|---|---|---|---|---|\n"
    "|  | {total} | - | 10.00 | {local} |\n"
)


def test_a_total_column_that_leads_its_parts(rule_findings) -> None:
    assert rule_findings(SOURCES.format(total="42.65", local="32.65"), "MONEY008") == []
    (f,) = rule_findings(SOURCES.format(total="42.65", local="33.65"), "MONEY008")
    assert f.places[0].figure == "42.65" and {p.figure for p in f.places[1:]} == {"10.00", "33.65"}


SCOPE = "项目年初预算18.00万元，调整后预算42.65万元，实际支出41.82万元。本次评价对象为某某项目{amount}万元，评价范围为项目资金。\n"


def test_the_evaluated_funds_are_one_of_the_stated_amounts(rule_findings) -> None:
    assert rule_findings(SCOPE.format(amount="42.65"), "MONEY009") == []
    assert rule_findings(SCOPE.format(amount="41.82"), "MONEY009") == []  # the spending is fine too
    (f,) = rule_findings(SCOPE.format(amount="43.65"), "MONEY009")
    assert f.severity == "warning" and "43.65" in f.places[0].quote
