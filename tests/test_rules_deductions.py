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
