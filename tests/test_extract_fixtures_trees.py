"""Extraction part 1 against the synthetic fixtures: every score tree the clean fixtures
print (summary tables, per-section tables, the annex with all levels, the self-assessment
comparison table and form), every section score sentence, every overall claim (total
score, grade, self score, self grade at each place) and the grade bands must come out
equal to the spec, field by field, in each format (.docx, .md, .pdf).

Expected values are computed from `fixtures.reports.build_spec` with the fixtures' own
formatting helpers (`fmt`, `pct`): a figure is compared as printed (value, decimals,
percent sign), so "16.50" read as "16.5" fails too. Texts the report prints verbatim
(deduction reasons) come from the spec's list of printed places, never typed in here.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from auditor.extract import extract_facts
from auditor.extract.deduction_reasons import stated_deductions
from auditor.facts import Facts, ScoreNode, ScoreTree
from auditor.numbers import Num, parse_number
from auditor.readers import read_document
from fixtures.make_fixtures import DEFAULT_OUT
from fixtures.reports import build_spec
from fixtures.spec import ZERO, Indicator, ReportSpec, fmt, pct

FORMATS = ("docx", "md", "pdf")
NAMES = ("project_eval", "department_eval", "self_assessment")


@cache
def facts_for(name: str, fmt_: str) -> Facts:
    path = DEFAULT_OUT / f"{name}.{fmt_}"
    if not path.exists():
        pytest.skip(f"{path} not generated")
    return extract_facts(read_document(str(path)))


@cache
def spec(name: str) -> ReportSpec:
    return build_spec(name)


@cache
def printed_texts(name: str) -> dict[str, str]:
    """Every printed place of the spec: key -> default text."""
    return {p.key: p.default for p in spec(name).places()}


# ---------------------------------------------------------------- comparison helpers

Fig = tuple[Decimal, int, bool] | None


def fig(n: Num | None) -> Fig:
    """A figure as printed: value, decimals, percent sign."""
    return None if n is None else (n.value, n.decimals, n.percent)


def expect(text: str | None) -> Fig:
    """The figure the spec prints as `text`."""
    if text is None:
        return None
    n = parse_number(text)
    assert n is not None, text
    return fig(n)


def squash(text: str | None) -> str | None:
    """A text without whitespace (PDF extraction breaks lines inside cells)."""
    return None if text is None else "".join(text.split())


def shape(node: ScoreNode) -> dict[str, Any]:
    return {
        "level": node.level,
        "code": node.code,
        "name": node.name,
        "weight": fig(node.weight),
        "score": fig(node.score),
        "rate": fig(node.rate),
        "deduction": fig(node.deduction),
        "reason": squash(node.deduction_reason),
        "from_header": node.weight_from_header,
        "children": [shape(c) for c in node.children],
    }


def node(
    level: int,
    name: str,
    *,
    code: str | None = None,
    weight: str | None = None,
    score: str | None = None,
    rate: str | None = None,
    reason: str | None = None,
    from_header: bool = False,
    children: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "level": level,
        "code": code,
        "name": name,
        "weight": expect(weight),
        "score": expect(score),
        "rate": expect(rate),
        "deduction": None,  # no fixture table has a 扣分 column
        "reason": squash(reason),
        "from_header": from_header,
        "children": children or [],
    }


def trees(f: Facts, kind: str, caption_start: str) -> list[ScoreTree]:
    return [t for t in f.score_trees if t.kind == kind and (t.caption or "").startswith(caption_start)]


def one_tree(f: Facts, kind: str, caption_start: str) -> ScoreTree:
    found = trees(f, kind, caption_start)
    assert len(found) == 1, [(t.kind, t.caption) for t in f.score_trees]
    return found[0]


# ---------------------------------------------------------------- expected trees


def w(s: ReportSpec, n: Indicator) -> str:
    return fmt(s.weight(n), None)


def rate(s: ReportSpec, n: Indicator) -> str:
    return pct(s.score(n), s.weight(n), s.style.rate_decimals)


def total_rate(s: ReportSpec) -> str:
    return pct(s.total(), s.total_weight(), s.style.rate_decimals)


def first_level_table(s: ReportSpec, places: int | None, root_name: str = "合计") -> dict[str, Any]:
    """表1 / 表4-1 / the 摘要's 表1: first-level rows (names without codes) and 合计."""
    return node(
        0,
        root_name,
        weight=fmt(s.total_weight(), None),
        score=fmt(s.total(), places),
        rate=total_rate(s),
        children=[
            node(1, top.name, weight=w(s, top), score=fmt(s.score(top), places), rate=rate(s, top))
            for top in s.tree
        ],
    )


def annex_table(name: str) -> dict[str, Any]:
    """附件1: three levels; first and second level carry only the header weight
    ("决策（20分）"); leaves their weight, score and 得分率 or 扣分原因."""
    s = spec(name)
    texts = printed_texts(name)
    with_rate = s.kind == "department"

    def leaf(top: Indicator, mid: Indicator, lf: Indicator) -> dict[str, Any]:
        key = f"annex.{s.key(top, mid, lf)}"
        reason = texts.get(key + ".deduction_text") if not with_rate else None
        return node(
            3,
            lf.name,
            code=lf.code,
            weight=w(s, lf),
            score=fmt(s.score(lf), s.style.annex_decimals),
            rate=rate(s, lf) if with_rate else None,
            reason=reason,
        )

    return node(
        0,
        "合计",
        weight=fmt(s.total_weight(), None),
        score=fmt(s.total(), s.style.total_decimals),
        rate=total_rate(s) if with_rate else None,
        children=[
            node(
                1,
                top.name,
                code=top.code,
                weight=w(s, top),
                from_header=True,
                children=[
                    node(
                        2,
                        mid.name,
                        code=mid.code,
                        weight=w(s, mid),
                        from_header=True,
                        children=[leaf(top, mid, lf) for lf in mid.children],
                    )
                    for mid in top.children
                ],
            )
            for top in s.tree
        ],
    )


def self_comparison(s: ReportSpec, which: str) -> dict[str, Any]:
    """The self-assessment annex's table: 分值 | 自评得分 | 评价得分 | 差异 per first level."""
    if which == "self":
        score_of = {t.name: s.self_scores[t.name] for t in s.tree}
        total = s.self_total()
    else:
        score_of = {t.name: s.score(t) for t in s.tree}
        total = s.total()
    return node(
        0,
        "合计",
        weight=fmt(s.total_weight(), None),
        score=fmt(total, None),
        children=[
            node(1, t.name, code=t.code, weight=w(s, t), score=fmt(score_of[t.name], None)) for t in s.tree
        ],
    )


def section_table(s: ReportSpec, top: Indicator) -> dict[str, Any]:
    """表5-n: second and third levels with codes; the 合计 row is the first level's."""
    return node(
        0,
        "合计",
        weight=w(s, top),
        score=fmt(s.score(top), None),
        rate=rate(s, top),
        children=[
            node(
                2,
                mid.name,
                code=mid.code,
                weight=w(s, mid),
                score=fmt(s.score(mid), None),
                rate=rate(s, mid),
                children=[
                    node(
                        3,
                        lf.name,
                        code=lf.code,
                        weight=w(s, lf),
                        score=fmt(s.score(lf), None),
                        rate=rate(s, lf),
                    )
                    for lf in mid.children
                ],
            )
            for mid in top.children
        ],
    )


def self_form(s: ReportSpec) -> dict[str, Any]:
    """The one-table form: the money block's 年度资金总额 row carries the execution
    leaf's weight and score; the indicator rows print only leaf figures."""
    money_top = next(t for t in s.tree if t.leaves()[0].score_rule is not None)
    money_leaf = money_top.leaves()[0]
    children = [node(1, "年度资金总额", weight=w(s, money_leaf), score=fmt(s.score(money_leaf), 2))]
    for top in s.tree:
        if top is money_top:
            continue
        children.append(
            node(
                1,
                top.name,
                children=[
                    node(
                        2,
                        mid.name,
                        children=[
                            node(
                                3,
                                lf.name,
                                weight=w(s, lf),
                                score=fmt(s.score(lf), None),
                                reason=lf.reason,
                            )
                            for lf in mid.children
                        ],
                    )
                    for mid in top.children
                ],
            )
        )
    return node(0, "总分", weight=fmt(s.total_weight(), None), score=fmt(s.total(), 2), children=children)


# ---------------------------------------------------------------- score trees


@pytest.mark.parametrize("fmt_", FORMATS)
def test_project_trees(fmt_: str) -> None:
    f = facts_for("project_eval", fmt_)
    s = spec("project_eval")
    assert [t.kind for t in f.score_trees] == ["summary", "annex", "summary", "self"]
    assert shape(one_tree(f, "summary", "表1").root) == first_level_table(s, s.style.table1_decimals)
    assert shape(one_tree(f, "annex", "附件1").root) == annex_table("project_eval")
    assert shape(one_tree(f, "summary", "附件4").root) == self_comparison(s, "evaluator")
    assert shape(one_tree(f, "self", "附件4").root) == self_comparison(s, "self")


@pytest.mark.parametrize("fmt_", FORMATS)
def test_department_trees(fmt_: str) -> None:
    f = facts_for("department_eval", fmt_)
    s = spec("department_eval")
    n = len(s.tree)
    assert [t.kind for t in f.score_trees] == ["summary", "summary"] + ["section"] * n + [
        "annex",
        "summary",
        "self",
    ]
    # the 摘要's 表1 and the conclusion's 表4-1 print the same figures
    assert shape(one_tree(f, "summary", "表1").root) == first_level_table(s, s.style.table1_decimals)
    assert shape(one_tree(f, "summary", "表4-1").root) == first_level_table(s, s.style.table1_decimals)
    for i, top in enumerate(s.tree, 1):
        tree = one_tree(f, "section", f"表5-{i}")
        assert shape(tree.root) == section_table(s, top), top.name
    assert shape(one_tree(f, "annex", "附件1").root) == annex_table("department_eval")
    assert shape(one_tree(f, "summary", "附件3").root) == self_comparison(s, "evaluator")
    assert shape(one_tree(f, "self", "附件3").root) == self_comparison(s, "self")


@pytest.mark.parametrize("fmt_", FORMATS)
def test_self_form_tree(fmt_: str) -> None:
    f = facts_for("self_assessment", fmt_)
    s = spec("self_assessment")
    assert [t.kind for t in f.score_trees] == ["self"]
    assert shape(f.score_trees[0].root) == self_form(s)


@pytest.mark.parametrize("fmt_", FORMATS)
def test_annex_reasons_state_the_deduction(fmt_: str) -> None:
    """The 扣分原因 cell's "扣N分" gives weight − score for every leaf that lost points
    (the deduction rules read it through `stated_deductions`)."""
    f = facts_for("project_eval", fmt_)
    s = spec("project_eval")
    tree = one_tree(f, "annex", "附件1")
    got = {n.name: n for top in tree.root.children for mid in top.children for n in mid.children}
    for leaf in s.leaves():
        n = got[leaf.name]
        if s.deduction(leaf) == ZERO:
            assert n.deduction_reason is None, leaf.name
            continue
        stated = stated_deductions(n.deduction_reason)
        assert stated is not None and sum(x.value for x in stated) == s.deduction(leaf), leaf.name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt_", FORMATS)
def test_tree_sources_point_at_cells(name: str, fmt_: str) -> None:
    """Every printed figure keeps the cell it came from, and the cell holds that figure."""
    f = facts_for(name, fmt_)
    checked = 0
    for tree in f.score_trees:
        stack = [tree.root]
        while stack:
            n = stack.pop()
            stack.extend(n.children)
            for num, src in ((n.score, n.score_source), (n.rate, n.rate_source)):
                if num is None:
                    continue
                assert src is not None, n.name
                assert num.text.rstrip("%") in src.text.replace(" ", ""), (n.name, num.text, src.text)
                checked += 1
            if n.weight is not None:
                assert n.weight_source is not None, n.name
                checked += 1
    assert checked > 0


# ---------------------------------------------------------------- section sentences


def section_row(
    name: str,
    level: int,
    *,
    code: str | None = None,
    weight: str | None = None,
    score: str | None = None,
    rate: str | None = None,
    deduction: str | None = None,
) -> dict[str, Any]:
    return {
        "indicator": name,
        "code": code,
        "level": level,
        "weight": expect(weight),
        "score": expect(score),
        "rate": expect(rate),
        "deduction": expect(deduction),
    }


def leaf_row(s: ReportSpec, leaf: Indicator) -> dict[str, Any]:
    """'（1）立项依据充分性（3分）：…扣1分，得2分。' / '…本项指标不扣分，得3分。'"""
    return section_row(
        leaf.name,
        3,
        code=leaf.code,
        weight=w(s, leaf),
        score=fmt(s.score(leaf), None),
        deduction=fmt(s.deduction(leaf), None),
    )


def expected_sections(name: str) -> list[dict[str, Any]]:
    s = spec(name)
    out: list[dict[str, Any]] = []
    if s.kind == "department":  # the system first: "一是部门决策，权重分10分，主要从…加以考察"
        out += [section_row(top.name, 1, code=top.code, weight=w(s, top)) for top in s.tree]
    for top in s.tree:
        out.append(
            section_row(
                top.name,
                1,
                code=top.code,
                weight=w(s, top),
                score=fmt(s.score(top), s.style.section_decimals),
                rate=rate(s, top),
            )
        )
        for mid in top.children:
            if s.kind == "department":  # "该二级指标满分4分，得分4分，得分率100.00%。"
                out.append(
                    section_row(
                        mid.name,
                        2,
                        code=mid.code,
                        weight=w(s, mid),
                        score=fmt(s.score(mid), None),
                        rate=rate(s, mid),
                    )
                )
            out += [leaf_row(s, leaf) for leaf in mid.children]
    return out


def section_shape(f: Facts) -> list[dict[str, Any]]:
    return [
        {
            "indicator": x.indicator,
            "code": x.code,
            "level": x.level,
            "weight": fig(x.weight),
            "score": fig(x.score),
            "rate": fig(x.rate),
            "deduction": fig(x.deduction),
        }
        for x in f.section_scores
    ]


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt_", FORMATS)
def test_section_scores(name: str, fmt_: str) -> None:
    f = facts_for(name, fmt_)
    assert section_shape(f) == expected_sections(name)
    for x in f.section_scores:  # each claim quotes the sentence its figures stand in
        quoted = x.source.text.replace(" ", "")
        for n in (x.weight, x.score, x.rate, x.deduction):
            assert n is None or n.text in quoted or n.value == 0, (n, quoted)


def test_self_form_has_no_section_sentences() -> None:
    for fmt_ in FORMATS:
        assert facts_for("self_assessment", fmt_).section_scores == []


# ---------------------------------------------------------------- overall claims and bands


def expected_overall(name: str) -> Counter[tuple[str, str, str]]:
    s = spec(name)
    total = fmt(s.total(), s.style.total_decimals)
    grade = s.grade()
    out: list[tuple[str, str, str]] = []
    if s.kind == "self_form":
        return Counter(
            [("self_score", "self_assessment", fmt(s.total(), 2)), ("self_grade", "self_assessment", grade)]
            # the form's own 总分 row states the self score too (read by the form reader)
            + [("self_score", "table", fmt(s.total(), 2))]
        )
    if s.kind == "project":
        # the cover line, then the cover table (自评 and 评价 rows)
        out += [("total_score", "cover", total), ("grade", "cover", grade)]
        out += [("self_score", "cover", fmt(s.self_total(), None)), ("self_grade", "cover", s.self_grade())]
        out += [("total_score", "cover", total), ("grade", "cover", grade)]
    for context in ("summary", "conclusion"):
        out += [("total_score", context, total), ("grade", context, grade)]
    # the self-assessment annex: "自评得分94分，自评等级为“优”。评价组评价得分85.39分，比自评得分低8.61分"
    out += [
        ("self_score", "self_assessment", fmt(s.self_total(), None)),
        ("self_grade", "self_assessment", s.self_grade()),
        ("total_score", "self_assessment", total),
        ("self_gap", "self_assessment", fmt(s.self_total() - s.total(), s.style.total_decimals)),
    ]
    return Counter(out)


def overall_shape(f: Facts) -> Counter[tuple[str, str, str]]:
    out = []
    for c in f.overall:
        if c.number is not None:
            assert c.grade is None
            out.append((c.kind, c.context, c.number.text))
        else:
            assert c.grade is not None
            out.append((c.kind, c.context, c.grade))
    return Counter(out)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt_", FORMATS)
def test_overall_claims(name: str, fmt_: str) -> None:
    f = facts_for(name, fmt_)
    assert overall_shape(f) == expected_overall(name)
    for c in f.overall:
        shown = c.number.text if c.number is not None else c.grade
        assert shown is not None and shown in c.source.text.replace(" ", "")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt_", FORMATS)
def test_grade_bands(name: str, fmt_: str) -> None:
    f = facts_for(name, fmt_)
    s = spec(name)
    got = [(b.grade, b.lower, b.lower_inclusive, b.upper, b.upper_inclusive) for b in f.grade_bands]
    # the fixtures print "良（80≤得分<90分）": lower bounds inclusive, upper bounds exclusive
    assert got == [(b.grade, b.lower, True, b.upper, False) for b in s.bands]
    for b in f.grade_bands:
        assert b.grade in b.source.text
