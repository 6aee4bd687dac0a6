"""Rates and percentages outside the scoring tables: 资金到位率, 预算执行率, 预算调整率,
完成率/达标率/办结率, 满意度, 占比/比例, 问卷回收率/有效率, and "N%的调查对象…" shares.

A rate's value is the percentage its label leads to ("预算执行率为98.07%", "…=−5.18%");
a percentage inside a formula ("×100%", "×30%") or after a comparison ("≥95%") is not a
value. Where the sentence prints the computation, its operands and the formula text are
kept so the rules can recompute it. 得分率 belongs to the score extractors.
"""

from __future__ import annotations

import re

from auditor.extract.counts import group_word
from auditor.extract.text import TextUnit, iter_sentences_joined
from auditor.extract.units import AMOUNT_WITH_UNIT
from auditor.facts import Facts, Operand, Quote, RateClaim, RateKind
from auditor.models import Document, Table
from auditor.normalize import compact
from auditor.numbers import Num, parse_number

_PCT = re.compile(r"(?<![\d.])([-−]?\d+(?:\.\d+)?)\s*%")
_LABEL = re.compile(r"([\u4e00-\u9fff“”\"]{1,16}?(?:率|满意度|满意率|占比|比例|比重))")
_KINDS: list[tuple[tuple[str, ...], RateKind]] = [
    (("得分率",), "score_rate"),
    (("到位率",), "funding_rate"),
    (("执行率",), "execution_rate"),
    (("调整率",), "adjustment_rate"),
    (("回收率", "有效率", "回收有效率"), "recovery_rate"),
    (("满意度", "满意率"), "satisfaction"),
    (("占比", "比例", "比重"), "share"),
    (
        (
            "完成率",
            "实现率",
            "达标率",
            "办结率",
            "合格率",
            "覆盖率",
            "普及率",
            "维护率",
            "控制率",
            "完好率",
            "及时率",
            "办理率",
        ),
        "completion_rate",
    ),
]
_SHARE_WORDS = ("调查对象", "受访者", "受访群众", "被调查者", "被调查对象", "调查群众", "填写人", "受访对象")
_SHARE = re.compile(
    r"([-−]?\d+(?:\.\d+)?)\s*%\s*的\s*(" + "|".join(_SHARE_WORDS) + r")([\u4e00-\u9fff]{0,14})"
)
_COMPLETE_BUDGET = re.compile(r"完成(预算|计划|目标|年度计划)的\s*([-−]?\d+(?:\.\d+)?)\s*%")
_OPERATOR_BEFORE = re.compile(r"[×*/÷+\-−xX]\s*$")
_OPERATOR_AFTER = re.compile(r"^\s*[×*/÷+\-−xX]")
_CMP_BEFORE = re.compile(
    r"(?:[≥≤<>±＜＞]|不低于|不高于|低于|高于|超过|以上|小于|大于|占|权重分|分值的|扣除|扣|偏离|每)\s*$"
)
_CMP_AFTER = re.compile(r"^\s*(?:以上|以下|以内|及以上|的|得|扣|≤|≥|<|>|”|\"|权重)")
_RATIO = re.compile(r"[（(]\s*([\d.,]+)\s*[-−]\s*([\d.,]+)\s*[)）]\s*/\s*([\d.,]+)")
_DIV = re.compile(r"(?<![\d.])([\d.,]+)\s*/\s*([\d.,]+)(?![\d.])")
_LEAD = re.compile(r"^(?:年度|年|度|的|和|及|与|其中|均|为|是|：|:)+")


def rate_kind(label: str) -> RateKind:
    for words, kind in _KINDS:
        if any(w in label for w in words):
            return kind
    return "other"


def _clean_label(label: str) -> str:
    s = compact(label)
    s = re.split(r"[“\"]", s)[-1].strip('”"')
    s = re.sub(r"^[\d.]+", "", s)
    s = _LEAD.sub("", s)
    return s


def _has_percent_computation(formula: str) -> bool:
    """The first computing part of a formula carries a % (×100%, ×30%): only then does
    it yield a percentage; '(11×100+10×80)/24' already counts in points."""
    for part in formula.split("="):
        kept = "".join(ch for ch in part.translate(_FOLD) if ch.isdigit() or ch in ".%+-*/()")
        if re.search(r"[\d%)]\s*[-+*/]\s*[\d(-]", kept):
            return "%" in kept
    return False


_FOLD = str.maketrans({"×": "*", "÷": "/", "（": "(", "）": ")", "−": "-", "＝": "="})


def _num(text: str) -> Num | None:
    return parse_number(text.replace(",", "")) if text else None


def _operands(formula: str, quote: Quote) -> tuple[Operand | None, Operand | None]:
    m = _RATIO.search(formula)
    if m:
        a, b, d = _num(m.group(1)), _num(m.group(2)), _num(m.group(3))
        if a is not None and b is not None and d is not None:
            decimals = max(a.decimals, b.decimals)
            diff = Num(value=a.value - b.value, text=f"{m.group(1)}-{m.group(2)}", decimals=decimals)
            return Operand(label="差额", number=diff, source=quote), Operand(
                label="基数", number=d, source=quote
            )
    m = _DIV.search(formula)
    if m:
        a, d = _num(m.group(1)), _num(m.group(2))
        if a is not None and d is not None:
            return Operand(number=a, source=quote), Operand(number=d, source=quote)
    return None, None


_TOPIC = re.compile(r"^\s*(基本支出|项目支出|人员经费|公用经费|三公经费)\s*[：:]")


def _sentence_rates(unit: TextUnit, facts: Facts, topic: str | None = None) -> None:
    text = unit.text
    if "%" not in text:
        return
    quote = unit.quote()
    taken: set[int] = set()
    # "完成预算的0%": the base and the part are the amounts the sentence states.
    for m in _COMPLETE_BUDGET.finditer(text):
        n = parse_number(m.group(2) + "%")
        if n is None:
            continue
        taken.add(m.start(2))
        num, den = _budget_operands(text[: m.start()], quote)
        facts.rates.append(
            RateClaim(
                kind="completion_rate",
                label=f"完成{m.group(1)}",
                value=n,
                numerator=num,
                denominator=den,
                source=quote,
            )
        )
    for m in _SHARE.finditer(text):
        n = parse_number(m.group(1) + "%")
        if n is None:
            continue
        taken.add(m.start(1))
        facts.rates.append(
            RateClaim(kind="share", label=f"{m.group(2)}{m.group(3)}"[:20], value=n, source=quote)
        )
    last_end = 0
    for m in _PCT.finditer(text):
        start, end = m.start(1), m.end()
        if start in taken:
            last_end = end
            continue
        before, after = text[:start], text[end:]
        if _CMP_BEFORE.search(before) or _CMP_AFTER.match(after):
            last_end = end  # a threshold or a target ("≥95%", "“满意度=80%”")
            continue
        if _OPERATOR_AFTER.match(after) or (
            _OPERATOR_BEFORE.search(before) and not before.rstrip().endswith("=")
        ):
            continue  # an operand of a formula: the value comes after its "="
        window = text[last_end:start]
        labels = list(_LABEL.finditer(window))
        if not labels:
            last_end = end
            continue
        lab_m = labels[-1]
        eq = min((i for i in (window.find("="), window.find("＝")) if i >= 0), default=-1)
        if eq >= 0:
            # "综合满意度=工作人员满意度88%×30%+…=86.04%": the rate is the one the formula defines.
            before_eq = [lm for lm in labels if lm.end() <= eq and not compact(window[lm.end() : eq])]
            if before_eq:
                lab_m = before_eq[-1]
        label_start = last_end + lab_m.start()
        last_end = end
        label = _clean_label(lab_m.group(1))
        if not label or label.endswith("得分率") or len(label) < 2:
            continue
        between = window[lab_m.end() :]
        if len(compact(between)) > 40 and "=" not in between:
            continue
        n = parse_number(m.group(1).replace("−", "-") + "%")
        if n is None:
            continue
        label = _with_group(label, text, label_start)
        if (
            topic
            and not label.startswith(topic)
            and rate_kind(label) in ("adjustment_rate", "execution_rate", "completion_rate")
        ):
            label = f"{topic}{label}"
        fund_operands = _fund_operands(label, text[:label_start], quote)
        formula = None
        numerator = denominator = None
        if "=" in between or "＝" in between:
            formula = compact(between + text[start:end]).lstrip("=＝")
            if not _has_percent_computation(formula):
                formula = None
            else:
                numerator, denominator = _operands(formula, quote)
        if numerator is None and fund_operands is not None:
            numerator, denominator = fund_operands
        facts.rates.append(
            RateClaim(
                kind=rate_kind(label),
                label=label,
                value=n,
                numerator=numerator,
                denominator=denominator,
                formula=formula,
                source=quote,
            )
        )


def _with_group(label: str, text: str, label_start: int) -> str:
    """'满意度' after '工作人员满意度按第5题计算：' is the staff's: name the group in the label.
    '综合满意度' stays combined unless it is the only satisfaction in the sentence."""
    if rate_kind(label) != "satisfaction" or group_word(label) is not None:
        return label
    if label.startswith("综合") and (len(re.findall("满意度", text)) > 1 or "发放" not in text):
        # Combined, unless the sentence reports one group's own questionnaire
        # ("向办事群众发放调查问卷78份…综合满意度93.32%").
        return label
    g = group_word(text[:label_start])
    return f"{g}{label}" if g else label


_FUND_PREFIX = ("项目支出", "基本支出", "人员经费", "公用经费")


def _fund_operands(label: str, head: str, quote: Quote) -> tuple[Operand, Operand] | None:
    """ "项目支出：…调整预算216.00万元，决算数205.23万元，项目支出执行率95.02%": a fund's
    own execution rate is computed from the fund's amounts in the same sentence, not from
    the department's totals."""
    if rate_kind(label) != "execution_rate" or not label.startswith(_FUND_PREFIX):
        return None
    spent = base = None
    last = 0
    for m in AMOUNT_WITH_UNIT.finditer(head):
        seg = compact(head[last : m.start()])
        last = m.end()
        n = parse_number(m.group("num"))
        if n is None:
            continue
        op = Operand(label=seg[-8:] or None, number=n, unit=m.group("unit"), source=quote)
        if "决算" in seg or "支出数" in seg or "实际支出" in seg or "执行数" in seg:
            spent = op
        elif "调整" in seg or ("预算" in seg and base is None):
            base = op
    return (spent, base) if spent is not None and base is not None else None


def _budget_operands(head: str, quote: Quote) -> tuple[Operand | None, Operand | None]:
    """In "支出预算为0万元，支出决算为0万元，完成预算的0%": part = 决算, base = 预算."""
    base = part = None
    last = 0
    for m in AMOUNT_WITH_UNIT.finditer(head):
        seg = compact(head[last : m.start()])
        last = m.end()
        n = parse_number(m.group("num"))
        if n is None:
            continue
        op = Operand(label=seg[-8:] or None, number=n, unit=m.group("unit"), source=quote)
        if "决算" in seg or "支出数" in seg or "实际" in seg or "完成" in seg:
            part = op
        elif "预算" in seg or "计划" in seg:
            base = op
    return part, base


# ---------------------------------------------------------------- tables

_SCORING = ("得分", "分值", "权重", "评分", "选项", "指标值")
# Sentences in scoring tables are criteria ("≥95%得满分"); a target table's 说明 column
# reports outcomes ("90.33%的调查对象认为…") and is read.
_SCORING_SENTENCES = ("得分", "分值", "权重", "评分")


def _table_rates(table: Table, facts: Facts) -> None:
    grid = table.grid()
    texts = [[compact(c.text) if c is not None else "" for c in row] for row in grid]
    if not texts:
        return
    head = "".join("".join(r) for r in texts[:5])
    if any(w in head for w in _SCORING):
        return
    if any(
        row and (row[0] in ("份数", "人数", "小计") or row[0].startswith(("满意度比率", "比例")))
        for row in texts
    ):
        return  # a questionnaire table: its percentages belong to the options
    header = texts[0]
    share_col = next((c for c, h in enumerate(header) if any(w in h for w in ("占比", "比例", "比重"))), None)
    amount_cols = [c for c, h in enumerate(header) if ("金额" in h or "万元" in h) and c != share_col]
    total_amount: Num | None = None
    if share_col is not None and amount_cols:
        for row in texts:
            if row and re.search(r"(总计|合计)$", row[0] or row[min(1, len(row) - 1)]):
                total_amount = parse_number(row[amount_cols[0]]) if amount_cols[0] < len(row) else None
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or cell.row != r and cell.row_span == 1:
                continue
            t = texts[r][c]
            n = parse_number(t)
            if n is None or not n.percent:
                continue
            col_label = next(
                (
                    texts[k][c]
                    for k in range(r - 1, -1, -1)
                    if texts[k][c] and parse_number(texts[k][c]) is None
                ),
                "",
            )
            row_parts: list[str] = []
            for k in range(c):
                t = texts[r][k]
                if t and parse_number(t) is None and t not in row_parts and t not in ("-", "—"):
                    row_parts.append(t)
            row_label = "".join(row_parts[-2:])
            label = col_label if _LABEL.search(col_label) else (row_label if _LABEL.search(row_label) else "")
            if not label:
                continue
            other = row_label if label == col_label else col_label
            full = _clean_label(
                f"{other}{label}" if other and rate_kind(label) in ("share", "completion_rate") else label
            )
            numerator = denominator = None
            if c == share_col and amount_cols and total_amount is not None:
                a = parse_number(texts[r][amount_cols[0]])
                if a is not None and not a.percent:
                    numerator = Operand(
                        label=row_label or None,
                        number=a,
                        source=Quote(location=cell.location, text=texts[r][amount_cols[0]]),
                    )
                    denominator = Operand(label="总计", number=total_amount)
            facts.rates.append(
                RateClaim(
                    kind=rate_kind(label),
                    label=full[:30],
                    value=n,
                    numerator=numerator,
                    denominator=denominator,
                    source=Quote(location=cell.location, text=cell.text),
                )
            )


def extract_rates(doc: Document, facts: Facts) -> None:
    # Cells keep the location of the fragment they came from when a reader joined a
    # table split over pages, so collect every table index a scoring table's cells carry.
    scoring_tables: set[int | None] = set()
    for t in doc.tables():
        head = "".join(compact(c.text) for row in t.rows[:5] for c in row)
        if any(w in head for w in _SCORING_SENTENCES):
            scoring_tables.add(t.index)
            scoring_tables.update(c.location.table for c in t.iter_cells())
    topic: str | None = None
    para: tuple[int | None, int | None] | None = None
    for unit in iter_sentences_joined(doc):
        if unit.in_table and unit.location.table in scoring_tables:
            continue
        key = (unit.location.block, unit.location.table)
        if key != para:
            # "基本支出：…预算调整率为42.54%" is the basic expenditure's rate, not the department's.
            para = key
            m = _TOPIC.match(unit.text)
            topic = m.group(1) if m else None
        if unit.in_table and parse_number(compact(unit.text)) is not None:
            continue  # a bare number cell is read with its table's labels below
        try:
            _sentence_rates(unit, facts, topic)
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(f"rates: skipped {unit.text[:40]!r}: {exc}")
    for table in doc.tables():
        try:
            _table_rates(table, facts)
        except (ValueError, IndexError, ArithmeticError) as exc:
            facts.notes.append(f"rates: table {table.index + 1} skipped: {exc}")
