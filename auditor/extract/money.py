"""Money amounts: what each amount is (budget, addition, received, spent …), its unit and
where the unit came from, its period and fund, and detail lines with their total.

Prose: an amount is what the words just before it name ("追加预算24.36万元"); an amount
with no such words takes the quantity of the one before it in the sentence ("…基本支出
180.10万元，项目支出155.86万元"), and "合计/共计" after a budget and an addition is the
adjusted budget. Tables: the column names the quantity (年初预算数 | 调整预算数 | 决算数)
and the row the fund, or the other way round; detail tables (明细, or item lines closed
by 小计/合计) give `detail` lines and their `total` under one `group` key.

Dates, counts, percentages, document numbers and phone numbers carry no money unit and
are never read; per-unit prices ("0.02元*用电量", "189000元/年") and thresholds ("3万元
及以上") are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from auditor.extract.breakdowns import PARTS_LIST
from auditor.extract.cn_numerals import cn_to_int
from auditor.extract.qualifiers import qualifier_of
from auditor.extract.text import TextUnit, iter_sentences_joined, preceding_paragraphs
from auditor.facts import Facts, MoneyClaim, MoneyQuantity, MoneySum, Qualifier, Quote
from auditor.models import Cell, Document, Table
from auditor.normalize import compact
from auditor.notes import note
from auditor.numbers import Num, parse_number
from auditor.tables.cells import amount_in_cell as _num_cell
from auditor.tables.lexicon import lexicon
from auditor.tables.rows import is_filled, is_label_row
from auditor.tables.units import AMOUNT_WITH_UNIT, table_unit_cell, unit_in_header, unit_in_note

# Longest first: the alternation tries keywords in order at each position.
_QUANTITY_WORDS: list[tuple[str, MoneyQuantity]] = [
    ("年末结转和结余", "balance"), ("年末结转结余", "balance"), ("年末结余", "balance"),
    ("年初结转结余", "carryover"), ("上年结转结余", "carryover"), ("上年结转", "carryover"),
    ("年初结转", "carryover"), ("以前年度结转", "carryover"),
    ("调整后预算", "adjusted_budget"), ("调整预算数", "adjusted_budget"), ("预算调整数", "adjusted_budget"),
    ("调整预算", "adjusted_budget"), ("全年预算数", "adjusted_budget"), ("全年预算", "adjusted_budget"),
    ("应到位资金", "adjusted_budget"), ("应到位", "adjusted_budget"), ("调整后", "adjusted_budget"),
    ("追加/调减", "addition"), ("追加预算", "addition"), ("追加资金", "addition"), ("追加", "addition"),
    ("调减", "reduction"), ("核减", "reduction"), ("追减", "reduction"),
    ("实际到位", "received"), ("到位资金", "received"), ("到位数", "received"), ("资金到位", "received"),
    ("到位", "received"), ("拨付", "received"),
    ("支出决算", "spent"), ("决算数", "spent"), ("决算", "spent"), ("实际支出", "spent"), ("支出数", "spent"),
    ("实际支付", "spent"), ("全年执行数", "spent"), ("已经支出", "spent"), ("执行数", "spent"), ("已支出", "spent"),
    ("实际使用", "spent"), ("支付", "spent"),
    ("结余资金", "balance"), ("结余", "balance"), ("结转", "balance"), ("剩余资金", "balance"),
    ("年初预算", "budget"), ("年初申报预算", "budget"), ("申报预算", "budget"), ("预算安排", "budget"),
    ("支出预算", "budget"), ("收入预算", "budget"), ("预算数", "budget"), ("预算资金", "budget"),
    ("预算", "budget"),
    ("概算", "estimate"), ("中标价", "bid"), ("中标金额", "bid"), ("中标", "bid"),
    ("合同价", "contract"), ("合同金额", "contract"), ("合同总价", "contract"), ("合同额", "contract"),
    ("总投资", "investment"), ("投资总额", "investment"), ("计划投资", "investment"),
]  # fmt: skip
_QUANTITY_OF = dict(_QUANTITY_WORDS)
# A keyword followed by 率 names a rate ("资金到位率"), not an amount.
_QUANTITY_RE = re.compile(
    "(?:" + "|".join(re.escape(w) for w, _ in sorted(_QUANTITY_WORDS, key=lambda x: -len(x[0]))) + ")(?!率)"
)


def without_quantity_words(label: str) -> str:
    """What a label says besides its money quantity words ('合计 预算数' -> '合计 ')."""
    return re.sub(r"[数额金]+", "", _QUANTITY_RE.sub("", label))
_FUND_WORDS = (
    "基本支出", "项目支出", "人员经费", "公用经费", "三公经费", "本年收入", "本年支出",
    "一般公共预算", "政府性基金", "中央资金", "省级资金", "市级资金", "区级资金", "县级资金",
    "当年财政拨款", "收入",
)  # fmt: skip
_FUND_RE = re.compile("|".join(_FUND_WORDS))
_TOPIC = re.compile(r"^\s*(基本支出|项目支出|人员经费|公用经费|三公经费)\s*[：:]")
_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_FISCAL = re.compile(r"(20\d\d)\s*年度")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:及?以上|及?以下|以内|左右)")
_CN_MONEY = re.compile(r"([零壹贰叁肆伍陆柒捌玖拾佰仟万亿]{2,})\s*元整?")
_PART_WORDS = (("年初预算", "年初预算部分"), ("追加", "追加部分"))
# "资金2179万元目前已全部拨付": the amount is said to be paid out in full (the verb is kept
# so that only a statement with the same verb is compared with it)
_FULL_AFTER = re.compile(r"\s*(?:[，,]\s*)?(?:目前|现|均|已经|已|并|且|于年内|年内){0,3}(?:全部|足额|全额)(拨付|到位|支出|支付)")

# Table vocabulary.
_NOT_MONEY_COL = (
    "分值",
    "得分",
    "权重",
    "扣分",
    "序号",
    "编号",
    "凭证",
    "比例",
    "占比",
    "率",
    "份数",
    "数量",
    "人数",
    "指标值",
    "完成值",
)
_NOT_MONEY_ROW = ("分值", "得分", "权重", "扣分", "份数", "人数", "比例", "占比", "项目数", "类数")
_NOT_MONEY_TABLE = ("选项", "评分标准", "指标解释", "评价要点")
_DETAIL_WORDS = ("明细", "支出事项", "支出项目", "收款方", "摘要")
_MONEY_WORDS = (
    "金额",
    "预算",
    "支出",
    "资金",
    "收入",
    "决算",
    "到位",
    "结余",
    "结转",
    "追加",
    "经费",
    "万元",
    "元",
)


def fiscal_year(doc: Document) -> int | None:
    """The year the report evaluates: the most frequent "20XX年度"."""
    years: Counter[int] = Counter()
    for i, p in enumerate(doc.paragraphs()):
        for m in _FISCAL.finditer(p.text):
            years[int(m.group(1))] += 1
        if i > 400:
            break
    return years.most_common(1)[0][0] if years else None


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the loop finds the last match
        pass
    return last


def _quantity_in(seg: str) -> tuple[MoneyQuantity | None, int]:
    """The quantity keyword nearest the end of `seg` (nearest the amount) and its start."""
    last = None
    for m in _QUANTITY_RE.finditer(seg):
        last = m
    if last is None:
        return None, -1
    return _QUANTITY_OF[last.group(0)], last.start()


def _fund_in(seg: str) -> str | None:
    found = _FUND_RE.findall(seg)
    if not found:
        return None
    f = found[-1]
    if f == "收入" and ("支出" in seg and seg.rfind("支出") > seg.rfind("收入")):
        return None
    return f


def _carry_kind(seg: str, fiscal: int | None) -> MoneyQuantity | None:
    """累计结转结余 with a year: the close of an earlier year is this year's carry-over."""
    if "结转" not in seg and "结余" not in seg:
        return None
    years = [int(y) for y in _YEAR.findall(seg)]
    if not years or fiscal is None:
        return None
    return "carryover" if years[-1] < fiscal else "balance"


_TITLES = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|<[^<>]*>|（[^（）〔]*〔[^（）]*）")  # no nested opener: linear


class _Sentence:
    """Walks the amounts of one sentence, carrying the quantity and fund along."""

    def __init__(self, fiscal: int | None, topic: str | None, prev_quantity: MoneyQuantity | None) -> None:
        self.fiscal = fiscal
        self.topic = topic
        self.quantity: MoneyQuantity | None = prev_quantity
        self.subject: str | None = None  # a fund named before the quantity ("三公经费…支出预算")

    def classify(self, seg: str) -> tuple[MoneyQuantity, str | None, str | None]:
        # Words inside a cited title (《关于追加2023年预算的请示》) name no amount.
        c = compact(_TITLES.sub("", seg))
        q, pos = _quantity_in(c)
        fund_m = _last(_FUND_RE, c)
        fund = _fund_in(c)
        if fund is not None and fund_m is not None and q is not None and fund_m.start() < pos:
            self.subject = fund  # "“三公经费”财政拨款支出预算": the sentence's subject
        carry = _carry_kind(c, self.fiscal) if "累计" in c or re.search(r"20\d\d年", c) else None
        if carry and q in ("balance", "carryover", None):
            q = carry
        total = _last(lexicon().total_pattern("any", ("tally",)), c)  # 合计/共计 after the parts
        if total is not None and (q is None or total.start() > pos + 1):
            if self.quantity in ("budget", "addition", "adjusted_budget"):
                q = "adjusted_budget"
            elif self.quantity is not None:
                q = self.quantity
            elif "资金" in c:
                q = "adjusted_budget"
            else:
                q = None
        elif q is None and self.quantity is not None and (fund or len(c) <= 4):
            q = self.quantity
        if q is None:
            return "other", fund or self.subject or self.topic, None
        if q in ("received", "spent") and fund is None:
            for word, part in _PART_WORDS:
                if 0 <= c.find(word) < pos:
                    fund = part
        self.quantity = q
        period = None
        years = [int(y) for y in _YEAR.findall(c)]
        if (
            years
            and self.fiscal is not None
            and years[-1] != self.fiscal
            and q not in ("carryover", "balance")
        ):
            period = f"{years[-1]}年"
        return q, fund or self.subject or self.topic, period


def _label(seg: str) -> str:
    c = compact(_TITLES.sub("", seg))
    m = _last(_QUANTITY_RE, c)
    if m is not None:
        return c[m.start() :].strip(" ：:为是约了的")[:20] or m.group(0)
    s = re.split(r"[，,；;。（(]", seg)[-1]
    return s.strip(" ：:为是约了的")[-20:] or seg.strip(" ，,；;：:")[-20:]


def _prose(doc: Document, facts: Facts, fiscal: int | None) -> None:
    topic: str | None = None
    para_key: tuple[int | None, int | None, int | None, int | None] | None = None
    prev_q: MoneyQuantity | None = None
    for unit in iter_sentences_joined(doc):
        loc = unit.location
        key = (loc.block, loc.table, loc.row, loc.col)
        if key != para_key:
            para_key = key
            prev_q = None
            topic = None
            m = _TOPIC.match(unit.text)
            if m:
                topic = m.group(1)
        if "元" not in unit.text:
            continue
        try:
            prev_q = _amounts_in(unit, facts, fiscal, topic, prev_q)
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(note("sentence_skipped", part="money", text=unit.text[:40], reason=str(exc)))


def _amounts_in(
    unit: TextUnit, facts: Facts, fiscal: int | None, topic: str | None, prev_q: MoneyQuantity | None
) -> MoneyQuantity | None:
    text = unit.text
    walker = _Sentence(fiscal, topic, prev_q)
    last_end = 0
    # "三个部分预算资金分别30万元、12万元、8万元" are parts of the budget, not budgets
    listed = [(b.start("items"), b.end("items")) for b in PARTS_LIST.finditer(text)] if "分别" in text else []
    breakdown = _Breakdown()
    for m in AMOUNT_WITH_UNIT.finditer(text):
        if _THRESHOLD_AFTER.match(text, m.end()):
            last_end = m.end()
            continue
        n = parse_number(m.group("num").replace("−", "-"))
        if n is None:
            continue
        seg = text[last_end : m.start()]
        last_end = m.end()
        quantity, fund, period = walker.classify(seg)
        if any(a <= m.start() < b for a, b in listed):
            quantity = "other"
        full = _FULL_AFTER.match(text, m.end())
        if quantity == "addition" and n.value < 0:
            quantity = "reduction"
            n = Num(value=-n.value, text=n.text.lstrip("-−"), decimals=n.decimals)
        facts.money.append(
            MoneyClaim(
                quantity=quantity,
                label=_label(seg),
                amount=n,
                unit=m.group("unit"),  # type: ignore[arg-type]
                unit_source="inline",
                period=period,
                fund=fund,
                qualifier=breakdown.qualify(seg, text[m.end() : m.end() + 8], quantity, fund),
                source=unit.quote(),
                said_full=full.group(1) if full else None,
            )
        )
    for m in _CN_MONEY.finditer(text):
        v = cn_to_int(m.group(1))
        if v is None:
            continue
        facts.money.append(
            MoneyClaim(
                quantity="other",
                label=_label(text[: m.start()]),
                amount=Num(value=Decimal(v), text=m.group(1), decimals=0),
                unit="元",
                unit_source="inline",
                source=unit.quote(),
            )
        )
    return walker.quantity


class _Breakdown:
    """Qualifiers of the amounts of one sentence: after "其中" an amount of the quantity
    stated before it is a part of that whole ("已拨付120万元，其中一期拨付60万元、二期60万元"),
    and so is every later amount of that quantity until a remainder ("剩余80万元待拨付")."""

    def __init__(self) -> None:
        self.wholes: set[tuple[str, str | None]] = set()
        self.after_whole = False
        self.part_of: tuple[str, str | None] | None = None

    def qualify(self, seg: str, after: str, quantity: MoneyQuantity, fund: str | None) -> Qualifier | None:
        c = compact(_TITLES.sub("", seg))
        _, pos = _quantity_in(c)
        q = qualifier_of(c, compact(after), pos)
        if "其中" in c:
            self.after_whole = True
        # "支出422.80万元，其中基本支出218.57万元" names another fund: a quantity of its own
        what = (quantity, fund)
        if q is None and (what == self.part_of or (self.after_whole and what in self.wholes)):
            q = "part"
        if q == "part":
            self.part_of = what
        if not self.after_whole and q is None:
            self.wholes.add(what)
        return own_qualifier(q, quantity)


def own_qualifier(q: Qualifier | None, quantity: str) -> Qualifier | None:
    """Drop a qualifier the quantity already carries: money spent or received is
    completed. A requested amount (申请预算资金) is not the budget, nor a completed one
    (完成预算资金)."""
    if q == "completed" and quantity not in _PLANNED_QUANTITIES:
        return None
    if q == "remainder" and quantity in ("balance", "carryover"):
        return None  # a balance is what remains: "尚有结余资金5万元" is the balance itself
    if quantity in ("detail", "total", "other") and q in ("planned", "completed", "target"):
        return None
    return q


_PLANNED_QUANTITIES = ("budget", "addition", "reduction", "adjusted_budget", "estimate", "bid", "contract", "investment")


# ---------------------------------------------------------------- tables



def _strip_label(label: str) -> str:
    s = compact(label)
    s = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])", "", s)
    s = re.sub(r"^其中[：:]?", "", s)
    s = re.sub(r"[（(][^)）]*[)）]", "", s)
    return s


_WHOLE = ("本年支出", "支出", "资金情况", "资金", "项目资金", "年度资金总额", "资金总额", "类别", "项目")


def _fund_of(label: str, topic: str | None) -> str | None | bool:
    """The fund a row/column label names; False when the label is only a subtotal word
    (小计: look further up), None when it names the whole."""
    s = _strip_label(label)
    if s in ("小计", "合计"):
        return False
    if s == "总计":
        return topic or "总计"
    s = lexicon().total_pattern("end").sub("", s)  # "项目支出合计" names the fund 项目支出
    if not s or s in _WHOLE or _QUANTITY_RE.fullmatch(s) or _QUANTITY_RE.fullmatch(s.rstrip("数")):
        return topic
    return s


def _fund_from(labels: list[str], topic: str | None) -> str | None:
    for lab in reversed(labels):  # the lowest header cell is the most specific
        f = _fund_of(lab, topic)
        if f is False:
            continue
        return f  # type: ignore[return-value]
    return topic


def _unit_for_table(doc: Document, table: Table) -> tuple[str | None, str]:
    u = table_unit_cell(table)
    if u:
        return u, "cell"
    for p in preceding_paragraphs(doc, table, limit=3):
        u = unit_in_note(p.text)
        if u:
            return u, "note"
    if table.caption:
        u = unit_in_note(table.caption) or unit_in_header(table.caption)
        if u:
            return u, "note"
    return None, "assumed"


def _is_detail_table(doc: Document, table: Table) -> bool:
    texts = [table.caption or ""] + [p.text for p in preceding_paragraphs(doc, table, limit=2)]
    return any("明细" in t for t in texts)


_MAX_KEY_LABEL = 14


def _label_quantity(label: str) -> MoneyQuantity | None:
    c = _strip_label(label)
    if not c or len(compact(label)) > _MAX_KEY_LABEL:
        return None
    # a fund names no quantity: "一般公共预算" is a source of money, not a budget figure
    q, _ = _quantity_in(_FUND_RE.sub("", c))
    return q


class _Unreliable(Exception):
    """A table whose header does not line up with its numbers (a converter shifted it)."""


class _TableReader:
    def __init__(self, doc: Document, table: Table, facts: Facts) -> None:
        self.doc = doc
        self.table = table
        self.facts = facts
        self.out: list[MoneyClaim] = []
        self.grid = table.grid()
        self.texts = [[c.text if c is not None else "" for c in row] for row in self.grid]
        self.unit, self.unit_source = _unit_for_table(doc, table)
        # An income table (收入预算执行情况表): its totals are income, not spending.
        self.topic = "收入" if "收入" in compact(table.caption or "") else None
        self.detail_doc = _is_detail_table(doc, table)
        self.subtotals = False
        self.base = f"t{table.index}"
        self.single_row = sum(1 for r in self.texts if self._numbers(r)) == 1

    def _numbers(self, row: list[str]) -> list[int]:
        return [c for c, t in enumerate(row) if _num_cell(t) is not None and not self._is_seq(c, t)]

    def _is_seq(self, c: int, text: str) -> bool:
        n = _num_cell(text)
        return (
            c == 0
            and n is not None
            and n.decimals == 0
            and "," not in n.text
            and not n.percent
            and n.value < 1000
        )

    def _row_is_header(self, row: list[str]) -> bool:
        return is_label_row(row)

    def _col_labels(self, headers: list[list[str]], c: int) -> list[str]:
        labels: list[str] = []
        for h in headers:
            t = h[c] if c < len(h) else ""
            if compact(t) and (not labels or compact(labels[-1]) != compact(t)):
                labels.append(t)
        return labels  # top to bottom

    def read(self) -> bool:
        """Reads the table's amounts; False when it is not a money table or not readable."""
        head_all = compact(" ".join(" ".join(r) for r in self.texts[:3]))
        if any(w in head_all for w in _NOT_MONEY_TABLE):
            return False
        headers: list[list[str]] = []
        in_data = False
        detail_section = False
        self.fresh_header = False
        try:
            for r, row in enumerate(self.texts):
                if self._row_is_header(row):
                    if in_data:
                        headers, in_data = [], False
                    headers = (headers + [row])[-3:]
                    self.fresh_header = True
                    joined = compact(" ".join(row))
                    detail_section = any(w in joined for w in _DETAIL_WORDS)
                    continue
                if not self._numbers(row):
                    continue  # a text row (a description, a note): neither header nor data
                in_data = True
                self._data_row(r, row, headers, detail_section)
                self.fresh_header = False
        except _Unreliable as exc:
            why = exc.args[0] if exc.args else str(exc)
            self.facts.notes.append(note("table_skipped", part="money", table=self.table.index + 1, reason=[why]))
            return False
        self._close_groups()
        self.facts.money.extend(self.out)
        return True

    # -------- data rows

    def _data_row(self, r: int, row: list[str], headers: list[list[str]], detail: bool) -> None:
        cells = self.grid[r]
        nums = self._numbers(row)
        first_num = nums[0]
        label_parts: list[str] = []
        for c in range(first_num):
            t = row[c].strip()
            if t and _num_cell(t) is None and is_filled(t) and (not label_parts or label_parts[-1] != t):
                label_parts.append(t)
        if (
            not label_parts
            and first_num > 0
            and not compact(row[0])
            and headers
            and compact(headers[-1][0])
            and _label_quantity(headers[-1][0]) is None
        ):
            label_parts = [headers[-1][0]]  # "资金情况" over an empty merged cell
        row_label = label_parts[-1] if label_parts else ""
        # "自评分值 | 100 | 自评等级 | 优": label and value pairs; each value's label is
        # the text just left of it, not a column header.
        kv = any(
            is_filled(row[c]) and _num_cell(row[c]) is None
            for c in range(first_num + 1, nums[-1])
        )
        money_cols = []
        for c in nums:
            if kv:
                left = next(
                    (row[k] for k in range(c - 1, -1, -1) if compact(row[k]) and _num_cell(row[k]) is None),
                    "",
                )
                q = _label_quantity(left)
                n = _num_cell(row[c])
                if q is not None and n is not None and not n.percent and cells[c] is not None:
                    unit, source = self._cell_unit([], [left])
                    if unit is not None:
                        self._emit(q, compact(left)[:40], n, unit, source, None, None, cells[c])  # type: ignore[arg-type]
                continue
            col_labels = self._col_labels(headers, c)
            if headers and not col_labels and self.fresh_header:
                raise _Unreliable(note("numbers_without_header", row=r + 1, col=c + 1))
            n = _num_cell(row[c])
            if n is None or n.percent:
                continue
            col_text = compact(" ".join(col_labels))
            if any(w in col_text for w in _NOT_MONEY_COL) or any(
                w in compact(row_label) for w in _NOT_MONEY_ROW
            ):
                continue
            money_cols.append((c, n, col_labels))
        if not money_cols:
            return
        # "项目资金（万元） | 年初预算数 | …": the label column's header may carry the unit.
        label_headers = [lab for k in range(first_num) for lab in self._col_labels(headers, k)]
        stripped = _strip_label(row_label)
        is_total_row = lexicon().total_kind(stripped, "end") is not None
        item_style = detail or self.detail_doc or self._item_style(headers)
        detail_line = item_style and len(money_cols) == 1
        for c, n, col_labels in money_cols:
            cell = cells[c]
            if cell is None:
                continue
            if detail_line:
                quantity, fund = None, None
            else:
                quantity, fund = self._classify(col_labels, label_parts)
                if quantity is None:
                    continue
            unit, source = self._cell_unit(col_labels, label_parts + label_headers)
            if unit is None:
                self.facts.notes.append(note("money_no_unit", table=self.table.index + 1, row=r + 1, figure=n.text))
                continue
            if detail_line:
                self._detail(r, label_parts, n, unit, source, cell, is_total_row)
                continue
            assert quantity is not None
            if quantity == "addition" and n.value < 0:
                quantity = "reduction"
                n = Num(value=-n.value, text=n.text.lstrip("-−"), decimals=n.decimals)
            label = " ".join(
                x for x in (compact(row_label), compact(col_labels[-1]) if col_labels else "") if x
            )
            self._emit(quantity, label[:40], n, unit, source, fund, None, cell)

    def _item_style(self, headers: list[list[str]]) -> bool:
        joined = compact(" ".join(" ".join(h) for h in headers))
        return any(w in joined for w in _DETAIL_WORDS) or "支出类别" in joined

    def _cell_unit(self, col_labels: list[str], label_parts: list[str]) -> tuple[str | None, str]:
        for lab in reversed(col_labels):
            u = unit_in_header(lab) or unit_in_note(lab)
            if u:
                return u, "column"
        for lab in label_parts:
            u = unit_in_header(lab) or unit_in_note(lab)
            if u:
                return u, "row"
        if self.unit:
            return self.unit, self.unit_source
        if self.detail_doc:
            return "元", "assumed"
        return None, "assumed"

    def _classify(
        self, col_labels: list[str], label_parts: list[str]
    ) -> tuple[MoneyQuantity | None, str | None]:
        row_label = label_parts[-1] if label_parts else ""
        col_q = None
        for lab in reversed(col_labels):
            col_q = _label_quantity(lab)
            if col_q is not None:
                break
        row_q0 = _label_quantity(row_label)
        if (
            col_q is not None
            and row_q0 in ("carryover", "balance")
            and _QUANTITY_RE.fullmatch(_strip_label(row_label).rstrip("数"))
        ):
            return row_q0, None
        if col_q is not None:
            fund = None if self.single_row else _fund_from([row_label] if row_label else [], self.topic)
            return col_q, fund
        row_q = _label_quantity(row_label)
        if row_q in ("carryover", "balance") and _QUANTITY_RE.fullmatch(_strip_label(row_label).rstrip("数")):
            # "年初结转结余 | - | 25.32 | 25.32": a stock row names its own quantity.
            return row_q, None
        if row_q is not None:
            return row_q, _fund_from(col_labels, self.topic)
        if lexicon().total_kind("".join(compact(x) for x in col_labels), "any", ("tally",)) and any(
            "资金" in compact(x) for x in label_parts
        ):
            return "adjusted_budget", None  # 资金情况 | 合计 on a cover table
        return None, None

    # -------- detail lines

    def _detail(
        self, r: int, label_parts: list[str], n: Num, unit: str, source: str, cell: Cell, total: bool
    ) -> None:
        row = self.grid[r]
        category = None
        if row and row[0] is not None and row[0].row_span > 1:
            category = compact(row[0].text)
        label = _strip_label(label_parts[-1]) if label_parts else ""
        if total and "小计" in label and category:
            self._emit("total", "小计", n, unit, source, None, f"{self.base}:{category}", cell)
            self._emit("detail", f"{category}小计", n, unit, source, None, self.base, cell)
            self.subtotals = True
            return
        if total:
            self._emit("total", label or "合计", n, unit, source, None, self.base, cell)
            return
        group = f"{self.base}:{category}" if category else self.base
        text_parts = [
            p for p in label_parts if not re.fullmatch(r"[\w-]{1,12}", compact(p)) or len(label_parts) == 1
        ]
        self._emit("detail", _detail_label(text_parts or label_parts), n, unit, source, None, group, cell)

    def _close_groups(self) -> None:
        """A detail block with no 合计 row: the table's own 支出数 is the lines' total."""
        mine = [m for m in self.out if m.group]
        if not mine or self.subtotals or any(m.quantity == "total" and m.group == self.base for m in mine):
            return
        spent = [m for m in self.out if m.quantity == "spent" and m.group is None]
        if spent:
            s = spent[-1]
            self.out.append(
                s.model_copy(
                    update={"quantity": "total", "group": self.base, "label": f"{s.label}（明细合计）"}
                )
            )

    def _emit(
        self,
        quantity: MoneyQuantity,
        label: str,
        n: Num,
        unit: str,
        source: str,
        fund: str | None,
        group: str | None,
        cell: Cell,
    ) -> None:
        qualifier = None if group else own_qualifier(qualifier_of(compact(label)), quantity)
        self.out.append(
            MoneyClaim(
                quantity=quantity,
                label=label or quantity,
                amount=n,
                unit=unit,  # type: ignore[arg-type]
                unit_source=source,  # type: ignore[arg-type]
                fund=fund,
                group=group,
                qualifier=qualifier,
                source=Quote(location=cell.location, text=cell.text),
            )
        )


def _detail_label(parts: list[str]) -> str:
    return max(parts, key=len)[:40] if parts else ""


def _tables(doc: Document, facts: Facts) -> None:
    for table in doc.tables():
        try:
            reader = _TableReader(doc, table, facts)
            if not reader.read():
                continue
            # Detail tables are summed by their own lines above; a table that names no
            # money quantity and no money unit is not a money table.
            if any(m.group for m in reader.out) or not (
                reader.unit or any(m.quantity != "other" for m in reader.out)
            ):
                continue
            facts.money_sums.extend(_SumReader(doc, table, reader).read())
        except (ValueError, IndexError, TypeError, ArithmeticError) as exc:
            facts.notes.append(
                note("table_skipped", part="money", table=table.index + 1, reason=f"{type(exc).__name__}: {exc}")
            )


# ---------------------------------------------------------------- arithmetic inside a table

# A table's own arithmetic: a 合计/小计/总计 line is the sum of the lines it closes (rows
# or columns), "年度资金总额 | 其中：A | B | C" opens with its total, and a row laid out as
# 到位 | 支出 | 结余 or 年初预算 | 追加 | 调整后预算 adds up across. The structure comes
# from the labels; a structure is kept only where the other lines of the table bear it
# out (most columns add up), so a misread layout yields no claim rather than a false one.
# Each relation and line becomes a `MoneySum` keyed "t<table>:sum:…" (rule MONEY008).

_SUM_NOT_MONEY = (*_NOT_MONEY_COL, "分数", "次数", "人次", "个数", "户数", "天数")


def _line_kind(label: str) -> str:
    s = _strip_label(label)
    if not s:
        return "blank"
    kind = lexicon().total_kind(s, "end", ("tally", "amount"))
    return "sub" if kind == "subtotal" else kind or "item"


def _sum_structure(labels: list[tuple[str, str]]) -> list[tuple[int, list[int], bool]]:
    """(total line, term lines, plain) for a sequence of line labels (label, parent
    header). `plain`: the terms are ordinary items, not earlier totals (safe to read on a
    single line of figures)."""
    out: list[tuple[int, list[int], bool]] = []
    top: list[int] = []
    seg: list[int] = []
    totals: set[int] = set()
    first_total: int | None = None  # "总额 | 其中：A | B": the block's total comes first
    first_terms: list[int] = []
    kinds = [_line_kind(label) for label, _ in labels]
    for i, (label, parent) in enumerate(labels):
        raw = compact(label)
        kind = kinds[i]
        if raw.startswith("其中"):
            if i > 0 and i - 1 in totals and first_total is None:
                first_total, first_terms = i - 1, [i]
                continue
            return out  # "其中" under an item: where its parts end is not written
        if first_total is not None:
            if kind == "item":
                first_terms.append(i)
                continue
            if len(first_terms) >= 2:
                out.append((first_total, first_terms, True))
            first_total, first_terms = None, []
        if kind == "blank":
            return out
        if kind == "item":
            top.append(i)
            seg.append(i)
        elif kind == "sub":
            terms = [j for j in seg if labels[j][1] == parent] if parent else list(seg)
            if len(terms) >= 2:
                out.append((i, terms, True))
            top = [j for j in top if j not in terms] + [i]
            seg = []
            totals.add(i)
        else:
            if len(top) >= 2:
                out.append((i, list(top), not any(j in totals for j in top)))
            top, seg = [i], []
            totals.add(i)
    if first_total is not None and len(first_terms) >= 2:
        out.append((first_total, first_terms, True))
    if not out and len(kinds) >= 2 and kinds[0] == "total" and all(k == "item" for k in kinds[1:]):
        # "合计 | 中央资金 | 省级资金 | 市级资金 | 区级资金": the total leads, its parts follow
        out.append((0, list(range(1, len(kinds))), True))
    return out


def _half(n: Num) -> Decimal:
    return Decimal(5) / (Decimal(10) ** (n.decimals + 1))


def _adds_up(total: Num, terms: list[Num], signs: list[int]) -> bool:
    """Within the printed precision of every figure (each stands for its rounding interval)."""
    s = sum((t.value * k for t, k in zip(terms, signs, strict=True)), Decimal(0))
    slack = _half(total) + sum((_half(t) for t in terms), Decimal(0))
    return abs(s - total.value) <= slack


_QUANTITY_RELATIONS: list[tuple[str, tuple[tuple[str, int], ...]]] = [
    ("received", (("spent", 1), ("balance", 1))),
    ("adjusted_budget", (("budget", 1), ("addition", 1), ("reduction", -1))),
]


class _SumReader:
    """Finds the arithmetic a money table prints and emits it as total/detail claims."""

    def __init__(self, doc: Document, table: Table, reader: _TableReader) -> None:
        self.table = table
        self.grid = reader.grid
        self.texts = reader.texts
        self.reader = reader
        self.unit = reader.unit
        self.unit_source = reader.unit_source if reader.unit else "assumed"
        self.out: list[MoneySum] = []

    def _value(self, r: int, c: int) -> Num | None | bool:
        """The figure at (r, c): a Num, True for a nil mark ('-', blank-as-zero), None for none."""
        cell = self.grid[r][c]
        if cell is None or cell.row != r or cell.col != c:
            return None
        if lexicon().is_nil(cell.text):
            return True
        n = _num_cell(cell.text)
        if n is None or n.percent:
            return None
        return n

    def blocks(self) -> list[tuple[list[list[str]], list[int]]]:
        """(header rows, data rows) for each header-and-figures block of the table."""
        out: list[tuple[list[list[str]], list[int]]] = []
        headers: list[list[str]] = []
        rows: list[int] = []
        for r, row in enumerate(self.texts):
            if self.reader._row_is_header(row):
                if rows:
                    out.append((headers, rows))
                    headers, rows = [], []
                headers = (headers + [row])[-3:]
                continue
            if not self.reader._numbers(row):
                if rows:
                    out.append((headers, rows))
                    headers, rows = [], []
                continue
            rows.append(r)
        if rows:
            out.append((headers, rows))
        return out

    def read(self) -> list[MoneySum]:
        for headers, rows in self.blocks():
            self._block(headers, rows)
        return self.out

    def _block(self, headers: list[list[str]], rows: list[int]) -> None:
        first = min(self.reader._numbers(self.texts[r])[0] for r in rows)
        n_cols = len(self.texts[0]) if self.texts else 0
        row_labels: list[str] = []
        for r in rows:
            parts = [
                self.texts[r][c].strip()
                for c in range(first)
                if is_filled(self.texts[r][c])
            ]
            row_labels.append(parts[-1] if parts else "")
        cols: list[int] = []
        col_labels: list[list[str]] = []
        for c in range(first, n_cols):
            labs = self.reader._col_labels(headers, c)
            text = compact(" ".join(labs))
            if any(w in text for w in _SUM_NOT_MONEY) or re.search(r"率$", text):
                continue
            if not any(isinstance(self._value(r, c), Num) for r in rows):
                continue
            cols.append(c)
            col_labels.append(labs)
        rows_ok = [
            (r, lab)
            for r, lab in zip(rows, row_labels, strict=True)
            if not any(w in compact(lab) for w in (*_NOT_MONEY_ROW, "率"))
        ]
        if not cols or not rows_ok:
            return
        keep_rows = [r for r, _ in rows_ok]
        # Rows: each row is a line, each column a vector of figures.
        if any(row_labels):
            lines = [(lab, "") for _, lab in rows_ok]
            self._relations("r", lines, keep_rows, cols, lambda i, v: (keep_rows[i], v))
        if headers:
            lines = [(labs[-1] if labs else "", labs[-2] if len(labs) > 1 else "") for labs in col_labels]
            self._relations("c", lines, cols, keep_rows, lambda i, v: (v, cols[i]))
            self._quantities(cols, col_labels, keep_rows)

    def _relations(
        self, axis: str, lines: list[tuple[str, str]], line_ids: list[int], vectors: list[int], at
    ) -> None:  # type: ignore[no-untyped-def]
        for total, terms, plain in _sum_structure(lines):
            self._check(
                f"{axis}{line_ids[total]}",
                [(at(total, v), [(at(j, v), 1) for j in terms]) for v in vectors],
                plain,
                lines[total][0],
            )

    def _quantities(self, cols: list[int], col_labels: list[list[str]], rows: list[int]) -> None:
        """到位 = 支出 + 结余 and 调整后 = 年初 + 追加 − 调减 across a row, where the
        columns name those quantities (a carry-over column makes the sum ambiguous, unless
        a 小计 column states it, which the sums above read)."""
        by_q: dict[str, list[int]] = {}
        for c, labs in zip(cols, col_labels, strict=True):
            q = _label_quantity(labs[-1]) if labs else None
            if q is not None and _line_kind(labs[-1]) == "item":
                by_q.setdefault(q, []).append(c)
        if any(len(v) > 1 for v in by_q.values()):
            return
        for total_q, parts in _QUANTITY_RELATIONS:
            if total_q not in by_q:
                continue
            if total_q == "adjusted_budget" and "carryover" in by_q:
                continue
            present = [(by_q[q][0], k) for q, k in parts if q in by_q]
            if len(present) < 2:
                continue
            tc = by_q[total_q][0]
            self._check(
                f"q{tc}",
                [((r, tc), [((r, c), k) for c, k in present]) for r in rows],
                True,
                "",
            )

    def _check(self, key: str, vectors, plain: bool, label: str) -> None:  # type: ignore[no-untyped-def]
        checked: list[tuple[tuple[int, int], Num, list[tuple[tuple[int, int], Num, int]]]] = []
        ok = fail = 0
        for (tr, tc), terms in vectors:
            tv = self._value(tr, tc)
            if not isinstance(tv, Num):
                continue
            nums: list[tuple[tuple[int, int], Num, int]] = []
            missing = False
            for (r, c), k in terms:
                v = self._value(r, c)
                if v is None:
                    missing = True
                    break
                if isinstance(v, Num):
                    nums.append(((r, c), v, k))
            if missing or not nums:
                continue
            good = _adds_up(tv, [n for _, n, _ in nums], [k for _, _, k in nums])
            ok += good
            fail += not good
            checked.append(((tr, tc), tv, nums))
        if not checked:
            return
        if len(checked) == 1 and not plain:
            return  # one line of figures cannot confirm a structure that nests totals
        if len(checked) > 1 and (ok == 0 or fail > ok):
            return  # the lines do not bear the structure out: the layout was misread
        base = f"t{self.table.index}:sum:{key}"
        for (tr, tc), tv, nums in checked:
            parts = []
            for (r, c), n, k in nums:
                if k < 0:
                    n = Num(value=-n.value, text=f"-{n.text}", decimals=n.decimals)
                parts.append(self._claim("detail", self._label(r, c), n, r, c))
            total = self._claim("total", label or self._label(tr, tc), tv, tr, tc)
            self.out.append(MoneySum(key=f"{base}:{tr}.{tc}", total=total, parts=parts))

    def _label(self, r: int, c: int) -> str:
        row = self.texts[r]
        left = next(
            (
                compact(row[k])
                for k in range(c - 1, -1, -1)
                if is_filled(row[k]) and _num_cell(row[k]) is None
            ),
            "",
        )
        up = next(
            (
                compact(self.texts[k][c])
                for k in range(r - 1, -1, -1)
                if compact(self.texts[k][c]) and _num_cell(self.texts[k][c]) is None
            ),
            "",
        )
        return " ".join(x for x in (left, up) if x)[:40]

    def _claim(self, quantity: MoneyQuantity, label: str, n: Num, r: int, c: int) -> MoneyClaim:
        cell = self.grid[r][c]
        assert cell is not None
        return MoneyClaim(
            quantity=quantity,
            label=label or quantity,
            amount=n,
            unit=(self.unit or "元"),  # type: ignore[arg-type]
            unit_source=self.unit_source,  # type: ignore[arg-type]
            source=Quote(location=cell.location, text=cell.text),
        )


def extract_money(doc: Document, facts: Facts) -> None:
    fiscal = fiscal_year(doc)
    _prose(doc, facts, fiscal)
    _tables(doc, facts)
    facts.money.sort(key=_order)


def _order(m: MoneyClaim) -> tuple[int, int, int, int]:
    loc = m.source.location
    return (loc.block if loc.block is not None else 10**9, loc.row or 0, loc.col or 0, loc.char_start or 0)
