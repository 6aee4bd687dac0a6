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


# ---------------------------------------------------------------- SURVEY006, SURVEY007


def _with_total(b: FactsBuilder, total: str) -> None:
    from auditor.numbers import parse_number

    q = b.survey(
        "1.您是否满意？",
        [
            ("非常满意", "48", "58.54%"),
            ("满意", "26", "31.71%"),
            ("一般", "6", "7.32%"),
            ("不满意", "2", "2.44%"),
        ],
        total="82",
        group="办事群众",
    )
    q.percent_total = parse_number(total)
    q.percent_total_source = b.quote(f"合计 {total}")


def test_printed_percent_total_agrees_within_rounding() -> None:
    b = FactsBuilder()
    _with_total(b, "100.00%")  # the rows add up to 100.01%
    assert passes(b, "SURVEY006")


def test_printed_percent_total_that_is_off_fires() -> None:
    b = FactsBuilder()
    _with_total(b, "105.00%")
    found = fired(b, "SURVEY006")
    assert len(found) == 1 and found[0].found == "105.00%"
    assert found[0].places[0].quote == "合计 105.00%"


def _satisfaction_question(b: FactsBuilder, group: str = "社会公众") -> None:
    b.survey(
        "第5题 总体满意程度",
        [("非常满意", "23", None), ("满意", "25", None), ("一般", "9", None), ("不满意", "1", None)],
        total="58",
        group=group,
    )
    b.survey(
        "第1题 服务是否便利",
        [("非常满意", "30", None), ("满意", "20", None), ("一般", "8", None)],
        group=group,
    )


def test_satisfied_count_matches_a_question_of_its_group() -> None:
    b = FactsBuilder()
    _satisfaction_question(b)
    b.count("other", 48, "社会公众满意以上份数", group="社会公众")
    assert passes(b, "SURVEY007")


def test_satisfied_count_no_question_gives_fires() -> None:
    b = FactsBuilder()
    _satisfaction_question(b)
    b.count("other", 49, "社会公众满意以上份数", group="社会公众")
    found = fired(b, "SURVEY007")
    assert len(found) == 1 and found[0].found == "49"


def test_satisfied_count_of_a_group_without_questions_is_not_checked() -> None:
    b = FactsBuilder()
    _satisfaction_question(b, group="工作人员")
    b.count("other", 49, "社会公众满意以上份数", group="社会公众")
    assert fired(b, "SURVEY007") == []
