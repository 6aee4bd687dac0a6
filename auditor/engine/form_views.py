"""The records the form rules read (自评表, 监控表): built from `Facts.form_*`.

Kept apart from views.py: the arithmetic a form prescribes (the funds row's points,
proportional scoring of an indicator) is computed here, once, so rules compare figures.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from auditor.engine.intervals import MONEY_FACTORS, convert_unit, round_to
from auditor.engine.records import (
    Fig,
    FormFundsRec,
    FormLevel1Rec,
    FormRec,
    FormRowRec,
    FormulaRowRec,
    GradeCountRec,
    ProseResultRec,
    ResultListRec,
    ResultRowRec,
    Where,
    derive,
)
from auditor.extract.wording import rate_link
from auditor.facts import Facts, FormFunds, FormRow, Quote
from auditor.numbers import CIRCLED_NUMBERS, Num
from auditor.tables.lexicon import label_key, lexicon
from auditor.tables.units import trailing_money_unit

FigOf = Callable[[Num | None, Quote | None, str | None], Fig | None]
WhereOf = Callable[[Quote], Where]
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def _shown(x: Decimal | None) -> Decimal | None:
    """A computed figure at two decimals, trailing zeros dropped, for messages."""
    return None if x is None else x.quantize(_CENT).normalize()


def _given(text: str | None) -> bool:
    lex = lexicon()
    return bool(text and text.strip()) and not lex.is_placeholder(text or "") and not lex.is_prompt(text or "") and text.strip() != "0"  # type: ignore[union-attr]


def rate_percent(funds: FormFunds) -> Decimal | None:
    r = funds.rate
    if r is not None:
        if r.percent:
            return r.value
        if r.value <= Decimal("1.5"):
            return r.value * _HUNDRED  # printed as a ratio ("1", "0.98")
        return None
    # (no rate printed: the base the form's formula names, else 全年预算数 else 年初预算数)
    base = funds.budget_full or funds.budget_initial
    if funds.base_stated == "initial":
        base = funds.budget_initial
    elif funds.base_stated == "initial_plus_carryover":
        base = None
        if funds.budget_initial is not None and funds.carryover is not None:
            base = funds.budget_initial.model_copy(update={"value": funds.budget_initial.value + funds.carryover.value})
    if base is not None and base.value > 0 and funds.spent is not None:
        return funds.spent.value / base.value * _HUNDRED
    return None


def _score_tolerance(f: FormFunds) -> Decimal:
    """How far a printed funds score may sit from 分值 × 执行率: half a unit of the
    score's last printed place (a whole-point score rounds 9.5 to 10), plus what the
    rate's own rounding moves the product."""
    half = Decimal("0.5") if f.score is None else Decimal(1).scaleb(-f.score.decimals) / 2
    if f.rate is not None and f.weight is not None:
        unit = Decimal(1).scaleb(-f.rate.decimals) / 2
        half += f.weight.value * (unit / _HUNDRED if f.rate.percent else unit)
    return half


def funds_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[FormFundsRec, ...]:
    out = []
    for f in facts.form_funds:
        s = f.sources
        rate = rate_percent(f)
        expected = tolerance = None
        if f.weight is not None and rate is not None:
            expected = f.weight.value * min(rate, _HUNDRED) / _HUNDRED
            tolerance = _score_tolerance(f)
        out.append(
            derive(
                FormFundsRec,
                f,
                fig,
                where,
                budget_initial=fig(f.budget_initial, s.get("budget_initial"), f.unit),
                budget_full=fig(f.budget_full, s.get("budget_full"), f.unit),
                spent=fig(f.spent, s.get("spent"), f.unit),
                spent_midyear=fig(f.spent_midyear, s.get("spent_midyear"), f.unit),
                spent_forecast=fig(f.spent_forecast, s.get("spent_forecast"), f.unit),
                carryover=fig(f.carryover, s.get("carryover"), f.unit),
                rate=fig(f.rate, s.get("rate"), None),
                rate_value=_shown(rate),
                weight=fig(f.weight, s.get("weight"), "分"),
                score=fig(f.score, s.get("score"), "分"),
                expected_score=_shown(expected),
                score_tolerance=tolerance,
                has_reason_column=f.reason is not None,
                reason=f.reason or "",
                reason_given=_given(f.reason),
                where=where(s.get("score") or s.get("rate") or f.source),
            )
        )
    return tuple(out)


def actual_unit(r: FormRow) -> str | None:
    """The actual's money unit where its cell prints one ("570000元" under a target in
    万元), else the row's unit."""
    own = trailing_money_unit(r.actual_text) if r.actual is not None and not r.actual.percent else None
    return own or r.unit


def _actual_value(r: FormRow) -> Decimal:
    """The actual in the target's unit (money converted between 元, 万元 and 亿元)."""
    assert r.actual is not None
    unit = actual_unit(r)
    if unit != r.unit and unit in MONEY_FACTORS and r.unit in MONEY_FACTORS:
        return convert_unit(r.actual.value, unit, r.unit)
    return r.actual.value


def _met(r: FormRow) -> bool | None:
    if r.target is None or r.actual is None:
        return None
    if r.comparator is None:
        # no comparator printed and no direction in the name: an actual equal to its
        # target (6艘 against 6艘) meets it whichever way the target was meant
        same = r.target.percent == r.actual.percent and actual_unit(r) == r.unit
        return True if same and r.actual.value == r.target.value else None
    if not r.target.percent and not r.actual.percent and r.unit == "%":
        # both bare under a % unit column: one convention for both (1 and 0.6 are 1 % and
        # 0.6 %, or 100 % and 60 %: either way compared alike), unless one reads as a
        # ratio and the other as a percentage (a target of 95 against an actual of 0.98)
        if (r.target.value > 1) != (r.actual.value > 1):
            return None
    else:
        t_pct = r.target.percent or r.unit == "%"
        a_pct = r.actual.percent or (r.unit == "%" and not r.target.percent and r.actual.value > 1)
        if t_pct != a_pct:
            return None
    a, t = _actual_value(r), r.target.value
    return {"≥": a >= t, "≤": a <= t, ">": a > t, "<": a < t, "=": a == t}[r.comparator]


def _ratio(r: FormRow) -> Decimal | None:
    """The actual over the target in the target's unit, uncapped, where `_met` compares
    the two (an actual 30 % above its target: 1.3)."""
    if _met(r) is None or r.target is None or r.target.value <= 0:
        return None
    return _actual_value(r) / r.target.value


def _proportional(r: FormRow) -> Decimal | None:
    """分值 × B/A for a target met from above, 分值 × A/B from below, capped at 分值."""
    if r.weight is None or r.target is None or r.actual is None or r.comparator is None:
        return None
    a, t = _actual_value(r), r.target.value
    if r.comparator in ("≥", ">", "="):
        share = a / t if t > 0 else None
    else:
        share = t / a if a > 0 else (Decimal(1) if t >= 0 else None)
    if share is None or share < 0:
        return None
    return r.weight.value * min(share, Decimal(1))


def row_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[FormRowRec, ...]:
    out = []
    funds_by_table = {f.table: f for f in facts.form_funds}
    # a form's closing deviation row answered (not empty, not 无): the reason of every row
    deviation_rows = {f.table for f in facts.forms if f.problems is not None}
    explained = {f.table for f in facts.forms if f.problems is not None and not f.problems_none}
    for r in facts.form_rows:
        s = r.sources
        funds = funds_by_table.get(r.table)
        funds_rate = None
        if funds is not None and funds.rate is not None and funds.rate.percent:
            funds_rate = fig(funds.rate, funds.sources.get("rate"), "%")
        unit = "%" if r.target is not None and r.target.percent else r.unit
        out.append(
            derive(
                FormRowRec,
                r,
                fig,
                where,
                comparator=r.comparator or "text",
                target=fig(r.target, s.get("target"), unit),
                actual=fig(r.actual, s.get("actual"), "%" if r.actual is not None and r.actual.percent else actual_unit(r)),
                weight=fig(r.weight, s.get("weight"), "分"),
                score=fig(r.score, s.get("score"), "分"),
                coefficient=fig(r.coefficient, s.get("coefficient"), "%"),
                met=_met(r),
                proportional=_shown(_proportional(r)),
                ratio=_ratio(r),
                has_reason_column=r.reason is not None,
                reason=r.reason or "",
                reason_given=_given(r.reason),
                form_reason_row=r.table in deviation_rows,
                form_reason_given=r.table in explained,
                where=where(s.get("score") or s.get("actual") or r.source),
                actual_cell=where(s["actual_text"]) if "actual_text" in s else None,
                possibility_cell=where(s["possibility"]) if "possibility" in s else None,
                actual_is_status=r.actual is None and bool(r.actual_text) and lexicon().status(r.actual_text or "") is not None,
                actual_copies_target=_copies_target(r),
                target_is_placeholder=bool(r.target_text) and lexicon().is_placeholder(r.target_text or ""),
                funds_rate=funds_rate,
                rate_link=rate_link(r.name) if funds_rate is not None else None,
            )
        )
    return tuple(out)


def _copies_target(r: FormRow) -> bool:
    """The actual cell repeats the target with its comparator ("≥90%" under target ≥90%):
    a restated target, not a measurement. Equal texts without a comparator ("100%" for a
    target of 100%) are a measurement that meets the target exactly."""
    if not r.actual_text or not r.target_text:
        return False
    actual = label_key(r.actual_text)
    return actual == label_key(r.target_text) and lexicon().comparator(actual) is not None


def form_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[FormRec, ...]:
    out = []
    for f in facts.forms:
        # indicator rows only: the funds row's points follow the execution rate, which
        # forms explain in their own reason cell, not in the problems row
        lost = [
            r.sources["score"]
            for r in facts.form_rows
            if r.table == f.table and r.weight is not None and r.score is not None and r.score.value < r.weight.value
        ]
        out.append(
            derive(
                FormRec,
                f,
                fig,
                where,
                total_weight=fig(f.total_weight, f.source, "分"),
                total_score=fig(f.total_score, f.source, "分"),
                prompts=tuple(where(q) for q in f.prompts),
                problems=where(f.problems) if f.problems is not None else None,
                execution_rate=next((rate_percent(x) for x in facts.form_funds if x.table == f.table), None),
                lost_points=tuple(where(q) for q in lost),
                where=where(f.prompts[0] if f.prompts else f.source),
            )
        )
    return tuple(out)


def level1_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[FormLevel1Rec, ...]:
    out = []
    for f in facts.forms:
        note = f.weights_note
        noted = {w.key: w for w in note.weights} if note is not None else {}
        keys = tuple(x.key for x in f.level1)
        for x in f.level1:
            w = noted.get(x.key)
            out.append(
                FormLevel1Rec(
                    table=f.table,
                    family=f.family,
                    key=x.key,
                    name=x.name,
                    weight=x.weight.value if x.weight is not None else None,
                    weight_text=x.weight.text if x.weight is not None else "",
                    from_label=x.from_label,
                    places=tuple(where(q) for q in x.sources),
                    noted=fig(w.weight, note.source, "分") if w is not None and note is not None else None,
                    note=where(note.source) if note is not None else None,
                    form_keys=keys,
                )
            )
    return tuple(out)


def result_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[ResultRowRec, ...]:
    return tuple(
        derive(
            ResultRowRec,
            r,
            fig,
            where,
            amount=fig(r.amount, r.sources.get("amount"), None),
            score=fig(r.score, r.sources.get("score"), "分"),
            grade=r.grade,
            where=where(r.sources.get("grade") or r.source),
        )
        for r in facts.result_rows
    )


def prose_result_rows(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[ResultRowRec, ...]:
    """Items of results listed in sentences that print a grade, as result-list rows."""
    return tuple(
        ResultRowRec(
            table=-1,
            name=i.name,
            department=None,
            amount=None,
            score=fig(i.score, i.source, "分"),
            grade=i.grade,
            where=where(i.source),
        )
        for r in facts.prose_results
        for i in r.items
        if i.grade is not None
    )


def prose_result_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[ProseResultRec, ...]:
    out = []
    for r in facts.prose_results:
        slip = next(
            ((a, b) for a, b in zip(r.items, r.items[1:], strict=False) if b.score.value > a.score.value), None
        )
        out.append(
            ProseResultRec(
                names=tuple(i.name for i in r.items),
                scores=tuple(fig(i.score, i.source, "分") for i in r.items),  # type: ignore[misc]
                ranked=r.ranked,
                order_slip=f"{slip[0].name} {slip[0].score.text} < {slip[1].name} {slip[1].score.text}" if slip else None,
                slip_score=fig(slip[1].score, slip[1].source, "分") if slip else None,
                where=where(r.source),
            )
        )
    return tuple(out)


def _grade_order(grade: str) -> tuple[int, str]:
    """优 良 中 差 合格 不合格 in that order (the lexicon's), others after."""
    order = list(dict.fromkeys(lexicon().grade_words.values()))
    return (order.index(grade) if grade in order else len(order), grade)


def result_list_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[ResultListRec, ...]:
    out = []
    for rl in facts.result_lists:
        stated = {lexicon().grade_key(p.label): fig(p.number, p.source or rl.stated.source, None) for p in rl.stated.parts} if rl.stated else {}
        listed = rl.grades or {}
        grades = tuple(
            GradeCountRec(grade=g, rows=listed.get(g, 0), stated=stated.get(g))
            for g in sorted(set(listed) | set(stated), key=_grade_order)
        )
        out.append(
            ResultListRec(
                table=rl.table,
                rows=rl.rows,
                graded=rl.grades is not None,
                grades=grades,
                stated_total=fig(rl.stated.total, rl.stated.source, None) if rl.stated else None,
                stated_text="、".join(f"{g.grade} {g.stated.text}" for g in grades if g.stated is not None),
                listed_text="、".join(f"{g.grade} {g.rows}" for g in grades if g.rows),
                where=where(rl.source),
            )
        )
    return tuple(out)


_OP_TEXT = {"*": " × ", "/": " ÷ ", "+": " + ", "-": " − "}


def _scale_text(scale: Decimal) -> str:
    if scale == 1:
        return ""
    if scale > 1:
        return f" × {scale:,.0f}"
    return f" ÷ {1 / scale:,.0f}"


def _printed(value: Decimal, like: Num) -> str:
    text = f"{round_to(value, like.decimals, 'half_up'):f}"
    return text + "%" if like.percent else text


def formula_records(facts: Facts, fig: FigOf, where: WhereOf) -> tuple[FormulaRowRec, ...]:
    out = []
    for r in facts.column_formulas:
        rhs = r.formula.split("=", 1)[1]
        text = "".join(
            r.operands[str(CIRCLED_NUMBERS[ch])].text if ch in CIRCLED_NUMBERS else _OP_TEXT.get(ch, ch)
            for ch in rhs.replace(" ", "")
        )
        if r.scale is not None:
            text += _scale_text(r.scale)
        if r.result.percent:
            text += " × 100%"
        out.append(
            derive(
                FormulaRowRec,
                r,
                fig,
                where,
                arithmetic=text,
                expected=None if r.computed is None else _printed(r.computed, r.result),
                result=fig(r.result, r.source, None),
                understood=r.scale is not None,
                where=where(r.source),
            )
        )
    return tuple(out)
