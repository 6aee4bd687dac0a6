"""The read-only records rule expressions see.

Expressions get plain values (Decimal, int, str, bool, date, None), tuples, and these
frozen records — never the pydantic Facts, never objects with live methods. The
sandbox allows attribute access only to the declared fields of a `Record` (and of a
`Rec`, a frozen string-keyed mapping used for rule parameters), so a record is a bag
of values and nothing else. A place in the document is a `Where`: an index into the
runner's table of quotes, so expressions never hold a Location object either.

Most records are a claim of `auditor.facts` as expressions see it, plus what the views
compute (keys, joins). Those are *derived*: `@derived(Model)` generates the record's
fields from the model, so a new fact field needs no edit here:
- a figure (`Num`) becomes a `Fig`, placed at its own cell (`sources[field]`, else
  `<field>_source`) or the claim's `source`; `<field>_source` and `sources` are used up;
- `source` becomes `where`, another `Quote` a `Where`, a list of quotes a tuple of them;
- a Literal becomes `str`, a list of strings a tuple;
- the class body declares only the computed fields and those whose value the views
  decide (a key, '' for a missing label, a nested record); the views give these.
`derive(Record, claim, fig, where, **given)` builds one: the given fields win, the rest
are converted as above. A model field of another type must be declared or omitted,
else the import fails naming it, so no pydantic object reaches an expression.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, make_dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from auditor import facts as F
from auditor.numbers import Num


class Record:
    """Marker base of every record type expressions may read fields of."""

    __slots__ = ()

    @classmethod
    def field_names(cls) -> frozenset[str]:
        return frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]


class Rec(Mapping[str, Any]):
    """A frozen mapping whose keys read as attributes in expressions: `params.threshold`."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Rec is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))

    def __repr__(self) -> str:
        return f"Rec({self._data!r})"


@dataclass(frozen=True, slots=True)
class Where(Record):
    """A place: `ref` indexes the runner's quote table; `text` is what is printed there."""

    ref: int
    text: str


@dataclass(frozen=True, slots=True)
class Fig(Record):
    """A figure as printed. `exact` marks counts of people/items, which are not rounded;
    `unit` is 元/万元/亿元 for money, '%' for percentages, '分' for scores, else None."""

    value: Decimal
    text: str
    decimals: int
    percent: bool
    unit: str | None
    exact: bool
    where: Where | None


# ------------------------------------------------------------------ derived records

T = TypeVar("T")
FigOf = Callable[..., "Fig | None"]  # Views.fig: (Num | None, Quote | None, unit=None, exact=False)
WhereOf = Callable[[F.Quote], Where]

_COPY, _TUPLE, _FIGURE, _PLACE, _PLACES = range(5)
_PLAIN = {str: "str", int: "int", bool: "bool", Decimal: "Decimal", date: "date"}


@dataclass(frozen=True, slots=True)
class _Step:
    """How one record field is made from the claim when the views do not give it."""

    field: str
    attr: str
    kind: int
    place: Callable[[Any], F.Quote | None] | None = None


_PLANS: dict[type, tuple[_Step, ...]] = {}
DERIVED_FROM: dict[type, type[BaseModel]] = {}  # record type -> the Facts model it is derived from


def _optional(t: Any) -> tuple[Any, bool]:
    if get_origin(t) in (Union, types.UnionType):
        rest = [a for a in get_args(t) if a is not type(None)]
        if len(rest) == 1 and len(get_args(t)) == 2:
            return rest[0], True
    return t, False


def _mapped(annotation: Any) -> tuple[str, int] | None:
    """The record type and conversion of a model field, None when it has none."""
    inner, optional = _optional(annotation)
    tail = " | None" if optional else ""
    if inner is Num:
        return "Fig" + tail, _FIGURE
    if inner is F.Quote:
        return "Where" + tail, _PLACE
    if get_origin(inner) is Literal:
        return "str" + tail, _COPY
    if inner in _PLAIN:
        return _PLAIN[inner] + tail, _COPY
    if get_origin(inner) is list and not optional:
        (arg,) = get_args(inner)
        if arg is str:
            return "tuple[str, ...]", _TUPLE
        if arg is F.Quote:
            return "tuple[Where, ...]", _PLACES
    return None


def _has_cells(model: type[BaseModel]) -> bool:
    """The model keeps each figure's cell in `sources: dict[str, Quote]` (forms, result lists)."""
    info = model.model_fields.get("sources")
    return info is not None and get_origin(info.annotation) is dict


def _quote_of(model: type[BaseModel], name: str) -> str | None:
    """`<name>_source` where the model keeps the quote of figure `name` there."""
    info = model.model_fields.get(f"{name}_source")
    return f"{name}_source" if info is not None and _optional(info.annotation)[0] is F.Quote else None


def _place_of(model: type[BaseModel], name: str, own: str | None) -> Callable[[Any], F.Quote | None]:
    """Where a figure stands: its cell in `sources` (a form: no cell, no place), else its
    own `<name>_source`, else the claim's `source`."""
    if _has_cells(model):
        return lambda c: c.sources.get(name)
    own = own or _quote_of(model, name)
    if own and "source" in model.model_fields:
        return lambda c: getattr(c, own) or c.source
    if own:
        return lambda c: getattr(c, own)
    return lambda c: getattr(c, "source", None)


def derived(
    model: type[BaseModel],
    *,
    omit: tuple[str, ...] = (),
    rename: Mapping[str, str] | None = None,
    places: Mapping[str, str] | None = None,
) -> Callable[[type[T]], type[T]]:
    """A record type made from `model`'s fields and the fields the class body declares
    (computed, or valued by the views). `omit` leaves model fields out, `rename` names
    a field differently, `places` names a figure's own quote field when it is not
    `<field>_source`."""
    rename = dict(rename or {})
    places = dict(places or {})

    def build(spec: type[T]) -> type[T]:
        declared: dict[str, Any] = {
            name: (name, t, field(default=spec.__dict__[name])) if name in spec.__dict__ else (name, t)
            for name, t in spec.__dict__.get("__annotations__", {}).items()
        }
        model_fields = model.model_fields
        used = set(omit) | set(places.values()) | {f"{n}_source" for n in model_fields if _quote_of(model, n)}
        if _has_cells(model):
            used.add("sources")
        out: list[Any] = []
        steps: list[_Step] = []
        for name, info in model_fields.items():
            if name in used:
                continue
            rec_name = "where" if name == "source" else rename.get(name, name)
            if rec_name in declared:
                out.append(declared.pop(rec_name))
                continue
            mapped = _mapped(info.annotation)
            if mapped is None:
                raise TypeError(f"{spec.__name__}: declare or omit {model.__name__}.{name} ({info.annotation})")
            kind = mapped[1]
            out.append((rec_name, mapped[0]))
            place = _place_of(model, name, places.get(name)) if kind == _FIGURE else None
            steps.append(_Step(rec_name, name, kind, place))
        out += declared.values()
        cls = make_dataclass(
            spec.__name__,
            out,
            bases=(Record,),
            frozen=True,
            slots=True,
            kw_only=True,
            namespace={"__doc__": spec.__doc__, "__module__": spec.__module__},
        )
        _PLANS[cls] = tuple(steps)
        DERIVED_FROM[cls] = model
        return cls  # type: ignore[return-value]

    return build


def derive(cls: type[T], claim: BaseModel, fig: FigOf, where: WhereOf, /, **given: Any) -> T:
    """The record of `claim`: the `given` fields, the others converted from the claim."""
    key = (cls, tuple(given))
    steps = _PENDING.get(key)
    if steps is None:  # once per call site: the steps for the fields it does not give
        steps = _PENDING[key] = tuple((s.field, s.attr, s.kind, s.place) for s in _PLANS[cls] if s.field not in given)
    for name, attr, kind, place in steps:
        value = getattr(claim, attr)
        if kind == _COPY:
            given[name] = value
        elif value is None:
            given[name] = None
        elif kind == _FIGURE:
            given[name] = fig(value, place(claim))  # type: ignore[misc]
        elif kind == _PLACE:
            given[name] = where(value)
        elif kind == _TUPLE:
            given[name] = tuple(value)
        else:
            given[name] = tuple(where(q) for q in value)
    return cls(**given)


_PENDING: dict[tuple[type, tuple[str, ...]], tuple[tuple[str, str, int, Any], ...]] = {}


# ------------------------------------------------------------------ score tables


@derived(F.ScoreNode, places={"stated_gap": "gap_source"})
class Node:
    """One indicator row of a scoring table, with its children. `covered` marks a row
    whose values a sibling's merged cell stands for ('决策 40' covering 决策+过程);
    `understood` is False where the table could not be read cleanly."""

    children: tuple[Node, ...]
    tree: int
    tree_kind: str
    caption: str
    key: str
    path: str
    covered: bool
    parent: str | None
    understood: bool
    stated_deduction: Fig | None  # the points the reason text says were taken


@derived(F.ScoreTree)
class Tree:
    caption: str
    root: Node
    index: int
    by_level: tuple[int, ...]  # number of nodes at level 1, 2, 3, 4
    has_reasons: bool  # some row states a deduction reason (扣分原因)
    where: Where


@derived(F.SectionScore)
class SectionScoreRec:
    """A sentence stating an indicator's weight/score/rate/deduction."""

    key: str
    matches: tuple[Node, ...]  # table rows for the same indicator (not self-assessment)


@derived(F.OverallClaim)
class Overall:
    pass


@derived(F.GradeBand, omit=("source",))
class Band:
    pass


@derived(F.RepeatedPassage, rename={"sources": "places"})
class RepeatedRec:
    """One passage in the analyses of two indicators that both lose points."""

    where: Where


@derived(F.OpposedStatement)
class StatementRec:
    """A phrase a deduction reason negates and the sentences on the same indicator asserting it."""

    where: Where


@derived(F.AllMetClaim)
class AllMetRec:
    """A sentence saying every indicator (of some areas) was met, with the first-level
    rows it speaks of and those of them that lost points."""

    nodes: tuple[Node, ...]
    shortfalls: tuple[Node, ...]


@derived(F.Denial)
class DenialRec:
    """A sentence denying a key phrase, with the sentence on the same subject asserting
    it (`positive`, None when the report asserts it nowhere)."""

    where: Where


@derived(F.NoProblemClaim)
class NoProblemRec:
    """A claim of no problem for the whole project or its funds, with the execution rates
    the report states (`rates`: actuals only) and the highest of them (`highest`)."""

    rates: tuple[Fig, ...]
    highest: Fig | None
    where: Where


# ------------------------------------------------------------------ money, rates, counts


@derived(F.MoneyClaim)
class Money:
    """An amount; `qualifier` (part, remainder, planned, completed: extract/qualifiers.py)
    makes it a different amount from the bare quantity."""


@derived(F.RateClaim)
class Rate:
    numerator: Fig | None
    denominator: Fig | None
    key: str
    text: str


@derived(F.CountClaim)
class Count:
    fig: Fig


@derived(F.Breakdown)
class BreakdownRec:
    """A total and the parts the same sentence breaks it into ("其中…")."""

    parts: tuple[Fig, ...]
    part_labels: tuple[str, ...]
    money: bool


# ------------------------------------------------------------------ targets, surveys, dates, problems


@derived(F.TargetStatus)
class Target:
    """A row of the target table; `level1`/`level2` are name keys."""

    key: str
    table: int | None


@derived(F.SurveyOption)
class Option:
    question: str
    total: Fig | None  # 本题有效填写人次, else the sum of the counts
    multiple_choice: bool | None


@derived(F.SurveyQuestion)
class Question:
    title: str
    options: tuple[Option, ...]
    free_texts: Fig | None  # how many written answers the table after it lists
    key: str
    count_sum: int | None  # None when some option has no count
    percent_sum: Decimal | None
    other: Option | None  # the "其他（请说明）" option, whose answers are written out
    letters: str  # the options' printed letters in order ("ABCDD"); "" when not all lettered
    letter_slip: Option | None  # the first option whose letter breaks A, B, C …


@derived(F.DateClaim)
class DateRec:
    label: str
    earliest: date
    latest: date
    text: str


@derived(F.Duration)
class DurationRec:
    label: str


@derived(F.ProblemList)
class Problems:
    pass


# ------------------------------------------------------------------ forms and result lists


@derived(F.FormFunds)
class FormFundsRec:
    """The funds row of a form. `expected_score` is 分值 × min(执行率, 1) (the rate as
    printed, else spent / budget), None when a figure is missing."""

    reason: str
    where: Where
    rate_value: Decimal | None  # the rate in percent, from the printed rate or the amounts
    expected_score: Decimal | None
    score_tolerance: Decimal | None
    has_reason_column: bool
    reason_given: bool  # the reason cell holds something other than a placeholder or the template's prompt


@derived(F.FormRow)
class FormRowRec:
    """One indicator row of a form. `met` is whether the actual meets the target under
    the row's comparator (None when either is text, units differ or no comparator is
    known); `proportional` is 分值 × the share of the target reached, capped at 分值."""

    comparator: str  # 'text' where the row prints none
    reason: str
    where: Where
    met: bool | None
    proportional: Decimal | None
    ratio: Decimal | None  # actual / target in the target's unit, uncapped (None where `met` is)
    has_reason_column: bool
    reason_given: bool
    form_reason_row: bool  # the form has a closing deviation row (偏差或不能完成目标原因分析)
    form_reason_given: bool  # and it holds a reason (not empty, not 无)
    actual_cell: Where | None  # the actual's cell when it holds text, not a figure
    possibility_cell: Where | None  # a monitoring form's 完成目标可能性 cell
    actual_is_status: bool  # the actual cell holds a status word ("完成", "达成预期指标"), not a figure
    actual_copies_target: bool  # the actual repeats the target with its comparator ("≥90%" for ≥90%)
    target_is_placeholder: bool  # the target cell is "/", "无", "—"
    funds_rate: Fig | None  # the same form's execution rate (funds row), printed
    rate_link: str | None  # 'execution': the row restates that rate; 'balance': its complement


@derived(F.FormSummary, omit=("level1", "weights_note"))
class FormRec:
    """A form as a whole: its indicator rows, how many carry a weight and how many are
    filled in (an actual or a score), and the answer cells still holding prompts."""

    where: Where
    execution_rate: Decimal | None  # the funds row's rate in percent (printed, else from the amounts)
    lost_points: tuple[Where, ...]  # score cells of indicator rows scored below their weight


@dataclass(frozen=True, slots=True)
class FormLevel1Rec(Record):
    """A first-level block of a form (产出, 效益, 满意度, 成本, 执行率 = the funds row) with
    its printed weight (`weight`: the label's, else its rows' sum, placed at `places`), the
    weight the form's own note gives it (`noted`, where the form has a note: `note`), and
    the first-level keys of the whole form (`form_keys`) to tell whether it follows a
    profile's template."""

    table: int
    family: str
    key: str
    name: str
    weight: Decimal | None
    weight_text: str
    from_label: bool
    places: tuple[Where, ...]
    noted: Fig | None
    note: Where | None
    form_keys: tuple[str, ...]


@derived(F.ResultRow)
class ResultRowRec:
    """A row of a result list: the evaluated item, its funds, score and grade."""

    where: Where


@derived(F.ColumnFormulaRow, omit=("operands",))
class FormulaRowRec:
    """A data row of a table whose header defines a column by a formula ('⑧=④*⑦'):
    `computed` is the formula on the row's cells in the result's printed unit;
    `understood` is False when the rows agree on no unit scale (not checkable)."""

    arithmetic: str  # '2600 × 918 ÷ 10000'
    expected: str | None  # computed, printed at the result's decimals
    understood: bool


# ------------------------------------------------------------------ joins the views make


@dataclass(frozen=True, slots=True)
class Group(Record):
    """Several statements of the same thing (an indicator, a money quantity, a rate,
    a date …) found in different places. `key` names the thing."""

    key: str
    label: str
    members: tuple[Any, ...]
    # False where the members' identity is uncertain (two different totals could both be
    # meant): the group is counted as not checkable, never reported
    understood: bool = True


@dataclass(frozen=True, slots=True)
class FullStatement(Record):
    """An amount said to be paid out in full ('2179万元已全部拨付') and a statement with the
    same verb elsewhere that names the same amount as its base ('资金共2179万元，已完成拨付
    2113.63万元')."""

    verb: str
    stated: Money
    other: Money
    base: Money  # the amount in the other sentence equal to the stated one
    where: Where



@dataclass(frozen=True, slots=True)
class StatedResultRec(Record):
    """A sentence saying one named indicator was missed/late ('missed') or done ('met'),
    with the rows of that name that say the opposite (full points or 已完成 against a
    miss; 0 points or 未完成 against a success)."""

    indicator: str
    said: str
    phrase: str
    linked: int  # rows and targets of that name
    rows: tuple[Node, ...]
    targets: tuple[Target, ...]
    where: Where


@dataclass(frozen=True, slots=True)
class StandardRec(Record):
    """A scoring standard (评分标准) with what is wrong in it, each as the band texts or
    the rates involved (empty: nothing found)."""

    indicator: str
    weight: Fig | None
    same_points: tuple[str, ...]
    points: Decimal | None
    overlap: tuple[str, ...]
    gap: tuple[str, ...]
    formula_rate: str
    own_rate: str
    where: Where


@dataclass(frozen=True, slots=True)
class DetailTable(Record):
    """A detail table: its lines and its stated total (合计)."""

    key: str
    lines: tuple[Money, ...]
    total: Money | None


@dataclass(frozen=True, slots=True)
class Budget(Record):
    """The money facts for one period and fund, each the value most places state."""

    key: str
    period: str | None
    fund: str | None
    budget: Money | None
    additions: tuple[Money, ...]
    reductions: tuple[Money, ...]
    adjusted: Money | None
    carryover: Money | None
    received: Money | None
    spent: Money | None
    balance: Money | None


@dataclass(frozen=True, slots=True)
class CountCheck(Record):
    """A stated count next to what the tables show: `candidates` has one number per
    table that could be the one counted (charitable: any may match)."""

    claim: Count
    candidates: tuple[int, ...]
    tables: tuple[Where, ...]
    sources: tuple[str, ...] = ()  # per candidate: "23（附件1 指标体系及评分表）"
    rows: tuple[Where, ...] = ()  # target rows whose status no stated count accounts for


@dataclass(frozen=True, slots=True)
class ScoredTarget(Record):
    """A target row of a self-assessment form and the score the same row gives it."""

    target: Target
    node: Node


@dataclass(frozen=True, slots=True)
class Pair(Record):
    """Two statements of the same indicator: a self-assessment row and the evaluator's."""

    key: str
    name: str
    self_node: Node
    eval_node: Node


@dataclass(frozen=True, slots=True)
class Report(Record):
    """Report-wide values, each the one most places state (None when not stated)."""

    file: str
    total: Fig | None
    total_weight: Fig | None
    grade: str | None
    self_score: Fig | None
    self_grade: str | None
    bands_stated: bool
    evaluation_start: DateRec | None
    evaluation_end: DateRec | None
    fieldwork_start: DateRec | None
    fieldwork_end: DateRec | None
    report_date: DateRec | None
    respondents: int | None
    assessed_year: DateRec | None = None  # the budget year looked back on (year precision)
    project_start: DateRec | None = None  # the project's own start (项目开始实施), when stated consistently


def record_types() -> list[type[Record]]:
    """Every record class, for the sandbox's attribute allow-list. A slotted dataclass
    is a copy of the class first made, which lingers among the subclasses until
    collected: only the class its module exposes counts."""
    out: list[type[Record]] = []
    stack: list[type] = [Record]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if getattr(sys.modules.get(sub.__module__), sub.__qualname__, None) is sub:
                out.append(sub)
    return sorted(out, key=lambda c: c.__name__)


def is_number(x: object) -> bool:
    return isinstance(x, int | Decimal) and not isinstance(x, bool)


# ------------------------------------------------------------------ result lists (joins)


@dataclass(frozen=True, slots=True)
class GradeCountRec(Record):
    """One grade of a result list: how many rows the list gives it and how many the notice
    above the list says (`stated`), e.g. 良: 7 rows, stated 8."""

    grade: str
    rows: int
    stated: Fig | None


@dataclass(frozen=True, slots=True)
class ResultListRec(Record):
    """A result list as a whole with the notice's count of its items per grade. `grades`
    is empty when a row has no grade (then the per-grade counts are not checkable)."""

    table: int
    rows: int
    graded: bool
    grades: tuple[GradeCountRec, ...]
    stated_total: Fig | None
    stated_text: str  # '良 8、中 1' (the notice's counts per grade)
    listed_text: str  # '良 7、中 1' (the list's rows per grade)
    where: Where


@dataclass(frozen=True, slots=True)
class ProseResultRec(Record):
    """Results listed in one sentence. `order_slip` names the first pair out of rank order
    ('青阳县 90 < 贵池区 91') when the sentence says it ranks them, else None."""

    names: tuple[str, ...]
    scores: tuple[Fig, ...]
    ranked: bool
    order_slip: str | None
    slip_score: Fig | None  # the score that should not come after a lower one
    where: Where
