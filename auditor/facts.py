"""Facts: what a report claims, with the place each claim stands. Never a judgement.

Extraction turns a `Document` into `Facts`; the rule engine reads only `Facts`.
Every claim carries `source` (a `Quote`: Location + the raw text it came from) and
numbers as `Num` (exact Decimal + printed precision).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from auditor.models import Location
from auditor.notes import Note
from auditor.numbers import Num


class Quote(BaseModel):
    """A place in the document and the text found there (a cell text or a sentence)."""

    location: Location
    text: str


# ---------------------------------------------------------------- score trees

TreeKind = Literal["summary", "section", "annex", "self", "other"]


class ScoreNode(BaseModel):
    """One indicator in a scoring table. Level 0 is the whole (合计/总分)."""

    level: int = Field(description="0 total, 1 一级, 2 二级, 3 三级, 4 四级")
    code: str | None = Field(None, description="A11, B32 … where printed")
    name: str
    weight: Num | None = Field(None, description="分值/权重 as printed")
    score: Num | None = Field(None, description="得分 as printed")
    rate: Num | None = Field(None, description="得分率 as printed (percent)")
    deduction: Num | None = Field(None, description="扣分 where printed as a number")
    deduction_reason: str | None = None
    weight_from_header: bool = Field(False, description="weight read from text like '决策 (20分)'")
    merged_group: list[str] = Field(
        default_factory=list,
        description="names of the groups a single merged cell stands for (e.g. 决策+过程 for a 40)",
    )
    source: Quote
    weight_source: Quote | None = None
    score_source: Quote | None = None
    rate_source: Quote | None = None
    stated_gap: Num | None = Field(
        None, description="差异 column of a self-vs-evaluator table: self − evaluator as printed"
    )
    gap_source: Quote | None = None
    children: list[ScoreNode] = Field(default_factory=list)
    cut: bool = Field(
        False, description="a group still open where its table stops inside a row (the table was cut): its children may be incomplete"
    )


class ScoreTree(BaseModel):
    kind: TreeKind
    caption: str | None = Field(None, description="the table's title, e.g. '表1 绩效评价得分情况表'")
    table: int | None = Field(None, description="document-wide table index")
    root: ScoreNode = Field(description="level-0 node; its children are the first-level indicators")


class SectionScore(BaseModel):
    """A sentence that states an indicator's weight/score/rate/deduction:
    '决策部分满分为20分，此次绩效评价得分15分，得分率为75%', '扣1分，得3分'."""

    indicator: str | None = Field(None, description="indicator name the sentence talks about")
    code: str | None = None
    level: int | None = None
    weight: Num | None = None
    score: Num | None = None
    rate: Num | None = None
    deduction: Num | None = None
    source: Quote


# ---------------------------------------------------------------- overall claims

# self_gap: a stated difference between self and evaluator score ("比自评得分低8.61分")
OverallKind = Literal["total_score", "grade", "self_score", "self_grade", "self_gap"]


class OverallClaim(BaseModel):
    kind: OverallKind
    number: Num | None = Field(None, description="for scores")
    grade: str | None = Field(None, description="优/良/中/差 (or 合格/不合格 …) for grades")
    context: Literal["cover", "summary", "conclusion", "table", "self_assessment", "other"] = "other"
    source: Quote


class GradeBand(BaseModel):
    """One band the report states: 良（80≤得分<90）."""

    grade: str
    lower: Decimal | None = None
    lower_inclusive: bool = True
    upper: Decimal | None = None
    upper_inclusive: bool = False
    source: Quote


# ---------------------------------------------------------------- money

# What makes a figure a different quantity from its bare name (see extract/qualifiers.py).
Qualifier = Literal["part", "remainder", "target", "planned", "completed"]

MoneyQuantity = Literal[
    "budget",  # 年初预算
    "addition",  # 追加
    "reduction",  # 调减
    "adjusted_budget",  # 调整后预算 / 全年预算数
    "received",  # 到位
    "spent",  # 支出 / 执行 / 决算
    "balance",  # 结余 / 结转
    "carryover",  # 上年结转 / 年初结转结余
    "estimate",  # 概算
    "bid",  # 中标价
    "contract",  # 合同价
    "investment",  # 总投资 / 计划投资
    "total",  # 合计 of a detail table
    "detail",  # one detail line
    "other",
]


class MoneyClaim(BaseModel):
    quantity: MoneyQuantity
    label: str = Field(description="the words the amount is attached to")
    amount: Num
    unit: Literal["元", "万元", "亿元"]
    unit_source: Literal["inline", "cell", "row", "column", "note", "assumed"] = "inline"
    period: str | None = Field(None, description="year or period the amount concerns, e.g. '2023年'")
    fund: str | None = Field(None, description="fund or line (项目支出/基本支出/中央资金 …)")
    group: str | None = Field(None, description="key of the detail table this line belongs to")
    qualifier: Qualifier | None = Field(
        None,
        description="part (an instalment, one of a breakdown), remainder (剩余…待拨付), planned or "
        "completed where the words make it a different amount from the bare quantity",
    )
    source: Quote
    said_full: str | None = Field(
        None, description="the verb when the text says the amount was paid out in full: '2179万元已全部拨付' -> 拨付"
    )

    def yuan(self) -> Decimal:
        factor = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}[self.unit]
        return self.amount.value * factor


class MoneySum(BaseModel):
    """Arithmetic a money table prints: a total (合计/小计/总计 row or column, 到位 in
    "到位 = 支出 + 结余") and the figures it should be the sum of (a part subtracted, such
    as a 调减, carries a negative amount)."""

    key: str = Field(description="table, axis and line of the relation, e.g. 't1:sum:r5:5.2'")
    total: MoneyClaim
    parts: list[MoneyClaim]


# ---------------------------------------------------------------- rates

RateKind = Literal[
    "score_rate",  # 得分率
    "funding_rate",  # 资金到位率
    "execution_rate",  # 预算执行率
    "adjustment_rate",  # 预算调整率
    "completion_rate",  # 完成率 / 实现率 / 达标率
    "satisfaction",  # 满意度
    "share",  # 占比 / 比例 / 比重
    "recovery_rate",  # 问卷回收率
    "other",
]


class Operand(BaseModel):
    """A numerator or denominator the report gives for a rate."""

    label: str | None = None
    number: Num
    unit: str | None = None
    source: Quote | None = None


class RateClaim(BaseModel):
    kind: RateKind
    label: str = Field(description="the rate's name as printed, e.g. '资金到位率'")
    value: Num = Field(description="the printed percentage (percent=True) or ratio")
    numerator: Operand | None = None
    denominator: Operand | None = None
    formula: str | None = Field(None, description="the formula text where the report prints one")
    qualifier: Qualifier | None = Field(
        None, description="target where the figure is an indicator value (指标值), completed where an actual"
    )
    subject: str | None = Field(
        None, description="what the rate is of, where a table names it apart from the rate (the row of a rate column)"
    )
    source: Quote


# ---------------------------------------------------------------- counts

CountKind = Literal[
    "indicators_level1",
    "indicators_level2",
    "indicators_level3",
    "indicators_total",  # "共编制12个绩效指标，其中一级指标3个…": all indicators, before the per-level counts
    "targets_total",
    "targets_completed",
    "targets_partial",
    "targets_uncompleted",
    "questionnaires_issued",
    "questionnaires_returned",
    "questionnaires_valid",
    "questionnaires_group",
    "staff",
    "other",
]


class CountClaim(BaseModel):
    kind: CountKind
    value: int
    label: str = Field(description="what is counted, in the report's words")
    group: str | None = Field(None, description="for per-group questionnaire counts: 工作人员, 社会公众 …")
    source: Quote


# ---------------------------------------------------------------- targets

Comparator = Literal["≥", "≤", "=", ">", "<", "text"]
Status = Literal["completed", "partial", "uncompleted", "other"]


class TargetStatus(BaseModel):
    """A row of the indicator target table: 指标值 / 实际完成值 / 完成情况."""

    indicator: str
    level1: str | None = None
    level2: str | None = None
    comparator: Comparator = "text"
    target: Num | None = None
    target_text: str
    unit: str | None = None
    actual: Num | None = None
    actual_text: str | None = None
    status: Status | None = None
    status_text: str | None = None
    source: Quote


# ---------------------------------------------------------------- questionnaires


class SurveyOption(BaseModel):
    label: str
    count: Num | None = None
    percent: Num | None = None
    source: Quote


class SurveyQuestion(BaseModel):
    title: str | None = Field(None, description="the question text above the table")
    group: str | None = Field(None, description="which questionnaire (工作人员/社会公众 …) where known")
    options: list[SurveyOption]
    valid_total: Num | None = Field(None, description="本题有效填写人次")
    multiple_choice: bool | None = Field(None, description="True when the question says 多选")
    source: Quote
    percent_total: Num | None = Field(None, description="the percentage printed in the 合计 column/row")
    percent_total_source: Quote | None = None
    free_texts: int | None = Field(
        None, description="answers listed in the free-text table right after the question (序号 | … | 答案文本)"
    )
    free_texts_source: Quote | None = None


# ---------------------------------------------------------------- dates

DateKind = Literal[
    "evaluation_start",
    "evaluation_end",
    "fieldwork_start",
    "fieldwork_end",
    "report_date",
    "signature",
    "feedback",
    "contract",
    "completion",
    "survey",
    "assessed_year",  # the budget year the report looks back on ("2023年度"), a year-precision date
    "project_start",  # the project's own start (项目于…开始实施), not the evaluation's
    "set_up",  # a body said to exist before the project began (实施前成立…领导小组), dated
    "other",
]


class DateClaim(BaseModel):
    kind: DateKind
    date: date
    precision: Literal["day", "month", "year"] = "day"
    label: str | None = None
    printed: str | None = Field(None, description="the date as printed, e.g. '2024年04月20日'")
    source: Quote


class Duration(BaseModel):
    """A stated duration ("90日历天", "5个月") and, where given, the dates it spans."""

    value: Num
    unit: Literal["日", "天", "日历天", "工作日", "月", "年"]
    label: str | None = None
    start: date | None = None
    end: date | None = None
    source: Quote
    within: bool = Field(
        False, description="a deadline ('合同签订后90日历天内完成'): the dates must fit in it, not equal it"
    )
    minimum: bool = Field(False, description="a minimum ('公示期不少于30日'): the dates must span at least it")


# ---------------------------------------------------------------- problems


class ProblemList(BaseModel):
    """存在问题 / 问题清单: the entries, or says_none when it states '无'."""

    heading: str
    entries: list[str] = Field(default_factory=list)
    says_none: bool = False
    source: Quote
    entry_sources: list[Quote] = Field(default_factory=list, description="the paragraph of each entry, in order")


# ---------------------------------------------------------------- breakdowns


class BreakdownPart(BaseModel):
    label: str
    number: Num
    source: Quote | None = Field(None, description="where the part is stated, when not in the total's sentence")


class Breakdown(BaseModel):
    """A total broken down in the same sentence: "梳理事项114项，其中村级30项，一体机74项",
    "总投资500万元，其中财政资金300万元，自筹资金150万元". Parts share the total's unit."""

    label: str = Field(description="what the total counts, the words before it")
    total: Num
    unit: str
    parts: list[BreakdownPart]
    source: Quote
    named: bool = Field(False, description="the parts are the names a count lists ('共8个，分别为：甲、乙…'), one each")


# ---------------------------------------------------------------- forms (自评表, 监控表)

FormFamily = Literal["project_self", "department_self", "monitoring"]


class FormFunds(BaseModel):
    """The funds row of a self-assessment or monitoring form (年度资金总额 | 年初预算数 |
    全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 原因)."""

    table: int
    family: FormFamily
    label: str
    unit: str | None = Field(None, description="元/万元/亿元 from the block label, header or a note")
    unit_source: Literal["row", "column", "note"] | None = None
    budget_initial: Num | None = None
    budget_full: Num | None = Field(None, description="全年预算数 / 调整后预算数 / 预算数(A)")
    spent: Num | None = Field(None, description="全年执行数 / 预算执行数 / 执行数(B)")
    spent_midyear: Num | None = Field(None, description="1-6月执行数 of a monitoring form")
    spent_forecast: Num | None = None
    rate: Num | None = Field(None, description="执行率 as printed (percent, or a ratio such as '1')")
    weight: Num | None = Field(None, description="分值/权重 of the row, else the block's '(10分)'")
    score: Num | None = None
    reason: str | None = Field(None, description="the 原因/说明 cell; None when the form has no such column")
    reason_is_prompt: bool = Field(False, description="the reason cell holds the template's instructions")
    carryover: Num | None = Field(None, description="the 上年结转 part's budget (its 全年 column, else 年初)")
    full_is_adjusted: bool = Field(False, description="the full-year budget column is headed 调整后预算数")
    base_stated: Literal["full_year", "adjusted", "initial", "initial_plus_carryover"] | None = Field(
        None, description="the execution rate's base as the form's header formula (B/A) or note names it"
    )
    source: Quote
    sources: dict[str, Quote] = Field(default_factory=dict, description="the cell of each figure, by field")


class FormRow(BaseModel):
    """One indicator row of a form: target, actual, weight, score, reason."""

    table: int
    family: FormFamily
    name: str
    level1: str | None = None
    level2: str | None = None
    comparator: Literal["≥", "≤", "=", ">", "<"] | None = None
    comparator_from: Literal["cell", "direction_word"] | None = None
    target: Num | None = None
    target_text: str | None = None
    unit: str | None = None
    actual: Num | None = None
    actual_text: str | None = None
    actual_kind: Literal["actual", "midyear", "forecast"] = "actual"
    weight: Num | None = None
    score: Num | None = None
    coefficient: Num | None = Field(None, description="得分系数 (percent) where the form scores 系数 × 权重")
    reason: str | None = Field(None, description="偏差原因 cell; None when the form has no such column")
    possibility: str | None = Field(None, description="完成目标可能性 of a monitoring form")
    inferred: list[str] = Field(default_factory=list, description="fields whose column was inferred, not certain")
    optional: bool = Field(False, description="an alternative to choose from ('经济效益指标（可选项）'): not a part of any sum")
    source: Quote
    sources: dict[str, Quote] = Field(default_factory=dict)


class FormLevel1(BaseModel):
    """A first-level block of a form with its weight as printed: the label's '(50分)', else
    the sum of its rows' weights (None when a row prints none); 执行率 is the funds row."""

    key: str = Field(description="产出 / 效益 / 满意度 / 成本 / 执行率, else the name without 指标")
    name: str
    weight: Num | None = None
    from_label: bool = False
    sources: list[Quote] = Field(default_factory=list, description="the cells the weight stands in or adds up from")


class NotedWeight(BaseModel):
    key: str
    name: str
    weight: Num = Field(description="in points (a note's '50%' of a 100-point form is 50)")


class WeightsNote(BaseModel):
    """The form's own statement of its first-level weights ('一级指标权重：产出指标50分、…')."""

    source: Quote
    weights: list[NotedWeight]


class FormSummary(BaseModel):
    """One form table as a whole: how much of it is filled in."""

    table: int
    family: FormFamily
    rows: int = Field(description="indicator rows with a name (placeholders left out)")
    weighted_rows: int
    filled_rows: int = Field(description="rows with an actual value or a score")
    total_weight: Num | None = None
    total_score: Num | None = None
    prompts: list[Quote] = Field(default_factory=list, description="answer cells still holding template prompts")
    problems: Quote | None = Field(None, description="the 存在问题 / 偏差原因 answer cell of the form's closing rows")
    problems_none: bool = Field(False, description="that cell says 无 (or 暂无, —)")
    level1: list[FormLevel1] = Field(default_factory=list, description="first-level blocks with their printed weights")
    weights_note: WeightsNote | None = Field(None, description="the form's note fixing the first-level weights")
    source: Quote


class ResultRow(BaseModel):
    """One row of a result list (序号 | 主管部门 | 项目名称 | 资金量 | 得分 | 评价等级)."""

    table: int
    name: str
    department: str | None = None
    amount: Num | None = None
    score: Num | None = None
    grade: str | None = None
    source: Quote
    sources: dict[str, Quote] = Field(default_factory=dict)


class ResultList(BaseModel):
    """A result list as a whole, with the notice's sentence counting its projects per grade
    ("共对9个项目进行了评价…“良”的8个，“中”的1个") when one stands just above it."""

    table: int
    rows: int = Field(description="data rows (one evaluated item each)")
    grades: dict[str, int] | None = Field(None, description="rows per grade (优/良/中/差 …); None: a row has no grade")
    stated: Breakdown | None = Field(None, description="the sentence counting the evaluated items per grade")
    source: Quote


class ProseResultItem(BaseModel):
    name: str
    score: Num
    grade: str | None = None
    source: Quote = Field(description="the score as printed")


class ProseResult(BaseModel):
    """Results listed in one sentence: "排名依次是甲县91.75分，评价等次优秀；乙县90分…"."""

    items: list[ProseResultItem]
    ranked: bool = Field(False, description="the sentence says the items are in rank order (排名依次, 由高到低)")
    source: Quote


class ColumnFormulaRow(BaseModel):
    """One data row of a table whose header defines a column from others ("⑧=④*⑦"):
    the row's cell in that column against the formula applied to its other cells."""

    table: int
    row: int
    formula: str = Field(description="as printed, e.g. '⑧=④*⑦'")
    column: int = Field(description="number of the defined column (⑧ -> 8)")
    scale: Decimal | None = Field(
        None, description="the power of ten most rows agree under (1e-4: 元 operands, 万元 result); None: no clear majority"
    )
    computed: Decimal | None = Field(None, description="the formula's value in the result's printed unit")
    result: Num
    operands: dict[str, Num] = Field(description="column number -> the row's figure")
    source: Quote
    sources: dict[str, Quote] = Field(default_factory=dict, description="column number -> its cell")


class TableCoverage(BaseModel):
    """How the table layer read one table: as which family, and which rows it could not."""

    table: int
    family: str | None = Field(None, description="project_self / department_self / monitoring, None: not a form")
    blocks: list[str] = Field(default_factory=list)
    rows_not_understood: list[int] = Field(default_factory=list)
    read: bool = Field(True, description="some claim quotes a cell of this table")
    figures: int = Field(0, description="cells that hold a number")
    continued_in: list[int] = Field(default_factory=list, description="tables that continue this one")


# ---------------------------------------------------------------- statements


class OpposedStatement(BaseModel):
    """A phrase a deduction reason negates ("绩效目标未细化分解为具体的绩效指标") and the
    sentences of the same indicator's analysis that assert it ("已将…细化分解为具体的绩效指标")."""

    indicator: str
    phrase: str = Field(description="the negated words, e.g. '细化分解为具体的绩效指标'")
    negated: str = Field("", description="the negation with its words as printed in the reason, e.g. '未细化分解为…'")
    negative: Quote
    assertions: list[Quote] = Field(default_factory=list)


class AllMetClaim(BaseModel):
    """A sentence saying every indicator (of some areas) was met: "各项产出指标和效益指标
    均按计划完成", "年度绩效目标全部完成". `areas` are the first-level names it names
    (产出, 效益, 满意度); none named means the targets as a whole."""

    areas: list[str] = Field(default_factory=list)
    source: Quote
    kind: Literal["met", "no_problems"] = Field(
        "met", description="no_problems: '在资金分配、资金使用方面无问题' (areas are indicator names)"
    )


class RepeatedPassage(BaseModel):
    """The same passage (a shortcoming with its figures) in the analyses of two indicators
    that both lose points: one shortcoming possibly deducted twice."""

    indicators: list[str]
    passage: str
    sources: list[Quote]


class StatedResult(BaseModel):
    """A sentence naming one indicator and saying it was missed or late ("项目完成及时性：
    …延期2个月") or done ("…已按期完成"); linked to its rows by the indicator's name."""

    indicator: str = Field(description="the row name the sentence names")
    said: Literal["missed", "met", "problem"] = Field(description="problem: an entry of a problem list naming the indicator")
    phrase: str = Field(description="the key words as printed, e.g. '未按期完成', '滞后2个月'")
    source: Quote


class Denial(BaseModel):
    """A sentence denying a key phrase ("项目单位尚未建立资金管理制度") and, when one is
    found, another sentence of the same report on the same subject asserting it
    ("项目单位已建立资金管理制度")."""

    phrase: str = Field(description="the key phrase, normalised (no 的/了): '建立资金管理制度'")
    topic: str = Field("", description="the indicator or area both sentences speak of; '' for the whole project")
    denied: str = Field(description="the negation and its phrase as printed: '尚未建立资金管理制度'")
    negative: Quote
    asserted: str = Field("", description="the asserting words as printed: '已建立资金管理制度'")
    positive: Quote | None = None


class NoProblemClaim(BaseModel):
    """A claim that there is no problem: "经自查，项目暂无问题", "在资金管理方面不存在问题",
    or a 存在问题 section saying 无. `areas` are the areas named ('资金管理'); none named
    means the whole project."""

    areas: list[str] = Field(default_factory=list)
    source: Quote


class StandardBand(BaseModel):
    """One band of a scoring standard: 'lower ≤ x < upper 得N分' (None: open end)."""

    lower: Decimal | None = None
    lower_inclusive: bool = True
    upper: Decimal | None = None
    upper_inclusive: bool = False
    loose: bool = Field(False, description="an end written 以上/以下 or as a dash range: inclusive or not is unsaid")
    points: Decimal | None = Field(None, description="points given, 满分 resolved against the row's weight")
    text: str


class ScoringStandard(BaseModel):
    """A 评分标准 cell (or sentence) with the bands it gives and the rate a formula names
    ("得分=内容维护率×标准分")."""

    indicator: str | None = None
    weight: Num | None = None
    variable: str | None = Field(None, description="the rate the bands' conditions name, when one")
    variables: int = Field(0, description="how many different rates the conditions name")
    complete: bool = Field(True, description="every scored clause was read as a band (gaps are judged only then)")
    formula_rate: str | None = Field(None, description="the rate a 得分=…×标准分 formula multiplies")
    others: list[str] = Field(default_factory=list, description="other rows' names in the same table")
    bands: list[StandardBand] = Field(default_factory=list)
    source: Quote


# ---------------------------------------------------------------- all facts


class Facts(BaseModel):
    file: str
    score_trees: list[ScoreTree] = Field(default_factory=list)
    section_scores: list[SectionScore] = Field(default_factory=list)
    overall: list[OverallClaim] = Field(default_factory=list)
    grade_bands: list[GradeBand] = Field(default_factory=list)
    money: list[MoneyClaim] = Field(default_factory=list)
    money_sums: list[MoneySum] = Field(default_factory=list, description="totals a money table prints, with their parts")
    rates: list[RateClaim] = Field(default_factory=list)
    counts: list[CountClaim] = Field(default_factory=list)
    targets: list[TargetStatus] = Field(default_factory=list)
    surveys: list[SurveyQuestion] = Field(default_factory=list)
    dates: list[DateClaim] = Field(default_factory=list)
    durations: list[Duration] = Field(default_factory=list)
    problems: list[ProblemList] = Field(default_factory=list)
    breakdowns: list[Breakdown] = Field(default_factory=list, description="totals broken into parts in one sentence")
    form_funds: list[FormFunds] = Field(default_factory=list)
    form_rows: list[FormRow] = Field(default_factory=list)
    forms: list[FormSummary] = Field(default_factory=list)
    result_rows: list[ResultRow] = Field(default_factory=list, description="rows of result lists")
    result_lists: list[ResultList] = Field(default_factory=list, description="result lists as a whole")
    prose_results: list[ProseResult] = Field(
        default_factory=list, description="results listed in a sentence (name, score, grade), ranked or not"
    )
    column_formulas: list[ColumnFormulaRow] = Field(
        default_factory=list, description="rows of tables whose header defines a column by a formula ('⑧=④*⑦')"
    )
    tables: list[TableCoverage] = Field(default_factory=list, description="how each table was read")
    statements: list[OpposedStatement] = Field(
        default_factory=list, description="phrases a deduction reason negates, with the sentences asserting them"
    )
    all_met: list[AllMetClaim] = Field(default_factory=list, description="sentences saying every indicator was met")
    repeated_passages: list[RepeatedPassage] = Field(
        default_factory=list, description="one passage in the analyses of two indicators that both lose points"
    )
    stated_results: list[StatedResult] = Field(
        default_factory=list, description="sentences saying one named indicator was missed, late or done"
    )
    standards: list[ScoringStandard] = Field(default_factory=list, description="评分标准 cells and sentences")
    denials: list[Denial] = Field(
        default_factory=list, description="sentences denying a key phrase, with a sentence on the same subject asserting it"
    )
    no_problems: list[NoProblemClaim] = Field(
        default_factory=list, description="claims of no problem, for the whole project or named areas"
    )
    notes: list[Note] = Field(default_factory=list, description="what extraction could not read (--verbose)")


ScoreNode.model_rebuild()
