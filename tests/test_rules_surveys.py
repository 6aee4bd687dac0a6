"""Questionnaire percentages (SURVEY*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def staff(b: FactsBuilder, pct_satisfied: str = "40%") -> None:
    b.count("questionnaires_valid", 70, "有效问卷")
    b.count("questionnaires_group", 20, "工作人员", group="工作人员")
    b.count("questionnaires_group", 50, "社会公众", group="社会公众")
    b.survey(
        "您对工作人员服务是否满意",
        [("非常满意", "10", "50%"), ("满意", "8", pct_satisfied), ("一般", "2", "10%")],
        total="20",
        group="工作人员",
    )


def test_option_percent() -> None:
    b = FactsBuilder()
    staff(b)
    assert passes(b, "SURVEY001")
    b = FactsBuilder()
    staff(b, pct_satisfied="45%")
    found = fired(b, "SURVEY001")
    assert len(found) == 1 and found[0].expected == "8/20 = 40%" and found[0].found == "45%"


def test_two_decimal_percentages_within_rounding() -> None:
    b = FactsBuilder()
    b.survey("Q6", [("A", "62", "79.49%"), ("B", "15", "19.23%"), ("C", "1", "1.28%")], total="78")
    assert passes(b, "SURVEY001") and passes(b, "SURVEY002")


def test_single_choice_sums_to_100() -> None:
    b = FactsBuilder()
    b.survey("Q", [("A", "1", "33.33%"), ("B", "1", "33.33%"), ("C", "1", "33.33%")], total="3")
    assert passes(b, "SURVEY002")  # 99.99% is rounding
    b.survey(
        "Q6",
        [("A", "62", "79.49%"), ("B", "15", "19.23%"), ("C", "1", "1.28%"), ("D", None, "82%")],
        total="78",
    )
    found = fired(b, "SURVEY002")
    assert len(found) == 1 and found[0].severity == "warning"


def test_multiple_choice_may_exceed_100() -> None:
    b = FactsBuilder()
    b.survey("Q（多选）", [("A", "15", "75%"), ("B", "12", "60%")], total="20", multiple=True)
    assert fired(b, "SURVEY002") == []


def test_satisfaction_recomputed_from_the_scale() -> None:
    b = FactsBuilder()
    staff(b)
    b.rate("satisfaction", "工作人员满意度", "88%")  # (10×100 + 8×80 + 2×60) / 20
    assert passes(b, "SURVEY003")
    b.rate("satisfaction", "工作人员满意度", "90%")  # share of 非常满意+满意: 18/20
    assert passes(b, "SURVEY003")
    b.rate("satisfaction", "工作人员满意度", "93.32%")
    found = fired(b, "SURVEY003")
    assert len(found) == 1 and found[0].found == "93.32%"


def test_satisfaction_with_a_scale_from_the_config() -> None:
    b = FactsBuilder()
    staff(b)
    b.rate("satisfaction", "工作人员满意度", "85%")  # (10×100 + 8×75 + 2×50) / 20 = 85
    scale = {"非常满意": 100, "满意": 75, "一般": 50}
    assert fired(b, "SURVEY003") != []
    assert passes(b, "SURVEY003", SURVEY003={"scale": scale})


def test_impossible_share_of_respondents() -> None:
    b = FactsBuilder()
    staff(b)
    b.rate("share", "认为效果明显", "90%", text="90%的调查对象认为效果明显")  # 63/70
    assert passes(b, "SURVEY004")
    b.rate("share", "信心", "88%", text="88%的调查对象认为增强了信心")  # 61/70 = 87.14, 62/70 = 88.57
    found = fired(b, "SURVEY004")
    assert len(found) == 1 and "70" in found[0].message_zh


def test_share_of_a_named_group_uses_the_group_size() -> None:
    b = FactsBuilder()
    staff(b)
    b.rate("share", "信心", "85%", text="工作人员中85%的调查对象认为…")  # 17/20
    assert passes(b, "SURVEY004")


def test_recovery_rate() -> None:
    b = FactsBuilder()
    b.count("questionnaires_issued", 70, "发放")
    b.count("questionnaires_valid", 70, "有效")
    b.rate("recovery_rate", "问卷有效回收率", "100%")
    assert passes(b, "SURVEY005")
    b = FactsBuilder()
    b.count("questionnaires_issued", 80, "发放")
    b.count("questionnaires_valid", 70, "有效")
    b.rate("recovery_rate", "问卷有效回收率", "100%")
    assert len(fired(b, "SURVEY005")) == 1


def test_combined_index_over_groups_is_left_to_the_formula_rule() -> None:
    from auditor.engine.builder import run

    b = FactsBuilder()
    staff(b)
    b.survey(
        "社会公众满意度",
        [("非常满意", "24", None), ("满意", "15", None), ("一般", "11", None)],
        group="社会公众",
    )
    b.rate("satisfaction", "综合满意度", "86.04%")  # 88×30% + 85.2×70%: weights are the report's
    result = run(b, "SURVEY003")
    assert result.findings == [] and result.coverage.by_rule["SURVEY003"]["passed"] == 0
