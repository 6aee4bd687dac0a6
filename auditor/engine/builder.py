"""Compact constructors of Facts, for tests and rule examples.

Rule tests build the facts a report would yield by hand (the extractors are tested on
their own), e.g.::

    b = FactsBuilder()
    b.tree(b.node("决策", "20", "15"), b.node("过程", "20", "18"), total=("40", "33"))
    b.overall("total_score", "33", context="cover")
    facts = b.facts

Every claim gets its own Location (one block per claim, in the order built), so
findings sort by build order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from auditor.engine.pack import Rule
from auditor.engine.runner import RunResult
from auditor.facts import (
    CountClaim,
    DateClaim,
    Duration,
    Facts,
    GradeBand,
    MoneyClaim,
    Operand,
    OverallClaim,
    ProblemList,
    Quote,
    RateClaim,
    ScoreNode,
    ScoreTree,
    SectionScore,
    SurveyOption,
    SurveyQuestion,
    TargetStatus,
)
from auditor.findings import Finding
from auditor.models import Location
from auditor.numbers import Num, num


def _n(x: str | Num | None) -> Num | None:
    if x is None or isinstance(x, Num):
        return x
    return num(str(x))


class FactsBuilder:
    def __init__(self, file: str = "draft.docx") -> None:
        self.facts = Facts(file=file)
        self._block = 0
        self._table = 0

    def quote(
        self, text: str, table: int | None = None, row: int | None = None, col: int | None = None
    ) -> Quote:
        self._block += 1
        loc = Location(file=self.facts.file, block=self._block, table=table, row=row, col=col)
        return Quote(location=loc, text=text)

    # ------------------------------------------------------------ scores

    def node(
        self,
        name: str,
        weight: str | None = None,
        score: str | None = None,
        *children: ScoreNode,
        level: int | None = None,
        code: str | None = None,
        rate: str | None = None,
        deduction: str | None = None,
        reason: str | None = None,
        merged: Sequence[str] = (),
    ) -> ScoreNode:
        lv = level if level is not None else 1
        kids = [_relevel(c, lv + 1) for c in children]
        text = " ".join(x for x in (code, name, weight, score, rate) if x)
        return ScoreNode(
            level=lv,
            code=code,
            name=name,
            weight=_n(weight),
            score=_n(score),
            rate=_n(rate),
            deduction=_n(deduction),
            deduction_reason=reason,
            merged_group=list(merged),
            source=self.quote(text),
            children=kids,
        )

    def tree(
        self,
        *first_level: ScoreNode,
        kind: str = "annex",
        total: tuple[str | None, str | None] | None = None,
        caption: str | None = None,
        total_rate: str | None = None,
    ) -> ScoreTree:
        self._table += 1
        w, s = total if total else (None, None)
        root = ScoreNode(
            level=0,
            name="合计",
            weight=_n(w),
            score=_n(s),
            rate=_n(total_rate),
            source=self.quote(f"合计 {w or ''} {s or ''}".strip(), table=self._table),
            children=[_relevel(c, 1) for c in first_level],
        )
        tree = ScoreTree(kind=kind, caption=caption, table=self._table, root=root)  # type: ignore[arg-type]
        self.facts.score_trees.append(tree)
        return tree

    def section(
        self,
        indicator: str,
        weight: str | None = None,
        score: str | None = None,
        rate: str | None = None,
        deduction: str | None = None,
        level: int | None = None,
        code: str | None = None,
    ) -> SectionScore:
        text = f"{indicator}满分{weight}分，扣{deduction}分，得分{score}分，得分率{rate}"
        s = SectionScore(
            indicator=indicator,
            code=code,
            level=level,
            weight=_n(weight),
            score=_n(score),
            rate=_n(rate),
            deduction=_n(deduction),
            source=self.quote(text),
        )
        self.facts.section_scores.append(s)
        return s

    # ------------------------------------------------------------ overall

    def overall(self, kind: str, value: str, context: str = "other") -> OverallClaim:
        is_grade = kind in ("grade", "self_grade")
        c = OverallClaim(
            kind=kind,  # type: ignore[arg-type]
            number=None if is_grade else _n(value),
            grade=value if is_grade else None,
            context=context,  # type: ignore[arg-type]
            source=self.quote(f"{kind}: {value}"),
        )
        self.facts.overall.append(c)
        return c

    def band(
        self, grade: str, lower: str | None, upper: str | None, upper_inclusive: bool = False
    ) -> GradeBand:
        from decimal import Decimal

        b = GradeBand(
            grade=grade,
            lower=Decimal(lower) if lower else None,
            upper=Decimal(upper) if upper else None,
            upper_inclusive=upper_inclusive,
            source=self.quote(f"{grade}（{lower or ''}–{upper or ''}）"),
        )
        self.facts.grade_bands.append(b)
        return b

    # ------------------------------------------------------------ money, rates, counts

    def money(
        self,
        quantity: str,
        amount: str,
        unit: str = "万元",
        label: str | None = None,
        period: str | None = None,
        fund: str | None = None,
        group: str | None = None,
    ) -> MoneyClaim:
        m = MoneyClaim(
            quantity=quantity,  # type: ignore[arg-type]
            label=label or quantity,
            amount=num(amount),
            unit=unit,  # type: ignore[arg-type]
            period=period,
            fund=fund,
            group=group,
            source=self.quote(f"{label or quantity}{amount}{unit}"),
        )
        self.facts.money.append(m)
        return m

    def rate(
        self,
        kind: str,
        label: str,
        value: str,
        numerator: str | None = None,
        denominator: str | None = None,
        text: str | None = None,
    ) -> RateClaim:
        q = self.quote(text or f"{label}{value}")
        r = RateClaim(
            kind=kind,  # type: ignore[arg-type]
            label=label,
            value=num(value),
            numerator=Operand(number=num(numerator), source=q) if numerator is not None else None,
            denominator=Operand(number=num(denominator), source=q) if denominator is not None else None,
            source=q,
        )
        self.facts.rates.append(r)
        return r

    def count(self, kind: str, value: int, label: str = "", group: str | None = None) -> CountClaim:
        c = CountClaim(
            kind=kind, value=value, label=label or kind, group=group, source=self.quote(f"{label}{value}个")
        )  # type: ignore[arg-type]
        self.facts.counts.append(c)
        return c

    # ------------------------------------------------------------ targets, surveys

    def target(
        self,
        indicator: str,
        comparator: str,
        target: str | None,
        actual: str | None,
        status: str | None,
        table: int = 90,
        level1: str | None = None,
        level2: str | None = None,
        unit: str | None = None,
    ) -> TargetStatus:
        t = TargetStatus(
            indicator=indicator,
            level1=level1,
            level2=level2,
            comparator=comparator,  # type: ignore[arg-type]
            target=_n(target),
            target_text=f"{comparator}{target}",
            unit=unit,
            actual=_n(actual),
            actual_text=actual,
            status=status,  # type: ignore[arg-type]
            status_text=status,
            source=self.quote(f"{indicator} {comparator}{target} {actual} {status}", table=table),
        )
        self.facts.targets.append(t)
        return t

    def survey(
        self,
        title: str,
        options: Sequence[tuple[str, str | None, str | None]],
        total: str | None = None,
        group: str | None = None,
        multiple: bool | None = None,
    ) -> SurveyQuestion:
        q = SurveyQuestion(
            title=title,
            group=group,
            options=[
                SurveyOption(label=lab, count=_n(c), percent=_n(p), source=self.quote(f"{lab} {c} {p}"))
                for lab, c, p in options
            ],
            valid_total=_n(total),
            multiple_choice=multiple,
            source=self.quote(title),
        )
        self.facts.surveys.append(q)
        return q

    # ------------------------------------------------------------ dates, problems

    def date(self, kind: str, iso: str, precision: str = "day", label: str | None = None) -> DateClaim:
        d = DateClaim(
            kind=kind,  # type: ignore[arg-type]
            date=date.fromisoformat(iso),
            precision=precision,  # type: ignore[arg-type]
            label=label,
            source=self.quote(f"{label or kind} {iso}"),
        )
        self.facts.dates.append(d)
        return d

    def duration(
        self, value: str, unit: str, start: str | None, end: str | None, label: str = ""
    ) -> Duration:
        d = Duration(
            value=num(value),
            unit=unit,  # type: ignore[arg-type]
            label=label,
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
            source=self.quote(f"{label}{value}{unit}"),
        )
        self.facts.durations.append(d)
        return d

    def problems(self, heading: str, entries: Sequence[str] = (), says_none: bool = False) -> ProblemList:
        p = ProblemList(
            heading=heading, entries=list(entries), says_none=says_none, source=self.quote(heading)
        )
        self.facts.problems.append(p)
        return p


def _relevel(node: ScoreNode, level: int) -> ScoreNode:
    """Children are built before their parent knows its level: fix levels top-down."""
    if node.level == level:
        return node
    return node.model_copy(
        update={"level": level, "children": [_relevel(c, level + 1) for c in node.children]}
    )


def run(facts_or_builder: Facts | FactsBuilder, *select: str, **params: dict[str, object]) -> RunResult:
    """Run the shipped rules (only `select`ed ids/prefixes if given) over hand-made facts;
    `params` override rule parameters by rule id: run(b, "SELF001", SELF001={"threshold": 5})."""
    from auditor.engine.runner import EngineConfig, run_rules

    facts = facts_or_builder.facts if isinstance(facts_or_builder, FactsBuilder) else facts_or_builder
    config = EngineConfig(select=list(select), params=dict(params))
    return run_rules(facts, _shipped(), config)


def _shipped() -> list[Rule]:
    """The shipped packs, loaded once per process."""
    from auditor.engine.pack import load_packs

    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = load_packs()
    return _SHIPPED


_SHIPPED: list[Rule] | None = None


def fired(facts_or_builder: Facts | FactsBuilder, rule_id: str, **params: dict[str, object]) -> list[Finding]:
    """The findings one rule reports on hand-made facts."""
    return [f for f in run(facts_or_builder, rule_id, **params).findings if f.rule_id == rule_id]


def passes(facts_or_builder: Facts | FactsBuilder, rule_id: str, **params: dict[str, object]) -> bool:
    """True when the rule checked at least one claim and reported nothing (a silent rule
    that checked nothing does not count as passing)."""
    result = run(facts_or_builder, rule_id, **params)
    stats = result.coverage.by_rule[rule_id]
    return not result.findings and stats["passed"] > 0
