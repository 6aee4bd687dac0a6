"""The helper functions rule expressions may call.

Each public method of `Vocabulary` is one function of the expression language; its
docstring is its documentation (docs/rules/vocabulary.md is generated from them). A
`Vocabulary` is bound to one file's views and one rule's parameters, so `interval(x)`
uses that rule's rounding mode and `overlaps` its tolerance.

Conventions: helpers accept figures (`Fig`), money records, counts, intervals or plain
numbers; `None` in means `None` out ("unknown"), and the runner reports a check that
comes out `None` as not checkable rather than passed or failed.
"""

from __future__ import annotations

import builtins
import inspect
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from auditor.engine.arith import computation
from auditor.engine.intervals import (
    MONEY_FACTORS,
    Interval,
    convert_unit,
    printed_interval,
    round_to,
    to_decimal,
)
from auditor.engine.intervals import overlaps as _overlaps
from auditor.engine.records import (
    Band,
    Count,
    DateRec,
    Fig,
    Money,
    Node,
    Option,
    Question,
    Rate,
    Rec,
    Record,
    Target,
    Where,
    is_number,
)
from auditor.engine.views import Views, indicator_name_key
from auditor.tables.lexicon import lexicon

_NOT_EXPOSED = frozenset({"names", "functions"})
MAX_PAIRS_INPUT = 200  # pairs() of more items would be 20,000 pairs: a rule should group first
MAX_TERMS_SHOWN = 8  # longer sums are shown as 'a+b+c+…+z (41) = total'
NUMERIC_FIELDS = ("weight", "score", "rate", "deduction")


class Vocabulary:
    """Functions for one rule over one file. Only methods without a leading underscore
    are exposed to expressions."""

    def __init__(self, views: Views, params: Rec) -> None:
        self._views = views
        self._params = params
        self._mode = str(params.get("rounding", "either"))
        self._tolerance = to_decimal(params.get("tolerance", 0))

    @classmethod
    def names(cls) -> list[str]:
        return [
            n for n, v in vars(cls).items() if not n.startswith("_") and callable(v) and n not in _NOT_EXPOSED
        ]

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {n: getattr(self, n) for n in self.names()}

    # ------------------------------------------------------------ basics

    def sum(self, xs: Iterable[Any]) -> Any:
        """Sum of numbers, figures (their printed values) or intervals; None if any is None.
        `sum(c.score for c in item.children)`"""
        total: Any = 0
        for x in xs:
            if x is None:
                return None
            total = total + (x if isinstance(x, Interval) else _value(x))
        return total

    def len(self, xs: Any) -> int:
        """Number of items in a tuple, list or string."""
        return builtins.len(xs)

    def abs(self, x: Any) -> Any:
        """Absolute value of a number, figure or interval (None stays None)."""
        if isinstance(x, Interval):
            if x.lo >= 0:
                return x
            if x.hi <= 0:
                return Interval(-x.hi, -x.lo, x.unit)
            return Interval(Decimal(0), builtins.max(-x.lo, x.hi), x.unit)
        v = _value(x)
        return None if v is None else builtins.abs(v)

    def min(self, *xs: Any) -> Any:
        """Smallest of several values or of one collection; None if any is None."""
        items = _spread(xs)
        if not items or any(x is None for x in items):
            return None
        return builtins.min(items, key=_sort_value)

    def max(self, *xs: Any) -> Any:
        """Largest of several values or of one collection; None if any is None."""
        items = _spread(xs)
        if not items or any(x is None for x in items):
            return None
        return builtins.max(items, key=_sort_value)

    def any(self, xs: Iterable[Any]) -> bool:
        """True if any item is true."""
        return builtins.any(xs)

    def all(self, xs: Iterable[Any]) -> bool:
        """True if every item is true (and for no items)."""
        return builtins.all(xs)

    def value(self, x: Any) -> Any:
        """The exact printed value of a figure, money record or count, as a Decimal."""
        return _value(x)

    def known(self, *xs: Any) -> bool:
        """True when none of the arguments (or items of one collection) is None."""
        return builtins.all(x is not None for x in _spread(xs))

    def distinct(self, xs: Iterable[Any]) -> tuple[Any, ...]:
        """Items without repeats, in first-seen order."""
        items = list(xs)
        try:
            return tuple(dict.fromkeys(items))
        except TypeError:  # unhashable items (lists): the slow way
            out: list[Any] = []
            for x in items:
                if x not in out:
                    out.append(x)
            return tuple(out)

    def pairs(self, xs: Iterable[Any]) -> tuple[tuple[Any, Any], ...]:
        """Every unordered pair (a, b) of a collection, in order: `any(unit_slip(a, b) for a, b in pairs(item.members))`."""
        items = list(xs)
        if builtins.len(items) > MAX_PAIRS_INPUT:
            raise OverflowError(f"pairs() of {builtins.len(items)} items (limit {MAX_PAIRS_INPUT})")
        return tuple((a, b) for i, a in enumerate(items) for b in items[i + 1 :])

    def contains(self, text: Any, words: Any) -> bool:
        """True when `text` contains the word, or any of a collection of words."""
        if text is None:
            return False
        if isinstance(words, str):
            return words in text
        return builtins.any(w in text for w in words)

    def name_of(self, x: Any) -> str | None:
        """The name a record goes by: an indicator's name, a claim's label, a question's title."""
        for attr in ("name", "indicator", "label", "title", "heading"):
            v = getattr(x, attr, None)
            if isinstance(v, str) and v:
                return v
        return None

    def name_key(self, name: Any) -> str | None:
        """An indicator name reduced for comparison: no code, numbering, weight header,
        punctuation or spaces ('A11 项目立项（6分）' -> '项目立项')."""
        return indicator_name_key(str(name)) if name else None

    def where(self, x: Any) -> Where | None:
        """The place of a figure or record (for `places`)."""
        return _where(x)

    def place(self, x: Any, role: str) -> tuple[Where, str, str | None] | None:
        """A place with its role in the arithmetic: `place(item.score, 'total')`; the
        figure's printed text travels along so reporters can point at it in a long quote."""
        w = _where(x)
        return None if w is None else (w, role, _figure_text(x))

    # ------------------------------------------------------------ rounding and intervals

    def interval(self, x: Any) -> Interval | None:
        """The interval a printed figure stands for under the rule's rounding mode:
        84.94 -> [84.935, 84.945] (half_up). Counts are exact. Money keeps its unit."""
        if x is None:
            return None
        if isinstance(x, Interval):
            return x
        if isinstance(x, Money):
            x = x.amount
        if isinstance(x, Count):
            return Interval.exact(x.value)
        if isinstance(x, Fig):
            return printed_interval(x.value, x.decimals, self._mode, x.exact, x.unit)
        return Interval.exact(x)

    def exact(self, x: Any) -> Interval | None:
        """A figure taken at its printed value, as a zero-width interval."""
        if x is None:
            return None
        if isinstance(x, Money):
            x = x.amount
        if isinstance(x, Fig):
            return Interval(x.value, x.value, x.unit)
        return self.interval(x)

    def sum_interval(self, xs: Iterable[Any]) -> Interval | None:
        """The interval a sum of printed figures can take; None if any item is None or
        there are none. `sum_interval(c.weight for c in item.children)`"""
        total: Interval | None = None
        for x in xs:
            i = self.interval(x)
            if i is None:
                return None
            total = i if total is None else total + i
        return total

    def overlaps(self, a: Any, b: Any) -> bool | None:
        """True when the intervals of a and b share a value (widened by the rule's
        `tolerance`). Money compares across 元/万元/亿元."""
        ia, ib = self.interval(a), self.interval(b)
        if ia is None or ib is None:
            return None
        return _overlaps(ia, ib, self._tolerance)

    def within_rounding(self, a: Any, b: Any, precision: Any = None) -> bool | None:
        """True when |a − b| is at most half of `precision` (default: the coarser
        printed precision of a and b), plus the rule's tolerance."""
        va, vb = _value(a), _value(b)
        if va is None or vb is None:
            return None
        if precision is None:
            decs = [x.decimals for x in (a, b) if isinstance(x, Fig)]
            precision = Decimal(1).scaleb(-builtins.min(decs)) if decs else Decimal(0)
        return builtins.abs(va - vb) <= to_decimal(precision) / 2 + self._tolerance

    def same_amount(self, a: Any, b: Any) -> bool | None:
        """True when two money amounts can be the same under rounding, each at its own
        printed precision and unit: 413,550.00元 and 41.36万元 are the same amount."""
        return self.overlaps(a, b)

    def agree(self, xs: Iterable[Any]) -> bool:
        """True when every pair of figures can be the same value under rounding."""
        items = [self.interval(x) for x in xs if x is not None]
        if not items:
            return True
        # Intervals on a line overlap pairwise exactly when they share a common point.
        unit = items[0].unit  # type: ignore[union-attr]
        same = [i.to(unit) for i in items]  # type: ignore[union-attr]
        return builtins.max(i.lo for i in same) <= builtins.min(i.hi for i in same) + self._tolerance

    def clusters(self, xs: Iterable[Any]) -> tuple[tuple[Any, ...], ...]:
        """Figures grouped by value (figures that agree under rounding go together), the
        largest group first: for messages like '84.94 (3 places), 84.49 (1 place)'."""
        groups: list[list[Any]] = []
        forms: list[list[Any]] = []  # per group, one figure per printed form (keeps it linear)
        spans: list[list[Any]] = []  # the intervals of `forms`, computed once
        for x in xs:
            if x is None:
                continue
            ix = self.interval(x)
            for g, seen, seen_ix in zip(groups, forms, spans, strict=True):
                if builtins.all(_overlaps(ix, iy, self._tolerance) for iy in seen_ix):  # type: ignore[arg-type]
                    g.append(x)
                    if not builtins.any(_same_form(x, y) for y in seen):
                        seen.append(x)
                        seen_ix.append(ix)
                    break
            else:
                groups.append([x])
                forms.append([x])
                spans.append([ix])
        groups.sort(key=lambda g: -builtins.len(g))  # stable: ties keep document order
        return tuple(tuple(g) for g in groups)

    def agreement_places(self, xs: Iterable[Any]) -> list[Any]:
        """The places of a group of statements of one quantity. Where one value is printed
        more often than any other, the others come first as 'differs' and it follows as
        'majority'; with no majority (84.94 once, 84.49 once) every place is a 'statement'."""
        cs = self.clusters(xs)
        if builtins.len(cs) > 1 and builtins.len(cs[0]) > builtins.len(cs[1]):
            return [self.place(x, "differs") for c in cs[1:] for x in c] + [self.place(x, "majority") for x in cs[0]]
        return [self.place(x, "statement") for c in cs for x in c]

    def tally(self, xs: Iterable[Any]) -> str:
        """The distinct printed values of a group with how often each is printed, most
        frequent first: '84.94 ×3; 84.49 ×1'."""
        counts: dict[str, int] = {}
        for x in xs:
            if x is not None:
                counts[fmt(x)] = counts.get(fmt(x), 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: ties keep document order
        return "; ".join(f"{text} ×{n}" for text, n in ranked)

    def rounds_to(self, x: Any, fig: Any) -> bool | None:
        """True when the exact value x, rounded to the figure's printed decimals under the
        rule's rounding mode ('either' = half-up or truncation), prints as the figure."""
        vx = _value(x.amount if isinstance(x, Money) else x)
        f = fig.amount if isinstance(fig, Money) else fig
        if vx is None or not isinstance(f, Fig):
            return None
        if isinstance(x, Money | Fig) and _unit(x) in MONEY_FACTORS and f.unit in MONEY_FACTORS:
            vx = convert_unit(vx, _unit(x), f.unit)
        modes = ("half_up", "truncate") if self._mode == "either" else (self._mode,)
        return builtins.any(round_to(vx, f.decimals, m) == f.value for m in modes)

    def prints_alike(self, xs: Iterable[Any]) -> bool:
        """True when every pair of figures for one quantity could come from one value with
        one rounding rule: the same unit and precision print the same digits, and a more
        precise figure rounds (rule's mode) to a less precise one. 24.35 and 24.36万元 for
        the same amount do not print alike; 413,550.00元 and 41.36万元 do (half_up)."""
        # figures printed alike compare alike: one per printed form keeps this linear in
        # the number of statements (a 500-page report repeats an amount hundreds of times)
        forms: dict[tuple[Any, ...], Fig] = {}
        for x in xs:
            f = _fig(x)
            if f is not None:
                forms.setdefault((f.value, f.decimals, f.unit, f.exact), f)
        items = list(forms.values())
        for i, fa in enumerate(items):
            for fb in items[i + 1 :]:
                fine, coarse = (fa, fb) if _step(fa) <= _step(fb) else (fb, fa)
                if not self.rounds_to(fine, coarse):
                    return False
        return True

    def unit_slip(self, a: Any, b: Any) -> bool:
        """True when two amounts disagree but would agree if one were read in 元 instead
        of 万元 (or the reverse): 41.36元 next to 41.36万元, 413,550万元 next to 41.36万元."""
        fa, fb = _fig(a), _fig(b)
        if fa is None or fb is None or fa.unit not in MONEY_FACTORS or fb.unit not in MONEY_FACTORS:
            return False
        if self.same_amount(fa, fb):
            return False
        ia, ib = self.interval(fa), self.interval(fb)
        assert ia is not None and ib is not None
        for factor in (Decimal(10000), Decimal("0.0001")):
            if _overlaps(ia * factor, ib, self._tolerance):
                return True
        return False

    # ------------------------------------------------------------ rates

    def rate(self, num: Any, den: Any) -> Interval | None:
        """num / den × 100 as an interval (percent), from the intervals of num and den;
        None when either is None or den can be zero."""
        inum, iden = self.interval(num), self.interval(den)
        if inum is None or iden is None or iden.contains_zero():
            return None
        return Interval(*_bounds(inum / iden * 100), "%")

    def is_zero(self, x: Any) -> bool | None:
        """True when a figure's printed value is 0 (a nil '-' cell reads as 0)."""
        v = _value(x)
        return None if v is None else v == 0

    def grim(self, percent: Any, n: Any) -> bool | None:
        """GRIM test: True when some whole count k of n respondents gives k/n that prints
        as `percent` at its printed decimals under the rule's rounding mode ('either' =
        half-up or truncated). 90.33% of 70 is impossible (63/70 = 90.00%, 64/70 = 91.43%)."""
        p, nn = _fig(percent), _value(n)
        if p is None or nn is None or nn <= 0 or nn != nn.to_integral_value():
            return None
        target = p.value / 100 * nn
        modes = ("half_up", "truncate") if self._mode == "either" else (self._mode,)
        for k in range(builtins.max(0, int(target) - 2), builtins.min(int(nn), int(target) + 3) + 1):
            share = Decimal(k) * 100 / nn
            if builtins.any(round_to(share, p.decimals, m) == p.value for m in modes):
                return True
        return False

    def formula_value(self, text: Any, percent: Any = False) -> Decimal | None:
        """The value of the computation a report prints in a formula
        ('（3359600-3543100）/3543100×100%' -> -0.0518; ×100 when `percent`); words between
        the numbers are dropped, x% counts as x/100. None when no computation is found."""
        if not text:
            return None
        v = computation(str(text))
        return None if v is None else (v * 100 if percent else v)

    def nodes_with_rate(self, percent: Any) -> tuple[Node, ...]:
        """Scoring-table rows whose score/weight (as a percentage) can print as `percent`:
        finds where a percentage really came from (a score rate passed off as a share)."""
        p = self.interval(percent)
        if p is None:
            return ()
        out = []
        for n in self._views.nodes:
            r = self.rate(n.score, n.weight) if n.level > 0 else None
            if r is not None and _overlaps(r, p):
                out.append(n)
        return tuple(out)

    # ------------------------------------------------------------ scores and grades

    def parts(self, node: Node, field: str) -> tuple[Node, ...]:
        """The children of a row that make up its `field` ('weight', 'score', 'deduction'):
        a child whose value a sibling's merged cell stands for is left out; a child that
        leaves the field blank is replaced by its own parts."""
        _check_field(field)
        out: list[Node] = []
        for c in node.children:
            if getattr(c, field) is not None:
                out.append(c)
            elif c.covered:
                continue
            elif c.children and c.understood:
                # a group row that leaves its own cell blank (self-assessment forms, annex
                # groups) stands for its children's sum
                out.extend(self.parts(c, field))
            else:
                out.append(c)
        return tuple(out)

    def part_sum(self, node: Node, field: str) -> Interval | None:
        """Interval of the sum of the children's `field` (see `parts`); None if any part
        lacks it or the table was not understood."""
        if not node.understood:
            return None
        ps = self.parts(node, field)
        return self.sum_interval(getattr(c, field) for c in ps) if ps else None

    def part_text(self, node: Node, field: str) -> str:
        """The children's arithmetic as printed: '15.00+18.00+30.00+21.94 = 84.94'."""
        return self.sum_text(getattr(c, field) for c in self.parts(node, field))

    def sum_text(self, xs: Iterable[Any]) -> str:
        """The arithmetic of a sum as printed: 'a+b+c = total' (exact sum of printed values)."""
        figs = [x for x in xs]
        if not figs or builtins.any(x is None for x in figs):
            return "+".join(self.fmt(x) for x in figs)
        unit = _unit(figs[0])
        vals = []
        for x in figs:
            v = _value(x)
            if unit in MONEY_FACTORS and _unit(x) in MONEY_FACTORS:
                v = convert_unit(v, _unit(x), unit)
            vals.append(v)
        total = builtins.sum(vals, Decimal(0))
        decimals = builtins.max((f.decimals for f in map(_fig, figs) if f is not None), default=0)
        if builtins.len(figs) > MAX_TERMS_SHOWN:
            head = "+".join(_plain(_fig(x)) for x in figs[:3])
            terms = f"{head}+…+{_plain(_fig(figs[-1]))} ({builtins.len(figs)})"
        else:
            terms = "+".join(_plain(_fig(x)) for x in figs)
        suffix = unit if unit in MONEY_FACTORS else ("%" if unit == "%" else "")
        return f"{terms} = {_fmt_decimal(total, decimals)}{suffix}"

    def bands(self) -> tuple[Band, ...]:
        """The grade bands the report states, else the standard ones (优 ≥90, 良 80–90,
        中 60–80, 差 <60)."""
        return self._views.bands

    def band_of(self, score: Any, bands: Any = None) -> str | None:
        """The grade (优/良/中/差 …) a score falls in under `bands` (default: `bands()`).
        An interval uses its midpoint."""
        v = score.mid if isinstance(score, Interval) else _value(score)
        if v is None:
            return None
        for b in bands or self._views.bands:
            lo_ok = b.lower is None or (v >= b.lower if b.lower_inclusive else v > b.lower)
            hi_ok = b.upper is None or (v <= b.upper if b.upper_inclusive else v < b.upper)
            if lo_ok and hi_ok:
                return b.grade
        return None

    def changes_band(self, a: Any, b: Any) -> bool:
        """True when two scores fall in different grade bands (the gross error)."""
        ga, gb = self.band_of(a), self.band_of(b)
        return ga is not None and gb is not None and ga != gb

    def same_grade(self, a: Any, b: Any) -> bool | None:
        """True when two grade labels name the same grade ('良' and '良好'); None if either is
        missing or only one belongs to the bands in use (合格 against 优/良/中/差)."""
        if not a or not b:
            return None
        ka, kb = _grade_key(a), _grade_key(b)
        system = {_grade_key(band.grade) for band in self._views.bands}
        if (ka in system) != (kb in system):
            return None  # 合格 against 优/良/中/差 bands: two grading systems, not comparable
        return ka == kb

    # ------------------------------------------------------------ targets

    def meets(self, target: Target | None, value: Any = None) -> bool | None:
        """Whether `value` (default: the target row's actual) satisfies the row's target
        with its comparator (≥ ≤ = > <), at printed values. None when the target is
        text or the units cannot be compared."""
        actual_value = self._actual_in_target_unit(target, value)
        if actual_value is None:
            return None
        goal = target.target.value  # type: ignore[union-attr]
        return {
            "≥": actual_value >= goal,
            "≤": actual_value <= goal,
            ">": actual_value > goal,
            "<": actual_value < goal,
            "=": actual_value == goal,
        }[target.comparator]  # type: ignore[union-attr]

    def over_target(self, target: Target | None) -> Decimal | None:
        """The row's actual over its target in the target's unit (money converted): 1.3
        for an actual 30 % above; None where `meets` cannot compare or the target is 0."""
        actual_value = self._actual_in_target_unit(target, None)
        if actual_value is None or not target.target.value:  # type: ignore[union-attr]
            return None
        return actual_value / target.target.value  # type: ignore[union-attr]

    @staticmethod
    def _actual_in_target_unit(target: Target | None, value: Any) -> Decimal | None:
        if target is None or target.target is None or target.comparator == "text":
            return None
        actual = target.actual if value is None else value
        if isinstance(actual, Interval):
            actual_value, actual_unit = actual.mid, actual.unit
        else:
            f = _fig(actual)
            actual_value = _value(actual)
            actual_unit = f.unit if f is not None else None
        if actual_value is None:
            return None
        unit = target.target.unit
        if unit in MONEY_FACTORS and actual_unit in MONEY_FACTORS:
            return convert_unit(actual_value, actual_unit, unit)
        if (unit == "%") != (actual_unit == "%"):
            return None  # 95% against a bare 0.9 or 90: the table does not say which
        return actual_value

    def target_for(self, label: Any) -> Target | None:
        """The target-table row for an indicator or rate name (matched without codes,
        numbering and spaces), or None when there is none or more than one."""
        return self._views.target_for(str(label)) if label else None

    # ------------------------------------------------------------ money and counts

    def money(self, quantity: str, period: Any = None, fund: Any = None) -> Money | None:
        """The amount most places state for a quantity ('budget', 'addition',
        'adjusted_budget', 'received', 'spent', 'balance' …), optionally for a period/fund."""
        return self._views.money_of(quantity, period, fund)

    def count(self, kind: str, group: Any = None) -> Count | None:
        """The count most places state for a kind ('questionnaires_valid' …)."""
        return self._views.count_of(kind, group)

    def group_counts(self, kind: str = "questionnaires_group") -> tuple[Count, ...]:
        """Respondents per questionnaire group (工作人员 20, 社会公众 50), one per group;
        `group_counts('questionnaires_issued')`: questionnaires issued per group."""
        out: dict[str, Count] = {}
        for c in self._views.counts:
            if c.kind == kind and (kind == "questionnaires_group" or c.group):
                g = c.group or c.label
                if g not in out:
                    out[g] = self._views.count_of(kind, c.group) or c
        return tuple(out.values())

    def sample_size(self, text: Any) -> int | None:
        """How many respondents a statement is about: the group's count when the text
        names a questionnaire group ('工作人员中…'), else all valid questionnaires."""
        t = str(text or "")
        for c in self.group_counts():
            g = c.group or ""
            if g and g in t:
                return c.value
        return self._views.report.respondents

    def questions_for(self, label: Any) -> tuple[Question, ...]:
        """Questionnaire questions of the group a label names ('工作人员满意度' -> the
        工作人员 questions); all questions when the label names no group."""
        qs = self._views.questions
        groups = [g for g in self.distinct(q.group for q in qs) if g]
        named = [g for g in groups if label and g in str(label)]
        if named:
            return tuple(q for q in qs if q.group in named)
        return qs

    def scale_mean(self, question: Question, scale: Any) -> Decimal | None:
        """Mean item score of a question under a scale {'非常满意': 100, '满意': 80 …}
        (the longest scale word an option label contains); None if an option has no
        count or matches no word."""
        total, n = Decimal(0), Decimal(0)
        for o in question.options:
            s = _scale_score(o, scale)
            c = _value(o.count)
            if s is None or c is None:
                return None
            total += s * c
            n += c
        return total / n if n else None

    def top_share(self, question: Question, scale: Any, threshold: Any = 80) -> Decimal | None:
        """Share (percent) of answers whose scale score is at least `threshold`
        (非常满意 + 满意 by default)."""
        hit, n = Decimal(0), Decimal(0)
        for o in question.options:
            s = _scale_score(o, scale)
            c = _value(o.count)
            if s is None or c is None:
                return None
            n += c
            if s >= to_decimal(threshold):
                hit += c
        return hit * 100 / n if n else None

    def satisfaction_candidates(self, rate: Rate, scale: Any) -> tuple[Decimal, ...]:
        """Values a satisfaction figure can be recomputed to from the questionnaire
        counts: per question and averaged over the group's questions, both the mean
        scale score and the share of top answers. None for a combined index over several
        groups (its weights are the report's; see `formula_value`)."""
        out: list[Decimal] = []
        means: list[Decimal] = []
        shares: list[Decimal] = []
        groups = {q.group for q in self._views.questions if q.group}
        if len(groups) > 1 and not builtins.any(g in rate.label for g in groups):
            return ()  # a combined index over several groups: its weights are the report's own
        for q in self.questions_for(rate.label):
            m, s = self.scale_mean(q, scale), self.top_share(q, scale)
            if m is not None:
                means.append(m)
                out.append(m)
            if s is not None:
                shares.append(s)
                out.append(s)
        for xs in (means, shares):
            if builtins.len(xs) > 1:
                out.append(builtins.sum(xs, Decimal(0)) / builtins.len(xs))
        return tuple(out)

    # ------------------------------------------------------------ dates

    def days_between(self, d1: Any, d2: Any) -> int | None:
        """Days from d1 to d2 (negative when d2 is earlier)."""
        a, b = _date(d1), _date(d2)
        return None if a is None or b is None else (b - a).days

    def precedes(self, a: Any, b: Any) -> bool | None:
        """True when date a is certainly before date b, each at its printed precision
        (a month-only date covers its whole month)."""
        if a is None or b is None:
            return None
        return _latest(a) < _earliest(b)

    def span(self, start: Any, end: Any, unit: str) -> Decimal | None:
        """Length from start to end in a duration unit: 日/天/日历天 (counting both ends),
        工作日 (Mon–Fri, both ends), 月 (days / 30.4375), 年 (days / 365.25)."""
        a, b = _date(start), _date(end)
        if a is None or b is None:
            return None
        days = (b - a).days + 1
        if unit in ("日", "天", "日历天"):
            return Decimal(days)
        if unit == "工作日":
            if days > 20000:
                return None
            return Decimal(builtins.sum(1 for i in range(days) if (a + timedelta(i)).weekday() < 5))
        if unit == "月":
            return Decimal(days) / Decimal("30.4375")
        if unit == "年":
            return Decimal(days) / Decimal("365.25")
        return None

    # ------------------------------------------------------------ text

    def fmt(self, x: Any) -> str:
        """Display text: a figure as printed (with its money unit), an interval as
        [lo, hi], a date as YYYY-MM-DD, a record by its name, a collection joined by '、'."""
        return fmt(x)

    def ivtext(self, x: Any) -> str:
        """The interval a figure stands for, as text: '[84.935, 84.945]'."""
        return fmt(self.interval(x))


# ------------------------------------------------------------------ module helpers


def _figure_text(x: Any) -> str | None:
    """The printed text of the figure a place is about, when it is one."""
    if isinstance(x, Money):
        x = x.amount
    if isinstance(x, Count):
        x = x.fig
    if isinstance(x, Fig):
        return x.text
    if isinstance(x, DateRec):
        return x.printed
    return None


def fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, Fig):
        return x.text + (x.unit if x.unit in MONEY_FACTORS and not x.text.endswith(x.unit) else "")
    if isinstance(x, Money):
        return fmt(x.amount)
    if isinstance(x, Interval):
        unit = x.unit or ""
        if x.lo == x.hi:
            return f"{_fmt_decimal(x.lo)}{unit}"
        lo, hi = _fmt_decimal(x.lo), _fmt_decimal(x.hi)
        places = max(_places(lo), _places(hi))  # both ends to one precision: [73.15, 73.20]
        return f"[{_fmt_decimal(x.lo, places)}, {_fmt_decimal(x.hi, places)}]{unit}"
    if isinstance(x, Decimal):
        return _fmt_decimal(x)
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, DateRec):
        return x.date.isoformat()[: {"day": 10, "month": 7, "year": 4}.get(x.precision, 10)]
    if isinstance(x, Count):
        return str(x.value)
    if isinstance(x, tuple | list):
        return "、".join(fmt(i) for i in x)
    if isinstance(x, Record):
        for attr in ("name", "indicator", "label", "title", "heading", "grade", "key"):
            v = getattr(x, attr, None)
            if isinstance(v, str) and v:
                return v
    return str(x)


def _fmt_decimal(d: Decimal, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{d.quantize(Decimal(1).scaleb(-decimals)):f}"
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):f}"
    q = d.quantize(Decimal("0.0001")) if d.as_tuple().exponent < -4 else d  # type: ignore[operator]
    return f"{q.normalize():f}"


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _same_form(a: Any, b: Any) -> bool:
    fa, fb = _fig(a), _fig(b)
    if fa is None or fb is None:
        return a is b
    return (fa.value, fa.decimals, fa.unit, fa.exact) == (fb.value, fb.decimals, fb.unit, fb.exact)


def _plain(f: Fig | None) -> str:
    return "—" if f is None else f.text.rstrip("%")


def _value(x: Any) -> Decimal | None:
    if x is None:
        return None
    if isinstance(x, Fig):
        return x.value
    if isinstance(x, Money):
        return x.amount.value
    if isinstance(x, Count):
        return Decimal(x.value)
    if isinstance(x, Interval):
        return x.mid
    if is_number(x) or isinstance(x, float):
        return to_decimal(x)
    raise TypeError(f"not a number: {type(x).__name__}")


def _fig(x: Any) -> Fig | None:
    if isinstance(x, Fig):
        return x
    if isinstance(x, Money):
        return x.amount
    if isinstance(x, Count):
        return x.fig
    return None


def _unit(x: Any) -> str | None:
    f = _fig(x)
    if f is not None:
        return f.unit
    return x.unit if isinstance(x, Interval) else None


def _step(f: Fig) -> Decimal:
    """One unit in the last printed place, in 元 for money (for precision comparisons)."""
    return convert_unit(Decimal(1).scaleb(-f.decimals), f.unit, "元")


def _bounds(i: Interval) -> tuple[Decimal, Decimal]:
    return i.lo, i.hi


def _where(x: Any) -> Where | None:
    if x is None:
        return None
    if isinstance(x, Where):
        return x
    return getattr(x, "where", None) if isinstance(x, Record) else None


def _spread(xs: tuple[Any, ...]) -> list[Any]:
    if builtins.len(xs) == 1 and isinstance(xs[0], tuple | list):
        return list(xs[0])
    return list(xs)


def _sort_value(x: Any) -> Any:
    if isinstance(x, DateRec | date):
        return _date(x)
    return _value(x)


def _date(x: Any) -> date | None:
    if isinstance(x, DateRec):
        return x.date
    if isinstance(x, date):
        return x
    return None


def _earliest(x: Any) -> date:
    return x.earliest if isinstance(x, DateRec) else x


def _latest(x: Any) -> date:
    return x.latest if isinstance(x, DateRec) else x


def _check_field(field: str) -> None:
    if field not in NUMERIC_FIELDS:
        raise ValueError(f"unknown field {field!r}; expected one of {', '.join(NUMERIC_FIELDS)}")


def _scale_score(o: Option, scale: Any) -> Decimal | None:
    words = sorted((w for w in scale if w in o.label), key=lambda w: -builtins.len(w))
    return to_decimal(scale[words[0]]) if words else None


def _grade_key(g: str) -> str:
    return lexicon().grade_key(g)


def vocabulary_docs() -> list[tuple[str, str, str]]:
    """(name, signature, docstring) of every expression function, for the docs page."""
    out = []
    for name in Vocabulary.names():
        fn = getattr(Vocabulary, name)
        sig = str(inspect.signature(fn)).replace("(self, ", "(").replace("(self)", "()")
        sig = sig.split(" -> ")[0]
        out.append((name, sig, inspect.cleandoc(fn.__doc__ or "")))
    return out


# Grade words are matched through _grade_key in band/grade comparisons.
__all__ = ["Vocabulary", "fmt", "vocabulary_docs", "indicator_name_key"]
