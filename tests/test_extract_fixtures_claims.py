"""Extraction part 2 against the synthetic fixtures: every money amount, rate, count,
target row, questionnaire table, date and problem list the clean fixtures print must come
out equal to the spec's own figures, field by field, in each format (.docx, .md, .pdf).

The expected values are computed from `fixtures.reports.build_spec` (the base data the
fixtures are rendered from), never typed in here.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache

import pytest

from auditor.extract import extract_facts
from auditor.facts import Facts
from auditor.readers import read_document
from fixtures.make_fixtures import DEFAULT_OUT
from fixtures.reports import build_spec
from fixtures.spec import ReportSpec, quantize, wan

FORMATS = ("docx", "md", "pdf")
STATUS = {"全部完成": "completed", "部分完成": "partial", "未完成": "uncompleted"}


@cache
def facts_for(name: str, fmt: str) -> Facts:
    path = DEFAULT_OUT / f"{name}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not generated")
    return extract_facts(read_document(str(path)))


@cache
def spec(name: str) -> ReportSpec:
    return build_spec(name)


def w2(yuan: Decimal) -> Decimal:
    """A 元 amount as printed in 万元 (2 dp, half-up)."""
    return quantize(wan(yuan), 2)


def amounts(f: Facts, quantity: str, unit: str | None = None, fund: str | None = "*") -> list[Decimal]:
    return [
        m.amount.value
        for m in f.money
        if m.quantity == quantity and (unit is None or m.unit == unit) and (fund == "*" or m.fund == fund)
    ]


def one_value(values: list[Decimal]) -> Decimal:
    assert values, "nothing extracted"
    assert len(set(values)) == 1, f"several values: {values}"
    return values[0]


# ---------------------------------------------------------------- project evaluation


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_money(fmt: str) -> None:
    f = facts_for("project_eval", fmt)
    pf = spec("project_eval").project_funds
    assert pf is not None
    expected = {
        "budget": pf.budget_yuan,
        "addition": pf.addition_yuan,
        "adjusted_budget": pf.adjusted(),
        "received": pf.received(),
        "spent": pf.spent(),
        "balance": pf.balance(),
    }
    for quantity, yuan in expected.items():
        # Body and 资金安排 table in 万元, annex 收支情况表 in 元: both say the same.
        assert one_value(amounts(f, quantity, "万元", None)) == w2(yuan), quantity
        assert one_value(amounts(f, quantity, "元", None)) == yuan, quantity
    assert amounts(f, "carryover", "元") == [pf.carryover_yuan]
    # Every amount knows where its unit came from.
    sources = Counter(m.unit_source for m in f.money)
    assert sources["inline"] > 0 and sources["note"] > 0
    assert all(m.unit_source != "assumed" for m in f.money)


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_detail_lines(fmt: str) -> None:
    f = facts_for("project_eval", fmt)
    pf = spec("project_eval").project_funds
    assert pf is not None
    lines = [m for m in f.money if m.quantity == "detail"]
    assert [m.amount.value for m in lines] == [d.yuan for d in pf.details]
    assert {m.group for m in lines} == {lines[0].group}
    totals = [m for m in f.money if m.quantity == "total" and m.group == lines[0].group]
    assert [t.amount.value for t in totals] == [pf.spent()]
    assert all(m.unit == "元" for m in lines + totals)


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_rates(fmt: str) -> None:
    f = facts_for("project_eval", fmt)
    s = spec("project_eval")
    by_kind: dict[str, set[Decimal]] = {}
    for r in f.rates:
        by_kind.setdefault(r.kind, set()).add(r.value.value)
    assert by_kind["funding_rate"] == {quantize(s.funding_rate(), 2)}
    assert by_kind["execution_rate"] == {quantize(s.execution_rate(), 2)}
    assert s.survey is not None
    issued = sum(g.issued for g in s.survey.groups)
    valid = sum(g.valid for g in s.survey.groups)
    assert by_kind["recovery_rate"] == {quantize(Decimal(valid) / issued * 100, 2)}
    sat = {r.label: r.value.value for r in f.rates if r.kind == "satisfaction"}
    for g in s.survey.groups:
        assert sat[f"{g.name}满意度"] == quantize(s.satisfaction(g.name), 2)
    assert sat["综合满意度"] == quantize(s.combined_satisfaction(), 2)
    # The weighted formula is kept for recomputation (RATE008).
    combined = [r for r in f.rates if r.label == "综合满意度" and r.formula]
    assert combined and "×30%" in combined[0].formula.replace("*", "×")
    assert all(r.kind != "score_rate" for r in f.rates)


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_counts(name: str, fmt: str) -> None:
    f = facts_for(name, fmt)
    s = spec(name)
    got = {c.kind: c.value for c in f.counts if c.group is None and c.kind != "other"}
    l1, l2, l3 = s.level_counts()
    assert (got["indicators_level1"], got["indicators_level2"], got["indicators_level3"]) == (l1, l2, l3)
    total, done, partial, _none = s.target_counts()
    assert (got["targets_total"], got["targets_completed"], got["targets_partial"]) == (total, done, partial)
    assert s.survey is not None
    groups = {c.group: c.value for c in f.counts if c.kind == "questionnaires_group"}
    issued_by_group = {c.group: c.value for c in f.counts if c.kind == "questionnaires_issued" and c.group}
    for g in s.survey.groups:
        assert groups[g.name] == g.valid
        assert issued_by_group[g.name] == g.issued
    # A count must never be read twice with different values for one group.
    for kind in ("questionnaires_group", "questionnaires_issued"):
        per = {}
        for c in f.counts:
            if c.kind == kind:
                assert per.setdefault(c.group, c.value) == c.value


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_questionnaire_totals(fmt: str) -> None:
    f = facts_for("project_eval", fmt)
    s = spec("project_eval")
    assert s.survey is not None
    issued = sum(g.issued for g in s.survey.groups)
    valid = sum(g.valid for g in s.survey.groups)
    assert {c.value for c in f.counts if c.kind == "questionnaires_issued" and c.group is None} == {issued}
    assert {c.value for c in f.counts if c.kind == "questionnaires_valid"} == {valid}


@pytest.mark.parametrize("name", ["project_eval", "department_eval", "self_assessment"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_targets(name: str, fmt: str) -> None:
    f = facts_for(name, fmt)
    s = spec(name)
    assert len(f.targets) == len(s.targets)
    for row, t in zip(f.targets, s.targets, strict=True):
        assert row.indicator == t.name
        if t.level1:
            assert row.level1 == t.level1 and row.level2 == t.level2
        else:  # the form takes them from its indicator tree
            assert row.level1 and row.level2
        assert row.comparator == t.comparator
        if t.comparator == "text":
            assert row.target is None
        else:
            assert row.target is not None and row.target.value == t.value
            assert row.actual is not None and row.actual.value == s.target_actual(t)
        if name != "self_assessment":
            assert row.status == STATUS[s.target_status(t)]
        else:
            assert row.status is None  # the form has no status column


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_surveys(name: str, fmt: str) -> None:
    f = facts_for(name, fmt)
    s = spec(name)
    assert s.survey is not None
    expected = [(g, q) for g in s.survey.groups for q in g.questions]
    assert len(f.surveys) == len(expected)
    for got, (g, q) in zip(f.surveys, expected, strict=True):
        assert got.group == g.name
        assert got.valid_total is not None and got.valid_total.value == g.valid
        counts = [o.count.value if o.count else None for o in got.options]
        assert counts == [o.count for o in q.options]
        assert [o.label.split(".", 1)[-1] for o in got.options] == [o.label for o in q.options]
        for o, opt in zip(got.options, q.options, strict=True):
            assert o.percent is not None
            assert o.percent.value == quantize(Decimal(opt.count) / g.valid * 100, 2)
        if s.survey.layout == "vertical":
            assert got.multiple_choice is q.multiple
        assert got.title and q.title in got.title.replace(" ", "")


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_dates(name: str, fmt: str) -> None:
    f = facts_for(name, fmt)
    d = spec(name).dates
    by_kind: dict[str, set] = {}
    for c in f.dates:
        by_kind.setdefault(c.kind, set()).add(c.date)
    assert by_kind["evaluation_start"] == {d.eval_start}
    assert by_kind["evaluation_end"] == {d.eval_end}
    assert by_kind["fieldwork_start"] == {d.fieldwork_start}
    assert by_kind["fieldwork_end"] == {d.fieldwork_end}
    assert by_kind["report_date"] == {d.report}
    assert by_kind["signature"] | by_kind.get("feedback", set()) == {d.feedback_signature}
    survey = spec(name).survey
    assert survey is not None
    assert by_kind["survey"] == {survey.start, survey.end}
    assert by_kind["assessed_year"] == {date(spec(name).year, 1, 1)}  # "2023年度", to the year
    assert all(c.precision == "day" for c in f.dates if c.kind != "assessed_year")


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_problems(name: str, fmt: str) -> None:
    f = facts_for(name, fmt)
    titles = [p.title for p in spec(name).problems]
    assert len(f.problems) == 2  # the 摘要's list and the body's section
    for p in f.problems:
        assert p.entries == titles
        assert not p.says_none


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_money(fmt: str) -> None:
    f = facts_for("department_eval", fmt)
    dep = spec("department_eval").department_funds
    assert dep is not None
    whole = {
        "budget": dep.initial_total(),
        "adjusted_budget": dep.adjusted_total(),
        "spent": dep.spent_total(),
        "balance": dep.year_end_balance(),
        "carryover": dep.carryover_yuan,
    }
    for quantity, yuan in whole.items():
        assert one_value(amounts(f, quantity, fund=None)) == w2(yuan), quantity
    by_fund = {
        ("budget", "基本支出"): dep.basic_initial(),
        ("adjusted_budget", "基本支出"): dep.basic_adjusted(),
        ("budget", "项目支出"): dep.project_initial_yuan,
        ("adjusted_budget", "项目支出"): dep.project_adjusted_yuan,
        ("spent", "项目支出"): dep.project_spent_yuan,
        ("adjusted_budget", "人员经费"): dep.personnel(),
        ("adjusted_budget", "公用经费"): dep.public(),
    }
    for (quantity, fund), yuan in by_fund.items():
        assert one_value(amounts(f, quantity, fund=fund)) == w2(yuan), (quantity, fund)
    # 表2-3: each category's lines add up to its 小计, the 小计 to the 总计.
    groups: dict[str, list[Decimal]] = {}
    totals: dict[str, Decimal] = {}
    for m in f.money:
        if m.quantity == "detail" and m.group:
            groups.setdefault(m.group, []).append(m.amount.value)
        elif m.quantity == "total" and m.group:
            totals[m.group] = m.amount.value
    assert len(groups) == 3 and set(groups) == set(totals)
    top = min(groups, key=len)
    assert totals[top] == w2(dep.basic_adjusted())
    lines = sorted(v for k, vs in groups.items() if k != top for v in vs)
    assert lines == sorted(w2(b.yuan) for b in dep.basic_lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_rates(fmt: str) -> None:
    f = facts_for("department_eval", fmt)
    s = spec("department_eval")
    execution = {r.value.value for r in f.rates if r.label == "预算执行率"}
    assert execution == {quantize(s.execution_rate(), 2)}
    project = [r for r in f.rates if r.label == "项目支出执行率"]
    assert project and project[0].numerator is not None and project[0].denominator is not None
    dep = s.department_funds
    assert dep is not None
    assert project[0].numerator.number.value == w2(dep.project_spent_yuan)
    assert project[0].denominator.number.value == w2(dep.project_adjusted_yuan)
    shares = [r for r in f.rates if r.kind == "share" and r.numerator is not None]
    assert len(shares) == len(dep.basic_lines) + 3
    assert all(
        r.denominator is not None and r.denominator.number.value == w2(dep.basic_adjusted()) for r in shares
    )
    # The basic expenditure's own adjustment rate is labelled as such.
    assert any(r.label == "基本支出预算调整率" for r in f.rates)


@pytest.mark.parametrize("fmt", FORMATS)
def test_self_assessment_money(fmt: str) -> None:
    f = facts_for("self_assessment", fmt)
    ff = spec("self_assessment").form_funds
    assert ff is not None
    assert one_value(amounts(f, "budget", fund=None)) == w2(ff.initial())
    assert one_value(amounts(f, "adjusted_budget", fund=None)) == w2(ff.full_year())
    assert one_value(amounts(f, "spent", fund=None)) == w2(ff.executed())
    assert {m.unit_source for m in f.money if m.fund is None and m.quantity != "other"} == {"row"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_raised(fmt: str) -> None:
    for name in ("project_eval", "department_eval", "self_assessment"):
        f = facts_for(name, fmt)
        assert not [n for n in f.notes if "failed" in str(n) or n.code == "extractor_failed"], f.notes
