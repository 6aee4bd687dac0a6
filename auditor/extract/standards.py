"""Scoring standards (评分标准) in table cells and sentences: their bands and formulas.

"满意度≥90%得满分；85%≤满意度<90%得5分；80%≤满意度<85%得3分；满意度<80%不得分" gives
four bands (lower, upper, points; 满分 is the row's weight); "若业务维护率<100%，得分=
内容维护率*标准分" names the rate its formula multiplies. What is read is printed: a
clause that scores per unit (每…扣), a range with no figure, or a rule the reader cannot
cut into a condition and points is left as it is and marks the standard as not fully
read (`complete` False), so that gaps are never claimed on a partial reading.

An endpoint written with 以上/以下 or a dash range (80%-90%) does not say whether it
includes its figure: it is kept `loose`, and only overlaps and gaps of positive width are
judged at such an end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.extract.score_tables import column_role
from auditor.facts import Facts, Num, Quote, ScoringStandard, StandardBand
from auditor.models import Document, Paragraph, Table
from auditor.normalize import compact
from auditor.numbers import parse_number
from auditor.tables.cells import points_in_cell

_HEADER = re.compile(r"^(?:评[（(]?扣?[)）]?分|计分|扣分|评价)(?:标准|细则|办法|方法|规则)")
_PARA = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．])?(?:评[（(]?扣?[)）]?分)(?:标准|细则)[：:](?P<body>.+)$")
_CLAUSE = re.compile(r"[；;。\n]|(?=[①②③④⑤⑥⑦⑧⑨⑩])")
_CMP = {"≥": "≥", ">=": "≥", "≧": "≥", ">": ">", "＞": ">", "≤": "≤", "<=": "≤", "≦": "≤", "<": "<", "＜": "<", "=": "=", "＝": "="}
_OP = r"(?:>=|<=|≥|≧|≤|≦|＞|＜|>|<|=|＝)"
_NUM = r"(\d+(?:\.\d+)?)(%?)"
_VAR = r"([\u4e00-\u9fff“”\"]{1,24}?)"
_TWO_SIDED = re.compile(_NUM + r"\s*(" + _OP + r")\s*" + _VAR + r"\s*(" + _OP + r")\s*" + _NUM)
_VAR_FIRST = re.compile(_VAR + r"\s*(" + _OP + r")\s*" + _NUM)
_ABOVE = re.compile(_NUM + r"\s*(?:[（(]含[^）)]{0,6}[)）])?\s*(以上|以下|及以上|及以下)(?:\s*[（(](含|不含)[^）)]{0,6}[)）])?")
_RANGE = re.compile(_NUM + r"\s*[-－—~～至到]\s*" + _NUM)
_POINTS = re.compile(r"(?:得|计|给|赋)\s*(\d+(?:\.\d+)?)\s*分")
_FULL = re.compile(r"得满分|计满分|给满分|满分")
_ZERO = re.compile(r"不得分|得0分|计0分|得零分")
_FORMULA = re.compile(
    r"得分\s*[=＝]\s*(?P<rate>[\u4e00-\u9fff“”\"]{2,24}?率)\s*[×*xX]\s*(?:该项|本项|指标)?(?:标准分|分值|权重|满分)"
)
_SCORED = re.compile(r"得|扣|计分|赋分")
_FRAGMENT = re.compile(r"[^；;。\n，,①②③④⑤⑥⑦⑧⑨⑩]*(?:[；;。\n，,]|(?=[①②③④⑤⑥⑦⑧⑨⑩])|$)")
_WORDS = re.compile(
    r"(不低于|不少于|不小于|达到|高于|大于|超过|多于|不高于|不超过|不大于|不多于|低于|小于|少于|不足)\s*" + _NUM
)
_BARE = re.compile(r"^(" + _OP + r")\s*" + _NUM)
_PARTS = re.compile(r"占(?:总分|分值|权重)?的?\d+(?:\.\d+)?%(?:的)?(?:权重|分值)|权重分|分别(?:得|计)")
_SKIP = re.compile(r"每|扣|酌情|视情|按比例|插值|之间")
_LEAD_WORDS = re.compile(r"^(?:[若如当且并]|如果|其中|的)+")


@dataclass
class _Bound:
    lower: Decimal | None = None
    lower_inclusive: bool = True
    upper: Decimal | None = None
    upper_inclusive: bool = False
    loose: bool = False
    variable: str | None = None
    percent: bool = False


def extract_standards(doc: Document, facts: Facts) -> None:
    for block in doc.blocks:
        if isinstance(block, Table):
            facts.standards.extend(_table_standards(block))
        elif isinstance(block, Paragraph):
            m = _PARA.match(compact(block.text))
            if m is not None:
                std = read_standard(m.group("body"), None, None, [], Quote(location=block.location, text=block.text))
                if std is not None:
                    facts.standards.append(std)


def read_standard(
    text: str, indicator: str | None, weight: Num | None, others: list[str], source: Quote
) -> ScoringStandard | None:
    """The bands and formula of one standard, or None when it gives neither."""
    bands: list[StandardBand] = []
    variables: set[str] = set()
    formula_rate: str | None = None
    complete = True
    percents: set[bool] = set()
    for raw in _clauses(text):
        clause = compact(raw).strip("①②③④⑤⑥⑦⑧⑨⑩，,")
        if not clause:
            continue
        f = _FORMULA.search(clause)
        if f is not None:
            formula_rate = _strip_var(f.group("rate"))
            clause = clause[: f.start()]
        points = _points(clause, weight)
        bound = _condition(clause)
        if bound is None:
            if points is not None or f is not None or _SCORED.search(clause):
                complete = False  # a scored clause with no condition read ("其他情况得1分", "否则按完成率计分")
            continue
        if bound.variable:
            variables.add(bound.variable)
        percents.add(bound.percent)
        if f is None and (points is None or _SKIP.search(clause)):
            complete = False
            continue
        bands.append(
            StandardBand(
                lower=bound.lower,
                lower_inclusive=bound.lower_inclusive,
                upper=bound.upper,
                upper_inclusive=bound.upper_inclusive,
                loose=bound.loose,
                points=None if f is not None else points,
                text=raw.strip().strip("，,；;。"),
            )
        )
    printed = [(b.lower, b.lower_inclusive, b.upper, b.upper_inclusive) for b in bands]
    if len(set(printed)) < len(printed) or _PARTS.search(compact(text)):
        # two bands on one interval, or shares of the points ("占50%权重分"): the standard
        # scores two measures (基本支出 / 项目支出) even when it names them alike
        variables.add("\u0000second measure")
    _cascade(bands)
    if not bands and formula_rate is None:
        return None
    return ScoringStandard(
        indicator=indicator,
        weight=weight,
        variable=next(iter(variables)) if len(variables) == 1 else None,
        variables=len(variables),
        formula_rate=formula_rate,
        others=others,
        bands=bands,
        complete=complete and len(percents) <= 1,
        source=source,
    )


def _clauses(text: str) -> list[str]:
    """The standard cut into clauses of a condition and its points, as printed: at ；。
    and circled numbers, and at a comma that ends a scored clause ("≥95%得10分，≥90%得8分");
    a condition alone before a comma ("满意度≥90%，得5分") stays with its points."""
    out: list[str] = []
    start = 0
    for piece in _FRAGMENT.finditer(text):
        end = piece.end()
        frag = text[piece.start() : end]
        hard = end >= len(text) or text[end - 1] in "；;。\n" or text[end : end + 1] in "①②③④⑤⑥⑦⑧⑨⑩"
        if hard or _SCORED.search(frag) or _FULL.search(frag):
            out.append(text[start:end])
            start = end
    if start < len(text):
        out.append(text[start:])
    return out


def _cascade(bands: list[StandardBand]) -> None:
    """'≥95%得10分，≥90%得8分，≥80%得6分': each band open upwards stops where the one above
    it starts (the reading order of a cascade), so they do not overlap."""
    open_up = sorted((b for b in bands if b.lower is not None and b.upper is None), key=lambda b: b.lower, reverse=True)  # type: ignore[arg-type, return-value]
    for above, b in zip(open_up, open_up[1:], strict=False):
        if b.lower is not None and above.lower is not None and b.lower < above.lower:
            b.upper, b.upper_inclusive = above.lower, not above.lower_inclusive


def _points(clause: str, weight: Num | None) -> Decimal | None:
    if _ZERO.search(clause):
        return Decimal(0)
    m = _POINTS.search(clause)
    if m is not None:
        return Decimal(m.group(1))
    if _FULL.search(clause):
        return weight.value if weight is not None else None
    return None


def _strip_var(v: str) -> str:
    return _LEAD_WORDS.sub("", v.strip("“”\""))


def _num(text: str) -> Decimal:
    n = parse_number(text)
    return n.value if n is not None else Decimal(text)


def _condition(clause: str) -> _Bound | None:
    """The interval a clause's condition gives, read before its points."""
    cut = re.search(r"(?:得|计|给|赋)(?:\s*\d|满分|零分)|不得分", clause)
    cond = clause[: cut.start()] if cut else clause
    m = _TWO_SIDED.search(cond)
    if m is not None:
        lo, lo_pct, op1, var, op2, hi, hi_pct = m.groups()
        pct = bool(lo_pct or hi_pct)
        if _CMP[op1] in "≤<" and _CMP[op2] in "≤<":
            return _Bound(_num(lo), _CMP[op1] == "≤", _num(hi), _CMP[op2] == "≤", False, _strip_var(var), pct)
        if _CMP[op1] in "≥>" and _CMP[op2] in "≥>":  # "95%>x≥85%"
            return _Bound(_num(hi), _CMP[op2] == "≥", _num(lo), _CMP[op1] == "≥", False, _strip_var(var), pct)
        return None
    found = list(_VAR_FIRST.finditer(cond))
    if found:
        b = _Bound()
        for v in found:
            var, op, n, pct = v.groups()
            value, op = _num(n), _CMP[op]
            b.variable = _strip_var(var) or b.variable
            b.percent = b.percent or bool(pct)
            if op in "≥>":
                b.lower, b.lower_inclusive = value, op == "≥"
            elif op in "≤<":
                b.upper, b.upper_inclusive = value, op == "≤"
            else:
                b.lower, b.upper, b.lower_inclusive, b.upper_inclusive = value, value, True, True
        return b
    m = _BARE.match(cond) or None
    if m is not None:
        op, n, pct = _CMP[m.group(1)], _num(m.group(2)), bool(m.group(3))
        if op in "≥>":
            return _Bound(n, op == "≥", None, False, False, None, pct)
        if op in "≤<":
            return _Bound(None, True, n, op == "≤", False, None, pct)
    m = _WORDS.search(cond)
    if m is not None:
        word, n, pct = m.group(1), _num(m.group(2)), bool(m.group(3))
        if word in ("不低于", "不少于", "不小于", "达到", "高于", "大于", "超过", "多于"):
            return _Bound(n, word not in ("高于", "大于", "超过", "多于"), None, False, False, None, pct)
        return _Bound(None, True, n, word in ("不高于", "不超过", "不大于", "不多于"), False, None, pct)
    m = _RANGE.search(cond)
    if m is not None:
        lo, lo_pct, hi, hi_pct = m.groups()
        return _Bound(_num(lo), True, _num(hi), True, True, None, bool(lo_pct or hi_pct))
    m = _ABOVE.search(cond)
    if m is not None:
        n, pct, word, incl = m.groups()
        inclusive = incl != "不含"
        loose = incl is None and "及" not in word and "含" not in cond[m.start() : m.end()]
        if "以上" in word:
            return _Bound(_num(n), inclusive, None, False, loose, None, bool(pct))
        return _Bound(None, True, _num(n), inclusive, loose, None, bool(pct))
    return None


def _table_standards(table: Table) -> list[ScoringStandard]:
    grid = table.grid()
    texts = [[compact(c.text) if c is not None else "" for c in row] for row in grid]
    header = next((r for r in range(min(len(texts), 5)) if any(_HEADER.match(t) for t in texts[r])), None)
    if header is None:
        return []
    std_col = next(c for c, t in enumerate(texts[header]) if _HEADER.match(t))
    roles = {c: column_role(t) for c, t in enumerate(texts[header])}
    name_cols = [c for c, r in roles.items() if r in ("name", "level") and c < std_col]
    weight_col = next((c for c, r in roles.items() if r == "weight"), None)
    if not name_cols:
        return []
    name_col = name_cols[-1]
    rows = []
    seen: set[tuple[int, int]] = set()
    for r in range(header + 1, len(grid)):
        cell, name = grid[r][std_col], grid[r][name_col]
        if cell is None or name is None or (cell.row, cell.col) in seen or not compact(cell.text):
            continue
        seen.add((cell.row, cell.col))
        if cell.row_span > 1 or cell.col_span > 1 and cell.col <= name_col:
            continue  # one standard for several rows, or a row spanning the name column
        w = grid[r][weight_col] if weight_col is not None else None
        weight = points_in_cell(w.text) if w is not None else None
        rows.append((compact(name.text), weight, cell))
    names = [n for n, _, _ in rows]
    out = []
    for name, weight, cell in rows:
        others = [n for n in names if n != name]
        std = read_standard(cell.text, name, weight, others, Quote(location=cell.location, text=cell.text))
        if std is not None:
            out.append(std)
    return out


# ---------------------------------------------------------------- what a standard says wrong


def same_points(std: ScoringStandard) -> tuple[StandardBand, StandardBand] | None:
    """Two bands of one rate with different conditions and the same points ('≥90%得满分'
    and '85%≤x<90%得5分' on a row of 5 points)."""
    if std.variables > 1:
        return None
    scored = [b for b in std.bands if b.points is not None]
    for i, a in enumerate(scored):
        for b in scored[i + 1 :]:
            if a.points == b.points and _interval(a) != _interval(b):
                return a, b
    return None


def overlap(std: ScoringStandard) -> tuple[StandardBand, StandardBand] | None:
    """Two bands that both hold some value: a stretch of positive width, or one figure
    both ends include in so many words."""
    if std.variables > 1:
        return None
    for i, a in enumerate(std.bands):
        for b in std.bands[i + 1 :]:
            lo, lo_in = _max_lower(a, b)
            hi, hi_in = _min_upper(a, b)
            if lo is None or hi is None:
                if lo is None and hi is None:
                    return a, b
                continue
            if lo < hi or (lo == hi and lo_in and hi_in and not a.loose and not b.loose):
                return a, b
    return None


def gap(std: ScoringStandard) -> tuple[StandardBand, StandardBand] | None:
    """Two neighbouring bands leaving values between them unscored: more than one unit
    (80%-89% then 90%以上 is a sloppy way to write whole percents), or one figure both ends
    leave out in so many words ('>90%' and '<90%'). Only on a standard read in full."""
    if not std.complete or std.variables > 1 or len(std.bands) < 2:
        return None
    if any(b.lower is None and b.upper is None for b in std.bands):
        return None
    ordered = sorted(std.bands, key=lambda b: (b.lower is not None, b.lower or Decimal(0)))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.upper is None or b.lower is None:
            continue
        if b.lower - a.upper > 1:
            return a, b
        if b.lower == a.upper and not a.upper_inclusive and not b.lower_inclusive and not a.loose and not b.loose:
            return a, b
    return None


def foreign_rate(std: ScoringStandard) -> str | None:
    """The rate the standard's conditions (or, without one, its row) are about, when the
    formula multiplies another: '若业务维护率<100%，得分=内容维护率*标准分'."""
    rate = std.formula_rate
    if rate is None:
        return None
    if std.variable and std.variable.endswith("率"):
        own = std.variable
        return own if not (own.endswith(rate) or rate.endswith(own)) else None
    name = std.indicator or ""
    if not name or rate in name or name.endswith(rate):
        return None
    # without a condition, only a rate that is another row's name is surely foreign
    return name if any(o == rate or o.endswith(rate) for o in std.others) else None


def _interval(b: StandardBand) -> tuple[object, ...]:
    return (b.lower, b.lower_inclusive, b.upper, b.upper_inclusive)


def _max_lower(a: StandardBand, b: StandardBand) -> tuple[Decimal | None, bool]:
    if a.lower is None:
        return b.lower, b.lower_inclusive
    if b.lower is None or a.lower > b.lower:
        return a.lower, a.lower_inclusive
    if b.lower > a.lower:
        return b.lower, b.lower_inclusive
    return a.lower, a.lower_inclusive and b.lower_inclusive


def _min_upper(a: StandardBand, b: StandardBand) -> tuple[Decimal | None, bool]:
    if a.upper is None:
        return b.upper, b.upper_inclusive
    if b.upper is None or a.upper < b.upper:
        return a.upper, a.upper_inclusive
    if b.upper < a.upper:
        return b.upper, b.upper_inclusive
    return a.upper, a.upper_inclusive and b.upper_inclusive
