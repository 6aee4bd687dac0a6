"""Deductions reconcile with weights and scores (DED*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def test_table_row_weight_minus_deduction() -> None:
    b = FactsBuilder()
    b.tree(b.node("可持续性", "8", "5", deduction="3"), b.node("便利化", "6", "5.42", deduction="0.58"))
    assert passes(b, "DED001")
    b.tree(b.node("可持续性", "8", "6", deduction="3"))
    found = fired(b, "DED001")
    assert len(found) == 1 and found[0].expected == "8−3 = 5" and found[0].found == "6"


def test_sentence_uses_the_table_weight_when_it_omits_one() -> None:
    b = FactsBuilder()
    b.tree(b.node("决策", "20", "15", b.node("绩效指标明确性", "3", "1")))
    b.section("绩效指标明确性", None, "1", deduction="2", level=2)
    assert passes(b, "DED002")
    b.section("绩效指标明确性", None, "2", deduction="2", level=2)
    assert len(fired(b, "DED002")) == 1


def test_sentence_with_its_own_weight() -> None:
    b = FactsBuilder()
    b.section("资金到位率", "2", "1", deduction="1.5")
    found = fired(b, "DED002")
    assert len(found) == 1 and found[0].expected == "2−1.5 = 0.5"


def test_sentence_without_any_weight_is_not_checkable() -> None:
    from auditor.engine.builder import run

    b = FactsBuilder()
    b.section("某指标", None, "2", deduction="1")
    result = run(b, "DED002")
    assert result.findings == []
    assert result.coverage.by_rule["DED002"]["not_checkable"] == 1


def test_deduction_beyond_weight() -> None:
    b = FactsBuilder()
    b.tree(b.node("政府采购规范性", "2", "1", deduction="1"))
    assert passes(b, "DED003")
    b.tree(b.node("政府采购规范性", "2", "0", deduction="2.5"))
    assert len(fired(b, "DED003")) == 1


def test_deduction_beyond_weight_in_text() -> None:
    b = FactsBuilder()
    b.section("项目立项", "2", "1", deduction="1")
    assert passes(b, "DED004")
    b.section("项目立项", "2", "0", deduction="2.5")
    assert len(fired(b, "DED004")) == 1


def test_points_stated_in_the_reason_column() -> None:
    b = FactsBuilder()
    reason = "①年度目标未细化，扣1分；②佐证资料不全，扣0.5分。"
    b.tree(b.node("过程", "20", "18.5", b.node("绩效自评质量", "3", "1.5", reason=reason)))
    assert passes(b, "DED005")
    b = FactsBuilder()
    b.tree(b.node("过程", "20", "18.5", b.node("绩效自评质量", "3", "2.5", reason=reason)))
    found = fired(b, "DED005")
    assert len(found) == 1 and found[0].expected == "3−(1+0.5) = 1.5" and found[0].found == "2.5"


def test_reasons_quoting_a_rule_are_not_read_as_points_taken() -> None:
    for reason in (
        "每少1项扣0.5分，共少2项。",  # a per-unit rule
        "评分标准为“故障率超50%扣100分”，设置不合理。",  # a quoted rule only
        "指标设置合理，未发现问题。",  # no points at all
    ):
        b = FactsBuilder()
        b.tree(b.node("决策", "20", "19", b.node("绩效指标明确性", "3", "2", reason=reason)))
        from auditor.engine.builder import run

        result = run(b, "DED005")
        assert result.findings == [] and result.coverage.by_rule["DED005"]["passed"] == 0, reason
