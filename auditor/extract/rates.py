"""Rates and percentages outside the scoring tables: 资金到位率, 预算执行率, 预算调整率,
完成率/达标率/办结率, 满意度, 占比/比例, 问卷回收率/有效率, and "N%的调查对象…" shares.

A rate's value is the percentage its label leads to ("预算执行率为98.07%", "…=−5.18%");
a percentage inside a formula ("×100%", "×30%") or after a comparison ("≥95%") is not a
value. Where the sentence prints the computation, its operands and the formula text are
kept so the rules can recompute it. 得分率 belongs to the score extractors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.extract.breakdowns import listed_shares
from auditor.extract.counts import GROUP_WORDS, group_word
from auditor.extract.qualifiers import column_qualifier
from auditor.extract.text import TextUnit, iter_sentences_joined
from auditor.facts import Facts, MoneyClaim, Operand, Quote, RateClaim, RateKind
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import note
from auditor.numbers import Num, parse_number
from auditor.tables.lexicon import lexicon
from auditor.tables.units import AMOUNT_WITH_UNIT

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
    r"(?<![\d.])([-−]?\d+(?:\.\d+)?)\s*%\s*的\s*(" + "|".join(_SHARE_WORDS) + r")([\u4e00-\u9fff]{0,14})"
)
_COMPLETE_BUDGET = re.compile(r"完成(预算|计划|目标|年度计划)的\s*([-−]?\d+(?:\.\d+)?)\s*%")
_OPERATOR_BEFORE = re.compile(r"[×*/÷+\-−xX]\s*$")
_OPERATOR_AFTER = re.compile(r"^\s*[×*/÷+\-−xX]")
_CMP_BEFORE = re.compile(
    r"(?:[≥≤<>±＜＞]|不低于|不高于|低于|高于|超过|以上|小于|大于|占|权重分|分值的|扣除|扣|偏离|每)\s*$"
)
_CMP_AFTER = re.compile(r"^\s*(?:以上|以下|以内|及以上|的|得|扣|≤|≥|<|>|”|\"|权重)")
_RATIO = re.compile(r"[（(]\s*([\d.,]+)\s*[-−]\s*([\d.,]+)\s*[)）]\s*/\s*([\d.,]+)")
_DIV = re.compile(r"(?<![\d.,])([\d.,]+)\s*/\s*([\d.,]+)(?![\d.])")
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


_LISTED_SHARE = re.compile(r"\s*[、，,和及与]\s*\d+(?:\.\d+)?\s*%")
_TOPIC = re.compile(r"^\s*(基本支出|项目支出|人员经费|公用经费|三公经费)\s*[：:]")


def _sentence_rates(
    unit: TextUnit,
    facts: Facts,
    topic: str | None = None,
    amounts: list[MoneyClaim] | None = None,
    previous: TextUnit | None = None,
) -> None:
    text = unit.text
    if "%" not in text:
        return
    quote = unit.quote()
    taken: set[int] = set()
    weights = set(_weight_positions(text))  # group weights are read by _weights
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
        if start in weights:
            continue  # an operand of the weighting: the rate comes after it
        if start in taken:
            last_end = end
            continue
        before, after = text[:start], text[end:]
        if _LISTED_SHARE.match(after) and "分别" in text[last_end:start]:
            last_end = end  # "分别占…比重为40%、30%…": read with the parts list (breakdowns)
            continue
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
        if numerator is None and amounts:
            ops = money_operands(rate_kind(label), label, n, amounts, quote)
            if ops is not None:
                numerator, denominator = ops
        if numerator is None:
            ops = _paid_of_total(rate_kind(label), text[:label_start], quote, previous)
            if ops is not None:
                numerator, denominator = ops
        facts.rates.append(
            RateClaim(
                kind=rate_kind(label),
                label=label,
                value=n,
                numerator=numerator,
                denominator=denominator,
                formula=formula,
                qualifier=column_qualifier(compact(between)),
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
    for seg, op in _amounts(head, quote):
        if "决算" in seg or "支出数" in seg or "实际支出" in seg or "执行数" in seg:
            spent = op
        elif "调整" in seg or ("预算" in seg and base is None):
            base = op
    return (spent, base) if spent is not None and base is not None else None


def _amounts(head: str, quote: Quote) -> Iterator[tuple[str, Operand]]:
    """Each amount with unit in `head`, with the text since the previous one (its label)."""
    last = 0
    for m in AMOUNT_WITH_UNIT.finditer(head):
        seg = compact(head[last : m.start()])
        last = m.end()
        n = parse_number(m.group("num"))
        if n is not None:
            yield seg, Operand(label=seg[-8:] or None, number=n, unit=m.group("unit"), source=quote)


_PAID = {"execution_rate": re.compile(r"拨付|支出|支付|使用|执行"), "funding_rate": re.compile(r"到位|拨付")}
_BASE_WORDS = re.compile(r"资金|预算|总额|共计|合计|共")


def _paid_of_total(
    kind: str, head: str, quote: Quote, previous: TextUnit | None = None
) -> tuple[Operand, Operand] | None:
    """ "项目资金共500万元，截至年底已拨付480.5万元，执行率96%": a sentence with exactly two
    amounts, the funds then what was paid of them, and the rate right after the second.
    The funds may close the sentence before, in the same paragraph ("项目资金共500万元。
    截至年底已拨付480.5万元，执行率96%"), when that sentence states no other amount."""
    if kind not in _PAID:
        return None
    found = list(_amounts(head, quote))
    if len(found) == 1 and previous is not None:
        before = list(_amounts(previous.text, previous.quote()))
        if len(before) == 1:
            found = before + found
    if len(found) != 2 or found[0][1].unit != found[1][1].unit:
        return None
    (base_seg, base), (paid_seg, paid) = found
    tail = head[[m for m in AMOUNT_WITH_UNIT.finditer(head)][-1].end() :]
    if len(compact(tail).strip("，,：:为是")) > 0:
        return None  # something stands between the paid amount and the rate
    if not _PAID[kind].search(paid_seg) or not _BASE_WORDS.search(base_seg) or _PAID[kind].search(base_seg):
        return None
    return paid, base


def _budget_operands(head: str, quote: Quote) -> tuple[Operand | None, Operand | None]:
    """In "支出预算为0万元，支出决算为0万元，完成预算的0%": part = 决算, base = 预算."""
    base = part = None
    for seg, op in _amounts(head, quote):
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


# columns of a target table: the target and what was achieved are not two statements of one rate
_TARGET_COLUMNS = ("目标值", "指标值", "完成值", "实际值", "实现值", "预期值", "预计完成", "实际完成")


def _table_rates(table: Table, facts: Facts, by_loc: dict[Location, MoneyClaim] | None = None) -> None:
    by_loc = by_loc or {}
    grid = table.grid()
    texts = [[compact(c.text) if c is not None else "" for c in row] for row in grid]
    if not texts:
        return
    head = "".join("".join(r) for r in texts[:5])
    # A scoring table (a self-assessment form) is read only for the budget rates it prints
    # beside their amounts ("全年预算数 | 全年执行数 | 分值 | 执行率 | 得分").
    money_only = any(w in head for w in _SCORING)
    if money_only and not by_loc:
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
    total_source: Quote | None = None
    if share_col is not None and amount_cols:
        for k, row in enumerate(texts):
            if row and lexicon().total_kind(row[0] or row[min(1, len(row) - 1)], "end") == "total":
                total_amount = parse_number(row[amount_cols[0]]) if amount_cols[0] < len(row) else None
                total_cell = grid[k][amount_cols[0]] if amount_cols[0] < len(grid[k]) else None
                total_source = (
                    Quote(location=total_cell.location, text=total_cell.text) if total_cell is not None else None
                )
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or cell.row != r and cell.row_span == 1:
                continue
            t = texts[r][c]
            n = parse_number(t)
            if n is None or not n.percent:
                continue
            if any(w in h for h in (texts[0][c] if c < len(texts[0]) else "",) for w in _TARGET_COLUMNS):
                continue  # a target or its actual ("目标值 | 完成值"): read as a target row
            col_label = next(
                (
                    texts[k][c]
                    for k in range(r - 1, -1, -1)
                    if texts[k][c] and not lexicon().is_nil(texts[k][c]) and parse_number(texts[k][c]) is None
                ),
                "",
            )
            row_parts: list[str] = []
            for k in range(c):
                t = texts[r][k]
                if t and parse_number(t) is None and t not in row_parts and not lexicon().is_nil(t):
                    row_parts.append(t)
            row_label = "".join(row_parts[-2:])
            label = col_label if _LABEL.search(col_label) else (row_label if _LABEL.search(row_label) else "")
            if not label:
                continue
            other = row_label if label == col_label else col_label
            full = _clean_label(
                f"{other}{label}" if other and rate_kind(label) in ("share", "completion_rate") else label
            )
            if money_only and rate_kind(label) not in _BASES:
                continue
            # A rate named by its column is the rate of its row's line (财政资金, 单位资金);
            # one named by its row is qualified by its column (指标值 vs 完成值).
            subject = row_label if label == col_label else None
            # the nearest header above that qualifies the column (a form's header row may sit mid-table)
            qualifier = (
                next((q for k in range(r - 1, -1, -1) if (q := column_qualifier(texts[k][c]))), None)
                if label != col_label
                else None
            )
            numerator = denominator = None
            if c == share_col and amount_cols and total_amount is not None:
                a = parse_number(texts[r][amount_cols[0]])
                amount_cell = grid[r][amount_cols[0]]
                if a is not None and not a.percent and amount_cell is not None:
                    numerator = Operand(
                        label=row_label or None,
                        number=a,
                        source=Quote(location=amount_cell.location, text=amount_cell.text),
                    )
                    denominator = Operand(label="总计", number=total_amount, source=total_source)
            if numerator is None and by_loc:
                in_row = label == col_label
                line = grid[r] if in_row else [g[c] for g in grid]
                amounts = [by_loc[x.location] for x in line if x is not None and x.location in by_loc]
                ops = money_operands(rate_kind(label), full, n, amounts)
                if ops is None and not amounts and rate_kind(label) in _NIL_BASES:
                    ops = _nil_operands(line[:c] if in_row else line[:r])
                if ops is None and money_only:
                    continue
                if ops is not None:
                    numerator, denominator = ops
                    if (
                        in_row
                        and full in _CANONICAL
                        and (_money_rows(grid, by_loc) == 1 or lexicon().total_kind(row_label, "end") == "total")
                    ):
                        full = _CANONICAL[full]  # the only line of the table: the project's own rate
                        subject = None
            facts.rates.append(
                RateClaim(
                    kind=rate_kind(label),
                    label=full[:30],
                    value=n,
                    numerator=numerator,
                    denominator=denominator,
                    qualifier=qualifier,
                    subject=subject or None,
                    source=Quote(location=cell.location, text=cell.text),
                )
            )


# rates of an amount over a budget: a line of nil marks above them has nothing to complete
_NIL_BASES = ("execution_rate", "funding_rate", "completion_rate")


def _nil_operands(before: list[Cell | None]) -> tuple[Operand, Operand] | None:
    """A rate printed at the end of a line whose amounts are all nil marks ('-' for 年初预算,
    调整预算 and 决算 of a column with no money): 0/0, which no rate can describe. Two nil
    cells at least, and no figure among them."""
    nil = [x for x in before if x is not None and lexicon().is_nil(x.text)]
    if len(nil) < 2 or any(x is not None and parse_number(compact(x.text)) is not None for x in before):
        return None
    zero = Num(value=Decimal(0), text=nil[-1].text.strip(), decimals=0)
    quote = Quote(location=nil[-1].location, text=nil[-1].text)
    return (
        Operand(label=None, number=zero, source=Quote(location=nil[-2].location, text=nil[-2].text)),
        Operand(label=None, number=zero, source=quote),
    )


def _money_rows(grid: list[list], by_loc: dict[Location, MoneyClaim]) -> int:  # type: ignore[type-arg]
    return sum(1 for row in grid if any(x is not None and x.location in by_loc for x in row))


def extract_rates(doc: Document, facts: Facts) -> None:
    by_loc: dict[Location, MoneyClaim] = {}
    in_sentence: dict[Location, list[MoneyClaim]] = {}
    for m in facts.money:
        if m.quantity in ("budget", "adjusted_budget", "received", "spent") and m.group is None:
            by_loc.setdefault(m.source.location, m)
            in_sentence.setdefault(m.source.location, []).append(m)
    # Cells keep the location of the fragment they came from when a reader joined a
    # table split over pages, so collect every table index a scoring table's cells carry.
    scoring_tables: set[int | None] = set()
    # A cover table is a scoring table too ("评价分值 | 85.39"), but its "满意度得分 |
    # 工作人员满意度86.67%，…" row reports results, not criteria: that row is read.
    result_rows: set[tuple[int | None, int | None]] = set()
    for t in doc.tables():
        head = "".join(compact(c.text) for row in t.rows[:5] for c in row)
        if any(w in head for w in _SCORING_SENTENCES):
            scoring_tables.add(t.index)
            scoring_tables.update(c.location.table for c in t.iter_cells())
            for row in t.rows:
                texts = {compact(c.text) for c in row if compact(c.text)}
                if row and "满意" in compact(row[0].text) and len(texts) == 2:
                    result_rows.update((c.location.table, c.location.row) for c in row)
    topic: str | None = None
    para: tuple[int | None, int | None] | None = None
    last_sentence: TextUnit | None = None  # the sentence before, in the same paragraph or cell
    last_key: tuple[int | None, ...] | None = None
    for unit in iter_sentences_joined(doc):
        if (
            unit.in_table
            and unit.location.table in scoring_tables
            and (unit.location.table, unit.location.row) not in result_rows
        ):
            continue
        _weights(unit, facts)
        key = (unit.location.block, unit.location.table)
        if key != para:
            # "基本支出：…预算调整率为42.54%" is the basic expenditure's rate, not the department's.
            para = key
            m = _TOPIC.match(unit.text)
            topic = m.group(1) if m else None
        here = (unit.location.block, unit.location.table, unit.location.row, unit.location.col)
        previous = last_sentence if last_sentence is not None and last_key == here else None
        last_sentence, last_key = unit, here
        if unit.in_table and parse_number(compact(unit.text)) is not None:
            continue  # a bare number cell is read with its table's labels below
        try:
            _sentence_rates(unit, facts, topic, in_sentence.get(unit.location), previous)
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(note("sentence_skipped", part="rates", text=unit.text[:40], reason=str(exc)))
    for block in doc.blocks:
        if isinstance(block, Paragraph) and "分别" in block.text:
            facts.rates.extend(listed_shares(block))
    for table in doc.tables():
        try:
            _table_rates(table, facts, by_loc)
        except (ValueError, IndexError, ArithmeticError) as exc:
            facts.notes.append(note("table_skipped", part="rates", table=table.index + 1, reason=str(exc)))


# ---------------------------------------------------------------- operands from the money read

# A budget rate printed next to the amounts it is computed from — in the same table row
# ("实际到位 | 实际支出 | … | 到位率 | 执行率"), the same column ("决算数 … | 预算完成率"),
# or the same sentence ("年初预算228.09万元，调整预算217.57万元，预算调整率-4.61%") — is
# recomputed from those amounts. Bases are tried in the usual order of the formula; the
# first that reproduces the printed rate is kept, else the first present.
_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "funding_rate": ("received", ("adjusted_budget", "budget")),
    "execution_rate": ("spent", ("received", "adjusted_budget", "budget")),
    "completion_rate": ("spent", ("adjusted_budget", "received", "budget")),
    "adjustment_rate": ("adjusted_budget", ("budget",)),
}
_MONEY_RATE_WORDS = ("预算", "资金", "支出", "执行", "到位", "调整")
_CANONICAL = {"到位率": "资金到位率", "执行率": "预算执行率", "调整率": "预算调整率"}


def _close(num: Num, den: Num, value: Num, diff_of: Num | None = None) -> bool:
    """Does num/den (num − diff_of / den for a change) reproduce the printed percentage,
    each figure standing for its rounding interval?"""
    if den.value == 0:
        return False
    top = num.value - (diff_of.value if diff_of is not None else 0)
    slack_top = _half(num) + (_half(diff_of) if diff_of is not None else 0)
    lo_d, hi_d = den.value - _half(den), den.value + _half(den)
    if lo_d <= 0 <= hi_d:
        return False
    cands = [(top + a) / d * 100 for a in (-slack_top, slack_top) for d in (lo_d, hi_d)]
    return min(cands) - _half(value) <= value.value <= max(cands) + _half(value)


def _half(n: Num) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (n.decimals + 1))


def money_operands(
    kind: str, label: str, value: Num, amounts: list[MoneyClaim], quote: Quote | None = None
) -> tuple[Operand, Operand] | None:
    """Numerator and denominator of a budget rate from the amounts beside it."""
    if kind not in _BASES or (kind == "completion_rate" and "预算" not in label):
        return None
    first: dict[str, MoneyClaim] = {}
    for m in amounts:
        first.setdefault(m.quantity, m)
    top_q, bases = _BASES[kind]
    top = first.get(top_q)
    present = [first[q] for q in bases if q in first]
    if top is None or not present:
        return None
    units = {m.unit for m in (top, *present)}
    if len(units) > 1:
        return None
    if kind == "adjustment_rate":
        base = present[0]
        diff = top.amount.value - base.amount.value
        decimals = max(top.amount.decimals, base.amount.decimals)
        # The change of two rounded amounts may be off by both their half-units.
        number = Num(
            value=diff,
            text=f"{top.amount.text}-{base.amount.text}",
            decimals=decimals - 1 if decimals >= 2 else decimals,
        )
        return (
            Operand(
                label=f"{top.label}−{base.label}"[:30],
                number=number,
                unit=top.unit,
                source=quote or top.source,
            ),
            Operand(label=base.label, number=base.amount, unit=base.unit, source=quote or base.source),
        )
    den = next((b for b in present if _close(top.amount, b.amount, value)), present[0])
    return (
        Operand(label=top.label, number=top.amount, unit=top.unit, source=quote or top.source),
        Operand(label=den.label, number=den.amount, unit=den.unit, source=quote or den.source),
    )


# ---------------------------------------------------------------- satisfaction weights

# "综合满意度=办事群众满意度×60%+工作人员满意度×40%", "按工作人员30%、社会公众70%加权计算":
# each group's weight, labelled by group, so that two statements of it are compared (RATE005).
_GROUPS = "|".join(GROUP_WORDS)
_WEIGHT_TIMES = re.compile(
    r"(" + _GROUPS + r")(?:卷|问卷)?(?:综合)?满意度\s*[×*xX]\s*(\d+(?:\.\d+)?)\s*[%％]"
)
_WEIGHT_LIST = re.compile(
    r"按((?:(?:" + _GROUPS + r")\s*\d+(?:\.\d+)?\s*[%％]\s*[、，,和及与]?\s*){2,})(?:的权重)?加权"
)
_WEIGHT_ITEM = re.compile(r"(" + _GROUPS + r")\s*(\d+(?:\.\d+)?)\s*[%％]")


def _weight_positions(text: str) -> list[int]:
    out = [m.start(2) for m in _WEIGHT_TIMES.finditer(text)]
    for m in _WEIGHT_LIST.finditer(text):
        out += [m.start(1) + w.start(2) for w in _WEIGHT_ITEM.finditer(m.group(1))]
    return out


def _weights(unit: TextUnit, facts: Facts) -> None:
    text = unit.text
    if "%" not in text and "％" not in text:
        return
    found = [(m.group(1), m.group(2)) for m in _WEIGHT_TIMES.finditer(text)]
    for m in _WEIGHT_LIST.finditer(text):
        found += [(w.group(1), w.group(2)) for w in _WEIGHT_ITEM.finditer(m.group(1))]
    for word, number in found:
        n = parse_number(number + "%")
        g = group_word(word)
        if n is None or g is None:
            continue
        facts.rates.append(RateClaim(kind="share", label=f"{g}满意度权重", value=n, source=unit.quote()))
