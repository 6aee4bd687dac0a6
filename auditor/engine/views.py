"""Collections the rules iterate over, built once per file from `Facts`.

Views only arrange what extraction found: they flatten score trees, group statements of
the same thing, pick the value most places state, and resolve layout quirks (a merged
cell standing for two indicators). They never decide what is wrong; rules do.
Every collection is a tuple of records in document order, so runs are deterministic.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from auditor.engine import form_views, identity, records
from auditor.engine.intervals import MONEY_FACTORS
from auditor.engine.records import (
    AllMetRec,
    Band,
    BreakdownRec,
    Budget,
    Count,
    CountCheck,
    DateRec,
    DenialRec,
    DetailTable,
    DurationRec,
    Fig,
    FormFundsRec,
    FormLevel1Rec,
    FormRec,
    FormRowRec,
    FormulaRowRec,
    FullStatement,
    Group,
    Money,
    Node,
    NoProblemRec,
    Option,
    Overall,
    Pair,
    Problems,
    ProseResultRec,
    Question,
    Rate,
    RepeatedRec,
    Report,
    ResultListRec,
    ResultRowRec,
    ScoredTarget,
    SectionScoreRec,
    StandardRec,
    StatedResultRec,
    StatementRec,
    Target,
    Tree,
    Where,
    derive,
)
from auditor.extract import wording
from auditor.extract.deduction_reasons import stated_deductions
from auditor.extract.keys import (
    indicator_name_key,
    is_bare_total,
    label_key,
    node_key,
    question_key,
    rate_name_key,
)
from auditor.extract.money import without_quantity_words
from auditor.extract.option_letters import letters_of
from auditor.facts import Facts, MoneyClaim, Operand, Quote, ScoreNode, ScoreTree
from auditor.models import Location
from auditor.normalize import compact
from auditor.numbers import Num
from auditor.tables.units import trailing_money_unit

T = TypeVar("T")

# The standard bands used when a report states none: 优 ≥90, 良 80–90, 中 60–80, 差 <60.
STANDARD_BANDS: tuple[Band, ...] = tuple(
    Band(grade=g, lower=lo, lower_inclusive=True, upper=up, upper_inclusive=False)
    for g, lo, up in (
        ("优", Decimal(90), None),
        ("良", Decimal(80), Decimal(90)),
        ("中", Decimal(60), Decimal(80)),
        ("差", None, Decimal(60)),
    )
)

# Money quantities that name one amount each (a detail line or a table total does not).
AGREEING_QUANTITIES = (
    "budget",
    "addition",
    "reduction",
    "adjusted_budget",
    "received",
    "spent",
    "balance",
    "carryover",
    "estimate",
    "bid",
    "contract",
    "investment",
)
DATE_KINDS_STATED_ONCE = (
    "evaluation_start",
    "evaluation_end",
    "fieldwork_start",
    "fieldwork_end",
    "report_date",
)
COUNT_KINDS_STATED_ONCE = (
    "indicators_level1",
    "indicators_level2",
    "indicators_level3",
    "questionnaires_issued",
    "questionnaires_returned",
    "questionnaires_valid",
    "questionnaires_group",
)
EVALUATOR_TREE_KINDS = ("summary", "annex", "section", "other")
TOTAL_TREE_KINDS = ("summary", "annex")

# The keys (indicator_name_key, label_key, node_key) live in auditor/extract/keys.py;
# they are re-exported here for the callers that import them from the views.
__all__ = ["Views", "indicator_name_key", "label_key", "node_key", "most_common"]


def most_common(items: Sequence[T], key: Callable[[T], object]) -> T | None:
    """The first item whose key is the most frequent (ties: earliest in the document)."""
    if not items:
        return None
    counts = Counter(key(i) for i in items)
    best = max(counts.values())
    for i in items:
        if counts[key(i)] == best:
            return i
    return None


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


# ------------------------------------------------------------------ views

DATE_KIND_LABELS = {
    "evaluation_start": "评价开始日期",
    "evaluation_end": "评价结束日期",
    "fieldwork_start": "现场工作开始日期",
    "fieldwork_end": "现场工作结束日期",
    "report_date": "报告日期",
    "assessed_year": "评价年度",
}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


class Views:
    """Lazily built collections over one file's Facts. `quotes[ref]` is the Quote a
    `Where(ref, …)` points at."""

    COLLECTIONS: dict[str, str] = {
        "report": "the report as one record: consensus total, grade, self score, key dates, respondents",
        "trees": "every scoring table (score tree)",
        "nodes": "every indicator row of every scoring table, the level-0 total row included",
        "section_scores": "sentences that state an indicator's weight/score/rate/deduction, with the table rows they match",
        "indicator_groups": "the same indicator (same level and name) in two or more evaluator tables",
        "code_groups": "the same indicator code (A11, B32 …) in two or more places",
        "total_scores": "every statement of the overall score (cover, summary, tables) as one group",
        "overall": "overall claims: total score, grade, self score, self grade",
        "grades": "statements of the evaluator's grade",
        "self_grades": "statements of the self-assessment grade",
        "self_scores": "every statement of the unit's self score (自评分值, self-table totals) as one group",
        "self_gaps": "stated differences between the self score and the evaluator's ('比自评得分低8.61分')",
        "grade_groups": "every statement of the evaluator's grade as one group",
        "self_pairs": "first-level indicators in the self-assessment table next to the evaluator's",
        "self_rows": "rows of a self-vs-evaluator table that print their difference (差异), with both scores",
        "money": "every money amount",
        "money_groups": "statements of the same money quantity (quantity, period, fund) in two or more places",
        "budgets": "budget, additions, adjusted total, received, spent, balance per period and fund",
        "detail_tables": "detail tables: their lines and their stated total",
        "table_sums": "totals a money table prints (合计/小计/总计 rows and columns, 到位 = 支出 + 结余) with their parts",
        "rates": "every stated rate or percentage",
        "rate_groups": "the same rate (kind and label) stated in two or more places",
        "counts": "every stated count",
        "breakdowns": "a total and the parts one sentence breaks it into ('114项，其中村级30项，一体机74项')",
        "count_groups": "the same count stated in two or more places",
        "labelled_count_groups": "other counts with the same label (what is counted) stated in two or more places",
        "indicator_counts": "stated indicator counts with the row counts of each table",
        "section_counts": "indicator counts stated for one indicator or section, with that indicator's rows per table",
        "target_counts": "stated counts of completed/partial/uncompleted targets with the table's status counts",
        "targets": "rows of the target table: target, actual, status",
        "scored_targets": "target rows of a self-assessment form with the score the same row gives (target, node)",
        "questions": "questionnaire questions with their options",
        "options": "questionnaire options (one row each) with their question's total",
        "dates": "every stated date",
        "date_groups": "the same date (evaluation start/end, fieldwork start/end, report date) stated twice",
        "durations": "stated durations with the dates they span",
        "problem_lists": "存在问题 / 问题清单 sections",
        "form_funds": "the funds row of a self-assessment or monitoring form (budget, spent, rate, points, reason)",
        "form_rows": "indicator rows of a form: target, actual, comparator, weight, score, reason",
        "forms": "forms as a whole: rows, weighted rows, filled rows, prompts left in answer cells",
        "form_level1": "first-level blocks of a form with their printed weight and the weight the form's note gives",
        "result_rows": "rows of a result list (项目名称 | 资金量 | 得分 | 评价等级)",
        "prose_result_rows": "items of results listed in a sentence that print a grade ('乙县90分，评价等次优秀')",
        "prose_results": "results listed in one sentence (names and scores), with whether it says they are ranked",
        "result_lists": "result lists as a whole: rows per grade, with the notice's count of items per grade above the list",
        "formula_rows": "data rows of a table whose header defines a column by a formula ('⑧=④*⑦')",
        "opposed_statements": "phrases a deduction reason negates, with the sentences on the same indicator that assert them",
        "all_met": "sentences saying every indicator (of the areas named) was met, with the first-level rows that lost points",
        "denials": "sentences denying a key phrase ('尚未建立…制度'), with a sentence on the same subject asserting it",
        "no_problem_claims": "claims of no problem for the whole project or its funds, with the execution rates stated",
        "repeated_passages": "one passage (with a figure) in the analyses of two indicators that both lose points",
        "full_statements": "an amount said paid out in full ('已全部拨付') with another statement of the same verb on the same amount",
        "stated_results": "sentences saying one named indicator was missed, late or done, with the rows of that name saying otherwise",
        "scoring_standards": "评分标准 cells and sentences: bands with the same points, overlapping or leaving a gap, a formula on another rate",
    }
    # The same in Chinese for the Chinese rule pages (a collection missing here shows its English text).
    COLLECTIONS_ZH: dict[str, str] = {
        "report": "整份报告作为一条记录：共识总分、评价等级、自评得分、关键日期、调查对象",
        "trees": "每张评分表（指标树）",
        "nodes": "每张评分表的每个指标行，含总分行（第0级）",
        "section_scores": "说明某项指标分值、得分、得分率或扣分的语句，及其对应的表格行",
        "indicator_groups": "在两张及以上评价表中出现的同一指标（同级、同名）",
        "code_groups": "在两处及以上出现的同一指标编号（A11、B32 等）",
        "total_scores": "总分的每一处表述（封面、摘要、表格），合为一组",
        "overall": "总体结论：总分、评价等级、自评得分、自评等级",
        "grades": "评价机构给出的评价等级的各处表述",
        "self_grades": "自评等级的各处表述",
        "self_scores": "单位自评得分的每一处表述（自评分值、自评表合计），合为一组",
        "self_gaps": "自评得分与评价得分之差的表述（“比自评得分低8.61分”）",
        "grade_groups": "评价等级的每一处表述，合为一组",
        "self_pairs": "自评表中的一级指标及评价表中的同一指标",
        "self_rows": "自评与评价对照表中列出差异的行，含两方得分",
        "money": "每个金额",
        "money_groups": "在两处及以上表述的同一资金数（同一口径、期间、资金来源）",
        "budgets": "按期间和资金来源的预算数、追加、调整后预算、到位、支出、结余",
        "detail_tables": "明细表：各明细行及表中列出的合计",
        "table_sums": "金额表列出的合计（合计/小计/总计行和列、到位 = 支出 + 结余）及其组成部分",
        "rates": "每个比率或百分比",
        "rate_groups": "在两处及以上表述的同一比率（同类、同名）",
        "counts": "每个数量（个数）",
        "breakdowns": "一句话中的总数及其分项（“114项，其中村级30项，一体机74项”）",
        "count_groups": "在两处及以上表述的同一数量",
        "labelled_count_groups": "其他同名（计数对象相同）且在两处及以上表述的数量",
        "indicator_counts": "报告所称的指标个数，及各表的指标行数",
        "section_counts": "就某一指标或章节所称的指标个数，及该指标在各表中的行数",
        "target_counts": "报告所称已完成、部分完成、未完成的目标个数，及目标表中的完成情况统计",
        "targets": "绩效目标表的各行：指标值、实际完成值、完成情况",
        "scored_targets": "自评表中的目标行，及同一行给出的得分",
        "questions": "问卷题目及其选项",
        "options": "问卷选项（每行一个），及所属题目的总人次",
        "dates": "每个日期",
        "date_groups": "表述两次的同一日期（评价开始/结束、现场工作开始/结束、报告日期）",
        "durations": "所称的时长，及其起止日期",
        "problem_lists": "“存在问题”/“问题清单”章节",
        "form_funds": "自评表或监控表的资金行（全年预算数、执行数、执行率、分值、得分、偏差原因）",
        "form_rows": "表的指标行：指标值、实际完成值、比较符、分值、得分、偏差原因",
        "forms": "整张表：各行、有分值的行、已填写的行、留在填写栏中的填报提示",
        "form_level1": "表的一级指标：表中分值，及表自身说明所定分值",
        "result_rows": "评价结果清单的各行（项目名称 | 资金量 | 得分 | 评价等级）",
        "prose_result_rows": "一句话中列出的、带评价等级的各项结果（“乙县90分，评价等次优秀”）",
        "prose_results": "一句话中列出的结果（名称和得分），及是否称已排序",
        "result_lists": "整份评价结果清单：各等级的行数，及清单前通知所称的各等级项目数",
        "formula_rows": "表头以公式定义某列（“⑧=④*⑦”）的表格的数据行",
        "opposed_statements": "扣分理由所否定的表述，及就同一指标作出相反肯定的语句",
        "all_met": "称全部指标（或所列方面的指标）均已达成的语句，及失分的一级指标行",
        "repeated_passages": "在两项均有扣分的指标分析中重复出现的同一段（含数字）文字",
        "full_statements": "称某笔资金“已全部拨付”的表述，及就同一金额使用同一动词的另一表述",
        "stated_results": "称某一指标未完成、滞后或已完成的语句，及同名指标行中相反的记载",
        "scoring_standards": "评分标准单元格和语句：分值相同、区间重叠或留有空档的档次，以及套用其他比率的公式",
        "denials": "否定某一关键表述的语句（“尚未建立…制度”），及就同一主体作出肯定的语句",
        "no_problem_claims": "称整个项目或其资金管理无问题的表述，及报告所述的预算执行率",
    }

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.quotes: list[Quote] = []

    @classmethod
    def record_type(cls, name: str) -> type | None:
        """The record type of a collection's items, read from its property's annotation
        (`tuple[Node, ...]` -> Node), so the declaration cannot drift from the code."""
        attr = vars(cls).get(name)
        fn = getattr(attr, "func", None) or getattr(attr, "fget", None)
        ann = getattr(fn, "__annotations__", {}).get("return", "")
        m = re.fullmatch(r"(?:tuple\[)?(\w+)(?:, \.\.\.\])?", str(ann))
        rec = getattr(records, m.group(1), None) if m else None
        return rec if isinstance(rec, type) and issubclass(rec, records.Record) else None

    def collection(self, name: str) -> tuple[Any, ...]:
        if name not in self.COLLECTIONS:
            raise KeyError(name)
        value = getattr(self, name)
        return value if isinstance(value, tuple) else (value,)

    # ---------------------------------------------------------------- building blocks

    def where(self, quote: Quote) -> Where:
        self.quotes.append(quote)
        return Where(len(self.quotes) - 1, quote.text)

    def location(self, where: Where) -> Location:
        return self.quotes[where.ref].location

    def fig(
        self, n: Num | None, quote: Quote | None, unit: str | None = None, exact: bool = False
    ) -> Fig | None:
        if n is None:
            return None
        unit = "%" if n.percent and unit is None else unit
        return Fig(n.value, n.text, n.decimals, n.percent, unit, exact, self.where(quote) if quote else None)

    def points(self, n: Num | None, quote: Quote | None) -> Fig | None:
        """A score or deduction. Points are awarded in whole or half points unless a formula
        gives decimals, and a computed score is printed with its decimals: a whole-number
        score ('得分15分') is exact, a decimal one (21.94) stands for its rounding interval."""
        return self.fig(n, quote, exact=n is not None and n.decimals == 0)

    def operand(self, op: Operand | None) -> Fig | None:
        if op is None:
            return None
        return self.fig(
            op.number, op.source, op.unit, exact=op.number.decimals == 0 and not op.number.percent
        )

    def record(self, cls: type[T], claim: Any, /, **given: Any) -> T:
        """The record derived from `claim` (records.derive): `given` fields win."""
        return derive(cls, claim, self.fig, self.where, **given)

    def count_fig(self, value: int, quote: Quote) -> Fig:
        return Fig(Decimal(value), str(value), 0, False, None, True, self.where(quote))

    # ---------------------------------------------------------------- scores

    @cached_property
    def _trees(self) -> tuple[tuple[Tree, tuple[Node, ...]], ...]:
        out = []
        for i, tree in enumerate(self.facts.score_trees):
            index = tree.table if tree.table is not None else 1000 + i
            flat: list[Node] = []
            root = self._node(tree, index, tree.root, None, "", flat)
            by_level = tuple(sum(1 for n in flat if n.level == lv) for lv in (1, 2, 3, 4))
            has_reasons = any(n.deduction_reason for n in flat)
            rec = self.record(
                Tree,
                tree,
                caption=tree.caption or "",
                root=root,
                index=index,
                by_level=by_level,
                has_reasons=has_reasons,
                where=root.where,
            )
            out.append((rec, tuple(flat)))
        return tuple(out)

    def _node(
        self,
        tree: ScoreTree,
        index: int,
        n: ScoreNode,
        parent: str | None,
        path: str,
        flat: list[Node],
        covered_by_sibling: bool = False,
    ) -> Node:
        name_path = f"{path}/{n.name}" if path else n.name
        # Reserve the node's own place first so document order survives in `flat`.
        slot = len(flat)
        flat.append(None)  # type: ignore[arg-type]
        covered = _covered_names(n)
        children = tuple(
            self._node(tree, index, c, n.name, name_path, flat, indicator_name_key(c.name) in covered)
            for c in n.children
        )
        # A merged cell naming a group we cannot find among the siblings: the table was
        # not read cleanly, so sums over these children are not checkable.
        # A group left open where its table was cut: its children may be incomplete.
        understood = covered <= {indicator_name_key(c.name) for c in n.children} and not n.cut
        node = self.record(
            Node,
            n,
            tree=index,
            tree_kind=tree.kind,
            caption=tree.caption or "",
            key=node_key(n.level, n.code, n.name) if n.level else "0:total",
            path=name_path,
            # Weights are set by the framework, never rounded results: exact.
            weight=self.fig(n.weight, n.weight_source or n.source, exact=True),
            score=self.points(n.score, n.score_source or n.source),
            deduction=self.points(n.deduction, n.source),
            children=children,
            covered=covered_by_sibling,
            parent=parent,
            understood=understood,
            stated_deduction=self._stated_deduction(n),
            stated_gap=self.points(n.stated_gap, n.gap_source or n.source),
        )
        flat[slot] = node
        return node

    def _stated_deduction(self, n: ScoreNode) -> Fig | None:
        nums = stated_deductions(n.deduction_reason)
        if not nums:
            return None
        quote = n.source  # the reason is a cell of the row
        total = sum((x.value for x in nums), Decimal(0))
        decimals = max(x.decimals for x in nums)
        text = "+".join(x.text for x in nums)
        return Fig(total, text, decimals, False, None, decimals == 0, self.where(quote))

    @cached_property
    def trees(self) -> tuple[Tree, ...]:
        return tuple(t for t, _ in self._trees)

    @cached_property
    def nodes(self) -> tuple[Node, ...]:
        return tuple(n for _, flat in self._trees for n in flat)

    @cached_property
    def _evaluator_nodes(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.tree_kind in EVALUATOR_TREE_KINDS and n.level > 0)

    @cached_property
    def _self_nodes(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.tree_kind == "self" and n.level > 0)

    @cached_property
    def _evaluator_by_name(self) -> dict[str, list[Node]]:
        """Evaluator rows by name key, in document order."""
        out: dict[str, list[Node]] = {}
        for n in self._evaluator_nodes:
            out.setdefault(indicator_name_key(n.name), []).append(n)
        return out

    def _matching_nodes(self, level: int | None, code: str | None, name: str | None) -> tuple[Node, ...]:
        """Evaluator table rows for an indicator named in a sentence: by code, else by name."""
        pool = self._evaluator_nodes
        if code:
            hits = [n for n in pool if n.code and n.code.upper() == code.upper()]
            if hits:
                return tuple(hits)
        if not name:
            return ()
        key = indicator_name_key(name)
        hits = [n for n in self._evaluator_by_name.get(key, ()) if level is None or n.level == level]
        # An ambiguous name (two rows in one table) matches nothing rather than the wrong row.
        per_tree = Counter(n.tree for n in hits)
        return tuple(n for n in hits if per_tree[n.tree] == 1)

    @cached_property
    def section_scores(self) -> tuple[SectionScoreRec, ...]:
        out = []
        for s in self.facts.section_scores:
            matches = self._matching_nodes(s.level, s.code, s.indicator)
            level = s.level if s.level is not None else (matches[0].level if matches else 0)
            out.append(
                self.record(
                    SectionScoreRec,
                    s,
                    key=node_key(level, s.code, s.indicator or ""),
                    weight=self.fig(s.weight, s.source, exact=True),
                    score=self.points(s.score, s.source),
                    deduction=self.points(s.deduction, s.source),
                    matches=matches,
                )
            )
        return tuple(out)

    @cached_property
    def indicator_groups(self) -> tuple[Group, ...]:
        by_key: dict[str, list[Node]] = {}
        for n in self._evaluator_nodes:
            by_key.setdefault(n.key, []).append(n)
        out = []
        for key, members in by_key.items():
            per_tree = Counter(m.tree for m in members)
            if len(per_tree) < 2 or max(per_tree.values()) > 1:
                continue  # one table only, or a name used twice in one table: not the same indicator
            out.append(Group(key, members[0].name, tuple(members)))
        return tuple(out)

    @cached_property
    def code_groups(self) -> tuple[Group, ...]:
        by_code: dict[str, list[Any]] = {}
        for n in (*self._evaluator_nodes, *self._self_nodes):
            if n.code:
                by_code.setdefault(n.code.upper(), []).append(n)
        for s in self.section_scores:
            if s.code and s.indicator:
                by_code.setdefault(s.code.upper(), []).append(s)
        return tuple(Group(k, k, tuple(v)) for k, v in by_code.items() if len(v) > 1)

    # ---------------------------------------------------------------- overall, grades

    @cached_property
    def overall(self) -> tuple[Overall, ...]:
        return tuple(
            self.record(Overall, c, number=self.points(c.number, c.source), where=self.where(c.source))
            for c in self.facts.overall
        )

    @cached_property
    def total_scores(self) -> tuple[Group, ...]:
        members = self._total_statements
        return (Group("total-score", "总分", members),) if len(members) > 1 else ()

    @cached_property
    def _total_statements(self) -> tuple[Fig, ...]:
        """Every statement of the evaluator's overall score: claims and total rows."""
        # in a self-assessment part, "评价得分" is usually the unit's own, unless the
        # sentence names the evaluators ("评价组评价得分88.45分，比自评得分低…")
        members = [
            o.number
            for o in self.overall
            if o.kind == "total_score"
            and o.number is not None
            and (o.context != "self_assessment" or wording.names_evaluators(o.where.text))
        ]
        members += [
            t.root.score for t in self.trees if t.kind in TOTAL_TREE_KINDS and t.root.score is not None
        ]
        return tuple(members)

    @cached_property
    def self_scores(self) -> tuple[Group, ...]:
        members = self._self_statements
        return (Group("self-score", "自评分", members),) if len(members) > 1 else ()

    @cached_property
    def _self_statements(self) -> tuple[Fig, ...]:
        """Every statement of the unit's own score: 自评分值 claims and self-table totals."""
        members = [o.number for o in self.overall if o.kind == "self_score" and o.number is not None]
        members += [t.root.score for t in self.trees if t.kind == "self" and t.root.score is not None]
        return tuple(members)

    @cached_property
    def grades(self) -> tuple[Overall, ...]:
        return tuple(
            o for o in self.overall if o.kind == "grade" and o.grade and o.context != "self_assessment"
        )

    @cached_property
    def self_gaps(self) -> tuple[Overall, ...]:
        return tuple(o for o in self.overall if o.kind == "self_gap" and o.number is not None)

    @cached_property
    def self_grades(self) -> tuple[Overall, ...]:
        return tuple(o for o in self.overall if o.kind == "self_grade" and o.grade)

    @cached_property
    def grade_groups(self) -> tuple[Group, ...]:
        return (Group("grade", "评价等级", self.grades),) if len(self.grades) > 1 else ()

    @cached_property
    def bands(self) -> tuple[Band, ...]:
        seen: dict[str, Band] = {}
        for b in self.facts.grade_bands:
            if b.grade not in seen:
                seen[b.grade] = self.record(Band, b)
        return tuple(seen.values()) or STANDARD_BANDS

    @cached_property
    def self_pairs(self) -> tuple[Pair, ...]:
        evaluator = {}
        # a node that prints its score first (annex groups often leave it blank), the
        # fullest table first among those
        for scored in (True, False):
            for kind in ("annex", "summary", "section", "other"):
                for n in self._evaluator_nodes:
                    if n.level == 1 and n.tree_kind == kind and (n.score is not None) == scored:
                        evaluator.setdefault(n.key, n)
        return tuple(
            Pair(n.key, n.name, n, evaluator[n.key])
            for n in self._self_nodes
            if n.level == 1 and n.key in evaluator
        )

    @cached_property
    def self_rows(self) -> tuple[Pair, ...]:
        """Rows of one self-vs-evaluator table that print their difference (差异): the
        self tree's row and the evaluator's row read from the same table."""
        same_table = {(n.tree, n.key): n for n in self.nodes if n.tree_kind in EVALUATOR_TREE_KINDS}
        return tuple(
            Pair(n.key, n.name, n, same_table[(n.tree, n.key)])
            for n in self.nodes
            if n.tree_kind == "self" and n.stated_gap is not None and (n.tree, n.key) in same_table
        )

    # ---------------------------------------------------------------- money

    @cached_property
    def money(self) -> tuple[Money, ...]:
        out = []
        for m in self.facts.money:
            out.append(self._money_rec(m))
        return tuple(out)

    @staticmethod
    def _yuan(m: Money) -> Decimal:
        return m.amount.value * MONEY_FACTORS[m.unit]

    @cached_property
    def money_groups(self) -> tuple[Group, ...]:
        return identity.groups(
            (m for m in self.money if m.quantity in AGREEING_QUANTITIES), identity.money_key, self._rival_totals
        )

    def _rival_totals(self, members: list[Money]) -> list[Money]:
        """Bare 合计 amounts of two or more tables: each totals its own table's lines, so
        which of them (if any) is the quantity the other statements name is uncertain."""
        bare = [
            m
            for m in members
            if self.location(m.where).table is not None
            and is_bare_total(m.label, without_quantity_words)
        ]
        return bare if len({self.location(m.where).table for m in bare}) > 1 else []

    @cached_property
    def budgets(self) -> tuple[Budget, ...]:
        by_scope: dict[tuple[str, str], dict[str, list[Money]]] = {}
        for m in self.money:
            # a part, a remainder, a completed budget … is not the quantity itself
            if m.quantity in AGREEING_QUANTITIES and m.qualifier is None:
                scope = by_scope.setdefault((m.period or "", m.fund or ""), {})
                scope.setdefault(m.quantity, []).append(m)
        out = []
        for (period, fund), q in by_scope.items():

            def pick(quantity: str, q: dict[str, list[Money]] = q) -> Money | None:
                return most_common(q.get(quantity, []), self._yuan)

            def picks(quantity: str, q: dict[str, list[Money]] = q) -> tuple[Money, ...]:
                one = pick(quantity, q)
                return (one,) if one else ()

            out.append(
                Budget(
                    key=f"{period}|{fund}",
                    period=period or None,
                    fund=fund or None,
                    budget=pick("budget"),
                    additions=picks("addition"),
                    reductions=picks("reduction"),
                    adjusted=pick("adjusted_budget"),
                    carryover=pick("carryover"),
                    received=pick("received"),
                    spent=pick("spent"),
                    balance=pick("balance"),
                )
            )
        return tuple(out)

    @cached_property
    def detail_tables(self) -> tuple[DetailTable, ...]:
        groups: dict[str, dict[str, list[Money]]] = {}
        for m in self.money:
            if m.group and m.quantity in ("detail", "total"):
                groups.setdefault(m.group, {}).setdefault(m.quantity, []).append(m)
        return tuple(
            DetailTable(k, tuple(v.get("detail", ())), (v.get("total") or [None])[0])
            for k, v in groups.items()
            if v.get("detail")
        )

    @cached_property
    def table_sums(self) -> tuple[DetailTable, ...]:
        out = []
        for s in self.facts.money_sums:
            total, *parts = (self._money_rec(m) for m in (s.total, *s.parts))
            out.append(DetailTable(s.key, tuple(parts), total))
        return tuple(out)

    def _money_rec(self, m: MoneyClaim) -> Money:
        amount = self.fig(m.amount, m.source, unit=m.unit)
        assert amount is not None
        return self.record(Money, m, amount=amount, where=amount.where)

    def money_of(self, quantity: str, period: str | None = None, fund: str | None = None) -> Money | None:
        pool = [
            m
            for m in self.money
            if m.quantity == quantity
            and m.qualifier is None
            and (period is None or m.period == period)
            and (fund is None or m.fund == fund)
        ]
        if fund is None:
            # Without a fund, prefer the amounts that name none (the whole, not a part).
            pool = [m for m in pool if m.fund is None] or pool
        return most_common(pool, self._yuan)

    # ---------------------------------------------------------------- rates and counts

    @cached_property
    def rates(self) -> tuple[Rate, ...]:
        out = []
        for r in self.facts.rates:
            value = self.fig(r.value, r.source, unit="%" if r.value.percent else None)
            assert value is not None
            # Operands are raw data: a whole number (79072 cases, 3359600元) is exact; a
            # decimal one (335.96万元) stands for its rounding interval.
            num = self.operand(r.numerator)
            den = self.operand(r.denominator)
            rec = self.record(
                Rate,
                r,
                value=value,
                numerator=num,
                denominator=den,
                key=rate_name_key(r.kind, r.label),
                text=r.source.text,
                where=value.where,
            )
            if identity.is_placeholder_rate(rec, r.source.location.table is not None):
                continue  # a template row of an unused line states nothing
            out.append(rec)
        return tuple(out)

    @cached_property
    def rate_groups(self) -> tuple[Group, ...]:
        return identity.groups(self.rates, identity.rate_key)

    @cached_property
    def counts(self) -> tuple[Count, ...]:
        out = []
        for c in self.facts.counts:
            fig = self.count_fig(c.value, c.source)
            out.append(self.record(Count, c, fig=fig, where=fig.where))
        return tuple(out)

    @cached_property
    def breakdowns(self) -> tuple[BreakdownRec, ...]:
        out = []
        for b in self.facts.breakdowns:
            money = b.unit in MONEY_FACTORS
            # people and items are counted, not rounded; amounts stand for their rounding
            exact = not money
            total = self.fig(b.total, b.source, b.unit if money else None, exact=exact)
            parts = tuple(
                self.fig(p.number, p.source or b.source, b.unit if money else None, exact=exact) for p in b.parts
            )
            assert total is not None
            out.append(
                self.record(
                    BreakdownRec,
                    b,
                    total=total,
                    parts=parts,
                    part_labels=tuple(p.label for p in b.parts),
                    money=money,
                    where=total.where,
                )
            )
        return tuple(out)

    @cached_property
    def count_groups(self) -> tuple[Group, ...]:
        by_key: dict[str, list[Count]] = {}
        for c in self.counts:
            if c.kind in COUNT_KINDS_STATED_ONCE:
                by_key.setdefault(f"{c.kind}|{c.group or ''}", []).append(c)
        return tuple(Group(k, v[0].label, tuple(v)) for k, v in by_key.items() if len(v) > 1)

    @cached_property
    def labelled_count_groups(self) -> tuple[Group, ...]:
        """Other counts ('差评投诉 24件') grouped by what they count, in the report's words."""
        by_key: dict[str, list[Count]] = {}
        for c in self.counts:
            key = label_key(c.label)
            if c.kind == "other" and len(key) >= 2:
                by_key.setdefault(f"{key}|{c.group or ''}", []).append(c)
        return tuple(Group(k, v[0].label, tuple(v)) for k, v in by_key.items() if len(v) > 1)

    def count_of(self, kind: str, group: str | None = None) -> Count | None:
        pool = [c for c in self.counts if c.kind == kind and (group is None or c.group == group)]
        return most_common(pool, lambda c: c.value)

    @cached_property
    def indicator_counts(self) -> tuple[CountCheck, ...]:
        out = []
        for c in self.counts:
            if not c.kind.startswith("indicators_level"):
                continue
            level = int(c.kind[-1])
            cands: list[int] = []
            wheres: list[Where] = []
            sources: list[str] = []
            for tree in self.trees:
                # A section's table lists only that section's indicators, not the framework.
                if tree.kind == "section":
                    continue
                if level <= len(tree.by_level) and tree.by_level[level - 1]:
                    cands.append(tree.by_level[level - 1])
                    wheres.append(tree.where)
                    sources.append(f"{tree.by_level[level - 1]}（{tree.caption or '评分表'}）")
            # Target tables list indicators too (an original target table often has fewer):
            # one row per third-level indicator; merged level-1/2 cells repeat, so count names.
            for rows in self._target_tables.values():
                if level == 3:
                    cands.append(len(rows))
                else:
                    names = {r.level2 if level == 2 else r.level1 for r in rows} - {None}
                    if not names:
                        continue
                    cands.append(len(names))
                wheres.append(rows[0].where)
                sources.append(f"{cands[-1]}（绩效目标表）")
            out.append(CountCheck(c, tuple(cands), tuple(wheres), tuple(sources)))
        return tuple(out)

    @cached_property
    def section_counts(self) -> tuple[CountCheck, ...]:
        """'部门决策类指标共包含2个二级指标、5个三级指标': per evaluator table, the rows at that
        level under the indicator of that name, or every row at that level of the section
        table whose caption names it."""
        out = []
        for c in self.counts:
            level = wording.counted_level(c.label)
            if c.kind != "other" or not c.group or level is None:
                continue
            key = indicator_name_key(c.group)
            cands: list[int] = []
            wheres: list[Where] = []
            for tree, flat in self._trees:
                if tree.kind not in EVALUATOR_TREE_KINDS or not key:
                    continue
                heads = [n for n in flat if 0 < n.level < level and indicator_name_key(n.name) == key]
                if len(heads) == 1:
                    k = _count_at(heads[0], level)
                    where = heads[0].where
                elif not heads and tree.kind == "section" and key in indicator_name_key(tree.caption):
                    k = sum(1 for n in flat if n.level == level)
                    where = tree.where
                else:
                    continue
                if k:
                    cands.append(k)
                    wheres.append(where)
            out.append(CountCheck(c, tuple(cands), tuple(wheres)))
        return tuple(out)

    @cached_property
    def _target_tables(self) -> dict[int, tuple[Target, ...]]:
        tables: dict[int, list[Target]] = {}
        for t in self.targets:
            tables.setdefault(t.table if t.table is not None else -1, []).append(t)
        return {k: tuple(v) for k, v in tables.items()}

    @cached_property
    def target_counts(self) -> tuple[CountCheck, ...]:
        status_of = {
            "targets_completed": "completed",
            "targets_partial": "partial",
            "targets_uncompleted": "uncompleted",
        }
        stated = {status_of[c.kind] for c in self.counts if c.kind in status_of}
        out = []
        for c in self.counts:
            if c.kind not in (*status_of, "targets_total"):
                continue
            cands = []
            wheres = []
            odd: list[Where] = []
            for rows in self._target_tables.values():
                if not any(r.status for r in rows):
                    continue
                if c.kind == "targets_total":
                    cands.append(len(rows))
                else:
                    cands.append(sum(1 for r in rows if r.status == status_of[c.kind]))
                    # a row whose status no stated count covers (a 未完成 where the text
                    # counts only 已完成 and 部分完成) is where a tally usually went wrong
                    odd += [r.where for r in rows if r.status and r.status not in stated]
                wheres.append(rows[0].where)
            out.append(CountCheck(c, tuple(cands), tuple(wheres), rows=tuple(odd)))
        return tuple(out)

    # ---------------------------------------------------------------- targets, surveys

    @cached_property
    def form_funds(self) -> tuple[FormFundsRec, ...]:
        return form_views.funds_records(self.facts, self.fig, self.where)

    @cached_property
    def form_rows(self) -> tuple[FormRowRec, ...]:
        return form_views.row_records(self.facts, self.fig, self.where)

    @cached_property
    def forms(self) -> tuple[FormRec, ...]:
        return form_views.form_records(self.facts, self.fig, self.where)

    @cached_property
    def form_level1(self) -> tuple[FormLevel1Rec, ...]:
        return form_views.level1_records(self.facts, self.fig, self.where)

    @cached_property
    def result_rows(self) -> tuple[ResultRowRec, ...]:
        return form_views.result_records(self.facts, self.fig, self.where)

    @cached_property
    def prose_result_rows(self) -> tuple[ResultRowRec, ...]:
        return form_views.prose_result_rows(self.facts, self.fig, self.where)

    @cached_property
    def prose_results(self) -> tuple[ProseResultRec, ...]:
        return form_views.prose_result_records(self.facts, self.fig, self.where)

    @cached_property
    def result_lists(self) -> tuple[ResultListRec, ...]:
        return form_views.result_list_records(self.facts, self.fig, self.where)

    @cached_property
    def formula_rows(self) -> tuple[FormulaRowRec, ...]:
        return form_views.formula_records(self.facts, self.fig, self.where)

    @cached_property
    def scored_targets(self) -> tuple[ScoredTarget, ...]:
        """Target rows of a self-assessment form that score their own row (指标值 |
        实际完成值 | 分值 | 得分): the target and the self tree's node of that row."""
        rows = {(n.tree, indicator_name_key(n.name)): n for n in self._self_nodes if n.weight is not None}
        for n in self._self_nodes:
            # a form cut by a page break: rows of its continuation carry that piece's table
            piece = self.quotes[n.where.ref].location.table
            if n.weight is not None and piece is not None:
                rows.setdefault((piece, indicator_name_key(n.name)), n)
        return tuple(
            ScoredTarget(t, rows[(t.table, t.key)])
            for t in self.targets
            if t.table is not None and (t.table, t.key) in rows
        )

    @cached_property
    def targets(self) -> tuple[Target, ...]:
        out = []
        for t in self.facts.targets:
            unit = "%" if t.target is not None and t.target.percent else t.unit
            out.append(
                self.record(
                    Target,
                    t,
                    key=indicator_name_key(t.indicator),
                    level1=indicator_name_key(t.level1) if t.level1 else None,
                    level2=indicator_name_key(t.level2) if t.level2 else None,
                    target=self.fig(t.target, t.source, unit),
                    # the actual's own money unit where its cell prints one ("900000元" under ≥100万元)
                    actual=self.fig(
                        t.actual,
                        t.source,
                        "%" if t.actual is not None and t.actual.percent else trailing_money_unit(t.actual_text) or t.unit,
                    ),
                    table=t.source.location.table,
                )
            )
        return tuple(out)

    def target_for(self, label: str) -> Target | None:
        key = indicator_name_key(label)
        hits = [t for t in self.targets if t.key == key]
        return hits[0] if len(hits) == 1 else None

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        out = []
        for i, q in enumerate(self.facts.surveys):
            title = q.title or ""
            counts = [o.count for o in q.options]
            count_sum = (
                int(sum(c.value for c in counts if c is not None))
                if all(c is not None for c in counts)
                else None
            )
            total = self.fig(q.valid_total, q.source, exact=True)
            if total is None and count_sum is not None and counts:
                total = Fig(Decimal(count_sum), str(count_sum), 0, False, None, True, None)
            options = tuple(
                self.record(
                    Option,
                    o,
                    count=self.fig(o.count, o.source, exact=True),
                    question=title,
                    total=total,
                    multiple_choice=q.multiple_choice,
                )
                for o in q.options
            )
            percents = [o.percent for o in q.options]
            out.append(
                self.record(
                    Question,
                    q,
                    key=question_key(q.group, title, i),
                    title=title,
                    options=options,
                    valid_total=self.fig(q.valid_total, q.source, exact=True),
                    count_sum=count_sum,
                    percent_sum=sum((p.value for p in percents if p is not None), Decimal(0))
                    if percents and all(p is not None for p in percents)
                    else None,
                    other=next((o for o in options if wording.is_other_option(o.label)), None),
                    free_texts=self.count_fig(q.free_texts, q.free_texts_source or q.source)
                    if q.free_texts is not None
                    else None,
                    letters=(letters := letters_of([o.label for o in q.options])),
                    letter_slip=next(
                        (o for o, ch, want in zip(options, letters, "ABCDEFGHIJ", strict=False) if ch != want), None
                    ),
                )
            )
        return tuple(out)

    @cached_property
    def options(self) -> tuple[Option, ...]:
        return tuple(o for q in self.questions for o in q.options)

    # ---------------------------------------------------------------- dates, durations, problems

    @cached_property
    def dates(self) -> tuple[DateRec, ...]:
        out = []
        for d in self.facts.dates:
            earliest, latest = d.date, d.date
            if d.precision == "month":
                earliest, latest = d.date.replace(day=1), _month_end(d.date)
            elif d.precision == "year":
                earliest, latest = date(d.date.year, 1, 1), date(d.date.year, 12, 31)
            out.append(
                self.record(DateRec, d, label=d.label or "", earliest=earliest, latest=latest, text=d.source.text)
            )
        return tuple(out)

    @cached_property
    def date_groups(self) -> tuple[Group, ...]:
        by_kind: dict[str, list[DateRec]] = {}
        for d in self.dates:
            if d.kind in DATE_KINDS_STATED_ONCE:
                by_kind.setdefault(d.kind, []).append(d)
        return tuple(
            Group(k.replace("_", " "), DATE_KIND_LABELS.get(k, k), tuple(v)) for k, v in by_kind.items() if len(v) > 1
        )

    def _date(self, kind: str, pick: Callable[[Iterable[DateRec]], DateRec]) -> DateRec | None:
        pool = [d for d in self.dates if d.kind == kind]
        if not pool:
            return None
        # the most precise statement decides ("2024年6月18日" over "2024年6月")
        finest = min(PRECISION_RANK[d.precision] for d in pool)
        return pick(d for d in pool if PRECISION_RANK[d.precision] == finest)

    @cached_property
    def durations(self) -> tuple[DurationRec, ...]:
        out = []
        for d in self.facts.durations:
            value = self.fig(d.value, d.source, exact=True)
            assert value is not None
            out.append(self.record(DurationRec, d, value=value, label=d.label or "", where=value.where))
        return tuple(out)

    @cached_property
    def opposed_statements(self) -> tuple[StatementRec, ...]:
        out = []
        for st in self.facts.statements:
            neg = self.where(st.negative)
            out.append(self.record(StatementRec, st, negative=neg, where=neg))
        return tuple(out)

    @cached_property
    def denials(self) -> tuple[DenialRec, ...]:
        out = []
        for d in self.facts.denials:
            neg = self.where(d.negative)
            out.append(self.record(DenialRec, d, negative=neg, where=neg))
        return tuple(out)

    @cached_property
    def no_problem_claims(self) -> tuple[NoProblemRec, ...]:
        """Each claim with the budget execution rates the report states as actuals (a
        target '≥90%' or a planned rate is no measure of execution)."""
        midyear = re.compile(r"截[至止]\D{0,4}(?:\d{4}\s*年\s*)?(?:[1-9]|1[01])\s*月|上半年|\d+\s*[-—–至~]\s*(?:[1-9]|1[01])\s*月|预计")
        rates = tuple(
            r.value for r in self.rates if r.kind == "execution_rate" and r.qualifier is None and not midyear.search(r.text)
        ) + tuple(f.rate for f in self.form_funds if f.family != "monitoring" and f.rate is not None and f.rate.percent)
        highest = max(rates, key=lambda f: f.value) if rates else None
        out = []
        for c in self.facts.no_problems:
            out.append(self.record(NoProblemRec, c, rates=rates, highest=highest, where=self.where(c.source)))
        return tuple(out)

    @cached_property
    def all_met(self) -> tuple[AllMetRec, ...]:
        """Linked by the area's name: for 'all met', to the first-level rows of every
        scoring table (产出, 效益, 满意度 when the sentence names none); for 'no problems
        in X', to the rows of any level whose name is X or starts with it (资金使用 ->
        资金使用合规性)."""
        out = []
        for c in self.facts.all_met:
            areas = tuple(c.areas) or wording.ALL_MET_AREAS
            scored = [
                n
                for n in self.nodes
                if n.level >= 1 and n.understood and not n.covered and n.score is not None and n.weight is not None
            ]
            if c.kind == "met":
                linked = tuple(n for n in scored if n.level == 1 and any(a in n.name for a in areas))
            else:
                linked = tuple(n for n in scored if any(compact(n.name).startswith(a) for a in areas))
            short = tuple(n for n in linked if n.score.value < n.weight.value)  # type: ignore[union-attr]
            out.append(self.record(AllMetRec, c, nodes=linked, shortfalls=short))
        return tuple(out)

    @cached_property
    def repeated_passages(self) -> tuple[RepeatedRec, ...]:
        out = []
        for r in self.facts.repeated_passages:
            wheres = tuple(self.where(q) for q in r.sources)
            out.append(self.record(RepeatedRec, r, places=wheres, where=wheres[0]))
        return tuple(out)

    @cached_property
    def full_statements(self) -> tuple[FullStatement, ...]:
        """Linked by the verb and by the figure: the other sentence states the same amount
        (same printed value and unit) as its base, and a different amount with the verb."""
        claims, recs = self.facts.money, self.money
        by_sentence: dict[tuple[Location, str], list[int]] = {}
        for i, m in enumerate(claims):
            by_sentence.setdefault((m.source.location, m.source.text), []).append(i)
        out = []
        for i, m in enumerate(claims):
            if m.said_full is None:
                continue
            for j, o in enumerate(claims):
                if j == i or o.said_full or o.quantity not in ("received", "spent") or m.said_full not in o.label:
                    continue
                same = by_sentence[(o.source.location, o.source.text)]
                base = next(
                    (k for k in same if k not in (i, j) and claims[k].unit == m.unit and claims[k].amount.value == m.amount.value),
                    None,
                )
                if base is not None and same.index(base) < same.index(j):
                    out.append(FullStatement(m.said_full, recs[i], recs[j], recs[base], recs[i].where))
                    break
        return tuple(out)

    @cached_property
    def stated_results(self) -> tuple[StatedResultRec, ...]:
        """Linked by name (indicator_name_key) to evaluator rows and target rows. A miss
        is contradicted by full points or 已完成, a success by 0 points or 未完成."""
        out = []
        for r in self.facts.stated_results:
            key = indicator_name_key(r.indicator)
            nodes = [n for n in self._evaluator_nodes if indicator_name_key(n.name) == key and n.understood and not n.covered]
            targets = [t for t in self.targets if t.key == key]
            if r.said in ("missed", "problem"):
                rows = [n for n in nodes if n.score is not None and n.weight is not None and n.weight.value > 0 and n.score.value >= n.weight.value]
                against = [t for t in targets if t.status == "completed" and r.said == "missed"]
            else:
                rows = [n for n in nodes if n.score is not None and n.weight is not None and n.weight.value > 0 and n.score.value == 0]
                against = [t for t in targets if t.status == "uncompleted"]
            where = self.where(r.source)
            out.append(StatedResultRec(r.indicator, r.said, r.phrase, len(nodes) + len(targets), tuple(rows), tuple(against), where))
        return tuple(out)

    @cached_property
    def scoring_standards(self) -> tuple[StandardRec, ...]:
        from auditor.extract import standards as st

        out = []
        for s in self.facts.standards:
            same, over, gap = st.same_points(s), st.overlap(s), st.gap(s)
            foreign = st.foreign_rate(s)
            out.append(
                StandardRec(
                    s.indicator or "",
                    self.fig(s.weight, s.source, exact=True),
                    tuple(b.text for b in same) if same else (),
                    same[0].points if same else None,
                    tuple(b.text for b in over) if over else (),
                    tuple(b.text for b in gap) if gap else (),
                    s.formula_rate or "",
                    foreign or "",
                    self.where(s.source),
                )
            )
        return tuple(out)

    @cached_property
    def problem_lists(self) -> tuple[Problems, ...]:
        return tuple(self.record(Problems, p) for p in self.facts.problems)

    # ---------------------------------------------------------------- the report as a whole

    @cached_property
    def report(self) -> Report:
        total = most_common(self._total_statements, lambda f: f.value)
        weights = [
            t.root.weight for t in self.trees if t.kind in TOTAL_TREE_KINDS and t.root.weight is not None
        ]
        valid = self.count_of("questionnaires_valid")
        by_group = {c.group or c.label: c.value for c in self.counts if c.kind == "questionnaires_group"}
        respondents = valid.value if valid else (sum(by_group.values()) if by_group else None)
        return Report(
            file=self.facts.file,
            total=total,
            total_weight=most_common(weights, lambda f: f.value),
            grade=(most_common(self.grades, lambda o: o.grade) or _NO_GRADE).grade,
            self_score=most_common(self._self_statements, lambda f: f.value),
            self_grade=(most_common(self.self_grades, lambda o: o.grade) or _NO_GRADE).grade,
            bands_stated=bool(self.facts.grade_bands),
            evaluation_start=self._date("evaluation_start", lambda ds: min(ds, key=lambda d: d.earliest)),
            evaluation_end=self._date("evaluation_end", lambda ds: max(ds, key=lambda d: d.latest)),
            fieldwork_start=self._date("fieldwork_start", lambda ds: min(ds, key=lambda d: d.earliest)),
            fieldwork_end=self._date("fieldwork_end", lambda ds: max(ds, key=lambda d: d.latest)),
            report_date=self._date("report_date", lambda ds: max(ds, key=lambda d: d.latest)),
            respondents=respondents,
            assessed_year=self._date("assessed_year", lambda ds: max(ds, key=lambda d: d.latest)),
            project_start=self._date("project_start", lambda ds: min(ds, key=lambda d: d.earliest)),
        )


_NO_GRADE = Overall(kind="grade", number=None, grade=None, context="other", where=Where(-1, ""))


def _count_at(node: Node, level: int) -> int:
    """Rows at `level` under `node`."""
    return sum(1 if c.level == level else _count_at(c, level) for c in node.children if c.level <= level)


def _covered_names(n: ScoreNode) -> set[str]:
    """Names of children that a sibling's merged cell stands for ('决策 40' for 决策+过程)."""
    covered: set[str] = set()
    for c in n.children:
        own = indicator_name_key(c.name)
        covered |= {indicator_name_key(g) for g in c.merged_group} - {own}
    return covered
