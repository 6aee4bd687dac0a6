"""Order and distance of dates stated in prose (issue 15, item 4): a body said to exist
before implementation (DATE009), publicity periods (DATE010), durations and deadlines in
Chinese numerals and month ranges (DATE003, DATE008)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract import extract_facts
from auditor.facts import Facts
from auditor.readers import read_document


def facts_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    return extract_facts(read_document(str(path)))


def kinds(facts: Facts, kind: str) -> list[str]:
    return [f"{d.date}/{d.precision}" for d in facts.dates if d.kind == kind]


# ---------------------------------------------------------------- set up before implementation (DATE009)

_START = "项目于2023年3月1日开始实施，当年完成全部建设任务。\n\n"


def test_a_group_set_up_after_the_start_is_found(tmp_path: Path, rule_findings) -> None:
    text = _START + "项目实施前已成立项目工作领导小组，领导小组于2023年5月10日成立，负责统筹协调。\n"
    assert kinds(facts_of(tmp_path, text), "set_up") == ["2023-05-10/day"]
    (f,) = rule_findings(text, "DATE009")
    assert f.severity == "warning" and "项目工作领导小组" in f.message_zh and "2023-03-01" in f.message_zh
    assert [p.role for p in f.places] == ["set up", "project start"]


def test_same_day_and_before_are_silent(tmp_path: Path, rule_findings) -> None:
    for day in ("2023年3月1日", "2023年2月20日"):
        text = _START + f"在项目启动前，单位于{day}印发了《项目建设实施方案》，明确了分工。\n"
        assert kinds(facts_of(tmp_path, text), "set_up") == [f"{'2023-03-01' if '3月' in day else '2023-02-20'}/day"]
        assert rule_findings(text, "DATE009") == []


def test_a_document_issued_after_a_start_stated_in_another_words(tmp_path: Path, rule_findings) -> None:
    text = (
        "该项目于2023年4月1日正式启动。\n\n"
        "在项目启动前，单位于2023年6月12日印发了《社区服务提升实施方案》，明确了分工。\n"
    )
    (f,) = rule_findings(text, "DATE009")
    assert "《社区服务提升实施方案》" in f.message_zh and "2023-06-12" in f.message_zh


def test_the_date_may_come_in_the_next_paragraph_naming_the_group(tmp_path: Path, rule_findings) -> None:
    text = _START + "项目实施前已成立项目推进工作专班。\n\n工作专班成立于2023年4月2日，下设综合组。\n"
    (f,) = rule_findings(text, "DATE009")
    assert "2023-04-02" in f.message_zh


@pytest.mark.parametrize(
    "sentence",
    [
        # a year alone is no date: neither "（2023年）" nor the 文号 year
        "项目实施前（2023年）已成立项目领导小组。",
        "项目实施前已印发《项目管理办法》（某财〔2023〕5号）。",
        # the month covers the day the project started
        "项目实施前已成立项目领导小组，领导小组于2023年3月成立。",
        # a date not tied to the verb ("依据…的会议精神")
        "项目实施前，依据2023年6月1日的会议纪要成立了项目领导小组。",
        # the evaluation's own preparation, not the project's
        "评价工作开展前，评价组于2023年9月1日成立了评价工作小组。",
        # the early stage of implementation (实施前期) is not before it
        "项目实施前期成立了项目领导小组，领导小组于2023年5月10日成立。",
        # a document that changes the group is not the group's setting up
        "项目实施前已成立项目领导小组，并于2023年5月10日印发《通知》调整领导小组成员。",
    ],
)
def test_unsure_links_are_not_checked(sentence: str, rule_findings) -> None:
    assert rule_findings(_START + sentence + "\n", "DATE009") == []


def test_the_evaluation_start_is_not_the_project_start(tmp_path: Path, rule_findings) -> None:
    text = (
        "本次评价工作于2024年6月1日启动。\n\n"
        "项目实施前已成立项目领导小组，领导小组于2023年5月10日成立。\n"
    )
    assert kinds(facts_of(tmp_path, text), "project_start") == []
    assert rule_findings(text, "DATE009") == []


def test_a_start_of_something_else_is_not_the_project_start(tmp_path: Path) -> None:
    text = "项目于2023年1月10日启动申报工作，项目于2023年3月1日开工。\n"
    assert kinds(facts_of(tmp_path, text), "project_start") == ["2023-03-01/day"]


def test_two_different_starts_leave_the_start_unknown(tmp_path: Path, rule_findings) -> None:
    text = (
        _START
        + "项目于2023年7月1日开工建设。\n\n"
        + "项目实施前已成立项目领导小组，领导小组于2023年5月10日成立。\n"
    )
    assert kinds(facts_of(tmp_path, text), "project_start") == []
    assert rule_findings(text, "DATE009") == []


def test_the_project_period_gives_the_start(tmp_path: Path, rule_findings) -> None:
    text = "项目实施期为2023年3月1日至2023年12月31日。\n\n项目实施前已成立项目领导小组，领导小组于2023年5月10日成立。\n"
    assert kinds(facts_of(tmp_path, text), "project_start") == ["2023-03-01/day"]
    assert len(rule_findings(text, "DATE009")) == 1


# ---------------------------------------------------------------- publicity (DATE010)


def _publicity(req: str, when: str) -> str:
    return f"根据补助资金管理办法，补助对象名单{req}。本项目{when}。\n"


def test_publicity_period_shorter_than_required(tmp_path: Path, rule_findings) -> None:
    text = _publicity("公示期不少于30日", "于2024年3月1日至3月10日在村务公开栏进行公示")
    (d,) = [d for d in facts_of(tmp_path, text).durations if d.minimum]
    assert (d.value.text, d.unit, str(d.start), str(d.end)) == ("30", "日", "2024-03-01", "2024-03-10")
    (f,) = rule_findings(text, "DATE010")
    assert f.severity == "warning" and "10日" in f.message_zh
    assert rule_findings(text, "DATE003") == []  # a minimum is no stated duration


def test_publicity_same_day_and_exact_length(rule_findings) -> None:
    assert rule_findings(_publicity("公示1天", "于2024年3月1日至2024年3月1日进行公示"), "DATE010") == []
    assert rule_findings(_publicity("公示期为7天", "于2024年3月1日至3月7日进行公示"), "DATE010") == []
    assert len(rule_findings(_publicity("公示期为7天", "于2024年3月1日至3月6日进行公示"), "DATE010")) == 1


@pytest.mark.parametrize(
    ("when", "fires"),
    [
        # 2024-03-01 is a Friday: Fri + Mon–Thu = 5 working days
        ("于2024年3月1日至3月7日进行公示", False),
        # Fri to Wed: 4 weekdays, but the weekend might have been make-up workdays (调休)
        ("于2024年3月1日至3月6日进行公示", False),
        # Mon to Thu: 4 days in all, short whatever the calendar
        ("于2024年3月4日至3月7日进行公示", True),
    ],
)
def test_working_days_across_a_weekend(when: str, fires: bool, rule_findings) -> None:
    found = rule_findings(_publicity("公示期不少于5个工作日", when), "DATE010")
    assert len(found) == int(fires)


def test_publicity_to_the_next_step(tmp_path: Path, rule_findings) -> None:
    text = "补助名单于2024年3月1日在镇政府网站公示，公示期满后于3月5日完成审批并拨付资金，按规定公示期不少于7日。\n"
    (d,) = [d for d in facts_of(tmp_path, text).durations if d.minimum]
    assert (str(d.start), str(d.end)) == ("2024-03-01", "2024-03-05")
    assert len(rule_findings(text, "DATE010")) == 1
    assert rule_findings(text.replace("3月5日", "3月20日"), "DATE010") == []


def test_year_boundaries(tmp_path: Path, rule_findings) -> None:
    # a year-less end before its start would need the next year: unsure, not read
    text = _publicity("公示期不少于30日", "于2023年12月25日至1月5日进行公示")
    assert [d for d in facts_of(tmp_path, text).durations if d.minimum] == []
    nxt = "补助名单于2023年12月28日在镇政府网站公示，{step}完成批复，按规定公示期不少于{n}个工作日。\n"
    assert [d for d in facts_of(tmp_path, nxt.format(step="1月3日", n=10)).durations if d.minimum] == []
    # with its year: Thu 28 Dec to Wed 3 Jan is 5 weekdays and one weekend, at most 7
    assert rule_findings(nxt.format(step="2024年1月3日", n=7), "DATE010") == []
    (f,) = rule_findings(nxt.format(step="2024年1月3日", n=10), "DATE010")
    assert "最多 7个工作日" in f.message_zh


def test_two_notices_in_one_paragraph_are_not_linked(tmp_path: Path) -> None:
    text = _publicity("公示期不少于7日", "第一批于2024年3月1日至3月3日公示，第二批于2024年4月1日至4月9日公示")
    assert [d for d in facts_of(tmp_path, text).durations if d.minimum] == []


# ---------------------------------------------------------------- durations and deadlines (DATE003, DATE008)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("项目于2021年3月至8月实施，建设周期5个月。", False),
        ("项目于2021年3月至8月实施，建设周期6个月。", False),
        ("项目于2021年3月至8月实施，建设周期3个月。", True),
        ("项目于二〇二一年三月至八月实施，建设周期三个月。", True),
        ("项目于2021年3月开工，2021年8月竣工，建设周期五个月。", False),
        ("项目于2021年3月开工，2021年8月竣工，建设周期两个月。", True),
        # the end month before the start month: the year is unsure, not checked
        ("项目于2021年11月至2月实施，建设周期4个月。", False),
        # a bound is no stated duration
        ("项目于2024年3月1日至2024年3月10日实施，工期不超过30日。", False),
        # two periods in one sentence: which one the duration belongs to is unsure
        ("项目于2021年3月至8月实施，2022年1月至3月评价，建设周期2个月。", False),
    ],
)
def test_durations_against_their_dates(text: str, fires: bool, rule_findings) -> None:
    assert len(rule_findings(text + "\n", "DATE003")) == int(fires)


def test_deadline_in_chinese_numerals(tmp_path: Path, rule_findings) -> None:
    text = "项目于2024年3月1日签订施工合同，合同约定合同签订后九十日历天内完成全部建设内容，项目于{end}通过验收。\n"
    (d,) = [d for d in facts_of(tmp_path, text.format(end="2024年7月20日")).durations if d.within]
    assert (d.value.value, d.unit) == (90, "日历天")
    assert len(rule_findings(text.format(end="2024年7月20日"), "DATE008")) == 1
    assert rule_findings(text.format(end="2024年5月29日"), "DATE008") == []


def test_a_planned_period_against_actual_dates_is_a_deadline(tmp_path: Path, rule_findings) -> None:
    text = "合同工期120天，项目于2023年3月1日开工，{end}竣工。\n"
    # finished early: no mismatch (a planned period is a bound on what happened)
    assert rule_findings(text.format(end="6月20日"), "DATE003") == []
    assert rule_findings(text.format(end="6月20日"), "DATE008") == []
    (d,) = facts_of(tmp_path, text.format(end="8月20日")).durations
    assert (d.within, str(d.end), d.label) == (True, "2023-08-20", "合同工期120天")
    (f,) = rule_findings(text.format(end="8月20日"), "DATE008")
    assert "合同工期120天" in f.message_zh and "173" in f.message_zh


def test_deadline_with_a_completion_date_printed_without_its_year(rule_findings) -> None:
    text = "项目于2024年3月1日签订施工合同，合同约定合同签订后90日历天内完成全部建设内容，项目于{end}通过验收。\n"
    assert len(rule_findings(text.format(end="7月20日"), "DATE008")) == 1
    # "2月20日" after 1 March can only be the next year: unsure, not linked
    assert rule_findings(text.format(end="2月20日"), "DATE008") == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("项目实施时间：2023年3月1日至2023年12月31日。", ["2023-03-01/day"]),
        ("项目建设期为2023年3月至2023年10月。", ["2023-03-01/month"]),
        # a range inside the project's period is not its start
        ("项目实施期间于2023年5月至6月开展了两轮培训。", []),
        ("项目于2023年3月1日开工。", ["2023-03-01/day"]),
        ("本次评价工作于2024年6月1日正式启动。", []),
    ],
)
def test_project_start_statements(tmp_path: Path, text: str, start: list[str]) -> None:
    assert kinds(facts_of(tmp_path, text + "\n"), "project_start") == start


def test_labels_joined_by_a_colon(rule_findings) -> None:
    text = _START + "项目实施前已成立项目领导小组。领导小组成立时间：2023年5月10日。\n"
    assert len(rule_findings(text, "DATE009")) == 1
    text = "按规定公示期不少于7日，名单公示时间：2024年3月1日至3月3日。\n"
    assert len(rule_findings(text, "DATE010")) == 1
