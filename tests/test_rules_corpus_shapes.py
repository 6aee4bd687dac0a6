"""The rules' judgement on facts shaped like the two corpus reports (same figures and
layouts, invented names): the annotated errors are found, the verified traps stay silent.

These pin the rules independent of extraction; the end-to-end corpus test pins the
whole pipeline once extraction reads the reports.
"""

from auditor.engine.builder import FactsBuilder, run


def project_report(defects: bool) -> FactsBuilder:
    b = FactsBuilder("project.docx")
    b.date("evaluation_start", "2024-06-18")
    b.date("evaluation_end", "2024-12-02")
    b.date("report_date", "2024-12-02")
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", "良", "cover")
    b.overall("self_score", "100", "cover")
    b.overall("self_grade", "优", "cover")
    for grade, lo, hi in (("优", "90", None), ("良", "80", "90"), ("中", "60", "80"), ("差", None, "60")):
        b.band(grade, lo, hi)
    b.money("budget", "17", label="年初预算")
    b.money("addition", "24.36", label="追加预算")
    b.money("adjusted_budget", "41.36", label="资金合计")
    b.money("received", "41.36", label="到位资金")
    b.money("spent", "41.36", label="实际支出")
    b.money("balance", "0.00", label="结余")
    b.money("addition", "243,550.00", unit="元", label="追加")
    b.money("received", "413,550.00", unit="元", label="到位数")
    for amount in ("170,000.00", "100,000.00", "143,550.00"):
        b.money("detail", amount, unit="元", group="支出明细")
    b.money("total", "413,550.00", unit="元", group="支出明细")
    b.rate("funding_rate", "资金到位率", "100%")
    b.rate("execution_rate", "预算执行率", "100%")
    b.rate("completion_rate", "业务办理量达标率", "116.33%", "1396", "1200")
    b.count("indicators_level1", 4, "一级指标")
    b.count("indicators_level2", 11, "二级指标")
    b.count("indicators_level3", 22 if defects else 23, "三级指标")
    b.count("questionnaires_issued", 70, "发放问卷")
    b.count("questionnaires_valid", 70, "有效问卷")
    b.count("questionnaires_group", 20, "工作人员", group="工作人员")
    b.count("questionnaires_group", 50, "社会公众", group="社会公众")
    b.rate("recovery_rate", "问卷有效回收率", "100%")
    b.tree(
        b.node("决策", "20", "15.00", rate="75.00%"),
        b.node("过程", "20", "18.00", rate="90.00%"),
        b.node("产出", "30", "30.00", rate="100.00%"),
        b.node("效益", "30", "21.94", rate="73.13%"),
        total=("100", "84.94"),
        total_rate="84.94%",
        kind="summary",
    )
    b.section("决策", "20", "15", "75%", level=1)
    b.section("过程", "20", "18", "90%", level=1)
    b.section("效益", "30", "21.94", "73.13%", level=1)
    b.section("立项程序规范性", None, "1", deduction="2", level=3)
    b.section("社会公众满意度", None, "6", deduction="4", level=3)

    def leaf(name: str, w: str, s: str, d: str | None = None):  # type: ignore[no-untyped-def]
        return b.node(name, w, s, level=3, deduction=d)

    b.tree(
        b.node(
            "决策",
            "20",
            "15",
            b.node("项目立项", "6", "4", leaf("立项依据", "3", "3"), leaf("立项程序规范性", "3", "1", "2")),
            b.node("绩效目标", "6", "4", leaf("目标合理性", "3", "1", "2"), leaf("指标明确性", "3", "3")),
            b.node("资金投入", "8", "7", leaf("预算编制", "4", "3", "1"), leaf("资金分配", "4", "4")),
        ),
        b.node(
            "过程",
            "20",
            "18",
            b.node(
                "资金管理",
                "8",
                "8",
                leaf("到位率", "2", "2"),
                leaf("执行率", "3", "3"),
                leaf("合规性", "3", "3"),
            ),
            b.node(
                "组织实施",
                "12",
                "10",
                leaf("制度健全", "4", "4"),
                leaf("制度执行", "4", "4"),
                leaf("自评开展", "4", "2", "2"),
            ),
        ),
        b.node(
            "产出",
            "30",
            "30",
            b.node(
                "数量",
                "10",
                "10",
                leaf("维护率", "3", "3"),
                leaf("好差评维护", "3", "3"),
                leaf("达标率", "4", "4"),
            ),
            b.node("质量", "10", "10", leaf("验收合格率", "5", "5"), leaf("运转", "5", "5")),
            b.node("时效", "10", "10", leaf("整改及时", "5", "5"), leaf("维护及时", "5", "5")),
        ),
        b.node(
            "效益",
            "30",
            "21.94",
            b.node(
                "社会效益",
                "12",
                "10.94",
                leaf("便利化", "6", "5.42", "0.58"),
                leaf("信息安全", "6", "5.52", "0.48"),
            ),
            b.node("可持续影响", "8", "5", leaf("可持续性", "8", "5", "3")),
            b.node("满意度", "10", "6", leaf("社会公众满意度", "10", "6", "4")),
        ),
        total=("100", "84.94"),
        kind="annex",
    )
    for name in ("原一", "原二", "原三", "原四"):  # the original target table: 3 一级, 4 三级
        b.target(name, "text", None, None, None, table=4, level1=name[:1] + "级")
    for i, (name, status, cmp, tgt, act) in enumerate(
        [
            ("维护率", "completed", "≥", "100%", "100%"),
            ("好差评维护", "completed", "≥", "100%", "100%"),
            ("达标率", "completed", "≥", "100%", "116.33%"),
            ("验收合格率", "completed", "text", None, None),
            ("运转", "completed", "text", None, None),
            ("整改及时", "completed", "≤", "15", None),
            ("维护及时", "completed", "≤", "48", None),
            ("便利化", "partial", "text", None, None),
            ("信息安全", "partial", "text", None, None),
            ("可持续性", "partial", "text", None, None),
            ("社会公众满意度", "partial", "≥", "95%", "86.04%"),
        ]
    ):
        assert i < 11
        b.target(name, cmp, tgt, act, status, table=6)
    b.count("targets_total", 11, "产出和效益三级指标")
    b.count("targets_completed", 7, "已完成")
    b.count("targets_partial", 4, "部分完成")
    b.survey(
        "工作人员满意度",
        [("非常满意", "10", "50%"), ("满意", "8", "40%"), ("一般", "2", "10%")],
        "20",
        "工作人员",
    )
    b.survey(
        "社会公众满意度",
        [("非常满意", "24", "48%"), ("满意", "15", "30%"), ("一般", "11", "22%")],
        "50",
        "社会公众",
    )
    b.rate("satisfaction", "工作人员满意度", "88%")
    b.rate("satisfaction", "社会公众满意度", "85.20%")
    combined = b.rate("satisfaction", "综合满意度", "86.04%")
    combined.formula = "综合满意度=工作人员满意度88%*30%+社会公众满意度85.20%*70%"
    b.date("feedback", "2024-11-11", label="科室意见")
    b.problems("存在问题", ["预算编制质量不高", "绩效管理工作开展不到位"])
    if defects:
        b.date("feedback", "2024-04-20", label="部门意见反馈")
        b.money("addition", "24.35", label="追加经费（自评报告）")
        b.rate("share", "效果明显", "90.33%", text="90.33%的调查对象认为效果明显")
        b.rate("share", "信息安全", "88%", text="88%的调查对象认为增加了信心")
    return b


def errors_and_warnings(b: FactsBuilder) -> tuple[list[str], list[str]]:
    findings = run(b).findings
    return (
        sorted(f.rule_id for f in findings if f.severity == "error"),
        sorted(f.rule_id for f in findings if f.severity == "warning"),
    )


def test_project_report_traps_stay_silent() -> None:
    errors, warnings = errors_and_warnings(project_report(defects=False))
    assert errors == []
    assert warnings == ["SELF001"]  # 100 vs 84.94 is a genuine warning in the real report


def test_project_report_defects_are_found() -> None:
    errors, warnings = errors_and_warnings(project_report(defects=True))
    assert errors == ["COUNT001", "DATE001"]
    assert warnings == ["MONEY002", "RATE006", "SELF001", "SURVEY004"]


def department_report(defects: bool) -> FactsBuilder:
    b = FactsBuilder("department.docx")
    b.overall("total_score", "86.00", "cover")
    b.overall("grade", "良", "cover")
    b.count("indicators_level2", 14, "二级指标")
    b.tree(
        b.node("部门决策", "10", "7.5", rate="75.00%"),
        b.node("部门管理", "25", "22", rate="88.00%"),
        b.node("部门产出", "40", "31.5", rate="78.75%"),
        b.node("部门效益", "25", "25", rate="100.00%"),
        total=("100", "86.00"),
        total_rate="86.00%",
        kind="summary",
    )
    b.tree(
        b.node(
            "部门管理",
            "25",
            "22",
            b.node("人员", "5", "5", code="B1"),
            b.node("经费", "5", "5", code="B2"),
            b.node("制度", "4", "2", code="B3"),
            b.node("资产", "4", "4", code="B4"),
            b.node("编制", "2", "2", code="B5"),
            b.node("采购管理", "2", "1", code="B6", rate="50.00%"),
            b.node("信息", "3", "3", code="B7"),
        ),
        kind="section",
    )
    b.section("采购管理", "2", "2" if defects else "1", "50.00%", level=2, code="B6")
    b.rate("other", "在职人数控制率", "95.24%", "20", "21")
    b.rate("completion_rate", "办结率", "98.9%", "79072", "79919")
    b.rate("completion_rate", "不见面审批率", "99.5%", "2168", "2179")
    b.money("budget", "354.31", label="年初预算")
    b.money("budget", "354.31", label="2022年预算")
    b.money("budget", "126.35", fund="基本支出")
    b.money("adjusted_budget", "180.10", fund="基本支出")
    adj = b.rate("adjustment_rate", "基本支出预算调整率", "42.54%")
    adj.formula = "（180.10-126.35）/126.35×100%"
    b.survey("Q6", [("A", "62", "79.49%"), ("B", "15", "19.23%"), ("C", "1", "1.28%")], "78")
    if defects:
        b.survey(
            "Q6b",
            [("A", "62", "79.49%"), ("B", "15", "19.23%"), ("C", "1", "1.28%"), ("?", None, "82%")],
            "78",
        )
        b.rate("completion_rate", "年末结转和结余完成率", "100.00%", "0", "0")
    return b


def test_department_report_traps_stay_silent() -> None:
    assert errors_and_warnings(department_report(defects=False)) == ([], [])


def test_department_report_defects_are_found() -> None:
    errors, warnings = errors_and_warnings(department_report(defects=True))
    assert errors == ["RATE002", "SCORE005"]
    assert warnings == ["RATE004", "SURVEY002"]
