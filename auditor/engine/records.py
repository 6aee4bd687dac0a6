"""The read-only records rule expressions see.

Expressions get plain values (Decimal, int, str, bool, date, None), tuples, and these
frozen records — never the pydantic Facts, never objects with live methods. The
sandbox allows attribute access only to the declared fields of a `Record` (and of a
`Rec`, a frozen string-keyed mapping used for rule parameters), so a record is a bag
of values and nothing else. A place in the document is a `Where`: an index into the
runner's table of quotes, so expressions never hold a Location object either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any


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


@dataclass(frozen=True, slots=True)
class Node(Record):
    """One indicator row of a scoring table, with its children. `covered` marks a row
    whose values a sibling's merged cell stands for ('决策 40' covering 决策+过程);
    `understood` is False where the table could not be read cleanly."""

    tree: int
    tree_kind: str
    caption: str
    level: int
    code: str | None
    name: str
    key: str
    path: str
    weight: Fig | None
    score: Fig | None
    rate: Fig | None
    deduction: Fig | None
    deduction_reason: str | None
    children: tuple[Node, ...]
    covered: bool
    parent: str | None
    understood: bool
    where: Where
    stated_deduction: Fig | None = None  # the points the reason text says were taken
    stated_gap: Fig | None = None  # 差异 column of a self-vs-evaluator table


@dataclass(frozen=True, slots=True)
class Tree(Record):
    index: int
    kind: str
    caption: str
    root: Node
    by_level: tuple[int, ...]  # number of nodes at level 1, 2, 3, 4
    has_reasons: bool  # some row states a deduction reason (扣分原因)
    where: Where


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
class SectionScore(Record):
    indicator: str | None
    code: str | None
    level: int | None
    key: str
    weight: Fig | None
    score: Fig | None
    rate: Fig | None
    deduction: Fig | None
    matches: tuple[Node, ...]  # table rows for the same indicator (not self-assessment)
    where: Where


@dataclass(frozen=True, slots=True)
class Overall(Record):
    kind: str
    number: Fig | None
    grade: str | None
    context: str
    where: Where


@dataclass(frozen=True, slots=True)
class Band(Record):
    grade: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool


@dataclass(frozen=True, slots=True)
class Money(Record):
    quantity: str
    label: str
    amount: Fig
    unit: str
    period: str | None
    fund: str | None
    group: str | None
    where: Where
    qualifier: str | None = None  # part, remainder, planned, completed (extract/qualifiers.py)


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
class StatementRec(Record):
    """A phrase a deduction reason negates and the sentences on the same indicator asserting it."""

    indicator: str
    phrase: str
    negative: Where
    assertions: tuple[Where, ...]
    where: Where
    negated: str = ""  # the negation and its words as printed (highlighted in reports)


@dataclass(frozen=True, slots=True)
class AllMetRec(Record):
    """A sentence saying every indicator (of some areas) was met, with the first-level
    rows it speaks of and those of them that lost points."""

    areas: tuple[str, ...]
    nodes: tuple[Node, ...]
    shortfalls: tuple[Node, ...]
    where: Where
    kind: str = "met"


@dataclass(frozen=True, slots=True)
class RepeatedRec(Record):
    """One passage in the analyses of two indicators that both lose points."""

    indicators: tuple[str, ...]
    passage: str
    places: tuple[Where, ...]
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
class Rate(Record):
    kind: str
    label: str
    key: str
    value: Fig
    numerator: Fig | None
    denominator: Fig | None
    formula: str | None
    text: str
    where: Where
    qualifier: str | None = None  # target (指标值) or completed (完成值)
    subject: str | None = None  # what the rate is of, where a table names it apart


@dataclass(frozen=True, slots=True)
class Count(Record):
    kind: str
    value: int
    fig: Fig
    label: str
    group: str | None
    where: Where


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
class Target(Record):
    indicator: str
    key: str
    level1: str | None
    level2: str | None
    comparator: str
    target: Fig | None
    target_text: str
    unit: str | None
    actual: Fig | None
    actual_text: str | None
    status: str | None
    status_text: str | None
    table: int | None
    where: Where


@dataclass(frozen=True, slots=True)
class ScoredTarget(Record):
    """A target row of a self-assessment form and the score the same row gives it."""

    target: Target
    node: Node


@dataclass(frozen=True, slots=True)
class BreakdownRec(Record):
    """A total and the parts the same sentence breaks it into ("其中…")."""

    label: str
    total: Fig
    parts: tuple[Fig, ...]
    part_labels: tuple[str, ...]
    unit: str
    money: bool
    where: Where
    named: bool = False  # the parts are listed names, one each


@dataclass(frozen=True, slots=True)
class Option(Record):
    label: str
    count: Fig | None
    percent: Fig | None
    question: str
    total: Fig | None  # 本题有效填写人次, else the sum of the counts
    multiple_choice: bool | None
    where: Where


@dataclass(frozen=True, slots=True)
class Question(Record):
    key: str
    title: str
    group: str | None
    options: tuple[Option, ...]
    valid_total: Fig | None
    count_sum: int | None  # None when some option has no count
    percent_sum: Decimal | None
    multiple_choice: bool | None
    where: Where
    percent_total: Fig | None = None  # the percentage printed in the question's 合计
    other: Option | None = None  # the "其他（请说明）" option, whose answers are written out
    free_texts: Fig | None = None  # how many written answers the table after it lists
    letters: str = ""  # the options' printed letters in order ("ABCDD"); "" when not all lettered
    letter_slip: Option | None = None  # the first option whose letter breaks A, B, C …


@dataclass(frozen=True, slots=True)
class DateRec(Record):
    kind: str
    date: date
    precision: str
    earliest: date
    latest: date
    label: str
    text: str
    where: Where
    printed: str | None = None


@dataclass(frozen=True, slots=True)
class DurationRec(Record):
    value: Fig
    unit: str
    label: str
    start: date | None
    end: date | None
    where: Where
    within: bool = False  # a deadline: the span must fit in it


@dataclass(frozen=True, slots=True)
class Problems(Record):
    heading: str
    entries: tuple[str, ...]
    says_none: bool
    where: Where


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


def record_types() -> list[type[Record]]:
    """Every record class, for the sandbox's attribute allow-list."""
    out: list[type[Record]] = []
    stack: list[type] = [Record]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            out.append(sub)
            stack.append(sub)
    return sorted(out, key=lambda c: c.__name__)


def is_number(x: object) -> bool:
    return isinstance(x, int | Decimal) and not isinstance(x, bool)


@dataclass(frozen=True, slots=True)
class FormFundsRec(Record):
    """The funds row of a form. `expected_score` is 分值 × min(执行率, 1) (the rate as
    printed, else spent / budget), None when a figure is missing."""

    table: int
    family: str
    label: str
    unit: str | None
    budget_initial: Fig | None
    budget_full: Fig | None
    spent: Fig | None
    rate: Fig | None
    rate_value: Decimal | None  # the rate in percent, from the printed rate or the amounts
    weight: Fig | None
    score: Fig | None
    expected_score: Decimal | None
    score_tolerance: Decimal | None
    has_reason_column: bool
    reason: str
    reason_given: bool  # the reason cell holds something other than a placeholder or the template's prompt
    where: Where


@dataclass(frozen=True, slots=True)
class FormRowRec(Record):
    """One indicator row of a form. `met` is whether the actual meets the target under
    the row's comparator (None when either is text, units differ or no comparator is
    known); `proportional` is 分值 × the share of the target reached, capped at 分值."""

    table: int
    family: str
    name: str
    level1: str | None
    level2: str | None
    comparator: str
    comparator_from: str | None
    target: Fig | None
    target_text: str | None
    unit: str | None
    actual: Fig | None
    actual_text: str | None
    actual_kind: str
    weight: Fig | None
    score: Fig | None
    coefficient: Fig | None
    met: bool | None
    proportional: Decimal | None
    has_reason_column: bool
    reason: str
    reason_given: bool
    possibility: str | None
    inferred: tuple[str, ...]
    where: Where
    actual_cell: Where | None = None  # the actual's cell when it holds text, not a figure
    actual_is_status: bool = False  # the actual cell holds a status word ("完成", "达成预期指标"), not a figure
    target_is_placeholder: bool = False  # the target cell is "/", "无", "—"
    funds_rate: Fig | None = None  # the same form's execution rate (funds row), printed
    rate_link: str | None = None  # 'execution': the row restates that rate; 'balance': its complement


@dataclass(frozen=True, slots=True)
class FormRec(Record):
    """A form as a whole: its indicator rows, how many carry a weight and how many are
    filled in (an actual or a score), and the answer cells still holding prompts."""

    table: int
    family: str
    rows: int
    weighted_rows: int
    filled_rows: int
    total_weight: Fig | None
    total_score: Fig | None
    prompts: tuple[Where, ...]
    problems: Where | None
    problems_none: bool
    execution_rate: Decimal | None  # the funds row's rate in percent (printed, else from the amounts)
    lost_points: tuple[Where, ...]  # score cells of indicator rows scored below their weight
    where: Where


@dataclass(frozen=True, slots=True)
class ResultRowRec(Record):
    """A row of a result list: the evaluated item, its funds, score and grade."""

    table: int
    name: str
    amount: Fig | None
    score: Fig | None
    grade: str | None
    where: Where


@dataclass(frozen=True, slots=True)
class FormulaRowRec(Record):
    """A data row of a table whose header defines a column by a formula ('⑧=④*⑦'):
    `computed` is the formula on the row's cells in the result's printed unit;
    `understood` is False when the rows agree on no unit scale (not checkable)."""

    table: int
    formula: str
    arithmetic: str  # '2600 × 918 ÷ 10000'
    computed: Decimal | None
    expected: str | None  # computed, printed at the result's decimals
    result: Fig
    understood: bool
    where: Where


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
