"""Counts against tables (COUNT*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def framework(b: FactsBuilder, third_level: int) -> None:
    leaves = [b.node(f"三级{i}", "1", "1", level=3) for i in range(third_level)]
    b.tree(
        b.node(
            "决策", "20", "15", b.node("立项", "10", "8", *leaves[:5]), b.node("目标", "10", "7", *leaves[5:])
        )
    )


def test_indicator_counts_match_the_table() -> None:
    b = FactsBuilder()
    framework(b, 23)
    b.count("indicators_level1", 1, "一级指标")
    b.count("indicators_level2", 2, "二级指标")
    b.count("indicators_level3", 23, "三级指标")
    assert passes(b, "COUNT001")


def test_indicator_count_off_by_one() -> None:
    b = FactsBuilder()
    framework(b, 23)
    b.count("indicators_level3", 22, "三级指标")
    found = fired(b, "COUNT001")
    assert len(found) == 1 and found[0].found == "22" and found[0].expected == "23"


def test_a_count_matching_another_table_is_charitably_accepted() -> None:
    # The original target table lists 4 third-level indicators; the adjusted framework 23.
    b = FactsBuilder()
    framework(b, 23)
    for name in ("甲", "乙", "丙", "丁"):
        b.target(name, "text", None, None, None, table=7)
    b.count("indicators_level3", 4, "原三级指标")
    assert passes(b, "COUNT001")


def status_table(b: FactsBuilder, completed: int, partial: int) -> None:
    for i in range(completed):
        b.target(f"完成{i}", "text", None, None, "completed")
    for i in range(partial):
        b.target(f"部分{i}", "text", None, None, "partial")


def test_status_counts() -> None:
    b = FactsBuilder()
    status_table(b, 7, 4)
    b.count("targets_total", 11, "指标")
    b.count("targets_completed", 7, "已完成")
    b.count("targets_partial", 4, "部分完成")
    assert passes(b, "COUNT002")
    b = FactsBuilder()
    status_table(b, 6, 5)
    b.count("targets_completed", 7, "已完成")
    found = fired(b, "COUNT002")
    assert len(found) == 1 and found[0].expected == "6"


def test_status_count_names_the_row_no_count_accounts_for() -> None:
    b = FactsBuilder()
    status_table(b, 6, 4)
    b.target("漏计", "text", None, None, "uncompleted")  # the text counts only 已完成 and 部分完成
    b.count("targets_completed", 7, "已完成")
    b.count("targets_partial", 4, "部分完成")
    (found,) = fired(b, "COUNT002")
    assert [p.role for p in found.places] == ["count", "table", "row"]
    assert "漏计" in found.places[-1].quote


def groups(b: FactsBuilder, valid: int, staff: int, public: int) -> None:
    b.count("questionnaires_issued", valid, "发放")
    b.count("questionnaires_valid", valid, "有效")
    b.count("questionnaires_group", staff, "工作人员", group="工作人员")
    b.count("questionnaires_group", public, "社会公众", group="社会公众")


def test_groups_add_up_to_valid_questionnaires() -> None:
    b = FactsBuilder()
    groups(b, 70, 20, 50)
    assert passes(b, "COUNT003")
    b = FactsBuilder()
    groups(b, 70, 20, 55)
    found = fired(b, "COUNT003")
    assert len(found) == 1 and found[0].expected == "20+55 = 75"


def test_question_total_vs_group() -> None:
    b = FactsBuilder()
    groups(b, 70, 20, 50)
    b.survey("满意度", [("满意", "18", None), ("一般", "2", None)], total="20", group="工作人员")
    assert passes(b, "COUNT004")
    b.survey("信息安全", [("满意", "18", None), ("一般", "4", None)], total="22", group="工作人员")
    assert len(fired(b, "COUNT004")) == 1


def test_questionnaire_funnel() -> None:
    b = FactsBuilder()
    b.count("questionnaires_issued", 70, "发放")
    b.count("questionnaires_valid", 70, "有效")
    assert passes(b, "COUNT005")
    b.count("questionnaires_returned", 72, "回收")
    assert len(fired(b, "COUNT005")) == 1


def test_option_counts_vs_total() -> None:
    b = FactsBuilder()
    b.survey("满意度", [("非常满意", "10", None), ("满意", "8", None), ("一般", "2", None)], total="20")
    assert passes(b, "COUNT006")
    b.survey("满意度2", [("非常满意", "10", None), ("满意", "8", None), ("一般", "3", None)], total="20")
    assert len(fired(b, "COUNT006")) == 1


def test_multiple_choice_counts_may_exceed_the_total() -> None:
    b = FactsBuilder()
    b.survey("问题（多选）", [("甲", "15", None), ("乙", "12", None)], total="20", multiple=True)
    assert fired(b, "COUNT006") == []


def test_count_stated_twice() -> None:
    b = FactsBuilder()
    b.count("questionnaires_issued", 70, "发放")
    b.count("questionnaires_issued", 70, "发放")
    assert passes(b, "COUNT007")
    b.count("questionnaires_issued", 78, "发放")
    found = fired(b, "COUNT007")
    assert len(found) == 1 and found[0].found == "70 ×2; 78 ×1"


def test_other_count_with_the_same_label() -> None:
    b = FactsBuilder()
    b.count("other", 24, "差评投诉")
    b.count("other", 24, "差评投诉")
    b.count("other", 1396, "办理业务")
    assert passes(b, "COUNT008")
    b.count("other", 26, "差评投诉")
    found = fired(b, "COUNT008")
    assert len(found) == 1 and found[0].severity == "warning" and found[0].found == "24 ×2; 26 ×1"


# ---------------------------------------------------------------- COUNT009 per-section counts


def sections_framework(b: FactsBuilder) -> None:
    """部门决策: 2 second-level (2 + 3 third-level); 部门管理: 1 second-level (2 third-level)."""
    b.tree(
        b.node(
            "部门决策",
            "10",
            None,
            b.node("部门职能", "4", None, b.node("职能设置", "2"), b.node("规划", "2")),
            b.node("目标设定", "6", None, b.node("计划", "2"), b.node("目标", "2"), b.node("指标", "2")),
        ),
        b.node(
            "部门管理", "5", None, b.node("预算执行", "5", None, b.node("调整率", "2"), b.node("执行率", "3"))
        ),
    )


def test_section_counts_match_the_rows_under_their_indicator() -> None:
    b = FactsBuilder()
    sections_framework(b)
    b.count("other", 2, "部门决策二级指标", group="部门决策")
    b.count("other", 5, "部门决策三级指标", group="部门决策")
    b.count("other", 3, "目标设定三级指标", group="目标设定")
    b.count("other", 2, "预算执行三级指标", group="预算执行")
    assert passes(b, "COUNT009")


def test_section_count_off_by_one_fires() -> None:
    b = FactsBuilder()
    sections_framework(b)
    b.count("other", 6, "部门决策三级指标", group="部门决策")
    found = fired(b, "COUNT009")
    assert len(found) == 1 and found[0].found == "6" and found[0].expected == "5"


def test_section_table_named_in_its_caption_counts_too() -> None:
    # The section's own table (its caption names the section) does not repeat the
    # section's own row: every row at the level counted is the section's.
    b = FactsBuilder()
    b.tree(
        b.node("部门职能", "4", None, b.node("职能设置", "2"), b.node("规划", "2")),
        kind="section",
        caption="表5-1 部门决策类指标得分情况表",
    )
    b.count("other", 2, "部门决策二级指标", group="部门决策")
    assert passes(b, "COUNT009")
    b.count("other", 3, "部门决策二级指标", group="部门决策")
    assert len(fired(b, "COUNT009")) == 1


def test_counts_about_unknown_groups_or_other_things_are_not_checked() -> None:
    b = FactsBuilder()
    sections_framework(b)
    b.count("other", 9, "绩效目标产出三级指标", group="绩效目标产出")  # the target table's
    b.count("other", 24, "差评投诉", group="部门管理")
    assert fired(b, "COUNT009") == []
    assert not passes(b, "COUNT009")  # nothing was checkable


def test_questionnaires_issued_per_group_add_up_to_the_total() -> None:
    def report(public: int) -> FactsBuilder:
        b = FactsBuilder()
        b.count("questionnaires_issued", 84, "发放问卷")
        b.count("questionnaires_issued", 24, "发放问卷", group="工作人员")
        b.count("questionnaires_issued", public, "发放问卷", group="社会公众")
        return b

    assert passes(report(60), "COUNT010")
    found = fired(report(61), "COUNT010")
    assert len(found) == 1 and found[0].expected == "24+61 = 85" and found[0].found == "84"
